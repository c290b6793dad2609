"""The evidence of a mention: a Web Annotation of 13 triples that locates the span in the document's text."""

from __future__ import annotations

import re
from collections import Counter

import pyoxigraph as ox

from jejaring.ingest.document import Document, Span
from jejaring.ingest.lexicon import load_lexicon
from jejaring.ingest.mapping import map_extraction
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.records import Extraction, Person
from jejaring.ontology.namespaces import OA, RDF, document_iri

# Invented; the astral letter before the name makes code points and UTF-16 units differ.
TEXT = "Catatan 𝔸: rapat dipimpin oleh Sari Wulandari di Balai Kota pada hari Senin."
NAME = "Sari Wulandari"


def _iri(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _evidence_of(triples: set[ox.Triple], node: str) -> dict[ox.NamedNode, set[ox.Triple]]:
    """Each annotation of ``node`` with the triples of it, its target and its selectors."""
    annotations = {t.subject for t in triples if t.predicate == _iri(OA.hasBody) and t.object.value == node}
    return {a: {t for t in triples if t.subject.value.split("#")[0] == a.value} for a in annotations}


def _one(triples: set[ox.Triple], predicate) -> ox.Literal | ox.NamedNode:
    (value,) = {t.object for t in triples if t.predicate == _iri(predicate)}
    return value


def _mention() -> tuple[Extraction, str]:
    start = TEXT.index(NAME)
    person = Person(key="person:sari", name=NAME,
                    spans=[Span(start, start + len(NAME), "person", NAME, "person-name", 0.9)])
    extraction = Extraction(Document("rapat.txt", TEXT))
    extraction.add(person)
    node = next(t.subject.value for t in map_extraction(extraction) if t.object == ox.Literal(NAME)
                and t.subject.value.startswith("https://w3id.org/jejaring/id/person/"))
    return extraction, node


def test_the_evidence_of_one_mention_is_thirteen_triples_of_the_web_annotation_model():
    extraction, node = _mention()
    ((_, evidence),) = _evidence_of(map_extraction(extraction), node).items()
    assert len(evidence) == 13
    predicates = Counter(re.split("[#/]", t.predicate.value)[-1] for t in evidence)
    assert predicates == {"type": 3, "hasBody": 1, "hasTarget": 1, "rule": 1,
                          "confidence": 1, "hasSource": 1, "hasSelector": 2, "start": 1, "end": 1, "exact": 1}
    types = {t.subject.value.rpartition("#")[2] if "#" in t.subject.value else "": t.object
             for t in evidence if t.predicate == _iri(RDF.type)}
    assert types == {"": _iri(OA.Annotation), "position": _iri(OA.TextPositionSelector),
                     "quote": _iri(OA.TextQuoteSelector)}  # one type each; the target is left untyped
    assert not any(t.predicate in (_iri(OA.prefix), _iri(OA.suffix)) for t in evidence)
    target = _one(evidence, OA.hasTarget)
    assert _one({t for t in evidence if t.subject == target}, OA.hasSource) == _iri(document_iri("rapat.txt"))


def test_the_evidence_locates_the_span_in_code_points():
    extraction, node = _mention()
    ((_, evidence),) = _evidence_of(map_extraction(extraction), node).items()
    start, end = int(_one(evidence, OA.start).value), int(_one(evidence, OA.end).value)
    assert TEXT[start:end] == _one(evidence, OA.exact).value == NAME
    assert (start, end) == (TEXT.index(NAME), TEXT.index(NAME) + len(NAME))


def test_every_annotation_of_an_extracted_document_slices_its_quote_out_of_the_text():
    text = ("Jakarta, 3 Mei 2021 - Kepala Badan Perencanaan Pembangunan Daerah Provinsi DKI Jakarta, Dimas Prakoso, "
            "membuka lokakarya ketahanan kota. Hadir pula Ratna Kusumawardani dari Yayasan Air Bersih Nusantara.")
    triples = map_extraction(extract_document(Document("lokakarya.txt", text, language="id"), load_lexicon()))
    annotations = {t.subject for t in triples if t.predicate == _iri(OA.hasBody)}
    assert len(annotations) >= 3
    for annotation in annotations:
        evidence = {t for t in triples if t.subject.value.split("#")[0] == annotation.value}
        start, end = int(_one(evidence, OA.start).value), int(_one(evidence, OA.end).value)
        assert text[start:end] == _one(evidence, OA.exact).value
        assert len(evidence) == 13
