"""Which expression dates which event: hand-placed triggers on real parses.

The trigger word is chosen by the test (see ``dated`` in conftest), so these
cases pin the attachment rules themselves, whatever the event coder makes of
the sentence.  Many are regression tests for errors seen on the gold set.
"""

from __future__ import annotations

from datetime import date

import pytest

from dotterel import dating
from dotterel.dating import date_events, load_cues, load_named_periods
from dotterel.errors import DataFileError

from .conftest import make_event

WED = date(2017, 3, 22)


@pytest.mark.parametrize(("text", "published", "trigger", "iso"), [
    # the subordinate event of "N days after" lies N days before the main clause's date
    ("Former Bolivian President Evo Morales arrived in Mexico on Tuesday, two days after he "
     "resigned under pressure from the armed forces.", date(2019, 11, 12), "resigned",
     "2019-11-10"),
    ("Former Bolivian President Evo Morales arrived in Mexico on Tuesday, two days after he "
     "resigned under pressure from the armed forces.", date(2019, 11, 12), "arrived",
     "2019-11-12"),
    ("Ukraine's parliament voted on Monday to impose martial law, a day after Russian coast "
     "guard vessels fired on and seized three Ukrainian navy ships.", date(2018, 11, 26),
     "seized", "2018-11-25"),
    ("Ukraine's parliament voted on Monday to impose martial law, a day after Russian coast "
     "guard vessels fired on and seized three Ukrainian navy ships.", date(2018, 11, 26),
     "impose", "2018-11-26"),
    ("Russian missiles struck the port of Odesa on Saturday, less than a day after Moscow and "
     "Kyiv signed agreements to reopen the ports.", date(2022, 7, 23), "signed", "2022-07-22"),
    ("Auf stepped down late on Friday, a day after he announced that the army had toppled and "
     "arrested President Omar al-Bashir.", date(2019, 4, 13), "arrested", "2019-04-11"),
    # with no date of its own the main clause counts from the running date
    ("Russia condemned Japan on March 8. The protest came three days after Japan expelled two "
     "Russian diplomats.", WED, "expelled", "2017-03-05"),
])
def test_clause_offsets(dated, text: str, published: date, trigger: str, iso: str) -> None:
    assert dated(text, published, trigger).date == iso


def test_an_offset_noun_is_not_the_main_clause(dated) -> None:
    # regression: 'Minutes after the launch' hung on the main verb was read as its clause
    text = ("North Korea tested a missile on Wednesday. Minutes after the launch, South Korea's "
            "military conducted a drill.")
    assert dated(text, date(2017, 11, 30), "conducted").date == "2017-11-29"


def test_reporting_verb_owns_a_date_before_the_reported_subject(dated) -> None:
    # regression: the parser hangs 'on Thursday' on 'visit'; it dates the statement
    text = "Putin said on Thursday he would visit Japan."
    ev = dated(text, date(2016, 12, 16), "visit", aux=("future",))
    assert (ev.date, ev.date_text) == ("2016-12-15", "Thursday")


def test_reported_statement_date_runs_on(dated) -> None:
    text = ("Russia's Foreign Ministry said on Monday it was suspending the talks. Japan "
            "protested.")
    assert dated(text, WED, "protested").date == "2017-03-20"


def test_coordinated_verbs_share_a_final_date(dated) -> None:
    text = "Pakistan expelled India's high commissioner and suspended bilateral trade on Wednesday."
    assert dated(text, date(2019, 8, 8), "expelled").date == "2019-08-07"


def test_coordinated_clauses_with_their_own_subject_do_not_share(dated) -> None:
    text = "Japan protested, and Russia deployed missiles on the islands on Monday."
    assert dated(text, WED, "protested").date == "2017-03-22"


@pytest.mark.parametrize(("text", "trigger", "aux", "iso"), [
    # a controlled clause's date is the event's ...
    ("The Russian-led alliance began sending troops on Thursday.", "began", (), "2017-03-16"),
    ("A faction within the armed forces tried to seize power late on Friday.", "tried", (),
     "2017-03-17"),
    # ... but not a deadline set by an agreement: that is the planned act's
    ("They also agreed to pull back forces from the front line by the end of March.", "agreed",
     (), "2017-03-22"),
    ("They also agreed to pull back forces from the front line by the end of March.", "pull",
     ("future",), "2017-03"),
    # a planned event takes the date of its complement
    ("Abe and Putin agreed to hold another summit next month.", "agreed", ("future",),
     "2017-04"),
])
def test_controlled_and_planned(dated, text: str, trigger: str, aux: tuple[str, ...],
                                iso: str) -> None:
    assert dated(text, WED, trigger, aux=aux).date == iso


@pytest.mark.parametrize(("text", "published", "trigger", "iso"), [
    ("Erdogan is due to meet Russian President Vladimir Putin in Sochi on Tuesday.",
     date(2019, 10, 17), "meet", "2019-10-22"),
    ("U.N. Secretary-General Ban Ki-moon said he would travel to Haiti on Sunday.",
     date(2010, 1, 15), "travel", "2010-01-17"),
    ("The first phase of the exercise runs until Friday.", date(2020, 11, 3), "runs",
     "2020-11-06"),
    ("Biden spoke with Lula on Monday and invited him to Washington in early February.",
     date(2023, 1, 10), "invited", "2023-02"),
    ("The ministers discussed preparations for a visit by Abe to Russia in late April.",
     date(2017, 3, 20), "discussed", "2017-04"),
    # an agreement reported in the past: its date is not pushed a year ahead
    ("The UAE agreed to normalise ties with Israel on Aug. 13.", date(2020, 9, 15), "agreed",
     "2020-08-13"),
])
def test_which_way_a_date_without_a_year_points(dated, text: str, published: date,
                                                trigger: str, iso: str) -> None:
    assert dated(text, published, trigger).date == iso


