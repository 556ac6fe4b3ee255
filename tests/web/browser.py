"""Driving Debian's Chromium with Playwright: shared by the browser test and docs/screenshot.py.

Playwright's own browser download does not work on our machines, so Chromium
comes from the system (``/usr/bin/chromium``, installed by ``make browser-deps``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}
CHART_TIMEOUT_MS = 20_000


def launch(playwright: Any) -> Any:
    """Headless Chromium from the system."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def open_dyad(page: Any, base_url: str, a: str, b: str, by: str = "year") -> None:
    """The dyad explorer for A–B, waited on until its chart has been drawn."""
    page.goto(f"{base_url}/?{urlencode({'a': a, 'b': b, 'by': by})}")
    page.wait_for_selector("#dyad-chart[data-rendered='true'] svg", timeout=CHART_TIMEOUT_MS)


def dyad_screenshot(page: Any, base_url: str, path: Path, a: str = "RUS", b: str = "JPN",
                    by: str = "year") -> Path:
    """A screenshot of the explorer's first screen: the form, the figures and the chart."""
    open_dyad(page, base_url, a, b, by)
    page.screenshot(path=str(path))
    return path
