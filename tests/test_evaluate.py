from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from jejaring.errors import GraphLocationError, InputError
from jejaring.evaluate import (
    KINDS,
    EvaluationReport,
    KindScore,
    evaluate,
    evaluate_stored,
    format_report,
    name_score,
    normalise_name,
    render,
    summarise,
)
from jejaring.graph.store import open_graph
from jejaring.ontology.namespaces import SCHEMA

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"

PREFIXES = """
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix jj: <https://w3id.org/jejaring/ns#> .
@prefix ex: <https://example.org/id/> .
"""

# Entities: honorifics and degrees, a typo, an alias, a duplicate, spurious nodes, an optional name, an
# acronym by a property's local name, a project also typed as an organisation, two named graphs.
ENTITIES_TRIG = PREFIXES + """
<https://example.org/graph/a> {
  ex:p1 a schema:Person ; schema:name "Dr. Ir. Dimas Prasetyo, MURP" .
  ex:p2 a schema:Person ; schema:name "Rudi lrawan" .
  ex:p3 a foaf:Person ; foaf:name "Bapak Rudi Irawan" .
  ex:p4 a schema:Person ; rdfs:label "Nurhayati Wachyu" .
  ex:p5 a schema:Person ; schema:name "Budi Santoso" .
  ex:o1 a org:Organization ; skos:prefLabel "Badan Penanggulangan Bencana Daerah" ; jj:acronym "BPBD" .
  ex:o2 a org:Organization ; schema:name "Plan Intenasional Indonesia" .
}
<https://example.org/graph/b> {
  ex:o3 a org:Organization ; schema:name "Dinas Sosial" .
  ex:o4 a org:Organization ; schema:name "Kelurahan Kampung Melayu" .
  ex:o5 a org:Organization, schema:Project ; schema:name "Jakarta Berketahanan" .
  ex:c1 a schema:City ; schema:name "Jakarta" .
  ex:c2 a schema:City ; schema:name "Seoul" .
  ex:c3 a schema:City ; skos:altLabel "Seoul" .
  ex:c4 a schema:City ; schema:name "Bandung" .
}
"""

ENTITIES_GOLD = {
    "document": "entities.txt",
    "persons": [
        {"name": "Dimas Prasetyo", "aliases": []},
        {"name": "Rudi Irawan", "aliases": ["Rudi lrawan"]},
        {"name": "Nurhayati Wachju", "aliases": []},
        {"name": "Hendra Saputra", "aliases": []},
    ],
    "organisations": [
        {"name": "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta", "acronym": "BPBD", "aliases": []},
        {"name": "Plan International Indonesia", "acronym": None, "aliases": ["Plan Internasional Indonesia"]},
        {"name": "Pemerintah Provinsi DKI Jakarta", "acronym": "Pemprov DKI", "aliases": []},
    ],
    "cities": ["Jakarta", "Seoul", "Surabaya"],
    "programmes": [{"name": "Jakarta Berketahanan", "aliases": []}],
    "optional": {"organisations": ["Kelurahan Kampung Melayu"]},
}

