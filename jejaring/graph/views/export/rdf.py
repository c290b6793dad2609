"""RDF exports written by Oxigraph: TriG and N-Quads keep the named graphs; Turtle, N-Triples and RDF/XML the union.

JSON-LD is compacted with a context in :mod:`jejaring.graph.views.export.jsonld`; ``write_rdf(kg, "jsonld")`` writes it.
"""

from __future__ import annotations

import os
import sys

import pyoxigraph as ox

from jejaring.graph.store.local import KnowledgeGraph, atomic_write

__all__ = ["RDF_FORMATS", "write_rdf"]

#: Export format names and Oxigraph's writers for them (JSON-LD is not here: see :mod:`.jsonld`).
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
}


def write_rdf(kg: KnowledgeGraph, fmt: str, path: str | os.PathLike[str] | None = None) -> None:
    """Write the graph in an RDF format (a key of :data:`RDF_FORMATS`, or ``jsonld``) to ``path`` (atomically)
    or to standard output."""
    if fmt == "jsonld":
        from jejaring.graph.views.export.jsonld import write_jsonld

        write_jsonld(kg, path)
        return
    rdf_format = RDF_FORMATS[fmt]
    if path is None:
        kg.serialize(sys.stdout.buffer, rdf_format)
        sys.stdout.buffer.flush()
        return
    with atomic_write(path) as out:
        kg.serialize(out, rdf_format)
