"""Queries with a time limit run in worker processes: the same results as in this process, fresh after
writes, stopped when the time is up with the store intact, and this process is never forked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from jejaring.errors import QueryError, QueryTimeout
from jejaring.graph.sparql.run import run_query
from jejaring.graph.sparql.workers import QueryWorkers
from jejaring.graph.store import open_graph
from jejaring.graph.store.base import union_update
from jejaring.queries import bind_params, list_queries

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
#: Queries whose rows come in the store's own order (no ORDER BY), over every kind of term.
UNORDERED = [
    ("SELECT * WHERE { ?s ?p ?o }", None, None),
    ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", None, 50),
    ("SELECT ?s ?o WHERE { ?s <https://schema.org/name> ?o . ?s ?p ?x }", None, None),
    ("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isBlank(?s)) }", None, None),
    ("SELECT * WHERE { ?s ?p ?o }", {"s": "urn:jejaring-test:blank-owner"}, None),
    ("CONSTRUCT WHERE { ?s a ?type }", None, 7),
    ("SELECT ?name ?s ?p WHERE { ?s <https://schema.org/name> ?name ; ?p ?o }", {"name": "Tri Indrawan"}, None),
    ("DESCRIBE ?s WHERE { ?s <https://schema.org/name> \"Tri Indrawan\" }", None, None),
    ("ASK { ?s ?p \"no such value\" }", None, None),
]
PERSONS = ("PREFIX schema: <https://schema.org/> SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name "
           "FILTER(STRSTARTS(?name, 'Tri')) } ORDER BY ?name")
#: Values for the required parameters of the library's queries (as in test_library).
REQUIRED = {
    "career-trail": {"person": "Blessmiyanda"},
    "document-mentions": {"entity": "Blessmiyanda"},
    "evidence": {"node": "https://w3id.org/jejaring/id/statement/notes-blessmiyanda"},
    "lookup": {"label": "BPBD"},
    "members-over-time": {"organisation": "Pemprov DKI"},
    "post-at": {"person": "Blessmiyanda", "date": "2019-06-13"},
}


def ex(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"urn:jejaring-test:{name}")


@pytest.fixture(scope="module")
def examples(tmp_path_factory, example_graph) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("run-query")
    locations = {"memory": root / "graph.trig", "directory": root / "store"}
    for location in locations.values():
        example_graph(location)
    return locations


@pytest.fixture(params=["memory", "directory"])
def graph(request, examples, tmp_path):
    """A private copy of the example graph, with a history of writes (removals, updates, blank nodes)."""
    source = examples[request.param]
    location = tmp_path / source.name
    (shutil.copytree if source.is_dir() else shutil.copyfile)(source, location)
    with open_graph(location, create=False) as kg:
        store = kg.store
        quads = list(store)
        for q in quads[::7]:
            store.remove(q)
        for q in quads[::14]:
            store.add(q)
        owner = ex("blank-owner")
        store.extend([ox.Quad(owner, ex("has"), ox.BlankNode("b1"), ex("g")),
                      ox.Quad(ox.BlankNode("b1"), ex("value"), ox.Literal("first", language="id"), ex("g")),
                      ox.Quad(ox.BlankNode("b2"), ex("value"), ox.Literal("2", datatype=ex("type")), ex("g"))])
        store.update("INSERT { GRAPH <urn:jejaring-test:g2> { ?s <urn:jejaring-test:named> ?n } } "
                     "WHERE { ?s <https://schema.org/name> ?n }")
        # raw writes skip the union the store keeps in its default graph: make it again
        store.update(f"DROP DEFAULT ; {union_update()}")
        del store  # the store's lock goes with its last reference (some tests close and reopen it)
        yield kg


def bindings(given: dict | None) -> dict | None:
    if not given:
        return None
    from rdflib import Literal, URIRef

    return {k: URIRef(v) if v.startswith("urn:") else Literal(v) for k, v in given.items()}


@pytest.mark.parametrize(("sparql", "given", "max_rows"), UNORDERED)
def test_worker_results_are_the_in_process_results(graph, sparql, given, max_rows):
    expected = run_query(graph, sparql, bindings(given), max_rows=max_rows)
    assert expected.count > 0 or expected.kind == "ask"
    assert run_query(graph, sparql, bindings(given), timeout=60, max_rows=max_rows) == expected


def test_worker_results_are_the_in_process_results_for_the_library(graph):
    for query in list_queries():
        given = REQUIRED.get(query.name, {})
        if any(p.required and p.name not in given for p in query.params):
            continue  # a query added since; test_library runs it
        params = bind_params(query, given)
        assert run_query(graph, query.text, params, timeout=60) == run_query(graph, query.text, params), query.name


def test_a_bound_parameter_gives_the_rows_of_the_value_written_in_the_query(graph):
    # the value reaches Oxigraph twice (a VALUES block for its planner, a substitution for sub-selects)
    sparql = "SELECT ?s ?name WHERE { ?s <https://schema.org/name> ?name } ORDER BY ?s"
    written = 'SELECT ?s ?name WHERE { ?s <https://schema.org/name> "Tri Indrawan" BIND("Tri Indrawan" AS ?name) } ORDER BY ?s'
    bound = run_query(graph, sparql, bindings({"name": "Tri Indrawan"}))
    assert bound.count > 0
    assert bound == run_query(graph, written)
    assert run_query(graph, sparql, bindings({"name": "Tri Indrawan"}), timeout=60) == bound


def test_a_query_with_no_place_for_a_values_block_is_bound_by_substitution(graph):
    # CONSTRUCT WHERE { } has no WHERE clause of its own to take a VALUES block
    bound = run_query(graph, "CONSTRUCT WHERE { ?s <https://schema.org/name> ?name }", bindings({"name": "Tri Indrawan"}))
    assert bound.count > 0
    assert all(b'"Tri Indrawan"' in line for line in bound.payload.splitlines())


def test_worker_parse_errors_are_the_in_process_errors(graph):
    for sparql in ("SELECT ?x WHERE { ?s ?p ", "SELECT ?x WHERE { ?x undeclared:p ?y }"):
        with pytest.raises(QueryError) as in_process:
            run_query(graph, sparql)
        with pytest.raises(QueryError) as in_worker:
            run_query(graph, sparql, timeout=60)
        assert str(in_worker.value) == str(in_process.value)


def count(kg, **options) -> int:
    result = run_query(kg, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", **options)
    return int(result.rows()[0][0].value)


def test_worker_sees_every_write_made_before_the_query(graph):
    workers = QueryWorkers()
    try:
        for step in range(3):
            assert workers.run(graph, "ASK { ?s ?p ?o }", timeout=60).boolean
            triple = f"{ex(f's{step}')} {ex('p')} {ox.Literal(step)} ."
            graph.add_triples("urn:jejaring-test:g", triple)
            assert workers.run(graph, f"ASK {{ {ex(f's{step}')} ?p ?o }}", timeout=60).boolean
            graph.remove_triples("urn:jejaring-test:g", triple)
            assert not workers.run(graph, f"ASK {{ {ex(f's{step}')} ?p ?o }}", timeout=60).boolean
            assert count(graph) == int(workers.run(graph, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                   timeout=60).rows()[0][0].value)
        assert len(workers.pids()) == 1  # one worker served every query
    finally:
        workers.close()


def test_runaway_query_is_stopped_its_worker_killed_and_the_store_intact(graph):
    workers = QueryWorkers()
    try:
        before = set(graph.store)
        workers.warm(graph)
        (pid,) = workers.pids()
        with pytest.raises(QueryTimeout, match="ran past the time limit of 1 s and was stopped"):
            workers.run(graph, RUNAWAY, timeout=1)
        assert workers.pids() == []
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # killed and reaped
        assert set(graph.store) == before
        assert workers.run(graph, "ASK { ?s ?p ?o }", timeout=60).boolean  # a new worker
    finally:
        workers.close()
    if Path(graph.location).is_dir():  # the embedded store opens again, unchanged
        location = graph.location
        graph.close()
        with open_graph(location, create=False) as kg:
            assert set(kg.store) == before


def test_checkpoints_beside_a_store_are_replaced_then_removed(tmp_path):
    location = tmp_path / "store"
    stale = tmp_path / ".store.jejaring-query-999999999-left"  # by a process that is gone
    (stale / "0").mkdir(parents=True)
    workers = QueryWorkers()
    with open_graph(location) as kg:
        for step in range(5):
            kg.store.add(ox.Quad(ex(f"s{step}"), ex("p"), ox.Literal(step)))
            assert workers.run(kg, "SELECT * WHERE { ?s ?p ?o }", timeout=60).count == step + 1
        (root,) = [p for p in tmp_path.iterdir() if p.name.startswith(".store.jejaring-query-")
                   and f"-{os.getpid()}-" in p.name]
        assert len(list(root.iterdir())) <= 3  # the newest, and those still open in an idle worker
        assert not stale.exists()
        workers.close()
        assert not root.exists()


def test_queries_at_the_same_time_while_the_graph_changes(graph):
    workers = QueryWorkers(max_idle=3)
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            for _ in range(3):
                assert workers.run(graph, PERSONS, timeout=60) == run_query(graph, PERSONS)
        except BaseException as e:
            errors.append(e)

    persons = run_query(graph, PERSONS).count
    try:
        for step in range(3):
            threads = [threading.Thread(target=ask) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            graph.store.add(ox.Quad(ex(f"person{step}"), ox.NamedNode("https://schema.org/name"),
                                    ox.Literal(f"Tri {step}")))
            graph.store.add(ox.Quad(ex(f"person{step}"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                    ox.NamedNode("https://schema.org/Person")))
            assert workers.run(graph, PERSONS, timeout=60).count == persons + step + 1
        assert errors == []
        assert 1 <= len(workers.pids()) <= 3
    finally:
        workers.close()


def test_this_process_is_never_forked(graph, monkeypatch):
    def no_fork():
        raise AssertionError("forked a process that holds the store")

    monkeypatch.setattr(os, "fork", no_fork)
    workers = QueryWorkers()
    try:
        assert workers.run(graph, PERSONS, timeout=60) == run_query(graph, PERSONS)
    finally:
        workers.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_stops_when_its_parent_is_killed(graph, tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from jejaring.graph.sparql.workers import QueryWorkers
        from jejaring.graph.store import open_graph
        kg = open_graph({graph.location!r}, create=False)
        workers = QueryWorkers()
        workers.warm(kg)
        print(*workers.pids(), flush=True)
        workers.run(kg, {RUNAWAY!r}, timeout=600)
    """)
    graph.save()
    graph.close()
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        (pid,) = map(int, parent.stdout.readline().split())
    finally:
        parent.kill()
        parent.wait()
    assert wait_until(lambda: not running(pid))


