"""The embedded store (:class:`KnowledgeGraph`): one named graph per source document, a meta graph and a curated graph.

The store's default graph is the union of its named graphs, kept by every write (a triple is in it
while some named graph holds it): Oxigraph evaluates a plain default graph many times faster than a
union default graph computed per query, where a triple stated by many documents is matched once per
graph. Evidence (the Web Annotations under :data:`EVIDENCE`, 70-80 % of the quads) stays in the
document graphs only: queries read it with ``GRAPH ?g { ... }``. Exports and counts read the named
graphs only.

Every backend is an Oxigraph store, so SPARQL always runs in Oxigraph's engine:

- a directory is the embedded, persistent default (RocksDB through pyoxigraph);
- a dataset file (``.trig``, ``.nq``) is loaded into an in-memory store and saved back atomically.

rdflib users get the same data as a ``Dataset`` view through oxrdflib (:meth:`KnowledgeGraph.dataset`);
bulk reads and writes go to pyoxigraph directly (:attr:`KnowledgeGraph.store`).
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain
from pathlib import Path
from typing import IO, TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, VOID

from jejaring.errors import GraphLocationError, InputError
from jejaring.graph.store.base import (
    _DEFAULT,
    _EVIDENCE_LINE,
    _STAGING,
    DATASET_FORMATS,
    IMPORTED_GRAPH,
    BaseGraph,
    DocumentGraph,
    _is_evidence,
    _ox,
    _retire,
    _scratch_graph,
    _take_meta,
    _take_set_aside,
    union_triples,
    union_update,
    writing,
)
from jejaring.graph.store.meta import META_GRAPH, _graph_size, meta_record, rebuilding
from jejaring.ontology.namespaces import DOC, document_iri

__all__ = ["NOT_GRAPH_SUFFIXES", "KnowledgeGraph", "atomic_write", "open_local", "snapshot", "union_is_kept"]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Endings of files that hold no named graphs (other RDF formats, tables, documents): a graph location ending so is
#: a mistake. Any other ending names a store directory ("corpus.store", as the team's scoring script writes).
NOT_GRAPH_SUFFIXES = frozenset({".ttl", ".nt", ".n3", ".jsonld", ".json", ".rdf", ".xml", ".owl", ".trix", ".csv",
                                ".txt", ".md", ".html", ".htm", ".pdf"})


class KnowledgeGraph(BaseGraph):
    """A knowledge graph with one API whatever its backend; open it with :func:`open_graph`."""

    def __init__(self, location: str, store: ox.Store, file: Path | None = None) -> None:
        self.location = location
        self.store = store
        self._file = file

    @property
    def in_memory(self) -> bool:
        """True for a graph read from a dataset file (``.trig``, ``.nq``) and held in memory until :meth:`save`."""
        return self._file is not None

    def close(self) -> None:
        """Flush and release the embedded store; a file-backed graph is saved by :meth:`save`, not here."""
        try:
            if self._file is None and self.store is not None:
                with writing(self.location):
                    self.store.flush()
        finally:
            self.store = None  # Oxigraph releases the store's lock when the last reference goes ...
            gc.collect()  # ... and rdflib views (Dataset) hold it in reference cycles only the collector breaks

    # -- views -----------------------------------------------------------------------------
    def dataset(self) -> Dataset:
        """An rdflib ``Dataset`` over the same store; its default graph is the union of all graphs (the
        store keeps it, so rdflib need not compute it)."""
        from oxrdflib import OxigraphStore

        return Dataset(store=OxigraphStore(store=self.store))

    # -- documents -------------------------------------------------------------------------
    def _swap(self, g: DocumentGraph) -> URIRef:
        """Swap a document's graph in: the stored triples that go are first copied into a scratch graph,
        then one SPARQL UPDATE deletes them, adds the triples that come and rewrites the meta record (the
        triples both versions hold stay as they are): a crash at any point leaves the previous state intact."""
        doc = document_iri(g.identity)
        meta_nt = _ntriples(meta_record(doc, g.identity, g.sha256, g.language, g.text, g.digest, size=g.size))
        old = _scratch_graph()
        _, added = self._set_aside_difference(doc, g.ntriples, old)
        self.store.update(f"""{_take_set_aside(doc, old)} ;
            {_take_meta(doc, old)} ;
            {self._insert_update(doc, added)} ;
            {self._insert_update(META_GRAPH, meta_nt)} ;
            {_retire(old)}""")
        return doc

    def _set_aside_difference(self, graph: URIRef | str, ntriples: str | bytes, old: str) -> tuple[int, str]:
        """Compare a named graph with the N-Triples that replace it: copy the stored triples that go into
        scratch graph ``old`` (with their own blank nodes; a scratch graph is dropped at open after a
        crash). Returns how many go, and the triples that come as N-Triples. Both are usually few."""
        current = {q.triple for q in self.store.quads_for_pattern(None, None, None, _ox(graph))}
        new = {q.triple for q in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)}
        gone = current - new
        self.store.extend(ox.Quad(*t, ox.NamedNode(old)) for t in gone)
        return len(gone), ox.serialize((ox.Quad(*t) for t in new - current), format=ox.RdfFormat.N_TRIPLES).decode()

    def write_documents(self, graphs: Iterable[DocumentGraph], *, batch: int = 200) -> None:
        """Write many document graphs. Documents new to the store go in ``batch`` at a time with
        Oxigraph's bulk loader, then their meta records in one transaction: a document counts as stored
        only once its record is in, and a graph left without one by a crash is dropped when the store
        is next opened (:func:`~jejaring.graph.store.open_graph`). A document already stored is swapped in like
        :meth:`replace_document`. Either way each document is whole or absent, whenever the process stops.

        A batch is written in a background thread while the next one is gathered (Oxigraph's loader
        releases the GIL), so the worker processes that map documents keep going meanwhile.
        """
        with ThreadPoolExecutor(max_workers=1) as writer:
            loading: Future | None = None  # the batch being written
            pending: list[DocumentGraph] = []
            for graph in graphs:
                if self.document_hash(graph.identity) is not None:
                    _finish(loading)
                    loading = None
                    self._swap(graph)
                    continue
                pending.append(graph)
                if len(pending) >= batch:
                    _finish(loading)
                    loading, pending = writer.submit(self._insert_new, pending), []
            _finish(loading)
        if pending:
            self._insert_new(pending)

    def _insert_new(self, graphs: list[DocumentGraph]) -> None:
        self.store.bulk_load(b"".join(g.nquads() for g in graphs), ox.RdfFormat.N_QUADS)
        self.store.bulk_load(union_triples(b"".join(g.ntriples for g in graphs)), ox.RdfFormat.N_TRIPLES)
        records = [t for g in graphs for t in meta_record(
            document_iri(g.identity), g.identity, g.sha256, g.language, g.text, g.digest, size=g.size)]
        self.store.extend(_quads(records, _ox(META_GRAPH)) + _quads(records, _DEFAULT))

    def replace_graph(self, graph: URIRef | str, ntriples: str) -> None:
        """Replace a named graph's triples with N-Triples, the union kept, as one transaction. Only the
        triples that differ are written, so recomputing a large graph that barely changed is cheap."""
        old = _scratch_graph()
        gone, added = self._set_aside_difference(graph, ntriples, old)
        if gone or added:
            self.store.update(f"{_take_set_aside(graph, old)} ; {self._insert_update(graph, added)} ; {_retire(old)}")

    def load(self, path: str | os.PathLike[str]) -> None:
        """Bulk-load a TriG or N-Quads file into the store (Oxigraph's parser and bulk writer, no transaction:
        for a new store), adding its triples but evidence to the union; triples of the file's default graph go into
        :data:`IMPORTED_GRAPH`.

        In memory the file goes through Oxigraph's loader and the union is made by one update (1M quads:
        10 s, against 12 to 15 s quad by quad); on disk that update is the slow part (48 s), so there each
        quad is written to its graph and to the union in one bulk write."""
        imported, fmt = _ox(IMPORTED_GRAPH), DATASET_FORMATS[Path(path).suffix.lower()]

        def quads() -> Iterator[ox.Quad]:
            for q in ox.parse(path=str(path), format=fmt):
                if q.graph_name == _DEFAULT:
                    q = ox.Quad(q.subject, q.predicate, q.object, imported)
                yield q
                if not _is_evidence(q.subject):
                    yield ox.Quad(q.subject, q.predicate, q.object, _DEFAULT)

        try:
            if self._file is None:
                self.store.bulk_extend(quads())
            else:
                self.store.bulk_load(path=str(path), format=fmt)
                self.store.update(f"ADD SILENT DEFAULT TO GRAPH <{IMPORTED_GRAPH}> ; CLEAR SILENT DEFAULT ; {union_update()}")
        except (SyntaxError, ValueError, OSError) as e:
            raise GraphLocationError(f"{path}: cannot read the dataset file: {e}") from None

    # -- reading ---------------------------------------------------------------------------
    def __len__(self) -> int:
        """The number of quads in the named graphs: a document graph's as its meta record gives it
        (``void:triples``, what :func:`unfinished_documents` checks; no scan of the store), the other graphs
        counted. The union in the default graph is not counted."""
        recorded = {r["doc"].value: int(r["n"].value) for r in self.store.query(
            f"SELECT ?doc ?n WHERE {{ GRAPH <{META_GRAPH}> {{ ?doc <{VOID.triples}> ?n }} }}")}
        return sum(recorded.values()) + sum(_graph_size(self.store.query, g.value)
                                            for g in self.store.named_graphs() if g.value not in recorded)

    def query(self, sparql: str, bindings: dict | None = None):
        """Run SPARQL over the union of all graphs (the default graph) with pyoxigraph; ``bindings`` maps
        variable names to terms.

        Values are bound as RDF terms (SEP-0007 substitutions) and also written, escaped by pyoxigraph,
        into a ``VALUES`` block so that Oxigraph plans the query around them
        (:func:`~jejaring.graph.store.query.bind_for_oxigraph`).
        """
        from jejaring.graph.store.query import bind_for_oxigraph

        text, substitutions = bind_for_oxigraph(sparql, bindings)
        try:
            return self.store.query(text, substitutions=substitutions)
        except SyntaxError as e:
            raise InputError(f"the SPARQL query does not parse: {e}") from None

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Every quad of the named graphs, or of one named graph, straight from Oxigraph."""
        if graph is not None:
            return self.store.quads_for_pattern(None, None, None, _ox(graph))
        return chain.from_iterable(self.store.quads_for_pattern(None, None, None, g)
                                   for g in sorted(self.store.named_graphs(), key=str))

    def serialize(self, out: IO[bytes], fmt: ox.RdfFormat, graph: URIRef | None = None) -> None:
        """Write the named graphs (or one of them) with Oxigraph's own writer, streaming; a triple format,
        which cannot hold named graphs, gets the union with the evidence (or the one graph)."""
        if fmt == ox.RdfFormat.N_QUADS and graph is None:
            for chunk in _in_order(self._graph_nquads, sorted(self.store.named_graphs(), key=str)):
                out.write(chunk)
        elif fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            ox.serialize(self.quads(graph), out, fmt, prefixes=_prefixes(fmt))
        elif graph is not None:
            self.store.dump(out, fmt, from_graph=_ox(graph), prefixes=_prefixes(fmt))
        elif fmt == ox.RdfFormat.N_TRIPLES:
            self.store.dump(out, fmt, from_graph=_DEFAULT)
            out.writelines(self._evidence_ntriples())
        else:
            evidence = ox.parse(b"".join(self._evidence_ntriples()), ox.RdfFormat.N_TRIPLES)
            triples = chain(self.store.quads_for_pattern(None, None, None, _DEFAULT), evidence)
            ox.serialize((q.triple for q in triples), out, fmt, prefixes=_prefixes(fmt))

    def _graph_nquads(self, graph: ox.NamedNode) -> bytes:
        """One named graph as N-Quads: Oxigraph's N-Triples dump of it (which releases the GIL), each line given
        the graph's name; the same bytes, in the same order, as writing its quads."""
        return (self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b"").replace(
            b" .\n", f" {graph} .\n".encode())

    def _evidence_ntriples(self) -> Iterator[bytes]:
        """The evidence the union copy leaves out, each triple once, as N-Triples lines: the named graphs dumped
        in threads (a scan of the store for it in SPARQL takes twice as long)."""
        seen: set[bytes] = set()
        for lines in _in_order(self._graph_evidence, sorted(self.store.named_graphs(), key=str)):
            for line in lines:
                digest = hashlib.blake2b(line, digest_size=16).digest()  # a digest keeps the set small
                if digest not in seen:
                    seen.add(digest)
                    yield line

    def _graph_evidence(self, graph: ox.NamedNode) -> list[bytes]:
        return _EVIDENCE_LINE.findall(self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b"")

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        """Write a file-backed graph back to its file atomically (temp file, then rename)."""
        if self._file is None:
            self.store.flush()
            return
        with _atomic_write(self._file) as out:
            self.serialize(out, DATASET_FORMATS[self._file.suffix.lower()])


