"""jejaring: documents about cities, agencies, officials, learning visits and lessons into an RDF
knowledge graph, queried with SPARQL, explored as a stakeholder network and exported to other tools.

The documented API is re-exported here flat (``jejaring.open_graph``, ``jejaring.ingest_paths`` ...);
modules load on first use, so ``import jejaring`` stays quick.

>>> import jejaring
>>> jejaring.open_graph.__module__
'jejaring.graph.store'
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "open_graph": "jejaring.graph.store",
    "KnowledgeGraph": "jejaring.graph.store.local",
    "ingest_paths": "jejaring.service",
    "remove_documents": "jejaring.service",
    "read_document": "jejaring.ingest.read",
    "extract_document": "jejaring.ingest.pipeline",
    "load_lexicon": "jejaring.ingest.lexicon",
    "resolve_corpus": "jejaring.ingest.link",
    "decide": "jejaring.service",
    "validate_dataset": "jejaring.ontology.validate",
    "validate_graph": "jejaring.graph.views.validate",
    "graph_stats": "jejaring.graph.views.stats",
    "describe_entity": "jejaring.graph.views.describe",
    "find_entity": "jejaring.graph.views.describe",
    "list_entities": "jejaring.graph.views.describe",
    "run_query": "jejaring.graph.sparql.run",
    "load_query": "jejaring.queries",
    "list_queries": "jejaring.queries",
    "project": "jejaring.graph.views.project",
    "analyse": "jejaring.graph.views.analysis",
    "to_html": "jejaring.graph.views.visualise",
    "write_html": "jejaring.graph.views.visualise",
    "export_graph": "jejaring.graph.views.export",
    "evaluate": "jejaring.evaluate",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __dir__() -> list[str]:
    """The public API, though its names load on first use (``dir(jejaring)`` would otherwise list none of them)."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'jejaring' has no attribute {name!r}")