# Events (date agreement and conflicts, date words), lessons (paraphrases, links), posts, participation.
RELATIONS_TTL = PREFIXES + """
ex:dimas a schema:Person ; schema:name "Dimas Prasetyo" .
ex:wulan a schema:Person ; schema:name "Wulandari" .
ex:rudi a schema:Person ; schema:name "Rudi Irawan" .
ex:budi a schema:Person ; schema:name "Budi Santoso" .
ex:pemprov a org:Organization ; schema:name "Pemerintah Provinsi DKI Jakarta" ; jj:acronym "Pemprov DKI" .
ex:plan a org:Organization ; schema:name "Plan International Indonesia" .
ex:bappeda a org:Organization ; schema:name "Bappeda" .
ex:seoul a schema:City ; schema:name "Seoul" .
ex:cheonggye a schema:Project ; schema:name "Restorasi Sungai Cheonggye" .

ex:clv a schema:Event ; schema:name "Kunjungan Belajar ke Seoul" ; schema:startDate "2018-03" ;
    schema:attendee ex:dimas, ex:wulan, ex:budi .
ex:clv2019 a schema:Event ; schema:name "Cross Learning Visit Seoul" ; schema:startDate "2019-05-01"^^xsd:date ;
    schema:attendee ex:rudi .
ex:weekly a schema:Event ; schema:name "Pertemuan Rutin Mingguan" ; schema:startDate "2018-07-27"^^xsd:date .
ex:workshop a schema:Event ; schema:name "Lokakarya Ketahanan Kota" ; schema:startDate "2018-11-02"^^xsd:date ;
    schema:organizer ex:plan .

ex:lesson1 a jj:Lesson ; rdfs:label "Pentingnya kepemimpinan dan komitmen pemerintah" ;
    schema:description "Konsistensi kebijakan menjaga hasil." ;
    jj:learnedFrom ex:seoul ; prov:wasGeneratedBy ex:clv ; jj:exemplifiedBy ex:cheonggye .
ex:lesson2 a jj:Lesson ; rdfs:label "Peran serta warga" ;
    schema:description "Masyarakat terlibat dalam proses perencanaan." ;
    jj:learnedAt ex:clv .
ex:lesson3 a jj:Lesson ; rdfs:label "Pengelolaan sampah rumah tangga" .

ex:m1 a org:Membership ; org:member ex:wulan ; org:organization ex:pemprov ;
    org:role [ skos:prefLabel "Kepala Bidang Pengendalian Banjir Pemprov DKI" ] .
ex:m2 a org:Membership ; org:member ex:dimas ; org:organization ex:bappeda ;
    jj:post [ rdfs:label "Deputi Gubernur Bidang Tata Ruang" ] .
ex:m3 a org:Membership ; org:member ex:rudi ; org:organization ex:bappeda ; rdfs:label "Staf Ahli" .
"""

RELATIONS_GOLD = {
    "document": "relations.txt",
    "persons": [
        {"name": "Dimas Prasetyo", "aliases": []},
        {"name": "Wulandari", "aliases": []},
        {"name": "Rudi Irawan", "aliases": []},
    ],
    "organisations": [
        {"name": "Pemerintah Provinsi DKI Jakarta", "acronym": "Pemprov DKI", "aliases": []},
        {"name": "Plan International Indonesia", "acronym": None, "aliases": []},
        {"name": "Badan Penanggulangan Bencana Daerah", "acronym": "BPBD", "aliases": []},
    ],
    "cities": ["Seoul"],
    "programmes": [{"name": "Restorasi Sungai Cheonggye", "aliases": ["Cheonggyecheon"]}],
    "events": [
        {"name": "Cross Learning Visit Seoul", "aliases": ["Kunjungan Belajar ke Seoul"],
         "start": "2018-03-19", "end": "2018-03-23", "location": "Seoul"},
        {"name": "Pertemuan Rutin Mingguan 27 Juli", "aliases": [], "start": "2018-07-27"},
        {"name": "Pertemuan Rutin Mingguan 3 Agustus", "aliases": [], "start": "2018-08-03"},
        {"name": "Lokakarya Ketahanan Kota", "aliases": [], "start": "2018"},
    ],
    "posts": [
        {"person": "Wulandari", "role": "Kepala Bidang Pengendalian Banjir",
         "organisation": "Pemerintah Provinsi DKI Jakarta", "when": "2018-03"},
        {"person": "Dimas Prasetyo", "role": "Deputi Gubernur", "organisation": None},
        {"person": "Rudi Irawan", "role": "Kepala Bidang", "organisation": "BPBD"},
        {"person": "Rudi Irawan", "role": "Kepala Seksi", "organisation": None},
    ],
    "participation": [
        {"agent": "Dimas Prasetyo", "event": "Cross Learning Visit Seoul"},
        {"agent": "Wulandari", "event": "Kunjungan Belajar ke Seoul"},
        {"agent": "Plan International Indonesia", "event": "Lokakarya Ketahanan Kota"},
        {"agent": "Rudi Irawan", "event": "Lokakarya Ketahanan Kota"},
    ],
    "lessons": [
        {"title": "Kepemimpinan, komitmen pemerintah, dan konsistensi", "aliases": ["leadership"],
         "learned_from": "Seoul", "event": "Cross Learning Visit Seoul", "examples": ["Restorasi Sungai Cheonggye"]},
        {"title": "Partisipasi masyarakat dalam perencanaan kota", "aliases": [],
         "learned_from": "Seoul", "event": "Cross Learning Visit Seoul", "examples": []},
    ],
}

EMPTY_GOLD = {"document": "empty.txt", "persons": [{"name": "Dimas Prasetyo"}], "cities": ["Seoul"]}


