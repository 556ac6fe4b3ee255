"""Planning and reading partitions: workers read what one process reads, however it is cut.

(No ``__init__.py`` here: a package named ``distributed`` would hide Dask's own.)
"""

import json
import pickle
from pathlib import Path

import pytest

from dotterel.errors import ConfigError, DistributedError
from dotterel.ingest import ReadReport, read_sources
from dotterel.partitions import (
    MAX_PARTITION_BYTES,
    MIN_PARTITION_BYTES,
    Partition,
    Piece,
    list_pieces,
    partition_bytes,
    plan_partitions,
    read_partition,
)
from dotterel.settings import load_settings


@pytest.fixture
def settings(tmp_path):
    return load_settings(environ={}, cwd=tmp_path)


def write_jsonl(path: Path, n: int = 40) -> Path:
    """A JSONL file with blank lines, a bad line, CRLF endings and lines of many lengths."""
    lines = []
    for i in range(n):
        words = " ".join(["Japan and Russia held talks."] * (1 + i % 7))
        lines.append(json.dumps({"title": f"Story {i}", "date": "2017-03-20",
                                 "text": f"Report {i}. {words}"}))
        if i % 9 == 4:
            lines.append("")
        if i == 17:
            lines.append("{not json")
    path.write_bytes(("\n".join(lines[:25]) + "\r\n" + "\n".join(lines[25:]) + "\n").encode())
    return path


def whole_reading(path: Path, settings) -> tuple[list, list]:
    report = ReadReport()
    docs = list(read_sources([path], settings, report=report))
    return docs, [(type(e), e.source, e.line) for e in report.errors]


def partition_reading(pieces, settings) -> tuple[list, list]:
    report = ReadReport()
    docs = []
    for partition in plan_partitions(pieces, 1):  # one partition per piece
        docs.extend(read_partition(partition, settings, None, report))
    return docs, [(type(e), e.source, e.line) for e in report.errors]


@pytest.mark.parametrize("target", [1, 37, 100, 256, 1000, 5000, 10**6])
def test_byte_ranges_read_the_lines_of_the_whole_file(tmp_path, settings, target):
    path = write_jsonl(tmp_path / "news.jsonl")
    pieces = list(plan_partitions(list_pieces([path], settings, ReadReport()), target))
    ranges = [piece for partition in pieces for piece in partition.pieces]
    if target < path.stat().st_size:
        assert len(ranges) > 1 and all(p.stop is not None for p in ranges)
        assert ranges[0].start == 0 and ranges[-1].stop == path.stat().st_size
    docs, errors = partition_reading(ranges, settings)
    expected_docs, expected_errors = whole_reading(path, settings)
    assert docs == expected_docs  # doc_id, text, metadata and source_line alike
    assert errors == expected_errors and len(errors) == 1
    assert [d.source_line for d in docs][:3] == [1, 2, 3]


@pytest.mark.parametrize("name", ["news.jsonl.gz", "news.txt", "news.warc"])
def test_only_uncompressed_jsonl_is_split(tmp_path, settings, name):
    path = tmp_path / name
    path.write_bytes(b"x" * 5000)
    partitions = list(plan_partitions(list_pieces([path], settings, ReadReport()), 100))
    assert [p.pieces for p in partitions] == [(Piece(str(path), 5000),)]


def test_binary_jsonl_is_not_split(tmp_path, settings):
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01" * 5000)
    partitions = list(plan_partitions(list_pieces([path], settings, ReadReport()), 100))
    assert len(partitions) == 1
    assert partition_reading(partitions[0].pieces, settings) == whole_reading(path, settings)


