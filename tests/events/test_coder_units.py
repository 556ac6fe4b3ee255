"""Unit tests of the event coder on sentences written for these tests."""

from datetime import date

import pytest

PUB = date(2017, 3, 21)  # a Tuesday

JSONL_FIELDS = {"id", "doc_id", "date", "date_precision", "date_basis", "actor", "recipient",
                "event", "mode", "context", "aux", "cameo", "quad_class", "goldstein",
                "plover_score", "event_text", "text", "text_info", "event_loc", "confidence",
                "coder"}
ENTITY_FIELDS = {"code", "sector", "other_sectors", "entity_text", "identifier_text", "office",
                 "start", "end"}


def code(pipeline, text, published=PUB):
    return pipeline.code_text(text, published)


def shapes(events):
    return [(e.event, sorted({a.code for a in e.actor}), sorted({r.code for r in e.recipient}),
             sorted(a for a in e.aux if a != "historical")) for e in events]


def test_event_record_fields_and_evidence(pipeline):
    text = "Japan's prime minister held talks with Russia's president in Moscow on Monday."
    (ev,) = code(pipeline, text)
    row = ev.as_dict()
    assert set(row) == JSONL_FIELDS
    assert set(row["actor"][0]) == ENTITY_FIELDS
    assert ev.event == "CONSULT" and ev.quad_class == 1
    info = ev.text_info
    assert text[info.trigger_start:info.trigger_end] == ev.event_text == "held talks"
    assert text[info.start:info.end] == ev.text
    assert text[ev.actor[0].start:ev.actor[0].end] == ev.actor[0].entity_text
    assert ev.coder.startswith("lexicon:consult:") and "@" in ev.coder
    assert 0 < ev.confidence <= 1
    assert ev.cameo in {"040", "043"} and ev.goldstein == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain verbs, subjects and objects
        ("Ukraine accused Russia of shelling civilian areas.", ("ACCUSE", ["UKR"], ["RUS"], [])),
        ("The Kremlin rejected the Japanese proposal on Tuesday.", ("REJECT", ["RUS"], [], [])),
        # light verb + noun, prepositional recipient
        ("The European Union imposed new sanctions on Iran.", ("SANCTION", ["EUR"], ["IRN"], [])),
        ("China lodged a formal protest with Japan.", ("ACCUSE", ["CHN"], ["JPN"], [])),
        # phrasal verb with particle
        ("The United Nations called on Myanmar to free political prisoners.",
         ("REQUEST", ["UNO"], ["MMR"], [])),
        # passive voice with agent
        ("Two Japanese fishermen were detained by Russian border guards.",
         ("COERCE", ["RUS"], ["JPN"], [])),
        # coordination of subjects
        ("China and Russia held joint naval exercises in the Sea of Japan.",
         ("COOPERATE", ["CHN", "RUS"], [], [])),
        # reported speech: the embedded event, the speaker is not the actor
        ("Peskov said Russia had expelled two Japanese diplomats.",
         ("SANCTION", ["RUS"], ["JPN"], [])),
        # negation is kept as an auxiliary mode
        ("Germany did not send tanks to Ukraine.", ("AID", ["DEU"], ["UKR"], ["negation"])),
        # future meetings are AGREE (PLOVER), with the future mode
        ("Abe will visit Moscow next month.", ("AGREE", ["JPN"], ["RUS"], ["future"])),
        # an attempt is an intent, not the event itself
        ("Egypt and Sudan are trying to settle their dispute over the dam.",
         ("AGREE", ["EGY", "SDN"], [], ["future"])),
        # conditional force is a threat
        ("Washington would impose sanctions on Tehran if it resumed enrichment.",
         ("THREATEN", ["USA"], ["IRN"], [])),
    ],
)
def test_constructions(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    etype, actor, recipient, aux = expected
    assert any(g[0] == etype and set(actor) <= set(g[1]) | set(g[2]) and set(recipient) <=
               set(g[1]) | set(g[2]) and g[3] == aux for g in got), got


def test_refusal_is_reject_not_negation(pipeline):
    got = shapes(code(pipeline, "Iran refused to meet the inspectors."))
    assert got and got[0][0] == "REJECT" and got[0][3] == []
    assert not any(g[0] == "CONSULT" for g in got)  # the refused meeting is not coded


def test_sentence_without_actor_gives_no_event(pipeline):
    assert code(pipeline, "Talks were held in a hotel on the outskirts of the city.") == []


def test_place_is_not_an_actor(pipeline):
    got = shapes(code(pipeline, "Protesters marched through central Tokyo on Sunday."))
    assert not any("JPN" in g[1] and g[0] != "PROTEST" for g in got)


def test_relative_clause_with_object_pronoun(pipeline):
    got = shapes(code(pipeline, "The sanctions, which the EU imposed on Russia, hit banks."))
    assert ("SANCTION", ["EUR"], ["RUS"], []) in got


def test_contexts_come_from_keywords(pipeline):
    (ev,) = [e for e in code(pipeline, "Russia deployed missile systems on the disputed islands.")
             if e.event == "MOBILIZE"]
    assert "military" in ev.context


def test_context_phrases_start_a_word(pipeline):
    """A context phrase counts where a word starts: 'lower house' is in 'the lower house',
    not in 'flower houses'."""
    (inside,) = code(pipeline, "Ukrainian police detained activists in the lower house.")
    (within,) = code(pipeline, "Ukrainian police detained activists in flower houses.")
    assert "legislative" in inside.context
    assert "legislative" not in within.context


def test_event_ids_are_stable(pipeline):
    text = "Israel struck targets in Gaza. Hamas fired rockets at Israel."
    first = [e.id for e in code(pipeline, text)]
    assert first == [e.id for e in code(pipeline, text)]
    assert len(set(first)) == len(first)


def test_sentence_fallback_codes_the_main_trigger_at_low_confidence(pipeline):
    """A trigger the parse links to no actor still gives the sentence its event, with the
    sentence's first actor and a confidence that says how it was found."""
    (ev,) = code(pipeline, "The Kremlin's decision to halt gas deliveries to Poland and Bulgaria.")
    assert ev.event == "SANCTION" and [a.code for a in ev.actor] == ["RUS"]
    assert sorted(r.code for r in ev.recipient) == ["BGR", "POL"]
    assert ev.extra["how"] == "sentence" and ev.confidence <= 0.5


def test_no_fallback_when_the_sentence_already_has_an_event(pipeline):
    events = code(pipeline, "Japan condemned the attack on the Russian embassy in Kabul.")
    assert [e.extra["how"] for e in events] == ["direct"]


def test_light_verb_noun_found_next_to_the_verb_when_misparsed(pipeline):
    # the small model makes 'concern' the subject of 'met'; the noun still follows the verb
    text = ("Japan expressed concern on Monday about Russia's deployment of missiles on the "
            "islands as the ministers of the two countries met.")
    assert ("ACCUSE", ["JPN"], ["RUS"], []) in shapes(code(pipeline, text))


@pytest.mark.parametrize("text", [
    "Japanese officials listed the names of the freed fishermen on Friday.",
    "Belarusian riot police lined the streets of Minsk on Sunday.",
])
def test_descriptions_are_not_triggers(pipeline, text):
    """Participles modifying a noun and event nouns naming a kind of actor are no events."""
    assert [e.event for e in code(pipeline, text)] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("More than a dozen EU countries, along with the United States and Canada, announced the "
     "expulsion of Russian diplomats on Monday.", ("SANCTION", ["CAN", "EUR", "USA"], ["RUS"], [])),
    ("Japan, together with South Korea, protested to China over the air defence zone.",
     ("ACCUSE", ["JPN", "KOR"], [], [])),
])
def test_companions_and_diplomatic_protests(pipeline, text, expected):
    """'along with' / 'together with' add co-actors; a government protesting makes a
    diplomatic protest, which the manual codes ACCUSE, not PROTEST."""
    assert expected in shapes(code(pipeline, text))


