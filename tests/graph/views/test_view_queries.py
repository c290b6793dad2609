"""The views' own SPARQL (``jejaring/graph/views/queries/*.rq``): each file has its header, parses and runs, is
used by the package and is not in the user-facing library; a list binding binds a variable to each term."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from jejaring.graph.store import open_graph
from jejaring.graph.store.query import bind_for_oxigraph
from jejaring.graph.views.queries import view_query
from jejaring.queries import list_queries, parse_query_text

PACKAGE = Path(__file__).resolve().parents[3] / "jejaring"
QUERIES = sorted((PACKAGE / "graph" / "views" / "queries").glob("*.rq"))
# a call naming a view query, at the start of the file's name: view_query("project-labels")
CALLED = re.compile(r'view_query\(\s*"([^"]+)"')


def _bindings(query) -> dict:
    """A value for each declared parameter: a list of one IRI for an IRI list, a literal otherwise."""
    return {p.name: (URIRef("urn:x:a"),) if p.type == "iri" else Literal("x") for p in query.params}


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_view_queries_have_a_header_and_run(path):
    query = parse_query_text(path.read_text(encoding="utf-8"), "")
    assert query.name == path.stem
    assert query.description
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    for p in query.params:
        assert re.search(rf"\?{p.name}\b", body), f"{path.name}: parameter {p.name} is not a variable of the query"
    text, substitutions = bind_for_oxigraph(query.text, _bindings(query))
    ox.Store().query(text, substitutions=substitutions)  # parses and runs


def test_view_queries_each_file_is_used_and_each_use_has_a_file():
    called = {name for p in PACKAGE.rglob("*.py") for name in CALLED.findall(p.read_text(encoding="utf-8"))}
    assert called == {p.stem for p in QUERIES}


def test_view_queries_are_not_in_the_library():
    assert not {q.name for q in list_queries()} & {p.stem for p in QUERIES}


def test_view_queries_load_by_name():
    assert view_query("project-labels") == (PACKAGE / "graph" / "views" / "queries" / "project-labels.rq").read_text()


def test_view_queries_a_list_binding_binds_each_term(tmp_path):
    with open_graph(tmp_path / "g.trig") as kg:
        kg.store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:a"), ox.Literal("A"), ox.DefaultGraph()))
        kg.store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:b"), ox.Literal("B"), ox.DefaultGraph()))
        kg.store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:c"), ox.Literal("C"), ox.DefaultGraph()))
        rows = kg.query("SELECT ?l WHERE { ?s ?p ?l }", {"p": (URIRef("urn:x:a"), URIRef("urn:x:c"))})
        assert sorted(r["l"].value for r in rows) == ["A", "C"]
