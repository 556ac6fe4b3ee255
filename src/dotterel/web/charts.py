"""Vega-Lite specifications for the dashboard, built from the dictionaries of ``queries``.

The browser only hands a spec to vega-embed; everything the chart shows (and the
link behind each mark) is decided here, where tests can read it.

- ``dyad_spec``: stacked bars of the four quad classes per period with the
  substance ratio on a second axis, and the mean PLOVER score below; a bar links
  to the events of its period and quad class, and the legend filters the bars.
- ``network_spec``: actors on a circle, an arrow for each directed edge (width by
  events, colour by mean PLOVER score); an arrow opens that dyad in the explorer.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from ..analysis import QUAD_COLUMNS
from ..ontology import QUAD_NAMES
from ..plots import QUAD_COLORS, RATIO_COLOR

__all__ = ["VEGA_LITE_SCHEMA", "dyad_spec", "events_href", "network_layout", "network_spec"]

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
SCORE_COLOR = "#555555"
_WIDTH = 880
# Mean scores rarely pass ±5; beyond that the colour saturates (clamped).
_SCORE_SCALE = {"domain": [-5, 0, 5], "range": ["#c0392b", "#c8c8c8", "#1f5fa8"], "clamp": True}


def events_href(**params: Any) -> str:
    """A link to the events table with these filters (blank ones left out)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return "/events?" + urlencode({k: str(v).lower() if isinstance(v, bool) else v
                                   for k, v in kept.items()})


def _dyad_filters(data: dict[str, Any], period: dict[str, Any]) -> dict[str, Any]:
    return {"a": data["a"], "b": data["b"], "since": period["start"], "until": period["end"],
            "include_negated": data["include_negated"], "mentions": data["mentions"]}


def _quad_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for period in data["periods"]:
        for quad, column in QUAD_COLUMNS.items():
            if period[column]:
                rows.append({"period": period["period"], "quad": quad,
                             "quad_name": QUAD_NAMES[quad], "count": period[column],
                             "href": events_href(**_dyad_filters(data, period), quad=quad)})
    return rows


def _period_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    keep = ("period", "events", "substance_ratio", "substance_n", "plover_score_mean")
    return [{**{k: p[k] for k in keep}, "href": events_href(**_dyad_filters(data, p))}
            for p in data["periods"]]


def _x(data: dict[str, Any], labels: bool) -> dict[str, Any]:
    domain = [p["period"] for p in data["periods"]]
    axis: dict[str, Any] = {"labelAngle": -45 if len(domain) > 12 else 0, "title": data["by"]}
    if not labels:
        axis = {"labels": False, "ticks": False, "title": None}
    return {"field": "period", "type": "ordinal", "scale": {"domain": domain}, "axis": axis}


def _bars(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "data": {"name": "quads"},
        "mark": {"type": "bar", "cursor": "pointer"},
        "params": [{"name": "quads_shown", "select": {"type": "point", "fields": ["quad_name"]},
                    "bind": "legend"}],
        "encoding": {
            "x": _x(data, labels=False),
            "y": {"field": "count", "type": "quantitative", "stack": "zero",
                  "title": "events"},
            "color": {"field": "quad_name", "type": "nominal", "title": None,
                      "scale": {"domain": list(QUAD_NAMES.values()),
                                "range": [QUAD_COLORS[q] for q in QUAD_NAMES]},
                      "legend": {"orient": "top", "direction": "horizontal"}},
            "order": {"field": "quad", "type": "quantitative"},
            "opacity": {"condition": {"param": "quads_shown", "value": 1}, "value": 0.2},
            "tooltip": [{"field": "period", "title": data["by"]},
                        {"field": "quad_name", "title": "quad class"},
                        {"field": "count", "title": "events"}],
            "href": {"field": "href"},
        },
    }


def _ratio(data: dict[str, Any]) -> dict[str, Any]:
    axis = {"orient": "right", "title": "substance ratio", "titleColor": RATIO_COLOR,
            "labelColor": RATIO_COLOR, "grid": False, "format": ".1f"}
    return {
        "data": {"name": "periods"},
        "mark": {"type": "line", "color": RATIO_COLOR, "strokeWidth": 2,
                 "point": {"color": RATIO_COLOR, "size": 45}},
        "encoding": {
            "x": _x(data, labels=False),
            "y": {"field": "substance_ratio", "type": "quantitative",
                  "scale": {"domain": [0, 1]}, "axis": axis},
            "tooltip": [{"field": "period", "title": data["by"]},
                        {"field": "substance_ratio", "title": "substance ratio", "format": ".2f"},
                        {"field": "substance_n", "title": "cooperation events"}],
            "href": {"field": "href"},
        },
    }


def _score(data: dict[str, Any]) -> dict[str, Any]:
    y = {"field": "plover_score_mean", "type": "quantitative", "title": "mean PLOVER score",
         "scale": {"domain": [-10, 10]}}
    return {
        "data": {"name": "periods"},
        "width": _WIDTH, "height": 90,
        "layer": [
            {"mark": {"type": "rule", "color": "#999", "strokeDash": [4, 3]},
             "encoding": {"y": {"datum": 0, "type": "quantitative"}}},
            {"mark": {"type": "line", "color": SCORE_COLOR, "point": {"color": SCORE_COLOR}},
             "encoding": {
                 "x": _x(data, labels=True), "y": y,
                 "tooltip": [{"field": "period", "title": data["by"]},
                             {"field": "plover_score_mean", "title": "mean PLOVER score",
                              "format": ".2f"},
                             {"field": "events", "title": "events"}],
                 "href": {"field": "href"}}},
        ],
    }


