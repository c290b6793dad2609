"""GEXF 1.3 export for Gephi: typed attributes, colours and sizes, and time spells for the timeline.

Written here rather than with networkx, whose writer defaults to GEXF 1.2draft. The graph is
``mode="dynamic"`` with ``timeformat="date"``: an event node and every dated edge (a membership's period,
the dates of the events two agents attended together, a participation's event) carry a ``<spell>``, so
Gephi's timeline plays the network over the years; undated nodes and edges are present all the time.
Years and months are widened to whole days (``2019`` starts on 2019-01-01 and ends on 2019-12-31); an open
period keeps only its known bound. Readers that skip spells get the same period twice more: as the element's
``start``/``end`` (GEXF's other way of giving one period; Gephi reads the spell) and as the ``start``/``end``
attribute values, which graphology-gexf (Gephi Lite) reads.

Nodes are coloured with the network view's palette (:mod:`jejaring.graph.views.visualise`) by ``kind`` or
``sector``, and sized by degree (8 to 32). Edges carry their relation as ``label`` and their ``weight``.
Gephi merges parallel edges of one ``kind`` on import, so each edge's ``kind`` is its relation followed by
what tells it from other edges of that relation between the same nodes (``membership|membership/0f3a...``
for a second post in one organisation; :func:`~jejaring.graph.views.export._network.edge_kind`). Edges go the way
their relation does (:mod:`jejaring.graph.views.export._network`) in an undirected graph. Lists are joined with
``|``, as in the other network exports.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator

import networkx as nx

from jejaring import __version__
from jejaring.errors import NetworkError
from jejaring.graph.views.export._network import (
    Column,
    batched_text,
    cell,
    edge_kind,
    edge_table,
    node_id,
    node_table,
    pad_date,
    write_chunks,
)
from jejaring.graph.views.export._xml import attr, text, token
from jejaring.graph.views.visualise import KIND_COLORS, PALETTE, SECTOR_COLORS

__all__ = ["GEXF_TYPES", "to_gexf", "write_gexf"]

#: Column types to GEXF attribute types.
GEXF_TYPES = {"str": "string", "list": "string", "int": "integer", "float": "double", "bool": "boolean"}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n')
_MIN_SIZE, _MAX_SIZE = 8.0, 32.0
_NATIVE = {"node": {"label"}, "edge": {"weight"}}  # written as GEXF's own attributes, not as attvalues


def to_gexf(G: nx.Graph, *, color_by: str = "kind") -> str:
    """The network view ``G`` as a GEXF 1.3 document with spells, colours and sizes.

    Parameters
    ----------
    G
        A network view (:func:`jejaring.graph.views.project.project`).
    color_by
        ``kind`` or ``sector``: which palette of the network view colours the nodes.

    Returns
    -------
    str
        The GEXF text, nodes and edges sorted by id.

    Raises
    ------
    NetworkError
        An unknown ``color_by``.

    Examples
    --------
    >>> G = nx.Graph(view="demo")
    >>> G.add_node("https://w3id.org/jejaring/id/event/e", label="Visit", kind="event", start="2018-03", end="2018-03")
    >>> doc = to_gexf(G)
    >>> 'version="1.3"' in doc, '<spell start="2018-03-01" end="2018-03-31"/>' in doc
    (True, True)
    """
    return "".join(_chunks(G, color_by))


def write_gexf(G: nx.Graph, path: str | os.PathLike[str] | None = None, *, color_by: str = "kind") -> None:
    """Write :func:`to_gexf` to ``path`` atomically, streamed (standard output when ``path`` is None)."""
    write_chunks(_chunks(G, color_by), path)


def _chunks(G: nx.Graph, color_by: str) -> Iterator[str]:
    if color_by not in ("kind", "sector"):
        raise NetworkError(f"unknown colouring '{color_by}'; choose kind or sector")
    nodes, edges = node_table(G), edge_table(G)
    node_columns = [c for c in nodes.columns if c.name not in _NATIVE["node"]]
    edge_columns = [c for c in edges.columns if c.name not in _NATIVE["edge"]]
    colors = _colors(G, color_by)
    sizes = _sizes(G)
    view = str(G.graph.get("view") or "network")
    yield _HEAD
    yield (f"  <meta>\n    <creator>jejaring {text(__version__)}</creator>\n"
           f"    <description>The {text(view)} network of a jejaring knowledge graph</description>\n  </meta>\n")
    kind = "directed" if G.is_directed() else "undirected"
    yield f'  <graph defaultedgetype="{kind}" mode="dynamic" timeformat="date">\n'
    for scope, columns in (("node", node_columns), ("edge", edge_columns)):
        yield f'    <attributes class="{scope}">\n'
        for c in columns:
            type_ = "anyURI" if c.name == "iri" else GEXF_TYPES[c.type]
            yield f"      <attribute id={attr(c.name)} title={attr(c.name)} type=\"{type_}\"/>\n"
        yield "    </attributes>\n"

    def lines() -> Iterator[str]:
        yield "    <nodes>\n"
        for nid, _, _, data in nodes.rows:
            start, end = _period(data)
            yield f"      <node id={attr(nid)} label={attr(token(data.get('label') or nid))}{_bounds(start, end)}>\n"
            yield from _attvalues(node_columns, {**data, "start": start, "end": end})
            yield from _spells(start, end)
            r, g, b = colors[nid]
            yield f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>\n'
            yield f'        <viz:size value="{sizes[nid]}"/>\n'
            yield "      </node>\n"
        yield "    </nodes>\n    <edges>\n"
        for row in edges.rows:
            eid, source, target, data = row
            weight = float(data.get("weight", 1) or 1)
            start, end = _period(data)
            yield (f"      <edge id={attr(eid)} source={attr(source)} target={attr(target)} "
                   f"label={attr(token(data.get('relation') or ''))} kind={attr(token(edge_kind(row)))} "
                   f"weight=\"{weight!r}\"{_bounds(start, end)}>\n")
            yield from _attvalues(edge_columns, {**data, "start": start, "end": end})
            yield from _spells(start, end)
            yield "      </edge>\n"
        yield "    </edges>\n"

    yield from batched_text(lines())
    yield "  </graph>\n</gexf>\n"


def _attvalues(columns: list[Column], data: dict) -> Iterator[str]:
    values = [(c.name, cell(data.get(c.name), c.type)) for c in columns]
    values = [(name, value) for name, value in values if value != ""]
    if values:
        yield "        <attvalues>\n"
        for name, value in values:
            yield f"          <attvalue for={attr(name)} value={attr(value)}/>\n"
        yield "        </attvalues>\n"


def _period(data: dict) -> tuple[str, str]:
    """The element's period as whole days ("" for an unknown bound)."""
    start, end = pad_date(data.get("start") or "", low=True), pad_date(data.get("end") or "", low=False)
    if start and end and end < start:  # sources disagree: keep the period both dates span
        start, end = pad_date(data.get("end") or "", low=True), pad_date(data.get("start") or "", low=False)
    return start, end


