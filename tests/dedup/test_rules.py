"""The pairwise rules on hand-built events: types, modality, dates, countries, evidence."""

from dataclasses import replace

import pytest

from dotterel.dedup import (
    Params,
    dates_agree,
    link,
    load_rules,
    mention_from_json,
    mention_json,
    participants_agree,
    period,
    similarity,
    trigger_lemmas,
)
from dotterel.errors import ConfigError, DataFileError

from .conftest import ABE, KONO, LAVROV, PARAMS, PUTIN, RULES, event, mention


def linked(a, b, params=PARAMS):
    return link(mention(a), mention(b), params, RULES)


# --- data files -------------------------------------------------------------------------


def test_rules_load_and_are_conservative():
    assert RULES.symmetric == {"CONSULT", "AGREE", "COOPERATE"}
    assert RULES.min_similarity("CONSULT", "040", "CONSULT", "042") == 0.0
    assert RULES.min_similarity("CONSULT", "040", "AGREE", "030") is None  # meeting != deal
    assert RULES.min_similarity("AGREE", "030", "SUPPORT", "057") == 0.6  # agreed vs signed
    assert RULES.min_similarity("AGREE", "030", "SUPPORT", "051") is None  # praise is not it
    assert RULES.min_similarity("SANCTION", "166", "COERCE", "174") == 0.6  # expel vs deport
    assert RULES.min_similarity("SANCTION", "163", "COERCE", "180") is None
    assert RULES.group("SUPPORT") == RULES.group("AGREE") == "AGREE~SUPPORT"
    assert RULES.group("CONSULT") == "CONSULT"


@pytest.mark.parametrize("name, text, message", [
    ("compatible_types.tsv", "type_a\tcameo_a\ttype_b\tcameo_b\tmin_similarity\twhy\n"
     "AGREE\t-\tMEETING\t-\t0.6\tx\n", "unknown PLOVER type"),
    ("compatible_types.tsv", "type_a\tcameo_a\ttype_b\tcameo_b\tmin_similarity\twhy\n"
     "AGREE\t-\tSUPPORT\t-\t0.6\tx\nSUPPORT\t-\tCONSULT\t-\t0.6\ty\n", "at most one pair"),
    ("compatible_types.tsv", "type_a\tcameo_a\ttype_b\tcameo_b\tmin_similarity\twhy\n"
     "AGREE\t-\tSUPPORT\t-\t1.5\tx\n", "between 0 and 1"),
    ("trigger_words.tsv", "word\tlemma\nMet\tmeet\n", "lower case"),
    ("forward_types.tsv", "type\twhy\nPLAN\tx\n", "unknown PLOVER type"),
])
def test_bad_rule_files_are_refused(tmp_path, name, text, message):
    from dotterel.datafiles import data_path

    for original in data_path("dedup").glob("*.tsv"):
        (tmp_path / original.name).write_text(original.read_text(encoding="utf-8"))
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_rules(str(tmp_path))


@pytest.mark.parametrize("days, threshold", [(-1, 0.5), (1, 1.5)])
def test_bad_settings(days, threshold):
    with pytest.raises(ConfigError, match="dedup_"):
        Params.of({"dedup_days": days, "dedup_threshold": threshold})


# --- pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, lemmas", [
    ("held talks", {"hold", "talk"}),
    ("agreed on Thursday on", {"agree"}),
    ("expelled 60 Russian diplomats", {"expel", "russian", "diplomat"}),
    ("imposed", {"impos"}),
    ("imposes tariffs", {"impos", "tarif"}),
    ("met", {"meet"}),
])
def test_trigger_lemmas(text, lemmas):
    assert trigger_lemmas(text, RULES) == lemmas


@pytest.mark.parametrize("value, precision, expected", [
    ("2017-03-20", "day", ("day", "2017-03-20", "2017-03-20")),
    ("2017-02", "month", ("month", "2017-02-01", "2017-02-28")),
    ("2016-12", None, ("month", "2016-12-01", "2016-12-31")),
    ("2016", "year", ("year", "2016-01-01", "2016-12-31")),
    (None, None, (None, None, None)),
    ("not a date", None, (None, None, None)),
])
def test_period(value, precision, expected):
    kind, lo, hi = period(value, precision)
    assert (kind, lo and lo.isoformat(), hi and hi.isoformat()) == expected


