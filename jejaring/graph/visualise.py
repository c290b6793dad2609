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

Up to :data:`PHYSICS_MAX_NODES` nodes, vis-network's physics lays the network out in the browser and stops
once stable; above that, positions are computed in Python (:func:`layout_positions`, seeded) and physics is
off, so a network of thousands of nodes opens at once, fitted to the window.
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
from jejaring.graph.analysis import communities, node_centrality
from jejaring.graph.project import ego_network
from jejaring.graph.store import atomic_write

__all__ = [
    "COLOR_BY",
    "EDGE_RELATIONS_MAX",
    "IMAGE_FORMATS",
    "KIND_COLORS",
    "LAYOUT_EXACT_MAX",
    "LAYOUT_REPELLERS",
    "PHYSICS_MAX_NODES",
    "SECTOR_COLORS",
    "SIZE_BY",
    "layout_positions",
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
#: Above this many nodes, positions are computed in Python and the browser's physics is off.
PHYSICS_MAX_NODES = 300

KIND_COLORS = {
    "person": "#4e79a7", "organisation": "#f28e2b", "event": "#59a14f", "lesson": "#e15759",
    "city": "#76b7b2", "country": "#5f9e99", "area": "#9dcdc9", "programme": "#edc948",
    "membership": "#b07aa1", "statement": "#ff9da7", "post": "#9c755f",
}
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
#: Longer names are cut on the canvas (the tooltip and the search box have them whole).
LABEL_MAX = 48
#: Up to this many nodes, :func:`layout_positions` computes every pair's push; above, a sample's.
LAYOUT_EXACT_MAX = 1000
#: How many nodes push the others at each step of a layout above :data:`LAYOUT_EXACT_MAX` nodes.
LAYOUT_REPELLERS = 250
#: The pull towards the centre in :func:`layout_positions`, against repulsion.
GRAVITY = 2.0


# -- public API ----------------------------------------------------------------------------------
def to_html(
    G: nx.Graph,
    *,
    title: str | None = None,
    color_by: str = "kind",
    size_by: str = "degree",
    focus: str | None = None,
    depth: int = 1,
    seed: int = 42,
) -> str:
    """The network view as one self-contained HTML page.

    Parameters
    ----------
    G
        A network view (see :func:`jejaring.graph.project.project`); nodes may carry ``label``, ``kind``,
        ``sector``, ``posts``, ``organisations``, ``documents``, ``quotes``, ``start``/``end``; edges
        ``relation``, ``start``/``end``, ``documents``, ``weight``.
    title
        The page title; by default from the view's name.
    color_by
        ``kind``, ``community`` (Louvain, seeded) or ``sector``.
    size_by
        ``degree`` or ``betweenness``.
    focus, depth
        Keep only the nodes within ``depth`` steps of ``focus`` (a node IRI or label).
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

    scene = _scene(G, color_by=color_by, size_by=size_by, focus=focus, depth=depth, seed=seed)
    large = len(scene.nodes) > PHYSICS_MAX_NODES
    if large:
        positions = {str(n): xy for n, xy in layout_positions(scene.graph, seed=seed).items()}
        scale = 45.0 * math.sqrt(len(scene.nodes))
        for node in scene.nodes:
            x, y = positions[node["id"]]
            node["x"], node["y"] = round(x * scale, 1), round(y * scale, 1)
    edges, tooltips = _edge_rows(scene)

    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    vis_dir = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return env.get_template("network.html").render(
        title=title or scene.title,
        view=scene.view,
        node_count=len(scene.nodes),
        edge_count=scene.graph.number_of_edges(),
        date_range=scene.date_range,
        documents=scene.documents,
        focus=scene.focus,
        color_by=color_by,
        size_by=size_by,
        legend=scene.legend,
        kinds=scene.kinds,
        sectors=scene.sectors,
        nodes=scene.nodes,
        edges=edges,
        tooltips=tooltips,
        options=_options(large, seed),
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
    color_by: str = "kind",
    size_by: str = "degree",
    focus: str | None = None,
    depth: int = 1,
    seed: int = 42,
) -> None:
    """Write a static picture of the same view (colours, sizes, layout seed) as SVG or PNG, for papers.

    Parameters
    ----------
    G, title, color_by, size_by, focus, depth, seed
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
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    scene = _scene(G, color_by=color_by, size_by=size_by, focus=focus, depth=depth, seed=seed)
    positions = {str(n): xy for n, xy in layout_positions(scene.graph, seed=seed).items()}
    fig = Figure(figsize=(12, 9), dpi=150, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(f"{title or scene.title}\n{_summary(scene)}", fontsize=11)
    segments = [(positions[e["from"]], positions[e["to"]]) for e in scene.edges]
    ax.add_collection(LineCollection(segments, colors="#b8b8b8", linewidths=0.6, zorder=1))
    if scene.nodes:
        xy = np.array([positions[n["id"]] for n in scene.nodes])
        ax.scatter(xy[:, 0], xy[:, 1], s=[(n["size"] * 0.6) ** 2 for n in scene.nodes],
                   c=[n["color"] for n in scene.nodes], edgecolors="white", linewidths=0.5, zorder=2)
        for n in sorted(scene.nodes, key=lambda n: (-n["size"], n["name"]))[:30]:
            x, y = positions[n["id"]]
            ax.annotate(_cut(n["name"], 40), (x, y), fontsize=7, ha="center", va="bottom",
                        xytext=(0, n["size"] * 0.35 + 2), textcoords="offset points", zorder=3)
        ax.margins(0.08)
        ax.set_aspect("equal", adjustable="datalim")
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=item["color"],
                      label=f"{_cut(item['name'], 30)} ({item['count']})") for item in scene.legend[:20]]
    if handles:
        ax.legend(handles=handles, title=color_by, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                  frameon=False)
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
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    kinds: list[dict] = field(default_factory=list)
    sectors: list[dict] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    date_range: str = ""


