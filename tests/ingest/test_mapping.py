"""The RDF mapping: Oxigraph triples equal to the golden graphs (first written by the rdflib mapping they
replace), N-Triples that any RDF reader reads back, and rejected facts dropped.

Rewrite the golden files, after reviewing why they change, with
``JEJARING_UPDATE_GOLDEN=1 .venv/bin/pytest tests/ingest/test_mapping.py``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from jejaring.graph.store.terms import to_ox
from jejaring.ingest.curated import CURATED_SUFFIXES, parse_curated, read_curated
from jejaring.ingest.curation import apply_rejects
from jejaring.ingest.document import Document
from jejaring.ingest.lexicon import load_lexicon
from jejaring.ingest.link import Curation, resolve_corpus
from jejaring.ingest.mapping import map_extraction, to_ntriples
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.read import read_document
from jejaring.ingest.records import Extraction
from jejaring.ontology.namespaces import document_iri

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("JEJARING_UPDATE_GOLDEN") == "1"

# Invented people, bodies and events (never the reference document's), written to reach every mapper:
# memberships with dates, attendance, statements, lessons, citations, labels, honorifics and degrees.
TEXT = """Kunjungan Belajar ke Bandung

Jakarta, 14 Maret 2019 - Kepala Dinas Lingkungan Hidup Provinsi DKI Jakarta, Ir. Wulan Kartikasari, M.Sc., \
memimpin kunjungan belajar ke Bandung pada 12-13 Maret 2019. Rombongan juga diikuti Galih Pratama, staf Badan \
Penanggulangan Bencana Daerah (BPBD) Provinsi DKI Jakarta, dan Yohana Simatupang dari Yayasan Kota Hijau Lestari (YKHL).

Kunjungan diselenggarakan oleh Sekretariat Jakarta Berketahanan bersama Pemerintah Kota Bandung. Dari Bandung, \
rombongan belajar tentang pengelolaan sampah berbasis warga dan program Kampung Siaga Bencana.

"Warga harus menjadi mitra, bukan hanya penerima program," kata Wulan Kartikasari. Galih Pratama menambahkan bahwa \
peringatan dini banjir perlu melibatkan kelurahan.

Sejak Januari 2020, Wulan Kartikasari menjabat Asisten Deputi bidang Lingkungan Hidup.
"""
CURATED = """language: id
source: https://example.org/catatan-kunjungan
places:
  - {id: bandung, name: Bandung, kind: city, country: indonesia}
  - {id: indonesia, name: Indonesia, kind: country}
organisations:
  - {id: pemkot-bandung, name: Pemerintah Kota Bandung, kind: city-government, sector: government}
  - {id: dlh-bandung, name: Dinas Lingkungan Hidup Kota Bandung, acronym: DLH, kind: dinas, unit: true,
     parent: pemkot-bandung}
persons:
  - {id: wulan, name: Wulan Kartikasari, honorific: [Ir.], degrees: [M.Sc.], aliases: [Wulan K.]}
  - {id: galih, name: Galih Pratama, misspellings: [Galih Partama]}
programmes:
  - {id: kampung-siaga, name: Kampung Siaga Bencana, place: bandung}
posts:
  - {person: galih, organisation: dlh-bandung, role: Staf, start: 2017-01-02, end: 2019-12-31}
events:
  - id: kunjungan
    name: Kunjungan Belajar ke Bandung
    kind: LearningVisit
    start: 2019-03-12
    end: 2019-03-13
    place: bandung
    attendees: [wulan, galih]
    organisers: [pemkot-bandung]
    quote: kunjungan belajar ke Bandung
lessons:
  - {title: Warga sebagai mitra, title_en: Residents as partners, city: bandung, event: kunjungan, theme: leadership,
     examples: [kampung-siaga]}
