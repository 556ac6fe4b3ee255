"""Events dated end to end: hand-written sentences through the whole pipeline.

Each case names the word of the trigger to look at; the date, its precision and
its basis are what `date_events` gives that event.
"""

from __future__ import annotations

from datetime import date

import pytest

WED = date(2017, 3, 22)  # publication date of most cases: a Wednesday

PHRASES = [
    # text, trigger, date, precision, basis
    ("Japan and Russia signed an agreement on March 18.", "signed",
     "2017-03-18", "day", "explicit"),
    ("Japan and Russia signed an agreement on March 20, 2017.", "signed",
     "2017-03-20", "day", "explicit"),
    ("Japan and Russia signed an agreement on 20 March 2017.", "signed",
     "2017-03-20", "day", "explicit"),
    ("Japan and Russia signed an agreement on Mar. 20.", "signed",
     "2017-03-20", "day", "explicit"),
    ("Japan and Russia signed an agreement in April 2016.", "signed",
     "2016-04", "month", "explicit"),
    ("In April 2016, Japan and Russia signed an agreement.", "signed",
     "2016-04", "month", "explicit"),
    ("In 2014, China and Russia signed a gas deal.", "signed", "2014", "year", "explicit"),
    ("China and Russia signed a gas deal in 2014.", "signed", "2014", "year", "explicit"),
    ("Japan and Russia signed an agreement in the autumn of 2017.", "signed",
     "2017", "year", "explicit"),
    ("Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin on Monday.", "met",
     "2017-03-20", "day", "relative"),
    ("Japanese Prime Minister Shinzo Abe will meet Russian President Vladimir Putin on Monday.",
     "meet", "2017-03-27", "day", "relative"),
    ("Russia condemned Japan last week.", "condemned", "2017-03", "month", "relative"),
    ("Russia condemned Japan earlier this month.", "condemned", "2017-03", "month", "relative"),
    ("Abe will visit Moscow next month.", "visit", "2017-04", "month", "relative"),
    ("Abe visited Moscow at the end of April.", "visited", "2016-04", "month", "explicit"),
    ("Abe will visit Moscow at the end of April.", "visit", "2017-04", "month", "explicit"),
    ("Abe visited Moscow four years ago.", "visited", "2013", "year", "relative"),
    ("Russia has occupied the islands since 2004.", "occupied", "2004", "year", "explicit"),
    ("Japan shut down its reactors in the aftermath of the 2011 Fukushima disaster.", "shut",
     "2011", "year", "explicit"),
    ("Abe visited Moscow last December.", "visited", "2016-12", "month", "relative"),
    ("Russia condemned Japan yesterday.", "condemned", "2017-03-21", "day", "relative"),
    ("Abe visited Moscow in mid-2015.", "visited", "2015", "year", "explicit"),
    ("Russia condemned Japan.", "condemned", "2017-03-22", "day", "publication"),
]


@pytest.mark.parametrize(("text", "trigger", "iso", "precision", "basis"), PHRASES)
def test_phrases(coded, text: str, trigger: str, iso: str, precision: str,
                 basis: str) -> None:
    ev = coded(text, WED, trigger)
    assert (ev.date, ev.date_precision, ev.date_basis) == (iso, precision, basis)
    assert len(ev.date.split("-")) == {"year": 1, "month": 2, "day": 3}[precision]


@pytest.mark.parametrize(("text", "nth", "iso"), [
    # relative to the previously mentioned date, not to the publication date
    ("Russia condemned Japan on March 1. Two days later, China condemned Japan.", 1,
     "2017-03-03"),
    ("Russia condemned Japan on March 1. China condemned Japan two days later.", 1,
     "2017-03-03"),
    ("Russia condemned Japan on March 1. The next day, China condemned Japan.", 1,
     "2017-03-02"),
    ("Russia condemned Japan on March 1. On March 8, China condemned Japan. The next day, "
     "North Korea condemned Japan.", 2, "2017-03-09"),
])
def test_relative_to_the_previous_date(coded, text: str, nth: int, iso: str) -> None:
    ev = coded(text, WED, "condemned", nth)
    assert (ev.date, ev.date_basis) == (iso, "relative")


def test_no_date_expression_takes_the_publication_date(coded) -> None:
    ev = coded("Russia condemned Japan.", WED, "condemned")
    assert (ev.date, ev.date_precision, ev.date_basis, ev.date_text) == (
        "2017-03-22", "day", "publication", None)
    assert "historical" not in ev.aux


def test_no_publication_date_leaves_relative_dates_open(coded) -> None:
    assert coded("Russia condemned Japan on Monday.", None, "condemned").date is None
    ev = coded("Russia condemned Japan on March 20, 2017.", None, "condemned")
    assert (ev.date, ev.date_basis) == ("2017-03-20", "explicit")


# ---------------------------------------------------------------- false friends


@pytest.mark.parametrize(("text", "trigger"), [
    ("Japanese and Russian ministers held the '2+2' talks in Tokyo.", "talks"),
    ("British Prime Minister Theresa May met Japanese Prime Minister Shinzo Abe.", "met"),
    ("Russia said it would deploy 2,000 troops to the islands.", "deploy"),
    ("Japan condemned Russia at the G20 summit.", "condemned"),
    ("Russia deployed missiles 1,500 km from Tokyo.", "deployed"),
])
def test_false_friends_leave_the_publication_date(coded, text: str, trigger: str) -> None:
    ev = coded(text, WED, trigger)
    assert (ev.date, ev.date_basis, ev.date_text) == ("2017-03-22", "publication", None)


