"""Where ingest meets the store: ingest a batch of files (read, extract, map, write one graph per document),
rebuild, remove documents, and record and review curated decisions."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import URIRef

from jejaring.errors import InputError, JejaringError
from jejaring.graph.store.base import CURATED_GRAPH, DocumentGraph, writing
from jejaring.graph.store.derive import refresh_derived
from jejaring.graph.store.local import KnowledgeGraph, atomic_write
from jejaring.graph.store.meta import document_state, rebuilding, record_retired, set_rebuilding, stored_document
from jejaring.ingest.cache import extraction_key, load_cached, resolution_key, save_cached
from jejaring.ingest.curated import CURATED_SUFFIXES, parse_curated, read_curated
from jejaring.ingest.curation import apply_rejects, curated_triples, curation_path, curation_text, load_curation
from jejaring.ingest.document import Document, path_identity
from jejaring.ingest.lexicon import Lexicon, load_lexicon
from jejaring.ingest.link import Curation, Resolution, resolve_corpus
from jejaring.ingest.mapping import map_extraction, to_ntriples
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.read import iter_paths, read_document
from jejaring.ingest.records import Extraction
from jejaring.workers import TaskFailed, run_tasks

__all__ = [
    "IngestReport",
    "decide",
    "ingest_paths",
    "rebuild",
    "remove_documents",
    "resolve",
    "review",
    "save_curation",
    "stored_extractions",
    "write_curated_graph",
]

Progress = Callable[[str, str, int], None]
"""Called with a stage, an identity and the stage's count: ``("extract", identity, files)`` after each
file is read and extracted, ``("write", identity, documents)`` as each document graph goes to the store."""


@dataclass
class IngestReport:
    """What an ingest run did: documents written, unchanged, failed, and the facts found."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    entities: int = 0
    facts: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every document was read, 1 when some failed or files were skipped and none read, 2 when none
        could be read."""
        if not self.failed:
            return 1 if self.skipped and not (self.written or self.unchanged) else 0
        return 2 if not (self.written or self.unchanged) else 1


def ingest_paths(
    kg: KnowledgeGraph,
    paths: Iterable[str | Path],
    *,
    lexicon: Lexicon | None = None,
    follow_symlinks: bool = False,
    max_bytes: int = 20_000_000,
    jobs: int = 1,
    time_limit: float | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders into ``kg``; a document whose content is unchanged is skipped.

    Files are read and extracted in ``jobs`` worker processes (this process is the one writer); a file
    that takes longer than ``time_limit`` seconds is stopped and reported. Then the whole corpus is
    resolved again (one entity per real-world thing, :mod:`jejaring.ingest.link`) and every document
    graph whose inputs changed is written. A document is written whole or not at all. A file that
    cannot be used is reported in :attr:`IngestReport.failed` and the batch goes on.
    """
    report = IngestReport()
    lexicon = lexicon or load_lexicon()
    paths, skipped_at = [Path(p) for p in paths], set()

    def skip(path: Path, why: str) -> None:
        skipped_at.add(path)
        report.skipped.append(f"{path}: {why}")

    files = list(iter_paths(paths, follow_symlinks=follow_symlinks, extra_suffixes=CURATED_SUFFIXES, skipped=skip))
    report.warnings += report.skipped
    for folder in paths:  # a folder of other files is said by skip(); one of nothing at all is an error
        if folder.is_dir() and folder not in skipped_at and not any(root == folder for _, root in files):
            report.failed.append((str(folder), f"no documents found in {folder}"))
    stored = document_state(kg)
    tasks = []
    for path, root in files:
        identity = path_identity(path.relative_to(root))
        tasks.append(_FileTask(path, identity, stored.get(identity, (None, None))[0], max_bytes))
    results: list = [None] * len(tasks)
    for index, result in run_tasks(_extract_file, tasks, lexicon, jobs=jobs, time_limit=time_limit):
        results[index] = result
        if progress:
            progress("extract", tasks[index].identity, len(tasks))
    changed: dict[str, Extraction] = {}
    for task, result in zip(tasks, results, strict=True):
        if isinstance(result, TaskFailed):
            report.failed.append((str(task.path), str(result)))
            continue
        warnings, extraction = result
        report.warnings += [f"{task.path}: {w}" for w in warnings]
        if extraction is None or task.identity in changed:
            report.unchanged.append(task.identity)
            continue
        changed[task.identity] = extraction
        report.written.append(task.identity)
        report.entities += len(extraction.entities)
        report.facts += len(extraction.memberships) + len(extraction.participations) + len(extraction.statements)
    if changed or rebuilding(kg):
        rebuild(kg, lexicon, changed=changed, jobs=jobs, time_limit=time_limit, progress=progress)
    return report


