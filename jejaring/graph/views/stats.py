"""What a knowledge graph holds, counted in SPARQL by the store (no full load into Python)."""

from __future__ import annotations

from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.store.meta import document_state

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
ANNOTATION = "http://www.w3.org/ns/oa#Annotation"


def graph_stats(kg: KnowledgeGraph, top: int = 10) -> dict:
    """Triples, documents, entities per class and the organisations with most members.

    Returns a dict with keys ``quads``, ``triples`` (the facts: distinct over the union, evidence left out), ``documents``,
    ``entities`` (class name -> count) and ``top_organisations`` (list of (label, members)).
    """
    values = " ".join(f"(<{iri}> '{name}')" for name, iri in COUNTED_CLASSES.items())
    counts = {name: 0 for name in COUNTED_CLASSES}
    for row in kg.query(
        f"SELECT ?name (COUNT(DISTINCT ?s) AS ?n) "
        f"WHERE {{ VALUES (?c ?name) {{ {values} }} ?s a ?c }} GROUP BY ?name"
    ):
        counts[row["name"].value] = int(row["n"].value)
    # evidence is in the document graphs only, not in the union copy
    counts["annotations"] = _count(kg, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{ANNOTATION}> }} }}")
    triples = _count(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    top_orgs = [
        (row["label"].value, int(row["n"].value))
        for row in kg.query(
            f"""PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                SELECT ?o (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?p) AS ?n) WHERE {{
                  ?m org:organization ?o ; org:member ?p . OPTIONAL {{ ?o skos:prefLabel ?l }}
                }} GROUP BY ?o ORDER BY DESC(?n) ?label LIMIT {int(top)}"""
        )
        if row["label"] is not None
    ]
    return {
        "quads": len(kg),
        "triples": triples,
        "documents": len(document_state(kg)),
        "entities": counts,
        "top_organisations": top_orgs,
    }


def _count(kg: KnowledgeGraph, sparql: str) -> int:
    return int(next(iter(kg.query(sparql)))["n"].value)