def _dataset(trig: str) -> Dataset:
    ds = Dataset()
    with warnings.catch_warnings():  # rdflib's own TriG parser uses its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=trig, format="trig")
    return ds


def _graph(ttl: str) -> Graph:
    return Graph().parse(data=ttl, format="turtle")


def _load_scorer():
    if not SCORER.is_file():
        pytest.skip(f"the reference scorer is not beside the repository ({SCORER})")
    spec = importlib.util.spec_from_file_location("reference_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Ir. Dimas Prasetyo, MURP", "dimas prasetyo"),
        ("Ibu Sri Mulyani Hartati", "sri mulyani hartati"),
        ("Sdr. Rendi Pratama", "rendi pratama"),
        ("Prof. Dr. Ana Pérez, M.Si.", "ana perez m si"),  # "M.Si." is two words once its dots go, as in the scorer
        ("Ana Pérez MSi", "ana perez"),
        ("Badan (BPBD) - DKI", "badan bpbd dki"),
        ("  ", ""),
    ],
)
def test_evaluate_normalises_names(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Bapak Dimas Prasetyo", "dimas prasetyo", 101),
        ("Nurhayati Wachyu", "Nurhayati Wachju", 93),
        ("Badan Penanggulangan Bencana Daerah", "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta", 95),
        ("Jakarta", "Pemerintah Provinsi DKI Jakarta", 36),  # too short for the word-subset rule
        ("Pertemuan 25 Juli", "Pertemuan 27 Juli", 0),
        ("Pertemuan 25 Juli", "Pertemuan Juli", 95),  # only one side has numbers
        ("", "Seoul", 0),
    ],
)
def test_evaluate_scores_names(a, b, expected):
    assert name_score(a, b) == expected


# -- entities ------------------------------------------------------------------------------------


def test_evaluate_entities_counts_typos_honorifics_duplicates_and_spurious_nodes():
    report = evaluate(_dataset(ENTITIES_TRIG), ENTITIES_GOLD)
    persons = report.kinds["persons"]
    assert persons.counts == (3, 4, 3, 5)
    assert persons.duplicates == 1
    assert persons.missed == ("Hendra Saputra",)
    assert persons.spurious == ("Budi Santoso",)
    assert (persons.precision, persons.recall) == (0.6, 0.75)
    assert persons.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_evaluate_entities_acronym_property_and_optional_names():
    report = evaluate(_dataset(ENTITIES_TRIG), ENTITIES_GOLD)
    organisations = report.kinds["organisations"]
    # BPBD by its acronym, Plan despite the typo; Dinas Sosial spurious; the Kelurahan optional;
    # the project typed as an organisation is a programme only.
    assert organisations.counts == (2, 3, 2, 3)
    assert organisations.spurious == ("Dinas Sosial",)
    assert organisations.missed == ("Pemerintah Provinsi DKI Jakarta",)
    assert report.kinds["programmes"].counts == (1, 1, 1, 1)


def test_evaluate_entities_reads_every_named_graph_and_duplicate_cities():
    report = evaluate(_dataset(ENTITIES_TRIG), ENTITIES_GOLD)
    cities = report.kinds["cities"]
    assert cities.counts == (2, 3, 2, 4)
    assert (cities.duplicates, cities.missed, cities.spurious) == (1, ("Surabaya",), ("Bandung",))
    # micro over kinds: matched gold 3+2+2+1, gold 4+3+3+1; matched output 3+2+2+1, output 5+3+4+1
    assert report.entity_recall == 8 / 11
    assert report.entity_precision == 8 / 13
    assert report.entity_f1 == pytest.approx(2 * (8 / 13) * (8 / 11) / (8 / 13 + 8 / 11))


def test_evaluate_an_empty_graph_has_no_precision():
    report = evaluate(Graph(), EMPTY_GOLD)
    assert report.kinds["persons"].counts == (0, 1, 0, 0)
    assert (report.kinds["persons"].precision, report.kinds["persons"].recall) == (0.0, 0.0)
    assert (report.kinds["events"].precision, report.kinds["events"].recall) == (1.0, 1.0)
    assert (report.entity_precision, report.entity_recall, report.entity_f1) == (0.0, 0.0, 0.0)
    assert report.relations_recall == 1.0