def snapshot(kg) -> KnowledgeGraph:
    """An in-memory copy of any graph (written and read by Oxigraph): for long reads that should not
    hold the store, such as validation."""
    data = io.BytesIO()
    kg.serialize(data, ox.RdfFormat.N_QUADS)
    copy = ox.Store()
    copy.load(data.getvalue(), ox.RdfFormat.N_QUADS)
    copy.update(union_update())
    return KnowledgeGraph(kg.location, copy, file=Path(kg.location + ".snapshot.nq"))


def union_is_kept(kg: KnowledgeGraph) -> bool:
    """True when the default graph holds exactly the triples of the named graphs but evidence, as every write
    keeps it (a check for tests and the kill trials: it reads the whole store)."""
    named = {(q.subject, q.predicate, q.object) for q in kg.quads() if not _is_evidence(q.subject)}
    return named == {(q.subject, q.predicate, q.object) for q in kg.store.quads_for_pattern(None, None, None, _DEFAULT)}


def open_local(location: str | os.PathLike[str], *, create: bool = True) -> KnowledgeGraph:
    """Open the embedded store in a directory, or a ``.trig``/``.nq`` dataset file held in memory
    (:func:`jejaring.graph.store.open_graph` says what ``create`` does and what is raised)."""
    path = Path(location)
    suffix = path.suffix.lower()
    if suffix in DATASET_FORMATS:
        kg = KnowledgeGraph(str(path), ox.Store(), file=path)
        if path.exists():
            kg.load(path)
        elif not create:
            raise GraphLocationError(f"{path}: no such graph file")
        return kg
    if not path.is_dir() and suffix in NOT_GRAPH_SUFFIXES:  # never a store directory named out.ttl
        raise GraphLocationError(
            f"{path}: '{suffix}' is not a graph format; a graph is a directory (embedded store), a "
            f"{' or '.join(DATASET_FORMATS)} dataset file, or a SPARQL server's URL; Turtle, N-Triples and JSON-LD "
            "cannot hold the named graphs (write them with 'jejaring export')"
        )
    if path.exists() and not path.is_dir():
        raise GraphLocationError(
            f"{path}: a graph is a directory (embedded store) or a .trig/.nq dataset file; "
            "Turtle, N-Triples and JSON-LD cannot hold the named graphs (use them with 'export')"
        )
    if not path.exists() and not create:
        raise GraphLocationError(f"{path}: no such graph directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path))
    except OSError as e:
        if "lock" in str(e).lower():
            raise GraphLocationError(f"{path}: the store is busy: another jejaring process has it open; "
                                     "try again when it has finished") from None
        raise GraphLocationError(f"{path}: cannot open the embedded store: {e}") from None
    kg = KnowledgeGraph(str(path), store)
    _drop_unfinished(kg)
    kg._keep_union()
    return kg


def _drop_unfinished(kg: KnowledgeGraph) -> None:
    """Remove what a crashed write left behind: staging graphs never moved into place and, after an
    interrupted rebuild, document graphs whose meta record never went in (:meth:`~KnowledgeGraph.write_documents`)."""
    recorded = None
    if rebuilding(kg):
        recorded = {q.subject for q in kg.store.quads_for_pattern(None, _ox(DCTERMS.identifier), None, _ox(META_GRAPH))}
    for g in list(kg.store.named_graphs()):
        if g.value.startswith(_STAGING) or (recorded is not None and g.value.startswith(str(DOC)) and g not in recorded):
            kg.store.update(_retire(g.value))


def _in_order(work: Callable[[_T], _R], items: Iterable[_T]) -> Iterator[_R]:
    """``work`` done on every item in a thread per core, the results yielded in the items' order; a few items
    ahead of the one yielded are in hand, so memory stays bounded however many items come."""
    workers = os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        ahead: deque[Future] = deque()
        for item in items:
            ahead.append(pool.submit(work, item))
            if len(ahead) > 2 * workers:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()


def _finish(loading: Future | None) -> None:
    """Wait for a batch written in the background; its error, if any, is raised here."""
    if loading is not None:
        loading.result()


def _quads(triples: Graph | Iterable, graph_name: ox.NamedNode) -> list[ox.Quad]:
    """rdflib triples as pyoxigraph quads in one graph (no serialising and parsing in between)."""
    from jejaring.graph.store.terms import to_ox

    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_name) for s, p, o in triples]


def _ntriples(triples: Graph | Iterable) -> str:
    if not isinstance(triples, Graph):
        g = Graph()
        for t in triples:
            g.add(t)
        triples = g
    return triples.serialize(format="nt")


def _prefixes(fmt: ox.RdfFormat) -> dict[str, str] | None:
    from jejaring.ontology.namespaces import PREFIXES

    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
        return None
    return {k: str(v) for k, v in PREFIXES.items()}


class _atomic_write:
    """Open a temporary file beside ``path``; rename it over ``path`` only when the block succeeds."""

    def __init__(self, path: Path, mode: str = "wb") -> None:
        self.path, self.mode = Path(path), mode

    def __enter__(self) -> IO:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the result should read like any file
        self.fh = os.fdopen(fd, self.mode)
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> _atomic_write:
    """Write a file atomically: ``with atomic_write(p) as fh: ...`` leaves ``p`` whole or untouched."""
    return _atomic_write(Path(path), mode)