def dyad_spec(data: dict[str, Any]) -> dict[str, Any]:
    """The dyad timeline for ``queries.dyad_data(...)``."""
    title = f"{data['a']}–{data['b']}: events by quad class, substance ratio and mean score"
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": title,
        "datasets": {"quads": _quad_rows(data), "periods": _period_rows(data)},
        "vconcat": [
            {"width": _WIDTH, "height": 230, "layer": [_bars(data), _ratio(data)],
             "resolve": {"scale": {"y": "independent"}}},
            _score(data),
        ],
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 11}},
    }


# --- the network ------------------------------------------------------------------------


def network_layout(codes: list[str]) -> dict[str, tuple[float, float]]:
    """Actors on the unit circle, the busiest first at the top.

    Each next actor goes about half way round from the one before (a stride
    coprime with the count, so every place is used once), which keeps the busy
    actors, and the busy edges between them, from crowding one side.
    """
    n = max(1, len(codes))
    stride = next(k for k in range(max(1, n // 2), 0, -1) if math.gcd(k, n) == 1)
    places = {}
    for rank, code in enumerate(codes):
        turn = 2 * math.pi * ((rank * stride) % n) / n
        places[code] = (round(math.sin(turn), 4), round(math.cos(turn), 4))
    return places


def _edge_geometry(start: tuple[float, float], end: tuple[float, float]) -> dict[str, float]:
    """An edge pulled in from both nodes and shifted to its right, so A→B and B→A both show."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    shift, trim = 0.025, min(0.1, length / 4)
    x0, y0 = start[0] + ux * trim + uy * shift, start[1] + uy * trim - ux * shift
    x1, y1 = end[0] - ux * trim + uy * shift, end[1] - uy * trim - ux * shift
    return {"x": x0, "y": y0, "x2": x1, "y2": y1, "ax": x0 + (x1 - x0) * 0.7,
            "ay": y0 + (y1 - y0) * 0.7, "angle": math.degrees(math.atan2(dx, dy)) % 360}


def _network_rows(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    place = network_layout([node["code"] for node in data["nodes"]])
    nodes = [{**node, "x": place[node["code"]][0], "y": place[node["code"]][1],
              "href": events_href(actor=node["code"])} for node in data["nodes"]]
    edges = [{**edge, **_edge_geometry(place[edge["source"]], place[edge["target"]]),
              "label": f"{edge['source']} → {edge['target']}",
              "href": "/?" + urlencode({"a": edge["source"], "b": edge["target"]})}
             for edge in data["edges"]]
    return nodes, edges


def _position(field: str) -> dict[str, Any]:
    return {"field": field, "type": "quantitative", "axis": None,
            "scale": {"domain": [-1.25, 1.25]}}


def _edge_layers() -> list[dict[str, Any]]:
    tooltip = [{"field": "label", "title": "who → whom"}, {"field": "events", "title": "events"},
               {"field": "plover_score_mean", "title": "mean PLOVER score", "format": ".2f"}]
    color = {"field": "plover_score_mean", "type": "quantitative", "title": "mean PLOVER score",
             "scale": _SCORE_SCALE}
    width = {"field": "events", "type": "quantitative", "title": "events",
             "scale": {"range": [1.5, 9]}}
    return [
        {"data": {"name": "edges"}, "mark": {"type": "rule", "cursor": "pointer", "opacity": 0.85},
         "encoding": {"x": _position("x"), "y": _position("y"), "x2": {"field": "x2"},
                      "y2": {"field": "y2"}, "color": color, "strokeWidth": width,
                      "tooltip": tooltip, "href": {"field": "href"}}},
        {"data": {"name": "edges"},
         "mark": {"type": "point", "shape": "triangle-up", "filled": True, "size": 110,
                  "cursor": "pointer"},
         "encoding": {"x": _position("ax"), "y": _position("ay"),
                      "angle": {"field": "angle", "type": "quantitative", "scale": None},
                      "color": color, "tooltip": tooltip,
                      "href": {"field": "href"}}},
    ]


def _node_layers() -> list[dict[str, Any]]:
    tooltip = [{"field": "code", "title": "actor"}, {"field": "events", "title": "events"},
               {"field": "as_actor", "title": "as actor"},
               {"field": "as_recipient", "title": "as recipient"}]
    return [
        {"data": {"name": "nodes"},
         "mark": {"type": "circle", "color": "#fff", "stroke": "#333", "strokeWidth": 1.5,
                  "opacity": 1, "cursor": "pointer"},
         "encoding": {"x": _position("x"), "y": _position("y"),
                      "size": {"field": "events", "type": "quantitative", "legend": None,
                               "scale": {"range": [500, 1400]}},
                      "tooltip": tooltip, "href": {"field": "href"}}},
        {"data": {"name": "nodes"},
         "mark": {"type": "text", "fontWeight": "bold", "fontSize": 12, "cursor": "pointer"},
         "encoding": {"x": _position("x"), "y": _position("y"), "text": {"field": "code"},
                      "tooltip": tooltip, "href": {"field": "href"}}},
    ]


def network_spec(data: dict[str, Any]) -> dict[str, Any]:
    """The actor network for ``queries.network_data(...)``."""
    nodes, edges = _network_rows(data)
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": "Who acts on whom (arrow: actor → recipient)",
        "width": 600, "height": 600,
        "datasets": {"nodes": nodes, "edges": edges},
        "layer": [*_edge_layers(), *_node_layers()],
        "config": {"view": {"stroke": None}},
    }
