"""The place stage: clause, sentence and dateline places, metonyms, senses, output records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dotterel.places import find_dateline, load_cues
from dotterel.records import Document, Location

from .conftest import make_event

DATELINE = "TOKYO, March 17 (Reuters) - "


def _where(event) -> tuple[str | None, str | None, str | None]:
    loc = event.event_loc
    return (loc.resolved_place, loc.country_code, loc.basis) if loc else (None, None, None)


# ------------------------------------------------------------------ clause places


@pytest.mark.parametrize(("text", "trigger", "place", "country"), [
    ("Japanese and Russian ministers held talks in Tokyo on Monday.", "held talks",
     "Tokyo", "JPN"),
    ("Abe met Putin at the summit in Sochi on Friday.", "met", "Sochi", "RUS"),
    ("Putin held talks with Abe at a hot-spring inn in Nagato.", "held talks", "Nagato", "JPN"),
    ("Russia deployed missiles on Kunashir Island last month.", "deployed", "Kunashir", "RUS"),
    ("Russian ships blocked Ukrainian vessels in the Kerch Strait.", "blocked",
     "Kerch Strait", "UKR"),
    ("Protesters rallied near Kyiv on Sunday.", "rallied", "Kyiv", "UKR"),
    ("Police arrested dozens of people outside Moscow.", "arrested", "Moscow", "RUS"),
    ("Chinese coast guard ships sailed near the Senkaku Islands.", "sailed",
     "Senkaku Islands", "JPN"),
    ("Abe travelled to the Russian Black Sea resort of Sochi for talks.", "travelled",
     "Sochi", "RUS"),
    ("Putin visited Japan in 2005.", "visited", "Japan", "JPN"),
    ("Russia annexed Crimea in 2014.", "annexed", "Crimea", "UKR"),
    ("Russia launched a full-scale invasion of Ukraine on Thursday.", "launched",
     "Ukraine", "UKR"),
    ("Hamas freed 24 hostages from Gaza on Friday.", "freed", "Gaza Strip", "PSE"),
    ("Japanese officials attended the Moscow summit.", "summit", "Moscow", "RUS"),
    ("Russia installed anti-ship systems on Iturup and Kunashir in November.", "installed",
     "Iturup", "RUS"),
    ("Rebels fought government troops in Donetsk region.", "fought", "Donetsk region", "UKR"),
    ("The navies began joint exercises in the Sea of Japan.", "began", "Sea of Japan", None),
])
def test_clause_place(locate, text, trigger, place, country):
    assert _where(locate(text, trigger)) == (place, country, "clause")


def test_clause_place_beats_other_places_of_the_sentence(locate):
    text = "After talks in Beijing, the ministers signed the accord in Hanoi on Monday."
    assert _where(locate(text, "signed"))[0] == "Hanoi"


def test_topic_is_not_a_place(locate):
    # 'talks on Crimea' is about Crimea; the talks were not held there.
    text = DATELINE + "Japan and Russia held talks on Crimea and the Kuril Islands."
    assert _where(locate(text, "held talks")) == ("Tokyo", "JPN", "dateline")


def test_place_inside_the_object_of_a_protest_is_a_topic(locate):
    text = DATELINE + "Japan protested against Russian military drills on Iturup."
    assert _where(locate(text, "protested", "PROTEST")) == ("Tokyo", "JPN", "dateline")


# ------------------------------------------------------------------ actors are not places


@pytest.mark.parametrize("text", [
    DATELINE + "Moscow protested against the visit on Monday.",
    DATELINE + "Moscow's foreign ministry protested against the visit on Monday.",
])
def test_acting_metonym_is_not_a_place(locate, text):
    assert _where(locate(text, "protested", "PROTEST")) == ("Tokyo", "JPN", "dateline")


def test_place_of_a_metonym_actor_in_a_locative_phrase(locate):
    text = DATELINE + "Moscow protested against the talks in Beijing on Monday."
    # 'Moscow' acts; 'in Beijing' is where the talks were, inside the protest's object.
    assert _where(locate(text, "protested", "PROTEST"))[0] == "Tokyo"


@pytest.mark.parametrize(("text", "trigger", "event_type"), [
    # 'Hamas' is a GeoNames alternate name of Hamm, Germany: alternates need a preposition
    # and never name an organisation
    (DATELINE + "Israel formally declared war on Hamas on Sunday.", "declared war", "ASSAULT"),
    # 'March' is a town in England, and a date here
    ("TOKYO (Reuters) - In March the ministers agreed to meet again.", "agreed", "AGREE"),
    # 'Baltic states' are not the Baltic Sea
    (DATELINE + "NATO deployed more troops in the Baltic states.", "deployed", "MOBILIZE"),
    # a building that stands for an institution is a place only as the object of a preposition
    (DATELINE + "Ministers praised the U.N. peace plan on Monday.", "praised", "SUPPORT"),
])
def test_words_that_are_not_places_here(locate, text, trigger, event_type):
    assert _where(locate(text, trigger, event_type))[0] == "Tokyo"


def test_name_inside_a_longer_name_is_not_a_place(locate):
    text = DATELINE + "Washington withdrew from the Paris Agreement on Thursday."
    assert _where(locate(text, "withdrew", "SANCTION"))[0] != "Paris"


# ------------------------------------------------------------------ sentence and dateline


@pytest.mark.parametrize(("text", "trigger", "place"), [
    # the trigger depends on the clause that holds the place
    ("Abe travelled to Sochi in May, proposing an eight-point plan.", "proposing", "Sochi"),
    # a conjunct of the place's verb
    ("Authorities cut internet links in the Kashmir valley and detained politicians.",
     "detained", "Kashmir Valley"),
    # the subject's place
    ("A Canadian judge in Vancouver released the executive on Friday.", "released",
     "Vancouver"),
])
def test_sentence_place(locate, text, trigger, place):
    resolved, _, basis = _where(locate(text, trigger, "RETREAT"))
    assert (resolved, basis) in {(place, "sentence"), (place, "clause")}


def test_place_of_another_events_subordinate_clause_is_not_taken(locate):
    text = ("KYIV, Nov 26 (Reuters) - Ukraine's parliament voted to impose martial law, a day "
            "after Russian vessels seized three Ukrainian ships near Crimea.")
    assert _where(locate(text, "impose martial law", "COERCE")) == ("Kyiv", "UKR", "dateline")


@pytest.mark.parametrize(("text", "place", "country"), [
    ("TOKYO, March 17 (Reuters) - Japan lodged a protest with Russia.", "Tokyo", "JPN"),
    ("UNITED NATIONS (dotterel) - The Security Council approved new sanctions.",
     "United Nations headquarters", "USA"),
    ("VLADIVOSTOK, Russia, Sept 6 - The two leaders agreed to meet again.", "Vladivostok",
     "RUS"),
    ("KIEV, Feb 24 (dotterel) - The government agreed a plan.", "Kyiv", "UKR"),
    ("TSUGOL, Russia, Sept 13 (dotterel) - The two leaders agreed a plan.", "Russia", "RUS"),
])
def test_dateline_place(locate, text, place, country):
    event = locate(text, "agreed" if "agreed" in text else ("lodged" if "lodged" in text
                                                            else "approved"), "AGREE")
    assert _where(event) == (place, country, "dateline")


@pytest.mark.parametrize(("head", "name", "qualifier", "end_text"), [
    ("TOKYO, March 17 (Reuters) - Japan", "TOKYO", None, "Japan"),
    ("UNITED NATIONS (dotterel) - The", "UNITED NATIONS", None, "The"),
    ("VLADIVOSTOK, Russia, Sept 6 - Putin", "VLADIVOSTOK", "Russia", "Putin"),
    ("WASHINGTON — The", "WASHINGTON", None, "The"),
])
def test_find_dateline(head, name, qualifier, end_text):
    from dotterel.gazetteer import load_gazetteer

    dateline = find_dateline(head, load_gazetteer())
    assert dateline is not None and dateline.text == name
    assert [q.name for q in dateline.qualifier][:1] == ([qualifier] if qualifier else [])
    assert head[dateline.end:].startswith(end_text)


@pytest.mark.parametrize("head", ["Japan and Russia held talks - on Monday.",
                                  "The 2+2 talks - TOKYO", ""])
def test_no_dateline(head):
    from dotterel.gazetteer import load_gazetteer

    assert find_dateline(head, load_gazetteer()) is None


def test_no_place_at_all(locate):
    event = locate("The ministers agreed to meet again next year.", "agreed", "AGREE")
    assert event.event_loc is None


def test_government_statement_from_abroad_is_placed_at_home(locate):
    text = "SEOUL, Aug 23 (Reuters) - Japan lodged a strong protest on Friday."
    event = locate(text, "lodged", "ACCUSE")
    assert _where(event) == ("Tokyo", "JPN", "capital")
    assert event.event_loc.extracted_place == "Japan"


def test_statement_at_an_institutions_seat_stays_at_the_dateline(locate):
    text = "UNITED NATIONS (dotterel) - Russia vetoed the resolution on Friday."
    assert _where(locate(text, "vetoed", "REJECT"))[0] == "United Nations headquarters"


def test_statement_of_a_visiting_government_stays_at_the_dateline(parse, placer):
    text = ("TOKYO, March 20 (dotterel) - Russian Foreign Minister Sergei Lavrov met Japanese "
            "Foreign Minister Fumio Kishida on Monday. Russia criticised the missile plan.")
    doc = parse(text)
    meeting = make_event(doc, "met", "CONSULT")
    criticism = make_event(doc, "criticised", "ACCUSE")
    located = placer(doc, [meeting, criticism], Document(doc_id="d", text=text))
    assert _where(located[1]) == ("Tokyo", "JPN", "dateline")


# ------------------------------------------------------------------ earlier places


@pytest.mark.parametrize(("text", "trigger", "event_type", "place"), [
    ("RIYADH, Oct 20 (dotterel) - Khashoggi was killed inside the consulate in Istanbul. "
     "Turkish investigators searched the consulate on Monday.", "searched", "ACCUSE",
     "Istanbul"),
    ("ANKARA, Oct 17 (dotterel) - Turkey agreed to suspend its military offensive in "
     "northeast Syria for five days. "
     "Turkey launched the offensive on Oct. 9.", "launched", "ASSAULT", "northeast Syria"),
    ("ANKARA, Nov 1 (dotterel) - Troops patrolled in northeast Syria on Friday. The fighters "
     "completed their withdrawal from the area.", "withdrawal", "RETREAT", "northeast Syria"),
])
def test_antecedent_place(locate, text, trigger, event_type, place):
    assert _where(locate(text, trigger, event_type))[::2] == (place, "antecedent")


def test_arrival_in_a_country_reported_from_its_city(locate):
    text = "ISLAMABAD, Sept 9 (dotterel) - Guterres arrived in Pakistan on Friday."
    assert _where(locate(text, "arrived")) == ("Islamabad", "PAK", "dateline")


def test_travel_to_a_country_stays_the_country(locate):
    text = "PORT-AU-PRINCE, Jan 16 (dotterel) - Ban said he would travel to Haiti on Sunday."
    assert _where(locate(text, "travel", "AGREE"))[:2] == ("Haiti", "HTI")


@pytest.mark.parametrize(("text", "trigger", "event_type", "place"), [
    ("Unrest spread to Almaty, where crowds stormed government buildings.", "stormed",
     "PROTEST", "Almaty"),
    ("Abiy ordered an offensive against the ruling party of the northern Tigray region.",
     "ordered", "ASSAULT", "Tigray"),
])
def test_where_and_of_places(locate, text, trigger, event_type, place):
    assert _where(locate(text, trigger, event_type))[0] == place


def test_government_of_a_country_stays_an_actor(locate):
    text = DATELINE + "The government of Japan protested on Monday."
    assert _where(locate(text, "protested", "PROTEST"))[0] == "Tokyo"


# ------------------------------------------------------------------ choosing a sense


@pytest.mark.parametrize(("text", "trigger", "actors", "place", "country"), [
    # the event's countries decide between senses of similar size
    ("Government forces shelled rebel positions in Tripoli.", "shelled", ("LBY",),
     "Tripoli", "LBY"),
    ("The Lebanese army clashed with gunmen in Tripoli.", "clashed", ("LBN",),
     "Tripoli", "LBN"),
    # a small namesake never beats a big city, whatever the actors
    ("U.S. and French officials met in Paris on Monday.", "met", ("USA",), "Paris", "FRA"),
    ("Russian and U.S. diplomats met in Moscow.", "met", ("USA",), "Moscow", "RUS"),
])
def test_disambiguation_by_actor_country_and_population(locate, text, trigger, actors, place,
                                                        country):
    event = locate(text, trigger, "CONSULT", actor_codes=actors)
    assert _where(event)[:2] == (place, country)


def test_disambiguation_by_document_focus(locate):
    text = ("Lebanon's government met on Sunday. Lebanon's prime minister said Lebanon would "
            "ask for aid. Troops were deployed in Tripoli.")
    event = locate(text, "deployed", "MOBILIZE", actor_codes=())
    assert _where(event)[:2] == ("Tripoli", "LBN")


def test_qualifier_gives_the_country(locate):
    text = "The two presidents met in Palm Beach, Florida, on Friday."
    assert _where(locate(text, "met"))[:2] == ("Palm Beach", "USA")


@pytest.mark.parametrize(("text", "place", "country"), [
    ("Russian troops poured into Georgia on Aug. 8.", "Georgia", "GEO"),
    ("Voters cast ballots in the state of Georgia on Tuesday.", "U.S. state of Georgia",
     "USA"),
])
def test_georgia(locate, text, place, country):
    trigger = "poured" if "poured" in text else "cast"
    assert _where(locate(text, trigger, "ASSAULT"))[:2] == (place, country)


# ------------------------------------------------------------------ output records


def test_country_level_location(locate):
    event = locate("Government troops fought rebels in Syria on Monday.", "fought", "ASSAULT")
    assert event.event_loc == Location(
        extracted_place="Syria", resolved_place="Syria", country_code="SYR", lat=34.8,
        lon=38.99, feature="country", resolution="country", basis="clause")


def test_country_is_refined_by_a_finer_place_of_it(locate):
    text = "Putin arrived in Japan on Thursday and held talks with Abe in Nagato."
    assert _where(locate(text, "arrived"))[:2] == ("Nagato", "JPN")


@pytest.mark.parametrize(("text", "trigger", "feature", "resolution"), [
    ("Talks were held in Tokyo.", "Talks", "city", "city"),
    ("Fighting broke out in Tigray.", "Fighting", "region", "region"),
    ("Ships collided in the Taiwan Strait.", "collided", "water", "region"),
    ("Troops were deployed across Myanmar.", "deployed", "country", "country"),
])
def test_feature_and_resolution(locate, text, trigger, feature, resolution):
    loc = locate(text, trigger, "MOBILIZE").event_loc
    assert (loc.feature, loc.resolution) == (feature, resolution)


def test_location_record_shape(locate):
    loc = locate("Talks were held in Astana.", "Talks").event_loc
    assert loc.as_dict() == {
        "extracted_place": "Astana", "resolved_place": "Astana", "country_code": "KAZ",
        "lat": 51.1801, "lon": 71.446, "feature": "city", "resolution": "city"}


@pytest.mark.parametrize(("text", "place"), [
    ("Talks were held in Nur-Sultan on Monday.", "Astana"),
    ("Talks were held in Kiev on Monday.", "Kyiv"),
    ("Talks were held in Kyiv on Monday.", "Kyiv"),
])
def test_renamed_cities(locate, text, place):
    assert _where(locate(text, "Talks"))[0] == place


# ------------------------------------------------------------------ the stage in the pipeline


def test_pipeline_gives_events_a_location(pipeline):
    text = ("TOKYO, March 20 (dotterel) - Russian Foreign Minister Sergei Lavrov met his "
            "Japanese counterpart Fumio Kishida in Tokyo on Monday.")
    events = pipeline.code_text(text, date(2017, 3, 20))
    assert events, "the event coder found no event in the test sentence"
    assert all(ev.event_loc is not None for ev in events)
    assert {ev.event_loc.resolved_place for ev in events} == {"Tokyo"}


def test_events_without_a_document_place_keep_none(pipeline, placer):
    assert placer(pipeline.nlp("No place here."), [], None) == []  # type: ignore[arg-type]


def test_cues_are_validated_and_lowercased():
    cues = load_cues()
    assert "on" in cues.locative_preps  # quoted in YAML, or it would be the boolean True
    assert "CONSULT" in cues.present_types and "ACCUSE" in cues.home_types


# ------------------------------------------------------------------ rules added for the gold set


def _with_recipients(doc, event, *codes):
    """The event with the Doc's actor entities of these codes as its recipients."""
    recipients = tuple(e for e in doc._.actors or () if e.code in codes)
    assert recipients, codes
    return replace(event, recipient=recipients)


