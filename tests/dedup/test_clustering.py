"""Clustering hand-built mentions: merges, near-misses, coarse dates, order and ids."""

import random

import pytest

from dotterel.dedup import candidate_pairs, cluster_id_for, cluster_mentions, links_by_id

from .conftest import ABE, KONO, LAVROV, PARAMS, PUTIN, RULES, event, mention


def partition(mentions) -> set[frozenset[str]]:
    return {frozenset(m.id for m in c.members) for c in cluster_mentions(mentions, PARAMS, RULES)}


def test_one_report_mentions_its_event_three_times():
    """Lead, later paragraph and a one-sided recap of one meeting: one cluster."""
    lead = event("d1", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks", place="Moscow")
    later = event("d1", 3, "CONSULT", (PUTIN, ABE), trigger="met", place="Moscow")
    recap = event("d1", 5, "CONSULT", ("JPN",), trigger="talks", place="Moscow")
    other = event("d1", 6, "ACCUSE", ("JPN",), ("RUS",), trigger="protested", place="Tokyo")
    found = partition([mention(e) for e in (lead, later, recap, other)])
    assert found == {frozenset({"d1-0-0", "d1-3-0", "d1-5-0"}), frozenset({"d1-6-0"})}


def test_three_outlets_report_one_summit():
    reports = [
        event("a", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks", place="Moscow"),
        event("b", 0, "CONSULT", (PUTIN, ABE), trigger="met", place="Moscow",
              when="2017-03-21"),
        event("c", 0, "CONSULT", ("RUS", "JPN"), trigger="summit", place="Russia"),
    ]
    assert partition([mention(e) for e in reports]) == {frozenset({"a-0-0", "b-0-0", "c-0-0"})}


@pytest.mark.parametrize("second", [
    # same dyad and type, three days later
    dict(etype="CONSULT", actors=(ABE, PUTIN), when="2017-03-23", place="Moscow"),
    # same day, same dyad, another type
    dict(etype="AGREE", actors=(ABE, PUTIN), when="2017-03-20", place="Moscow"),
    # same day, same type, the other way round (directed type)
    dict(etype="SANCTION", actors=("RUS",), recipients=("JPN",), when="2017-03-20",
         place="Moscow"),
    # same day, same type, other people
    dict(etype="CONSULT", actors=(KONO, LAVROV), when="2017-03-20", place="Moscow"),
])
def test_near_misses_stay_apart(second):
    first_type = "SANCTION" if second["etype"] == "SANCTION" else "CONSULT"
    first = event("a", 0, first_type, ("JPN",) if first_type == "SANCTION" else (ABE, PUTIN),
                  ("RUS",) if first_type == "SANCTION" else (), trigger="met", place="Moscow")
    other = event("b", 0, second["etype"], second["actors"], second.get("recipients", ()),
                  when=second["when"], trigger="met", place=second["place"])
    assert len(partition([mention(first), mention(other)])) == 2


def test_a_month_report_does_not_bridge_two_summits_of_that_month():
    first = event("a", 0, "CONSULT", ("JPN", "RUS"), when="2019-01-14", trigger="met",
                  place="Moscow")
    second = event("b", 0, "CONSULT", ("JPN", "RUS"), when="2019-01-22", trigger="met",
                   place="Moscow")
    month = event("c", 0, "CONSULT", ("JPN", "RUS"), when="2019-01", trigger="met",
                  place="Moscow")
    clusters = cluster_mentions([mention(e) for e in (first, second, month)], PARAMS, RULES)
    assert len(clusters) == 2
    joined = next(c for c in clusters if len(c.members) == 2)
    assert joined.attached == {"c-0-0": "a-0-0"}  # tie on the score: the smaller id
    assert joined.id == cluster_id_for("a-0-0")


def test_a_day_tolerance_chain_does_not_merge_days_apart():
    days = [event(doc, 0, "CONSULT", ("JPN", "RUS"), when=f"2019-01-{d}", trigger="met",
                  place="Moscow") for doc, d in (("a", 20), ("b", 21), ("c", 22))]
    found = partition([mention(e) for e in days])
    assert len(found) == 2 and all(len(group) <= 2 for group in found)


def test_coarse_mentions_without_a_fine_one_cluster_together():
    years = [event(doc, 0, "COERCE", ("RUS",), ("UKR",), when="2014", trigger="annexed",
                   place="Kyiv") for doc in "abc"]
    later = event("d", 0, "COERCE", ("RUS",), ("UKR",), when="2015", trigger="annexed",
                  place="Kyiv")
    assert partition([mention(e) for e in [*years, later]]) == {
        frozenset({"a-0-0", "b-0-0", "c-0-0"}), frozenset({"d-0-0"})}


def test_a_one_sided_mention_joins_only_one_of_two_protests():
    to_russia = event("a", 0, "ACCUSE", ("JPN",), ("RUS",), trigger="protested", place="Tokyo")
    to_china = event("b", 0, "ACCUSE", ("JPN",), ("CHN",), trigger="protested", place="Tokyo")
    vague = event("c", 0, "ACCUSE", ("JPN",), trigger="protested", place="Tokyo")
    found = partition([mention(e) for e in (to_russia, to_china, vague)])
    assert len(found) == 2
    assert frozenset({"a-0-0", "b-0-0"}) not in found


def test_order_does_not_matter_and_ids_are_stable():
    mentions = [
        mention(event("a", 0, "CONSULT", (ABE,), (PUTIN,), trigger="held talks",
                      place="Moscow")),
        mention(event("b", 0, "CONSULT", (PUTIN, ABE), trigger="met", place="Moscow")),
        mention(event("b", 1, "CONSULT", ("JPN",), trigger="talks", place="Moscow")),
        mention(event("c", 0, "CONSULT", ("JPN", "RUS"), when="2017-03", trigger="talks",
                      place="Moscow")),
        mention(event("d", 0, "AGREE", (ABE, PUTIN), trigger="agreed", place="Moscow")),
    ]
    first = cluster_mentions(mentions, PARAMS, RULES)
    for seed in range(5):
        shuffled = random.Random(seed).sample(mentions, len(mentions))
        again = cluster_mentions(shuffled, PARAMS, RULES)
        assert [(c.id, [m.id for m in c.members]) for c in again] == \
            [(c.id, [m.id for m in c.members]) for c in first]


def test_candidates_are_blocked_not_all_pairs():
    mentions = [mention(event(f"d{i}", 0, "CONSULT", (code, "RUS"), trigger="met"))
                for i, code in enumerate(["JPN", "CHN", "USA", "IND", "FRA", "DEU"] * 5)]
    pairs = candidate_pairs(sorted(mentions, key=lambda m: m.id), 1)
    assert len(pairs) == 6 * (5 * 4 // 2)  # only within each dyad
    far = mention(event("x", 0, "CONSULT", ("JPN", "RUS"), when="2018-01-01"))
    assert not links_by_id([*mentions, far], PARAMS, RULES, new=["x-0-0"])
