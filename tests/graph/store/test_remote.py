"""The remote store against a real Oxigraph server: ingest, query and export as on the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from jejaring.cli import cli
from jejaring.errors import GraphLocationError, QueryError
from jejaring.graph.sparql.endpoint import make_endpoint
from jejaring.graph.sparql.run import run_query
from jejaring.graph.store import open_graph
from jejaring.graph.store.local import union_is_kept
from jejaring.graph.store.query import inject_values
from jejaring.graph.store.remote import RemoteGraph, parse_location
from jejaring.graph.views.export import write_rdf
from jejaring.graph.views.stats import graph_stats
from jejaring.queries import bind_params, list_queries
from jejaring.service import ingest_paths, remove_documents

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
#: Parameter sets run on both stores: the required ones, then filters and a value crafted to break out.
PARAMS = {
    "agency-lessons": [{}, {"organisation": "BPPBJ"}],
    "brokers": [{}],
    "career-trail": [{"person": "Blessmiyanda"}, {"person": 'x" . } UNION { ?s ?p ?o } #'}],
    "co-attendance": [{}, {"organisation": "YSTC"}],
    "document-mentions": [{"entity": "Blessmiyanda"}],
    "endorsements": [{}, {"person": "blessmiyanda"}, {"about": "terpadu"}],
    "events": [{}, {"year": "2018"}, {"kind": "jj:PublicDiscussion"}, {"city": "Korea Selatan"}],
    "evidence": [{"node": "https://w3id.org/jejaring/id/statement/notes-blessmiyanda"}],
    "lesson-uptake": [{}, {"about": "kepemimpinan"}],
    "lessons-by-city-theme": [{}, {"city": "Seoul", "theme": "leadership"}],
    "lookup": [{"label": "BPBD"}, {"label": 'x" . } UNION { ?s ?p ?o } #'}],
    "members-over-time": [{"organisation": "Pemprov DKI"}],
    "post-at": [{"person": "Blessmiyanda", "date": "2019-06-13"}, {"person": 'x" . } UNION { ?s ?p ?o } #',
                                                                  "date": "2019-06-13"}],
    "visit-attendees": [{}, {"event": "seoul"}, {"kind": "schema:Event"}],
}


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _oxigraph_server(data: Path) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 (``oxigraph serve``) over ``data``, stopped on leaving."""
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph, the test extra)")
    port = _free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """A real Oxigraph server, stopped after the module's tests."""
    with _oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module")
def stores(oxigraph_url, tmp_path_factory, example_graph):
    """The example graph ingested through the remote store and into an embedded store."""
    local = tmp_path_factory.mktemp("remote-vs") / "store"
    example_graph(oxigraph_url)
    example_graph(local)
    return oxigraph_url, local


def rows(location, name: str, params: dict) -> list[list]:
    query = next(q for q in list_queries() if q.name == name)
    with open_graph(location if isinstance(location, str) else str(location), create=False) as kg:
        return run_query(kg, query.text, bind_params(query, params), timeout=60).rows()


def test_remote_open_graph_returns_a_remote_store(oxigraph_url):
    with open_graph(oxigraph_url) as kg:
        assert isinstance(kg, RemoteGraph)
        assert kg.remote.query_url == f"{oxigraph_url}/query"
        assert kg.remote.update_url == f"{oxigraph_url}/update"


def test_remote_ingest_gives_the_same_quads_and_documents(stores):
    url, local = stores
    with open_graph(url) as remote, open_graph(local, create=False) as embedded:
        assert remote.comparable_quads() == embedded.comparable_quads()
        assert remote.documents() == embedded.documents()
        assert len(remote) == len(embedded)
        assert remote.document_text("notes/diskusi-publik.txt") == embedded.document_text("notes/diskusi-publik.txt")


def test_remote_reingest_of_unchanged_documents_is_skipped(stores):
    url, _ = stores
    with open_graph(url) as kg:
        report = ingest_paths(kg, [EXAMPLES / "curated"])
    assert report.written == []
    assert {"seoul-visit.yaml", "stakeholders.csv"} <= set(report.unchanged)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_remote_library_returns_the_same_rows_as_the_embedded_store(stores, name):
    url, local = stores
    for params in PARAMS[name]:
        assert rows(url, name, params) == rows(local, name, params), params


