"""What every network export shares: stable ids, one column schema, sorted rows, list joining, date padding.

A network export reads a projected view (:func:`jejaring.graph.views.project.project`). Nodes and edges come out
sorted by id, so two exports of the same graph are byte-identical. Ids are stable across exports and across
re-ingestion because they derive from the canonical IRIs only:

- a node's id is its IRI without ``https://w3id.org/jejaring/id/`` (``person/hendra-saputra``); an IRI outside
  that namespace is its own id;
- an edge's id is ``source|relation|target``, followed by ``|`` and the id of the fact node behind the edge, if
  any (a membership, since one person may hold several posts in one organisation:
  ``person/sri-indah|membership|organisation/dki-bpbd|membership/0f3a...``). An edge stands for one relation, so
  its id stays the same when a later document adds another relation between the same two nodes.

An edge goes the way its relation does (the view's ``subject`` attribute): from the RDF property's subject to
its object (``lesson/x|learned-at|event/y``, ``event/y|attendee|person/z``), from a member to the organisation.
A relation with no direction (``co-attendance``) goes from the smaller id to the larger.
"""

from __future__ import annotations

import calendar
import csv
import io
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from jejaring.errors import InputError
from jejaring.graph.store.local import atomic_write
from jejaring.ontology.namespaces import ID

__all__ = [
    "EDGE_COLUMNS",
    "FORMULA_STARTS",
    "LIST_SEPARATOR",
    "NODE_COLUMNS",
    "Column",
    "Table",
    "batched_text",
    "cell",
    "csv_lines",
    "defuse_formula",
    "edge_kind",
    "edge_table",
    "join_list",
    "node_id",
    "node_table",
    "output_folder",
    "pad_date",
    "write_chunks",
    "write_folder",
]

_ID_BASE = str(ID)
#: Lists (posts, documents, quotes ...) joined into one cell; a "|" inside an item becomes "｜" (U+FF5C).
LIST_SEPARATOR = "|"

#: Node columns every export has, in order, with their types (str, int, float, bool, list).
NODE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("label", "str"), ("kind", "str"), ("sector", "str"), ("iri", "str"), ("start", "str"), ("end", "str"),
    ("posts", "list"), ("organisations", "list"), ("documents", "list"), ("quotes", "list"),
)
#: Edge columns every export has, in order, with their types.
EDGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("relation", "str"), ("role", "str"), ("start", "str"), ("end", "str"), ("weight", "int"),
    ("events", "list"), ("documents", "list"), ("quotes", "list"),
)


@dataclass(frozen=True)
class Column:
    """A column of a node or edge table: its name and type (``str``, ``int``, ``float``, ``bool``, ``list``)."""

    name: str
    type: str


@dataclass
class Table:
    """Rows of one kind (nodes or edges), sorted by id, and their columns (known ones first, then extras)."""

    columns: list[Column]
    rows: list[tuple[str, str, str, dict]]  # (id, source, target, attributes); source/target "" for nodes


def node_id(iri: str) -> str:
    """The stable id of a node: its IRI without the jejaring instance namespace.

    >>> node_id("https://w3id.org/jejaring/id/person/hendra-saputra")
    'person/hendra-saputra'
    >>> node_id("http://www.wikidata.org/entity/Q8684")
    'http://www.wikidata.org/entity/Q8684'
    """
    iri = str(iri)
    return iri[len(_ID_BASE):] if iri.startswith(_ID_BASE) and len(iri) > len(_ID_BASE) else iri


def node_table(G: nx.Graph) -> Table:
    """The nodes of ``G`` as rows sorted by id."""
    rows = sorted((node_id(n), "", "", dict(data)) for n, data in G.nodes(data=True))
    return Table(_columns(NODE_COLUMNS, [r[3] for r in rows]), rows)


def edge_table(G: nx.Graph) -> Table:
    """The edges of ``G`` as rows ``(id, source, target, attributes)`` sorted by id; ids are unique. Each edge goes
    from its ``subject`` attribute (left out of the attributes), or from the smaller id if it has none."""
    rows = []
    items = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, key, data in items:
        data = dict(data)
        subject = data.pop("subject", None)
        ends = (node_id(u), node_id(v))
        source, target = ends if subject == u else ends[::-1] if subject == v else sorted(ends)
        relation = str(data.get("relation", ""))
        eid = f"{source}{LIST_SEPARATOR}{relation}{LIST_SEPARATOR}{target}"
        if key is not None and str(key) not in ("", relation):
            eid += f"{LIST_SEPARATOR}{node_id(str(key))}"
        rows.append((eid, source, target, data))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    seen: dict[str, int] = defaultdict(int)
    unique = []
    for eid, source, target, data in rows:  # parallel edges with nothing to tell them apart: number them
        seen[eid] += 1
        unique.append((eid if seen[eid] == 1 else f"{eid}{LIST_SEPARATOR}{seen[eid]}", source, target, data))
    return Table(_columns(EDGE_COLUMNS, [r[3] for r in unique]), unique)


