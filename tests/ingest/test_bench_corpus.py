"""bench/corpus.py: deterministic, the asked-for size, readable in every format."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from dotterel.ingest import ReadReport, read_sources

BENCH = Path(__file__).resolve().parents[2] / "bench" / "corpus.py"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    yield module
    sys.modules.pop(spec.name, None)


def test_same_seed_same_articles(corpus) -> None:
    first = list(corpus.generate_articles(20, seed=7))
    assert first == list(corpus.generate_articles(20, seed=7))
    assert first != list(corpus.generate_articles(20, seed=8))


def test_total_words_is_reached(corpus) -> None:
    articles = list(corpus.generate_articles(40, seed=1, total_words=20_000))
    assert len(articles) == 40 and sum(a.words for a in articles) >= 20_000


def test_every_format_reads_back_to_the_same_documents(corpus, tmp_path: Path, settings) -> None:
    info = corpus.write_corpus(tmp_path, 12, seed=2)
    assert info["documents"] == 12 and info["words"] > 12 * 100
    ids = {}
    for fmt in corpus.FORMATS:
        report = ReadReport()
        docs = list(read_sources([info[fmt]], settings, report=report))
        assert len(docs) == 12 and not report.errors
        assert all(d.published_basis in {"metadata", "header"} for d in docs)
        ids[fmt] = [d.doc_id for d in docs]
    assert ids["txt"] == ids["html"] == ids["jsonl.gz"] == ids["warc.gz"]  # boilerplate all gone


def test_written_files_are_byte_identical_for_a_seed(corpus, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    corpus.write_corpus(one, 5, seed=3)
    corpus.write_corpus(two, 5, seed=3)
    for path in sorted(p for p in one.rglob("*") if p.is_file()):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path


def test_time_readers_reports_every_format(corpus, tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, 6, seed=4)
    speeds = corpus.time_readers(tmp_path)
    assert set(speeds) == set(corpus.FORMATS) and all(v > 0 for v in speeds.values())