def _place_all(parse, placer, text, *specs):
    """Locate several events of one text together; specs are (trigger, type, occurrence)."""
    doc = parse(text)
    events = [make_event(doc, trigger, event_type, occurrence)
              for trigger, event_type, occurrence in specs]
    return placer(doc, events, Document(doc_id="d", text=text))


def test_conjunct_clause_of_another_party_is_not_the_events_place(locate):
    text = ("Norway sent rescue teams to Turkey on Monday, and the Spanish foreign minister "
            "toured the quake zone in Gaziantep province on Tuesday.")
    assert _where(locate(text, "sent", "AID", actor_codes=("NOR",))) == (
        "Turkey", "TUR", "clause")
    assert _where(locate(text, "toured", "CONSULT"))[0] == "Gaziantep province"


@pytest.mark.parametrize(("event_type", "place", "basis"), [
    ("SANCTION", "Nairobi", "dateline"),  # recalling an envoy is decided at home
    ("RETREAT", "Mogadishu", "clause"),  # a pullout happens where the troops were
])
def test_origin_of_a_decision_is_not_its_place(locate, event_type, place, basis):
    what = "diplomats" if event_type == "SANCTION" else "troops"
    text = f"NAIROBI, May 4 (dotterel) - Kenya withdrew its {what} from Mogadishu on Monday."
    event = locate(text, "withdrew", event_type, actor_codes=("KEN",))
    assert _where(event)[::2] == (place, basis)


