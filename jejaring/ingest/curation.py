"""Curated decisions: kept in ``curation.yaml`` beside the store (for version control) and mirrored
in the curated named graph, so they survive re-ingestion and can be told apart from extracted facts.

- ``merge A B``: the two are one entity (``A owl:sameAs B``);
- ``distinct A B``: they are not, whatever their names (``A owl:differentFrom B``);
- ``alias ENTITY LABEL``: another name (``skos:altLabel``), also used to match other documents' names;
- ``reject FACT``: a wrongly extracted membership or statement (by IRI), or one triple (subject,
  predicate, object: an attendance or a lesson link), dropped from every document graph.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from jejaring.errors import InputError
from jejaring.graph.store import CURATED_GRAPH, KnowledgeGraph, atomic_write
from jejaring.ingest.link import Curation

__all__ = ["curation_path", "load_curation", "save_curation", "write_curated_graph"]


def curation_path(kg: KnowledgeGraph) -> Path | None:
    """Where the store's ``curation.yaml`` lives: beside the store (None for a remote store)."""
    if kg.location.startswith(("http://", "https://")):
        return None
    return Path(kg.location).resolve().parent / "curation.yaml"


def load_curation(kg: KnowledgeGraph) -> Curation:
    """The decisions recorded for this store (none when there is no ``curation.yaml`` yet)."""
    path = curation_path(kg)
    if path is None or not path.exists():
        return Curation()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise InputError(f"{path}: malformed YAML: {e}") from None
    def pairs(key: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        return [(tuple(map(str, d["a"])), tuple(map(str, d["b"]))) for d in data.get(key) or []]

    return Curation(merges=pairs("merge"), distinct=pairs("distinct"),
                    aliases=[(str(d["entity"]), str(d["label"])) for d in data.get("alias") or []],
                    rejects=list(data.get("reject") or []))


def save_curation(kg: KnowledgeGraph, curation: Curation) -> None:
    """Write ``curation.yaml`` (atomically) and the curated graph."""
    path = curation_path(kg)
    if path is not None:
        data = {
            "merge": [{"a": list(a), "b": list(b)} for a, b in curation.merges],
            "distinct": [{"a": list(a), "b": list(b)} for a, b in curation.distinct],
            "alias": [{"entity": e, "label": label} for e, label in curation.aliases],
            "reject": curation.rejects,
        }
        with atomic_write(path, "w") as fh:
            fh.write("# Curated decisions for the knowledge graph beside this file (jejaring merge, distinct,\n"
                     "# alias, reject). Keep it under version control; it is applied at every ingest.\n")
            yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False)
    write_curated_graph(kg, curation)


def write_curated_graph(kg: KnowledgeGraph, curation: Curation) -> None:
    """Replace the curated graph with the decisions, as one transaction."""
    g = Graph()
    for prop, pairs in ((OWL.sameAs, curation.merges), (OWL.differentFrom, curation.distinct)):
        for a, b in pairs:
            if _is_iri(a[0]) and _is_iri(b[0]):
                g.add((URIRef(a[0]), prop, URIRef(b[0])))
            else:  # two names of what is one node now: the decision is about the names
                node = BNode()
                g.add((node, RDF.type, RDF.Statement))
                g.add((node, RDF.predicate, prop))
                g.add((node, RDF.subject, Literal(a[0])))
                g.add((node, RDF.object, Literal(b[0])))
    for entity, label in curation.aliases:
        g.add((URIRef(entity), SKOS.altLabel, Literal(label)))
    for reject in curation.rejects:
        node = BNode()
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, DCTERMS.type, Literal("rejected")))
        if "fact" in reject:
            g.add((node, RDF.subject, URIRef(reject["fact"])))
        else:
            g.add((node, RDF.subject, URIRef(reject["subject"])))
            g.add((node, RDF.predicate, URIRef(reject["predicate"])))
            g.add((node, RDF.object, URIRef(reject["object"])))
    triples = g.serialize(format="nt")
    kg.replace_graph(CURATED_GRAPH, triples)


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://"))
