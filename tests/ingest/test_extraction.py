"""Extraction quality and evidence, on the reference document and on the project's own example corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jejaring.evaluate import evaluate
from jejaring.graph.store import open_graph
from jejaring.graph.views.export import write_rdf
from jejaring.service import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
GOLD = ROOT / "examples" / "gold"
EXAMPLES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md")


@pytest.fixture(scope="module")
def reference_graph(tmp_path_factory, request):
    shared = ROOT.parent / "shared"
    if not (shared / "corpus" / "seed-seoul-clv.txt").exists():
        pytest.skip("../shared (the reference document and its gold) is not beside the repository")
    folder = tmp_path_factory.mktemp("reference")
    with open_graph(folder / "g.trig") as kg:
        report = ingest_paths(kg, [shared / "corpus" / "seed-seoul-clv.txt"])
        assert report.failed == []
        write_rdf(kg, "trig", folder / "export.trig")
        dataset = kg.dataset()
        gold = json.loads((shared / "gold" / "seed-seoul-clv.json").read_text())
        yield {"report": evaluate(dataset, gold), "trig": folder / "export.trig", "shared": shared}


def test_extraction_reference_meets_the_bar_by_jejaring_eval(reference_graph):
    report = reference_graph["report"]
    assert report.entity_f1 >= 0.95, report
    assert report.relations_recall >= 0.90, report


def test_extraction_reference_meets_the_bar_by_the_reference_scorer(reference_graph):
    shared = reference_graph["shared"]
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(reference_graph["trig"]),
         str(shared / "gold" / "seed-seoul-clv.json"), "--json"],
        capture_output=True, text=True, check=True)
    summary = json.loads(out.stdout)["summary"]
    assert summary["entities"]["f1"] >= 0.95, summary
    assert summary["relations_recall"] >= 0.90, summary


@pytest.mark.parametrize("document", EXAMPLES, ids=lambda p: p.name)
def test_extraction_example_corpus_entity_f1(tmp_path, document):
    gold = json.loads((GOLD / f"{document.stem}.json").read_text())
    with open_graph(tmp_path / "g.trig") as kg:
        assert ingest_paths(kg, [document]).failed == []
        report = evaluate(kg.dataset(), gold)
    assert report.entity_f1 >= 0.90, report


def test_extraction_every_evidence_span_slices_back_to_its_quote(tmp_path):
    with open_graph(tmp_path / "g.trig") as kg:
        ingest_paths(kg, EXAMPLES)
        texts = {d.iri: kg.document_text(d.identity) for d in kg.documents()}
        rows = list(kg.query("""
            PREFIX oa: <http://www.w3.org/ns/oa#>
            SELECT ?src ?start ?end ?exact WHERE { GRAPH ?g {
              ?t oa:hasSource ?src ; oa:hasSelector ?p , ?q .
              ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact } }"""))
    assert len(rows) > 500
    for r in rows:
        text = texts[r["src"].value]
        assert text[int(r["start"].value):int(r["end"].value)] == r["exact"].value


def test_extraction_is_deterministic(tmp_path):
    quads = []
    for name in ("a", "b"):
        with open_graph(tmp_path / f"{name}.trig") as kg:
            ingest_paths(kg, EXAMPLES)
            quads.append(kg.comparable_quads())
    assert quads[0] == quads[1]


def _facts(extraction) -> dict[str, set]:
    """What an extraction says, independent of offsets: entities by kind and name, and the facts between them."""
    ents = extraction.entities
    name = {k: (e.kind, e.name) for k, e in ents.items()}
    return {
        "entities": set(name.values()),
        "memberships": {(name[m.person], name.get(m.organisation), m.role) for m in extraction.memberships},
        "participation": {(name[p.event], name[p.agent], p.organiser) for p in extraction.participations},
        "lessons": {(e.name, name.get(e.event), name.get(e.learned_from), tuple(sorted(name[x][1] for x in e.examples)))
                    for e in ents.values() if e.kind == "lesson"},
    }


@pytest.mark.parametrize("wrap", ["html", "pdf"])
def test_extraction_reference_as_web_page_and_pdf_gives_the_same_facts(tmp_path, wrap):
    from pages import FONT, html_page, paragraphs, pdf_document

    from jejaring.ingest.lexicon import load_lexicon
    from jejaring.ingest.pipeline import extract_document
    from jejaring.ingest.read import read_document

    reference = ROOT.parent / "shared" / "corpus" / "seed-seoul-clv.txt"
    if not reference.exists():
        pytest.skip("../shared (the reference document) is not beside the repository")
    if wrap == "pdf" and not FONT.exists():
        pytest.skip(f"{FONT} is missing: apt-get install -y fonts-dejavu-core")
    lexicon = load_lexicon()
    plain = read_document(reference)
    if wrap == "html":
        path = tmp_path / "page.html"
        path.write_text(html_page(plain.text), encoding="utf-8")
    else:
        path = pdf_document(tmp_path / "article.pdf", paragraphs(plain.text), FONT)
    expected, got = _facts(extract_document(plain, lexicon)), _facts(extract_document(read_document(path), lexicon))
    for key in expected:
        assert got[key] == expected[key], key