def test_companion_after_the_verb_is_not_an_actor(pipeline):
    (ev,) = code(pipeline, "Russia held talks with China along with India on Monday.")
    assert [a.code for a in ev.actor] == ["RUS"]


def test_vows_of_force_are_threats_made_now(pipeline):
    (ev,) = code(pipeline, "North Korea vowed to retaliate against South Korea for the leaflets.")
    assert (ev.event, ev.aux) == ("THREATEN", ())
    assert [r.code for r in ev.recipient] == ["KOR"]


@pytest.mark.parametrize(("text", "recipient"), [
    ("Russia recalled its ambassador from Washington for consultations.", ["USA"]),
    ("Saudi Arabia withdrew its ambassador from Doha in March.", ["QAT"]),
])
def test_own_envoy_is_not_the_recipient(pipeline, text, recipient):
    """'its ambassador' is the actor's own; the other side is where the envoy leaves."""
    (ev,) = code(pipeline, text)
    assert ev.event == "SANCTION" and sorted(r.code for r in ev.recipient) == recipient


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia withdrew from the Open Skies Treaty.", ("SANCTION", ["RUS"], [], [])),
    ("The United States pulled out of the Paris climate agreement.",
     ("SANCTION", ["USA"], [], [])),
    ("Moscow halted its participation in the New START treaty.", ("SANCTION", ["RUS"], [], [])),
    ("Iran cut back its cooperation with the IAEA inspectors.",
     ("SANCTION", ["IRN"], ["UNO"], [])),
    ("Russian troops pulled out of the town on Friday.", ("RETREAT", ["RUS"], [], [])),
])
def test_leaving_agreements_is_not_a_military_withdrawal(pipeline, text, expected):
    """The object of 'withdraw from' / 'pull out of' (also a proper name, also under the
    particle) decides between SANCTION (treaties, bodies) and RETREAT (places)."""
    assert shapes(code(pipeline, text)) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel's prime minister called the agreement a historic mistake.",
     ("ACCUSE", ["ISR"], [], [])),
    ("Moscow branded the American sanctions illegal.", ("ACCUSE", ["RUS"], ["USA"], [])),
    ("Russia said the Ukrainian strikes were not acceptable.", ("ACCUSE", ["RUS"], ["UKR"], [])),
    ("Qatar's foreign ministry said the measures were unjustified.", ("ACCUSE", ["QAT"], [], [])),
    ("The Chinese leader described the talks with Japan as constructive.",
     ("SUPPORT", ["CHN"], ["JPN"], [])),
    ("Lavrov said the meeting with Kishida was useful.", ("SUPPORT", ["RUS"], ["JPN"], [])),
])
def test_labels_are_judgements(pipeline, text, expected):
    """A label put on something by a characterising verb or a copular clause under a speech
    verb is the speaker's blame (ACCUSE) or praise (SUPPORT); a negated copula flips it."""
    events = code(pipeline, text)
    assert expected in shapes(events)
    (ev,) = [e for e in events if e.event == expected[0]]
    assert ev.coder.startswith("rule:label-")


def test_neutral_labels_are_no_judgements(pipeline):
    events = code(pipeline, "Lavrov said the talks with Kishida were long.")
    assert not [e for e in events if e.coder.startswith("rule:label-")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. president told Israel's prime minister in a phone call on Saturday that the "
     "United States stood with Israel.", ("CONSULT", ["USA"], ["ISR"], [])),
    ("Putin told Erdogan during talks in Sochi that Russia would not back down.",
     ("CONSULT", ["RUS"], ["TUR"], [])),
])
def test_what_was_said_in_a_call_or_meeting_makes_it_an_event(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_a_news_conference_is_no_consultation(pipeline):
    events = code(pipeline, "Lavrov spoke at a news conference in Moscow on Monday.")
    assert "CONSULT" not in [e.event for e in events]


def test_circumstantial_phrases_are_not_absorbed(pipeline):
    """'calling them provocative, after his summit with Kim': the summit is its own event,
    not the complement of the judgement."""
    text = ("Trump said the United States would stop its exercises with South Korea, calling "
            "them provocative, after his summit with North Korean leader Kim Jong Un.")
    assert "CONSULT" in [e.event for e in code(pipeline, text)]


def test_main_clause_without_a_linked_actor_still_codes(pipeline):
    text = ("The agreement was reached at a meeting between Russia's president and Japan's "
            "prime minister in Singapore.")
    events = code(pipeline, text)
    assert {"AGREE", "CONSULT"} <= {e.event for e in events}
    (agree,) = [e for e in events if e.event == "AGREE"]
    assert agree.extra["how"] == "sentence" and agree.confidence <= 0.5


def test_subordinate_events_are_less_certain_than_the_main_one(pipeline):
    events = code(pipeline, "Japan condemned Russia after it seized two fishing boats.")
    by_type = {e.event: e.confidence for e in events}
    assert by_type["ACCUSE"] > by_type["COERCE"]


def test_an_unnamed_crowd_protests_where_it_gathers(pipeline):
    (ev,) = code(pipeline, "Thousands rallied in Tbilisi against the new media law.")
    assert ev.event == "PROTEST" and [(a.code, a.sector) for a in ev.actor] == [("GEO", "CVL")]
    assert ev.actor[0].rule == "crowd_place"


@pytest.mark.parametrize(("text", "attacker", "sector"), [
    ("A suicide attack on a police recruitment centre killed 30 people in Iraq.", "IRQ", "UAF"),
    ("An attack on a bus killed nine Israeli civilians near Beersheba.", "ISR", "UAF"),
    ("Drones struck the refinery at Abqaiq, an attack Yemen's Houthis said they carried out.",
     "YEM", "REB"),
])
def test_the_ones_hit_are_no_attacker(pipeline, text, attacker, sector):
    (ev,) = [e for e in code(pipeline, text) if e.event == "ASSAULT"]
    assert [(a.code, a.sector) for a in ev.actor] == [(attacker, sector)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Two U.S. soldiers were killed in Iraq on Monday.", ("ASSAULT", ["IRQ"], ["USA"], [])),
    ("A car bomb killed five Iraqi policemen on Tuesday.", ("ASSAULT", ["IRQ"], ["IRQ"], [])),
])
def test_an_unattributed_attack_is_coded_where_it_happened(pipeline, text, expected):
    assert shapes(code(pipeline, text)) == [expected]


