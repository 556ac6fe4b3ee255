"""The scorer must be right before its numbers mean anything: hand-built cases."""

import json
from pathlib import Path

import pytest

from dotterel.errors import GoldFormatError
from dotterel.evaluate import score
from dotterel.gold import GoldEvent, GoldRecord, read_gold
from dotterel.records import Entity, Event, Location, TextInfo


def ent(code: str, sector: str = "GOV") -> Entity:
    return Entity(code=code, sector=sector, entity_text=code, start=0, end=1)


def ev(etype: str, actor: list[str], recipient: list[str] = (), conf: float = 0.8,
       sent: tuple[int, int] = (0, 1000), when: str | None = None, precision: str = "day",
       aux: tuple[str, ...] = (), loc: Location | None = None) -> Event:
    return Event(
        id=f"x-{etype}-{conf}", doc_id="x", event=etype, actor=tuple(ent(c) for c in actor),
        recipient=tuple(ent(c) for c in recipient), mode=(), context=(), aux=aux, cameo="040",
        quad_class=1, goldstein=1.0, plover_score=1.0, event_text="t", text="s",
        text_info=TextInfo(0, sent[0], sent[1], 0, 1), confidence=conf, coder="test",
        date=when, date_precision=precision if when else None, event_loc=loc,
    )


def plover(rid: str, etype: str, actor: list[str], recipient: list[str] = ()) -> GoldRecord:
    return GoldRecord(rid, "text", None, (GoldEvent(etype, tuple(actor), tuple(recipient)),),
                      "plover")


def test_first_choice_accuracy_counts_only_the_most_confident_events() -> None:
    """``accuracy`` lets any event of the sentence match; ``first_choice_accuracy`` only the
    coder's most confident one(s), one per gold event."""
    records = [plover("a", "CONSULT", ["RUS"], ["JPN"]), plover("b", "ACCUSE", ["CHN"]),
               plover("c", "REJECT", ["IRN"])]
    preds = {
        "a": [ev("CONSULT", ["RUS"], conf=0.9), ev("AGREE", ["RUS"], conf=0.5)],
        "b": [ev("PROTEST", ["CHN"], conf=0.9), ev("ACCUSE", ["CHN"], conf=0.4)],
        "c": [],
    }
    et = score(records, preds)["event_type"]
    assert et["accuracy"] == round(2 / 3, 4)
    assert et["first_choice_accuracy"] == round(1 / 3, 4)


def test_type_accuracy_precision_recall_by_hand() -> None:
    records = [plover("a", "CONSULT", ["RUS"], ["JPN"]), plover("b", "ACCUSE", ["CHN"], ["USA"]),
               plover("c", "ASSAULT", ["ISR"], ["PSE"]), plover("d", "AID", ["USA"], ["UKR"])]
    preds = {
        "a": [ev("CONSULT", ["RUS"], ["JPN"])],  # right type, right countries
        "b": [ev("ACCUSE", ["USA"], ["CHN"])],  # right type, wrong direction (not symmetric)
        "c": [ev("THREATEN", ["ISR"], ["PSE"])],  # wrong type
        "d": [],  # nothing
    }
    report = score(records, preds)
    et = report["event_type"]
    assert et["accuracy"] == 0.5
    assert et["per_type"]["CONSULT"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert et["per_type"]["THREATEN"]["precision"] == 0.0
    assert et["per_type"]["ASSAULT"]["recall"] == 0.0
    # macro-F1 over the four gold types: CONSULT 1, ACCUSE 1, ASSAULT 0, AID 0
    assert et["macro_f1"] == 0.5
    assert et["confusion"]["ASSAULT"] == {"THREATEN": 1}
    assert et["confusion"]["AID"] == {"NONE": 1}
    assert report["actor_country_accuracy"] == 0.5
    assert report["recipient_country_accuracy"] == 0.5
    assert report["records_without_event"] == 1


def test_symmetric_types_accept_either_direction() -> None:
    report = score([plover("a", "CONSULT", ["RUS"], ["JPN"])],
                   {"a": [ev("CONSULT", ["JPN"], ["RUS"])]})
    assert report["actor_country_accuracy"] == 1.0
    assert report["recipient_country_accuracy"] == 1.0


def test_confusion_uses_the_most_confident_event() -> None:
    report = score([plover("a", "REQUEST", ["USA"])],
                   {"a": [ev("ACCUSE", ["USA"], conf=0.9), ev("REQUEST", ["USA"], conf=0.5)]})
    assert report["event_type"]["accuracy"] == 1.0
    assert report["event_type"]["confusion"]["REQUEST"] == {"ACCUSE": 1}
    assert report["event_type"]["per_type"]["ACCUSE"]["precision"] == 0.0


def test_recipient_only_scored_where_gold_has_one() -> None:
    report = score([plover("a", "PROTEST", ["FRA"])], {"a": [ev("PROTEST", ["FRA"], ["DEU"])]})
    assert report["recipient_country_accuracy"] is None


TEXT = "Abe met Putin on Monday. Japan protested on Tuesday. It rained."


def project(events: list[GoldEvent]) -> GoldRecord:
    return GoldRecord("p", TEXT, None, tuple(events), "project")


def test_event_level_precision_recall_and_dates() -> None:
    golds = [GoldEvent("CONSULT", ("JPN",), ("RUS",), date="2017-03-20",
                       sentence="Abe met Putin on Monday."),
             GoldEvent("PROTEST", ("JPN",), (), date="2017-03-21",
                       sentence="Japan protested on Tuesday.")]
    s1, s2, s3 = (0, 24), (25, 52), (53, 62)
    preds = [ev("CONSULT", ["RUS"], ["JPN"], sent=s1, when="2017-03-20"),  # symmetric: matches
             ev("PROTEST", ["JPN"], sent=s2, when="2017-03-22"),  # wrong date
             ev("ASSAULT", ["JPN"], sent=s3, when="2017-03-21"),  # spurious
             ev("PROTEST", ["JPN"], sent=s2, when="2017-03-21", aux=("negation",))]  # ignored
    report = score([project(golds)], {"p": preds})
    assert report["events"]["matched"] == 1
    assert report["events"]["precision"] == round(1 / 3, 4)
    assert report["events"]["recall"] == 0.5
    assert report["date_accuracy"] == 0.5
    assert report["events_without_gold"] == 1


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "precision", "ok"),
    [("2017", "2017-05-02", "day", True), ("2017-03", "2017-03-31", "day", True),
     ("2017-03-20", "2017-03-01", "month", False), ("2017-03", "2017-01-01", "year", False),
     ("2016", "2017-01-01", "year", False)],
)
def test_dates_compare_at_gold_precision(gold_date, pred_date, precision, ok) -> None:
    golds = [GoldEvent("PROTEST", ("JPN",), (), date=gold_date, sentence="Japan protested")]
    preds = [ev("PROTEST", ["JPN"], sent=(25, 52), when=pred_date, precision=precision)]
    report = score([project(golds)], {"p": preds})
    assert report["date_accuracy"] == (1.0 if ok else 0.0)


