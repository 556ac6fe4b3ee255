"""Dyad charts: a real PNG and a self-contained HTML page with the numbers."""

import pytest

from dotterel.analysis import dyad
from dotterel.errors import ConfigError
from dotterel.plots import dyad_svg, write_dyad_plot

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("by", ["year", "month"])
def test_png(hand_store, tmp_path, by):
    periods = dyad(hand_store, "RUS", "JPN", by=by).periods
    path = write_dyad_plot(periods, tmp_path / "chart.png", "RUS–JPN", by)
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert path.stat().st_size > 5_000


def test_html_is_self_contained(hand_store, tmp_path):
    periods = dyad(hand_store, "RUS", "JPN", by="year").periods
    path = write_dyad_plot(periods, tmp_path / "chart.html", "RUS–JPN <dyad>", "year")
    page = path.read_text(encoding="utf-8")
    assert "<svg" in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "RUS–JPN &lt;dyad&gt;" in page
    assert page.count("<tr>") == 1 + len(periods)
    assert "<td>0.33</td>" in page  # the 2016 substance ratio


def test_svg_draws_bars_and_the_ratio_line(hand_store):
    periods = dyad(hand_store, "RUS", "JPN", by="year").periods
    svg = dyad_svg(periods, "t", "year")
    assert svg.count("<rect") >= 4 + 5  # legend swatches + at least five bar segments
    assert "<polyline" in svg and svg.count("<circle") == 3


def test_empty_dyad_still_draws(hand_store, tmp_path):
    periods = dyad(hand_store, "USA", "JPN").periods
    assert write_dyad_plot(periods, tmp_path / "empty.html", "none", "year").exists()
    assert write_dyad_plot(periods, tmp_path / "empty.png", "none", "year").exists()


def test_unknown_extension(hand_store, tmp_path):
    periods = dyad(hand_store, "RUS", "JPN").periods
    with pytest.raises(ConfigError, match=".png or .html"):
        write_dyad_plot(periods, tmp_path / "chart.pdf", "t", "year")
