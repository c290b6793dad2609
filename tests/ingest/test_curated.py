from __future__ import annotations

import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.errors import InputError
from jejaring.graph.store import open_graph
from jejaring.ingest.curated import read_curated

GOOD_YAML = """\
language: id
organisations:
  - {id: pemprov, name: Pemerintah Provinsi DKI Jakarta, kind: provincial-government}
persons:
  - {id: ani, name: Ani Wijaya, honorific: Ibu}
posts:
  - {person: ani, organisation: pemprov, role: Staf, start: 2018-01-01, end: 2019-12-31}
"""


def test_curated_yaml_gives_records(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text(GOOD_YAML)
    ex = read_curated(path)
    assert {e.name for e in ex.entities.values()} == {"Pemerintah Provinsi DKI Jakarta", "Ani Wijaya"}
    [m] = ex.memberships
    assert (m.person, m.organisation, m.role_label, str(m.start), str(m.end)) == (
        "person:ani", "organisation:pemprov", "Staf", "2018-01-01", "2019-12-31")


def test_curated_examples_load(curated_dir):
    yaml_ex = read_curated(curated_dir / "seoul-visit.yaml")
    assert len(yaml_ex.participations) == 13 and len(yaml_ex.memberships) == 6
    csv_ex = read_curated(curated_dir / "stakeholders.csv")
    assert {e.name for e in csv_ex.entities.values()} >= {"Denny Aputra", "Yayasan Sayangi Tunas Cilik"}


BAD_YAML = [
    ("persons: [{id: a, name: A\n", r"bad\.yaml:\d+: malformed YAML"),
    ("persons:\n  - {id: a, name: A, nickname: B}\n", r"bad\.yaml:2: persons: unknown field 'nickname'"),
    ("persons:\n  - {id: a}\n", r"bad\.yaml:2: persons: missing required field 'name'"),
    ("persons:\n  - {id: a, name: A}\nposts:\n  - {person: a, start: 2019-13-45}\n",
     r"bad\.yaml:4: start: '2019-13-45' is not a valid date"),
    ("posts:\n  - {person: nobody}\n", r"bad\.yaml:2: person: 'nobody' is not the id of any"),
    ("people: []\n", r"bad\.yaml:1: unknown section 'people'"),
]


@pytest.mark.parametrize(("text", "message"), BAD_YAML)
def test_curated_bad_yaml_is_one_clear_error(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        read_curated(path)


BAD_CSV = [
    ("person,organisation,role,start,end,event\nA,B,,,,\n", r"row 1: missing column\(s\) event_start"),
    ("person,organisation,role,start,end,event,event_start\nA,B,Staf,2019-02-30,,,\n",
     r"row 2: start: '2019-02-30' is not a valid date"),
    ("person,organisation,role,start,end,event,event_start\n,,Staf,,,,\n", r"row 2: person: a row names"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CSV)
def test_curated_bad_csv_is_one_clear_error(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        read_curated(path)


@pytest.mark.parametrize(("name", "text"), [("bad.yaml", BAD_YAML[3][0]), ("bad.csv", BAD_CSV[0][0])])
def test_curated_bad_input_exits_2_and_writes_nothing(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    result = CliRunner().invoke(cli, ["ingest", str(path), "-g", str(tmp_path / "g.trig"), "-q"])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {path}")
    assert not (tmp_path / "g.trig").exists()


def test_curated_ingest_maps_posts_with_intervals(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text(GOOD_YAML)
    with open_graph(tmp_path / "g.trig") as kg:
        from jejaring.ingest.batch import ingest_paths

        ingest_paths(kg, [path])
        rows = list(kg.query("""
            PREFIX org: <http://www.w3.org/ns/org#> PREFIX time: <http://www.w3.org/2006/time#>
            PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?name ?role ?b ?e WHERE {
              ?m org:member/schema:name ?name ; org:role/skos:prefLabel ?role ;
                 org:memberDuring [ time:hasBeginning/time:inXSDDate ?b ; time:hasEnd/time:inXSDDate ?e ] }"""))
    assert [(r["name"].value, r["role"].value, r["b"].value, r["e"].value) for r in rows] == [
        ("Ani Wijaya", "Staf", "2018-01-01", "2019-12-31")]
