"""Dyad timeline charts: a PNG (matplotlib, Agg) or a self-contained HTML page (inline SVG).

Both draw the same thing from ``analysis.dyad(...).periods``: bars of the four
quad classes stacked per period, and the substance ratio as a line on a second
axis (0–1).  The HTML page needs nothing from the network: the SVG is written
here and the numbers follow in a table.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

import pandas as pd

from .analysis import QUAD_COLUMNS
from .errors import ConfigError
from .ontology import QUAD_NAMES

__all__ = ["QUAD_COLORS", "dyad_html", "dyad_png", "dyad_svg", "write_dyad_plot"]

QUAD_COLORS = {1: "#8ab6e8", 2: "#1f5fa8", 3: "#f2a541", 4: "#c0392b"}
RATIO_COLOR = "#2e7d32"
RATIO_LABEL = "substance ratio (material / all cooperation)"


def write_dyad_plot(periods: pd.DataFrame, path: str | Path, title: str, by: str) -> Path:
    """Write a ``.png`` or ``.html`` chart, chosen by the file's extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".png":
        dyad_png(periods, path, title, by)
    elif suffix in {".html", ".htm"}:
        dyad_html(periods, path, title, by)
    else:
        raise ConfigError(f"--plot {path}: use a .png or .html file name")
    return path


def dyad_png(periods: pd.DataFrame, path: str | Path, title: str, by: str) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n = len(periods)
    fig = Figure(figsize=(max(7.0, 0.45 * n + 3.0), 5.2), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    x = list(range(n))
    bottom = [0.0] * n
    for quad, column in QUAD_COLUMNS.items():
        values = [float(v) for v in periods[column]]
        ax.bar(x, values, bottom=bottom, color=QUAD_COLORS[quad], label=QUAD_NAMES[quad])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(x, list(periods["period"]), rotation=45 if n > 8 else 0,
                  ha="right" if n > 8 else "center")
    ax.set_xlabel(by)
    ax.set_ylabel("events")
    ratio_ax = ax.twinx()
    ratio_ax.plot(x, list(periods["substance_ratio"]), color=RATIO_COLOR, marker="o",
                  label=RATIO_LABEL)
    ratio_ax.set_ylim(0, 1.05)
    ratio_ax.set_ylabel(RATIO_LABEL)
    handles = ax.get_legend_handles_labels()[0] + ratio_ax.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize="small")
    ax.set_title(title)
    fig.savefig(path, dpi=120)


def _nice_max(value: float) -> int:
    if value <= 5:
        return 5
    step = 10 ** math.floor(math.log10(value))
    return int(math.ceil(value / step) * step)


def dyad_svg(periods: pd.DataFrame, title: str, by: str) -> str:
    """The chart as an SVG element (for the HTML page and the dashboard)."""
    n = max(1, len(periods))
    bar, left, right, top, bottom = 28, 60, 70, 40, 70
    width, height = left + right + n * bar, 320
    plot_h = height - top - bottom
    ymax = _nice_max(float(periods["events"].max()) if len(periods) else 0.0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 60}" '
             f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="11">',
             f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
             f"{escape(title)}</text>"]
    parts += _svg_axes(width, height, left, right, top, plot_h, ymax, by)
    for i, row in enumerate(periods.itertuples(index=False)):
        x = left + i * bar
        parts += _svg_stack(row, x, bar, top + plot_h, plot_h, ymax)
        parts.append(f'<text transform="translate({x + bar / 2},{top + plot_h + 12}) '
                     f'rotate(45)" font-size="10">{escape(str(row.period))}</text>')
    parts += _svg_ratio(periods, left, bar, top, plot_h)
    parts += _svg_legend(left, height + 10)
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_axes(width: int, height: int, left: int, right: int, top: int, plot_h: int,
              ymax: int, by: str) -> list[str]:
    base, end = top + plot_h, width - right
    out = [f'<line x1="{left}" y1="{base}" x2="{end}" y2="{base}" stroke="#333"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#333"/>',
           f'<line x1="{end}" y1="{top}" x2="{end}" y2="{base}" stroke="{RATIO_COLOR}"/>']
    for k in range(5):
        y = base - plot_h * k / 4
        out.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{ymax * k / 4:g}</text>')
        out.append(f'<text x="{end + 6}" y="{y + 4}" fill="{RATIO_COLOR}">{k / 4:g}</text>')
    out.append(f'<text transform="translate(16,{top + plot_h / 2}) rotate(-90)" '
               'text-anchor="middle">events</text>')
    out.append(f'<text transform="translate({width - 12},{top + plot_h / 2}) rotate(90)" '
               f'text-anchor="middle" fill="{RATIO_COLOR}">substance ratio</text>')
    out.append(f'<text x="{(left + end) / 2}" y="{height - 8}" text-anchor="middle">'
               f"{escape(by)}</text>")
    return out


