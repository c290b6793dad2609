"""What a knowledge graph holds, counted in SPARQL by the store (no full load into Python)."""

from __future__ import annotations

from itertools import islice

from rdflib import URIRef

from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.store.meta import document_state
from jejaring.graph.views.queries import view_query

__all__ = ["graph_stats"]

#: The classes counted by ``stats``, in the order shown, with a short name each.
COUNTED_CLASSES = {
    "persons": "https://schema.org/Person",
    "organisations": "http://www.w3.org/ns/org#Organization",
    "memberships": "http://www.w3.org/ns/org#Membership",
    "places": "https://schema.org/City",
    "countries": "https://schema.org/Country",
    "programmes": "https://schema.org/Project",
    "events": "https://schema.org/Event",
    "lessons": "https://w3id.org/jejaring/ns#Lesson",
    "statements": "https://w3id.org/jejaring/ns#Statement",
}


def graph_stats(kg: KnowledgeGraph, top: int = 10) -> dict:
    """Triples, documents, entities per class and the organisations with most members.

    Returns a dict with keys ``quads``, ``triples`` (the facts: distinct over the union, evidence left out), ``documents``,
    ``entities`` (class name -> count) and ``top_organisations`` (list of (label, members)).
    """
    name_of = {iri: name for name, iri in COUNTED_CLASSES.items()}
    counts = {name: 0 for name in COUNTED_CLASSES}
    for row in kg.query(view_query("stats-entities"), {"c": tuple(URIRef(c) for c in name_of)}):
        counts[name_of[row["c"].value]] = int(row["n"].value)
    counts["annotations"] = _count(kg, view_query("stats-annotations"))
    triples = _count(kg, view_query("stats-triples"))
    top_orgs = [(row["label"].value, int(row["n"].value))
                for row in islice(kg.query(view_query("stats-organisations")), max(int(top), 0))
                if row["label"] is not None]
    return {
        "quads": len(kg),
        "triples": triples,
        "documents": len(document_state(kg)),
        "entities": counts,
        "top_organisations": top_orgs,
    }


def _count(kg: KnowledgeGraph, sparql: str) -> int:
    return int(next(iter(kg.query(sparql)))["n"].value)