def test_optional_gold_events_count_neither_way() -> None:
    golds = [GoldEvent("ASSAULT", ("JPN",), (), required=False, sentence="It rained.")]
    preds = [ev("ASSAULT", ["JPN"], sent=(53, 62))]
    report = score([project(golds)], {"p": preds})
    assert report["events"]["produced_unmatched"] == 0
    assert report["events_without_gold"] == 0


def test_location_within_25_km_counts() -> None:
    place = {"name": "Tokyo", "country": "JPN", "lat": 35.69, "lon": 139.69}
    golds = [GoldEvent("PROTEST", ("JPN",), (), place=place, sentence="Japan protested")]
    near = Location("Tokyo", "Shinjuku", "JPN", 35.69, 139.70)
    far = Location("Osaka", "Osaka", "JPN", 34.69, 135.50)
    for loc, expected in ((near, 1.0), (far, 0.0)):
        report = score([project(golds)], {"p": [ev("PROTEST", ["JPN"], sent=(25, 52), loc=loc)]})
        assert report["location_accuracy"] == expected


def test_plover_reader_remaps_labels_and_codes(tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_text(json.dumps([
        {"id": "d", "event": "DOCUMENT", "eventText": "doc"},
        {"id": "1", "event": "DEMAND", "text": "t1", "source": [{"code": "JAP", "sector": "GOVx"}],
         "target": [{"code": "USA"}]},
        {"id": "2", "event": "FIGHT", "text": "t2", "source": [{"code": "AFR"}], "target": None},
    ]))
    recs = read_gold(path)
    assert [r.events[0].event for r in recs] == ["REQUEST", "ASSAULT"]
    assert recs[0].events[0].actor == ("JPN",) and recs[0].events[0].actor_sector == "GOV"
    assert recs[1].events[0].actor == () and recs[1].events[0].recipient == ()


@pytest.mark.parametrize(
    ("line", "message"),
    [("{not json", "not valid JSON"), ('{"title": "x"}', "needs a `text`"),
     ('{"text": "x", "events": [{"event": "AID"}]}', "needs at least"),
     ('{"text": "x", "events": [{"event": "AID", "actor": ["USA"], "date": "2017-13"}]}',
      "bad event")],
)
def test_project_reader_errors_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"text": "fine", "events": []}\n' + line + "\n")
    with pytest.raises(GoldFormatError, match=message) as info:
        read_gold(path)
    assert f"{path}:2" in str(info.value)


def test_event_matching_prefers_the_gold_sentence() -> None:
    golds = [GoldEvent("PROTEST", ("JPN",), (), date="2017-03-21",
                       sentence="Japan protested on Tuesday.")]
    elsewhere = ev("PROTEST", ["JPN"], sent=(0, 24), when="2017-03-20", conf=0.9)
    own = ev("PROTEST", ["JPN"], sent=(25, 52), when="2017-03-21", conf=0.5)
    report = score([project(golds)], {"p": [elsewhere, own]})
    assert report["date_accuracy"] == 1.0
    assert report["events"]["matched"] == 1