def test_evaluate_accepts_a_plain_graph_as_well_as_a_dataset():
    as_graph = evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD)
    as_dataset = evaluate(_dataset(RELATIONS_TTL), RELATIONS_GOLD)
    assert as_graph == as_dataset


def test_evaluate_rejects_a_gold_that_is_not_an_object():
    with pytest.raises(InputError, match="JSON object"):
        evaluate(Graph(), [])


# -- events and lessons --------------------------------------------------------------------------


def test_evaluate_events_need_agreeing_dates_and_match_without_date_words():
    events = evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD).kinds["events"]
    # "Kunjungan Belajar ke Seoul" (2018-03) is the 2018 visit; the 2019 "Cross Learning Visit Seoul" is not;
    # "Pertemuan Rutin Mingguan" on 27 July is the 27 July meeting only; "2018" agrees with 2018-11-02.
    assert events.counts == (3, 4, 3, 4)
    assert events.spurious == ("Cross Learning Visit Seoul",)
    assert events.missed == ("Pertemuan Rutin Mingguan 3 Agustus",)


def test_evaluate_events_without_a_gold_date_compare_names_only():
    gold = {"events": [{"name": "Cross Learning Visit Seoul", "aliases": []}]}
    assert evaluate(_graph(RELATIONS_TTL), gold).kinds["events"].counts == (1, 1, 1, 4)


def test_evaluate_lessons_match_paraphrases_by_word_coverage():
    lessons = evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD).kinds["lessons"]
    # lesson1 covers all four content words of the first title; lesson2 three of five (0.6) of the second
    assert lessons.counts == (2, 2, 2, 3)
    assert lessons.spurious == ("Pengelolaan sampah rumah tangga",)


# -- relations -----------------------------------------------------------------------------------


def test_evaluate_posts_by_membership_and_role():
    report = evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD)
    # Wulandari at Pemprov (role label), Dimas by role alone (jj:post); Rudi not at BPBD, and
    # "Staf Ahli" is not "Kepala Seksi".
    assert (report.posts_found, report.posts_with_role, report.posts_total) == (2, 2, 4)
    assert report.posts_recall == 0.5
    assert report.posts_missed == ("Rudi Irawan @ BPBD (Kepala Bidang)", "Rudi Irawan @ None (Kepala Seksi)")


def test_evaluate_posts_found_with_a_wrong_role():
    post = {"person": "Dimas Prasetyo", "role": "Kepala Dinas", "organisation": "Bappeda"}
    gold = {**RELATIONS_GOLD, "posts": [post]}
    report = evaluate(_graph(RELATIONS_TTL), gold)
    assert (report.posts_found, report.posts_with_role, report.posts_total) == (1, 0, 1)
    assert (report.posts_recall, report.post_role_recall) == (1.0, 0.0)


def test_evaluate_participation_recall_counts_organisers_precision_attendees():
    report = evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD)
    # found: Dimas and Wulandari at the visit, Plan organising the workshop; Rudi at the workshop missed.
    assert (report.participation_found, report.participation_total) == (3, 4)
    assert report.participation_missed == ("Rudi Irawan -> Lokakarya Ketahanan Kota",)
    # judged: the visit's three attendees (Budi is wrong); Rudi attends the spurious 2019 visit, not judged.
    assert (report.participation_correct, report.participation_output) == (2, 3)
    assert report.participation_precision == 2 / 3
    assert report.participation_recall == 0.75


def test_evaluate_lesson_links_city_event_and_examples():
    report = evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD)
    # lesson1: city, event, example all present; lesson2: event by jj:learnedAt, no city
    assert (report.lesson_links_found, report.lesson_links_total) == (4, 5)
    assert report.lesson_link_recall == 0.8
    assert report.relations_recall == (2 + 3 + 4) / (4 + 4 + 5)


# -- summary and formatting ----------------------------------------------------------------------


def test_evaluate_summarise_micro_averages_documents():
    reports = [evaluate(_dataset(ENTITIES_TRIG), ENTITIES_GOLD), evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD)]
    summary = summarise(reports)
    totals = [sum(r.kinds[k].counts[i] for r in reports for k in KINDS) for i in range(4)]
    precision, recall = totals[2] / totals[3], totals[0] / totals[1]
    assert summary["entities"] == {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3),
    }
    assert summary["relations_recall"] == round(9 / 13, 3)
    assert summary["per_kind"]["persons"] == {"precision": round(6 / 9, 3), "recall": round(6 / 7, 3),
                                              "f1": 0.75}


