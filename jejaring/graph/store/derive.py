"""Derived facts, recomputed from the document graphs after every change: one preferred label per
entity and language, and the ``jj:endorses`` shortcut. They live in their own named graph (MODEL.md),
so they never mix with what a document states."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import PROV, RDFS, SKOS

from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.store.meta import META_GRAPH
from jejaring.ontology.namespaces import GRAPH, JJ, SCHEMA

__all__ = ["DERIVED_GRAPH", "derive", "refresh_derived"]

DERIVED_GRAPH = GRAPH.derived


def derive(kg: KnowledgeGraph) -> set[ox.Triple]:
    """The derived triples of the corpus as it stands.

    - ``skos:prefLabel``: each document names an organisation or post with ``rdfs:label``; the preferred
      label per language is the one most documents use (an acronym in capitals only where no document
      writes the name out), then the fullest (the longest, then the last in code-point order), so it does
      not depend on the order documents came in, and one document's slip ("Kementerian Keuangan RI", a post's
      title run on into its holder's name) does not name the body for all.
    - ``jj:endorses``: a person (or body) who made a statement about a lesson endorses it.
    """
    triples: set[ox.Triple] = set()
    chosen: dict[tuple[ox.NamedNode, str | None], tuple] = {}
    for row in kg.query(f"""SELECT ?s ?l (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }}
                             FILTER (?g NOT IN (<{DERIVED_GRAPH}>, <{META_GRAPH}>)) }} GROUP BY ?s ?l"""):
        key = (row["s"], row["l"].language)
        label = row["l"].value
        rank = (not label.isupper(), int(row["n"].value), len(label), label)
        if key not in chosen or rank > chosen[key]:
            chosen[key] = rank
    pref_label, endorses = ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(JJ.endorses))
    for (node, lang), (*_, label) in chosen.items():
        triples.add(ox.Triple(node, pref_label, ox.Literal(label, language=lang)))
    for row in kg.query(f"""SELECT DISTINCT ?who ?lesson WHERE {{
                             ?st a <{JJ.Statement}> ; <{PROV.wasAttributedTo}> ?who ; <{SCHEMA.about}> ?lesson .
                             ?lesson a <{JJ.Lesson}> }}"""):
        triples.add(ox.Triple(row["who"], endorses, row["lesson"]))
    return triples


def refresh_derived(kg: KnowledgeGraph) -> None:
    """Replace the derived graph with :func:`derive`'s triples, as one transaction."""
    triples = ox.serialize((ox.Quad(*t) for t in derive(kg)), format=ox.RdfFormat.N_TRIPLES)
    kg.replace_graph(DERIVED_GRAPH, triples.decode())

