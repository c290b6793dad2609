"""The SPARQL endpoint: real clients (SPARQLWrapper, curl), formats, read-only, timeout, limits, the page."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph

from jejaring.graph.endpoint import make_endpoint, negotiate
from jejaring.graph.store import open_graph
from jejaring.queries import list_queries

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper (test extra) is not installed")

PERSONS = ("PREFIX schema: <https://schema.org/> SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name "
           "FILTER(STRSTARTS(?name, 'Tri')) } ORDER BY ?name")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
RESULTS_NS = {"s": "http://www.w3.org/2005/sparql-results#"}


@pytest.fixture(scope="module", params=["directory", "memory"])
def server(request, tmp_path_factory, example_graph):
    """An endpoint over the example graph (embedded store, then in-memory .trig) on a free port."""
    root = tmp_path_factory.mktemp("endpoint")
    location = root / ("store" if request.param == "directory" else "graph.trig")
    example_graph(location)
    network = root / "network.html"
    network.write_text("<!doctype html><title>net</title><p>the network</p>", encoding="utf-8")
    kg = open_graph(location, create=False)
    endpoint = make_endpoint(kg, port=0, timeout=2, max_rows=100, network=network, quiet=True).start()
    try:
        yield endpoint
    finally:
        endpoint.stop()
        kg.close()


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None):
    """(status, content type, headers, body) of a request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.headers, e.read()


def query_url(server, query: str) -> str:
    return f"{server.url}/sparql?query={urllib.parse.quote(query)}"