def test_evaluate_summarise_of_nothing():
    assert summarise([]) == {"entities": {"precision": 0.0, "recall": 1.0, "f1": 0.0},
                             "relations_recall": 1.0, "per_kind": {}}


def test_evaluate_format_report_is_a_table_with_missed_and_spurious():
    text = format_report(evaluate(_dataset(ENTITIES_TRIG), ENTITIES_GOLD))
    lines = text.splitlines()
    assert lines[0] == "== entities.txt"
    assert lines[1].split() == ["kind", "P", "R", "F1", "gold", "output", "dup"]
    assert lines[2].split() == ["persons", "0.600", "0.750", "0.667", "3/4", "3/5", "1"]
    assert "missed   persons: Hendra Saputra" in lines
    assert "spurious organisations: Dinas Sosial" in lines


def test_evaluate_report_to_dict_has_the_scorer_shape():
    data = evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD).to_dict()
    assert data["kinds"]["events"]["counts"] == [3, 4, 3, 4]
    assert data["relations"]["participation"]["counts"] == [3, 4, 2, 3]
    assert data["relations"]["lesson_links"] == {"recall": 0.8, "counts": [4, 5]}
    assert json.loads(json.dumps(data)) == data


# -- evaluate_stored, render ----------------------------------------------------------------------
def scored(location: str, golds: list[str], as_json: bool) -> str:
    return render(evaluate_stored(location, golds), as_json)



def _write_gold(path: Path, gold: dict) -> str:
    path.write_text(json.dumps(gold), encoding="utf-8")
    return str(path)


def _store(tmp_path: Path, location: Path | None = None) -> Path:
    location = location or tmp_path / "kg.trig"
    with open_graph(location) as kg:
        entities = [(s, p, o) for s, p, o, _ in _dataset(ENTITIES_TRIG).quads((None, None, None, None))]
        kg.replace_document("docs/entities.txt", entities, sha256="sha256:" + "a" * 64)
        kg.replace_document("docs/relations.txt", _graph(RELATIONS_TTL), sha256="sha256:" + "b" * 64)
        kg.save()
    return location


def test_evaluate_stored_scores_each_gold_against_its_document(tmp_path):
    location = _store(tmp_path)
    golds = [_write_gold(tmp_path / "entities.json", ENTITIES_GOLD),
             _write_gold(tmp_path / "relations.json", RELATIONS_GOLD)]
    data = json.loads(scored(str(location), golds, as_json=True))
    assert [d["graph"] for d in data["documents"]] == ["document docs/entities.txt", "document docs/relations.txt"]
    assert data["documents"][0]["kinds"]["persons"]["counts"] == [3, 4, 3, 5]
    assert data["documents"][1]["kinds"]["persons"]["counts"] == [3, 3, 3, 4]
    expected = summarise([evaluate(_dataset(ENTITIES_TRIG), ENTITIES_GOLD),
                          evaluate(_graph(RELATIONS_TTL), RELATIONS_GOLD)])
    assert data["summary"] == expected


def test_evaluate_stored_releases_an_embedded_store(tmp_path):
    location = _store(tmp_path, tmp_path / "store")
    golds = [_write_gold(tmp_path / "entities.json", ENTITIES_GOLD),
             _write_gold(tmp_path / "relations.json", RELATIONS_GOLD)]
    scored(str(location), golds, as_json=True)
    with open_graph(location, create=False) as kg:  # the store's lock went with the scorer's views
        assert len(kg.documents()) == 2


def test_evaluate_stored_one_gold_on_a_one_document_graph_reads_it_whole(tmp_path):
    location = tmp_path / "one.trig"
    location.write_text(ENTITIES_TRIG, encoding="utf-8")
    gold = _write_gold(tmp_path / "entities.json", ENTITIES_GOLD)
    text = scored(str(location), [gold], as_json=False)
    assert text.splitlines()[0] == "== entities.txt  [whole graph]"
    assert text.splitlines()[-1] == "entities P=0.615 R=0.727 F1=0.667; relations recall=1.000"


def test_evaluate_stored_scores_a_missing_document_as_empty(tmp_path):
    location = _store(tmp_path)
    golds = [_write_gold(tmp_path / "entities.json", ENTITIES_GOLD), _write_gold(tmp_path / "e.json", EMPTY_GOLD)]
    data = json.loads(scored(str(location), golds, as_json=True))
    assert data["documents"][1]["graph"] == "no document empty.txt in the graph: scored as empty"
    assert data["documents"][1]["kinds"]["persons"]["counts"] == [0, 1, 0, 0]