def remove_documents(kg: KnowledgeGraph, identities: Iterable[str], *, lexicon: Lexicon | None = None) -> list[str]:
    """Retract documents: their graphs go, and the rest of the corpus is resolved again, so every label
    and merge that only they supported goes too. Returns the identities that were in the graph."""
    with writing(kg.location):
        removed = [i for i in identities if kg.remove_document(i)]
    if removed:
        rebuild(kg, lexicon or load_lexicon(), changed={})
    return removed


def rebuild(kg: KnowledgeGraph, lexicon: Lexicon, *, changed: Mapping[str, Extraction], jobs: int = 1,
            time_limit: float | None = None, progress: Progress | None = None) -> None:
    """Resolve the corpus (stored documents plus ``changed``) and write every document graph whose inputs
    (extraction, canonical IRIs, rejected facts) differ from those it was written with; then the derived
    graph, and save. A rebuild stopped half-way is marked in the store and finished by the next ingest."""
    curation = load_curation(kg.location)
    state = document_state(kg)
    digests = {identity: digest for identity, (_, digest) in state.items()}
    before = stored_extractions(kg, lexicon, jobs=jobs, time_limit=time_limit, state=state)
    after = {**before, **changed}
    # resolving shares merged events' dates among the extractions it is given: the old corpus is resolved on a
    # copy, so its merges never reach the new resolution (the graph must not depend on what was stored before)
    old = resolve(copy.deepcopy(before), curation, lexicon) if before else None
    new = resolve(after, curation, lexicon)
    with writing(kg.location):
        set_rebuilding(kg, True)
        kg.write_documents(_stale_graphs(after, new, curation, lexicon, digests, changed, jobs, progress))
        if old is not None:
            record_retired(kg, {str(old.iris[i]): str(new.iris[i]) for i in old.iris
                                if i in new.iris and old.iris[i] != new.iris[i]})
        write_curated_graph(kg, curation)
        refresh_derived(kg)
        set_rebuilding(kg, False)
        kg.save()


def resolve(extractions: Mapping[str, Extraction], curation: Curation, lexicon: Lexicon) -> Resolution:
    """The corpus resolution (:func:`~jejaring.ingest.link.resolve_corpus`); from the cache when the same
    extractions were resolved with the same decisions before, as the last ingest did for the stored corpus."""
    key = resolution_key((extraction_key(i, ex.document.sha256, lexicon) for i, ex in extractions.items()),
                         json.dumps(asdict(curation), sort_keys=True))
    resolution = load_cached(key, Resolution)
    if resolution is None:
        resolution = resolve_corpus(extractions, curation, lambda acronym: lexicon.agency_type(acronym) is not None,
                                    lexicon.theme_for, lambda word: (p := lexicon.place(word)) and p.kind)
        save_cached(key, resolution)
    else:
        resolution.share_dates(extractions)
    return resolution


def _stale_graphs(extractions: Mapping[str, Extraction], resolution: Resolution, curation: Curation,
                  lexicon: Lexicon, digests: Mapping[str, str | None], changed: Mapping[str, Extraction],
                  jobs: int = 1, progress: Progress | None = None) -> Iterator[DocumentGraph]:
    """The document graphs to write: changed documents, and those whose inputs differ from the digest
    recorded when they were written; mapped to RDF in ``jobs`` worker processes, yielded as they come."""
    rejects = json.dumps(curation.rejects, sort_keys=True)
    tasks = []
    for identity, ex in sorted(extractions.items()):
        iris = resolution.for_document(identity)
        inputs = [extraction_key(identity, ex.document.sha256, lexicon), rejects,
                  *sorted(f"{k} {v}" for k, v in iris.items())]
        digest = "sha256:" + hashlib.sha256("\n".join(inputs).encode()).hexdigest()
        if identity in changed or digests.get(identity) != digest:
            tasks.append(_MapTask(ex, iris, digest))
    for index, result in run_tasks(_map_document, tasks, curation, jobs=jobs):
        if isinstance(result, TaskFailed):
            raise JejaringError(f"{tasks[index].extraction.document.identity}: cannot map to RDF: {result}")
        if progress:
            progress("write", result.identity, len(tasks))
        yield result


@dataclass(frozen=True)
class _MapTask:
    extraction: Extraction
    iris: dict[str, URIRef]
    digest: str


def _map_document(task: _MapTask, curation: Curation) -> DocumentGraph:
    """One document's graph (in a worker): its extraction mapped with the corpus IRIs, rejects dropped."""
    triples = map_extraction(task.extraction, task.iris)
    apply_rejects(triples, curation)
    doc = task.extraction.document
    return DocumentGraph(doc.identity, to_ntriples(triples), len(triples), doc.sha256, doc.language, doc.text,
                         task.digest)


