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

__all__ = ["curation_path", "decide", "load_curation", "review", "save_curation", "write_curated_graph"]


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


def decide(kg: KnowledgeGraph, action: str, *args: str, lexicon=None) -> Curation:
    """Record a decision and apply it: ``merge A B``, ``distinct A B`` (entities by IRI or label),
    ``alias ENTITY LABEL``, ``reject FACT`` or ``reject SUBJECT PREDICATE OBJECT``.

    The entities are named in ``curation.yaml`` by their IRI and every label they have now, so the
    decision still finds them when a new document changes an IRI. The corpus is resolved again.
    """
    from jejaring.graph.describe import entity_labels, find_entity
    from jejaring.ingest.batch import rebuild
    from jejaring.ingest.lexicon import load_lexicon

    curation = load_curation(kg)
    if action in ("merge", "distinct"):
        a, b = (find_entity(kg, x) for x in args)
        if a == b:
            # merged now: the names the person gave tell the two apart
            pair = ((args[0],), (args[1],))
        else:
            pair = (tuple([a, *entity_labels(kg, a)]), tuple([b, *entity_labels(kg, b)]))
        (curation.merges if action == "merge" else curation.distinct).append(pair)
    elif action == "alias":
        curation.aliases.append((find_entity(kg, args[0]), args[1]))
    elif action == "reject":
        if len(args) == 1:
            curation.rejects.append({"fact": find_entity(kg, args[0])})
        elif len(args) == 3:
            curation.rejects.append({"subject": find_entity(kg, args[0]), "predicate": _expand(args[1]),
                                     "object": find_entity(kg, args[2])})
        else:
            raise InputError("reject takes a fact (IRI) or a triple: SUBJECT PREDICATE OBJECT")
    else:
        raise InputError(f"unknown decision '{action}'")
    save_curation(kg, curation)
    rebuild(kg, lexicon or load_lexicon(), changed={})
    return curation


def _expand(predicate: str) -> str:
    """A predicate as an IRI; prefixed names of the model (``schema:attendee``) are expanded."""
    from jejaring.ontology.namespaces import PREFIXES

    prefix, _, local = predicate.partition(":")
    if prefix in PREFIXES and not predicate.startswith(("http://", "https://")):
        return str(PREFIXES[prefix]) + local
    return predicate


def review(kg: KnowledgeGraph, lexicon=None) -> list[tuple]:
    """Candidate merges the scores leave to a person (between ``REVIEW`` and ``AUTO_MERGE``), each with
    a quote of each entity's evidence: ``[(candidate, quote_first, quote_second)]``."""
    from jejaring.graph.describe import describe_entity
    from jejaring.ingest.batch import resolve, stored_extractions
    from jejaring.ingest.lexicon import load_lexicon

    lexicon = lexicon or load_lexicon()
    resolution = resolve(stored_extractions(kg, lexicon), load_curation(kg), lexicon)
    out = []
    for c in resolution.candidates:
        quotes = []
        for iri in (c.first, c.second):
            d = describe_entity(kg, iri)
            own = [e for e in d.evidence if e.about == d.label] or d.evidence
            quotes.append(f"{own[0].document}: {own[0].sentence}" if own else "")
        out.append((c, *quotes))
    return out
