"""The dashboard in a real browser: the dyad chart draws, and a click leads to the evidence."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dotterel.store import Store
from dotterel.web.server import running

from .browser import CHART_TIMEOUT_MS, CHROMIUM, VIEWPORT, dyad_screenshot, launch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (make browser-deps) "
                    "to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(demo_db: Path):
    """A real uvicorn server over its own read-only connection to the demo store."""
    with Store(demo_db, read_only=True) as store, running(store) as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and uncaught exceptions (CSP violations too)."""
    context = browser.new_context(viewport=VIEWPORT)
    opened = context.new_page()
    opened.problems = []
    opened.on("console", lambda m: opened.problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda exc: opened.problems.append(str(exc)))
    yield opened
    context.close()


def chart_bars(page) -> int:
    return page.locator("#dyad-chart svg .mark-rect path").count()


def test_dyad_chart_renders_and_leads_to_the_evidence(page, base_url, tmp_path):
    dyad_screenshot(page, base_url, tmp_path / "dyad.png")
    spec_url = page.get_attribute("#dyad-chart", "data-vega-spec")
    spec = page.request.get(base_url + spec_url).json()
    assert chart_bars(page) == len(spec["datasets"]["quads"]) > 0
    assert page.locator("#dyad-chart svg .mark-line path").count() >= 2  # ratio and score
    assert page.locator("#dyad-chart svg .role-legend").count() >= 1
    assert page.locator("#actor-codes option[value='RUS']").count() == 1  # type-ahead filled

    row = page.locator("#events table.events tbody tr").filter(
        has_not=page.locator("td:nth-child(5)", has_text="—")).first
    row.locator("a.event-link").click()
    page.wait_for_url(f"{base_url}/events/*")
    event_id = urlsplit(page.url).path.rsplit("/", 1)[1]
    expected = page.request.get(f"{base_url}/api/events/{event_id}").json()["event"]
    evidence = page.locator("#evidence")
    assert evidence.locator(".hl-trigger").inner_text() == expected["event_text"]
    for role in ("actor", "recipient"):
        shown = " ".join(evidence.locator(f".hl-{role}").all_inner_texts())
        assert expected[role] and all(e["entity_text"] in shown for e in expected[role]), role
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

    page.locator("#document-link").click()
    page.wait_for_url(f"{base_url}/documents/*")
    triggers = page.locator("#document-text mark.hl-trigger")
    assert triggers.count() >= 1 and expected["event_text"] in " ".join(triggers.all_inner_texts())
    page.screenshot(path=str(tmp_path / "document.png"), full_page=True)
    assert not page.problems, page.problems


def test_a_bar_opens_its_events(page, base_url, tmp_path):
    dyad_screenshot(page, base_url, tmp_path / "dyad-before-click.png")
    page.locator("#dyad-chart svg .mark-rect path").first.click()
    page.wait_for_url(f"{base_url}/events?*")
    params = urlsplit(page.url).query
    total = page.request.get(f"{base_url}/api/events?{params}").json()["total"]
    assert "quad=" in params and "since=" in params and total > 0
    assert page.locator("p.count strong").inner_text() == str(total)
    page.screenshot(path=str(tmp_path / "events.png"))
    assert not page.problems, page.problems


def test_network_chart_renders(page, base_url, tmp_path):
    page.goto(f"{base_url}/network?top=20")
    page.wait_for_selector("#network-chart[data-rendered='true'] svg", timeout=CHART_TIMEOUT_MS)
    assert page.locator("#network-chart svg .mark-rule line, #network-chart svg .mark-rule path"
                        ).count() == 20
    assert page.locator("#network-chart svg .mark-text text").count() >= 2
    page.screenshot(path=str(tmp_path / "network.png"))
    assert not page.problems, page.problems
