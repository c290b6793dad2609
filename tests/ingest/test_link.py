"""Cross-document resolution, stable identity, curation that survives re-ingest, posts over time."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from jejaring.errors import CurationError
from jejaring.evaluate import name_score
from jejaring.graph.store import open_graph
from jejaring.ingest.document import Document
from jejaring.ingest.lexicon import load_lexicon
from jejaring.ingest.link import Curation, _name_score, _Sets, resolve_corpus
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.read import read_document
from jejaring.ingest.resolve import same_person
from jejaring.service import decide, ingest_paths, remove_documents

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "examples" / "corpus").iterdir())
REFERENCE = ROOT.parent / "shared" / "corpus" / "seed-seoul-clv.txt"


@pytest.fixture(scope="module")
def documents() -> list[Path]:
    if not REFERENCE.exists():
        pytest.skip("../shared (the reference document) is not beside the repository")
    return [*CORPUS, REFERENCE]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Oswar M. Mungkasa", "Oswar Muadzin Mungkasa", True),
    ("Dr. Ir. Oswar M. Mungkasa, MURP", "Oswar Mungkasa", True),
    ("T. M. Sunarharum", "Tri Mulyani Sunarharum", True),
    ("Tri Indrawan", "Tri Mulyani Sunarharum", False),
    ("Tri Indrawan", "Tri Wahyuningsih", False),
    ("Sinta Ibrahim", "Sinta Rahim", False),  # a syllable apart is no typo
    ("Fatmawati Wachyu", "Fatmawati Wachju", True),
])
def test_link_same_person(a, b, same):
    lexicon = load_lexicon()
    split = [name for name in (a, b)]
    from jejaring.ingest.extract.names import split_titles

    bare = [split_titles(n, 0, len(n), lexicon.honorific_forms(), lexicon.degree_forms()).name for n in split]
    assert same_person(*bare) == same


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Hendra W. Saputra", "Hendra Wibisono Saputra", 100),  # an initialled form
    ("Hendra Saputra", "Hendra Saputri", 100),  # a typo apart
    ("Hendra Saputra", "Hadi Santoso", fuzz.ratio("hendra saputra", "hadi santoso")),  # alike, below a merge
    ("Sri Indah", "Sri Rahayu Lestari", 0),  # of other lengths: never compared
    ("Sri Indah", "Dewi Indah", 0),  # other initials
])
def test_link_name_score_of_two_person_names(a, b, expected):
    assert _name_score(a, b) == expected
    assert _name_score(b, a) == expected  # symmetric


def _gold_clusters(resolution, extractions, kind, gold):
    """(canonical IRI, gold entity index) for every extracted entity of a kind that matches a gold entity."""
    out = []
    for (doc, key), iri in resolution.iris.items():
        entity = extractions[doc].entities[key]
        if entity.kind != kind:
            continue
        scores = [max(name_score(x, y) for x in entity.labels() for y in [g["name"], *g.get("variants", [])])
                  for g in gold]
        if max(scores) >= 90:
            out.append((iri, scores.index(max(scores))))
    return out


def test_link_corpus_matches_the_gold_list_of_real_world_entities(documents):
    lexicon = load_lexicon()
    extractions = {}
    for path in documents:
        doc = read_document(path)
        extractions[path.name] = extract_document(doc, lexicon)
    # "Bless" is a nickname no rule can know: a person records it once
    curation = Curation(merges=[(("Bless",), ("Blessmiyanda",))])
    resolution = resolve_corpus(extractions, curation, lambda a: lexicon.agency_type(a) is not None)
    gold = json.loads((ROOT / "examples" / "gold" / "entities.json").read_text())
    for kind, key in (("person", "persons"), ("organisation", "organisations")):
        pairs = _gold_clusters(resolution, extractions, kind, gold[key])
        assert len({iri for iri, _ in pairs}) == len(gold[key]), kind
        tp = fp = fn = 0
        for (ia, ga), (ib, gb) in itertools.combinations(pairs, 2):
            tp += ia == ib and ga == gb
            fp += ia == ib and ga != gb
            fn += ia != ib and ga == gb
        assert tp / (tp + fp) >= 0.95, (kind, tp, fp)
        assert tp / (tp + fn) >= 0.95, (kind, tp, fn)


def test_link_order_and_repetition_do_not_change_the_graph(tmp_path, documents):
    finals = []
    for name, order in (("forward", documents), ("reverse", documents[::-1])):
        with open_graph(tmp_path / name / "graph") as kg:
            for path in order:  # one document at a time: every step resolves the corpus again
                assert ingest_paths(kg, [path]).failed == []
            again = ingest_paths(kg, documents)
            assert again.written == [] and len(again.unchanged) == len(documents)
            finals.append(kg.comparable_quads())
    assert finals[0] == finals[1]


def test_link_one_document_at_a_time_gives_the_graph_of_all_at_once(tmp_path, monkeypatch):
    """Resolving the stored corpus shares its merged events' dates among its extractions; the next resolution
    must not see them (an event's IRI takes the fullest dated name of its group, and one example's own date
    is a month where the merged event's is a day)."""
    monkeypatch.setenv("JEJARING_CACHE", "off")
    graphs = []
    for name, steps in (("steps", [[p] for p in CORPUS]), ("once", [CORPUS])):
        with open_graph(tmp_path / name) as kg:
            for paths in steps:
                assert ingest_paths(kg, paths).failed == []
            graphs.append(kg.comparable_quads())
    assert graphs[0] == graphs[1]


def test_link_remove_a_document_is_ingesting_the_others_only(tmp_path, documents):
    with open_graph(tmp_path / "all" / "graph") as kg:
        ingest_paths(kg, documents)
        assert remove_documents(kg, ["03-post-change-id.txt"]) == ["03-post-change-id.txt"]
        after_removal = kg.comparable_quads()
    with open_graph(tmp_path / "others" / "graph") as kg:
        ingest_paths(kg, [p for p in documents if p.name != "03-post-change-id.txt"])
        others = kg.comparable_quads()
    assert after_removal == others


def _persons(kg) -> dict[str, str]:
    return {row["l"].value: row["p"].value for row in kg.query(
        "SELECT ?p ?l WHERE { ?p a <https://schema.org/Person> ; "
        "<https://schema.org/name>|<http://www.w3.org/2004/02/skos/core#altLabel> ?l }")}


def test_link_curated_merge_and_distinct_survive_reingesting_every_document(tmp_path, documents):
    graph = tmp_path / "graph"
    with open_graph(graph) as kg:
        ingest_paths(kg, documents)
        before = _persons(kg)
        assert before["Bless"] != before["Blessmiyanda"]
        assert before["Maria L. Tobing"] == before["Maria Lumban Tobing"]
        decide(kg, "merge", "Bless", "Blessmiyanda")
        decide(kg, "distinct", "Maria L. Tobing", "Maria Lumban Tobing")
        decided = _persons(kg)
        assert decided["Bless"] == decided["Blessmiyanda"]
        assert decided["Maria L. Tobing"] != decided["Maria Lumban Tobing"]
        remove_documents(kg, [p.name for p in documents])
        assert len(kg.documents()) == 0
        ingest_paths(kg, documents)  # every document again, from scratch
        again = _persons(kg)
    assert again["Bless"] == again["Blessmiyanda"]
    assert again["Maria L. Tobing"] != again["Maria Lumban Tobing"]
    assert (graph.parent / "curation.yaml").exists()


def test_link_a_decision_names_an_entity_by_its_iri(tmp_path, documents):
    with open_graph(tmp_path / "graph") as kg:
        ingest_paths(kg, [p for p in documents if p.name == "01-seoul-visit-en.txt"])
        iri = _persons(kg)["Blessmiyanda"]
        decide(kg, "alias", iri, "Pak Bless")
        assert _persons(kg)["Pak Bless"] == iri
        with pytest.raises(CurationError, match="no entity"):
            decide(kg, "alias", "https://example.org/nobody", "Nobody")


@pytest.mark.parametrize(("day", "post"), [("2018-06-01", "Asisten Deputi"), ("2019-08-01", "Kepala")])
def test_link_post_held_on_a_date(tmp_path, documents, day, post):
    from jejaring.queries import bind_params, load_query

    with open_graph(tmp_path / "g.trig") as kg:
        ingest_paths(kg, documents)
        query = load_query("post-at")
        rows = list(kg.query(query.text, bind_params(query, {"person": "Blessmiyanda", "date": day})))
    assert rows and all(r["post"].value.startswith(post) for r in rows), [r["post"].value for r in rows]


LESSON_DOCS = {
    "visit-en.txt": ("en", "The Study Visit to Surabaya took place on 3 March 2021.\n\n"
                           "Key lessons learned from the visit:\n"
                           "1. Inclusiveness: the city cafe employs people with disabilities.\n"
                           "2. Flood management: residents look after the retention pond."),
    "kunjungan-id.txt": ("id", "Kunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021.\n\n"
                               "Beberapa pembelajaran dari kunjungan ini, yaitu:\n"
                               "1. Inklusivitas: kafe kota mempekerjakan penyandang disabilitas.\n"
                               "2. Pengelolaan banjir: warga merawat kolam retensi."),
    "forum-id.txt": ("id", "Kunjungan Belajar ke Surabaya berlangsung pada Maret 2021.\n\n"
                           "Pembelajaran utama, yaitu:\n"
                           "1. Inklusif (Inclusiveness): tidak ada warga yang hanya menjadi penonton.\n"
                           "2. Aksesibilitas trotoar: trotoar dibuat landai untuk kursi roda."),
    "bandung-en.txt": ("en", "The Study Visit to Bandung took place on 9 May 2021.\n\n"
                             "Key lessons learned from the visit:\n"
                             "1. Inclusiveness: every park has a ramp."),
}


@pytest.fixture(scope="module")
def lesson_iris():
    """The canonical IRI of each lesson of LESSON_DOCS, by its name."""
    lexicon = load_lexicon()
    extractions = {name: extract_document(Document(name, text, language=lang), lexicon)
                   for name, (lang, text) in LESSON_DOCS.items()}
    resolution = resolve_corpus(extractions, Curation(), lambda a: lexicon.agency_type(a) is not None,
                                lexicon.theme_for)
    return {(doc, e.name): str(resolution.iris[(doc, key)]) for doc, ex in extractions.items()
            for key, e in ex.entities.items() if e.kind == "lesson"}


def test_link_lessons_saying_the_same_in_two_languages_are_one(lesson_iris):
    same = {lesson_iris[("visit-en.txt", "Inclusiveness")], lesson_iris[("kunjungan-id.txt", "Inklusivitas")],
            lesson_iris[("forum-id.txt", "Inklusif")]}
    assert len(same) == 1
    # "Flood management" / "Pengelolaan banjir": no word in common, one theme, the only such lesson of each
    assert lesson_iris[("visit-en.txt", "Flood management")] == lesson_iris[("kunjungan-id.txt", "Pengelolaan banjir")]


def test_link_lessons_from_another_city_or_of_one_document_stay_apart(lesson_iris):
    assert lesson_iris[("bandung-en.txt", "Inclusiveness")] != lesson_iris[("visit-en.txt", "Inclusiveness")]
    # two lessons of one theme in one document: neither is taken for the other documents' lesson by theme alone
    assert lesson_iris[("forum-id.txt", "Aksesibilitas trotoar")] not in {
        lesson_iris[("forum-id.txt", "Inklusif")], lesson_iris[("kunjungan-id.txt", "Inklusivitas")]}
    assert len(set(lesson_iris.values())) == 4


def test_link_lessons_a_curated_distinct_keeps_them_apart():
    lexicon = load_lexicon()
    extractions = {name: extract_document(Document(name, LESSON_DOCS[name][1], language=LESSON_DOCS[name][0]), lexicon)
                   for name in ("visit-en.txt", "kunjungan-id.txt")}
    curation = Curation(distinct=[(("Inclusiveness",), ("Inklusivitas",))])
    resolution = resolve_corpus(extractions, curation, lambda a: lexicon.agency_type(a) is not None, lexicon.theme_for)
    iris = {e.name: resolution.iris[(doc, key)] for doc, ex in extractions.items()
            for key, e in ex.entities.items() if e.kind == "lesson"}
    assert iris["Inclusiveness"] != iris["Inklusivitas"]
    assert iris["Flood management"] == iris["Pengelolaan banjir"]


BODY_DOCS = {
    "xi.txt": "Komisi XI DPR RI menggelar rapat kerja dengan Kementerian Keuangan.",
    "xii.txt": "Komisi XII DPR RI meninjau kilang minyak di Cilacap.",
    "xi-again.txt": "Komisi XI DPR RI memanggil Gubernur Bank Indonesia.",
    "bangli.txt": "DPRD Bangli menggelar sidang paripurna.",
    "bali.txt": "DPRD Bali menggelar sidang paripurna.",
    "dinas.txt": "Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kabupaten Boyolali memperbaiki jembatan.",
    "ministry.txt": "Kementerian Pekerjaan Umum dan Perumahan Rakyat (PUPR) membangun bendungan.",
    "us-party.txt": "Partai Demokrat AS kalah di negara bagian itu.",
    "party.txt": "Partai Demokrat menggelar kongres di Jakarta.",
}


@pytest.fixture(scope="module")
def body_iris():
    """The canonical IRI of each organisation of BODY_DOCS, by (document, name)."""
    lexicon = load_lexicon()
    extractions = {name: extract_document(Document(name, text, language="id"), lexicon) for name, text in BODY_DOCS.items()}
    resolution = resolve_corpus(extractions, Curation(), lambda a: lexicon.agency_type(a) is not None,
                                lexicon.theme_for, lambda word: (p := lexicon.place(word)) and p.kind)
    return {(doc, e.name): str(resolution.iris[(doc, key)]) for doc, ex in extractions.items()
            for key, e in ex.entities.items() if e.kind == "organisation"}


@pytest.mark.parametrize(("a", "b"), [
    (("xi.txt", "Komisi XI DPR RI"), ("xii.txt", "Komisi XII DPR RI")),  # numbers apart, however alike
    (("bangli.txt", "DPRD Bangli"), ("bali.txt", "DPRD Bali")),  # places apart
    (("us-party.txt", "Partai Demokrat AS"), ("party.txt", "Partai Demokrat")),  # a place more
    (("dinas.txt", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Boyolali"),
     ("ministry.txt", "Kementerian Pekerjaan Umum dan Perumahan Rakyat")),  # one acronym, two bodies
])
def test_link_bodies_with_alike_names_stay_apart(body_iris, a, b):
    assert body_iris[a] != body_iris[b]


def test_link_one_body_in_two_documents_is_one(body_iris):
    assert body_iris[("xi.txt", "Komisi XI DPR RI")] == body_iris[("xi-again.txt", "Komisi XI DPR RI")]


def test_link_a_chain_of_alike_names_never_joins_two_bodies_the_lexicon_knows():
    sets = _Sets(["a", "b", "c"], {"a": "kemenkeu", "b": None, "c": "kemendag"})
    sets.union("a", "b", set())
    sets.union("b", "c", set())
    assert sets.groups() == [["a", "b"], ["c"]]
    sets.union("b", "c", set(), curated=True)  # a curator's decision stands
    assert sets.groups() == [["a", "b", "c"]]