@pytest.mark.parametrize("a, b, same_doc, agree", [
    ("2017-03-20", "2017-03-21", False, True),   # a day apart in two reports
    ("2017-03-20", "2017-03-22", False, False),  # two days apart
    ("2017-03-20", "2017-03-21", True, False),   # one report dates its events alike
    ("2017-03", "2017-03-20", False, True),      # the month holds the day
    ("2017-03", "2017-04-01", False, False),
    ("2017", "2017-03", False, True),            # the year holds the month
    ("2017-03", "2017-04", False, False),
    ("2016", "2017-01-01", False, False),
])
def test_dates_agree(a, b, same_doc, agree):
    first = mention(event("d1", 0, "CONSULT", ("JPN", "RUS"), when=a))
    second = mention(event("d1" if same_doc else "d2", 1, "CONSULT", ("JPN", "RUS"), when=b))
    assert dates_agree(first, second, 1) == agree == dates_agree(second, first, 1)


@pytest.mark.parametrize("a, b, expected", [
    # symmetric type: countries as a set, either side first
    ((("JPN",), ("RUS",)), (("RUS", "JPN"), ()), "equal"),
    ((("JPN",), ()), (("RUS", "JPN"), ()), "partial"),
    ((("JPN", "CHN"), ()), (("RUS", "JPN"), ()), None),
])
def test_participants_of_symmetric_types(a, b, expected):
    x = mention(event("d1", 0, "CONSULT", a[0], a[1]))
    y = mention(event("d2", 0, "CONSULT", b[0], b[1]))
    assert participants_agree(x, y) == expected


@pytest.mark.parametrize("a, b, expected", [
    ((("JPN",), ("RUS",)), (("JPN",), ("RUS",)), "equal"),
    ((("JPN",), ("RUS",)), (("RUS",), ("JPN",)), None),  # the other way round
    ((("JPN",), ()), (("JPN",), ("RUS",)), "partial"),   # recipient not found
    ((("JPN",), ("CHN",)), (("JPN",), ("RUS",)), None),
    (((), ("RUS",)), (("JPN",), ("RUS",)), None),         # no actor: too little to go on
])
def test_participants_of_directed_types(a, b, expected):
    x = mention(event("d1", 0, "ACCUSE", a[0], a[1], trigger="protested"))
    y = mention(event("d2", 0, "ACCUSE", b[0], b[1], trigger="protested"))
    assert participants_agree(x, y) == expected


def test_extra_symmetric_makes_a_directed_type_orderless():
    x = mention(event("d1", 0, "SUPPORT", ("JPN",), ("RUS",), symmetric=True))
    y = mention(event("d2", 0, "SUPPORT", ("RUS",), ("JPN",)))
    assert participants_agree(x, y) == "equal"


