"""Extraction in worker processes (the pool itself: tests/test_workers.py): same results as one process, a
pathological document skipped at the time limit, and the extraction cache used instead of extracting a stored
corpus again."""

from __future__ import annotations

import shutil
from pathlib import Path

import jejaring.service as service
from jejaring.graph.store import open_graph
from jejaring.service import decide, ingest_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "corpus", folder)
    return folder


def test_ingest_with_two_jobs_gives_the_same_graph_as_one(tmp_path):
    corpus = _corpus(tmp_path)
    graphs = []
    for jobs in (1, 2):
        with open_graph(tmp_path / f"graph-{jobs}") as kg:
            report = ingest_paths(kg, [corpus, EXAMPLES / "curated"], jobs=jobs, time_limit=60)
            assert report.exit_code == 0 and len(report.written) == 10
            graphs.append(kg.comparable_quads())
    assert graphs[0] == graphs[1] and len(graphs[0]) > 1000


def test_a_pathological_document_is_skipped_at_the_time_limit(tmp_path):
    corpus = _corpus(tmp_path)
    text = (EXAMPLES / "corpus" / "02-laporan-bulanan-id.txt").read_text()
    (corpus / "huge.txt").write_text(text * 400)  # about 1.5 MB of dense facts: far past a 5 s limit
    with open_graph(tmp_path / "graph") as kg:
        report = ingest_paths(kg, [corpus], jobs=2, time_limit=5)
        assert [p for p, _ in report.failed] == [str(corpus / "huge.txt")]
        assert "time limit of 5 s" in report.failed[0][1]
        assert len(report.written) == 8 and report.exit_code == 1
        assert "huge.txt" not in {d.identity for d in kg.documents()}


def _held_back(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Move one document out of the corpus; returns where it belongs and where it waits."""
    late = corpus / "05-semarang-workshop-en.md"
    held = tmp_path / late.name
    late.rename(held)
    return late, held


def _count_extractions(monkeypatch) -> list[str]:
    """The identities of the documents extracted from now on (cache hits are not extractions)."""
    calls: list[str] = []
    extract = service.extract_document
    monkeypatch.setattr(service, "extract_document", lambda doc, lex: calls.append(doc.identity) or extract(doc, lex))
    return calls


def test_a_new_document_does_not_extract_the_stored_corpus_again(tmp_path, monkeypatch):
    monkeypatch.setenv("JEJARING_CACHE", str(tmp_path / "cache"))
    corpus = _corpus(tmp_path)
    late, held = _held_back(corpus, tmp_path)
    with open_graph(tmp_path / "graph") as kg:
        ingest_paths(kg, [corpus])
        calls = _count_extractions(monkeypatch)
        held.rename(late)
        report = ingest_paths(kg, [corpus])
        assert report.written == [late.name] and calls == [late.name]


def test_without_the_cache_the_stored_corpus_is_extracted_again_with_the_same_result(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    with open_graph(tmp_path / "cached") as kg:
        ingest_paths(kg, [corpus])
        cached = kg.comparable_quads()
    monkeypatch.setenv("JEJARING_CACHE", "off")
    late, held = _held_back(corpus, tmp_path)
    with open_graph(tmp_path / "uncached") as kg:
        ingest_paths(kg, [corpus])
        calls = _count_extractions(monkeypatch)
        held.rename(late)
        ingest_paths(kg, [corpus])
        assert len(calls) == 8  # seven stored documents again, and the new one
        assert kg.comparable_quads() == cached


def test_the_stored_corpus_is_resolved_from_the_cache_and_again_after_a_decision(tmp_path, monkeypatch):
    monkeypatch.setenv("JEJARING_CACHE", str(tmp_path / "cache"))
    corpus = _corpus(tmp_path)
    late, held = _held_back(corpus, tmp_path)
    resolved: list[int] = []
    resolve_corpus = service.resolve_corpus
    monkeypatch.setattr(service, "resolve_corpus", lambda ex, *a: resolved.append(len(ex)) or resolve_corpus(ex, *a))
    with open_graph(tmp_path / "graph") as kg:
        ingest_paths(kg, [corpus])
        held.rename(late)
        ingest_paths(kg, [corpus])
        assert resolved == [7, 8]  # the seven stored documents were resolved by the first ingest
        person = next(iter(kg.query("SELECT ?p WHERE { ?p a <https://schema.org/Person> } LIMIT 1")))["p"]
        decide(kg, "alias", person.value, "Another Name")
        assert resolved == [7, 8, 8]  # a decision changes the resolution's inputs
    monkeypatch.setenv("JEJARING_CACHE", "off")
    with open_graph(tmp_path / "graph") as kg:
        decide(kg, "alias", person.value, "A Third Name")
        assert resolved == [7, 8, 8, 8, 8]  # without the cache, the stored corpus is resolved twice