# -- SPARQLWrapper -------------------------------------------------------------------------------
def wrapper(server, query: str, fmt: str, method: str = "GET"):
    sw = SPARQLWrapper.SPARQLWrapper(f"{server.url}/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw.query().convert()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_endpoint_sparqlwrapper_json(server, method):
    data = wrapper(server, PERSONS, SPARQLWrapper.JSON, method)
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["Tri Indrawan", "Tri Mulyani Sunarharum"]


def test_endpoint_sparqlwrapper_xml(server):
    document = wrapper(server, PERSONS, SPARQLWrapper.XML)
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == [
        "Tri Indrawan", "Tri Mulyani Sunarharum"]


def test_endpoint_sparqlwrapper_csv(server):
    text = wrapper(server, PERSONS, SPARQLWrapper.CSV).decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [["name"], ["Tri Indrawan"], ["Tri Mulyani Sunarharum"]]


def test_endpoint_sparqlwrapper_tsv(server):
    text = wrapper(server, PERSONS, SPARQLWrapper.TSV).decode("utf-8")
    assert text.splitlines() == ["?name", '"Tri Indrawan"', '"Tri Mulyani Sunarharum"']


def test_endpoint_sparqlwrapper_construct_as_turtle(server):
    data = wrapper(server, "CONSTRUCT WHERE { ?c a <https://schema.org/City> }", SPARQLWrapper.TURTLE)
    assert len(Graph().parse(data=data, format="turtle")) == 2


# -- curl and urllib -----------------------------------------------------------------------------
@pytest.mark.parametrize(("accept", "content_type"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
])
def test_endpoint_content_negotiation(server, accept, content_type):
    status, ctype, _, body = fetch(query_url(server, PERSONS), headers={"Accept": accept})
    assert (status, ctype) == (200, content_type)
    assert_persons(accept, body)


def assert_persons(accept: str, body: bytes) -> None:
    text = body.decode("utf-8")
    if "json" in accept:
        assert [b["name"]["value"] for b in json.loads(text)["results"]["bindings"]] == [
            "Tri Indrawan", "Tri Mulyani Sunarharum"]
    elif "xml" in accept:
        root = ET.fromstring(text)
        assert [e.text for e in root.findall(".//s:literal", RESULTS_NS)] == ["Tri Indrawan", "Tri Mulyani Sunarharum"]
    elif "csv" in accept:
        assert text == "name\r\nTri Indrawan\r\nTri Mulyani Sunarharum\r\n"
    else:
        assert text == '?name\n"Tri Indrawan"\n"Tri Mulyani Sunarharum"\n'


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_endpoint_curl(server, accept, how):
    url = f"{server.url}/sparql"
    args = {
        "get": ["-G", "--data-urlencode", f"query={PERSONS}"],
        "form": ["--data-urlencode", f"query={PERSONS}"],
        "direct": ["-H", "Content-Type: application/sparql-query", "--data-binary", PERSONS],
    }[how]
    out = subprocess.run(["curl", "-sS", "-f", "-H", f"Accept: {accept}", *args, url],
                         capture_output=True, check=True, timeout=60)
    assert_persons(accept, out.stdout)


# -- errors, read-only, limits -------------------------------------------------------------------
def test_endpoint_bad_query_is_400_with_the_parser_message(server):
    status, ctype, _, body = fetch(query_url(server, "SELECT ?x WHERE { ?s ?p "))
    assert (status, ctype) == (400, "text/plain; charset=utf-8")
    assert body.decode().startswith("the SPARQL query does not parse at line 1, column 25: expected one of")


@pytest.mark.parametrize(("data", "headers", "path"), [
    (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-update"}, "/sparql"),
    (urllib.parse.urlencode({"update": "DROP ALL"}).encode(), {}, "/sparql"),
    (None, {}, "/sparql?query=" + urllib.parse.quote("PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }")),
    (b"CLEAR ALL", {"Content-Type": "application/sparql-query"}, "/sparql"),
])
def test_endpoint_updates_are_forbidden(server, data, headers, path):
    status, _, _, body = fetch(server.url + path, data=data, headers=headers)
    assert status == 403
    assert body == b"this endpoint is read-only: updates are refused\n"
    assert fetch(query_url(server, "ASK { ?s ?p ?o }"))[3] == b'{"head":{},"boolean":true}'


def test_endpoint_runaway_query_is_stopped_and_the_server_keeps_serving(server):
    assert fetch(query_url(server, "ASK { ?s ?p ?o }"))[0] == 200  # so a worker is idle, and takes the next query
    before = set(server.queries.pids())
    status, _, _, body = fetch(query_url(server, RUNAWAY))
    assert status == 503
    assert body.decode().startswith("query timed out: the query ran past the time limit of 2 s and was stopped")
    killed = before - set(server.queries.pids())
    assert len(killed) == 1
    assert not running(killed.pop())  # the worker was killed, not left running
    status, _, _, body = fetch(query_url(server, PERSONS), headers={"Accept": "text/csv"})
    assert (status, body) == (200, b"name\r\nTri Indrawan\r\nTri Mulyani Sunarharum\r\n")


def running(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


def test_endpoint_runs_queries_at_the_same_time_in_several_workers(server):
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: fetch(query_url(server, PERSONS), headers={"Accept": "text/csv"}),
                                range(12)))
    assert {(status, body) for status, _, _, body in answers} == {
        (200, b"name\r\nTri Indrawan\r\nTri Mulyani Sunarharum\r\n")}
    assert 1 <= len(server.queries.pids()) <= 4  # at most ``workers`` (4) are kept


def test_endpoint_stop_stops_its_workers(server):
    other = make_endpoint(server.kg, port=0, quiet=True).start()
    try:
        assert fetch(query_url(other, "ASK { ?s ?p ?o }"))[3] == b'{"head":{},"boolean":true}'
        pids = other.queries.pids()
        assert pids
    finally:
        other.stop()
    assert not any(running(pid) for pid in pids)
    assert other.queries.pids() == []


def test_endpoint_result_size_limit(server):
    status, _, headers, body = fetch(query_url(server, "SELECT * WHERE { ?s ?p ?o }"), headers={"Accept": "text/csv"})
    assert status == 200
    assert headers["X-SPARQL-MaxRows"] == "100"
    assert body.count(b"\r\n") == 101
    assert fetch(query_url(server, PERSONS))[2].get("X-SPARQL-MaxRows") is None


def test_endpoint_binds_loopback_by_default(tmp_path):
    server = make_endpoint(open_graph(tmp_path / "g.trig"), port=0, quiet=True)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


# -- pages ---------------------------------------------------------------------------------------
def test_endpoint_page_has_a_query_box_the_library_and_the_network_link(server):
    status, ctype, _, body = fetch(server.url + "/")
    page = body.decode("utf-8")
    assert (status, ctype) == (200, "text/html; charset=utf-8")
    assert '<textarea name="query"' in page and 'href="/network"' in page
    for q in list_queries():
        assert f"<b>{html.escape(q.name)}</b>" in page
        assert html.escape(q.description) in page
    assert "A person&#x27;s career trail" in page


def test_endpoint_library_query_with_typed_parameters(server):
    status, _, _, body = fetch(f"{server.url}/library/career-trail?person=Blessmiyanda&format=csv")
    assert status == 200
    assert [line.split(",")[2] for line in body.decode().splitlines()[1:]] == [
        "Asisten Deputi bidang Lingkungan Hidup", "Kepala"]
    breakout = urllib.parse.quote('x" . } UNION { ?s ?p ?o } #')
    status, _, _, body = fetch(f"{server.url}/library/lookup?label={breakout}&format=csv")
    assert (status, body) == (200, b"entity,name,kind,form,matchedBy,exact,label\r\n")


def test_endpoint_network_view(server, tmp_path):
    status, _, _, body = fetch(server.url + "/network")
    assert (status, body) == (200, b"<!doctype html><title>net</title><p>the network</p>")
    bare = make_endpoint(server.kg, port=0, quiet=True).start()
    try:
        status, _, _, body = fetch(bare.url + "/network")
        assert status == 404
        assert b"jejaring viz -g GRAPH -o network.html" in body
    finally:
        bare.stop()


@pytest.mark.parametrize(("accept", "kind", "expected"), [
    (None, "select", "json"), ("text/csv, */*;q=0.1", "select", "csv"), ("application/n-triples", "graph", "ntriples"),
    ("text/html,application/xhtml+xml", "select", "table"), ("image/png", "graph", "turtle"),
])
def test_endpoint_negotiate(accept, kind, expected):
    assert negotiate(accept, kind) == expected
