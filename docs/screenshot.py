"""Regenerate docs/dyad-explorer.png: the dashboard over the demo database, in headless Chromium.

    .venv/bin/python docs/screenshot.py [--db demo.duckdb]

Without --db it builds the demo database in a temporary directory first.  The
browser code is the browser test's (tests/web/browser.py), so the README shows
what the test checks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from browser import VIEWPORT, dyad_screenshot, launch  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from dotterel.store import Store  # noqa: E402
from dotterel.web.server import running  # noqa: E402

OUT = ROOT / "docs" / "dyad-explorer.png"


def demo_database(folder: Path) -> Path:
    from dotterel.demo import run_demo
    from dotterel.settings import load_settings

    return run_demo(load_settings(environ={}, cwd=folder), folder).db


def screenshot(db: Path, out: Path = OUT) -> Path:
    with Store(db, read_only=True) as store, running(store) as base, \
            sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            return dyad_screenshot(page, base, out, "RUS", "JPN", "year")
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: build the demo)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or demo_database(Path(folder))
        print(screenshot(db))


if __name__ == "__main__":
    main()
