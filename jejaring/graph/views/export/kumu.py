"""Kumu JSON blueprint export: ``{"elements": [...], "connections": [...]}`` with stable ids.

Every element and connection has an ``id`` (Kumu matches on it, so importing a newer export into the same
map updates the elements instead of adding copies; ids are unique across elements and connections), a
``label``, a ``type`` (the node's kind, the edge's relation), a Markdown ``description`` (posts,
organisations, sources, quoted evidence) and ``tags`` (the sector). The other attributes are custom fields
(lists joined with ``|``, Kumu's separator of multiple values); connections are ``undirected``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

import networkx as nx

from jejaring.graph.views.export._network import cell, edge_table, node_table, write_chunks

__all__ = ["to_kumu", "write_kumu"]

_ELEMENT_CORE = {"label", "kind"}
_CONNECTION_CORE = {"relation"}


def to_kumu(G: nx.Graph) -> dict:
    """The network view ``G`` as a Kumu blueprint.

    Parameters
    ----------
    G
        A network view (:func:`jejaring.graph.views.project.project`).

    Returns
    -------
    dict
        ``{"elements": [...], "connections": [...]}``, each sorted by id.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("https://w3id.org/jejaring/id/person/a", label="A", kind="person", sector="government")
    >>> G.add_node("https://w3id.org/jejaring/id/organisation/b", label="B", kind="organisation")
    >>> G.add_edge(*G.nodes, relation="membership", role="Kepala", weight=1)
    >>> blueprint = to_kumu(G)
    >>> [(e["id"], e["type"], e["tags"]) for e in blueprint["elements"]]
    [('organisation/b', 'organisation', []), ('person/a', 'person', ['government'])]
    >>> c = blueprint["connections"][0]
    >>> c["id"], c["from"], c["to"], c["type"], c["direction"]
    ('organisation/b|membership|person/a', 'organisation/b', 'person/a', 'membership', 'undirected')
    """
    nodes, edges = node_table(G), edge_table(G)
    elements = []
    for nid, _, _, data in nodes.rows:
        element = {"id": nid, "label": str(data.get("label") or nid), "type": str(data.get("kind") or ""),
                   "description": _node_description(data), "tags": _tags(data)}
        element |= {c.name: _field(data.get(c.name), c.type) for c in nodes.columns if c.name not in _ELEMENT_CORE}
        elements.append(element)
    connections = []
    direction = "directed" if G.is_directed() else "undirected"
    for eid, source, target, data in edges.rows:
        connection = {"id": eid, "from": source, "to": target, "type": str(data.get("relation") or ""),
                      "direction": direction, "description": _edge_description(data), "tags": []}
        connection |= {c.name: _field(data.get(c.name), c.type) for c in edges.columns
                       if c.name not in _CONNECTION_CORE}
        connections.append(connection)
    return {"elements": elements, "connections": connections}


def write_kumu(G: nx.Graph, path: str | os.PathLike[str] | None = None) -> None:
    """Write :func:`to_kumu` as indented JSON to ``path`` atomically (standard output when ``path`` is None)."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    write_chunks([*encoder.iterencode(to_kumu(G)), "\n"], path)


def _field(value: object, type_: str):
    if type_ in ("int", "float", "bool") and value is not None:
        return value
    return cell(value, type_)


def _tags(data: dict) -> list[str]:
    sector = str(data.get("sector") or "")
    return [sector] if sector and sector != "unknown" else []


def _node_description(data: dict) -> str:
    parts = [_section("Posts", data.get("posts")), _section("Organisations", data.get("organisations")),
             _section("Sources", data.get("documents")), _quotes(data.get("quotes"))]
    period = _period(data)
    return "\n\n".join(p for p in [period, *parts] if p)


def _edge_description(data: dict) -> str:
    role = f"Role: {data['role']}" if data.get("role") else ""
    parts = [role, _period(data), _section("Events", data.get("events")), _section("Sources", data.get("documents")),
             _quotes(data.get("quotes"))]
    return "\n\n".join(p for p in parts if p)


def _period(data: dict) -> str:
    start, end = str(data.get("start") or ""), str(data.get("end") or "")
    if not (start or end):
        return ""
    return f"Date: {start}" if start == end else f"Period: {start or '…'} – {end or '…'}"


def _section(title: str, items: Iterable[str] | None) -> str:
    items = list(items or ())
    return f"**{title}**\n" + "\n".join(f"- {item}" for item in items) if items else ""


def _quotes(items: Iterable[str] | None) -> str:
    return "\n\n".join(f"> {' '.join(str(q).split())}" for q in items or ())
