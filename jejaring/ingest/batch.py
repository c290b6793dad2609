"""Ingest a batch of files into a knowledge graph: read, extract, map, write one graph per document."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from jejaring.errors import InputError
from jejaring.graph.derive import refresh_derived
from jejaring.graph.store import KnowledgeGraph, record_retired, stored_document
from jejaring.graph.store import graph_digest as graph_digest_of
from jejaring.ingest.curated import CURATED_SUFFIXES, parse_curated, read_curated
from jejaring.ingest.curation import load_curation, write_curated_graph
from jejaring.ingest.lexicon import Lexicon, load_lexicon
from jejaring.ingest.link import Curation, resolve_corpus
from jejaring.ingest.mapping import map_extraction
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.read import iter_paths, read_document
from jejaring.ingest.records import Extraction
from jejaring.ontology.namespaces import OA

__all__ = ["IngestReport", "ingest_paths", "rebuild", "remove_documents"]

Progress = Callable[[str, int], None]
"""Called after each file with its identity and the number of files in the batch."""


@dataclass
class IngestReport:
    """What an ingest run did: documents written, unchanged, failed, and the facts found."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: int = 0
    facts: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every document was read, 1 when some failed, 2 when none could be read."""
        if not self.failed:
            return 0
        return 2 if not (self.written or self.unchanged) else 1


def ingest_paths(
    kg: KnowledgeGraph,
    paths: Iterable[str | Path],
    *,
    lexicon: Lexicon | None = None,
    follow_symlinks: bool = False,
    max_bytes: int = 20_000_000,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders into ``kg``; a document whose content is unchanged is skipped.

    New and changed documents are extracted, then the whole corpus is resolved again (one entity per
    real-world thing, :mod:`jejaring.ingest.link`) and every document graph whose canonical form
    changed is rewritten. Each document is written as one transaction: the graph never holds half a
    document. A file that cannot be used is reported in :attr:`IngestReport.failed` and the batch goes on.
    """
    report = IngestReport()
    lexicon = lexicon or load_lexicon()
    files = list(iter_paths(map(Path, paths), follow_symlinks=follow_symlinks, extra_suffixes=CURATED_SUFFIXES))
    changed: dict[str, Extraction] = {}
    for path, root in files:
        identity = path.relative_to(root).as_posix()
        try:
            extraction = read_extraction(path, identity, lexicon, max_bytes=max_bytes)
        except InputError as e:
            report.failed.append((str(path), str(e)))
            continue
        finally:
            if progress:
                progress(identity, len(files))
        doc = extraction.document
        report.warnings += [f"{path}: {w}" for w in doc.warnings]
        if kg.document_hash(identity) == doc.sha256 or identity in changed:
            report.unchanged.append(identity)
            continue
        changed[identity] = extraction
        report.written.append(identity)
        report.entities += len(extraction.entities)
        report.facts += len(extraction.memberships) + len(extraction.participations) + len(extraction.statements)
    if changed:
        rebuild(kg, lexicon, changed=changed)
    return report


def remove_documents(kg: KnowledgeGraph, identities: Iterable[str], *, lexicon: Lexicon | None = None) -> list[str]:
    """Retract documents: their graphs go, and the rest of the corpus is resolved again, so every label
    and merge that only they supported goes too. Returns the identities that were in the graph."""
    removed = [i for i in identities if kg.remove_document(i)]
    if removed:
        rebuild(kg, lexicon or load_lexicon(), changed={})
    return removed


def rebuild(kg: KnowledgeGraph, lexicon: Lexicon, *, changed: Mapping[str, Extraction]) -> None:
    """Resolve the corpus (stored documents plus ``changed``) and write every document graph whose
    canonical form differs from the stored one; then the derived graph, and save."""
    curation = load_curation(kg)
    stored = {d.identity: d for d in kg.documents()}
    before = {i: extraction_from_store(kg, i, lexicon) for i in stored}
    after = {**{i: ex for i, ex in before.items()}, **changed}
    generic = lambda acronym: lexicon.agency_type(acronym) is not None  # noqa: E731
    old = resolve_corpus(before, curation, generic) if before else None
    new = resolve_corpus(after, curation, generic)
    for identity, ex in sorted(after.items()):
        graph = map_extraction(ex, new.for_document(identity))
        apply_rejects(graph, curation)
        digest = graph_digest(graph)
        if identity in changed or graph_digest_of(kg, identity) != digest:
            doc = ex.document
            kg.replace_document(identity, graph, sha256=doc.sha256, language=doc.language, text=doc.text,
                                digest=digest)
    if old is not None:
        record_retired(kg, {str(old.iris[i]): str(new.iris[i]) for i in old.iris
                            if i in new.iris and old.iris[i] != new.iris[i]})
    write_curated_graph(kg, curation)
    refresh_derived(kg)
    kg.save()


def extraction_from_store(kg: KnowledgeGraph, identity: str, lexicon: Lexicon) -> Extraction:
    """Extract a stored document again from the cleaned text the store keeps (deterministic)."""
    doc = stored_document(kg, identity)
    if doc.media_type in ("application/yaml", "text/csv"):
        return parse_curated(doc.text, identity, Path(identity))
    return extract_document(doc, lexicon)


def apply_rejects(graph: Graph, curation: Curation) -> None:
    """Drop the facts people rejected: a node (with its evidence) or one triple."""
    for reject in curation.rejects:
        if "fact" in reject:
            fact = URIRef(reject["fact"])
            for ann in list(graph.subjects(OA.hasBody, fact)):
                for part in ("", "#target", "#position", "#quote"):
                    graph.remove((URIRef(f"{ann}{part}"), None, None))
            graph.remove((fact, None, None))
            graph.remove((None, None, fact))
        else:
            graph.remove((URIRef(reject["subject"]), URIRef(reject["predicate"]), URIRef(reject["object"])))


def graph_digest(graph: Graph) -> str:
    """A hash of a graph's triples, to tell whether a document graph changed."""
    lines = sorted(graph.serialize(format="nt").splitlines())
    return "sha256:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()


def read_extraction(path: Path, identity: str, lexicon: Lexicon, *, max_bytes: int = 20_000_000) -> Extraction:
    """Read one file into an extraction: curated YAML/CSV as facts, any other document through the rules."""
    if path.suffix.lower() in CURATED_SUFFIXES and path.is_file():
        return read_curated(path, identity)
    doc = read_document(path, max_bytes=max_bytes)
    doc.identity = identity
    return extract_document(doc, lexicon)
