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
        from jejaring.service import ingest_paths

        ingest_paths(kg, [path])
        rows = list(kg.query("""
            PREFIX org: <http://www.w3.org/ns/org#> PREFIX time: <http://www.w3.org/2006/time#>
            PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?name ?role ?b ?e WHERE {
              ?m org:member/schema:name ?name ; org:role/skos:prefLabel ?role ;
                 org:memberDuring [ time:hasBeginning/time:inXSDDate ?b ; time:hasEnd/time:inXSDDate ?e ] }"""))
    assert [(r["name"].value, r["role"].value, r["b"].value, r["e"].value) for r in rows] == [
        ("Ani Wijaya", "Staf", "2018-01-01", "2019-12-31")]


# -- issue 20, item 9: YAML aliases that expand without bound ---------------------------------------------
def alias_bomb(levels: int, fan: int = 9) -> str:
    """A ~1 kB YAML whose aliases would expand to ``fan ** levels`` strings in ``persons[].aliases``."""
    lines = ["persons:", f"  - {{id: p0, name: P, aliases: &a0 [{', '.join(['x'] * fan)}]}}"]
    for i in range(1, levels):
        lines.append(f"  - {{id: p{i}, name: P, aliases: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]}}")
    return "\n".join(lines) + "\n"


MAX_ALIAS_NODES = 10_000  # the bound of jejaring.ingest.curated, checked there by the first test


def aliases_adding(n: int) -> str:
    """A valid curated file whose aliases add exactly ``n`` nodes once expanded: one anchored scalar, n aliases."""
    names = ", ".join(["*n"] * n)
    return f"persons:\n  - {{id: p, name: &n Ani Wijaya, aliases: [{names}]}}\n"


def test_curated_yaml_alias_bomb_is_refused_before_it_is_expanded(tmp_path, monkeypatch):
    """Nine levels of anchors (9**9 strings) were expanded in full: 60 s and 1.9 GB in a worker."""
    from jejaring.ingest import curated

    constructed = []  # an empty document stands in for the expanded one, which would take 2 GB
    monkeypatch.setattr(curated._LineLoader, "construct_document", lambda self, node: constructed.append(1) or {})
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(9))
    assert len(path.read_bytes()) < 1000
    with pytest.raises(InputError) as refused:  # refused while composing, before any Python object is built
        read_curated(path)
    # the aliases of lines 3-5 add 90 + 819 + 7380 values, the first of line 6 another 7381
    assert curated.MAX_ALIAS_NODES == MAX_ALIAS_NODES
    assert str(refused.value) == (
        f"{path}:6: YAML aliases (*a3) would add more than {curated.MAX_ALIAS_NODES} values once expanded; "
        "write the values out instead of repeating anchors")
    assert constructed == []


def test_curated_yaml_alias_bound(tmp_path):
    """Aliases may add up to MAX_ALIAS_NODES values, not one more."""
    path = tmp_path / "aliases.yaml"
    path.write_text(aliases_adding(MAX_ALIAS_NODES))
    [person] = read_curated(path).entities.values()
    assert person.name == "Ani Wijaya"
    path.write_text(aliases_adding(MAX_ALIAS_NODES + 1))
    with pytest.raises(InputError, match=f"would add more than {MAX_ALIAS_NODES} values"):
        read_curated(path)


def test_curated_yaml_recursive_alias_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("persons: &loop\n  - {id: p, name: P, aliases: *loop}\n")
    with pytest.raises(InputError, match=r"loop\.yaml:2: a YAML alias \(\*loop\) refers to a value containing it"):
        read_curated(path)


def test_curated_yaml_alias_bomb_exits_2_with_one_line(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(aliases_adding(MAX_ALIAS_NODES + 1))  # past the bound, yet quick to expand if not refused
    result = CliRunner().invoke(cli, ["ingest", str(path), "-g", str(tmp_path / "g.trig"), "-q"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "would add more than" in result.stderr