@pytest.mark.parametrize(("text", "trigger", "iso"), [
    # dates inside "since ...", "in response to ...", "ahead of ..." date the other event
    ("The emir embraced the crown prince, his first visit to the kingdom since the rift began "
     "in 2017.", "embraced", "2017-03-22"),
    ("Israel signed agreements with the UAE on Tuesday, the first Arab state to establish ties "
     "with Israel since Jordan in 1994.", "signed", "2017-03-21"),
    ("Gulen, who has lived in Pennsylvania since 1999, condemned the coup.", "condemned",
     "2017-03-22"),
    ("The leaders met ahead of an emergency summit on Friday.", "met", "2017-03-22"),
    # a dated noun dates the clause only through a temporal phrase
    ("Trump pulled the United States out of the 2015 nuclear deal.", "pulled", "2017-03-22"),
    ("In a 1956 joint declaration, Moscow agreed to hand over two islands.", "agreed", "1956"),
    ("Japan shut down its reactors in the aftermath of the 2011 Fukushima disaster.", "shut",
     "2011"),
    # a named period dates an event by its start or end
    ("Soviet troops seized the islands in the final days of World War Two.", "seized", "1945"),
    ("The islands were seized by Soviet troops at the end of World War Two.", "seized", "1945"),
    ("Soviet troops seized the islands during World War Two.", "seized", "2017-03-22"),
    # 'Sunday night' is Sunday, wherever the parser hangs 'night'
    ("Police used stun grenades to disperse demonstrators in Minsk on Sunday night.", "used",
     "2017-03-19"),
    # a participle that modifies a noun does not own the clause's date
    ("Washington agreed in a deal signed in Doha in February 2016 to withdraw its forces.",
     "agreed", "2016-02"),
])
def test_expressions_that_date_another_event(dated, text: str, trigger: str, iso: str) -> None:
    assert dated(text, WED, trigger).date == iso


@pytest.mark.parametrize(("text", "trigger", "iso"), [
    # when nothing else dates it, an event closely following or accompanying another takes
    # that event's date
    ("The negotiations gathered pace after Rouhani's election in 2013.", "gathered", "2013"),
    ("Hundreds were killed as gunmen broke through the fence on Saturday.", "killed",
     "2017-03-18"),
])
def test_related_events(dated, text: str, trigger: str, iso: str) -> None:
    assert dated(text, WED, trigger).date == iso


def test_future_and_relative_clause_dates_do_not_run_on(dated) -> None:
    text = ("Guterres, who will visit Sindh on Saturday, arrived in Pakistan on Friday. "
            "Gulen, who has lived in Pennsylvania since 1999, condemned the coup. "
            "He urged calm.")
    assert dated(text, date(2022, 9, 9), "urged").date == "2022-09-09"


def test_the_following_year_is_not_an_offset(dated) -> None:
    # regression: 'the following year after objections' was read as 'year after <clause>'
    text = "Australia took part in 2007 and pulled out the following year after objections."
    ev = dated(text, WED, "pulled")
    assert (ev.date, ev.date_text) == ("2008", "the following year")


def test_same_day_after_a_vague_date_keeps_its_precision(dated) -> None:
    # regression: 'the same day' used to count from an older day-precision date
    text = ("The floods have killed 1,400 people since mid-June. The United Nations launched an "
            "appeal last week, and the United States announced aid the same day.")
    ev = dated(text, date(2022, 9, 9), "announced")
    assert (ev.date, ev.date_precision) == ("2022-08", "month")


def test_future_event_is_never_historical(dated) -> None:
    ev = dated("Lavrov said in 2012 that Russia would deploy missiles.", WED, "deploy",
               aux=("future",))
    assert ev.date == "2012" and "historical" not in ev.aux


# ---------------------------------------------------------------- cost and data


def test_the_document_is_scanned_once_for_all_events(pipeline, monkeypatch) -> None:
    calls = []
    real = dating.find_expressions
    monkeypatch.setattr(dating, "find_expressions",
                        lambda text, **kw: calls.append(1) or real(text, **kw))
    text = ("Russia condemned Japan on Monday. China condemned Japan on Tuesday. North Korea "
            "condemned Japan. South Korea condemned Japan in 2014.")
    events = [make_event(text, "condemned", nth=n) for n in range(4)]
    out = date_events(pipeline.nlp(text), events, WED)
    assert len(calls) == 1
    assert [e.date for e in out] == ["2017-03-20", "2017-03-21", "2017-03-21", "2014"]


def test_no_events_no_work(pipeline, monkeypatch) -> None:
    monkeypatch.setattr(dating, "find_expressions", lambda text, **kw: pytest.fail("scanned"))
    assert date_events(pipeline.nlp("Nothing happened on Monday."), [], WED) == []


def test_cues_are_validated(tmp_path) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text("future_aux: [will]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="cues.yaml"):
        load_cues(str(bad))


def test_bundled_cues_load() -> None:
    cues = load_cues()
    assert "will" in cues.future_aux and "since" in cues.blocking_relations


def test_named_periods_are_validated(tmp_path) -> None:
    bad = tmp_path / "periods.tsv"
    bad.write_text("# periods\nnames\tstart\tend\nthe Long War\t1990\t1980\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="before it starts"):
        load_named_periods(str(bad))
