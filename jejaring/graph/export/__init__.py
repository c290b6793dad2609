"""Exports: RDF serialisations written by Oxigraph (network formats join in later modules)."""

from jejaring.graph.export.rdf import RDF_FORMATS, write_rdf

__all__ = ["RDF_FORMATS", "write_rdf"]
