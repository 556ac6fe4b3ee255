"""One hand-written sentence (or two) per resolution rule of the actor stage.

The sentences are not taken from tests/data/actor_cases.jsonl: they check that each
rule is general, not fitted to the acceptance cases.
"""

from __future__ import annotations

import pytest

from .conftest import Resolve

GOV = "GOV"


# ---------------------------------------------------------------- spans and sectors


def test_entity_span_is_the_whole_noun_phrase(resolve: Resolve) -> None:
    r = resolve("Chinese Defence Minister Wei Fenghe met 30 Russian officers on Monday.",
                "2019-04-29")
    texts = [e.entity_text for e in r.actors]
    assert "Chinese Defence Minister Wei Fenghe" in texts
    assert "30 Russian officers" in texts


def test_possessive_title_span(resolve: Resolve) -> None:
    r = resolve("Germany's ambassador was summoned to the foreign ministry on Friday.")
    assert r.at("Germany's ambassador") == {("DEU", GOV)}
    assert any(e.entity_text == "Germany's ambassador" for e in r.actors)


def test_bare_country_is_government(resolve: Resolve) -> None:
    r = resolve("Canada imposed new tariffs on steel imports from China.")
    assert r.at("Canada") == {("CAN", GOV)}


def test_demonym_noun_takes_the_noun_sector(resolve: Resolve) -> None:
    r = resolve("Nigerian soldiers and Nigerian journalists were seen near the border.")
    assert r.at("Nigerian soldiers") == {("NGA", "MIL")}
    assert r.at("Nigerian journalists") == {("NGA", "JRN")}


def test_demonym_modifying_a_thing_is_not_an_actor(resolve: Resolve) -> None:
    r = resolve("Prices of Norwegian salmon and Qatari gas rose sharply in Europe.")
    assert r.at("Norwegian salmon") == set()
    assert r.at("Qatari gas") == set()
    assert r.places_at("Qatari") == {"QAT"}  # kept apart as a country-coded place


def test_nominal_demonym_is_a_group(resolve: Resolve) -> None:
    r = resolve("Thousands of Venezuelans crossed into Colombia on Sunday.")
    assert r.at("Venezuelans") == {("VEN", "CVL")}


# ---------------------------------------------------------------- capitals and places


def test_capital_acts_as_subject_and_addressee(resolve: Resolve) -> None:
    r = resolve("Canberra protested to Beijing over the detention of an Australian writer.")
    assert r.at("Canberra") == {("AUS", GOV)}
    assert r.at("Beijing") == {("CHN", GOV)}


def test_capital_as_place_is_not_an_actor(resolve: Resolve) -> None:
    r = resolve("The two foreign ministers held talks in Ankara on Tuesday.")
    assert r.at("Ankara") == set()
    assert r.places_at("Ankara") == {"TUR"}


def test_capital_in_a_compound_is_not_an_actor(resolve: Resolve) -> None:
    r = resolve("Protesters gathered at a Cairo mosque after Friday prayers.")
    assert r.at("Cairo") == set()


def test_country_as_a_region_is_not_an_actor(resolve: Resolve) -> None:
    r = resolve("Floods in northern Pakistan killed dozens of people this week.")
    assert r.at("Pakistan") == set()


def test_possessed_part_of_a_country_is_not_an_actor(resolve: Resolve) -> None:
    r = resolve("Heavy fighting was reported in Ethiopia's Tigray region on Friday.")
    assert r.at("Ethiopia") == set()


def test_visited_country_is_the_host(resolve: Resolve) -> None:
    r = resolve("Prime Minister Narendra Modi began a state visit to France on Thursday.",
                "2023-07-13")
    assert r.at("France") == {("FRA", GOV)}


def test_fled_to_a_country_is_a_place(resolve: Resolve) -> None:
    r = resolve("Thousands of families fled to Chad after the attacks.")
    assert r.at("Chad") == set()


def test_relation_adjective_names_no_single_country(resolve: Resolve) -> None:
    r = resolve("Historians debated the legacy of the Franco-Prussian War.")
    assert r.actors == []
    r = resolve("Sino-Indian relations improved after the summit.")
    assert r.actors == []