def wait_until(condition, tries: int = 600) -> bool:
    import time

    for _ in range(tries):
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def running(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


# -- the Python API (issue 22): a library query by name with keyword parameters, rows as Python values ----------
def test_run_query_takes_a_library_query_by_name_with_keyword_parameters(examples):
    from jejaring.queries import load_query

    with open_graph(examples["memory"], create=False) as kg:
        by_name = run_query(kg, "career-trail", person="Blessmiyanda")
        query = load_query("career-trail")
        by_text = run_query(kg, query.text, bind_params(query, {"person": "Blessmiyanda"}))
        assert by_name.count > 0 and by_name == by_text
        events = run_query(kg, "events", year=2019)  # a non-string value is typed as the header declares
        assert events.count > 0 and events == run_query(kg, "events", year="2019")
        with pytest.raises(QueryError, match="needs the parameter 'person'"):
            run_query(kg, "career-trail")
        with pytest.raises(QueryError, match="no library query 'no-such-question'"):
            run_query(kg, "no-such-question")


def test_query_result_records_are_plain_python_values(examples):
    from datetime import date
    from decimal import Decimal

    sparql = """SELECT ?iri ?text ?tagged ?n ?d ?day ?yes ?odd ?unbound WHERE {
      VALUES (?iri ?text ?tagged ?n ?d ?day ?yes ?odd) { (<urn:x:a> "a" "b"@id 3 2.5 "2019-06-13"^^<http://www.w3.org/2001/XMLSchema#date>
        true "x"^^<urn:x:type>) } OPTIONAL { ?iri <urn:x:none> ?unbound } }"""
    with open_graph(examples["memory"], create=False) as kg:
        [record] = run_query(kg, sparql).records()
    assert record == {"iri": "urn:x:a", "text": "a", "tagged": "b", "n": 3, "d": Decimal("2.5"),
                      "day": date(2019, 6, 13), "yes": True, "odd": "x", "unbound": None}
    assert [type(v) for v in record.values()][:3] == [str, str, str]


def test_dir_of_the_package_lists_its_lazily_loaded_api():
    import jejaring

    assert {"open_graph", "run_query", "project", "export_graph", "__version__"} <= set(dir(jejaring))
    assert all(hasattr(jejaring, name) for name in jejaring.__all__)
