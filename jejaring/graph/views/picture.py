"""A static picture of a network view (matplotlib), with a title, a legend and labels that do not overlap.

:func:`place_labels` is the placement the page's script also follows: the most important nodes first, each
label at the first of eight spots around its node (below, above, right, left, then the diagonals), then of
the same spots one ring after another further out (:data:`RINGS`, :data:`RINGS_MUST`; a thin line leads
back to the node), where it overlaps no label placed before and stays inside the frame; a node that finds
no such spot goes unlabelled, unless it is one of the ``must`` first, which take the spot below anyway.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["draw_scene", "place_labels"]

#: The labels' font size in points (readable when a 12-inch picture is printed at half a page).
LABEL_POINTS = 7.5
_GAP = 2.0  # pixels between a node and its label
#: How many rings of spots around a node a label may take, each a label's height further out; the labels
#: that must be shown may go further before they overlap another.
RINGS, RINGS_MUST = 3, 10
#: matplotlib's markers for vis-network's shapes (the scene gives each kind's shape: ``KIND_SHAPES`` in
#: :mod:`jejaring.graph.views.visualise`).
MARKERS = {"dot": "o", "square": "s", "triangle": "^", "star": "*", "diamond": "D"}


def place_labels(anchors: list[tuple], sizes: dict, *, must: int, most: int,
                 frame: tuple[float, float, float, float]) -> dict:
    """Boxes ``(x, y, width, height, far)`` (``y`` up, as matplotlib's display coordinates; ``far`` when the
    label is a ring or more away from its node) for the labels of
    ``anchors``, each ``(id, x, y, radius)`` in the order of importance; ``sizes`` maps an id to its label's
    ``(width, height)``; at most ``most`` labels, the ``must`` first always; ``frame`` is ``(x0, y0, x1, y1)``.

    Examples
    --------
    >>> boxes = place_labels([("a", 50, 50, 2), ("b", 60, 50, 2)], {"a": (20, 8), "b": (20, 8)},
    ...                      must=1, most=2, frame=(0, 0, 100, 100))
    >>> boxes["a"], boxes["b"]  # b's spot below would cover a's label: b's goes above
    ((40.0, 38.0, 20, 8, False), (50.0, 54.0, 20, 8, False))
    """
    placed: dict = {}
    for i, (key, x, y, r) in enumerate(anchors):
        if len(placed) >= most and i >= must:
            break
        w, h = sizes[key]
        spots = [spot for ring in range(RINGS_MUST if i < must else RINGS) for spot in _spots(x, y, r + ring * h, w, h)]
        j, free = next(((j, s) for j, s in enumerate(spots) if _inside(s, w, h, frame) and not any(
            _overlap((*s, w, h), box) for box in placed.values())), (0, None))
        if free is None and i < must:
            free = (min(max(spots[0][0], frame[0]), frame[2] - w), min(max(spots[0][1], frame[1]), frame[3] - h))
        if free is not None:
            placed[key] = (round(free[0], 2), round(free[1], 2), w, h, j >= 8)
    return placed


def _spots(x: float, y: float, r: float, w: float, h: float) -> list[tuple[float, float]]:
    """Where a ``w`` by ``h`` label may go around a node of radius ``r`` at ``(x, y)``, best first."""
    d = r * 0.7
    return [(x - w / 2, y - r - _GAP - h), (x - w / 2, y + r + _GAP), (x + r + _GAP, y - h / 2),
            (x - r - _GAP - w, y - h / 2), (x + d, y - d - h), (x + d, y + d), (x - d - w, y - d - h),
            (x - d - w, y + d)]


def _inside(spot: tuple[float, float], w: float, h: float, frame: tuple) -> bool:
    return frame[0] <= spot[0] and spot[0] + w <= frame[2] and frame[1] <= spot[1] and spot[1] + h <= frame[3]


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def draw_scene(scene, positions: dict, *, title: str, must: int, most: int) -> Figure:
    """The figure of a scene (see :mod:`jejaring.graph.views.visualise`) at ``positions`` (node id -> x, y)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(12, 9), dpi=150)
    FigureCanvasAgg(fig)
    fig.suptitle(title, fontsize=11, y=0.985)
    ax = fig.add_axes((0.01, 0.01, 0.77, 0.9))
    ax.set_axis_off()
    near = _near(scene)
    segments, colours = [], []
    for e in scene.edges:
        segments.append((positions[e["from"]], positions[e["to"]]))
        colours.append("#9a9a9a" if near is None or scene.focus_id in (e["from"], e["to"]) else "#e4e4e4")
    ax.add_collection(LineCollection(segments, colors=colours, linewidths=0.6, zorder=1))
    for shape in sorted({n["shape"] for n in scene.nodes}):
        group = [n for n in scene.nodes if n["shape"] == shape]
        ax.scatter([positions[n["id"]][0] for n in group], [positions[n["id"]][1] for n in group],
                   s=[(n["size"] * 0.6) ** 2 for n in group], marker=MARKERS[shape],
                   c=[n["color"] if near is None or n["id"] in near else "#dcdcdc" for n in group],
                   edgecolors=["#111111" if n["id"] == scene.focus_id else "white" for n in group],
                   linewidths=[2.5 if n["id"] == scene.focus_id else 0.5 for n in group], zorder=2)
    if scene.nodes:
        ax.margins(0.06)
        ax.set_aspect("equal", adjustable="datalim")
        ax.autoscale_view()
        ax.apply_aspect()
        _label(fig, ax, scene, positions, near, FontProperties(size=LABEL_POINTS), must=must, most=most)
    colour_handles = [Line2D([], [], marker="o", linestyle="", markersize=7, color=item["color"],
                             label=f"{textwrap.shorten(item['name'], 30, placeholder='…')} ({item['count']})")
                      for item in scene.legend[:20]]
    if len(scene.legend) > 20:
        colour_handles.append(Line2D([], [], linestyle="", label=f"… {len(scene.legend) - 20} more"))
    shape_handles = [Line2D([], [], marker=MARKERS[k["shape"]], linestyle="", markersize=7,
                            color="#777777", label=f"{k['name']} ({k['count']})") for k in scene.kinds]
    if colour_handles:
        fig.legend(handles=colour_handles, title=f"colour: {scene.color_by}", loc="upper left",
                   bbox_to_anchor=(0.79, 0.9), fontsize=8, title_fontsize=9, frameon=False)
    if shape_handles and scene.color_by != "kind":
        fig.legend(handles=shape_handles, title="shape: kind", loc="lower left", bbox_to_anchor=(0.79, 0.03),
                   fontsize=8, title_fontsize=9, frameon=False)
    return fig