@pytest.mark.parametrize("text", [
    "No Americans were killed, U.S. officials said.",
    "The floods have killed nearly 1,400 Pakistanis since mid-June.",
    "About 80,000 Ethiopians were killed in the war.",
])
def test_deaths_with_no_attacker_are_no_attack(pipeline, text):
    assert code(pipeline, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Sudan drew sharp criticism from Egypt over the dam.", ("ACCUSE", ["EGY"], ["SDN"], [])),
    ("Zimbabwe's government came under a barrage of criticism from Nigeria and Ghana.",
     ("ACCUSE", ["GHA", "NGA"], ["ZWE"], [])),
    ("Myanmar's junta faced calls from Japan to free the detained reporters.",
     ("REQUEST", ["JPN"], ["MMR"], [])),
])
def test_what_the_subject_receives_from_another_is_the_other_ones_act(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Mali's president made a call for calm.", "REQUEST"),
    ("Germany's call for an inquiry was backed by France.", "REQUEST"),
    ("Biden held a phone call with Xi on Tuesday.", "CONSULT"),
])
def test_a_call_for_something_is_a_demand_not_a_phone_call(pipeline, text, expected):
    assert expected in {e.event for e in code(pipeline, text)}
    assert ({"REQUEST", "CONSULT"} - {expected}).isdisjoint(e.event for e in code(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Insurgents stormed a police station in Mosul.", "ASSAULT"),
    ("Protesters stormed the parliament building in Bishkek.", "PROTEST"),
])
def test_armed_groups_storming_attack_crowds_riot(pipeline, text, expected):
    assert [e.event for e in code(pipeline, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Myanmar abolished censorship of newspapers on Monday.", "CONCEDE"),
    ("Egypt's army shortened curfew hours in Cairo on Sunday.", "CONCEDE"),
    ("China handed back the seized underwater drone to the United States.", "RETREAT"),
    ("Pyongyang handed over 55 cases of remains to the United States.", "RETREAT"),
    ("Washington lifted most of its remaining sanctions on Myanmar.", "RETREAT"),
    ("Washington delivered a batch of helicopters to the Colombian army.", "AID"),
    ("Iceland approached the International Monetary Fund for an emergency loan.", "REQUEST"),
    ("Mali's junta leader put out an urgent call for military help.", "REQUEST"),
    ("Indonesia wants a full explanation from Australia over the spying reports.", "REQUEST"),
])
def test_wordings_of_cameo_codes(pipeline, text, expected):
    assert expected in {e.event for e in code(pipeline, text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Bolivia gave the cold shoulder to a proposed trade pact with the United States.",
     "REJECT"),
    ("Sri Lanka's government turned a deaf ear to a Tamil Tiger request for food.", "REJECT"),
    ("The Kremlin turned aside Kyrgyzstan's appeal for Russian peacekeepers.", "REJECT"),
    ("Hamas gave short shrift to the latest Israeli demands on Monday.", "REJECT"),
    ("Sharon slammed the door on any meeting with Arafat, Israeli officials said.", "REJECT"),
    ("Myanmar's junta kept U.N. relief teams out of the delta for a third week.", "REJECT"),
    ("Turkey's army served notice on Iraqi Kurdish leaders that its patience was running out.",
     "THREATEN"),
    ("Ankara raised the threat of sealing its border with Iraq.", "THREATEN"),
    ("Protesters in Rabat and Casablanca demanded a new constitution on Sunday.", "PROTEST"),
    ("Italian Radical leader Marco Pannella stepped up his hunger strike on Saturday.",
     "PROTEST"),
])
def test_idioms_of_refusal_threat_and_protest(pipeline, text, expected):
    assert [e.event for e in code(pipeline, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("The World Bank postponed a 90 million dollar loan to Uganda on Thursday.",
     ("SANCTION", ["IGO"], ["UGA"], [])),
    ("Aid to Kenya was put on hold by the World Bank on Tuesday.",
     ("SANCTION", ["IGO"], ["KEN"], [])),
    ("The World Bank stopped disbursements to Kenya over corruption concerns.",
     ("SANCTION", ["IGO"], ["KEN"], [])),
    ("Paris Club creditors cancelled Nigeria's debt.", ("AID", ["IGO"], [], [])),
])
def test_putting_off_promised_aid_cuts_it(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel refused to rule out military action against Iran's nuclear sites.",
     ("THREATEN", ["ISR"], ["IRN"], [])),
    ("Washington did not rule out the use of force against North Korea.",
     ("THREATEN", ["USA"], ["PRK"], [])),
    ("The EU would not rule out further sanctions on Belarus, officials said.",
     ("THREATEN", ["EUR"], ["BLR"], [])),
    ("China refused to renounce the use of force against Taiwan.",
     ("THREATEN", ["CHN"], ["TWN"], [])),
    ("Iran refused to rule out talks with the European Union.", ("REJECT", ["IRN"], [], [])),
])
def test_force_or_sanctions_kept_open_are_threats(pipeline, text, expected):
    assert shapes(code(pipeline, text))[:1] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan sought to strengthen ties with India on Monday.", "AGREE"),
    ("Iraq sought help from the United Nations.", "REQUEST"),
])
def test_seeking_to_do_is_an_attempt_seeking_something_a_request(pipeline, text, expected):
    assert [e.event for e in code(pipeline, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tehran is ready to resume talks with the European Union.",
     ("AGREE", ["IRN"], ["EUR"], ["future"])),
    ("Angola said it was prepared to join forces with Namibia to secure the border.",
     ("AGREE", ["AGO"], ["NAM"], ["future"])),
])
def test_ready_or_prepared_to_act_takes_the_copulas_subject(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran went ahead with the execution of two activists.",
     [("ASSAULT", ["IRN"], ["IRN"], [])]),
    ("Israel pressed ahead with its offensive in Gaza.", [("ASSAULT", ["ISR"], ["PSE"], [])]),
])
def test_carrying_on_with_an_act_is_the_act_not_a_demand(pipeline, text, expected):
    assert shapes(code(pipeline, text)) == expected


def test_an_event_noun_inside_a_condition_is_hypothetical(pipeline):
    events = code(pipeline, "Russia threatened to target Poland if the United States went "
                            "ahead with the deployment of missile interceptors.")
    by_type = {e.event: e for e in events}
    assert list(by_type["THREATEN"].aux) == []
    assert list(by_type["MOBILIZE"].aux) == ["hypothetical"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Egypt's president ordered a curfew in Cairo on Friday.",
     [("COERCE", ["EGY"], ["EGY"], [])]),
    ("Ecuador's president ordered a curfew in Quito after three nights of rioting.",
     [("COERCE", ["ECU"], ["ECU"], [])]),
    ("Kenya ordered the expulsion of two British diplomats.",
     [("SANCTION", ["KEN"], ["GBR"], [])]),
])
def test_an_act_ordered_by_name_is_the_act_with_the_orderer_as_actor(pipeline, text, expected):
    assert shapes(code(pipeline, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Britain gave 23 Russian diplomats a week to leave the country on Wednesday.",
     [("SANCTION", ["GBR"], ["RUS"], [])]),
    ("Kuwait gave Iraqi migrants ten days to leave the emirate.",
     [("COERCE", ["KWT"], ["IRQ"], [])]),
    ("The African Union gave Sudan's military rulers 15 days to hand over power.",
     [("THREATEN", ["IGO"], ["SDN"], [])]),
])
def test_a_time_limit_to_leave_is_an_expulsion(pipeline, text, expected):
    assert shapes(code(pipeline, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea said it would not hesitate to use force against Japan.",
     [("THREATEN", ["PRK"], ["JPN"], [])]),
    ("Beijing said it would resort to force if Taiwan declared independence.",
     [("THREATEN", ["CHN"], [], [])]),
])
def test_force_one_would_not_hesitate_to_use_is_threatened(pipeline, text, expected):
    assert shapes(code(pipeline, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Human Rights Watch said Ethiopian troops had committed war crimes in Tigray.",
     [("ACCUSE", ["NGO"], ["ETH"], [])]),
    ("Russia said it had not committed any crimes in Bucha.", []),
])
def test_reporting_that_another_committed_an_offence_accuses_it(pipeline, text, expected):
    assert shapes(code(pipeline, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran will accept the proposal if sanctions are lifted.",
     [("AGREE", ["IRN"], [], ["future"])]),
    ("If Russia agrees to a ceasefire, the talks can resume.",
     [("AGREE", ["RUS"], [], ["hypothetical"])]),
])
def test_agreement_on_a_condition_is_an_offer(pipeline, text, expected):
    assert shapes(code(pipeline, text))[:1] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("French Foreign Minister Hubert Vedrine called on President Mbeki in Pretoria.",
     [("CONSULT", ["FRA"], ["ZAF"], [])]),
    ("The EU called on Russia to withdraw its troops.", [("REQUEST", ["EUR"], ["RUS"], [])]),
    ("Japan called on China for restraint.", [("REQUEST", ["JPN"], ["CHN"], [])]),
])
def test_calling_on_someone_with_nothing_asked_is_a_visit(pipeline, text, expected):
    assert shapes(code(pipeline, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Britain said Trinidad and Tobago would lose trade preferences if it resumed hangings.",
     ("THREATEN", ["GBR"], ["TTO"], [])),
    ("Britain said it would review its relations with Jamaica if the executions went ahead.",
     ("THREATEN", ["GBR"], ["JAM"], [])),
])
def test_losses_foretold_for_another_party_are_threats(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_a_preposition_of_time_is_no_particle(pipeline):
    # 'round on' (turn on someone in anger) must not be read from 'on Thursday'
    (ev,) = code(pipeline, "Police in Kampala rounded up dozens of opposition supporters "
                           "on Thursday.")
    assert (ev.event, list(ev.mode)) == ("COERCE", ["arrest"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan provided $10 million in emergency assistance to Turkey.",
     ("AID", ["JPN"], ["TUR"], [])),
    ("The Houthis called up thousands of fighters.", ("MOBILIZE", ["YEM"], [], [])),
    ("Germany pledged 2 billion euros of aid to Ukraine.", ("AID", ["DEU"], ["UKR"], [])),
    ("Germany pledged more aid to Ukraine.", ("AGREE", ["DEU"], ["UKR"], [])),
])
def test_amounts_lead_to_the_thing_counted(pipeline, text, expected):
    """The object under an amount ('$10 million in assistance') picks the entry; a pledge of
    a stated sum is AID, a broad promise of aid AGREE (manual)."""
    assert expected in shapes(code(pipeline, text))


