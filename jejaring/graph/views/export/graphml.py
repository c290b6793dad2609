"""GraphML export for Gephi, yEd, Cytoscape and igraph: every ``<key>`` declares ``for=`` and ``attr.type``.

Numbers are ``int``/``double``, flags ``boolean``, everything else ``string``; lists (posts, documents,
quotes ...) are joined with ``|`` (:data:`~jejaring.graph.views.export._network.LIST_SEPARATOR`). Empty values are
left out. Node and edge ids are the stable ids of :mod:`jejaring.graph.views.export._network` (readers use them
as names; strict GraphML would want XML name tokens, which IRIs are not, and no reader we know checks).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import networkx as nx

from jejaring.graph.views.export._network import Column, batched_text, cell, edge_table, node_table, write_chunks
from jejaring.graph.views.export._xml import attr, text

__all__ = ["GRAPHML_TYPES", "to_graphml", "write_graphml"]

#: Column types to GraphML ``attr.type`` values.
GRAPHML_TYPES = {"str": "string", "list": "string", "int": "int", "float": "double", "bool": "boolean"}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
         'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_GRAPH_COLUMNS = (Column("view", "str"), Column("since", "str"), Column("until", "str"), Column("documents", "list"))


def to_graphml(G: nx.Graph) -> str:
    """The network view ``G`` as a GraphML document.

    Parameters
    ----------
    G
        A network view (:func:`jejaring.graph.views.project.project`).

    Returns
    -------
    str
        The GraphML text, nodes and edges sorted by id.

    Examples
    --------
    >>> G = nx.Graph(view="demo")
    >>> G.add_node("https://w3id.org/jejaring/id/person/a", label="A", kind="person")
    >>> G.add_node("https://w3id.org/jejaring/id/person/b", label="B", kind="person")
    >>> G.add_edge(*G.nodes, relation="knows", weight=2)
    >>> doc = to_graphml(G)
    >>> '<key id="e_weight" for="edge" attr.name="weight" attr.type="int"/>' in doc
    True
    >>> '<edge id="person/a|knows|person/b" source="person/a" target="person/b">' in doc
    True
    """
    return "".join(_chunks(G))


def write_graphml(G: nx.Graph, path: str | os.PathLike[str] | None = None) -> None:
    """Write :func:`to_graphml` to ``path`` atomically, streamed (standard output when ``path`` is None)."""
    write_chunks(_chunks(G), path)


def _chunks(G: nx.Graph) -> Iterator[str]:
    nodes, edges = node_table(G), edge_table(G)
    graph_columns = list(_GRAPH_COLUMNS)
    keys = {("graph", c.name): f"g_{_token(c.name)}" for c in graph_columns}
    keys |= {("node", c.name): f"n_{_token(c.name)}" for c in nodes.columns}
    keys |= {("edge", c.name): f"e_{_token(c.name)}" for c in edges.columns}
    yield _HEAD
    for scope, columns in (("graph", graph_columns), ("node", nodes.columns), ("edge", edges.columns)):
        for c in columns:
            yield (f'  <key id={attr(keys[(scope, c.name)])} for="{scope}" attr.name={attr(c.name)} '
                   f'attr.type="{GRAPHML_TYPES[c.type]}"/>\n')
    view = str(G.graph.get("view") or "network")
    yield f"  <graph id={attr(view)} edgedefault=\"{'directed' if G.is_directed() else 'undirected'}\">\n"
    yield from _data("    ", "graph", graph_columns, G.graph, keys)

    def lines() -> Iterator[str]:
        for nid, _, _, data in nodes.rows:
            yield f"    <node id={attr(nid)}>\n"
            yield from _data("      ", "node", nodes.columns, data, keys)
            yield "    </node>\n"
        for eid, source, target, data in edges.rows:
            yield f"    <edge id={attr(eid)} source={attr(source)} target={attr(target)}>\n"
            yield from _data("      ", "edge", edges.columns, data, keys)
            yield "    </edge>\n"

    yield from batched_text(lines())
    yield "  </graph>\n</graphml>\n"


def _data(indent: str, scope: str, columns: list[Column], data: dict, keys: dict) -> Iterator[str]:
    for c in columns:
        value = cell(data.get(c.name), c.type)
        if value != "":
            yield f"{indent}<data key={attr(keys[(scope, c.name)])}>{text(value)}</data>\n"


def _token(name: str) -> str:
    return re.sub(r"[^\w.-]", "_", name)