"""


def handmade_extractions() -> dict[str, Extraction]:
    """A text document through the rules and a curated file, both invented."""
    doc = Document("kunjungan-bandung.txt", TEXT, language="id", title="Kunjungan Belajar ke Bandung",
                   date=date(2019, 3, 14), references=["https://example.org/berita"])
    return {doc.identity: extract_document(doc, load_lexicon()),
            "catatan.yaml": parse_curated(CURATED, "catatan.yaml", Path("catatan.yaml"))}


def example_extractions() -> dict[str, Extraction]:
    """The example corpus and curated files, read and extracted as ``ingest`` does (named by file name)."""
    out = {}
    for path in sorted([*(ROOT / "examples" / "corpus").iterdir(), *(ROOT / "examples" / "curated").iterdir()]):
        if path.suffix in CURATED_SUFFIXES:
            out[path.name] = read_curated(path, path.name)
        else:
            doc = read_document(path)
            doc.identity = path.name
            out[path.name] = extract_document(doc, load_lexicon())
    return out


def mapped(extractions: dict[str, Extraction]) -> dict[str, set[ox.Triple]]:
    """Every document's triples, with the IRIs of the corpus's resolution."""
    lexicon = load_lexicon()
    resolution = resolve_corpus(extractions, Curation(), lambda acronym: lexicon.agency_type(acronym) is not None)
    return {identity: map_extraction(ex, resolution.for_document(identity)) for identity, ex in extractions.items()}


def ntriples_lines(triples: set[ox.Triple]) -> str:
    """A set of triples as sorted N-Triples lines, the form the golden files are kept and reviewed in."""
    return b"\n".join(sorted(to_ntriples(triples).splitlines())).decode("utf-8") + "\n"


def test_mapping_handmade_documents_match_the_golden_graph():
    quads = {ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(document_iri(identity))))
             for identity, triples in mapped(handmade_extractions()).items() for t in triples}
    golden = GOLDEN / "mapping-handmade.trig"
    if UPDATE:
        golden.write_bytes(ox.serialize(sorted(quads, key=lambda q: (str(q.graph_name), str(q.triple))),
                                        format=ox.RdfFormat.TRIG))
    assert quads == set(ox.parse(path=golden, format=ox.RdfFormat.TRIG))


def test_mapping_example_corpus_matches_the_golden_graphs():
    got = {identity: ntriples_lines(triples) for identity, triples in mapped(example_extractions()).items()}
    folder = GOLDEN / "examples"
    if UPDATE:
        folder.mkdir(exist_ok=True)
        for stale in folder.glob("*.nt"):
            stale.unlink()
        for identity, text in got.items():
            (folder / f"{identity}.nt").write_text(text, encoding="utf-8")
    expected = {path.name.removesuffix(".nt"): path.read_text(encoding="utf-8") for path in folder.glob("*.nt")}
    assert sorted(got) == sorted(expected)
    for identity, text in got.items():
        assert text == expected[identity], f"{identity}: the graph differs from tests/golden/examples/{identity}.nt"


@pytest.mark.parametrize("text", ['say "hi"', "back\\slash", "line\nbreak\r\ttab", "é ü 漢字 🙂", "\x00\x07\x7f", ""])
def test_mapping_to_ntriples_escapes_literals_so_rdflib_reads_them_back(text):
    triples = {ox.Triple(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal(text)),
               ox.Triple(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/q"),
                         ox.Literal(text, language="id"))}
    graph = Graph().parse(data=to_ntriples(triples).decode("utf-8"), format="nt")
    assert {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph} == triples


def test_mapping_to_ntriples_reads_back_as_the_same_triples():
    for triples in mapped(handmade_extractions()).values():
        assert {q.triple for q in ox.parse(to_ntriples(triples), format=ox.RdfFormat.N_TRIPLES)} == triples


def _handmade_triples() -> set[ox.Triple]:
    return mapped(handmade_extractions())["kunjungan-bandung.txt"]


def _about(triples: set[ox.Triple], iri: str) -> set[ox.Triple]:
    return {t for t in triples if iri in (t.subject.value, t.object.value)}


def test_apply_rejects_a_fact_drops_it_its_evidence_and_links_to_it():
    triples = _handmade_triples()
    membership = min(t.subject.value for t in triples if "/membership/" in t.subject.value and "#" not in t.subject.value)
    annotations = {t.subject.value for t in triples if t.object == ox.NamedNode(membership)
                   and t.predicate.value.endswith("hasBody")}
    before = len(triples)
    apply_rejects(triples, Curation(rejects=[{"fact": membership}]))
    assert annotations and not _about(triples, membership)
    assert not any(_about(triples, f"{a}{part}") for a in annotations for part in ("", "#target", "#position", "#quote"))
    assert len(triples) < before - len(annotations)


def test_apply_rejects_a_triple_drops_only_that_triple():
    triples = _handmade_triples()
    attendance = next(t for t in triples if t.predicate.value == "https://schema.org/attendee")
    expected = triples - {attendance}
    apply_rejects(triples, Curation(rejects=[{"subject": attendance.subject.value, "predicate": attendance.predicate.value,
                                              "object": attendance.object.value}]))
    assert triples == expected


def test_apply_rejects_ignores_a_reject_that_names_no_iri():
    triples = _handmade_triples()
    expected = set(triples)
    apply_rejects(triples, Curation(rejects=[{"fact": "not an IRI"}, {"subject": "a", "predicate": "b", "object": "c"}]))
    assert triples == expected


def test_mapping_a_former_post_ends_before_the_report_date():
    text = "Kabar Kota\n\nPALU, 3 Mei 2024 - Mantan Wali Kota Palu Dimas Prasetyo menjelaskan program itu.\n"
    triples = map_extraction(extract_document(Document("x.txt", text, language="id"), load_lexicon()))
    before = ox.NamedNode("http://www.w3.org/2006/time#before")
    [instant] = [t.object for t in triples if t.predicate == before]
    dates = [t.object.value for t in triples if t.subject == instant and t.predicate.value.endswith("inXSDDate")]
    assert dates == ["2024-05-03"]
    assert not [t for t in triples if t.predicate.value == "http://www.w3.org/2006/time#inside"]


def test_mapping_a_role_carries_the_other_titles_the_lexicon_writes_for_it():
    text = "Kepala Seksi Intelijen Kejari Palu, Dimas Prasetyo, mengatakan kantor itu digeledah.\n"
    triples = map_extraction(extract_document(Document("x.txt", text, language="id"), load_lexicon()))
    alt = "http://www.w3.org/2004/02/skos/core#altLabel"
    role = next(t.subject for t in triples if t.subject.value.endswith("/role/head-of-section"))
    labels = {t.object.value for t in triples if t.subject == role and t.predicate.value == alt}
    assert {"Kasi", "Kasie"} <= labels