def test_own_forces_are_not_the_recipient_of_a_mobilisation(pipeline):
    (ev,) = code(pipeline, "Iran deployed warships to the Red Sea.")
    assert ev.event == "MOBILIZE" and ev.recipient == ()
    (ev,) = code(pipeline, "Belarus moved troops to the border with Ukraine.")
    assert [r.code for r in ev.recipient] == ["UKR"]


def test_a_host_receiving_a_visitor_is_a_visit(pipeline):
    (ev,) = code(pipeline, "Macron received the Ukrainian president at the Elysee Palace.")
    assert (ev.event, ev.mode) == ("CONSULT", ("visit",))
    assert {a.code for a in ev.actor + ev.recipient} == {"FRA", "UKR"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The EU's foreign policy chief said the bloc could take measures against Belarus.",
     ("THREATEN", ["EUR"], ["BLR"], [])),
    ("China's foreign ministry said it reserved the right to take countermeasures.",
     ("THREATEN", ["CHN"], [], [])),
    ("Israel suspended plans to annex parts of the West Bank.", ("CONCEDE", ["ISR"], [], [])),
])
def test_reprisals_said_as_possible_are_threats(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_label_on_a_noun_phrase_parsed_as_one(pipeline):
    # the small model reads 'the junta illegitimate' as one noun phrase
    text = "France's foreign minister called the Malian junta illegitimate."
    assert "ACCUSE" in [e.event for e in code(pipeline, text)]


def test_possessive_on_an_event_noun_is_the_clause_subject(pipeline):
    events = code(pipeline, "Taliban fighters killed 30 soldiers in their raid on an army base "
                            "in Kandahar.")
    raid = next(e for e in events if e.event_text == "raid")
    assert {(a.code, a.sector) for a in raid.actor} == {("AFG", "REB")}


def test_a_reaction_to_a_joint_meeting_is_aimed_at_the_partners(pipeline):
    events = code(pipeline, "Modi and Xi held a summit in Wuhan on Friday. Xi called the "
                            "summit as constructive.")
    label = next(e for e in events if e.event == "SUPPORT")
    assert [a.code for a in label.actor] == ["CHN"]
    assert [r.code for r in label.recipient] == ["IND"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul expressed deep regret at Pyongyang's decision to blow up the liaison office.",
     ("ACCUSE", ["KOR"], ["PRK"], [])),
    ("Japan's foreign ministry voiced regret over the court ruling.", ("ACCUSE", ["JPN"], [], [])),
    ("Japan expressed regret for the suffering caused by its colonial rule.",
     ("CONCEDE", ["JPN"], [], [])),
])
def test_regret_over_is_disapproval_regret_for_an_apology(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("France sent troops to Mali at the request of the Malian government.",
     ("AID", ["FRA"], ["MLI"], [])),
    ("Russia deployed paratroopers to Kazakhstan at Tokayev's request.",
     ("AID", ["RUS"], ["KAZ"], [])),
    ("Russia sent troops to the border after Ukraine's request for talks was rejected.",
     ("MOBILIZE", ["RUS"], [], [])),
])
def test_forces_sent_on_request_are_military_aid(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert expected in got
    assert not any(g[0] == "REQUEST" for g in got)  # how the aid came is no event of its own


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran's navy began ten days of war games near the Strait of Hormuz.",
     ("MOBILIZE", ["IRN"], [], [])),
    ("An air strike by the Saudi-led coalition hit a bus in northern Yemen.",
     ("ASSAULT", ["SAU"], [], [])),
])
def test_compound_event_nouns_and_spans_of_time(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert expected in got and len(got) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("Venezuelan President Hugo Chavez ordered ten army battalions to the Colombian border.",
     ("MOBILIZE", ["VEN"], ["COL"], [])),
    ("The Serbian president ordered the army to full combat readiness.",
     ("MOBILIZE", ["SRB"], [], [])),
    ("Prague ordered 18 Russian embassy staff to leave the country.",
     ("SANCTION", ["CZE"], [], [])),
])
def test_orders_to_own_forces_are_the_act_itself(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert expected in got and not any(g[0] == "REQUEST" for g in got)


@pytest.mark.parametrize(("text", "expected"), [
    ("Tehran said on Sunday that the United States must lift all sanctions.",
     ("REQUEST", ["IRN"], ["USA"], [])),
    ("China said Japan should stop interfering in its internal affairs.",
     ("REQUEST", ["CHN"], ["JPN"], [])),
])
def test_what_another_party_must_do_is_a_demand(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert got[0] == expected


@pytest.mark.parametrize("text", [
    "Japan said it must strengthen its defences.",
    "China said Japan should not be blamed for the delay.",
])
def test_own_duties_and_negated_duties_are_no_demand(pipeline, text):
    assert not any(g[0] == "REQUEST" for g in shapes(code(pipeline, text)))


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan pledged 100 million yen to Ukraine.", ("AID", ["JPN"], ["UKR"], [])),
    ("The IMF approved a $50 billion standby loan for Argentina.", ("AID", ["IGO"], ["ARG"], [])),
    ("The IMF approved a loan for Argentina.", ("AGREE", ["IGO"], ["ARG"], [])),
    ("Germany pledged support to Ukraine.", ("AGREE", ["DEU"], ["UKR"], [])),
])
def test_a_stated_sum_is_aid_a_broad_promise_agreement(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_forces_of_two_countries_mobilising_together_cooperate(pipeline):
    got = shapes(code(pipeline, "Filipino and American troops began the Balikatan exercises "
                                "on Tuesday."))
    assert ("COOPERATE", ["PHL", "USA"], [], []) in got


@pytest.mark.parametrize(("text", "expected"), [
    ("Serbian President Aleksandar Vucic said Belgrade would never recognise Kosovo's "
     "independence.", ("REJECT", ["SRB"], ["KOS"], [])),
    ("The Philippine government said it would not cooperate with the International Criminal "
     "Court.", ("REJECT", ["PHL"], ["IGO"], [])),
    # a past negation stays a negated event; a stance is refused in any tense; withholding
    # a meeting on a condition threatens the relationship
    ("Japan did not agree to the plan.", ("AGREE", ["JPN"], [], ["negation"])),
    ("Venezuela said it did not recognise the jurisdiction of the International Court of "
     "Justice.", ("REJECT", ["VEN"], ["UNO"], [])),
    ("Russia would not meet Ukraine unless the shelling stopped.",
     ("THREATEN", ["RUS"], ["UKR"], [])),
])
def test_a_cooperative_act_said_to_be_off_is_a_refusal(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel's Histadrut labour federation launched a general strike on Monday.",
     ("PROTEST", ["ISR"], [], [])),
    ("Russia launched a strike on Kyiv.", ("ASSAULT", ["RUS"], ["UKR"], [])),
    ("The UN human rights chief described Myanmar's military operation as a textbook example "
     "of ethnic cleansing.", ("ACCUSE", ["UNO"], ["MMR"], [])),
    ("Stoltenberg called Finland's accession a historic day for the alliance.",
     ("SUPPORT", ["IGO"], [], [])),
])
def test_compound_readings_and_what_a_label_is_an_example_of(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert got and got[0][:2] == expected[:2] and set(expected[2]) <= set(got[0][2])


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea fired two short-range missiles on Thursday.", ("MOBILIZE", ["PRK"], [], [])),
    ("Iran test-fired a new missile.", ("MOBILIZE", ["IRN"], [], [])),
    ("Russia fired missiles at Kyiv.", ("ASSAULT", ["RUS"], ["UKR"], [])),
    ("The United States is pulling out of UNESCO, the State Department said.",
     ("SANCTION", ["USA"], ["UNO"], [])),
    ("Russian troops pulled out of Kherson.", ("RETREAT", ["RUS"], [], [])),
])
def test_weapons_tests_and_leaving_organisations(pipeline, text, expected):
    assert shapes(code(pipeline, text))[0][:3] == expected[:3]


