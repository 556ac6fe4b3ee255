"""The JSON API over the demo store: shapes, filters, pagination, charts, 404s."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from dotterel.analysis import actor_network, dyad, top_actors
from dotterel.web.charts import network_layout

DYAD = {"a": "RUS", "b": "JPN"}


def get(client, url: str, params=None, status: int = 200):
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    return response.json()


def all_events(client, **params) -> list[dict]:
    """Every event of a query, read page by page."""
    first = get(client, "/api/events", {**params, "size": 200})
    rows = list(first["events"])
    for page in range(2, first["pages"] + 1):
        rows += get(client, "/api/events", {**params, "size": 200, "page": page})["events"]
    assert len(rows) == first["total"]
    return rows


@pytest.fixture(scope="module")
def example(client) -> dict:
    """A RUS–JPN event with both an actor and a recipient in its sentence."""
    for row in all_events(client, **DYAD):
        detail = get(client, f"/api/events/{row['id']}")
        roles = {role for seg in detail["sentence"] for role in seg["roles"]}
        if {"actor", "recipient", "trigger"} <= roles:
            return detail
    raise AssertionError("the demo store has no RUS–JPN event with all three spans")


# --- actors -----------------------------------------------------------------------------


def test_actors_are_every_code_most_events_first(client, demo_store):
    actors = get(client, "/api/actors")["actors"]
    codes = {r["code"] for r in demo_store.rows("SELECT DISTINCT code FROM event_entities")}
    expected = top_actors(demo_store, top=10**9)
    assert [a["code"] for a in actors] == list(expected["code"])
    assert {a["code"] for a in actors} <= codes
    assert [a["code"] for a in actors[:2]] == ["RUS", "JPN"]
    assert all(a["events"] >= b["events"] for a, b in zip(actors, actors[1:], strict=False))


# --- the dyad ---------------------------------------------------------------------------


@pytest.mark.parametrize("by, label", [("year", r"\d{4}"), ("quarter", r"\d{4}Q[1-4]"),
                                       ("month", r"\d{4}-\d{2}")])
def test_dyad_periods_match_the_analysis(client, demo_store, by, label):
    data = get(client, "/api/dyad", {**DYAD, "by": by, "since": "2013-01-01"})
    expected = dyad(demo_store, "RUS", "JPN", by=by, since="2013-01-01")
    assert data["reports"] == expected.mentions >= data["events"]
    assert (data["a"], data["b"], data["by"]) == ("RUS", "JPN", by)
    assert data["events"] == expected.events and data["left_out"] == expected.left_out
    assert [p["period"] for p in data["periods"]] == list(expected.periods["period"])
    assert all(re.fullmatch(label, p["period"]) for p in data["periods"])
    assert data["periods"][0]["start"] >= "2013-01-01"
    assert sum(p["events"] for p in data["periods"]) == data["totals"]["events"]
    assert data["totals"]["events"] + data["left_out"] == data["events"]


def test_dyad_period_rows_are_consistent(client):
    data = get(client, "/api/dyad", {**DYAD, "by": "quarter", "since": "2013-01-01"})
    for p in data["periods"]:
        quads = [p[k] for k in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                "material_conflict")]
        assert sum(quads) == p["events"] == sum(p["types"].values())
        assert p["substance_n"] == quads[0] + quads[1]
        if p["substance_n"]:
            assert p["substance_ratio"] == pytest.approx(quads[1] / p["substance_n"])
        else:
            assert p["substance_ratio"] is None
        assert (p["plover_score_mean"] is None) == (p["events"] == 0)
        assert date.fromisoformat(p["start"]) <= date.fromisoformat(p["end"])
    q = data["periods"][0]
    assert (q["period"], q["start"], q["end"]) == ("2013Q2", "2013-04-01", "2013-06-30")


def test_dyad_with_no_events_is_empty_not_an_error(client):
    data = get(client, "/api/dyad", {"a": "RUS", "b": "JPN", "since": "2030-01-01"})
    assert data["events"] == 0 and data["periods"] == [] and data["totals"]["events"] == 0
    assert get(client, "/api/dyad/chart", {"a": "ZZZ", "b": "JPN"})["datasets"]["quads"] == []


def test_dyad_of_every_report(client, demo_store):
    data = get(client, "/api/dyad", {**DYAD, "mentions": "true"})
    assert data["events"] == data["reports"] == \
        demo_store.count_events(dyad=("RUS", "JPN"), mentions=True)


def test_dyad_chart_bars_link_to_exactly_their_events(client):
    """Each bar of the yearly chart opens the events table showing that bar's events."""
    spec = get(client, "/api/dyad/chart", {**DYAD, "by": "year", "since": "2013-01-01"})
    bars = spec["datasets"]["quads"]
    assert spec["vconcat"] and bars and spec["datasets"]["periods"]
    data = get(client, "/api/dyad", {**DYAD, "by": "year", "since": "2013-01-01"})
    assert sum(b["count"] for b in bars) == data["totals"]["events"]
    for bar in bars:
        link = urlsplit(bar["href"])
        assert link.path == "/events"
        params = dict(parse_qsl(link.query))
        assert params["quad"] == str(bar["quad"]) and params["a"] == "RUS"
        assert get(client, "/api/events", params)["total"] == bar["count"], bar