@pytest.mark.parametrize(("dateline", "where"), [
    ("BRUSSELS", ("Brussels", "BEL", "dateline")),  # at the body's seat: there
    ("SEOUL", ("Budapest", "HUN", "capital")),  # away from it: at home
])
def test_act_towards_a_body_is_placed_at_its_seat_or_at_home(parse, placer, dateline, where):
    text = f"{dateline}, May 3 (dotterel) - Hungary rejected the European Commission's proposal."
    doc = parse(text)
    event = _with_recipients(doc, make_event(doc, "rejected", "REJECT", actor_codes=("HUN",)),
                             "EUR")
    located = placer(doc, [event], Document(doc_id="d", text=text))[0]
    assert _where(located) == where


ABROAD = ("ANKARA, Oct 10 (dotterel) - Turkish troops shelled positions near Manbij on Tuesday. "
          "Turkey launched an offensive against Syrian government forces on Wednesday.")


@pytest.mark.parametrize(("text", "recipient", "place", "basis"), [
    # an attack on another country's forces, reported from the attacker's capital
    (ABROAD, "SYR", "Manbij", "antecedent"),
    # against the attacker's own people: the dateline
    (ABROAD.replace("Syrian government forces", "Turkish rebels"), "TUR", "Ankara", "dateline"),
    # no place of the target's country named before: the dateline
    (ABROAD.replace("near Manbij ", ""), "SYR", "Ankara", "dateline"),
])
def test_attack_abroad_is_placed_on_the_targets_ground(parse, placer, text, recipient, place,
                                                        basis):
    doc = parse(text)
    event = make_event(doc, "launched", "ASSAULT", actor_codes=("TUR",))
    event = replace(event, actor=tuple(e for e in event.actor if e.sector == "GOV"))
    event = _with_recipients(doc, event, recipient)
    located = placer(doc, [event], Document(doc_id="d", text=text))[0]
    assert _where(located)[::2] == (place, basis)


