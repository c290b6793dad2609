"""Neo4j export: CSV files for ``neo4j-admin database import`` and a Cypher script for ``LOAD CSV``.

Three files in a folder:

- ``nodes.csv``: header ``id:ID,label,kind,...,posts:string[],...,:LABEL``; every node has the labels
  ``Entity`` and its kind (``Entity;Person``);
- ``relationships.csv``: header ``:START_ID,:END_ID,:TYPE,id,relation,...,weight:int,...``; a relationship per
  relation, typed by the relation in upper snake case (``co-attendance`` becomes ``CO_ATTENDANCE``, ``org:member``
  ``ORG_MEMBER``);
- ``import.cypher``: for users without the admin tool, ``LOAD CSV`` blocks that ``MERGE`` every node (one
  block per label) and every relationship (one block per type) on its stable id, so running it again after
  a newer export updates the database instead of duplicating it.

Arrays use ``;``, the import tool's default delimiter; a ``;`` inside an item becomes ``；`` (U+FF1B). Line
breaks inside values become spaces, so the default (single-line) import settings read every file. A text cell
that a spreadsheet would read as a formula starts with an apostrophe, unless ``raw`` (as in the csv export). A
relationship goes the way its relation does, from the RDF property's subject to its object
(``(Lesson)-[:LEARNED_AT]->(Event)``, ``(Event)-[:ATTENDEE]->(Person)``, ``(Person)-[:MEMBERSHIP]->(Organisation)``);
``CO_ATTENDANCE``, which has no direction, from the smaller id to the larger (:mod:`._network`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import networkx as nx

from jejaring.graph.views.export._network import (
    Column,
    Table,
    batched_text,
    cell,
    csv_lines,
    defuse_formula,
    edge_table,
    node_table,
    write_folder,
)

__all__ = ["NEO4J_FILES", "neo4j_label", "neo4j_type", "to_neo4j", "write_neo4j"]

#: The files :func:`write_neo4j` writes into its folder.
NEO4J_FILES = ("nodes.csv", "relationships.csv", "import.cypher")
#: The label every node has besides its kind's, for lookups across kinds.
ENTITY_LABEL = "Entity"
_ARRAY = ";"
_HEADER_TYPES = {"str": "", "list": ":string[]", "int": ":int", "float": ":double", "bool": ":boolean"}


def neo4j_label(kind: str) -> str:
    """The Neo4j label of a node kind.

    >>> neo4j_label("organisation"), neo4j_label("")
    ('Organisation', 'Unknown')
    """
    parts = re.split(r"[^0-9A-Za-z]+", kind)
    return "".join(p[:1].upper() + p[1:] for p in parts) or "Unknown"


def neo4j_type(relation: str) -> str:
    """The Neo4j relationship type of a relation.

    >>> neo4j_type("co-attendance"), neo4j_type("schema:attendee"), neo4j_type("org:subOrganizationOf")
    ('CO_ATTENDANCE', 'SCHEMA_ATTENDEE', 'ORG_SUBORGANIZATIONOF')
    """
    return re.sub(r"[^0-9A-Za-z]+", "_", relation).strip("_").upper() or "RELATED_TO"


def to_neo4j(G: nx.Graph, *, raw: bool = False) -> dict[str, str]:
    """The network view ``G`` as Neo4j import files.

    Parameters
    ----------
    G
        A network view (:func:`jejaring.graph.views.project.project`).
    raw
        Write text cells as they are, even those a spreadsheet would read as a formula (by default they
        start with an apostrophe).

    Returns
    -------
    dict
        ``{"nodes.csv": text, "relationships.csv": text, "import.cypher": text}``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("https://w3id.org/jejaring/id/person/a", label="A", kind="person", posts=["Kepala; BPBD"])
    >>> files = to_neo4j(G)
    >>> print(files["nodes.csv"], end="")
    id:ID,label,kind,sector,iri,start,end,posts:string[],organisations:string[],documents:string[],quotes:string[],:LABEL
    person/a,A,person,,,,,Kepala； BPBD,,,,Entity;Person
    >>> "MERGE (n:Person {id: row.`id:ID`})" in files["import.cypher"]
    True
    """
    return {name: "".join(chunks) for name, chunks in _files(G, raw).items()}


def write_neo4j(G: nx.Graph, folder: str | os.PathLike[str], *, raw: bool = False) -> None:
    """Write ``nodes.csv``, ``relationships.csv`` and ``import.cypher`` into ``folder``, each atomically;
    ``raw`` as in :func:`to_neo4j`.

    Raises
    ------
    InputError
        ``folder`` is an existing file.
    """
    write_folder(_files(G, raw), folder)


def _files(G: nx.Graph, raw: bool) -> dict[str, Iterator[str]]:
    nodes, edges = node_table(G), edge_table(G)
    text = str if raw else defuse_formula
    return {"nodes.csv": _nodes(nodes, text), "relationships.csv": _relationships(edges, text),
            "import.cypher": iter([_cypher(nodes, edges)])}


def _header(c: Column) -> str:
    return c.name + _HEADER_TYPES[c.type]


def _value(value: object, type_: str, text) -> str:
    """A cell: text with its whitespace folded (then ``text``: the formula guard), numbers as they are."""
    return text(" ".join(cell(value, type_, _ARRAY).split())) if type_ in ("str", "list") else cell(value, type_)


def _nodes(nodes: Table, text) -> Iterator[str]:
    def rows() -> Iterator[list[str]]:
        yield ["id:ID", *(_header(c) for c in nodes.columns), ":LABEL"]
        for nid, _, _, data in nodes.rows:
            labels = f"{ENTITY_LABEL}{_ARRAY}{neo4j_label(str(data.get('kind') or ''))}"
            yield [text(nid), *(_value(data.get(c.name), c.type, text) for c in nodes.columns), labels]

    return batched_text(csv_lines(rows()))


def _relationships(edges: Table, text) -> Iterator[str]:
    def rows() -> Iterator[list[str]]:
        yield [":START_ID", ":END_ID", ":TYPE", "id", *(_header(c) for c in edges.columns)]
        for eid, source, target, data in edges.rows:
            yield [text(source), text(target), neo4j_type(str(data.get("relation") or "")), text(eid),
                   *(_value(data.get(c.name), c.type, text) for c in edges.columns)]

    return batched_text(csv_lines(rows()))


def _cypher(nodes: Table, edges: Table) -> str:
    labels = sorted({neo4j_label(str(d.get("kind") or "")) for *_, d in nodes.rows})
    types = sorted({neo4j_type(str(d.get("relation") or "")) for *_, d in edges.rows})
    out = [
        "// Load a jejaring network export into Neo4j with LOAD CSV (no neo4j-admin needed).",
        "// Copy nodes.csv and relationships.csv into the database's import folder, then run",
        "//   cypher-shell -u neo4j -p PASSWORD -f import.cypher",
        "// Nodes and relationships are MERGEd on their stable ids: running it again after a newer export",
        "// updates the database instead of duplicating it.",
        "",
        f"CREATE CONSTRAINT jejaring_entity_id IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE;",
    ]
    out += [f"CREATE CONSTRAINT jejaring_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
            for label in labels]
    node_sets = ",\n    ".join(_set("n", c) for c in nodes.columns)
    for label in labels:
        out += ["", "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
                f"WITH row WHERE row.`:LABEL` = '{ENTITY_LABEL}{_ARRAY}{label}'",
                f"MERGE (n:{label} {{id: row.`id:ID`}})",
                f"SET n:{ENTITY_LABEL},\n    {node_sets};"]
    edge_sets = ",\n    ".join([_set("r", c) for c in edges.columns])
    for type_ in types:
        out += ["", "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
                f"WITH row WHERE row.`:TYPE` = '{type_}'",
                f"MATCH (a:{ENTITY_LABEL} {{id: row.`:START_ID`}}), (b:{ENTITY_LABEL} {{id: row.`:END_ID`}})",
                f"MERGE (a)-[r:{type_} {{id: row.id}}]->(b)",
                f"SET {edge_sets};"]
    return "\n".join(out) + "\n"


def _set(var: str, c: Column) -> str:
    """``var.name = <the column's value, converted>``; empty cells (null in LOAD CSV) leave no property."""
    field = f"row.`{_header(c)}`"
    value = {
        "str": f"CASE WHEN coalesce({field}, '') = '' THEN null ELSE {field} END",
        "list": f"CASE WHEN coalesce({field}, '') = '' THEN null ELSE split({field}, '{_ARRAY}') END",
        "int": f"toInteger({field})",
        "float": f"toFloat({field})",
        "bool": f"toBoolean({field})",
    }[c.type]
    return f"{var}.`{c.name}` = {value}"