def test_remote_library_covers_every_query():
    assert sorted(PARAMS) == sorted(q.name for q in list_queries())


#: Curated tables of the tests' own, stating the same persons, bodies and visit as each other and as
#: examples/curated: the union holds each such fact once, the document graphs several times.
_HEADER = ("person,honorific,organisation,acronym,parent,role,start,end,event,event_start,event_end,event_place,"
           "event_kind,source,quote\n")
_SARI = "Sari Wulandari,Ibu,Dinas Lingkungan Hidup Provinsi DKI Jakarta,Dinas LH,Pemerintah Provinsi DKI Jakarta"
_RUDI = "Rudi Hartono,Bapak,Yayasan Sayangi Tunas Cilik,YSTC,"
_VISIT = "Cross Learning Visit Seoul,2018-03-19,2018-03-23,Seoul,LearningVisit,,"
_WORKSHOP = "Lokakarya Ketahanan Kota,2019-02-11,2019-02-12,Jakarta,Workshop,,"
TEAM_A = _HEADER + f"{_SARI},Kepala Bidang,2018-01-01,,{_VISIT}\n{_RUDI},Direktur,2017-05-01,,{_VISIT}\n"
_DENNY = "Denny Aputra,Bapak,Kelurahan Duri Utara,,Pemerintah Provinsi DKI Jakarta,Lurah,2018-01-01,"  # as stakeholders.csv
TEAM_A_CHANGED = _HEADER + f"{_SARI},Kepala Dinas,2019-01-01,,{_VISIT}\n{_DENNY},{_VISIT}\n"
TEAM_B = _HEADER + f"{_SARI},Kepala Bidang,2018-01-01,,{_WORKSHOP}\n{_RUDI},Direktur,2017-05-01,,{_WORKSHOP}\n"
PERSONS = "PREFIX schema: <https://schema.org/> SELECT (COUNT({}) AS ?n) WHERE {{ {} }}"
STAGES = ("ingested", "replaced", "removed")
ANSWERS = ("stats triples", "persons, distinct", "persons", *sorted(PARAMS))


def answers(location: str) -> dict:
    """What a store answers: ``stats``' triple count, the persons counted two ways, each library query's
    rows for every parameter set; and, to check the corpus, the persons stated per document graph."""
    with open_graph(location, create=False) as kg:
        def count(what: str, pattern: str) -> int:
            return int(next(iter(kg.query(PERSONS.format(what, pattern))))["n"].value)

        found = {"stats triples": graph_stats(kg)["triples"], "persons, distinct": count("DISTINCT ?s", "?s a schema:Person"),
                 "persons": count("*", "?s a schema:Person"),
                 "persons per graph": count("*", "GRAPH ?g { ?s a schema:Person }"), "union kept": union_is_kept(kg)}
        for query in list_queries():
            found[query.name] = [run_query(kg, query.text, bind_params(query, p), timeout=60).rows()
                                 for p in PARAMS[query.name]]
    return found


@pytest.fixture(scope="module")
def changes(tmp_path_factory) -> dict[str, tuple[dict, dict]]:
    """The answers of a remote and an embedded store given the same corpus and the same changes: ingested,
    then a document re-ingested changed (replaced), then another removed."""
    root = tmp_path_factory.mktemp("changes")
    corpus = root / "corpus"
    shutil.copytree(EXAMPLES / "curated", corpus)
    (corpus / "team-a.csv").write_text(TEAM_A, encoding="utf-8")
    (corpus / "team-b.csv").write_text(TEAM_B, encoding="utf-8")
    stages = {}
    with _oxigraph_server(root / "oxigraph") as url:
        locations = (url, str(root / "store"))

        def each(change) -> None:
            for location in locations:
                with open_graph(location) as kg:
                    change(kg)

        each(lambda kg: ingest_paths(kg, [corpus]))
        stages["ingested"] = tuple(answers(location) for location in locations)
        (corpus / "team-a.csv").write_text(TEAM_A_CHANGED, encoding="utf-8")
        each(lambda kg: ingest_paths(kg, [corpus]))
        stages["replaced"] = tuple(answers(location) for location in locations)
        each(lambda kg: remove_documents(kg, ["team-b.csv"]))
        stages["removed"] = tuple(answers(location) for location in locations)
    return stages