def test_relation_adjective_with_a_sector_noun_names_both(resolve: Resolve) -> None:
    r = resolve("A Franco-German brigade took part in the exercise.")
    assert r.at("Franco-German brigade") == {("FRA", "MIL"), ("DEU", "MIL")}


def test_made_in_and_pro_are_not_the_actor(resolve: Resolve) -> None:
    r = resolve("Rebels fired Turkish-made rockets at pro-Iranian militias near the border.")
    assert ("TUR", "MIL") not in r.at("Turkish-made rockets")
    assert all(code != "IRN" for code, _ in r.at("pro-Iranian militias"))


def test_sports_teams_are_not_actors(resolve: Resolve) -> None:
    r = resolve("Brazil beat Argentina 3-0 in a World Cup qualifier on Tuesday.")
    assert r.actors == []


# ---------------------------------------------------------------- credits and case


def test_agency_credits_are_not_actors(resolve: Resolve) -> None:
    r = resolve("MOSCOW (AP) - Russia said on Monday it would expel two diplomats, "
                "the Interfax news agency reported.")
    assert r.at("Russia") == {("RUS", GOV)}
    assert r.at("AP") == set()
    assert r.at("Interfax") == set()


def test_publisher_is_not_an_actor(resolve: Resolve) -> None:
    r = resolve("Reuters reported that Turkey closed its airspace.", publisher="Reuters")
    assert r.at("Reuters") == set()
    assert r.at("Turkey") == {("TUR", GOV)}


def test_us_versus_us(resolve: Resolve) -> None:
    r = resolve("'Let us talk,' the US envoy told reporters.")
    assert r.at("us") == set()
    assert r.at("US envoy") == {("USA", GOV)}


def test_all_capitals_headline(resolve: Resolve) -> None:
    r = resolve("MERKEL AND MACRON AGREE ON EURO ZONE BUDGET", "2018-06-19")
    assert r.at("MERKEL") == {("DEU", GOV)}
    assert r.at("MACRON") == {("FRA", GOV)}


def test_former_country_names(resolve: Resolve) -> None:
    r = resolve("Burma's junta and Swaziland's king were criticised in the report.")
    assert r.at("Burma's junta") == {("MMR", GOV)}
    assert r.at("Swaziland's king") == {("SWZ", GOV)}


# ---------------------------------------------------------------- people


def test_person_in_office_by_date(resolve: Resolve) -> None:
    r = resolve("Merkel said Germany would take more refugees.", "2015-09-05")
    assert r.at("Merkel") == {("DEU", GOV)}


def test_person_out_of_office_is_elite(resolve: Resolve) -> None:
    r = resolve("Merkel said she would write her memoirs.", "2023-05-01")
    assert r.at("Merkel") == {("DEU", "ELI")}


def test_former_title_makes_an_elite(resolve: Resolve) -> None:
    r = resolve("Former defence minister Akram Haidari was arrested in Kabul.")
    assert r.at("Former defence minister Akram Haidari") == {("AFG", "ELI")}


def test_later_bare_surname_keeps_the_resolution(resolve: Resolve) -> None:
    r = resolve("Russian Deputy Foreign Minister Igor Morgulov met the Japanese ambassador "
                "on Monday. Morgulov said talks would continue.", "2017-03-20")
    assert r.at("Morgulov", 1) == r.at("Igor Morgulov") == {("RUS", GOV)}


def test_later_bare_name_of_a_person_not_in_the_data(resolve: Resolve) -> None:
    r = resolve("Kenyan President William Ruto flew to Nairobi on Friday. Ruto then "
                "addressed parliament.", "2023-03-10")
    assert ("KEN", GOV) in r.at("Ruto", 1)


def test_counterpart_takes_the_antecedents_sector(resolve: Resolve) -> None:
    r = resolve("The Japanese defence minister called his Australian counterpart on Friday.")
    assert r.at("his Australian counterpart") == {("AUS", GOV)}
    r = resolve("General Mark Milley spoke with his Chinese counterpart on Thursday.",
                "2021-01-08")
    assert r.at("his Chinese counterpart") == {("CHN", "MIL")}