def _svg_stack(row: object, x: float, bar: int, base: float, plot_h: int,
               ymax: int) -> list[str]:
    out, y = [], base
    for quad, column in QUAD_COLUMNS.items():
        count = float(getattr(row, column))
        if count <= 0:
            continue
        h = plot_h * count / ymax
        y -= h
        out.append(f'<rect x="{x + 3}" y="{y:.1f}" width="{bar - 6}" height="{h:.1f}" '
                   f'fill="{QUAD_COLORS[quad]}"><title>{escape(str(row.period))}: '  # type: ignore[attr-defined]
                   f"{count:g} {QUAD_NAMES[quad]}</title></rect>")
    return out


def _svg_ratio(periods: pd.DataFrame, left: int, bar: int, top: int, plot_h: int) -> list[str]:
    out: list[str] = []
    segment: list[tuple[float, float]] = []
    for i, value in enumerate(periods["substance_ratio"]):
        if value is None or pd.isna(value):
            out += _polyline(segment)
            segment = []
            continue
        point = (left + i * bar + bar / 2, top + plot_h * (1 - float(value)))
        segment.append(point)
        out.append(f'<circle cx="{point[0]}" cy="{point[1]:.1f}" r="3" fill="{RATIO_COLOR}">'
                   f"<title>{float(value):.2f}</title></circle>")
    return out + _polyline(segment)


def _polyline(points: list[tuple[float, float]]) -> list[str]:
    if len(points) < 2:
        return []
    coords = " ".join(f"{x},{y:.1f}" for x, y in points)
    return [f'<polyline points="{coords}" fill="none" stroke="{RATIO_COLOR}" stroke-width="2"/>']


def _svg_legend(x: int, y: int) -> list[str]:
    out = []
    for i, (quad, name) in enumerate(QUAD_NAMES.items()):
        out.append(f'<rect x="{x + i * 130}" y="{y}" width="10" height="10" '
                   f'fill="{QUAD_COLORS[quad]}"/><text x="{x + i * 130 + 14}" y="{y + 9}">'
                   f"{escape(name)}</text>")
    out.append(f'<line x1="{x}" y1="{y + 30}" x2="{x + 20}" y2="{y + 30}" stroke="{RATIO_COLOR}" '
               f'stroke-width="2"/><text x="{x + 26}" y="{y + 34}">{escape(RATIO_LABEL)}</text>')
    return out


def dyad_html(periods: pd.DataFrame, path: str | Path, title: str, by: str) -> None:
    columns = ["period", "events", *QUAD_COLUMNS.values(), "substance_ratio", "substance_n",
               "plover_score_mean", "goldstein_mean"]
    header = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    rows = "\n".join("<tr>" + "".join(f"<td>{_cell(row[c])}</td>" for c in columns) + "</tr>"
                     for _, row in periods.iterrows())
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>body{{font-family:sans-serif;margin:2em}}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;"
            "text-align:right}</style></head><body>\n"
            f"{dyad_svg(periods, title, by)}\n<table><thead><tr>{header}</tr></thead>"
            f"<tbody>\n{rows}\n</tbody></table></body></html>\n")
    Path(path).write_text(page, encoding="utf-8")


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return escape(str(value))