REPEAT = ("DHAKA, May 2 (dotterel) - Police detained dozens of opposition activists in "
          "Chittagong on Monday.\n\nPolice also detained two journalists on Tuesday.")


def _repeat(parse, placer, text, first_type="COERCE", aux=()):
    """Locate the two 'detained' events of a text, each with its subject as the actor."""
    doc = parse(text)
    events = []
    for occurrence, event_type in enumerate((first_type, "COERCE")):
        event = make_event(doc, "detained", event_type, occurrence)
        subject = tuple(e for e in event.actor if e.sector in {"COP", "MIL"})
        events.append(replace(event, actor=subject, aux=aux if occurrence == 0 else ()))
    return placer(doc, events, Document(doc_id="d", text=text))[1]


def test_same_actors_doing_the_same_again_are_where_they_were(parse, placer):
    assert _where(_repeat(parse, placer, REPEAT))[::2] == ("Chattogram", "antecedent")


@pytest.mark.parametrize("text", [
    REPEAT.replace("\n\n", "\n\nThe opposition called a strike.\n\n"),  # two paragraphs on
    REPEAT.replace("Police also detained", "Soldiers also detained"),  # other actors
])
def test_repetition_needs_the_same_actors_close_by(parse, placer, text):
    assert _where(_repeat(parse, placer, text))[::2] == ("Dhaka", "dateline")


@pytest.mark.parametrize(("first_type", "aux"), [("ASSAULT", ()), ("COERCE", ("future",))])
def test_repetition_needs_the_same_type_that_happened(parse, placer, first_type, aux):
    assert _where(_repeat(parse, placer, REPEAT, first_type, aux))[::2] == ("Dhaka", "dateline")


def test_meetings_are_not_repetitions(parse, placer):
    text = ("TOKYO, May 2 (dotterel) - Japanese officials held talks in Osaka on Monday.\n\n"
            "Japanese officials also held talks on Tuesday.")
    located = _place_all(parse, placer, text, ("held talks", "CONSULT", 0),
                         ("held talks", "CONSULT", 1))
    assert _where(located[1])[::2] == ("Tokyo", "dateline")


@pytest.mark.parametrize("trigger", ["stormed", "set fire"])
def test_where_hung_on_a_later_conjunct_opens_the_whole_clause(locate, trigger):
    text = "Unrest spread to Almaty, where crowds stormed and set fire to government buildings."
    assert _where(locate(text, trigger, "PROTEST"))[0] == "Almaty"
