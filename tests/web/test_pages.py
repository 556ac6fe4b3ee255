"""The HTML pages: what they show, that document text stays text, and the safety headers."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from dotterel.web import create_app

from .conftest import HOSTILE_DOC, HOSTILE_TEXT


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def marked(html: str, role: str) -> list[str]:
    """The text of every ``<mark>`` carrying ``role`` (links inside unwrapped)."""
    pattern = rf'<mark class="hl[^"]*\bhl-{role}\b[^"]*"[^>]*>(.*?)</mark>'
    return [unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(pattern, html, re.S)]


def test_home_opens_on_the_busiest_dyad_from_the_corpus_start(client):
    html = page(client, "/")
    assert 'name="a" list="actor-codes" value="RUS"' in html
    assert 'name="b" list="actor-codes" value="JPN"' in html
    assert 'name="since" value="2013-01-01"' in html  # the first publication year
    assert 'data-vega-spec="/api/dyad/chart?a=RUS&amp;b=JPN&amp;by=year&amp;since=2013-01-01"' \
        in html
    assert "/static/vendor/vega-embed/vega-embed.min.js" in html
    assert 'id="actor-codes"' in html


def test_dyad_page_lists_the_selection_and_pages_through_it(client):
    data = client.get("/api/events", params={"a": "RUS", "b": "JPN", "size": 25}).json()
    html = page(client, "/?a=RUS&b=JPN&by=quarter&since=&until=")
    assert 'option value="quarter" selected' in html
    assert f"({data['total']};" in html
    first = data["events"][0]["id"]
    assert f'href="/events/{first}"' in html
    assert 'rel="next" href="/?a=RUS&amp;b=JPN&amp;by=quarter&amp;since=&amp;until=&amp;page=2' \
        in html


def test_events_page_keeps_its_filters(client):
    html = page(client, "/events?actor=JPN&type=SANCTION&quad=4&sort=score&order=desc")
    total = client.get("/api/events", params={"actor": "JPN", "type": "SANCTION",
                                              "quad": 4}).json()["total"]
    assert f"<strong>{total}</strong> events" in html
    assert '<option value="SANCTION" selected>' in html
    assert '<option value="4" selected>' in html
    assert "score ▼" in html


def test_event_page_highlights_actor_trigger_recipient(hostile_client):
    html = page(hostile_client, f"/events/{HOSTILE_DOC}-0-0")
    assert marked(html, "actor") == ["Japan"]
    assert marked(html, "trigger") == ["criticised"]
    assert marked(html, "recipient") == ["Russia"]
    assert "lexicon:test:1@test" in html  # the rule that fired
    assert "basis: explicit" in html
    assert f'href="/documents/{HOSTILE_DOC}"' in html


@pytest.mark.parametrize("url", [f"/events/{HOSTILE_DOC}-0-0", f"/documents/{HOSTILE_DOC}"])
def test_document_text_is_never_markup(hostile_client, url):
    html = page(hostile_client, url)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert "<b onmouseover" not in html and "<i>Wire</i>" not in html
    assert 'href="javascript:' not in html
    assert not re.search(r"<script>(?!</script>)[^<]", html)  # no inline scripts at all


def test_document_page_marks_every_event_and_keeps_the_text(hostile_client):
    html = page(hostile_client, f"/documents/{HOSTILE_DOC}")
    text = re.search(r'<div class="doc-text" id="document-text">(.*?)</div>', html, re.S)[1]
    assert unescape(re.sub(r"<[^>]+>", "", text)) == HOSTILE_TEXT
    assert f'<a href="/events/{HOSTILE_DOC}-0-0"' in text
    assert marked(html, "trigger") == ["criticised"]


def test_network_page(client):
    html = page(client, "/network?top=5")
    assert 'data-vega-spec="/api/network/chart?top=5"' in html
    assert html.count('<a href="/?a=') == 5


@pytest.mark.parametrize("url, status, text", [
    ("/events/no-such-event", 404, "no event"),
    ("/documents/nosuchdoc", 404, "no document"),
    ("/events?since=yesterday", 422, "since: expected a date as YYYY-MM-DD"),
    ("/?a=RUS", 422, "pick two actors"),
    ("/network?top=100000", 422, "top: Input should be less than or equal to 200"),
])
def test_errors_are_pages_with_the_reason(client, url, status, text):
    assert text in page(client, url, status)


def test_safety_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self' 'unsafe-eval'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"].split("style-src")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_loopback_server_refuses_other_host_names(demo_store):
    from dotterel.web.server import allowed_hosts

    guarded = TestClient(create_app(demo_store, allowed_hosts=allowed_hosts("127.0.0.1")),
                         base_url="http://127.0.0.1:8000")
    assert guarded.get("/api/actors").status_code == 200
    assert guarded.get("/api/actors", headers={"host": "localhost:8000"}).status_code == 200
    assert guarded.get("/api/actors", headers={"host": "evil.example"}).status_code == 400
    assert allowed_hosts("0.0.0.0") is None