@pytest.mark.parametrize(("text", "expected"), [
    ("Chinese Foreign Minister Wang Yi was received by Syrian President Bashar al-Assad.",
     ("CONSULT", ["SYR"], ["CHN"], [])),
    ("Pakistani authorities blocked access to the social media platform X on Saturday.",
     ("COERCE", ["PAK"], [], [])),
    ("The African Union suspended Niger from all its activities on Tuesday.",
     ("SANCTION", ["IGO"], ["NER"], [])),
    ("Indian authorities flew thousands of paramilitary troops into Manipur.",
     ("MOBILIZE", ["IND"], [], [])),
    ("Iran has sent several planeloads of fruit and vegetables to Qatar.",
     ("AID", ["IRN"], ["QAT"], [])),
])
def test_objects_by_title_amount_and_particle(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    etype, actor, recipient, _ = expected
    assert any(g[0] == etype and set(actor) <= set(g[1]) and set(recipient) <= set(g[2])
               for g in got)


@pytest.mark.parametrize(("text", "expected"), [
    ("Ethiopia ordered seven senior United Nations officials to leave within 72 hours.",
     ("SANCTION", ["ETH"], ["UNO"], [])),
    ("Saudi Arabia told Lebanon's ambassador to leave the kingdom within 48 hours.",
     ("SANCTION", ["SAU"], ["LBN"], [])),
    ("Biden told Netanyahu to halt the offensive.", ("REQUEST", ["USA"], ["ISR"], [])),
    ("Putin ordered his defence chiefs to put the country's nuclear forces on special alert.",
     ("MOBILIZE", ["RUS"], [], [])),
])
def test_orders_to_others_demand_orders_to_own_people_act(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert got[0][:3] == expected[:3]


def test_telling_someone_that_is_no_order(pipeline):
    got = shapes(code(pipeline, "Zelenskiy said he had told Putin that Ukraine would never "
                                "accept federalisation."))
    assert got and got[0][0] == "REJECT" and not any(g[0] == "REQUEST" for g in got)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenyan police were deployed in large numbers across central Nairobi on Monday.",
     ("MOBILIZE", ["KEN"], [], [])),
    ("Army tanks rolled into central Cairo on Friday night.", ("MOBILIZE", ["EGY"], [], [])),
    ("Russian bombers flew near Alaska.", ("MOBILIZE", ["RUS"], [], [])),
    ("India and Pakistan massed about a million troops along their border.",
     ("MOBILIZE", ["IND", "PAK"], [], [])),
    ("Saudi Arabia invited U.S. forces into the kingdom in August 1990.",
     ("REQUEST", ["SAU"], ["USA"], ["historical"])),
])
def test_forces_moving_and_invited(pipeline, text, expected):
    (ev,) = code(pipeline, text, date(2024, 1, 1))
    assert (ev.event, sorted({a.code for a in ev.actor}), sorted({r.code for r in ev.recipient})) \
        == expected[:3]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia handed over 230 Ukrainian prisoners of war on Wednesday.",
     ("RETREAT", ["RUS"], ["UKR"], [])),
    ("FARC rebels completed handing over their weapons to United Nations monitors.",
     ("RETREAT", ["COL"], ["UNO"], [])),
    ("Turkmenistan began pumping natural gas to China through a new pipeline.",
     ("COOPERATE", ["TKM"], ["CHN"], [])),
])
def test_particles_next_to_the_verb_gerunds_and_owners(pipeline, text, expected):
    assert shapes(code(pipeline, text))[0][:3] == expected[:3]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia said Ukraine would pay a heavy price for the attack.",
     ("THREATEN", ["RUS"], ["UKR"], [])),
    ("India said Pakistan would be held responsible for any further attacks.",
     ("THREATEN", ["IND"], ["PAK"], [])),
    ("Israel said it would respond forcefully to any attack from Lebanon.",
     ("THREATEN", ["ISR"], [], [])),
])
def test_foretold_suffering_and_announced_retaliation_are_threats(pipeline, text, expected):
    assert shapes(code(pipeline, text))[0][:3] == expected[:3]


def test_a_past_response_is_no_threat(pipeline):
    got = shapes(code(pipeline, "The foreign ministry of Japan responded to the letter on Monday."))
    assert not any(g[0] == "THREATEN" for g in got)


@pytest.mark.parametrize(("text", "expected"), [
    ("Moscow declared two Estonian diplomats persona non grata.",
     ("SANCTION", ["RUS"], ["EST"], [])),
    ("Japan tightened export controls on chemicals to South Korea.",
     ("SANCTION", ["JPN"], ["KOR"], [])),
    ("Hamas took about 240 people hostage.", ("ASSAULT", ["PSE"], [], [])),
])
def test_second_predicates_and_export_controls(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert got[0][:2] == expected[:2] and set(expected[2]) <= set(got[0][2])


@pytest.mark.parametrize(("text", "expected"), [
    ("A mob set fire to a church near the Kenyan town of Eldoret, killing at least 30 people.",
     ("ASSAULT", ["KEN"], [], [])),
    ("Protesters set fire to government buildings in Almaty.", ("PROTEST", ["KAZ"], [], [])),
    ("Burkinabe protesters have blocked a French military supply convoy in Kaya.",
     ("PROTEST", ["BFA"], ["FRA"], [])),
])
def test_civilians_killing_is_assault_blocking_is_protest(pipeline, text, expected):
    assert shapes(code(pipeline, text))[0][:2] == expected[:2]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hamas claimed responsibility for the bombing in Jerusalem.", ("ASSAULT", ["PSE"], [], [])),
    ("Russia launched cyber attacks on Ukrainian banks.", ("COERCE", ["RUS"], ["UKR"], [])),
])
def test_claimed_attacks_and_cyber_attacks(pipeline, text, expected):
    etype, actor, recipient, _ = expected
    assert any(g[0] == etype and g[1] == actor and set(recipient) <= set(g[2])
               for g in shapes(code(pipeline, text)))


def test_a_preposition_hung_on_the_object_still_counts(pipeline):
    got = shapes(code(pipeline, "FIFA and UEFA suspended Russian national teams and clubs from "
                                "all competitions on Monday."))
    assert got[0][:3] == ("SANCTION", ["NGO"], ["RUS"])


