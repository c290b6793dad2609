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

import pyoxigraph as ox
import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from jejaring.errors import InputError
from jejaring.ingest.link import Curation
from jejaring.ontology.namespaces import OA

__all__ = ["apply_rejects", "curated_triples", "curation_path", "curation_text", "load_curation"]


def curation_path(location: str) -> Path | None:
    """Where the ``curation.yaml`` of the store at ``location`` lives: beside the store (None for a remote store)."""
    if location.startswith(("http://", "https://")):
        return None
    return Path(location).resolve().parent / "curation.yaml"


def load_curation(location: str) -> Curation:
    """The decisions recorded for the store at ``location`` (none when there is no ``curation.yaml`` yet)."""
    path = curation_path(location)
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


def curation_text(curation: Curation) -> str:
    """The decisions as the text of ``curation.yaml``."""
    data = {
        "merge": [{"a": list(a), "b": list(b)} for a, b in curation.merges],
        "distinct": [{"a": list(a), "b": list(b)} for a, b in curation.distinct],
        "alias": [{"entity": e, "label": label} for e, label in curation.aliases],
        "reject": curation.rejects,
    }
    return ("# Curated decisions for the knowledge graph beside this file (jejaring merge, distinct,\n"
            "# alias, reject). Keep it under version control; it is applied at every ingest.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def curated_triples(curation: Curation) -> str:
    """The curated graph of the decisions, as N-Triples."""
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
    return g.serialize(format="nt")


def apply_rejects(triples: set[ox.Triple], curation: Curation) -> None:
    """Drop the facts people rejected from a document's triples: a node (with its evidence) or one triple."""
    for reject in curation.rejects:
        if "fact" in reject:
            fact = _iri(reject["fact"])
            annotations = {t.subject.value for t in triples if t.predicate == _HAS_BODY and t.object == fact}
            gone = {fact, *(_iri(f"{a}{part}") for a in annotations for part in ("", "#target", "#position", "#quote"))}
            triples -= {t for t in triples if t.subject in gone or t.object == fact}
        elif None not in (parts := [_iri(reject[k]) for k in ("subject", "predicate", "object")]):
            triples.discard(ox.Triple(*parts))


_HAS_BODY = ox.NamedNode(str(OA.hasBody))


def _iri(value: str) -> ox.NamedNode | None:
    """An IRI as an Oxigraph term; None for a string that is no IRI (a hand-edited file), which no triple has."""
    try:
        return ox.NamedNode(value)
    except ValueError:
        return None


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://"))