def edge_kind(row: tuple[str, str, str, dict]) -> str:
    """An edge's relation and what tells it from other edges of that relation between the same two nodes (the
    end of its id: a fact's id, a number), so that tools merging parallel edges of one kind keep them apart.

    >>> edge_kind(("person/a|membership|organisation/b|membership/1", "person/a", "organisation/b",
    ...            {"relation": "membership"}))
    'membership|membership/1'
    >>> edge_kind(("event/e|attendee|person/a", "event/e", "person/a", {"relation": "attendee"}))
    'attendee'
    """
    eid, source, target, data = row
    relation = str(data.get("relation", ""))
    return relation + eid[len(f"{source}{LIST_SEPARATOR}{relation}{LIST_SEPARATOR}{target}"):]


def join_list(values: Iterable, separator: str = LIST_SEPARATOR) -> str:
    """Items joined by ``separator``; the separator inside an item becomes its full-width form.

    >>> join_list(["Kepala, BPBD", "a|b"])
    'Kepala, BPBD|a｜b'
    >>> join_list(["x; y", "z"], ";")
    'x； y;z'
    """
    wide = chr(ord(separator) + 0xFEE0) if "!" <= separator <= "~" else " "
    return separator.join(str(v).replace(separator, wide) for v in values)


def pad_date(text: str, *, low: bool) -> str:
    """An ISO date, year-month or year as the first (``low``) or last day it covers; "" stays "".

    >>> pad_date("2019", low=True), pad_date("2020-02", low=False), pad_date("2019-06-13", low=False)
    ('2019-01-01', '2020-02-29', '2019-06-13')
    """
    text = str(text or "")[:10]
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01" if low else f"{text}-12-31"
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        last = calendar.monthrange(int(text[:4]), int(text[5:7]))[1]
        return f"{text}-01" if low else f"{text}-{last:02d}"
    return text


def write_chunks(chunks: Iterable[str], path: str | os.PathLike[str] | None) -> None:
    """Write text chunks as UTF-8 to ``path`` atomically, or to standard output when ``path`` is None."""
    if path is None:
        out = sys.stdout.buffer
        for chunk in chunks:
            out.write(chunk.encode("utf-8"))
        out.flush()
        return
    with atomic_write(path) as out:
        for chunk in chunks:
            out.write(chunk.encode("utf-8"))


def batched_text(lines: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Lines gathered into chunks of about ``size`` characters (fewer writes when streaming)."""
    buffer: list[str] = []
    length = 0
    for line in lines:
        buffer.append(line)
        length += len(line)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def _columns(known: tuple[tuple[str, str], ...], rows: list[dict]) -> list[Column]:
    """The known columns, then any other attribute found in the rows (sorted), typed from their values."""
    names = {name for name, _ in known}
    seen: dict[str, set[str]] = defaultdict(set)
    for data in rows:
        for name, value in data.items():
            if name not in names and value is not None:
                seen[name].add(_type_of(value))
    columns = [Column(name, type_) for name, type_ in known]
    for name in sorted(seen):
        types = seen[name]
        if len(types) == 1:
            type_ = next(iter(types))
        elif types <= {"int", "float"}:
            type_ = "float"
        else:
            type_ = "list" if "list" in types else "str"
        columns.append(Column(name, type_))
    return columns


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, list | tuple | set | frozenset):
        return "list"
    return "str"


def cell(value: object, type_: str, separator: str = LIST_SEPARATOR) -> str:
    """A value as text for its column type; missing values are ""."""
    if value is None:
        return ""
    if type_ == "list":
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return join_list(items if isinstance(items, list | tuple) else [items], separator)
    if type_ == "bool":
        return "true" if value else "false"
    if type_ in ("int", "float"):
        return repr(value) if isinstance(value, float) else str(value)
    return str(value)


#: How a cell starts when a spreadsheet (Excel, LibreOffice, Google Sheets) would read it as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(text: str) -> str:
    """``text`` with an apostrophe before it when a spreadsheet would read it as a formula; the spreadsheet
    shows the text and hides the apostrophe. Applied last, after any folding of whitespace.

    >>> defuse_formula("=HYPERLINK(1)"), defuse_formula("\\t=1+1"), defuse_formula("Ani")
    ("'=HYPERLINK(1)", "'\\t=1+1", 'Ani')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """Each row as one CSV record (RFC 4180 quoting, ``\\n`` line ending)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write_folder(files: dict[str, Iterable[str]], folder: str | os.PathLike[str]) -> None:
    """Write a multi-file export: each named file of text chunks into ``folder``, atomically.

    Raises
    ------
    InputError
        ``folder`` is an existing file.
    """
    path = output_folder(folder)
    for name, chunks in files.items():
        write_chunks(chunks, path / name)


def output_folder(folder: str | os.PathLike[str]) -> Path:
    """The folder a multi-file export writes into, created if needed.

    Raises
    ------
    InputError
        ``folder`` is an existing file.
    """
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: is a file; this export writes a folder of files (give a folder with -o)")
    path.mkdir(parents=True, exist_ok=True)
    return path