def test_modal_may_is_not_a_month(dated) -> None:
    ev = dated("Russia may deploy more missiles on the islands.", WED, "deploy")
    assert (ev.date, ev.date_basis) == ("2017-03-22", "publication")


# ---------------------------------------------------------------- datelines


def test_dateline_sets_the_story_date(coded) -> None:
    text = "TOKYO, March 10 (Reuters) - Japan and Russia signed an agreement."
    ev = coded(text, WED, "signed")
    assert (ev.date, ev.date_precision, ev.date_basis) == ("2017-03-10", "day", "explicit")


def test_weekdays_count_from_the_dateline(coded) -> None:
    text = "TOKYO, March 10 (Reuters) - Abe met Putin on Thursday."  # 10 March 2017: a Friday
    assert coded(text, WED, "met").date == "2017-03-09"


def test_dateline_equal_to_publication_is_the_publication_basis(coded) -> None:
    text = "TOKYO, March 22 (Reuters) - Japan and Russia signed an agreement."
    ev = coded(text, WED, "signed")
    assert (ev.date, ev.date_basis, ev.date_text) == ("2017-03-22", "publication", None)


def test_dateline_date_is_not_an_event_date(coded) -> None:
    text = "TOKYO, March 10 (Reuters) - Abe met Putin on Thursday.\n\nRussia condemned Japan."
    assert coded(text, WED, "condemned").date == "2017-03-09"  # the lead's news, not March 10


# ---------------------------------------------------------------- attachment


def test_trigger_clause_expression_wins(coded) -> None:
    text = "Putin, who visited Japan in 2005, met Abe on Thursday."
    assert coded(text, WED, "met").date == "2017-03-16"
    assert coded(text, WED, "visited").date == "2005"


def test_since_clause_dates_only_its_own_event(coded) -> None:
    text = ("Russia condemned Japan on Monday, the first protest since Japan deployed troops "
            "in 2014.")
    assert coded(text, WED, "condemned").date == "2017-03-20"
    assert coded(text, WED, "deployed").date == "2014"


def test_reported_future_takes_its_own_date(coded) -> None:
    ev = coded("Lavrov said on Monday that Russia would deploy missiles next year.", WED, "deploy")
    assert (ev.date, ev.date_precision) == ("2018", "year")
    assert "future" in ev.aux and "historical" not in ev.aux


def test_reported_future_without_a_date_takes_the_statement_date(coded) -> None:
    ev = coded("Lavrov said on Monday that Russia would deploy missiles.", WED, "deploy")
    assert (ev.date, ev.date_text) == ("2017-03-20", "Monday")


# ---------------------------------------------------------------- tense and paragraphs


def test_future_tense_points_forward(coded) -> None:
    ev = coded("Abe will meet Putin next month.", WED, "meet")
    assert (ev.date, ev.date_precision, ev.aux) == ("2017-04", "month", ("future",))


def test_past_narrative_keeps_the_running_date_in_a_paragraph(coded) -> None:
    text = "Russia annexed Crimea in 2014. Japan imposed sanctions on Russia."
    ev = coded(text, WED, "imposed")
    assert (ev.date, ev.date_basis, ev.date_text) == ("2014", "explicit", "in 2014")
    assert "historical" in ev.aux


def test_new_paragraph_resets_to_publication(coded) -> None:
    text = "Russia annexed Crimea in 2014.\n\nJapan imposed sanctions on Russia."
    ev = coded(text, WED, "imposed")
    assert (ev.date, ev.date_basis) == ("2017-03-22", "publication")


def test_new_paragraph_keeps_the_date_of_the_current_news(coded) -> None:
    # the lead dates the news it reports; later paragraphs elaborate on it
    text = "Russia deployed missiles on the islands on Monday.\n\nJapan condemned the deployment."
    ev = coded(text, WED, "condemned")
    assert (ev.date, ev.date_text) == ("2017-03-20", "Monday")


def test_present_tense_takes_the_publication_date(coded) -> None:
    ev = coded("Russia annexed Crimea in 2014. Japan condemns the annexation.", WED, "condemns")
    assert (ev.date, ev.date_basis) == ("2017-03-22", "publication")


# ---------------------------------------------------------------- precision and historical


@pytest.mark.parametrize(("text", "trigger", "nth", "iso", "precision"), [
    ("Abe visited Moscow in April 2016. Two days later, he met Medvedev.", "met", 0,
     "2016-04", "month"),
    ("Russia condemned Japan last week, and China condemned Japan the same day.", "condemned", 1,
     "2017-03", "month"),
    ("China and Russia signed a gas deal in 2014. A day later, Russia condemned Japan.",
     "condemned", 0, "2014", "year"),
])
def test_no_day_is_invented(coded, text: str, trigger: str, nth: int, iso: str,
                            precision: str) -> None:
    ev = coded(text, WED, trigger, nth)
    assert (ev.date, ev.date_precision) == (iso, precision)


@pytest.mark.parametrize(("text", "trigger", "historical"), [
    ("In 2014, China and Russia signed a gas deal.", "signed", True),
    ("Abe visited Moscow in February 2016.", "visited", True),  # ended 29 Feb 2016
    ("Abe visited Moscow in March 2016.", "visited", False),  # ends 31 March: within a year
    ("Abe visited Moscow last December.", "visited", False),
    ("Russia condemned Japan last week.", "condemned", False),
    ("Abe visited Moscow four years ago.", "visited", True),
    ("Abe will visit Moscow in 2018.", "visit", False),
])
def test_historical_mode(coded, text: str, trigger: str, historical: bool) -> None:
    assert ("historical" in coded(text, WED, trigger).aux) is historical
