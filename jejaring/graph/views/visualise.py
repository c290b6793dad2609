"""The network view: one self-contained HTML page that works offline, or a static picture of the same view.

The page is made with a template of our own (``templates/network.html``): vis-network's JavaScript and
CSS come from the files pyvis 0.3.2 ships and are inlined, so the page requests nothing from any host. Node
and edge data go into the page as JSON (``<``, ``>`` and ``&`` escaped), tooltips are plain text
(vis-network shows a string tooltip with ``innerText``), and everything else the page shows from the graph
(title, legend, filters, source documents) goes through Jinja's HTML escaping.

Edges are sent compactly, as ``[from, to, width, tooltip, ...]`` rows: ``from`` and ``to`` index the node
list and each ``tooltip`` indexes one list of distinct relation descriptions, since the co-attendance edges
of one event all say the same thing. The page's script puts each edge's tooltip together (the two names,
then its relations, at most :data:`EDGE_RELATIONS_MAX` of them). This keeps the page of a 10,000-node
network in megabytes rather than a hundred.

A stakeholders view shows its backbone (:mod:`jejaring.graph.views.backbone`: every membership, each agent's
strongest co-attendance tie) unless ``all_edges``; the page has a slider for the minimum tie strength. The
page draws node labels itself, in screen pixels: the nodes that matter most (by the size measure) first,
each label put where it overlaps no other (below, above, beside or diagonal to its node), at most
:data:`LABELS_AT_FIT` at the initial fit and more as one zooms in; the :data:`LABELS_MUST` most important
are always labelled, and a hovered or focused node too. The picture places its labels the same way.

Positions are computed in Python (:func:`layout_positions`, seeded), the same as the picture's, and the
browser's physics is off, so a network of thousands of nodes opens at once, fitted to the window; the page
runs vis-network's physics only to lay out again what its filters leave.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np

from jejaring.errors import NetworkError
from jejaring.graph.store.local import atomic_write
from jejaring.graph.views.analysis import communities, node_centrality
from jejaring.graph.views.backbone import TIE, backbone
from jejaring.graph.views.picture import RINGS, RINGS_MUST
from jejaring.graph.views.project import ego_network

__all__ = [
    "COLOR_BY",
    "COMMUNITY_COLOURS_FROM",
    "EDGE_RELATIONS_MAX",
    "IMAGE_FORMATS",
    "KIND_COLORS",
    "KIND_SHAPES",
    "LABELS_AT_FIT",
    "LABELS_MUST",
    "LAYOUT_EXACT_MAX",
    "LAYOUT_REPELLERS",
        "SECTOR_COLORS",
    "SIZE_BY",
    "SMOOTH_EDGES_MAX",
    "drawn_edge_count",
    "layout_positions",
    "shown_network",
    "to_html",
    "to_image",
    "write_html",
]

#: Node attributes the view can colour by.
COLOR_BY = ("kind", "community", "sector")
#: Measures the view can size nodes by.
SIZE_BY = ("degree", "betweenness")
#: Static picture formats.
IMAGE_FORMATS = ("svg", "png")
#: Up to this many nodes the page draws edges as curves; above, straight and hidden while dragging or zooming.
SMOOTH_EDGES_MAX = 300
#: From this many nodes on, a view opens coloured by community (kinds stay visible as shapes).
COMMUNITY_COLOURS_FROM = 80
#: How many labels the view shows at its initial fit, at most (more as one zooms in).
LABELS_AT_FIT = 40
#: The most important nodes (by the size measure) always carry a label, room or not.
LABELS_MUST = 30

KIND_COLORS = {
    "person": "#4e79a7", "organisation": "#f28e2b", "event": "#59a14f", "lesson": "#e15759",
    "city": "#76b7b2", "country": "#5f9e99", "area": "#9dcdc9", "programme": "#edc948",
    "membership": "#b07aa1", "statement": "#ff9da7", "post": "#9c755f",
}
#: vis-network shapes by kind (the picture draws the matching marker); other kinds are dots.
KIND_SHAPES = {"person": "dot", "organisation": "square", "event": "triangle", "lesson": "star",
               "programme": "diamond", "city": "diamond", "country": "diamond", "area": "diamond"}
_SYMBOLS = {"dot": "●", "square": "■", "triangle": "▲", "star": "★", "diamond": "◆"}
SECTOR_COLORS = {
    "government": "#4e79a7", "ngo": "#59a14f", "international": "#b07aa1", "private": "#f28e2b",
    "academic": "#edc948", "community": "#e15759", "unknown": "#bab0ac",
}
#: Colours for anything else (communities, kinds and sectors not listed above), in order.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
)
_TEMPLATES = Path(__file__).parent / "templates"
_MIN_SIZE, _MAX_SIZE = 8.0, 32.0
#: An edge's tooltip describes at most this many of its relations (parallel edges), then says how many more.
EDGE_RELATIONS_MAX = 6
#: Longer names are cut in the middle on the canvas, keeping what tells them apart at the end ("Badan
#: Perencanaan … Kota Palembang"); the tooltip and the search box have them whole.
LABEL_MAX = 36
#: Up to this many nodes, :func:`layout_positions` computes every pair's push; above, a sample's.
LAYOUT_EXACT_MAX = 1000
#: How many nodes push the others at each step of a layout above :data:`LAYOUT_EXACT_MAX` nodes.
LAYOUT_REPELLERS = 250
#: The pull towards the centre in :func:`layout_positions`, against repulsion.
GRAVITY = 2.0


# -- public API ----------------------------------------------------------------------------------
def shown_network(G: nx.Graph, *, all_edges: bool = False, focus: str | None = None, depth: int = 1) -> nx.Graph:
    """The part of ``G`` a view draws: its backbone (unless ``all_edges``), within ``depth`` steps of ``focus``.

    Raises
    ------
    NetworkError
        ``focus`` is not in ``G``, or ``depth`` is negative.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> for u, v, w in (("a", "b", 3), ("b", "c", 1), ("a", "c", 1), ("c", "d", 2)):
    ...     _ = G.add_edge(u, v, relation="co-attendance", weight=w)
    >>> S = shown_network(G)
    >>> sorted(sorted(e) for e in S.edges()), sorted(shown_network(G, focus="b"))
    ([['a', 'b'], ['c', 'd']], ['a', 'b'])
    """
    shown = G if all_edges else backbone(G)
    return ego_network(shown, focus, depth=depth) if focus is not None else shown


def drawn_edge_count(G: nx.Graph) -> int:
    """How many lines a view of ``G`` draws: one per linked pair of distinct nodes, whatever its relations.

    >>> drawn_edge_count(nx.MultiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c")]))
    2
    """
    return sum(1 for u, v in nx.Graph(G).edges() if u != v)


def to_html(
    G: nx.Graph,
    *,
    title: str | None = None,
    color_by: str | None = None,
    size_by: str = "degree",
    focus: str | None = None,
    depth: int = 1,
    all_edges: bool = False,
    seed: int = 42,
) -> str:
    """The network view as one self-contained HTML page.

    Parameters
    ----------
    G
        A network view (see :func:`jejaring.graph.views.project.project`); nodes may carry ``label``, ``kind``,
        ``sector``, ``posts``, ``organisations``, ``documents``, ``quotes``, ``start``/``end``; edges
        ``relation``, ``role``, ``start``/``end``, ``documents``, ``weight``.
    title
        The page title; by default from the view's name.
    color_by
        ``kind``, ``community`` (Louvain over the whole view, seeded) or ``sector``; by default ``community``
        from :data:`COMMUNITY_COLOURS_FROM` nodes on, else ``kind``. Shapes always show the kind.
    size_by
        ``degree`` (in the lines drawn) or ``betweenness``; it also ranks the nodes for labels.
    focus, depth
        Keep only the nodes within ``depth`` steps of ``focus`` (a node IRI or label) and open with ``focus``
        and its direct ties highlighted, the rest dimmed.
    all_edges
        Draw every co-attendance tie, not only the backbone (see :func:`shown_network`).
    seed
        Seeds communities, sampled betweenness and the layout: the same input gives the same page.

    Returns
    -------
    str
        The HTML page; it loads nothing from any host.

    Raises
    ------
    NetworkError
        An unknown colouring or sizing, or a focus that is not in ``G``.

    Examples
    --------
    >>> G = nx.Graph([("a", "b")])
    >>> page = to_html(G, title="Two nodes")
    >>> "<title>Two nodes</title>" in page, "https://cdn" in page
    (True, False)
    """
    import pyvis
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    scene = _scene(G, color_by=color_by, size_by=size_by, focus=focus, depth=depth, all_edges=all_edges, seed=seed)
    large = len(scene.nodes) > SMOOTH_EDGES_MAX
    positions = {str(n): xy for n, xy in layout_positions(scene.graph, seed=seed).items()}
    scale = 45.0 * math.sqrt(len(scene.nodes))
    for node in scene.nodes:
        x, y = positions[node["id"]]
        node["x"], node["y"] = round(x * scale, 1), round(-y * scale, 1)  # the picture's y goes up, the page's down
    edges, tooltips = _edge_rows(scene)

    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    vis_dir = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return env.get_template("network.html").render(
        title=title or scene.title,
        view=scene.view,
        node_count=len(scene.nodes),
        edge_count=len(scene.edges),
        backbone=scene.backbone,
        date_range=scene.date_range,
        documents=scene.documents,
        focus=scene.focus,
        focus_id=scene.focus_id,
        color_by=scene.color_by,
        size_by=size_by,
        legend=scene.legend,
        kinds=scene.kinds,
        sectors=scene.sectors,
        max_strength=max((e["strength"] for e in scene.edges), default=0),
        nodes=scene.nodes,
        edges=edges,
        tooltips=tooltips,
        labels={"atFit": LABELS_AT_FIT, "must": LABELS_MUST, "rings": RINGS, "ringsMust": RINGS_MUST},
        options=_options(large, seed),
        relayout=_physics(),
        vis_js=Markup(_inline((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"), "script")),
        vis_css=Markup(_inline((vis_dir / "vis-network.css").read_text(encoding="utf-8"), "style")),
    )


def write_html(G: nx.Graph, path: str | os.PathLike[str], **options) -> None:
    """Write :func:`to_html` to ``path`` (UTF-8, atomically); ``options`` are :func:`to_html`'s keywords."""
    page = to_html(G, **options)
    with atomic_write(path, "wb") as out:
        out.write(page.encode("utf-8"))


def to_image(
    G: nx.Graph,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    title: str | None = None,
    color_by: str | None = None,
    size_by: str = "degree",
    focus: str | None = None,
    depth: int = 1,
    all_edges: bool = False,
    seed: int = 42,
) -> None:
    """Write a static picture of the same view (colours, shapes, sizes, layout seed) as SVG or PNG, for papers.

    It has a title (with the counts), a legend of colours and shapes, and labels for the most important
    nodes placed so that they do not overlap (:data:`LABELS_MUST` always, up to :data:`LABELS_AT_FIT`).
    With ``focus``, that node is ringed and what lies beyond its direct ties is dimmed.

    Parameters
    ----------
    G, title, color_by, size_by, focus, depth, all_edges, seed
        As for :func:`to_html`.
    path
        The file to write (atomically).
    fmt
        ``svg`` or ``png``; by default from the file's suffix.

    Raises
    ------
    NetworkError
        An unknown format, colouring or sizing, or a focus that is not in ``G``.
    """
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in IMAGE_FORMATS:
        raise NetworkError(f"{path}: cannot draw a picture as '{fmt}'; choose one of {', '.join(IMAGE_FORMATS)}")
    import io

    import matplotlib

    from jejaring.graph.views.picture import draw_scene

    scene = _scene(G, color_by=color_by, size_by=size_by, focus=focus, depth=depth, all_edges=all_edges, seed=seed)
    positions = {str(n): xy for n, xy in layout_positions(scene.graph, seed=seed).items()}
    fig = draw_scene(scene, positions, title=f"{title or scene.title}\n{_summary(scene)}", must=LABELS_MUST,
                     most=LABELS_AT_FIT)
    buf = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    with matplotlib.rc_context({"svg.hashsalt": f"jejaring-{seed}", "svg.fonttype": "none"}):
        fig.savefig(buf, format=fmt, metadata=metadata)
    with atomic_write(path, "wb") as out:
        out.write(buf.getvalue())


def layout_positions(G: nx.Graph, *, seed: int = 42, iterations: int = 60) -> dict:
    """Node positions in [-1, 1]², by a seeded Fruchterman-Reingold spring layout vectorised with numpy.

    networkx's ``spring_layout`` loops over nodes in Python above 500 nodes (about 20 s for 2,000 nodes on
    a small machine); this one takes about a second, and the same graph and seed give the same positions.
    A weak pull to the centre keeps small components and isolated nodes near the rest. Up to
    :data:`LAYOUT_EXACT_MAX` nodes every node pushes every other; above that, each step pushes every node
    away from a fresh seeded sample of :data:`LAYOUT_REPELLERS` nodes (their push scaled up to stand for all),
    so a step costs n times that rather than n² (10,000 nodes: seconds instead of most of a minute).

    Examples
    --------
    >>> pos = layout_positions(nx.path_graph(3), seed=1)
    >>> sorted(pos) == [0, 1, 2] and all(-1 <= c <= 1 for xy in pos.values() for c in xy)
    True
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    pairs = _edge_pairs(G, {v: i for i, v in enumerate(nodes)})
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2)) - 0.5).astype(np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    sample = n if n <= LAYOUT_EXACT_MAX else LAYOUT_REPELLERS
    push = k * k * np.float32(n / sample)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    chunk = max(1, 4_000_000 // sample)  # rows per block, so memory stays near 50 MB whatever n
    for _ in range(iterations):
        others = pos if sample == n else pos[rng.choice(n, sample, replace=False)]
        disp = np.zeros_like(pos)
        for lo in range(0, n, chunk):
            block = pos[lo:lo + chunk]
            dx = block[:, 0:1] - others[:, 0][None, :]
            dy = block[:, 1:2] - others[:, 1][None, :]
            w = dx * dx + dy * dy
            w += np.float32(1e-9)
            np.divide(push, w, out=w)  # a node's push on itself is 0: its dx and dy are 0
            disp[lo:lo + chunk, 0] = (dx * w).sum(axis=1)
            disp[lo:lo + chunk, 1] = (dy * w).sum(axis=1)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(pairs[:, 1], pull[:, axis], n) - np.bincount(pairs[:, 0], pull[:, axis], n)
        disp -= pos * np.float32(GRAVITY * k * math.sqrt(n))  # k·√n is 1: a pull that grows with distance
        length = np.sqrt((disp * disp).sum(axis=1))
        length[length < 1e-12] = 1e-12
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    pos /= extent
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def _edge_pairs(G: nx.Graph, index: dict) -> np.ndarray:
    """Each linked pair of distinct nodes once, as a row of two indexes (from the adjacency: parallel edges once)."""
    adj = G.to_undirected(as_view=True).adj if G.is_directed() else G.adj
    rows = np.array([(index[u], index[v]) for u, nbrs in adj.items() for v in nbrs], dtype=np.int64).reshape(-1, 2)
    return rows[rows[:, 0] < rows[:, 1]]


# -- the scene: what both the page and the picture show ------------------------------------------
@dataclass
class _Scene:
    graph: nx.Graph
    title: str
    view: str
    focus: str
    focus_id: str | None
    color_by: str
    backbone: str = ""
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    kinds: list[dict] = field(default_factory=list)
    sectors: list[dict] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    date_range: str = ""


def _scene(G: nx.Graph, *, color_by: str | None, size_by: str, focus: str | None, depth: int, all_edges: bool,
           seed: int) -> _Scene:
    if color_by is not None and color_by not in COLOR_BY:
        raise NetworkError(f"unknown colouring '{color_by}'; choose one of {', '.join(COLOR_BY)}")
    if size_by not in SIZE_BY:
        raise NetworkError(f"unknown sizing '{size_by}'; choose one of {', '.join(SIZE_BY)}")
    drawn = G if all_edges else backbone(G)
    shown = ego_network(drawn, focus, depth=depth) if focus is not None else drawn
    view = str(shown.graph.get("view", ""))
    focus_id = shown.graph["focus"] if focus is not None else None
    focus_label = str(shown.nodes[focus_id].get("label", focus_id)) if focus_id is not None else ""
    title = (f"{view.capitalize()} network" if view else "Network") + (f" around {focus_label}" if focus_label else "")
    color_by = color_by or ("community" if shown.number_of_nodes() >= COMMUNITY_COLOURS_FROM else "kind")
    scene = _Scene(shown, title, view, focus_label, None if focus_id is None else str(focus_id), color_by)
    ties = sum(1 for *_, r in G.edges(data="relation") if r == TIE)
    if ties and not all_edges:
        kept = sum(1 for *_, r in drawn.edges(data="relation") if r == TIE)
        scene.backbone = f"each agent's strongest co-attendance tie ({kept:,} of {ties:,} ties)"

    group = _groups(G, shown, color_by, seed)
    colors = _colors(color_by, sorted(set(group.values()), key=_group_order))
    values = _values(shown, size_by, seed)
    top = max(values.values(), default=0) or 1
    rank = {n: i for i, n in enumerate(sorted(shown, key=lambda n: (-values[n], str(shown.nodes[n].get("label", n)))))}
    for n, data in shown.nodes(data=True):
        label = str(data.get("label", n))
        kind = str(data.get("kind", "unknown"))
        scene.nodes.append({
            "id": str(n),
            "text": _shorten(label, LABEL_MAX),  # the label drawn; the search box and tooltip use the whole name
            "name": label,
            "title": _node_tooltip(n, data),
            "kind": kind,
            "shape": KIND_SHAPES.get(kind, "dot"),
            "sector": str(data.get("sector", "unknown")),
            "color": colors[group[n]],
            "size": round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(values[n] / top), 1),
            "rank": rank[n],
        })
    scene.edges = _merged_edges(shown)
    counts = Counter(group[n] for n in shown)
    scene.legend = [{"name": _group_name(color_by, g), "color": colors[g], "count": counts[g]}
                    for g in sorted(counts, key=_group_order)]
    for attr, target in (("kind", scene.kinds), ("sector", scene.sectors)):
        tally = Counter(n[attr] for n in scene.nodes)
        target.extend({"name": name, "count": tally[name]} for name in sorted(tally))
    for item in scene.kinds:
        item["shape"] = KIND_SHAPES.get(item["name"], "dot")
        item["symbol"] = _SYMBOLS[item["shape"]]
    docs = set(shown.graph.get("documents") or ())
    for _, d in shown.nodes(data="documents"):
        docs.update(d or ())
    scene.documents = sorted(map(str, docs))
    scene.date_range = _date_range(shown)
    return scene


def _groups(G: nx.Graph, shown: nx.Graph, color_by: str, seed: int) -> dict:
    """Each shown node's colour group; communities are found in the whole view ``G``, every tie counted."""
    if color_by == "community":
        return {n: i for i, c in enumerate(communities(G, seed=seed)) for n in c if n in shown}
    return {n: str(d.get(color_by, "unknown")) for n, d in shown.nodes(data=True)}


def _group_order(g) -> tuple:
    return (0, g, "") if isinstance(g, int) else (1, 0, str(g))


def _group_name(color_by: str, g) -> str:
    return f"community {g + 1}" if color_by == "community" else str(g)


def _colors(color_by: str, groups: list) -> dict:
    fixed = {"kind": KIND_COLORS, "sector": SECTOR_COLORS}.get(color_by, {})
    others = [g for g in groups if g not in fixed]
    spare = [c for c in PALETTE if c not in {fixed[g] for g in groups if g in fixed}] or list(PALETTE)
    colors = {g: fixed[g] for g in groups if g in fixed}
    colors.update({g: spare[i % len(spare)] for i, g in enumerate(others)})
    return colors


def _values(G: nx.Graph, size_by: str, seed: int) -> dict:
    """Each node's size measure: its degree in the lines drawn, or its betweenness."""
    if size_by == "betweenness":
        values, _ = node_centrality(G, "betweenness", seed=seed)
        return {n: values.get(n, 0) for n in G}
    return {n: len(set(G[n]) - {n}) for n in G}


def _merged_edges(G: nx.Graph) -> list[dict]:
    """One edge per pair of nodes, whatever the number of parallel edges: its relations described (a relation
    of one kind and role once, with all its periods), its tie strength, whether anything but ties links it."""
    merged: dict[tuple[str, str], list[dict]] = {}
    for u, v, data in G.edges(data=True):
        if u != v:
            pair = (str(v), str(u)) if (str(v), str(u)) in merged else (str(u), str(v))
            merged.setdefault(pair, []).append(data)
    described: dict[str, str] = {}  # the co-attendance edges of one event say the same: described once
    edges = []
    for (u, v), items in merged.items():
        weight = sum(float(d.get("weight", 1) or 1) for d in items)
        grouped = _grouped(items)
        relations = []
        for d in grouped[:EDGE_RELATIONS_MAX]:
            key = repr([d.get(f) for f in _EDGE_FIELDS])
            relations.append(described.get(key) or described.setdefault(key, _edge_tooltip(d)))
        if len(grouped) > EDGE_RELATIONS_MAX:
            relations.append(f"… and {len(grouped) - EDGE_RELATIONS_MAX} more relations")
        edges.append({"from": u, "to": v, "width": round(min(8.0, 1.0 + math.log2(weight)), 2),
                      "strength": round(sum(float(d.get("weight", 1) or 1) for d in items if d.get("relation") == TIE), 2),
                      "fixed": any(d.get("relation") != TIE for d in items), "relations": relations})
    return edges


def _grouped(items: list[dict]) -> list[dict]:
    """Parallel relations of one kind and role as one, with every period: a post held twice is listed once."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for d in items:
        groups.setdefault((str(d.get("relation", "link")), str(d.get("role") or "")), []).append(d)
    out = []
    for (relation, role), ds in groups.items():
        if len(ds) == 1:
            out.append(ds[0])
            continue
        periods = sorted({(str(d.get("start") or ""), str(d.get("end") or "")) for d in ds} - {("", "")})
        out.append({
            "relation": relation, "role": role, "periods": periods,
            "weight": sum(d.get("weight", 1) or 1 for d in ds) if any(d.get("weight", 1) not in (1, None) for d in ds) else 1,
            "events": list(dict.fromkeys(e for d in ds for e in d.get("events") or ())),
            "documents": sorted({doc for d in ds for doc in d.get("documents") or ()}),
            "quotes": list(dict.fromkeys(q for d in ds for q in d.get("quotes") or ())),
        })
    return out


def _edge_rows(scene: _Scene) -> tuple[list[list], list[str]]:
    """The page's edges as ``[from, to, width, strength, fixed, tooltip, ...]`` rows (``fixed`` is 1 when a
    relation other than co-attendance links the pair: the strength slider never hides it), and the distinct
    tooltips they index."""
    index = {n["id"]: i for i, n in enumerate(scene.nodes)}
    tooltips: dict[str, int] = {}
    rows = [[index[e["from"]], index[e["to"]], e["width"], e["strength"], int(e["fixed"]),
             *(tooltips.setdefault(t, len(tooltips)) for t in e["relations"])]
            for e in scene.edges]
    return rows, list(tooltips)


#: The edge attributes :func:`_edge_tooltip` reads.
_EDGE_FIELDS = ("relation", "role", "start", "end", "periods", "weight", "events", "documents", "quotes")


def _node_tooltip(n, data: dict) -> str:
    """Plain text: vis-network puts a string tooltip in with innerText, so no markup is ever interpreted."""
    lines = [str(data.get("label", n)), f"{data.get('kind', 'unknown')} · sector: {data.get('sector', 'unknown')}"]
    start, end = str(data.get("start") or ""), str(data.get("end") or "")
    if start or end:
        lines.append(f"date: {_period(start, end)}")
    for key, heading in (("posts", "posts"), ("organisations", "organisations"), ("documents", "sources"),
                         ("quotes", "evidence")):
        values = [str(x) for x in data.get(key) or ()]
        if values:
            lines.append(f"{heading}:")
            lines += [f"  • {_cut(x, 200)}" for x in values[:8]]
            if len(values) > 8:
                lines.append(f"  … and {len(values) - 8} more")
    lines.append(str(data.get("iri", n)))
    return "\n".join(lines)


def _edge_tooltip(data: dict) -> str:
    relation = str(data.get("relation", "link"))
    role = str(data.get("role") or "")
    lines = [f"{relation}: {role}" if role else relation]
    start, end = str(data.get("start") or ""), str(data.get("end") or "")
    periods = data.get("periods") or ([(start, end)] if start or end else [])
    if periods:
        lines.append(f"date{'s' if len(periods) > 1 else ''}: {'; '.join(_period(*p) for p in periods)}")
    if data.get("weight", 1) not in (1, None):
        lines.append(f"weight: {data['weight']}")
    events = [str(x) for x in data.get("events") or ()]
    if events:
        lines.append("events: " + "; ".join(_cut(e, 80) for e in events[:5]) + (" …" if len(events) > 5 else ""))
    docs = [str(x) for x in data.get("documents") or ()]
    if docs:
        lines.append("sources: " + ", ".join(docs[:5]) + (" …" if len(docs) > 5 else ""))
    lines += [f"  • {_cut(str(q), 200)}" for q in (data.get("quotes") or ())[:3]]
    return "\n".join(lines)


def _date_range(G: nx.Graph) -> str:
    dates = [str(d)[:10] for _, d in G.nodes(data="start") if d] + [str(d)[:10] for _, d in G.nodes(data="end") if d]
    for *_, data in G.edges(data=True):
        dates += [str(data[key])[:10] for key in ("start", "end") if data.get(key)]
    return _period(min(dates), max(dates)) if dates else ""


def _summary(scene: _Scene) -> str:
    parts = [f"{len(scene.nodes)} nodes", f"{len(scene.edges)} edges"]
    if scene.date_range:
        parts.append(scene.date_range)
    if scene.documents:
        parts.append(f"{len(scene.documents)} source documents")
    return " · ".join(parts)


def _options(large: bool, seed: int) -> dict:
    options = {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": not large},
        "nodes": {"borderWidth": 1},  # no vis-network labels: the page draws its own (see the module's doc)
        "edges": {"color": {"color": "#c4c4c4", "highlight": "#444444", "hover": "#444444"},
                  "smooth": False if large else {"type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "physics": {"enabled": False},  # laid out by layout_positions, as the picture
    }
    return options


def _physics() -> dict:
    """vis-network's physics for a layout in the page (also the one re-run when filters hide most nodes)."""
    return {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.3, "springLength": 170,
                      "springConstant": 0.04, "damping": 0.35, "avoidOverlap": 0.2},
        "minVelocity": 1.0,
    }


def _inline(text: str, tag: str) -> str:
    """Library code to inline in a ``<script>`` or ``<style>``: it must not close that element early."""
    if f"</{tag}" in text.lower():
        raise NetworkError(f"the bundled vis-network {tag} contains '</{tag}' and cannot be inlined")
    return text


def _period(start: str, end: str) -> str:
    if start and start == end:
        return start
    return f"{start or '…'} – {end or '…'}"


def _shorten(text: str, width: int) -> str:
    """``text`` cut in the middle, at spaces where it can, to at most ``width`` characters.

    >>> _shorten("Badan Perencanaan Pembangunan Daerah Kota Palembang", 36)
    'Badan Perencanaan … Kota Palembang'
    """
    if len(text) <= width:
        return text
    tail = _words(text[::-1], (width - 3) // 2)[::-1]
    head = _words(text, width - 3 - len(tail))
    return f"{head} … {tail}"


def _words(text: str, width: int) -> str:
    """The longest run of whole words that ``text`` starts with, at most ``width`` long (else a hard cut)."""
    cut = text[: width + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[1:] else cut[:width]).strip()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
