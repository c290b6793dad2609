"""The ``query`` and ``queries`` commands: formats, parameters, files, and one-line errors."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from rdflib import Graph

from jejaring.cli import cli

NAMES = ("PREFIX schema: <https://schema.org/> SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name "
         "FILTER(STRSTARTS(?name, 'Tri')) } ORDER BY ?name")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"


@pytest.fixture(scope="module")
def graph(tmp_path_factory, example_graph) -> str:
    location = tmp_path_factory.mktemp("cli") / "graph.trig"
    example_graph(location)
    return str(location)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(("fmt", "expected"), [
    ("csv", "name\r\nTri Indrawan\r\nTri Mulyani Sunarharum\r\n"),
    ("tsv", '?name\n"Tri Indrawan"\n"Tri Mulyani Sunarharum"\n'),
    ("table", "name\n----------------------\nTri Indrawan\nTri Mulyani Sunarharum\n"),
    ("md", "| name |\n|---|\n| Tri Indrawan |\n| Tri Mulyani Sunarharum |\n"),
])
def test_cli_query_text_formats(graph, fmt, expected):
    result = run("query", "-g", graph, "-e", NAMES, "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout_bytes == expected.encode()
    assert result.stderr == "2 rows\n"


def test_cli_query_json_is_sparql_results_json(graph):
    result = run("query", "-g", graph, "-e", NAMES, "--format", "json", "--quiet")
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["name"]
    assert [b["name"] for b in data["results"]["bindings"]] == [
        {"type": "literal", "value": "Tri Indrawan"}, {"type": "literal", "value": "Tri Mulyani Sunarharum"}]
    assert result.stderr == ""


def test_cli_query_xml_is_sparql_results_xml(graph):
    result = run("query", "-g", graph, "-e", NAMES, "--format", "xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(result.stdout)
    assert [e.text for e in root.findall(".//s:binding/s:literal", ns)] == ["Tri Indrawan", "Tri Mulyani Sunarharum"]


def test_cli_query_library_question_with_a_parameter(graph):
    result = run("query", "career-trail", "-g", graph, "--param", "person=Blessmiyanda", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("who,name,post,organisation,organisationName,since,until,on,documents,membership")
    assert [line.split(",")[2] for line in lines[1:]] == ["Asisten Deputi bidang Lingkungan Hidup", "Kepala"]


def test_cli_query_file_with_a_declared_parameter(graph, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# name: by-name\n# param: name (string, required) A name.\n"
                    "SELECT ?p ?name WHERE { ?p <https://schema.org/name> ?name }\n", encoding="utf-8")
    result = run("query", "-g", graph, "--file", str(path), "-p", "name=James Ballo", "--format", "csv")
    assert result.stdout_bytes == b"p,name\r\nhttps://w3id.org/jejaring/id/person/james-ballo,James Ballo\r\n"


def test_cli_query_construct_is_turtle(graph):
    result = run("query", "-g", graph, "-e", "CONSTRUCT WHERE { ?c a <https://schema.org/City> }")
    assert result.exit_code == 0
    g = Graph().parse(data=result.stdout, format="turtle")
    assert len(g) == 2
    assert result.stderr == "2 triples\n"


def test_cli_query_max_rows_keeps_the_first_and_warns(graph):
    result = run("query", "-g", graph, "-e", NAMES, "--format", "csv", "--max-rows", "1")
    assert result.stdout_bytes == b"name\r\nTri Indrawan\r\n"
    assert result.stderr == "1 rows\nWarning: only the first 1 rows are shown (--max-rows)\n"


@pytest.mark.parametrize(("query", "position"), [
    ("SELECT ?x WHERE { ?s ?p ", "line 1, column 25"),
    ("PREFIX schema: <https://schema.org/>\nSELECT ?x WHERE {\n  ?x schema:name ?n FILTER(?n = ) }",
     r"line 3, column \d+"),
    ("SELECT * WHERE { ?s foo:bar ?o }", "line 1, column 28"),
])
def test_cli_query_malformed_gives_one_line_with_the_position(graph, query, position):
    result = CliRunner().invoke(cli, ["query", "-g", graph, "-e", query])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert re.match(f"Error: the SPARQL query does not parse at {position}: ", result.stderr)


def test_cli_query_unknown_name_lists_the_library(graph):
    result = CliRunner().invoke(cli, ["query", "nobody-knows", "-g", graph])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no library query 'nobody-knows'; the library has: agency-lessons, ")
    assert result.stderr.count("\n") == 1


def test_cli_query_unknown_parameter(graph):
    result = CliRunner().invoke(cli, ["query", "career-trail", "-g", graph, "-p", "who=x"])
    assert result.exit_code == 2
    assert result.stderr == "Error: query 'career-trail' has no parameter 'who' (its parameters: person)\n"


def test_cli_query_needs_exactly_one_query(graph):
    result = CliRunner().invoke(cli, ["query", "-g", graph])
    assert result.exit_code == 2
    assert "give exactly one of NAME, --file or -e" in result.stderr


def test_cli_query_timeout_stops_a_runaway_query(graph):
    result = CliRunner().invoke(cli, ["query", "-g", graph, "-e", RUNAWAY, "--timeout", "1"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: the query ran past the time limit of 1 s and was stopped; narrow it "
                             "(LIMIT, more specific patterns) or allow more time\n")


def test_cli_queries_lists_the_library():
    result = run("queries")
    assert result.exit_code == 0
    assert "career-trail  [person (required)]\n    A person's career trail" in result.stdout
    names = [q["name"] for q in json.loads(run("queries", "--format", "json").stdout)]
    assert len(names) >= 12 and "visit-attendees" in names


@pytest.mark.parametrize("command", ["query", "queries", "serve"])
def test_cli_query_commands_have_help_with_an_example(command):
    result = run(command, "-h")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


# -- errors that say what to do (issue 22) ------------------------------------------------------------------------
@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?s WHERE { ?s a foo:Bar }", "the prefix foo: is not declared; add PREFIX foo: <IRI> before the query"),
    ("PREFIX ex: <urn:x:> SELECT ?s WHERE {\n ?s a ex:Thing, schema:Person }",
     "at line 2, column 30: the prefix schema: is not declared; add PREFIX schema: <https://schema.org/> before"),
])
def test_cli_query_an_undeclared_prefix_is_named(graph, query, expected):
    result = run("query", "-g", graph, "-e", query)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: the SPARQL query does not parse") and expected in line


def test_cli_query_using_http_schema_org_gets_a_one_line_hint(graph):
    wrong = run("query", "-g", graph, "-e", NAMES.replace("https://schema.org/", "http://schema.org/"))
    assert wrong.exit_code == 0 and wrong.stdout.startswith("name\n")  # no rows: the graph's terms are https
    [hint] = [line for line in wrong.stderr.splitlines() if line.startswith("Warning:")]
    assert "<http://schema.org/>" in hint and "PREFIX schema: <https://schema.org/>" in hint
    right = run("query", "-g", graph, "-e", NAMES)
    assert "Tri Indrawan" in right.stdout and "Warning" not in right.stderr