@pytest.mark.parametrize("answer", ANSWERS)
@pytest.mark.parametrize("stage", STAGES)
def test_remote_answers_as_the_embedded_store_after_each_change(changes, stage, answer):
    """Issue 23: the remote store counted a fact once per document stating it."""
    remote, embedded = changes[stage]
    assert remote[answer] == embedded[answer]


@pytest.mark.parametrize("stage", STAGES)
def test_remote_keeps_the_union_once_per_fact(changes, stage):
    remote, embedded = changes[stage]
    assert remote["union kept"] and embedded["union kept"]
    assert remote["persons"] == remote["persons, distinct"] < remote["persons per graph"]


def test_remote_changes_are_seen(changes):
    """The corpus changes between the stages, so the answers compared after each are not the same ones."""
    triples = [changes[stage][1]["stats triples"] for stage in STAGES]
    assert len(set(triples)) == len(STAGES)
    assert changes["removed"][1]["persons"] < changes["replaced"][1]["persons"]


def test_remote_open_copies_named_graphs_into_an_empty_default_graph(tmp_path):
    """A store written before the remote store kept the union gets it when opened."""
    nt = "<https://example.org/a> <https://schema.org/name> \"A\" ."
    with _oxigraph_server(tmp_path / "oxigraph") as url:
        with open_graph(url) as kg:
            kg.update(f"INSERT DATA {{ GRAPH <https://example.org/g1> {{ {nt} }} GRAPH <https://example.org/g2> {{ {nt} }} }}")
            assert not union_is_kept(kg)
        with open_graph(url) as kg:
            assert union_is_kept(kg)
            assert int(next(iter(kg.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))["n"].value) == 1


def test_remote_union_of_listed_graphs_gives_the_same_rows(stores):
    url, local = stores
    listed = f"{url}/query?update={url}/update&union=graphs"
    for name in ("visit-attendees", "endorsements"):
        assert rows(listed, name, {}) == rows(local, name, {})


def test_remote_export_is_the_same_dataset(stores, tmp_path):
    url, local = stores
    with open_graph(url) as kg:
        write_rdf(kg, "trig", tmp_path / "remote.trig")
        write_rdf(kg, "ttl", tmp_path / "remote.ttl")
    with open_graph(tmp_path / "remote.trig", create=False) as exported, open_graph(local, create=False) as embedded:
        assert exported.comparable_quads() == embedded.comparable_quads()
    assert len(Graph().parse(tmp_path / "remote.ttl", format="turtle")) > 0


def test_remote_replace_and_remove_a_document(oxigraph_url):
    g = Graph()
    g.add((URIRef("https://example.org/a"), URIRef("https://schema.org/name"), Literal('A "quoted"\nname')))
    with open_graph(oxigraph_url) as kg:
        before = len(kg)
        kg.replace_document("scratch.txt", g, sha256="sha256:" + "1" * 64, language="en", text="A text")
        assert kg.document_hash("scratch.txt") == "sha256:" + "1" * 64
        assert len(list(kg.quads(URIRef("https://w3id.org/jejaring/doc/scratch.txt")))) == 1
        kg.replace_document("scratch.txt", g, sha256="sha256:" + "2" * 64)
        assert kg.document_hash("scratch.txt") == "sha256:" + "2" * 64
        assert kg.document_text("scratch.txt") is None
        assert kg.remove_document("scratch.txt") is True
        assert kg.remove_document("scratch.txt") is False
        assert len(kg) == before


def test_remote_malformed_query_gives_the_parser_position(oxigraph_url):
    with open_graph(oxigraph_url) as kg, pytest.raises(QueryError) as e:
        run_query(kg, "SELECT ?x WHERE { ?s ?p ")
    assert str(e.value).startswith("the SPARQL query does not parse at line 1, column 25: ")