def _scene(G: nx.Graph, *, color_by: str, size_by: str, focus: str | None, depth: int, seed: int) -> _Scene:
    if color_by not in COLOR_BY:
        raise NetworkError(f"unknown colouring '{color_by}'; choose one of {', '.join(COLOR_BY)}")
    if size_by not in SIZE_BY:
        raise NetworkError(f"unknown sizing '{size_by}'; choose one of {', '.join(SIZE_BY)}")
    if focus is not None:
        G = ego_network(G, focus, depth=depth)
    view = str(G.graph.get("view", ""))
    focus_label = str(G.nodes[G.graph["focus"]].get("label", G.graph["focus"])) if focus is not None else ""
    title = (f"{view.capitalize()} network" if view else "Network") + (f" around {focus_label}" if focus_label else "")
    scene = _Scene(G, title, view, focus_label)

    group = _groups(G, color_by, seed)
    colors = _colors(color_by, sorted(set(group.values()), key=_group_order))
    sizes = _sizes(G, size_by, seed)
    for n, data in G.nodes(data=True):
        label = str(data.get("label", n))
        scene.nodes.append({
            "id": str(n),
            "label": _cut(label, LABEL_MAX),  # on the canvas; the search box and tooltip use the whole name
            "name": label,
            "title": _node_tooltip(n, data),
            "kind": str(data.get("kind", "unknown")),
            "sector": str(data.get("sector", "unknown")),
            "color": colors[group[n]],
            "size": sizes[n],
        })
    scene.edges = _merged_edges(G)
    counts = Counter(group.values())
    scene.legend = [{"name": _group_name(color_by, g), "color": colors[g], "count": counts[g]}
                    for g in sorted(counts, key=_group_order)]
    for attr, target in (("kind", scene.kinds), ("sector", scene.sectors)):
        tally = Counter(n[attr] for n in scene.nodes)
        target.extend({"name": name, "count": tally[name]} for name in sorted(tally))
    docs = set(G.graph.get("documents") or ())
    for _, d in G.nodes(data="documents"):
        docs.update(d or ())
    scene.documents = sorted(map(str, docs))
    scene.date_range = _date_range(G)
    return scene


def _groups(G: nx.Graph, color_by: str, seed: int) -> dict:
    if color_by == "community":
        return {n: i for i, c in enumerate(communities(G, seed=seed)) for n in c}
    return {n: str(d.get(color_by, "unknown")) for n, d in G.nodes(data=True)}


