"""A synthetic political-news corpus for benchmarks, in every format dotterel reads.

Articles are built from templates of political news (actors, verbs, places,
dates, quotes), so the coder has events to find; the same seed gives the same
corpus.  ``write_corpus`` writes each article four times, once per format, so
reading speeds compare like with like::

    DIR/txt/00001.txt …          header block + paragraphs
    DIR/html/00001.html …        a news page with menus, cookie banner, footer
    DIR/jsonl/corpus.jsonl.gz    one JSON object per line
    DIR/warc/corpus.warc.gz      one HTTP response record per page

``time_readers(DIR)`` reads each with ``read_sources`` and returns documents/s.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import random
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

__all__ = ["Article", "generate_articles", "time_readers", "write_corpus"]

FORMATS = ("txt", "html", "jsonl.gz", "warc.gz")

# (text, country) — the country is used for places and datelines.
ACTORS = [
    ("Russian Foreign Minister Sergei Lavrov", "Russia"),
    ("Russian President Vladimir Putin", "Russia"),
    ("Russian Defence Minister Sergei Shoigu", "Russia"),
    ("the Kremlin", "Russia"),
    ("Japanese Prime Minister Shinzo Abe", "Japan"),
    ("Japanese Foreign Minister Fumio Kishida", "Japan"),
    ("Japan's defence ministry", "Japan"),
    ("Chinese Foreign Minister Wang Yi", "China"),
    ("the Chinese government", "China"),
    ("U.S. Secretary of State Rex Tillerson", "United States"),
    ("the White House", "United States"),
    ("German Chancellor Angela Merkel", "Germany"),
    ("French President Emmanuel Macron", "France"),
    ("British Prime Minister Theresa May", "United Kingdom"),
    ("South Korean President Moon Jae-in", "South Korea"),
    ("North Korean leader Kim Jong Un", "North Korea"),
    ("Iranian President Hassan Rouhani", "Iran"),
    ("Turkish President Tayyip Erdogan", "Turkey"),
    ("Ukrainian President Petro Poroshenko", "Ukraine"),
    ("Indian Prime Minister Narendra Modi", "India"),
    ("NATO Secretary General Jens Stoltenberg", "Belgium"),
    ("the European Union", "Belgium"),
    ("U.N. Secretary-General Antonio Guterres", "United States"),
    ("opposition leaders in Caracas", "Venezuela"),
    ("police in Hong Kong", "China"),
    ("protesters in Kiev", "Ukraine"),
    ("rebels in eastern Ukraine", "Ukraine"),
    ("Syrian government forces", "Syria"),
]
CAPITALS = {
    "Russia": "Moscow", "Japan": "Tokyo", "China": "Beijing", "United States": "Washington",
    "Germany": "Berlin", "France": "Paris", "United Kingdom": "London", "South Korea": "Seoul",
    "North Korea": "Pyongyang", "Iran": "Tehran", "Turkey": "Ankara", "Ukraine": "Kiev",
    "India": "New Delhi", "Belgium": "Brussels", "Venezuela": "Caracas", "Syria": "Damascus",
}  # fmt: skip
ISSUES = [
    "the disputed Kuril islands", "North Korea's missile programme", "trade tariffs",
    "sanctions", "the war in Syria", "energy supplies", "the Iran nuclear deal",
    "fishing rights", "cyber attacks", "the annexation of Crimea", "military exercises",
    "a peace treaty", "visa rules", "human rights", "arms control",
]  # fmt: skip
EVENTS = [
    "{a} met {b} in {place} {when} to discuss {issue}.",
    "{a} held talks with {b} {when}, focusing on {issue}.",
    "{a} criticised {b} {when} over {issue}.",
    "{a} accused {b} of violating an agreement on {issue}.",
    "{a} signed an agreement with {b} on {issue} {when}.",
    "{a} called on {b} to show restraint over {issue}.",
    "{a} urged {b} to resume negotiations on {issue}.",
    "{a} threatened to impose new sanctions on {b} over {issue}.",
    "{a} visited {place} {when} and met {b}.",
    "{a} invited {b} to visit {place} later this year.",
    "{a} pledged $ {amount} million in aid to {b}.",
    "{a} rejected a proposal from {b} on {issue}.",
    "{a} praised {b} for progress on {issue}.",
    "{a} expelled {n} diplomats after a dispute with {b} over {issue}.",
    "{a} agreed with {b} to set up a working group on {issue}.",
    "{a} warned {b} {when} that it would respond to any provocation.",
    "{a} denied accusations by {b} about {issue}.",
    "{a} demanded that {b} withdraw troops from the border.",
]  # fmt: skip
QUOTES = [
    '"We are ready to continue the dialogue," {a} said.',
    '"This is unacceptable," {a} told reporters in {place}.',
    '"Our position on {issue} has not changed," {a} said.',
    '"We hope for concrete results," {a} said after the meeting.',
]  # fmt: skip
BACKGROUND = [
    "The two sides have been at odds over {issue} for decades.",
    "Relations have been strained since the dispute over {issue} began.",
    "Analysts said the meeting showed more status than substance.",
    "No date has been set for the next round of talks.",
    "Officials said further meetings were planned in {place}.",
    "The talks were the first at this level in {n} years.",
    "Critics said little had been delivered beyond statements.",
]  # fmt: skip
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "last week", "earlier this month", "on {month} {day}", "in {year}"]  # fmt: skip
PUBLISHERS = ["Example Wire", "Daily Bulletin", "World Report", "Global Dispatch"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Article:
    number: int
    title: str
    published: date
    publisher: str
    url: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def generate_articles(
    n_docs: int = 2000, *, seed: int = 0, total_words: int | None = None
) -> Iterator[Article]:
    """``n_docs`` articles; with ``total_words``, at least that many words in all.

    Without ``total_words`` an article has 150-350 words.
    """
    rng = random.Random(seed)
    per_doc = math.ceil(total_words / n_docs) if total_words else None
    for number in range(1, n_docs + 1):
        yield _article(rng, number, per_doc or rng.randint(150, 350))


def _article(rng: random.Random, number: int, words: int) -> Article:
    (a, country), (b, _) = rng.sample(ACTORS, 2)
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    publisher = rng.choice(PUBLISHERS)
    issue = rng.choice(ISSUES)
    lead = _fill(rng, rng.choice(EVENTS), a=_cap(a), b=b, issue=issue, country=country)
    dateline = f"{CAPITALS[country].upper()}, {published:%B} {published.day}, {published.year}"
    paragraphs = [f"{dateline} ({publisher}) - {lead}"]
    count = len(paragraphs[0].split())
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    title = f"{_cap(a)} and {b} at odds over {issue}"
    slug = f"{published:%Y/%m/%d}/story-{number:05}"
    return Article(number, title, published, publisher, f"https://news.example.com/{slug}",
                   tuple(paragraphs))


def _sentence(rng: random.Random) -> str:
    (a, country), (b, _) = rng.sample(ACTORS, 2)
    template = rng.choice(rng.choice([EVENTS, EVENTS, QUOTES, BACKGROUND]))
    return _fill(rng, template, a=_cap(a), b=b, issue=rng.choice(ISSUES), country=country)


def _fill(rng: random.Random, template: str, *, a: str, b: str, issue: str, country: str) -> str:
    when = rng.choice(WHEN).format(month=rng.choice(MONTHS), day=rng.randint(1, 28),
                                   year=rng.randint(2010, 2019))
    place = CAPITALS[rng.choice(list(CAPITALS))] if rng.random() < 0.5 else CAPITALS[country]
    return template.format(a=a, b=b, issue=issue, when=when, place=place,
                           amount=rng.randint(5, 900), n=rng.randint(2, 40))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- writing -------------------------------------------------------------------------------


def write_corpus(
    dirpath: str | Path, n_docs: int = 2000, *, seed: int = 0, total_words: int | None = None
) -> dict[str, Any]:
    """Write the corpus in every format under ``dirpath``; return paths and counts."""
    root = Path(dirpath)
    for sub in ("txt", "html", "jsonl", "warc"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    jsonl_path, warc_path = root / "jsonl" / "corpus.jsonl.gz", root / "warc" / "corpus.warc.gz"
    docs = words = 0
    with gzip.GzipFile(jsonl_path, "wb", mtime=0) as jsonl, open(warc_path, "wb") as warc:
        writer = _warc_writer(warc)
        for article in generate_articles(n_docs, seed=seed, total_words=total_words):
            (root / "txt" / f"{article.number:05}.txt").write_text(_as_text(article), "utf-8")
            (root / "html" / f"{article.number:05}.html").write_text(_as_html(article), "utf-8")
            jsonl.write(_as_json(article).encode("utf-8") + b"\n")
            _write_record(writer, article)
            docs, words = docs + 1, words + article.words
    return {"txt": root / "txt", "html": root / "html", "jsonl.gz": jsonl_path,
            "warc.gz": warc_path, "documents": docs, "words": words}


def _as_text(article: Article) -> str:
    return (
        f"Title: {article.title}\nDate: {article.published.isoformat()}\n"
        f"Publisher: {article.publisher}\nURL: {article.url}\n\n{article.text}\n"
    )


def _as_json(article: Article) -> str:
    return json.dumps({
        "title": article.title, "date": article.published.isoformat(), "url": article.url,
        "publisher": article.publisher, "text": article.text,
    })  # fmt: skip


def _as_html(article: Article) -> str:
    title = escape(article.title)
    body = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | {article.publisher}</title>"
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{article.publisher}">'
        f'<meta property="og:url" content="{article.url}">'
        f'<meta property="article:published_time" content="{article.published.isoformat()}">'
        "</head><body>"
        '<div class="cookie-banner"><p>We use cookies to improve your experience.</p>'
        "<button>Accept all cookies</button></div>"
        '<header><nav><a href="/">Home</a> <a href="/world">World</a> '
        '<a href="/politics">Politics</a></nav></header>'
        f"<main><article><h1>{title}</h1>{body}</article>"
        '<aside><h3>Related articles</h3><ul><li><a href="/a">Leaders meet again</a></li>'
        '<li><a href="/b">Sanctions explained</a></li></ul></aside></main>'
        f"<footer><p>Follow us on Twitter</p><p>\u00a9 {article.published.year} "
        f"{article.publisher}. All rights reserved.</p></footer></body></html>"
    )


def _warc_writer(stream: Any) -> Any:
    from warcio.warcwriter import WARCWriter

    return WARCWriter(stream, gzip=True)


def _write_record(writer: Any, article: Article) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    body = _as_html(article).encode("utf-8")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                            protocol="HTTP/1.1")
    record_id = uuid.UUID(int=random.Random(article.number).getrandbits(128), version=4)
    crawled = article.published + timedelta(days=1)
    record = writer.create_warc_record(
        article.url, "response", payload=io.BytesIO(body), http_headers=http,
        warc_headers_dict={"WARC-Date": f"{crawled.isoformat()}T06:00:00Z",
                           "WARC-Record-ID": f"<urn:uuid:{record_id}>"},
    )
    writer.write_record(record)


# --- timing --------------------------------------------------------------------------------


def time_readers(dirpath: str | Path, settings: Any = None) -> dict[str, float]:
    """Documents read per second for each format of a corpus written by ``write_corpus``."""
    from dotterel.ingest import ReadReport, read_sources
    from dotterel.settings import load_settings

    root = Path(dirpath)
    settings = settings or load_settings(environ={}, cwd=root)
    paths = {"txt": root / "txt", "html": root / "html",
             "jsonl.gz": root / "jsonl" / "corpus.jsonl.gz",
             "warc.gz": root / "warc" / "corpus.warc.gz"}  # fmt: skip
    _warm_up(root, settings)
    speeds = {}
    for name, path in paths.items():
        report = ReadReport()
        start = time.perf_counter()
        count = sum(1 for _ in read_sources([path], settings, report=report))
        elapsed = time.perf_counter() - start
        if report.errors:
            raise RuntimeError(f"{path}: {len(report.errors)} inputs failed: {report.errors[0]}")
        speeds[name] = count / elapsed if elapsed > 0 else math.inf
    return speeds


def _warm_up(root: Path, settings: Any) -> None:
    """Load trafilatura, warcio and dateparser before the clock starts."""
    from dotterel.ingest import read_sources, read_text

    read_text("Date: March 17, 2017\n\nJapan and Russia met.")
    for sample in (root / "html" / "00001.html", root / "txt" / "00001.txt"):
        if sample.exists():
            list(read_sources([sample], settings))