def test_similarity_by_hand():
    a = event("d1", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks", place="Moscow")
    # same word, same people, same place
    assert similarity(mention(a), mention(replace(a, id="d2-0-0", doc_id="d2"))) == 1.0
    # another word of the same type (0.4), the same people (1), the same place (1)
    b = event("d2", 0, "CONSULT", (PUTIN, ABE), trigger="summit", place="Moscow", cameo="043")
    assert similarity(mention(a), mention(b)) == pytest.approx((0.4 * 0.4 + 0.3 + 0.3) / 1.0)
    # same CAMEO (0.6), no people on one side, the city and the country holding it (0.75)
    c = event("d3", 0, "CONSULT", ("JPN",), ("RUS",), trigger="summit", place="Russia")
    assert similarity(mention(a), mention(c)) == pytest.approx((0.4 * 0.6 + 0.3 * 0.75) / 0.7)
    # a place in another country counts against
    d = event("d4", 0, "CONSULT", ("JPN",), ("RUS",), trigger="held talks", place="Beijing")
    assert similarity(mention(a), mention(d)) == pytest.approx(0.4 / 0.7)


def test_a_dateline_place_counts_only_when_it_agrees():
    a = mention(event("d1", 0, "CONSULT", ("JPN", "RUS"), trigger="summit", place="Moscow"))
    elsewhere = replace(mention(event("d2", 0, "CONSULT", ("JPN", "RUS"), trigger="summit",
                                      place="Tokyo")), place_weak=True)
    assert similarity(a, elsewhere) == 1.0  # the Tokyo dateline says nothing against Moscow


# --- links ------------------------------------------------------------------------------


def test_reports_of_one_meeting_link():
    a = event("d1", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks", place="Moscow")
    b = event("d2", 0, "CONSULT", (PUTIN, ABE), trigger="met", place="Moscow",
              when="2017-03-21")
    assert linked(a, b) == pytest.approx((0.4 * 0.6 + 0.3 + 0.3) / 1.0)


def test_different_people_never_link():
    leaders = event("d1", 0, "CONSULT", (ABE, PUTIN), trigger="met", place="Moscow")
    ministers = event("d2", 0, "CONSULT", (KONO, LAVROV), trigger="met", place="Moscow")
    assert linked(leaders, ministers) is None


@pytest.mark.parametrize("aux", [("negation",), ("hypothetical",), ("future",)])
def test_negated_hypothetical_and_future_never_link_with_asserted(aux):
    said = event("d1", 0, "CONSULT", (ABE, PUTIN), place="Moscow")
    unsaid = event("d2", 0, "CONSULT", (ABE, PUTIN), place="Moscow", aux=aux)
    assert linked(said, unsaid) is None
    assert linked(unsaid, replace(unsaid, id="d3-0-0", doc_id="d3")) is not None


def test_future_agreement_links_with_the_agreement_it_restates():
    """AGREE looks forward by nature: "will hold talks this year" (future) and "agreed to
    hold talks" report one agreement when the dates agree; negation still keeps apart."""
    agreed = event("d1", 0, "AGREE", (ABE, PUTIN), trigger="agreed to hold talks",
                   when="2017-03-20")
    planned = event("d2", 0, "AGREE", (ABE, PUTIN), trigger="will hold talks", when="2017",
                    aux=("future",))
    assert linked(agreed, planned) is not None
    assert linked(agreed, replace(planned, date="2018")) is None  # another period
    assert linked(agreed, replace(planned, aux=("negation",))) is None
    meeting = event("d3", 0, "CONSULT", (ABE, PUTIN), when="2017", aux=("future",))
    assert linked(replace(meeting, aux=()), meeting) is None  # "will meet" is not "met"


def test_same_day_same_dyad_different_types_never_link():
    talks = event("d1", 0, "CONSULT", (ABE, PUTIN), place="Moscow")
    deal = event("d2", 0, "AGREE", (ABE, PUTIN), trigger="agreed", place="Moscow")
    assert linked(talks, deal) is None


def test_compatible_types_need_more_evidence():
    agreed = event("d1", 0, "AGREE", (ABE, PUTIN), trigger="agreed", place="Moscow")
    signed = event("d2", 0, "SUPPORT", (ABE, PUTIN), trigger="signed an agreement",
                   place="Moscow", cameo="057")
    assert linked(agreed, signed) == pytest.approx(1.0)  # "agree" in both, people, place
    vague = event("d3", 0, "SUPPORT", ("JPN", "RUS"), trigger="signed", place=None,
                  cameo="057")
    assert linked(agreed, vague) is None  # 0.4 on the trigger alone is below 0.6


def test_one_country_alone_needs_an_anchor_across_documents():
    full = event("d1", 0, "ACCUSE", ("JPN",), ("RUS",), trigger="protested", place="Tokyo")
    alone = event("d2", 0, "ACCUSE", ("JPN",), trigger="complained", place="Tokyo",
                  when="2017-03-21", cameo="112")
    assert linked(full, alone) is None  # other word, other day: no anchor
    same_day = replace(alone, date="2017-03-20")
    assert linked(full, same_day) is not None  # same place, same day
    in_one_report = replace(alone, id="d1-1-0", doc_id="d1", date="2017-03-20")
    assert linked(full, in_one_report) is not None


def test_threshold_setting_is_used():
    a = event("d1", 0, "CONSULT", ("JPN", "RUS"), trigger="held talks", place="Moscow")
    b = event("d2", 0, "CONSULT", ("JPN", "RUS"), trigger="summit", place="Russia",
              cameo="043")
    score = linked(a, b)
    assert score is not None and linked(a, b, Params(1, score + 0.01)) is None


def test_mentions_survive_json():
    m = mention(event("d1", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks"))
    back = mention_from_json(mention_json(m))
    assert back == m and back.home == m.home and back.probes == m.probes


def test_one_country_of_a_joint_act_links_without_a_place():
    """'The United States expelled Russian diplomats' and 'EU countries, along with the
    United States and Canada, announced the expulsion of Russian diplomats' the same day:
    found by blocking (pairs of a many-country mention) and anchored by day, target and
    the same CAMEO code, though neither report names a place."""
    from dotterel.dedup import links_by_id

    alone = event("d1", 0, "SANCTION", ("USA",), ("RUS",), trigger="expelled", place=None,
                  cameo="166", mode=("expel",), when="2018-03-26")
    joint = event("d2", 0, "SANCTION", ("EUR", "USA", "CAN"), ("RUS",), trigger="expulsion",
                  place=None, cameo="166", mode=("expel",), when="2018-03-26")
    mentions = [mention(alone), mention(joint)]
    assert links_by_id(mentions, PARAMS, RULES) != {}
    next_day = replace(joint, date="2018-03-27")
    assert linked(alone, next_day) is None  # thin and not the same day: no anchor
    other_target = event("d3", 0, "SANCTION", ("EUR", "USA", "CAN"), ("IRN",),
                         trigger="expulsion", place=None, cameo="166", when="2018-03-26")
    assert linked(alone, other_target) is None
