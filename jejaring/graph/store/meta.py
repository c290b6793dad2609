"""The meta graph: what a store keeps about each document (source, content hash, language, cleaned text, the
digest and size its graph was written with, the run that wrote it), retired IRIs, and a rebuild in progress.
Any store answers these reads: they go through ``kg.query``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, VOID, XSD

from jejaring import __version__
from jejaring.ingest.document import Document
from jejaring.ontology.namespaces import DOC, GRAPH, ID, SCHEMA, document_iri

__all__ = [
    "DOCUMENTS_QUERY",
    "META_GRAPH",
    "DocumentRecord",
    "document_records",
    "document_state",
    "meta_record",
    "rebuilding",
    "record_retired",
    "set_rebuilding",
    "stored_document",
    "unfinished_documents",
]

META_GRAPH = GRAPH.meta


@dataclass(frozen=True)
class DocumentRecord:
    """What the meta graph records about one ingested document."""

    identity: str
    iri: str
    sha256: str
    language: str | None
    triples: int


#: The ingested documents and what the meta graph records of them (any store answers it); ``?size`` is the
#: number of triples the document's graph was written with, unbound in records older than ``void:triples``.
DOCUMENTS_QUERY = f"""SELECT ?doc ?id ?hash ?lang ?size WHERE {{
    GRAPH <{META_GRAPH}> {{ ?doc <{DCTERMS.source}> ?id ; <{DCTERMS.identifier}> ?hash .
                          OPTIONAL {{ ?doc <{DCTERMS.language}> ?lang }} OPTIONAL {{ ?doc <{VOID.triples}> ?size }} }}
  }} ORDER BY ?id"""


def document_records(rows, select) -> list[DocumentRecord]:
    """Document records from the solutions of :data:`DOCUMENTS_QUERY`; a graph with no recorded size is
    counted with ``select`` (a function running a SPARQL SELECT)."""
    return [DocumentRecord(r["id"].value, r["doc"].value, r["hash"].value, r["lang"].value if r["lang"] else None,
                           int(r["size"].value) if r["size"] is not None else _graph_size(select, r["doc"].value))
            for r in rows]


def _graph_size(select, graph: str) -> int:
    """The number of triples in a named graph, counted by ``select`` (a function running a SPARQL SELECT)."""
    rows = select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(next(iter(rows))["n"].value)


def document_state(kg) -> dict[str, tuple[str, str | None]]:
    """Every stored document's identity with its content hash and the digest its graph was written
    with (any store answers it; one query, however large the corpus)."""
    rows = kg.query(f"""SELECT ?id ?hash ?digest WHERE {{ GRAPH <{META_GRAPH}> {{
        ?doc <{DCTERMS.source}> ?id ; <{DCTERMS.identifier}> ?hash . OPTIONAL {{ ?doc <{SCHEMA.sha256}> ?digest }} }} }}""")
    return {r["id"].value: (r["hash"].value, r["digest"].value if r["digest"] else None) for r in rows}


def unfinished_documents(kg) -> list[str]:
    """Document graphs that are not whole: a graph without its meta record, or with a different number of
    triples than it was written with. Empty after any ingest, finished or stopped (see
    :meth:`KnowledgeGraph.write_documents`)."""
    written = {r["doc"].value: (int(r["size"].value) if r["size"] else None) for r in kg.query(
        f"""SELECT ?doc ?size WHERE {{ GRAPH <{META_GRAPH}> {{ ?doc <{DCTERMS.identifier}> ?h .
            OPTIONAL {{ ?doc <{VOID.triples}> ?size }} }} }}""")}
    found = {r["g"].value: int(r["n"].value) for r in kg.query(
        f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{DOC}") }}
            GROUP BY ?g""")}
    return sorted(g for g, n in found.items() if g not in written or written[g] not in (None, n))


def set_rebuilding(kg, active: bool) -> None:
    """Mark (or clear) a corpus rebuild in progress, so that a run stopped half-way is finished by the next."""
    data = f"<{META_GRAPH}> <{SCHEMA.actionStatus}> <{SCHEMA.ActiveActionStatus}> ."
    (kg.add_triples if active else kg.remove_triples)(META_GRAPH, data)


def rebuilding(kg) -> bool:
    """True when a rebuild was started and did not finish (see :func:`set_rebuilding`)."""
    return bool(kg.query(f"ASK {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{SCHEMA.actionStatus}> "
                         f"<{SCHEMA.ActiveActionStatus}> }} }}"))


def stored_document(kg, identity: str) -> Document:
    """A stored document as it was ingested: its cleaned text and the metadata its graph records."""
    doc = document_iri(identity)
    fields: dict = {"identity": identity, "text": kg.document_text(identity) or ""}
    refs = []
    for row in kg.query(f"SELECT ?p ?o WHERE {{ GRAPH <{doc}> {{ <{doc}> ?p ?o }} }}"):
        p, o = row["p"].value, row["o"]
        if p == str(DCTERMS.title):
            fields["title"] = o.value
        elif p == str(DCTERMS.date):
            fields["date"] = date.fromisoformat(o.value)
        elif p == str(DCTERMS.language):
            fields["language"] = o.value
        elif p == str(DCTERMS.format):
            fields["media_type"] = o.value
        elif p == str(DCTERMS.references):
            refs.append(o.value)
        elif p == str(RDF.type) and o.value.startswith(str(SCHEMA)):
            fields["genre"] = o.value[len(str(SCHEMA)):]
    return Document(references=sorted(refs), **fields)


def record_retired(kg, renamed: dict[str, str]) -> None:
    """Keep IRIs that a change of the corpus retired resolvable: ``old owl:sameAs new`` in the meta graph."""
    if renamed:
        triples = " ".join(f"<{old}> <{OWL.sameAs}> <{new}> ." for old, new in sorted(renamed.items()))
        kg.add_triples(META_GRAPH, triples)


def meta_record(doc: URIRef, identity: str, sha256: str, language: str | None, text: str | None,
                digest: str | None = None, size: int | None = None) -> Graph:
    """The meta graph's record of a document: source, content hash, language, text, graph digest, the
    number of triples its graph was written with (``void:triples``, to tell a whole graph), run."""
    run = ID[f"run/{uuid.uuid4().hex}"]
    meta = Graph()
    meta.add((doc, DCTERMS.source, Literal(identity)))
    meta.add((doc, DCTERMS.identifier, Literal(sha256)))
    if language:
        meta.add((doc, DCTERMS.language, Literal(language)))
    if text is not None:
        meta.add((doc, SCHEMA.text, Literal(text)))
    if digest is not None:
        meta.add((doc, SCHEMA.sha256, Literal(digest)))
    if size is not None:
        meta.add((doc, VOID.triples, Literal(size)))
    meta.add((doc, PROV.wasGeneratedBy, run))
    meta.add((run, RDF.type, PROV.Activity))
    meta.add((run, PROV.startedAtTime, Literal(datetime.now(UTC), datatype=XSD.dateTime)))
    meta.add((run, SCHEMA.softwareVersion, Literal(__version__)))
    return meta