def _near(scene) -> set | None:
    """The focus and its direct ties (the rest is dimmed), or None without a focus."""
    if scene.focus_id is None:
        return None
    return {scene.focus_id} | {e["to"] if e["from"] == scene.focus_id else e["from"] for e in scene.edges
                               if scene.focus_id in (e["from"], e["to"])}


def _label(fig, ax, scene, positions: dict, near: set | None, font, *, must: int, most: int) -> None:
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72.0
    ranked = sorted(scene.nodes, key=lambda n: (n["id"] != scene.focus_id, near is not None and n["id"] not in near,
                                                n["rank"]))
    anchors, sizes = [], {}
    for n in ranked:
        x, y = ax.transData.transform(positions[n["id"]])
        anchors.append((n["id"], float(x), float(y), n["size"] * 0.3 * px))
        w, h, _ = renderer.get_text_width_height_descent(n["text"], font, ismath=False)
        sizes[n["id"]] = (w + 2 * px, h + 2 * px)
    frame = ax.get_window_extent(renderer).extents
    boxes = place_labels(anchors, sizes, must=must, most=most, frame=tuple(float(v) for v in frame))
    to_data = ax.transData.inverted()
    text_of = {n["id"]: n for n in scene.nodes}
    leads = []
    for key, (x, y, w, h, far) in boxes.items():
        n = text_of[key]
        if far:  # a label pushed away from its node: a thin line back to it
            nx_, ny_ = ax.transData.transform(positions[key])
            leads.append(to_data.transform([(nx_, ny_), (min(max(nx_, x), x + w), min(max(ny_, y), y + h))]))
        tx, ty = to_data.transform((x + px, y + px))
        label = ax.text(tx, ty, n["text"], fontproperties=font, ha="left", va="bottom", zorder=3,
                        color="#111111" if near is None or key in near else "#8a8a8a",
                        fontweight="bold" if key == scene.focus_id else "normal")
        label.set_gid(f"node-label-{n['rank']}")
    if leads:
        from matplotlib.collections import LineCollection

        ax.add_collection(LineCollection(leads, colors="#777777", linewidths=0.4, zorder=2.5))