def _group_order(g) -> tuple:
    return (0, g, "") if isinstance(g, int) else (1, 0, str(g))


def _group_name(color_by: str, g) -> str:
    return f"community {g}" if color_by == "community" else str(g)


def _colors(color_by: str, groups: list) -> dict:
    fixed = {"kind": KIND_COLORS, "sector": SECTOR_COLORS}.get(color_by, {})
    others = [g for g in groups if g not in fixed]
    spare = [c for c in PALETTE if c not in {fixed[g] for g in groups if g in fixed}] or list(PALETTE)
    colors = {g: fixed[g] for g in groups if g in fixed}
    colors.update({g: spare[i % len(spare)] for i, g in enumerate(others)})
    return colors


def _sizes(G: nx.Graph, size_by: str, seed: int) -> dict:
    if size_by == "betweenness":
        values, _ = node_centrality(G, "betweenness", seed=seed)
    else:
        values = {n: len(set(G[n]) - {n}) for n in G}
    top = max(values.values(), default=0) or 1
    return {n: round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(values.get(n, 0) / top), 1) for n in G}


def _merged_edges(G: nx.Graph) -> list[dict]:
    """One edge per pair of nodes, whatever the number of parallel edges, with each relation's description."""
    merged: dict[tuple[str, str], list[dict]] = {}
    for u, v, data in G.edges(data=True):
        if u != v:
            merged.setdefault((str(u), str(v)), []).append(data)
    described: dict[tuple, str] = {}  # the co-attendance edges of one event say the same: described once
    edges = []
    for (u, v), items in merged.items():
        weight = sum(float(d.get("weight", 1) or 1) for d in items)
        relations = []
        for d in items[:EDGE_RELATIONS_MAX]:
            key = tuple(tuple(x) if isinstance(x := d.get(f), list) else x for f in _EDGE_FIELDS)
            relations.append(described.get(key) or described.setdefault(key, _edge_tooltip(d)))
        if len(items) > EDGE_RELATIONS_MAX:
            relations.append(f"… and {len(items) - EDGE_RELATIONS_MAX} more relations")
        edges.append({"from": u, "to": v, "width": round(min(8.0, 1.0 + math.log2(weight)), 2),
                      "relations": relations})
    return edges


def _edge_rows(scene: _Scene) -> tuple[list[list], list[str]]:
    """The page's edges as ``[from, to, width, tooltip, ...]`` rows, and the distinct tooltips they index."""
    index = {n["id"]: i for i, n in enumerate(scene.nodes)}
    tooltips: dict[str, int] = {}
    rows = [[index[e["from"]], index[e["to"]], e["width"], *(tooltips.setdefault(t, len(tooltips)) for t in e["relations"])]
            for e in scene.edges]
    return rows, list(tooltips)


#: The edge attributes :func:`_edge_tooltip` reads.
_EDGE_FIELDS = ("relation", "role", "start", "end", "weight", "events", "documents", "quotes")


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
    if start or end:
        lines.append(f"date: {_period(start, end)}")
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
    parts = [f"{len(scene.nodes)} nodes", f"{scene.graph.number_of_edges()} edges"]
    if scene.date_range:
        parts.append(scene.date_range)
    if scene.documents:
        parts.append(f"{len(scene.documents)} source documents")
    return " · ".join(parts)


def _options(large: bool, seed: int) -> dict:
    options = {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": not large},
        "nodes": {"shape": "dot", "borderWidth": 1, "widthConstraint": {"maximum": 180},
                  "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"color": {"color": "#c4c4c4", "highlight": "#444444", "hover": "#444444"},
                  "smooth": False if large else {"type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
    }
    if large:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.3, "springLength": 170,
                          "springConstant": 0.04, "damping": 0.35, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        }
    return options


def _inline(text: str, tag: str) -> str:
    """Library code to inline in a ``<script>`` or ``<style>``: it must not close that element early."""
    if f"</{tag}" in text.lower():
        raise NetworkError(f"the bundled vis-network {tag} contains '</{tag}' and cannot be inlined")
    return text


def _period(start: str, end: str) -> str:
    if start and start == end:
        return start
    return f"{start or '…'} – {end or '…'}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