def _bounds(start: str, end: str) -> str:
    """`` start="..." end="..."`` for the known bounds."""
    return "".join(f" {name}={attr(value)}" for name, value in (("start", start), ("end", end)) if value)


def _spells(start: str, end: str) -> Iterator[str]:
    if start or end:
        yield f"        <spells>\n          <spell{_bounds(start, end)}/>\n        </spells>\n"


def _colors(G: nx.Graph, color_by: str) -> dict[str, tuple[int, int, int]]:
    """Each node's colour from the network view's palette; groups without a fixed colour take spare ones."""
    fixed = KIND_COLORS if color_by == "kind" else SECTOR_COLORS
    group = {node_id(n): str(d.get(color_by) or "unknown") for n, d in G.nodes(data=True)}
    others = sorted({g for g in group.values() if g not in fixed})
    spare = [c for c in PALETTE if c not in fixed.values()] or list(PALETTE)
    palette = {**fixed, **{g: spare[i % len(spare)] for i, g in enumerate(others)}}
    return {n: _rgb(palette[g]) for n, g in group.items()}


def _sizes(G: nx.Graph) -> dict[str, float]:
    degree = {node_id(n): len(set(G[n]) - {n}) for n in G}
    top = max(degree.values(), default=0) or 1
    return {n: round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(d / top), 1) for n, d in degree.items()}


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