def test_the_reported_main_event_is_kept_when_its_actor_is_unnamed(pipeline):
    got = shapes(code(pipeline, "Three Indian soldiers were killed in an ambush in Kashmir on "
                                "Monday, Indian police said, and officials blamed Pakistan."))
    assert any(g[0] == "ASSAULT" and "IND" in g[2] for g in got)
    assert ("ACCUSE", ["IND"], ["PAK"], []) in got


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia voted against the U.N. resolution on Ukraine.", ("REJECT", ["RUS"], ["UNO"], [])),
    ("Spain said it would vote against the Brexit deal unless it received guarantees over "
     "Gibraltar.", ("THREATEN", ["ESP"], [], [])),
    ("Zelenskiy said there could be no talks with Russia if Moscow went ahead with the trials.",
     ("THREATEN", ["UKR"], ["RUS"], [])),
])
def test_votes_against_proposals_and_conditional_refusals(pipeline, text, expected):
    assert shapes(code(pipeline, text))[0][:3] == expected[:3]


@pytest.mark.parametrize(("text", "expected"), [
    ("Former Malaysian Prime Minister Najib Razak was charged on Wednesday with abuse of power.",
     ("ACCUSE", ["MYS"], ["MYS"], [])),
    ("Two American journalists were detained in Moscow on Friday.",
     ("COERCE", ["RUS"], ["USA"], [])),
])
def test_passive_arrests_and_charges_are_the_authorities_doing(pipeline, text, expected):
    (ev,) = code(pipeline, text, date(2018, 7, 4))
    assert (ev.event, [a.code for a in ev.actor], [r.code for r in ev.recipient]) == expected[:3]
    assert ev.extra["how"] == "implied" and ev.actor[0].rule == "implied_authorities"
    assert ev.actor[0].entity_text in text  # the evidence span is the verb


def test_no_authorities_implied_for_other_passives(pipeline):
    assert code(pipeline, "Iran's nuclear programme was criticised.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan wants Russia to return the four islands.", ("REQUEST", ["JPN"], ["RUS"], [])),
    ("Washington expects Beijing to rein in North Korea.", ("REQUEST", ["USA"], ["CHN"], [])),
    ("Japan expects to sign the treaty next year.", ("AGREE", ["JPN"], [], ["future"])),
])
def test_wanting_another_party_to_act_is_a_demand(pipeline, text, expected):
    assert shapes(code(pipeline, text))[0] == expected


