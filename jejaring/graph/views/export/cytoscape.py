"""Cytoscape.js JSON export, also read by Cytoscape desktop (File › Import › Network from File, ``.cyjs``).

The layout follows networkx's :func:`~networkx.readwrite.json_graph.cytoscape_data` (``data``, ``directed``,
``multigraph``, ``elements``), with the stable ids of :mod:`jejaring.graph.views.export._network` instead of
networkx's node keys: every node's ``data`` has ``id``, ``name`` (its label, the column Cytoscape desktop
labels nodes with), ``label`` and the node attributes; every edge's ``data`` has ``id``, ``source``,
``target`` and the edge attributes. Lists stay JSON arrays.
"""

from __future__ import annotations

import json
import os

import networkx as nx

from jejaring.graph.views.export._network import edge_table, node_table, write_chunks

__all__ = ["to_cytoscape", "write_cytoscape"]


def to_cytoscape(G: nx.Graph) -> dict:
    """The network view ``G`` as Cytoscape.js JSON.

    Parameters
    ----------
    G
        A network view (:func:`jejaring.graph.views.project.project`).

    Returns
    -------
    dict
        ``{"data": {...}, "directed": ..., "multigraph": ..., "elements": {"nodes": [...], "edges": [...]}}``,
        nodes and edges sorted by id.

    Examples
    --------
    >>> G = nx.Graph(view="demo")
    >>> G.add_edge("https://w3id.org/jejaring/id/person/a", "https://w3id.org/jejaring/id/person/b",
    ...            relation="co-attendance", weight=1, documents=["x.txt"])
    >>> doc = to_cytoscape(G)
    >>> doc["elements"]["edges"][0]["data"]["source"], doc["elements"]["edges"][0]["data"]["documents"]
    ('person/a', ['x.txt'])
    """
    nodes, edges = node_table(G), edge_table(G)
    node_items = []
    for nid, _, _, data in nodes.rows:
        label = str(data.get("label") or nid)
        node_items.append({"data": {"id": nid, "name": label, **_plain(data), "label": label}})
    edge_items = [{"data": {"id": eid, "source": source, "target": target, **_plain(data)}}
                  for eid, source, target, data in edges.rows]
    return {
        "data": _plain(G.graph),
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "elements": {"nodes": node_items, "edges": edge_items},
    }


def write_cytoscape(G: nx.Graph, path: str | os.PathLike[str] | None = None) -> None:
    """Write :func:`to_cytoscape` as indented JSON to ``path`` atomically (standard output when ``path`` is None)."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    write_chunks([*encoder.iterencode(to_cytoscape(G)), "\n"], path)


def _plain(data: dict) -> dict:
    """Attributes as JSON values (sets sorted, other objects as text), reserved keys left out."""
    out = {}
    for name, value in data.items():
        if name in ("id", "source", "target", "name"):
            continue
        if isinstance(value, set | frozenset):
            value = sorted(map(str, value))
        elif isinstance(value, tuple):
            value = list(value)
        elif value is not None and not isinstance(value, str | int | float | bool | list | dict):
            value = str(value)
        out[name] = value
    return out