def stored_extractions(kg: KnowledgeGraph, lexicon: Lexicon, *, jobs: int = 1, time_limit: float | None = None,
                       state: Mapping[str, tuple[str, str | None]] | None = None) -> dict[str, Extraction]:
    """The extraction of every stored document: from the cache when it holds it, else extracted again from
    the cleaned text the store keeps (deterministic), in ``jobs`` worker processes. ``state`` is the
    store's :func:`~jejaring.graph.store.meta.document_state`, when the caller has it already."""
    out: dict[str, Extraction] = {}
    missing: list[Document] = []
    for identity, (sha256, _) in sorted((state if state is not None else document_state(kg)).items()):
        cached = load_cached(extraction_key(identity, sha256, lexicon), Extraction)
        if cached is not None:
            out[identity] = cached
        else:
            missing.append(stored_document(kg, identity))
    for index, result in run_tasks(_extract_stored, missing, lexicon, jobs=jobs, time_limit=time_limit):
        if isinstance(result, TaskFailed):
            raise JejaringError(f"{missing[index].identity}: the stored document cannot be extracted again: {result}")
        out[missing[index].identity] = result
    return out


@dataclass(frozen=True)
class _FileTask:
    path: Path
    identity: str
    stored_hash: str | None
    max_bytes: int


def _extract_file(task: _FileTask, lexicon: Lexicon) -> tuple[list[str], Extraction | None]:
    """Read and extract one file (in a worker): its warnings, and its extraction (None: unchanged)."""
    try:
        if task.path.suffix.lower() in CURATED_SUFFIXES and task.path.is_file():
            extraction = read_curated(task.path, task.identity)
        else:
            doc = read_document(task.path, max_bytes=task.max_bytes, lexicon=lexicon)
            doc.identity = task.identity
            if doc.sha256 == task.stored_hash:
                return doc.warnings, None
            extraction = _extract_cached(doc, lexicon)
            return doc.warnings, extraction
    except InputError as e:
        raise TaskFailed(str(e)) from None
    unchanged = extraction.document.sha256 == task.stored_hash
    return extraction.document.warnings, None if unchanged else extraction


def _extract_stored(doc: Document, lexicon: Lexicon) -> Extraction:
    """Extract a stored document again (in a worker): curated facts are parsed, text goes through the rules."""
    if doc.media_type in ("application/yaml", "text/csv"):
        return parse_curated(doc.text, doc.identity, Path(doc.identity))
    return _extract_cached(doc, lexicon)


def _extract_cached(doc: Document, lexicon: Lexicon) -> Extraction:
    key = extraction_key(doc.identity, doc.sha256, lexicon)
    extraction = load_cached(key, Extraction)
    if extraction is None:
        extraction = extract_document(doc, lexicon)
        save_cached(key, extraction)
    return extraction


# -- curated decisions: recorded in curation.yaml, applied by resolving the corpus again -----------------
def decide(kg: KnowledgeGraph, action: str, *args: str, lexicon=None) -> Curation:
    """Record a decision and apply it: ``merge A B``, ``distinct A B`` (entities by IRI or label),
    ``alias ENTITY LABEL``, ``reject FACT`` or ``reject SUBJECT PREDICATE OBJECT``.

    The entities are named in ``curation.yaml`` by their IRI and every label they have now, so the
    decision still finds them when a new document changes an IRI. The corpus is resolved again.
    """
    from jejaring.graph.views.describe import entity_labels, find_entity

    curation = load_curation(kg.location)
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


def save_curation(kg: KnowledgeGraph, curation: Curation) -> None:
    """Write ``curation.yaml`` beside the store (atomically; a remote store has none) and the curated graph."""
    path = curation_path(kg.location)
    if path is not None:
        with atomic_write(path, "w") as fh:
            fh.write(curation_text(curation))
    write_curated_graph(kg, curation)


def write_curated_graph(kg: KnowledgeGraph, curation: Curation) -> None:
    """Replace the curated graph with the decisions, as one transaction."""
    kg.replace_graph(CURATED_GRAPH, curated_triples(curation))


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
    from jejaring.graph.views.describe import describe_entity

    lexicon = lexicon or load_lexicon()
    resolution = resolve(stored_extractions(kg, lexicon), load_curation(kg.location), lexicon)
    out = []
    for c in resolution.candidates:
        quotes = []
        for iri in (c.first, c.second):
            d = describe_entity(kg, iri)
            own = [e for e in d.evidence if e.about == d.label] or d.evidence
            quotes.append(f"{own[0].document}: {own[0].sentence}" if own else "")
        out.append((c, *quotes))
    return out
