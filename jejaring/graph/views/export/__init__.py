"""Exports: RDF serialisations of the knowledge graph, and network views for the tools people already use.

:data:`WRITERS` is the one table of export formats (the command line's ``--format`` choices are its keys);
:func:`export_graph` writes any of them. The format modules load on first use, so the command line starts
without importing Oxigraph, rdflib or networkx:

- RDF (:mod:`.rdf`, :mod:`.jsonld`): ``trig``, ``nq`` (the named graphs), ``ttl``, ``nt``, ``xml``, and
  ``jsonld`` (compacted), which hold the union;
- networks, from a projected view (:func:`jejaring.graph.views.project.project`): ``graphml``, ``gexf``, ``csv``
  (a folder), ``kumu``, ``cytoscape`` and ``neo4j`` (a folder).

Every format module has a pure ``to_<format>`` returning text or data and a thin ``write_<format>``.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jejaring.errors import InputError
from jejaring.graph.views.names import VIEWS as NETWORK_VIEWS

__all__ = [
    "NETWORK_VIEWS",
    "RDF_FORMATS",
    "WRITERS",
    "Writer",
    "export_graph",
    "to_csv",
    "to_cytoscape",
    "to_gexf",
    "to_graphml",
    "to_jsonld",
    "to_kumu",
    "to_neo4j",
    "write_csv",
    "write_cytoscape",
    "write_gexf",
    "write_graphml",
    "write_jsonld",
    "write_kumu",
    "write_neo4j",
    "write_rdf",
]

@dataclass(frozen=True)
class Writer:
    """One export format: the function that writes it, what it reads, whether it writes a folder, who reads it."""

    module: str
    function: str
    network: bool = False
    folder: bool = False
    tool: str = ""
    args: tuple[Any, ...] = field(default=())
    csv: bool = False

    def load(self):
        """The writing function, imported on first use."""
        return getattr(importlib.import_module(f"{__name__}.{self.module}"), self.function)

    def __call__(self, source, path: str | os.PathLike[str] | None = None, **options) -> None:
        """Write ``source`` (a knowledge graph, or a network view when :attr:`network`) to ``path``; ``options``
        go to the writing function (``raw=True`` for the CSV formats, :attr:`csv`)."""
        self.load()(source, *self.args, path, **options)


#: Every export format, by its ``--format`` name.
WRITERS: dict[str, Writer] = {
    "trig": Writer("rdf", "write_rdf", args=("trig",), tool="triple stores (named graphs kept)"),
    "nq": Writer("rdf", "write_rdf", args=("nq",), tool="triple stores (named graphs kept)"),
    "ttl": Writer("rdf", "write_rdf", args=("ttl",), tool="RDF tools (union graph)"),
    "nt": Writer("rdf", "write_rdf", args=("nt",), tool="RDF tools (union graph)"),
    "xml": Writer("rdf", "write_rdf", args=("xml",), tool="RDF tools (union graph)"),
    "jsonld": Writer("jsonld", "write_jsonld", tool="JSON-LD tools (union graph, compacted)"),
    "graphml": Writer("graphml", "write_graphml", network=True, tool="Gephi, yEd, Cytoscape, igraph"),
    "gexf": Writer("gexf", "write_gexf", network=True, tool="Gephi (timeline)"),
    "csv": Writer("csv", "write_csv", network=True, folder=True, tool="spreadsheets, Gephi, Cytoscape", csv=True),
    "kumu": Writer("kumu", "write_kumu", network=True, tool="Kumu"),
    "cytoscape": Writer("cytoscape", "write_cytoscape", network=True, tool="Cytoscape.js, Cytoscape desktop"),
    "neo4j": Writer("neo4j", "write_neo4j", network=True, folder=True, tool="Neo4j", csv=True),
}

# Public names of the format modules, imported when first asked for (PEP 562).
_LAZY = {
    "RDF_FORMATS": "rdf", "write_rdf": "rdf", "to_jsonld": "jsonld", "write_jsonld": "jsonld",
    "to_graphml": "graphml", "write_graphml": "graphml", "to_gexf": "gexf", "write_gexf": "gexf",
    "to_csv": "csv", "write_csv": "csv", "to_kumu": "kumu", "write_kumu": "kumu",
    "to_cytoscape": "cytoscape", "write_cytoscape": "cytoscape", "to_neo4j": "neo4j", "write_neo4j": "neo4j",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export_graph(
    kg,
    fmt: str,
    path: str | os.PathLike[str] | None = None,
    *,
    view: str = "stakeholders",
    since: str | date | None = None,
    until: str | date | None = None,
    pseudonymise: bool = False,
    pseudonym_key: str = "",
    raw_csv: bool = False,
) -> None:
    """Export the knowledge graph, or one of its network views, in a format of :data:`WRITERS`.

    Parameters
    ----------
    kg
        An open :class:`~jejaring.graph.store.local.KnowledgeGraph`.
    fmt
        A key of :data:`WRITERS`.
    path
        The file to write atomically (standard output when None), or the folder for ``csv`` and ``neo4j``.
    view, since, until
        For network formats: which view, and the time window (:func:`jejaring.graph.views.project.project`).
    pseudonymise, pseudonym_key
        Replace the names of persons who hold no public post by stable pseudonyms keyed by ``pseudonym_key``
        (:mod:`jejaring.graph.views.pseudonymise`); a network keeps its shape.
    raw_csv
        For ``csv`` and ``neo4j``: write text cells as they are, even those a spreadsheet would read as a
        formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first), which by default start with an
        apostrophe.

    Raises
    ------
    InputError
        An unknown format, a folder format without a folder, or a path of the wrong kind.
    NetworkError
        An unknown view or a malformed date.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise InputError(f"unknown export format '{fmt}'; choose one of {', '.join(WRITERS)}")
    if writer.folder and path is None:
        raise InputError(f"the {fmt} export writes a folder of files: give the folder with -o")
    if path is not None and not writer.folder and Path(path).is_dir():
        raise InputError(f"{path}: is a folder; the {fmt} export writes one file")
    source = kg
    if writer.network:
        from jejaring.graph.views.project import project

        source = project(kg, view, since=since, until=until)
    if pseudonymise:
        from jejaring.graph.views import pseudonymise as pz

        pseudonyms = pz.read_pseudonyms(kg, key=pseudonym_key)
        source = pz.pseudonymise_network(source, pseudonyms) if writer.network else pz.pseudonymise_graph(kg, pseudonyms)
    writer(source, path, **({"raw": raw_csv} if writer.csv else {}))