def test_dyad_requires_both_actors(client):
    assert get(client, "/api/dyad", {"a": "RUS"}, status=422)


# --- events -------------------------------------------------------------------------------


def test_events_pages_cover_every_report_once(client, demo_store):
    rows = all_events(client, include_negated="true", mentions="true")
    assert len({r["id"] for r in rows}) == len(rows) == demo_store.counts()["events"]
    factual = all_events(client, mentions="true")
    assert len(factual) == demo_store.count_events(mentions=True)
    assert not any({"negation", "hypothetical"} & set(r["aux"]) for r in factual)


def test_events_count_each_real_world_event_once(client, demo_store):
    """By default one row per cluster of reports, as the analysis counts."""
    rows = all_events(client)
    assert len(rows) == demo_store.count_events() < demo_store.count_events(mentions=True)
    assert len({r["cluster_id"] for r in rows}) == len(rows)
    reports = sum(r["num_mentions"] for r in rows)
    assert reports == demo_store.count_events(mentions=True)


def test_events_page_shape_and_past_the_end(client):
    page = get(client, "/api/events", {"size": 7, "page": 2})
    assert (page["page"], page["size"], len(page["events"])) == (2, 7, 7)
    assert page["pages"] == -(-page["total"] // 7)
    assert set(page["events"][0]) >= {"id", "doc_id", "date", "event", "quad_class", "actor",
                                      "recipient", "text", "title", "plover_score"}
    beyond = get(client, "/api/events", {"size": 200, "page": page["pages"] + 5})
    assert beyond["events"] == [] and beyond["total"] == page["total"]


@pytest.mark.parametrize("mentions", [False, True])
@pytest.mark.parametrize("params, check", [
    ({"actor": "RUS"}, lambda r: "RUS" in r["actor_codes"]),
    ({"recipient": "JPN"}, lambda r: "JPN" in r["recipient_codes"]),
    ({"type": ["SANCTION", "ACCUSE"]}, lambda r: r["event"] in {"SANCTION", "ACCUSE"}),
    ({"quad": 4}, lambda r: r["quad_class"] == 4),
    ({"since": "2016-01-01", "until": "2016-12-31"}, lambda r: r["date"].startswith("2016")),
    ({"q": "Kuril"}, lambda r: "kuril" in (r["text"] + (r["title"] or "")).lower()),
    ({"a": "RUS", "b": "JPN"},
     lambda r: {"RUS", "JPN"} <= set(r["actor_codes"]) | set(r["recipient_codes"])),
])
def test_event_filters(client, demo_store, params, check, mentions):
    rows = all_events(client, **params, mentions=str(mentions).lower())
    assert rows, params
    assert all(check(r) for r in rows), params
    if "q" not in params:
        loose = {k: v for k, v in params.items() if k not in {"a", "b"}}
        loose["mentions"] = mentions
        if "a" in params:
            loose["dyad"] = (params["a"], params["b"])
        if "type" in params:
            loose["types"] = loose.pop("type")
        assert len(rows) == demo_store.count_events(**loose)


def test_actor_codes_are_taken_in_any_case(client):
    assert get(client, "/api/events", {"actor": "rus"})["total"] == \
        get(client, "/api/events", {"actor": "RUS"})["total"]


@pytest.mark.parametrize("sort, key", [("score", "plover_score"), ("confidence", "confidence"),
                                       ("type", "event"), ("id", "id")])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_events_sort(client, sort, key, order):
    values = [r[key] for r in get(client, "/api/events", {"sort": sort, "order": order,
                                                          "size": 200})["events"]]
    assert values == sorted(values, reverse=order == "desc")


def test_events_by_date_put_undated_last(client):
    rows = all_events(client)
    dates = [r["date"] for r in rows]
    dated = [d for d in dates if d]
    assert dates[:len(dated)] == dated


# --- one event, one document -----------------------------------------------------------------


def test_event_detail_highlights_the_evidence(client, example):
    ev = example["event"]
    assert "".join(seg["text"] for seg in example["sentence"]) == ev["text"]
    marked = {role: "".join(s["text"] for s in example["sentence"] if role in s["roles"])
              for role in ("actor", "recipient", "trigger")}
    assert marked["trigger"] == ev["event_text"]
    offset = ev["text_info"]["start"]
    for role in ("actor", "recipient"):
        for ent in ev[role]:
            assert ev["text"][ent["start"] - offset:ent["end"] - offset] == ent["entity_text"]
            assert ent["entity_text"] in marked[role]
    assert ev["coder"] and example["document"]["doc_id"] == ev["doc_id"]


def test_event_detail_lists_every_report_of_the_event(client, demo_store):
    row = demo_store.rows("SELECT canonical_id, num_mentions FROM event_clusters "
                          "WHERE num_mentions > 1 ORDER BY cluster_id LIMIT 1")[0]
    cluster = get(client, f"/api/events/{row['canonical_id']}")["cluster"]
    assert cluster["num_mentions"] == len(cluster["mentions"]) == row["num_mentions"]
    assert row["canonical_id"] in {m["id"] for m in cluster["mentions"]}


def test_event_detail_lists_the_rest_of_its_document(client, demo_store, example):
    ev = example["event"]
    ids = {r["id"] for r in demo_store.rows("SELECT id FROM events WHERE doc_id = ?",
                                            [ev["doc_id"]])}
    assert {r["id"] for r in example["same_document"]} == ids - {ev["id"]}


def test_event_place_carries_its_basis(client, demo_store):
    row = demo_store.rows("SELECT id, loc_basis, resolved_place FROM events "
                          "WHERE loc_basis IS NOT NULL ORDER BY id LIMIT 1")[0]
    place = get(client, f"/api/events/{row['id']}")["place"]
    assert (place["basis"], place["resolved_place"]) == (row["loc_basis"], row["resolved_place"])


def test_document_detail_marks_every_event(client, demo_store, example):
    doc = get(client, f"/api/documents/{example['event']['doc_id']}")
    assert "".join(seg["text"] for seg in doc["segments"]) == doc["text"]
    assert doc["text"] == demo_store.document(doc["document"]["doc_id"]).text
    triggered = {i for seg in doc["segments"] for i in seg["triggers"]}
    assert triggered == {r["id"] for r in doc["events"]}
    for row in doc["events"]:
        trigger = "".join(s["text"] for s in doc["segments"] if row["id"] in s["triggers"])
        assert trigger == row["event_text"]


@pytest.mark.parametrize("url", ["/api/events/no-such-event", "/api/documents/nosuchdoc"])
def test_unknown_ids_are_404(client, url):
    assert "no " in get(client, url, status=404)["detail"]


# --- the network ------------------------------------------------------------------------------


def test_network_edges(client, demo_store):
    data = get(client, "/api/network", {"top": 10})
    edges = data["edges"]
    expected = actor_network(demo_store)[1]
    expected = expected[expected["source"] != expected["target"]].head(10)
    assert [(e["source"], e["target"], e["events"]) for e in edges] == \
        list(expected[["source", "target", "events"]].itertuples(index=False, name=None))
    assert {(edges[0]["source"], edges[0]["target"])} <= {("JPN", "RUS"), ("RUS", "JPN")}
    assert all(e["source"] != e["target"] for e in edges)
    assert all(a["events"] >= b["events"] for a, b in zip(edges, edges[1:], strict=False))
    assert {n["code"] for n in data["nodes"]} == {e["source"] for e in edges} | \
        {e["target"] for e in edges}


def test_network_chart_links_edges_to_the_dyad_explorer(client):
    spec = get(client, "/api/network/chart", {"top": 5})
    edges, nodes = spec["datasets"]["edges"], spec["datasets"]["nodes"]
    assert len(edges) == 5
    assert all(e["href"] == f"/?a={e['source']}&b={e['target']}" for e in edges)
    assert all(n["href"] == f"/events?actor={n['code']}" for n in nodes)
    layers = {layer["mark"]["type"] for layer in spec["layer"]}
    assert layers == {"rule", "point", "circle", "text"}


def test_network_layout_uses_each_place_once():
    for n in range(1, 25):
        places = network_layout([f"C{i:02d}" for i in range(n)])
        assert len(set(places.values())) == n
        assert all(abs(x * x + y * y - 1) < 1e-3 for x, y in places.values())
    assert network_layout(["A", "B"])["A"] == (0.0, 1.0)


# --- the OpenAPI page ---------------------------------------------------------------------------


def test_openapi_documents_every_endpoint(client):
    paths = get(client, "/openapi.json")["paths"]
    assert set(paths) == {"/api/actors", "/api/dyad", "/api/dyad/chart", "/api/events",
                          "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/network",
                          "/api/network/chart"}
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert names >= {"actor", "recipient", "type", "quad", "since", "until", "q", "page", "size"}


def test_api_page_works_offline(client):
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("params, message", [
    ({"type": "MEETING"}, "unknown PLOVER event type"),
    ({"since": "20 March 2017"}, "YYYY-MM-DD"),
    ({"since": "2017-03-21", "until": "2017-03-20"}, "since must not be after until"),
    ({"a": "RUS"}, "a dyad needs both a and b"),
    ({"actor": "RUSSIA"}, "pattern"),
    ({"quad": 5}, "less than or equal to 4"),
    ({"page": 0}, "greater than or equal to 1"),
    ({"size": 1000}, "less than or equal to 200"),
    ({"sort": "plover_score; DROP TABLE events"}, "Input should be"),
    ({"colour": "red"}, "Extra inputs are not permitted"),
])
def test_bad_parameters_are_422_with_the_reason(client, params, message):
    detail = get(client, "/api/events", params, status=422)["detail"]
    assert message in str(detail)
    assert "SANCTION" in str(detail) or "type" not in params
