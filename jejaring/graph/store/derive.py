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
      label per language is the fullest of them (the longest, then the first in code-point order), so
      it does not depend on the order documents came in, and an acronym stays the label only until a
      document expands it.
    - ``jj:endorses``: a person (or body) who made a statement about a lesson endorses it.
    """
    triples: set[ox.Triple] = set()
    chosen: dict[tuple[ox.NamedNode, str | None], str] = {}
    for row in kg.query(f"""SELECT DISTINCT ?s ?l WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }}
                             FILTER (?g NOT IN (<{DERIVED_GRAPH}>, <{META_GRAPH}>)) }}"""):
        key = (row["s"], row["l"].language)
        label = row["l"].value
        if key not in chosen or (len(label), label) > (len(chosen[key]), chosen[key]):
            chosen[key] = label
    pref_label, endorses = ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(JJ.endorses))
    for (node, lang), label in chosen.items():
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

