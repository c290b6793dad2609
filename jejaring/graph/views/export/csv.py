"""CSV export for spreadsheets and for the spreadsheet imports of Gephi, Cytoscape and Kumu.

Two files in a folder: ``nodes.csv`` (``id``, ``label``, ``kind`` ...) and ``edges.csv`` (``id``, ``source``,
``target``, ``relation`` ...), UTF-8, comma-separated, ``\\n`` line endings, quoted only where needed, rows
sorted by id. Lists are joined with ``|``; numbers are plain numbers; missing values are empty. A text cell
that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) gets an
apostrophe before it (:func:`~jejaring.graph.views.export._network.defuse_formula`) unless ``raw``. The columns
are documented in the README ("CSV columns"); attributes a view adds beyond them (``bipartite`` in the
participation view) follow, in name order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import networkx as nx

from jejaring.graph.views.export._network import (
    Table,
    batched_text,
    cell,
    csv_lines,
    defuse_formula,
    edge_table,
    node_table,
    write_folder,
)

__all__ = ["CSV_FILES", "to_csv", "write_csv"]

#: The files :func:`write_csv` writes into its folder.
CSV_FILES = ("nodes.csv", "edges.csv")


def to_csv(G: nx.Graph, *, raw: bool = False) -> dict[str, str]:
    """The network view ``G`` as CSV text, one entry per file.

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
        ``{"nodes.csv": text, "edges.csv": text}``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("https://w3id.org/jejaring/id/person/a", "https://w3id.org/jejaring/id/person/b",
    ...            relation="co-attendance", weight=2, documents=["x.txt", "y.txt"])
    >>> print(to_csv(G)["edges.csv"], end="")
    id,source,target,relation,role,start,end,weight,events,documents,quotes
    person/a|co-attendance|person/b,person/a,person/b,co-attendance,,,,2,,x.txt|y.txt,
    """
    return {name: "".join(chunks) for name, chunks in _files(G, raw).items()}


def write_csv(G: nx.Graph, folder: str | os.PathLike[str], *, raw: bool = False) -> None:
    """Write ``nodes.csv`` and ``edges.csv`` into ``folder`` (created if needed), each atomically and streamed;
    ``raw`` as in :func:`to_csv`.

    Raises
    ------
    InputError
        ``folder`` is an existing file.
    """
    write_folder(_files(G, raw), folder)


def _files(G: nx.Graph, raw: bool) -> dict[str, Iterator[str]]:
    return {"nodes.csv": _table_lines(node_table(G), edges=False, raw=raw),
            "edges.csv": _table_lines(edge_table(G), edges=True, raw=raw)}


def _table_lines(table: Table, *, edges: bool, raw: bool) -> Iterator[str]:
    header = ["id", *(["source", "target"] if edges else []), *(c.name for c in table.columns)]
    text = str if raw else defuse_formula

    def rows() -> Iterator[list[str]]:
        yield header
        for rid, source, target, data in table.rows:
            yield [text(rid), *([text(source), text(target)] if edges else []),
                   *(text(cell(data.get(c.name), c.type)) if c.type in ("str", "list") else cell(data.get(c.name), c.type)
                     for c in table.columns)]

    return batched_text(csv_lines(rows()))
