"""Shared fixtures: the loaded pipeline (once per session) and paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PLOVER_GOLD = SHARED / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from dotterel.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    from dotterel.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus ingested once (as ``dotterel demo`` does)."""
    from dotterel.demo import run_demo
    from dotterel.settings import load_settings

    out = tmp_path_factory.mktemp("demo")
    return run_demo(load_settings(environ={}, cwd=out), out).db


@pytest.fixture
def plover_gold() -> Path:
    if not PLOVER_GOLD.exists():
        pytest.skip(f"PLOVER gold file not present ({PLOVER_GOLD}); it lives in ../shared, "
                    "which only developers' and CI machines have")
    return PLOVER_GOLD
