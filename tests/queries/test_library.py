"""The SPARQL library: every query parses and runs, answers by value, and binds parameters as terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

import jejaring.queries
from jejaring.errors import QueryError
from jejaring.graph.sparql.run import run_query
from jejaring.graph.store import open_graph
from jejaring.queries import bind_params, list_queries, load_query, parse_query_text

QUERY_FILES = sorted(Path(jejaring.queries.__file__).parent.glob("*.rq"))
STATEMENT = "https://w3id.org/jejaring/id/statement/notes-blessmiyanda"
#: Values for the required parameters, so that every query can run.
REQUIRED = {
    "career-trail": {"person": "Blessmiyanda"},
    "document-mentions": {"entity": "Blessmiyanda"},
    "evidence": {"node": STATEMENT},
    "lookup": {"label": "BPBD"},
    "members-over-time": {"organisation": "Pemprov DKI"},
    "post-at": {"person": "Blessmiyanda", "date": "2019-06-13"},
}
BREAKOUT = 'x" . } UNION { ?s ?p ?o } #'


@pytest.fixture(scope="module")
def graphs(tmp_path_factory, example_graph) -> dict[str, Path]:
    """The example graph in an in-memory (.trig) and an embedded on-disk store."""
    root = tmp_path_factory.mktemp("library")
    locations = {"memory": root / "graph.trig", "directory": root / "store"}
    for location in locations.values():
        example_graph(location)
    return locations


def rows(location: Path, name: str, **params: str) -> list[dict[str, str | None]]:
    """The rows of a library query as dicts of plain values."""
    query = load_query(name)
    with open_graph(location, create=False) as kg:
        result = run_query(kg, query.text, bind_params(query, params))
    return [{v: (t.value if t is not None else None) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows()]


def test_library_has_a_query_per_question_each_with_a_header():
    queries = list_queries()
    assert len(queries) >= 12
    assert [q.name for q in queries] == sorted(f.stem for f in QUERY_FILES)
    for q in queries:
        assert q.description, q.name
        assert all(p.description for p in q.params), q.name


@pytest.mark.parametrize("store", ["memory", "directory"])
@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_library_query_parses_and_runs_on_the_example_graph(graphs, store, path):
    query = load_query(path.stem)
    with open_graph(graphs[store], create=False) as kg:
        result = run_query(kg, query.text, bind_params(query, REQUIRED.get(query.name, {})), timeout=60)
    assert result.kind == "select"
    assert result.count > 0


def test_library_same_rows_in_memory_and_on_disk(graphs):
    for query in list_queries():
        params = REQUIRED.get(query.name, {})
        assert rows(graphs["memory"], query.name, **params) == rows(graphs["directory"], query.name, **params)


def test_library_visit_attendees_post_held_during_the_seoul_visit(graphs):
    found = rows(graphs["memory"], "visit-attendees", event="Seoul")
    blessmiyanda = [r for r in found if r["attendeeName"] == "Blessmiyanda"]
    assert [(r["visitName"], r["post"], r["organisation"], r["heldOn"]) for r in blessmiyanda] == [
        ("Cross Learning Visit Seoul", "Asisten Deputi bidang Lingkungan Hidup", "Pemerintah Provinsi DKI Jakarta",
         "2018-03-19")]
    assert {r["attendeeName"] for r in found} == {
        "Blessmiyanda", "Denny Aputra", "Fatmawati Wachju", "James Ballo", "Oswar Mungkasa", "Tri Indrawan",
        "Tri Mulyani Sunarharum"}


def test_library_visit_attendees_at_the_public_discussion_hold_the_later_post(graphs):
    found = rows(graphs["memory"], "visit-attendees", kind="jj:PublicDiscussion")
    posts = {(r["attendeeName"], r["post"]) for r in found}
    assert ("Blessmiyanda", "Kepala") in posts
    assert ("Blessmiyanda", "Asisten Deputi bidang Lingkungan Hidup") not in posts


def test_library_career_trail_in_date_order(graphs):
    found = rows(graphs["memory"], "career-trail", person="blessmiyanda")
    assert [(r["post"], r["organisationName"], r["on"]) for r in found] == [
        ("Asisten Deputi bidang Lingkungan Hidup", "Pemerintah Provinsi DKI Jakarta", "2018-03-19"),
        ("Kepala", "Badan Pelayanan Pengadaan Barang/Jasa Provinsi DKI Jakarta", "2019-06-13"),
    ]


@pytest.mark.parametrize(("label", "name", "matched_by"), [
    ("BPBD", "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta", "acronym"),
    ("tri lndrawan", "Tri Indrawan", "misspelling"),
    ("Pemerintah Kota Seoul", "Seoul Metropolitan Government", "alias"),
    ("Plan Intenasional Indonesia", "Plan International Indonesia", "misspelling"),
])
def test_library_lookup_by_any_surface_form(graphs, label, name, matched_by):
    first = rows(graphs["memory"], "lookup", label=label)[0]
    assert (first["name"], first["matchedBy"], first["exact"]) == (name, matched_by, "true")


def test_library_endorsements_with_event_and_post(graphs):
    found = rows(graphs["memory"], "endorsements")
    assert [(r["endorserName"], r["lessonName"], r["eventName"], r["post"], r["organisation"], r["stance"])
            for r in found] == [
        ("Blessmiyanda", "Kepemimpinan, komitmen pemerintah, dan konsistensi",
         "Diskusi Publik Hasil Pembelajaran Cross Learning Visit Seoul", "Kepala",
         "Badan Pelayanan Pengadaan Barang/Jasa Provinsi DKI Jakarta", "supports"),
        ("Oswar Mungkasa", "Perencanaan Terpadu", None, None, None, "endorses"),
    ]


SPEAKERS_AT_ONE_EVENT = """
@prefix jj: <https://w3id.org/jejaring/ns#> . @prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <urn:jejaring-test:> .
ex:doc {
  ex:lesson a jj:Lesson ; schema:name "Data terbuka" .
  ex:forum a schema:Event ; schema:name "Forum Kota" ; schema:startDate "2019-06-13"^^xsd:date .
  ex:ana a schema:Person ; schema:name "Ana" .
  ex:budi a schema:Person ; schema:name "Budi" .
  ex:said-ana a jj:Statement ; prov:wasAttributedTo ex:ana ; schema:about ex:lesson ; prov:wasGeneratedBy ex:forum .
  ex:said-budi a jj:Statement ; prov:wasAttributedTo ex:budi ; schema:about ex:lesson ; prov:wasGeneratedBy ex:forum .
  ex:budi-head org:member ex:budi ; org:organization ex:agency ; jj:post ex:head ;
      org:memberDuring [ time:hasBeginning [ time:inXSDDate "2018-01-01"^^xsd:date ] ] .
  ex:head skos:prefLabel "Kepala" . ex:agency skos:prefLabel "Dinas" .
}
"""


def test_library_endorsements_keep_the_event_of_a_speaker_without_a_post_then(tmp_path):
    # Ana held no post at the forum, Budi did: both statements keep the forum, only Budi's has a post
    location = tmp_path / "speakers.trig"
    location.write_text(SPEAKERS_AT_ONE_EVENT, encoding="utf-8")
    found = rows(location, "endorsements")
    assert sorted((r["endorserName"], r["eventName"], r["post"]) for r in found) == [
        ("Ana", "Forum Kota", None), ("Budi", "Forum Kota", "Kepala")]


def test_library_evidence_gives_document_offsets_and_quote(graphs):
    (found,) = rows(graphs["memory"], "evidence", node=STATEMENT)
    assert (found["identity"], found["start"], found["end"], found["quote"]) == (
        "notes/diskusi-publik.txt", "38", "94", "Blessmiyanda mendukung pelajaran kepemimpinan dari Seoul")


def test_library_members_over_time_include_units(graphs):
    found = rows(graphs["memory"], "members-over-time", organisation="pemprov dki")
    assert ("Tri Indrawan", "Staf", "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta") in {
        (r["name"], r["post"], r["unitName"]) for r in found}
    assert [r["name"] for r in found][:3] == ["Denny Aputra", "Blessmiyanda", "Oswar Mungkasa"]


@pytest.mark.parametrize(("params", "names"), [
    ({"year": "2019"}, ["Diskusi Publik Hasil Pembelajaran Cross Learning Visit Seoul"]),
    ({"kind": "jj:LearningVisit"}, ["Cross Learning Visit Seoul"]),
    ({"city": "Korea Selatan"}, ["Cross Learning Visit Seoul"]),
    ({}, ["Cross Learning Visit Seoul", "Diskusi Publik Hasil Pembelajaran Cross Learning Visit Seoul"]),
])
def test_library_events_by_year_kind_and_city(graphs, params, names):
    assert [r["name"] for r in rows(graphs["memory"], "events", **params)] == names


def test_library_lessons_by_city_and_theme_count_documents(graphs):
    found = rows(graphs["memory"], "lessons-by-city-theme", city="seoul", theme="leadership")
    assert [(r["cityName"], r["lessonName"], r["documents"]) for r in found] == [
        ("Seoul", "Kepemimpinan, komitmen pemerintah, dan konsistensi", "2")]


def test_library_agency_lessons_through_staff_at_the_time(graphs):
    found = rows(graphs["memory"], "agency-lessons", organisation="BPPBJ")
    # Blessmiyanda headed BPPBJ in 2019, not during the 2018 visit: only his endorsement links BPPBJ
    assert [(r["staffName"], r["lessonName"], r["link"]) for r in found] == [
        ("Blessmiyanda", "Kepemimpinan, komitmen pemerintah, dan konsistensi", "endorsed")]


def test_library_co_attendance_pairs(graphs):
    found = rows(graphs["memory"], "co-attendance", organisation="YSTC")
    assert {frozenset((r["firstName"], r["secondName"])) for r in found} == {
        frozenset(("Yayasan Sayangi Tunas Cilik", other)) for other in (
            "Badan Pelayanan Pengadaan Barang/Jasa Provinsi DKI Jakarta",
            "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta", "Plan International Indonesia")}


def test_library_brokers_link_both_sides(graphs):
    found = rows(graphs["memory"], "brokers")
    james = {(r["side"], r["organisationName"], r["via"]) for r in found if r["brokerName"] == "James Ballo"}
    assert ("ngo", "Plan International Indonesia", "member") in james
    assert ("government", "Pemerintah Provinsi DKI Jakarta", "met at an event") in james


@pytest.mark.parametrize(("name", "order"), [
    ("co-attendance", lambda r: (-int(r["events"]), r["firstName"] or "", r["secondName"] or "")),
    ("agency-lessons", lambda r: (r["agencyName"] or "", r["lessonName"] or "", r["staffName"] or "", r["link"])),
    ("brokers", lambda r: (r["brokerName"] or "", r["side"], r["organisationName"] or "", r["via"])),
])
def test_library_large_results_come_sorted_by_name(graphs, name, order):
    # these queries sort on keys made from the names (for speed), which must give the names' order
    found = rows(graphs["directory"], name)
    assert len(found) > 3
    assert found == sorted(found, key=order)


def test_library_document_mentions(graphs):
    found = rows(graphs["memory"], "document-mentions", entity="Blessmiyanda")
    assert (found[0]["identity"], found[0]["title"], found[0]["mentions"]) == (
        "notes/diskusi-publik.txt", "Catatan Diskusi Publik", "1")
    assert "seoul-visit.yaml" in {r["identity"] for r in found}


def test_library_lesson_uptake(graphs):
    found = rows(graphs["memory"], "lesson-uptake", about="kepemimpinan")
    assert {(r["relation"], r["targetName"]) for r in found} == {
        ("adopted in", "Strategi Ketahanan Kota Jakarta"), ("exemplified by", "Restorasi Sungai Cheonggye")}


@pytest.mark.parametrize(("name", "param"), [("lookup", "label"), ("career-trail", "person"),
                                             ("document-mentions", "entity"), ("visit-attendees", "event")])
def test_library_parameter_crafted_to_break_out_is_a_literal(graphs, name, param):
    assert rows(graphs["memory"], name, **{param: BREAKOUT}) == []


def test_library_bind_params_types_each_value():
    query = parse_query_text(
        "# param: who (iri, required) x\n# param: day (date, none) x\n# param: n (integer, 3) x\n"
        "# param: label (string, none) x\nSELECT ?who ?day ?n ?label WHERE {}", "q")
    bound = bind_params(query, {"who": "jjid:person/ani", "day": "2018-03-19", "label": "Ani"})
    assert bound == {
        "who": URIRef("https://w3id.org/jejaring/id/person/ani"),
        "day": Literal("2018-03-19", datatype=XSD.date),
        "n": Literal(3, datatype=XSD.integer),
        "label": Literal("Ani"),
    }


@pytest.mark.parametrize(("given", "message"), [
    ({"whom": "x"}, "query 'q' has no parameter 'whom' (its parameters: who, day)"),
    ({}, "query 'q' needs the parameter 'who' (iri)"),
    ({"who": "not an iri"}, "parameter 'who' = 'not an iri' is not an IRI"),
    ({"who": "http://x/a", "day": "19 March 2018"}, "is not a date (YYYY-MM-DD)"),
])
def test_library_bind_params_refuses_bad_input(given, message):
    query = parse_query_text("# param: who (iri, required) x\n# param: day (date, none) x\nSELECT ?who ?day {}", "q")
    with pytest.raises(QueryError, match=None) as e:
        bind_params(query, given)
    assert message in str(e.value)


def test_library_unknown_query_lists_the_names():
    with pytest.raises(QueryError) as e:
        load_query("who-knows")
    assert "career-trail" in str(e.value) and "visit-attendees" in str(e.value)