def test_the_russian_side(resolve: Resolve) -> None:
    r = resolve("The Indian side proposed a new round of talks.")
    assert r.at("The Indian side") == {("IND", GOV)}


def test_the_two_sides_are_the_pair_named_together(resolve: Resolve) -> None:
    r = resolve("Ethiopia and Eritrea signed a peace deal, and the two sides reopened their "
                "border.")
    assert r.at("the two sides") == {("ETH", GOV), ("ERI", GOV)}


@pytest.mark.parametrize("cue", ["such as", "including", "like"])
def test_a_pair_named_as_examples_is_not_the_two_sides(resolve: Resolve, cue: str) -> None:
    r = resolve("India and China agreed to hold border talks. New Delhi has used the format "
                f"with partners {cue} France and Germany, and officials said it would help "
                "as the two neighbours seek to ease tension.")
    assert r.at("the two neighbours") == {("IND", GOV), ("CHN", GOV)}


def test_both_countries_from_the_focus_pair(resolve: Resolve) -> None:
    r = resolve("Japan protested against Russian military drills on the islands. Tokyo said "
                "the drills hurt ties between both countries.")
    assert r.at("both countries") == {("JPN", GOV), ("RUS", GOV)}


def test_compound_title_shared_by_two_demonyms(resolve: Resolve) -> None:
    r = resolve("Greek and Turkish diplomats met in Athens.")
    assert r.at("Greek and Turkish diplomats") == {("GRC", GOV), ("TUR", GOV)}


def test_coordinated_countries_are_separate_actors(resolve: Resolve) -> None:
    r = resolve("France and Italy recalled their ambassadors.")
    assert r.at("France") == {("FRA", GOV)}
    assert r.at("Italy") == {("ITA", GOV)}


def test_shared_plural_title_with_two_names(resolve: Resolve) -> None:
    r = resolve("Presidents Emmanuel Macron and Joe Biden spoke by phone.", "2022-03-01")
    assert r.at("Emmanuel Macron") == {("FRA", GOV)}
    assert r.at("Joe Biden") == {("USA", GOV)}


# ---------------------------------------------------------------- organisations


@pytest.mark.parametrize(("text", "words", "code"), [
    ("The UN General Assembly adopted a resolution on Thursday.", "UN General Assembly", "UNO"),
    ("UNICEF warned of famine in the region.", "UNICEF", "UNO"),
    ("The European Parliament voted to approve the deal.", "European Parliament", "EUR"),
    ("NATO allies agreed to raise defence spending.", "NATO", "IGO"),
    ("Human Rights Watch accused the police of torture.", "Human Rights Watch", "NGO"),
])
def test_organisation_codes(resolve: Resolve, text: str, words: str, code: str) -> None:
    assert {c for c, _ in resolve(text).at(words)} == {code}


def test_armed_group_has_its_country_and_rebel_sector(resolve: Resolve) -> None:
    r = resolve("Houthi fighters attacked a ship in the Red Sea.")
    assert r.at("Houthi fighters") == {("YEM", "REB")}


def test_partially_recognised_entity_is_tagged_pre(resolve: Resolve) -> None:
    r = resolve("Transnistria held a referendum that Moldova rejected.")
    (ent,) = r.actors_at("Transnistria")
    assert (ent.code, ent.sector) == ("MDA", GOV) and "PRE" in ent.other_sectors


def test_body_noun_of_the_un_sets_the_sector(resolve: Resolve) -> None:
    r = resolve("UN peacekeepers withdrew from the town.")
    assert r.at("UN peacekeepers") == {("UNO", "MIL")}


def test_the_bloc_and_the_group(resolve: Resolve) -> None:
    r = resolve("The European Union said the bloc would extend sanctions.")
    assert {c for c, _ in r.at("the bloc")} == {"EUR"}
    r = resolve("Hezbollah said the group had fired rockets.")
    assert r.at("the group") == {("LBN", "REB")}


# ---------------------------------------------------------------- titles, context


