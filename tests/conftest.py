"""Shared fixtures: the project's example data and the shared reference material beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def extraction_cache(tmp_path_factory) -> Path:
    """Every test caches extractions in a folder of its session, never in the user's cache."""
    folder = tmp_path_factory.mktemp("extraction-cache")
    os.environ["JEJARING_CACHE"] = str(folder)
    return folder


@pytest.fixture
def curated_dir() -> Path:
    """The folder of hand-curated example facts (YAML and CSV)."""
    return EXAMPLES / "curated"


@pytest.fixture
def shared() -> Path:
    """``../shared`` beside the repository (reference document, gold, scorer); skip when absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (reference corpus and gold) is not beside the repository")
    return SHARED


# -- the example graph of the SPARQL tests (issue 5) ---------------------------------------------
#: A small document of statements, added to examples/curated so endorsement and evidence queries
#: have rows (the curated files have no statements, no offsets and no jj:endorses shortcut).
NOTES_IDENTITY = "notes/diskusi-publik.txt"
NOTES_TEXT = ("Catatan Diskusi Publik, 13 Juni 2019. Blessmiyanda mendukung pelajaran kepemimpinan dari Seoul. "
              "James Ballo mempertanyakan perencanaan terpadu.")


def add_statement_notes(kg) -> None:
    """Add a document with two statements (one supports, one questions), a mention with offsets, and a
    ``jj:endorses`` shortcut; entities are looked up by label, so the notes follow the curated IRIs."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, XSD

    from jejaring.ontology.namespaces import ID, JJ, OA, SCHEMA, document_iri

    def find(label: str, cls: URIRef) -> URIRef:
        rows = list(kg.query(f"SELECT DISTINCT ?s ?label WHERE {{ ?s a <{cls}> ; ?p ?l FILTER(STR(?l) = ?label) }}",
                             {"label": Literal(label)}))
        assert len(rows) == 1, f"{label}: {rows}"
        return URIRef(rows[0]["s"].value)

    doc = document_iri(NOTES_IDENTITY)
    discussion = find("Diskusi Publik Hasil Pembelajaran Cross Learning Visit Seoul", SCHEMA.Event)
    g = Graph()
    for t in [(doc, RDF.type, FOAF.Document), (doc, RDF.type, SCHEMA.Report),
              (doc, DCTERMS.title, Literal("Catatan Diskusi Publik", lang="id")),
              (doc, DCTERMS.date, Literal("2019-06-14", datatype=XSD.date)), (doc, DCTERMS.language, Literal("id"))]:
        g.add(t)

    def annotate(node: URIRef, quote: str, rule: str) -> None:
        start = NOTES_TEXT.index(quote)
        ann = ID[f"annotation/notes-{rule}-{start}"]
        target, position, selector = (URIRef(f"{ann}#{part}") for part in ("target", "position", "quote"))
        for t in [(ann, RDF.type, OA.Annotation), (ann, OA.hasBody, node), (ann, OA.hasTarget, target),
                  (ann, JJ.rule, Literal(rule)), (ann, JJ.confidence, Literal("0.9", datatype=XSD.decimal)),
                  (target, RDF.type, OA.SpecificResource), (target, OA.hasSource, doc),
                  (target, OA.hasSelector, position), (target, OA.hasSelector, selector),
                  (position, RDF.type, OA.TextPositionSelector),
                  (position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)),
                  (position, OA.end, Literal(start + len(quote), datatype=XSD.nonNegativeInteger)),
                  (selector, RDF.type, OA.TextQuoteSelector), (selector, OA.exact, Literal(quote))]:
            g.add(t)

    def statement(name: str, who: URIRef, lesson: URIRef, stance: str, quote: str) -> None:
        node = ID[f"statement/{name}"]
        for t in [(node, RDF.type, JJ.Statement), (node, RDF.type, PROV.Entity), (node, PROV.wasAttributedTo, who),
                  (node, PROV.wasGeneratedBy, discussion), (node, SCHEMA.about, lesson),
                  (node, JJ.stance, Literal(stance)), (node, JJ.extractedFrom, doc)]:
            g.add(t)
        annotate(node, quote, "statement")

    blessmiyanda = find("Blessmiyanda", SCHEMA.Person)
    leadership = find("Kepemimpinan, komitmen pemerintah, dan konsistensi", JJ.Lesson)
    planning = find("Perencanaan Terpadu", JJ.Lesson)
    statement("notes-blessmiyanda", blessmiyanda, leadership, "supports",
              "Blessmiyanda mendukung pelajaran kepemimpinan dari Seoul")
    statement("notes-james-ballo", find("James Ballo", SCHEMA.Person), planning, "questions",
              "James Ballo mempertanyakan perencanaan terpadu")
    annotate(blessmiyanda, "Blessmiyanda", "person")
    g.add((find("Oswar Mungkasa", SCHEMA.Person), JJ.endorses, planning))
    kg.replace_document(NOTES_IDENTITY, g, sha256="sha256:" + "0" * 64, language="id", text=NOTES_TEXT)


def build_example_graph(location) -> None:
    """Ingest examples/curated into the graph at ``location`` and add the statement notes."""
    from jejaring.graph.store import open_graph
    from jejaring.service import ingest_paths

    with open_graph(location) as kg:
        ingest_paths(kg, [EXAMPLES / "curated"])
        add_statement_notes(kg)
        kg.save()


@pytest.fixture(scope="session")
def example_graph():
    """A function building the SPARQL tests' example graph at a location (directory, .trig file or URL)."""
    return build_example_graph