@pytest.mark.parametrize(("min_f1", "code"), [(None, 0), (0.5, 0), (0.667, 0), (0.668, 1), (0.9, 1)])
def test_evaluate_cli_exit_code_follows_min_f1(tmp_path, min_f1, code):
    from click.testing import CliRunner

    from jejaring.cli import cli

    location = tmp_path / "one.trig"
    location.write_text(ENTITIES_TRIG, encoding="utf-8")
    gold = _write_gold(tmp_path / "entities.json", ENTITIES_GOLD)
    options = ["--min-f1", str(min_f1)] if min_f1 is not None else []
    result = CliRunner().invoke(cli, ["eval", "-g", str(location), "--gold", gold, *options])
    assert result.exit_code == code
    assert result.output.splitlines()[-1] == "entities P=0.615 R=0.727 F1=0.667; relations recall=1.000"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "bad.json: the gold annotation is not valid JSON (line 1, column 2"),
        ('{"persons": []}', 'bad.json: a gold annotation is a JSON object with a "document" field'),
        ("[1, 2]", 'bad.json: a gold annotation is a JSON object with a "document" field'),
    ],
)
def test_evaluate_stored_rejects_a_malformed_gold_naming_the_file(tmp_path, content, message):
    location = tmp_path / "one.trig"
    location.write_text(ENTITIES_TRIG, encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        scored(str(location), [str(bad)], as_json=False)
    assert str(e.value).startswith(str(bad)[: -len("bad.json")] + message)


def test_evaluate_stored_needs_an_existing_graph(tmp_path):
    gold = _write_gold(tmp_path / "entities.json", ENTITIES_GOLD)
    with pytest.raises(GraphLocationError):
        scored(str(tmp_path / "nothing.trig"), [gold], as_json=False)


def test_evaluate_report_summary_of_one_is_its_entity_scores():
    report = EvaluationReport("x.txt", {"persons": KindScore("persons", 1, 2, 1, 3)})
    summary = summarise([report])["entities"]
    assert summary == {"precision": round(report.entity_precision, 3), "recall": round(report.entity_recall, 3),
                       "f1": round(report.entity_f1, 3)}


# -- agreement with the reference scorer -------------------------------------------------------------

CASES = {
    "entities": (ENTITIES_TRIG, ENTITIES_GOLD),
    "relations": (PREFIXES + "<https://example.org/graph/r> {" + RELATIONS_TTL.replace(PREFIXES, "") + "}",
                  RELATIONS_GOLD),
    "mixed": (ENTITIES_TRIG + "<https://example.org/graph/r> {" + RELATIONS_TTL.replace(PREFIXES, "") + "}",
              {**RELATIONS_GOLD, "persons": ENTITIES_GOLD["persons"] + RELATIONS_GOLD["persons"][1:],
               "cities": ENTITIES_GOLD["cities"], "optional": ENTITIES_GOLD["optional"]}),
    "empty": ("", EMPTY_GOLD),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_evaluate_agrees_with_the_reference_scorer(tmp_path, case):
    if not SCORER.is_file():
        pytest.skip(f"the reference scorer is not beside the repository ({SCORER})")
    trig, gold = CASES[case]
    graph_file, gold_file = tmp_path / f"{case}.trig", tmp_path / f"{case}.json"
    graph_file.write_text(trig, encoding="utf-8")
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCORER), str(graph_file), str(gold_file), "--json"],
                            capture_output=True, text=True, check=True)
    theirs = json.loads(result.stdout)
    report = evaluate(_dataset(trig), gold)
    ours = summarise([report])
    assert ours["entities"] == theirs["summary"]["entities"]
    assert ours["relations_recall"] == theirs["summary"]["relations_recall"]
    assert {k: round(v, 3) for k, v in (("precision", report.entity_precision), ("recall", report.entity_recall),
                                        ("f1", report.entity_f1))} == theirs["summary"]["entities"]
    assert round(report.relations_recall, 3) == theirs["summary"]["relations_recall"]
    document = theirs["documents"][0]
    kinds = document["kinds"]
    assert {k: list(v.counts) for k, v in report.kinds.items()} == {k: v["counts"] for k, v in kinds.items()}
    assert {k: v.duplicates for k, v in report.kinds.items()} == {k: v["duplicates"] for k, v in kinds.items()}
    relations = document["relations"]
    assert [report.posts_found, report.posts_total] == relations["posts"]["counts"]
    assert round(report.post_role_recall, 3) == relations["posts"]["role_recall"]
    assert [report.participation_found, report.participation_total, report.participation_correct,
            report.participation_output] == relations["participation"]["counts"]
    assert [report.lesson_links_found, report.lesson_links_total] == relations["lesson_links"]["counts"]
    # and the command's JSON, through the store, says the same
    text = scored(str(graph_file), [str(gold_file)], as_json=True)
    assert json.loads(text)["summary"] == theirs["summary"]


