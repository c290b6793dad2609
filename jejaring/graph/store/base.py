"""What the embedded and the remote store share: the graphs a store holds besides the documents', how evidence
is told from facts, a document's graph ready to write, and :class:`BaseGraph`, whose SPARQL Update operations keep
the union of the named graphs in the default graph."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF

from jejaring.errors import StoreWriteError
from jejaring.graph.store.meta import DOCUMENTS_QUERY, META_GRAPH, DocumentRecord, document_records
from jejaring.ontology.namespaces import GRAPH, ID, OA, SCHEMA, document_iri

__all__ = [
    "CURATED_GRAPH",
    "DATASET_FORMATS",
    "EVIDENCE",
    "IMPORTED_GRAPH",
    "BaseGraph",
    "DocumentGraph",
    "union_triples",
    "union_update",
    "writing",
]

CURATED_GRAPH = GRAPH.curated


#: Where a dataset file's default-graph triples go when it is opened (the store's default graph is the union).
IMPORTED_GRAPH = GRAPH.imported


_DEFAULT = ox.DefaultGraph()


#: Where evidence lives: every annotation, its target and its selectors are named under this namespace
#: (``…/annotation/{hash}``, ``…#target``, ``…#position``, ``…#quote``). Their triples stay in the document
#: graphs; the union copy in the default graph leaves them out.
EVIDENCE = ID["annotation/"]


_EVIDENCE_LINE = re.compile(rb"^<" + re.escape(str(EVIDENCE).encode()) + rb"[^\n]*\n?", re.MULTILINE)


_STAGING = str(GRAPH) + "staging/"


#: Suffixes of dataset files, which keep named graphs, and their Oxigraph formats.
DATASET_FORMATS: dict[str, ox.RdfFormat] = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}


@dataclass(frozen=True)
class DocumentGraph:
    """One document's named graph, ready to write: its triples as N-Triples (made where it was mapped,
    maybe in a worker process) and what its meta record keeps. Make one with :meth:`of`."""

    identity: str
    ntriples: bytes
    size: int
    sha256: str
    language: str | None = None
    text: str | None = None
    digest: str | None = None

    @classmethod
    def of(cls, identity: str, triples: Graph | Iterable, *, sha256: str, language: str | None = None,
           text: str | None = None, digest: str | None = None) -> DocumentGraph:
        """Serialise a document's triples (Oxigraph's writer) with its meta record's fields."""
        from jejaring.graph.store.terms import to_ox

        unique = {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples}
        data = io.BytesIO()
        ox.serialize(unique, data, ox.RdfFormat.N_TRIPLES)
        return cls(identity, data.getvalue(), len(unique), sha256, language, text, digest)

    def nquads(self) -> bytes:
        """The triples as N-Quads in the document's graph (each N-Triples line ends with " .")."""
        return self.ntriples.replace(b" .\n", f" <{document_iri(self.identity)}> .\n".encode())


class BaseGraph:
    """What the embedded and the remote store share: documents and their meta records, read and written
    through ``self.store`` (a pyoxigraph ``Store`` or its HTTP stand-in) with SPARQL Update operations that
    keep the union of the named graphs in the default graph. A store whose server computes the union
    itself overrides :meth:`_insert_update` and :meth:`_retire_update`. Subclasses write a document with
    ``_swap`` and read quads with ``quads``."""

    store: ox.Store

    # -- context manager -------------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store."""

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        """The ingested documents, sorted by identity."""
        return document_records(self.store.query(DOCUMENTS_QUERY), self.store.query)

    def document_hash(self, identity: str) -> str | None:
        """The content hash recorded for a document, or None when it was never ingested."""
        return self._meta_value(identity, DCTERMS.identifier)

    def document_text(self, identity: str) -> str | None:
        """The cleaned text kept for a document, or None."""
        return self._meta_value(identity, SCHEMA.text)

    def _meta_value(self, identity: str, prop: URIRef) -> str | None:
        doc = ox.NamedNode(str(document_iri(identity)))
        for q in self.store.quads_for_pattern(doc, _ox(prop), None, _ox(META_GRAPH)):
            return q.object.value
        return None

    def replace_document(
        self,
        identity: str,
        triples: Graph | Iterable,
        *,
        sha256: str,
        language: str | None = None,
        text: str | None = None,
        digest: str | None = None,
    ) -> URIRef:
        """Add or replace a document's named graph and its meta record, as one transaction (one SPARQL
        Update request on a remote store), the union kept."""
        return self._swap(DocumentGraph.of(identity, triples, sha256=sha256, language=language, text=text,
                                           digest=digest))

    def add_triples(self, graph: URIRef | str, ntriples: str) -> None:
        """Add N-Triples to a named graph, and to the union, as one transaction."""
        self.store.update(self._insert_update(graph, ntriples))

    def remove_triples(self, graph: URIRef | str, ntriples: str) -> None:
        """Remove N-Triples from a named graph, and from the union those no other graph holds (one transaction)."""
        old = _scratch_graph()
        self.store.update(f"INSERT DATA {{ GRAPH <{old}> {{ {ntriples} }} }} ; "
                          f"DELETE DATA {{ GRAPH <{graph}> {{ {ntriples} }} }} ; {self._retire_update(old)}")

    def remove_document(self, identity: str) -> bool:
        """Drop a document's graph and meta record, and from the union the triples no other graph holds;
        False when it was not in the graph."""
        if self.document_hash(identity) is None:
            return False
        old = _scratch_graph()
        self.store.update(f"{_take_out(document_iri(identity), old)} ; {self._retire_update(old)}")
        return True

    def _keep_union(self) -> None:
        """Copy every named graph's triples but evidence into the default graph when it is empty but they are
        not (a store written before the union was kept there); take evidence out of the union of a store
        written when the union held it."""
        if not self.store.query("ASK { ?s ?p ?o }") and self.store.query("ASK { GRAPH ?g { ?s ?p ?o } }"):
            self.store.update(union_update())
        elif self.store.query(f"ASK {{ ?s a <{OA.Annotation}> FILTER STRSTARTS(STR(?s), \"{EVIDENCE}\") }}"):
            self.store.update(f'DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER STRSTARTS(STR(?s), "{EVIDENCE}") }}')

    # -- reading ---------------------------------------------------------------------------
    def comparable_quads(self) -> set[tuple]:
        """Every quad except the meta graph's history (run records, retired IRIs), as hashable tuples
        (for "same graph" checks)."""
        meta = _ox(META_GRAPH)
        activity = _ox(PROV.Activity)
        runs = {q.subject for q in self.store.quads_for_pattern(None, _ox(RDF.type), activity, meta)}
        same = _ox(OWL.sameAs)
        return {
            (q.subject, q.predicate, q.object, q.graph_name)
            for q in self.quads()
            if not (q.graph_name == meta and (q.subject in runs or q.object in runs or q.predicate == same))
        }

    # -- SPARQL Update operations ----------------------------------------------------------
    def _insert_update(self, graph: URIRef | str, ntriples: str) -> str:
        """An update operation adding N-Triples to a named graph and, all but evidence, to the union (the default
        graph)."""
        return f"INSERT DATA {{ GRAPH <{graph}> {{ {ntriples} }} {union_triples(ntriples)} }}"

    def _retire_update(self, graph: str) -> str:
        """Update operations dropping a named graph, and from the union every triple no other graph holds."""
        return _retire(graph)

    def _rewrite_update(self, graph: URIRef | str, ntriples: str, meta: str | None = None) -> str:
        """Update operations replacing a named graph's triples wholesale (and a document's meta record with
        the N-Triples ``meta``, when given), the union kept: the old triples move to a scratch graph that is
        retired once the new ones are in, so the triples both versions hold stay in the union."""
        old = _scratch_graph()
        take = _take_out(graph, old) if meta is not None else f"MOVE SILENT GRAPH <{graph}> TO GRAPH <{old}>"
        put = self._insert_update(graph, ntriples)
        if meta is not None:
            put += f" ; {self._insert_update(META_GRAPH, meta)}"
        return f"{take} ; {put} ; {self._retire_update(old)}"