@pytest.mark.parametrize("text, expected", [
    # a condition the parse hangs on the verb of saying belongs to what is said
    ("Iran will pull out of the nuclear treaty if the Europeans take its case to the "
     "Security Council, Foreign Minister Javad Zarif said on Monday.",
     ("THREATEN", ["IRN"], ["UNO"], [])),
    # a threat to suspend part of an agreement unless the other side moves
    ("Britain could suspend parts of the Northern Ireland protocol unless Brussels agreed to "
     "rewrite it, Brexit minister David Frost said.", ("THREATEN", ["GBR"], ["EUR"], [])),
    # the suffering foretold may be 'there would be consequences for X'
    ("National security adviser Jake Sullivan said on Sunday there would be consequences for "
     "China if it helped Moscow evade sanctions.", ("THREATEN", ["USA"], ["CHN"], [])),
    # a government may menace its own opposition ('will face arrest')
    ("Cambodian Prime Minister Hun Sen said opposition leader Sam Rainsy will face arrest if "
     "he returns.", ("THREATEN", ["KHM"], ["KHM"], [])),
    # a condition put by inversion ('should Turkey do…')
    ("Should Turkey do anything off limits, he will totally destroy its economy, President "
     "Donald Trump said on Monday.", ("THREATEN", ["USA"], ["TUR"], [])),
    # a time limit set on another party is an ultimatum
    ("Spain and France gave Nicolas Maduro eight days to call an election.",
     ("THREATEN", ["ESP", "FRA"], ["VEN"], [])),
    ("The African Union gave Sudan's military rulers 15 days to hand power to a civilian "
     "authority.", ("THREATEN", ["IGO"], ["SDN"], [])),
    # undertaking to act is a promise; a 'to' clause parsed as an adverbial still counts
    ("Sudan has undertaken to normalise ties with Israel, the White House said.",
     ("AGREE", ["SDN"], ["ISR"], ["future"])),
    # reaching a deal: sealed, settled on, accepted a plan
    ("Serbia and Kosovo sealed a deal in Brussels on Friday.", ("AGREE", ["KOS", "SRB"], [], [])),
    ("Negotiators for Myanmar's government and ethnic armed groups settled on the draft text of "
     "a ceasefire on Tuesday.", ("AGREE", ["MMR"], [], [])),
    ("Ethiopia and Eritrea accepted an African Union plan for a cessation of hostilities.",
     ("AGREE", ["ERI", "ETH"], ["IGO"], [])),
])
def test_conditions_ultimatums_and_deals(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_no_longer_negates_and_makes_a_refusal(pipeline):
    """'would no longer cooperate' is a refusal now, like 'would not cooperate'."""
    got = shapes(code(pipeline, "Iran will no longer cooperate with the IAEA, the foreign "
                                "minister said."))
    assert ("REJECT", ["IRN"], ["UNO"], []) in got


def test_hours_to_leave_are_an_expulsion_deadline_not_an_ultimatum(pipeline):
    got = shapes(code(pipeline, "Bolivia expelled the U.S. ambassador on Wednesday, giving him "
                                "72 hours to leave the country."))
    assert ("SANCTION", ["BOL"], ["USA"], []) in got
    assert not [s for s in got if s[0] == "THREATEN"]


@pytest.mark.parametrize("text, expected", [
    # a bare participle under 'ordered' is the act ordered, by the one who orders it
    ("Egypt's public prosecutor ordered Mubarak detained for 15 days.",
     ("COERCE", ["EGY"], ["EGY"], [])),
    ("A Chinese court ordered the activist released on bail.", ("RETREAT", ["CHN"], ["CHN"], [])),
    ("Iran's judiciary ordered a dozen reformist newspapers shut on Monday.",
     ("COERCE", ["IRN"], ["IRN"], [])),
    # an ordered act named by a noun
    ("Sudan's president ordered the jamming of foreign broadcasts.", ("COERCE", ["SDN"], [], [])),
])
def test_an_ordered_act_is_the_event(pipeline, text, expected):
    got = shapes(code(pipeline, text))
    assert expected in got
    assert not [s for s in got if s[0] == "REQUEST"]


def test_a_participle_of_retaliation_restates_the_main_act(pipeline):
    got = shapes(code(pipeline, "Russia expelled 23 British diplomats on Saturday, retaliating "
                                "against London's decision to expel Russian envoys."))
    assert ("SANCTION", ["RUS"], ["GBR"], []) in got
    assert not [s for s in got if s[0] == "ASSAULT"]


def test_should_before_its_subject_is_a_condition_not_a_demand(pipeline):
    got = shapes(code(pipeline, "Riyadh has told U.S. lawmakers that it could sell American "
                                "assets should Congress pass the bill."))
    assert not [g for g in got if g[0] == "REQUEST"]


@pytest.mark.parametrize("text, expected", [
    ("Washington paused new funding for UNRWA on Friday.", ("SANCTION", ["USA"], ["UNO"], [])),
    ("The United States paused a shipment of bombs to Israel last week.",
     ("SANCTION", ["USA"], ["ISR"], [])),
    ("The World Bank has frozen its lending to Ivory Coast.", ("SANCTION", ["IGO"], ["CIV"], [])),
    ("Honduras ended its decades-old diplomatic relationship with Taiwan on Sunday.",
     ("SANCTION", ["HND"], ["TWN"], [])),
    ("India withdrew the trade status it had granted Pakistan on Friday.",
     ("SANCTION", ["IND"], ["PAK"], [])),
])
def test_cutting_deliveries_lending_status_and_ties(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_a_conditional_offer_is_an_agreement_made_now(pipeline):
    """'stands ready to provide help if necessary': the offer is made now (AGREE, future),
    the condition belongs to the help."""
    got = shapes(code(pipeline, "Japan is ready to send aid to Turkey if asked, the foreign "
                                "minister said."))
    assert ("AGREE", ["JPN"], ["TUR"], ["future"]) in got


def test_giving_consent_is_agreeing(pipeline):
    got = shapes(code(pipeline, "Georgian President Mikheil Saakashvili gave his consent on "
                                "Tuesday to a peace plan brokered by France."))
    assert ("AGREE", ["GEO"], [], []) in got


@pytest.mark.parametrize("text, expected", [
    # 'happy to' marks intent: violence one is happy to do is a threat, help an offer
    ("Philippine President Rodrigo Duterte said on Friday he would be happy to slaughter the "
     "country's drug addicts.", ("THREATEN", ["PHL"], [], [])),
    ("Japan would be happy to host talks between the two Koreas, the prime minister said.",
     ("AGREE", ["JPN"], [], ["future"])),
    ("China's ambassador raised the spectre of a consumer boycott of Australian beef on "
     "Tuesday.", ("THREATEN", ["CHN"], [], [])),
])
def test_happy_to_and_raising_the_spectre(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_staying_away_from_talks_is_a_refusal_to_meet(pipeline):
    """'away' parsed as an adverb still carries its 'from' phrase to the object."""
    got = shapes(code(pipeline, "Sudan's army stayed away from ceasefire talks that opened in "
                                "Switzerland on Wednesday."))
    assert ("REJECT", ["SDN"], [], []) in got


def test_state_forces_storming_coerce_and_a_mutiny_protests(pipeline):
    stormed = shapes(code(pipeline, "Agents of Venezuela's SEBIN intelligence service stormed "
                                    "the office of Caracas Mayor Antonio Ledezma on Thursday."))
    assert ("COERCE", ["VEN"], ["VEN"], []) in stormed
    mutiny = shapes(code(pipeline, "Unpaid Malian soldiers rioted in the barracks on Friday."))
    assert ("PROTEST", ["MLI"], [], []) in mutiny


@pytest.mark.parametrize("text, expected", [
    ("India and Pakistan went to war over Kashmir in 1965.", ("ASSAULT", ["IND", "PAK"], [], [])),
    # vowed or ready to: a threat
    ("Syria said it was prepared to go to war to recover the Golan Heights.",
     ("THREATEN", ["SYR"], [], [])),
    ("Hamas vowed to avenge the killing of its leader.", ("THREATEN", ["PSE"], ["PSE"], [])),
])
def test_going_to_war_and_avenging(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize("text, expected", [
    # the key noun sits after the entry's preposition; the direct object is the party
    ("Bolivian police took the former interior minister into custody at La Paz airport.",
     ("COERCE", ["BOL"], ["BOL"], [])),
    ("A court in Minsk put the opposition blogger behind bars for eight years.",
     ("COERCE", ["BLR"], ["BLR"], [])),
    ("Washington put Pyongyang on notice that more missile launches would bring penalties.",
     ("THREATEN", ["USA"], ["PRK"], [])),
    ("Azerbaijan put its armed forces on a war footing after clashes with Armenia.",
     ("MOBILIZE", ["AZE"], [], [])),
    ("Indian and Pakistani soldiers came to blows along the Line of Control on Tuesday.",
     ("ASSAULT", ["IND", "PAK"], [], [])),
    ("Greek and Turkish diplomats came face to face in Geneva on Monday.",
     ("CONSULT", ["GRC", "TUR"], [], [])),
    ("Kosovo and Serbian leaders put their signatures to a deal on freedom of movement.",
     ("SUPPORT", ["KOS", "SRB"], [], [])),
])
def test_idioms_with_the_key_noun_after_a_preposition(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_an_object_of_the_preposition_alone_is_no_idiom(pipeline):
    # 'take into custody' needs 'into': custody after another preposition is no arrest
    events = code(pipeline, "Police took the suspect from custody to the court in Nairobi.")
    assert "COERCE" not in {e.event for e in events}


@pytest.mark.parametrize("text, expected", [
    # in the passive with no agent, whom one is expelled or suspended from does it
    ("Mali was suspended from the African Union on Friday after the coup.",
     ("SANCTION", ["IGO"], ["MLI"], [])),
    ("Two Russian diplomats were expelled from Britain on Tuesday.",
     ("SANCTION", ["GBR"], ["RUS"], [])),
    ("Washington stripped Uganda of its trade preferences on Tuesday.",
     ("SANCTION", ["USA"], ["UGA"], [])),
    ("Moscow froze trade dealings with Tbilisi on Tuesday.", ("SANCTION", ["RUS"], ["GEO"], [])),
    ("Tehran opened its nuclear sites to U.N. inspectors on Tuesday.",
     ("RETREAT", ["IRN"], ["UNO"], [])),
    ("Beijing put the squeeze on Lithuanian exporters in December.",
     ("COERCE", ["CHN"], ["LTU"], [])),
])
def test_expelled_from_stripped_of_and_opened_to(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_aid_withheld_from_a_country_is_not_withheld_by_it(pipeline):
    # 'from' names the one expelled from only for expulsions; aid withheld from Rwanda is
    # aimed at Rwanda, so with no agent there is no actor
    events = code(pipeline, "Aid was withheld from Rwanda on Friday.")
    assert not any(e.event == "SANCTION" and {a.code for a in e.actor} == {"RWA"}
                   for e in events)


@pytest.mark.parametrize("text, expected", [
    # event nouns with the doer after 'by'
    ("The capture of a British tanker by Iran's Revolutionary Guards escalated tensions.",
     ("COERCE", ["IRN"], ["GBR"], [])),
    ("The forced return of 40 Uighurs to China by Thai authorities drew protests.",
     ("COERCE", ["THA"], ["CHN"], [])),
    ("Turkey poured fresh assistance into Somalia on Thursday.", ("AID", ["TUR"], ["SOM"], [])),
])
def test_capture_forced_return_and_poured_aid(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_a_return_that_is_not_forced_is_no_deportation(pipeline):
    events = code(pipeline, "The return of 40 Uighurs to China by Thai authorities drew protests.")
    assert not any(e.mode == ("deport",) for e in events)


@pytest.mark.parametrize("text, expected", [
    # expelling civilians is deporting them; diplomats and aid agencies stay SANCTION
    ("Israel expelled 415 Palestinians to southern Lebanon on Thursday.",
     ("COERCE", ["ISR"], ["PSE"], [])),
    ("Sudan expelled 13 foreign aid agencies on Wednesday.", ("SANCTION", ["SDN"], ["NGO"], [])),
    ("Britain expelled 23 Russian diplomats on Wednesday.", ("SANCTION", ["GBR"], ["RUS"], [])),
    # intrusion into computers and censorship of reports
    ("Syrian hackers hijacked the Twitter account of a U.S. news agency.",
     ("COERCE", ["SYR"], ["USA"], [])),
    ("Ukrainian hackers broke into the computer systems of a Russian airline.",
     ("COERCE", ["UKR"], ["RUS"], [])),
    ("Chinese censors blacked out BBC reports on the protests.", ("COERCE", ["CHN"], ["GBR"], [])),
])
def test_deporting_civilians_hacking_and_blacking_out(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize("text, expected", [
    # a 'to' clause on a noun of intent is what is intended, and the noun no alert
    ("Lebanon's readiness to assist the international inquiry was reaffirmed on Monday.",
     ("AGREE", ["LBN"], [], ["future"])),
    ("The army raised its readiness along the border with Syria.",
     ("MOBILIZE", ["SYR"], [], [])),
    # a promised reform is an intent (CAMEO 0341), not a concession
    ("Jordan's King Abdullah promised sweeping political reforms on Sunday.",
     ("AGREE", ["JOR"], [], [])),
    ("Kenya's government ordered the compulsory acquisition of 800 farms.",
     ("COERCE", ["KEN"], [], [])),
])
def test_intent_nouns_promised_reforms_and_compulsory_acquisition(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_an_attempt_to_kill_is_an_attack_not_an_intent(pipeline):
    shapes_ = shapes(code(pipeline, "The Taliban's attempt to kill Malala Yousafzai in Swat "
                                    "drew outrage across Pakistan."))
    assert any(s[0] == "ASSAULT" and "future" not in s[3] for s in shapes_)


def test_aid_under_without_is_negated(pipeline):
    events = code(pipeline, "Harare ordered the compulsory acquisition of 800 farms without "
                            "compensation.")
    assert not any(e.event == "AID" and "negation" not in e.aux for e in events)


@pytest.mark.parametrize("text, expected", [
    # an act foretold on an 'unless' condition another party must meet is an ultimatum
    ("Iran will stop allowing snap inspections unless the United States lifts its sanctions.",
     ("THREATEN", ["IRN"], ["USA"], [])),
    ("Ankara could shut the Incirlik base unless Washington drops the sanctions, Erdogan said.",
     ("THREATEN", ["TUR"], ["USA"], [])),
])
def test_an_act_on_an_unless_condition_is_an_ultimatum(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize("text", [
    "Kenya will hold the election in August unless parliament changes the law.",
    "Egypt will reopen the Rafah crossing on Monday unless fighting resumes, officials said.",
    "Turkey would open the Incirlik base if Washington dropped the sanctions.",
])
def test_no_ultimatum_within_one_country_for_cooperation_or_on_if(pipeline, text):
    assert "THREATEN" not in {e.event for e in code(pipeline, text)}


@pytest.mark.parametrize("text, expected", [
    # the object of 'force', 'persuade', 'prompt' … does what the 'to' clause says
    ("Washington forced Pakistan to hand over the suspects.",
     ("COOPERATE", ["PAK"], ["USA"], [])),
    ("The ruling prompted Algeria to recall its ambassador from Madrid.",
     ("SANCTION", ["DZA"], ["ESP"], [])),
    # people made to flee are expelled by whoever drives them out (manual)
    ("Sudanese militias forced 20,000 villagers to abandon their homes in Darfur.",
     ("SANCTION", ["SDN"], ["SDN"], [])),
])
def test_object_control_and_forced_flight(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_nobody_made_to_flee_by_the_weather(pipeline):
    assert code(pipeline, "Bad weather forced the Indian prime minister to leave Kabul.") == []


@pytest.mark.parametrize("text, expected", [
    # partners acting together cooperate; the enemy of a joint offensive is no partner
    ("Kenyan and Somali troops launched a joint offensive against al Shabaab.",
     ("COOPERATE", ["KEN", "SOM"], [], [])),
    ("Spain and Morocco reopened the land borders of Ceuta and Melilla on Tuesday.",
     ("COOPERATE", ["ESP", "MAR"], [], [])),
    ("Jordan reopened its border crossing with Syria on Monday.", ("RETREAT", ["JOR"], [], [])),
    ("Felicien Kabuga was transferred to a U.N. tribunal by French authorities on Monday.",
     ("COOPERATE", ["FRA"], ["UNO"], [])),
])
def test_joint_offensives_and_borders_reopened_together(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize("text, expected", [
    # aid that arrives is aid given, by whoever sent it
    ("About one million doses of vaccine donated by Japan arrived in Vietnam on Wednesday.",
     ("AID", ["JPN"], ["VNM"], [])),
    ("A Red Cross plane carrying medical supplies landed in Sanaa, Yemen, on Friday.",
     ("AID", ["NGO"], ["YEM"], [])),
    ("Patriot systems supplied by Germany have arrived in Ukraine.",
     ("AID", ["DEU"], ["UKR"], [])),
])
def test_aid_that_arrives_is_aid_given(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize("text", [
    "Russian tanks arrived in the Ukrainian city of Kherson on Tuesday.",
    "The Chinese foreign minister arrived in Pyongyang on Tuesday.",
])
def test_tanks_and_ministers_arriving_are_no_aid(pipeline, text):
    assert "AID" not in {e.event for e in code(pipeline, text)}


@pytest.mark.parametrize("text, expected", [
    # 'he' after 'told X that' is the one told; one country on both sides can still demand
    ("A delegation of British cabinet ministers told Boris Johnson on Wednesday that he "
     "should step down.", ("REQUEST", ["GBR"], ["GBR"], [])),
    ("Slobodan Milosevic must step down, Serbian opposition leaders told a crowd in Belgrade.",
     ("REQUEST", ["SRB"], ["SRB"], [])),
])
def test_demands_within_one_country_and_of_the_one_told(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_what_a_government_says_its_own_office_must_do_is_no_demand(pipeline):
    events = code(pipeline, "The White House said the Pentagon must prepare new options.")
    assert "REQUEST" not in {e.event for e in events}


@pytest.mark.parametrize("text, expected", [
    ("China jumped to the defence of Sudan's government over Darfur.",
     ("SUPPORT", ["CHN"], ["SDN"], [])),
    ("Russia's foreign minister stood up for Syria's government on Monday.",
     ("SUPPORT", ["RUS"], ["SYR"], [])),
    ("Mozambique needs urgent outside help after the cyclone, its president said.",
     ("REQUEST", ["MOZ"], [], [])),
])
def test_defending_in_words_and_needing_help(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_needing_fuel_or_ammunition_is_no_appeal(pipeline):
    assert code(pipeline, "The Ukrainian army needs more ammunition.") == []


@pytest.mark.parametrize("text, expected", [
    ("A British-drafted Security Council resolution on Srebrenica was killed by a Russian veto.",
     ("REJECT", ["RUS"], ["UNO"], [])),
    ("Greeks voted decisively against the austerity terms attached to the bailout offer.",
     ("REJECT", ["GRC"], [], [])),
])
def test_killed_resolutions_and_votes_against_terms(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))
    assert "ASSAULT" not in {e.event for e in code(pipeline, text)}


@pytest.mark.parametrize("text, expected", [
    ("The Taliban said they would not take part in any conference on Afghanistan.",
     ("REJECT", ["AFG"], [], [])),
    ("Iran took part in the talks with the European Union on Monday.",
     ("CONSULT", ["IRN"], ["EUR"], [])),
    # no reason, need or intention to act: negated, and a meeting so disclaimed refused now
    ("Iran sees no need to hold talks with Washington.", ("REJECT", ["IRN"], ["USA"], [])),
    ("Russia has no intention of attacking Ukraine, the Kremlin said.",
     ("ASSAULT", ["RUS"], ["UKR"], ["negation"])),
])
def test_taking_part_and_acts_disclaimed(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


@pytest.mark.parametrize("text, expected", [
    # withdrawing from a body is leaving it; withdrawing forces from a place is a retreat
    ("Mali's military government said it was withdrawing from the G5 Sahel regional force.",
     ("SANCTION", ["MLI"], ["IGO"], [])),
    ("Israel withdrew its troops from Gaza on Monday.", ("RETREAT", ["ISR"], ["PSE"], [])),
])
def test_withdrawing_from_a_body_is_leaving_it(pipeline, text, expected):
    assert expected in shapes(code(pipeline, text))


def test_children_cache_follows_the_doc(nlp) -> None:
    """The coder's children and conjunct lists are spaCy's, for whichever Doc is asked
    about."""
    from dotterel.events import _conjuncts, _kids

    first = nlp("Russia, China and Japan signed a treaty on fishing rights after talks in "
                "Moscow and Beijing, met the press and left.")
    second = nlp("Protesters in Seoul, who marched on Sunday, demanded that he resign.")
    for doc in (first, second, first):
        for tok in doc:
            assert [c.i for c in _kids(tok)] == [c.i for c in tok.children]
            assert all(c.doc is doc for c in _kids(tok))
            assert [c.i for c in _conjuncts(tok)] == [c.i for c in tok.conjuncts]
    assert any(len(tok.conjuncts) > 1 for tok in first)  # the sentence has coordination