def test_remote_cli_query_and_endpoint_over_the_remote_store(stores):
    url, _ = stores
    result = CliRunner().invoke(cli, ["query", "career-trail", "-g", url, "-p", "person=Blessmiyanda", "-f", "csv"],
                                catch_exceptions=False)
    assert [line.split(",")[2] for line in result.stdout.splitlines()[1:]] == [
        "Asisten Deputi bidang Lingkungan Hidup", "Kepala"]
    with open_graph(url) as kg:
        server = make_endpoint(kg, port=0, quiet=True).start()
        try:
            with urllib.request.urlopen(f"{server.url}/library/lookup?label=BPBD&format=tsv", timeout=30) as r:
                assert b'"acronym"' in r.read()
        finally:
            server.stop()


def test_remote_unreachable_server_is_one_clear_error():
    with pytest.raises(GraphLocationError, match="cannot reach the SPARQL server"):
        open_graph(f"http://127.0.0.1:{_free_port()}")


@pytest.mark.parametrize(("url", "query", "update", "union"), [
    ("http://h:7878", "http://h:7878/query", "http://h:7878/update", "copy"),
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql", "server"),
    ("http://h:3030/ds/query?update=http://h:3030/ds/update&union=urn:x-arq:UnionGraph",
     "http://h:3030/ds/query", "http://h:3030/ds/update", "urn:x-arq:UnionGraph"),
    ("https://h/repositories/jj?update=https://h/repositories/jj/statements&infer=false",
     "https://h/repositories/jj?infer=false", "https://h/repositories/jj/statements", "server"),
])
def test_remote_parse_location(url, query, update, union):
    loc = parse_location(url)
    assert (loc.query_url, loc.update_url, loc.union) == (query, update, union)


@pytest.mark.parametrize(("sparql", "expected"), [
    ("SELECT ?n WHERE { ?s ?p ?n }", 'SELECT ?n WHERE { VALUES (?n) { ("v") }\n ?s ?p ?n }'),
    ("PREFIX a: <urn:a#> SELECT ?n { ?s a:p ?n }",
     'PREFIX a: <urn:a#> SELECT ?n { VALUES (?n) { ("v") }\n ?s a:p ?n }'),
    ("CONSTRUCT { ?s ?p ?n } WHERE { ?s ?p ?n }", 'CONSTRUCT { ?s ?p ?n } WHERE { VALUES (?n) { ("v") }\n ?s ?p ?n }'),
    ("SELECT ?n WHERE { SELECT ?n { ?s ?p ?n } }",
     'SELECT ?n WHERE { VALUES (?n) { ("v") }\n { SELECT ?n { ?s ?p ?n } } }'),
    ('# where {\nSELECT ?n WHERE { ?s <urn:x#p> "} {" . ?s ?p ?n }',
     '# where {\nSELECT ?n WHERE { VALUES (?n) { ("v") }\n ?s <urn:x#p> "} {" . ?s ?p ?n }'),
])
def test_remote_inject_values_at_the_top_of_the_where_clause(sparql, expected):
    text = inject_values(sparql, {"n": Literal("v")})
    assert text == expected
    ox.Store().query(text)  # and it parses


def test_remote_inject_values_escapes_the_value():
    text = inject_values("SELECT ?n WHERE { ?s ?p ?n }", {"n": Literal('x" . } UNION { ?s ?p ?o } #')})
    assert 'VALUES (?n) { ("x\\" . } UNION { ?s ?p ?o } #") }' in text


def test_remote_credentials_in_the_url_answer_basic_authentication():
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen = []

    class Guarded(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.headers.get("Authorization"))
            if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"ani:s3cret").decode():
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b'{"head":{},"boolean":true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = HTTPServer(("127.0.0.1", 0), Guarded)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        with open_graph(f"http://ani:s3cret@127.0.0.1:{port}/sparql") as kg:
            assert bool(kg.query("ASK { ?s ?p ?o }")) is True
        assert seen[0] is None and seen[-1].startswith("Basic ")
        with pytest.raises(GraphLocationError, match="refused the query"):
            open_graph(f"http://ani:wrong@127.0.0.1:{port}/sparql")
    finally:
        server.shutdown()
        server.server_close()