@contextmanager
def writing(location: str) -> Iterator[None]:
    """Writes to a store inside this block that fail in the operating system (a full disk, no permission)
    raise :class:`~jejaring.errors.StoreWriteError`: one line, and the store keeps every document whole."""
    try:
        yield
    except OSError as e:
        raise StoreWriteError(f"{location}: cannot write the graph ({e}); every document in it is still whole "
                              "or absent: free some space (or fix the permission) and run the command again") from None


def _take_out(doc: URIRef, old: str) -> str:
    """Update operations moving a document's graph and its meta record (with its run) into graph ``old``."""
    return f"MOVE SILENT GRAPH <{doc}> TO GRAPH <{old}> ; {_take_meta(doc, old)}"


def _take_set_aside(graph: URIRef | str, old: str) -> str:
    """An update operation deleting from a named graph the triples set aside in graph ``old``."""
    return f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{old}> {{ ?s ?p ?o }} }}"


def _take_meta(doc: URIRef, old: str) -> str:
    """An update operation moving a document's meta record (with its run) into graph ``old``."""
    return f"""DELETE {{ GRAPH <{META_GRAPH}> {{ <{doc}> ?p ?o . ?run ?rp ?ro }} }}
        INSERT {{ GRAPH <{old}> {{ <{doc}> ?p ?o . ?run ?rp ?ro }} }}
        WHERE {{ GRAPH <{META_GRAPH}> {{ <{doc}> ?p ?o .
                 OPTIONAL {{ <{doc}> <{PROV.wasGeneratedBy}> ?run . ?run ?rp ?ro }} }} }}"""


def _retire(graph: str) -> str:
    """Update operations dropping a named graph, and from the union every triple no other graph holds."""
    return f"""DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}
                 FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{graph}>) }} }} ;
        DROP SILENT GRAPH <{graph}>"""


def union_update() -> str:
    """An update operation adding every named graph's triples, evidence left out, to the union."""
    return f'INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (!isIRI(?s) || !STRSTARTS(STR(?s), "{EVIDENCE}")) }}'


def union_triples(ntriples: str | bytes) -> str | bytes:
    """The N-Triples (one triple a line) that the union copy keeps: every line but those about evidence.

    >>> union_triples(b'<https://w3id.org/jejaring/id/annotation/a1> <p> "x" .\\n<https://w3id.org/jejaring/id/a> <p> "y" .\\n')
    b'<https://w3id.org/jejaring/id/a> <p> "y" .\\n'
    """
    if isinstance(ntriples, str):
        return _EVIDENCE_LINE.sub(b"", ntriples.encode()).decode()
    return _EVIDENCE_LINE.sub(b"", ntriples)


def _is_evidence(subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> bool:
    return isinstance(subject, ox.NamedNode) and subject.value.startswith(EVIDENCE)


def _scratch_graph() -> str:
    """A new graph name for data on its way in or out (dropped at open if a crash leaves it)."""
    return f"{_STAGING}{uuid.uuid4().hex}"


def _ox(term: URIRef | str) -> ox.NamedNode:
    return ox.NamedNode(str(term))