NAMES = [
    "Dr. Ir. Dimas Prasetyo, MURP", "Dimas P. Prasetyo", "Ibu Sri Mulyani Hartati, S.T., M.Sc.",
    "Hj. Nurhayati Wachju", "Sdri. Nurhayati", "Badan Penanggulangan Bencana Daerah (BPBD)", "BPBD",
    "Pemprov DKI Jakarta", "Pemerintah Provinsi DKI Jakarta", "Plan Intenasional Indonesia",
    "Plan International Indonesia", "Pertemuan Rutin Mingguan 27 Juli", "Pertemuan 25 Juli 2018",
    "Cross Learning Visit Seoul", "Kunjungan Belajar ke Seoul", "Seoul", "Séoul", "St. Petersburg",
    "Restorasi Sungai Cheonggye", "Cheonggyecheon", "AT&T Indonesia", "Prof. Ana Pérez, Ph.D.", "Mr. Bu",
    "se-Jakarta", "Dinas PPAPP", "Dinas Pemberdayaan, Perlindungan Anak, dan Pengendalian Penduduk",
]


def test_evaluate_names_agree_with_the_reference_scorer():
    scorer = _load_scorer()
    for a in NAMES:
        assert normalise_name(a) == scorer.norm(a), a
        for b in NAMES:
            assert name_score(a, b) == scorer.sim_score(a, b), (a, b)


def test_evaluate_lexicon_honorifics_are_removed():
    # whatever the shipped lexicon holds, FORMAT.md's forms and the scorer's are removed, as single words
    assert normalise_name("Bapak Ibu Sdr. Dr. Ir. Prof. MURP MSi Drs. Hj. ST PhD Ana") == "ana"


def test_evaluate_store_dataset_is_read_as_a_union(tmp_path):
    location = tmp_path / "kg.trig"
    with open_graph(location) as kg:
        person = URIRef("https://example.org/id/x")
        kg.replace_document("a.txt", [(person, RDF.type, SCHEMA.Person)], sha256="sha256:" + "a" * 64)
        kg.replace_document("b.txt", [(person, SCHEMA.name, Literal("Dimas Prasetyo"))], sha256="sha256:" + "b" * 64)
        report = evaluate(kg.dataset(), {"persons": [{"name": "Dimas Prasetyo"}]})
    assert report.kinds["persons"].counts == (1, 1, 1, 1)


def test_evaluate_stored_a_folder_stands_for_its_gold_annotations(tmp_path):
    location = _store(tmp_path)
    folder = tmp_path / "gold"
    folder.mkdir()
    _write_gold(folder / "entities.json", ENTITIES_GOLD)
    _write_gold(folder / "relations.json", RELATIONS_GOLD)
    _write_gold(folder / "corpus-entities.json", {"persons": [], "organisations": []})  # no "document": not a gold
    files = [str(folder / "entities.json"), str(folder / "relations.json")]
    assert scored(str(location), [str(folder)], True) == scored(str(location), files, True)
    (tmp_path / "none").mkdir()
    with pytest.raises(InputError, match="no gold annotation"):
        scored(str(location), [str(tmp_path / "none")], as_json=False)


def test_evaluate_cli_gold_takes_several_files_after_one_flag(tmp_path):
    from click.testing import CliRunner

    from jejaring.cli import cli

    location = _store(tmp_path)
    golds = [_write_gold(tmp_path / "entities.json", ENTITIES_GOLD),
             _write_gold(tmp_path / "relations.json", RELATIONS_GOLD)]
    result = CliRunner().invoke(cli, ["eval", "-g", str(location), "--gold", *golds, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["documents"]) == 2
