"""Ingest a batch of files into a knowledge graph: read, extract, map, write one graph per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jejaring.errors import InputError
from jejaring.graph.derive import refresh_derived
from jejaring.graph.store import KnowledgeGraph
from jejaring.ingest.curated import CURATED_SUFFIXES, read_curated
from jejaring.ingest.lexicon import Lexicon, load_lexicon
from jejaring.ingest.mapping import map_extraction
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.read import iter_paths, read_document
from jejaring.ingest.records import Extraction

__all__ = ["IngestReport", "ingest_paths"]

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

    Each document is written as one transaction: the graph never holds half a document. A file
    that cannot be used is reported in :attr:`IngestReport.failed` and the batch goes on.
    """
    report = IngestReport()
    lexicon = lexicon or load_lexicon()
    files = list(iter_paths(map(Path, paths), follow_symlinks=follow_symlinks, extra_suffixes=CURATED_SUFFIXES))
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
        if kg.document_hash(identity) == doc.sha256:
            report.unchanged.append(identity)
            continue
        graph = map_extraction(extraction)
        kg.replace_document(identity, graph, sha256=doc.sha256, language=doc.language, text=doc.text)
        report.written.append(identity)
        report.entities += len(extraction.entities)
        report.facts += len(extraction.memberships) + len(extraction.participations) + len(extraction.statements)
    if report.written:
        refresh_derived(kg)
        kg.save()
    return report


def read_extraction(path: Path, identity: str, lexicon: Lexicon, *, max_bytes: int = 20_000_000) -> Extraction:
    """Read one file into an extraction: curated YAML/CSV as facts, any other document through the rules."""
    if path.suffix.lower() in CURATED_SUFFIXES and path.is_file():
        return read_curated(path, identity)
    doc = read_document(path, max_bytes=max_bytes)
    doc.identity = identity
    return extract_document(doc, lexicon)