def test_title_and_name_not_in_the_data(resolve: Resolve) -> None:
    r = resolve("Chile's ambassador Juan Perez delivered a protest note.")
    assert r.at("Chile's ambassador Juan Perez") == {("CHL", GOV)}


def test_opposition_leader_takes_the_document_country(resolve: Resolve) -> None:
    r = resolve("Belarus held elections on Sunday. Opposition leader Pavel Latushko called "
                "the vote a farce.")
    assert r.at("Opposition leader Pavel Latushko") == {("BLR", "OPP")}


def test_unnamed_group_takes_the_place_of_its_clause(resolve: Resolve) -> None:
    r = resolve("Police fired tear gas at students in Lima on Thursday.")
    assert r.at("Police") == {("PER", "COP")}
    assert r.at("students") == {("PER", "EDU")}


def test_its_troops_belong_to_the_subject(resolve: Resolve) -> None:
    r = resolve("The United States said it would send more troops to Poland.")
    assert r.at("more troops") == {("USA", "MIL")}


def test_family_of_an_official_is_elite(resolve: Resolve) -> None:
    r = resolve("Former president Jacob Zuma and his son were questioned.", "2019-01-10")
    assert r.at("his son") == {("ZAF", "ELI")}


def test_apposition_gives_an_unknown_person_its_actor(resolve: Resolve) -> None:
    r = resolve("Police arrested Ana Lopez, a Mexican journalist, on Monday.")
    assert ("MEX", "JRN") in r.at("Ana Lopez")


def test_a_depicted_person_is_not_an_actor(resolve: Resolve) -> None:
    r = resolve("Protesters burned portraits of Robert Mugabe in Harare.", "2017-11-18")
    assert r.at("Robert Mugabe") == set()


def test_a_named_body_beats_a_former_office(resolve: Resolve) -> None:
    r = resolve("Hamas political leader Ismail Haniyeh arrived in Cairo.", "2023-10-20")
    assert r.at("Hamas political leader Ismail Haniyeh") == {("PSE", "REB")}


def test_heads_of_government_worldwide_resolve_by_date(resolve: Resolve) -> None:
    r = resolve("Prime Minister Abiy Ahmed met the envoys in Addis Ababa.", "2021-03-02")
    assert r.at("Prime Minister Abiy Ahmed") == {("ETH", GOV)}


@pytest.mark.parametrize("group, sector", [
    ("Yemeni tribesmen", "CVL"), ("Somali hijackers", "UAF"), ("Kenyan youths", "CVL"),
    ("Chilean strikers", "LAB"), ("Afghan elders", "CVL"), ("Iraqi jailers", "COP"),
])
def test_more_group_nouns_take_their_sector(resolve: Resolve, group: str, sector: str) -> None:
    r = resolve(f"{group} gathered outside the building on Monday.")
    code = {"Yemeni": "YEM", "Somali": "SOM", "Kenyan": "KEN", "Chilean": "CHL",
            "Afghan": "AFG", "Iraqi": "IRQ"}[group.split()[0]]
    assert r.at(group) == {(code, sector)}


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Rights groups accused the Egyptian government of torturing detainees.", "Rights groups",
     {("NGO", "SOC")}),
    ("Sudan expelled 13 foreign aid agencies on Wednesday.", "13 foreign aid agencies",
     {("NGO", "SOC")}),
    ("Egyptian rights groups accused the government of torture.", "Egyptian rights groups",
     {("EGY", "SOC")}),
    ("Media watchdogs urged the Kenyan government to lift its ban.", "Media watchdogs",
     {("NGO", "SOC")}),
    ("Press freedom groups condemned the arrests in Ankara.", "Press freedom groups",
     {("NGO", "SOC")}),
    ("Brazilian environmental groups sued the government.", "Brazilian environmental groups",
     {("BRA", "SOC")}),
])
def test_a_kind_of_ngo_no_country_owns_is_an_ngo(resolve: Resolve, text: str, phrase: str,
                                                 expected: set[tuple[str, str]]) -> None:
    assert resolve(text, "2015-06-02").at(phrase) == expected