def test_partitions_keep_reading_order_and_size(tmp_path, settings):
    folder = tmp_path / "corpus"
    (folder / "b").mkdir(parents=True)
    for i in range(30):
        (folder / ("b" if i % 2 else "") / f"{i:02d}.txt").write_text(f"Report {i}. " * 50)
    (folder / ".hidden.txt").write_text("never read")
    report = ReadReport()
    pieces = list(list_pieces([folder], settings, report))
    assert [p.path for p in pieces] == [str(d.source_path) for d in read_sources([folder],
                                                                                settings)]
    partitions = list(plan_partitions(pieces, 2000))
    assert [p.index for p in partitions] == list(range(len(partitions)))
    assert [piece for p in partitions for piece in p.pieces] == pieces
    assert all(p.bytes >= 2000 for p in partitions[:-1])
    assert "inputs:" in str(partitions[0]) and str(folder) in str(partitions[0])


def test_include_and_exclude_apply_as_in_one_process(tmp_path, settings):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.txt", "b.html", "c.txt"):
        (folder / name).write_text("Japan protested to Russia. " * 5)
    chosen = settings.replace(include=["*.txt"], exclude=["c.*"])
    assert [Path(p.path).name for p in list_pieces([folder], chosen, ReadReport())] == ["a.txt"]


def test_missing_paths_are_recorded_as_in_one_process(tmp_path, settings):
    missing = tmp_path / "nope.txt"
    report = ReadReport()
    assert list(list_pieces([missing, ""], settings, report)) == []
    expected = ReadReport()
    list(read_sources([missing, ""], settings, report=expected))
    assert [str(e) for e in report.errors] == [str(e) for e in expected.errors]
    assert report.skipped == expected.skipped == {"missing": 2}


def test_stdin_cannot_go_to_workers(settings):
    with pytest.raises(ConfigError, match="standard input"):
        list(list_pieces(["-"], settings, ReadReport()))


def test_a_path_a_worker_cannot_find_names_the_path(tmp_path, settings):
    gone = Partition(3, (Piece(str(tmp_path / "gone.txt"), 10),))
    with pytest.raises(DistributedError) as raised:
        list(read_partition(gone, settings, None, ReadReport()))
    message = str(raised.value)
    assert "gone.txt" in message and "not found by worker" in message
    assert "shared filesystem" in message and "\n" not in message


def test_fsspec_urls_are_listed_and_read(tmp_path, settings):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Date: 2017-03-20\n\nJapan protested to Russia on Monday.")
    write_jsonl(folder / "b.jsonl", 20)
    url = f"file://{folder}"
    pieces = list(list_pieces([url], settings, ReadReport()))
    assert [p.path for p in pieces] == [f"{url}/a.txt", f"{url}/b.jsonl"]
    ranges = [piece for part in plan_partitions(pieces, 300) for piece in part.pieces]
    assert len(ranges) > 2  # b.jsonl is read in byte ranges through fsspec
    docs, errors = partition_reading(ranges, settings)
    local, local_errors = whole_reading(folder, settings)
    assert [(d.doc_id, d.text, d.source_line) for d in docs] == \
        [(d.doc_id, d.text, d.source_line) for d in local]
    assert docs[0].source_path == f"{url}/a.txt" and len(errors) == len(local_errors) == 1


def test_a_missing_url_is_recorded(tmp_path, settings):
    report = ReadReport()
    assert list(list_pieces([f"file://{tmp_path}/none"], settings, report)) == []
    assert report.skipped == {"unreadable": 1} and "none" in str(report.errors[0])


@pytest.mark.parametrize("total, workers, expected", [
    (0, 2, MIN_PARTITION_BYTES),
    (10**6, 2, 62_500),
    (10**12, 4, MAX_PARTITION_BYTES),
])
def test_partition_size_is_bounded(total, workers, expected):
    assert partition_bytes(total, workers) == expected


def test_settings_travel_to_workers_by_pickle(tmp_path):
    """Regression: unpickling Settings recursed forever in ``__getattr__``."""
    settings = load_settings(environ={"DOTTEREL_WORKERS": "2"}, cwd=tmp_path)
    copy = pickle.loads(pickle.dumps(settings))
    assert dict(copy) == dict(settings) and copy.workers == 2
    assert copy.source_of("workers") == "DOTTEREL_WORKERS"
