"""A query reaches no other host unless the user allows it (SERVICE), and cannot crash the parser (nesting)."""

from __future__ import annotations

import http.server
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.errors import QueryError
from jejaring.graph.sparql.endpoint import make_endpoint
from jejaring.graph.sparql.run import run_query
from jejaring.graph.sparql.text import MAX_NESTING, check_query
from jejaring.graph.store import open_graph


class _Canary(http.server.ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that records every request it gets and answers with a secret."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _CanaryHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _CanaryHandler(http.server.BaseHTTPRequestHandler):
    def _record(self) -> None:
        self.server.requests.append(f"{self.command} {self.path}")
        body = b"CANARY SECRET api_key=123"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _record

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def canary():
    server = _Canary()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # shutdown waits a poll
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def graph(tmp_path_factory, example_graph) -> str:
    location = tmp_path_factory.mktemp("service") / "graph.trig"  # in memory: a failed CLI run holds no lock
    example_graph(location)
    return str(location)


def service_queries(url: str) -> list[str]:
    """Ways of writing a SERVICE call to ``url``: plain, SILENT, prefixed, relative to BASE, nested."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/admin> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}/admin> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{url}/> SELECT * WHERE {{ SERVICE r:admin {{ ?s ?p ?o }} }}",
        f"BASE <{url}/> SELECT * WHERE {{ SERVICE <admin> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE<{url}/a>{{?s ?p ?o}} }} }} }}",
    ]


def test_service_run_query_refuses_every_form_and_the_canary_hears_nothing(graph, canary):
    kg = open_graph(graph, create=False)
    try:
        for query in service_queries(canary.url):
            with pytest.raises(QueryError, match=r"SERVICE is refused unless its host is allowed"):
                run_query(kg, query)
            with pytest.raises(QueryError, match=r"SERVICE is refused"):
                run_query(kg, query, timeout=10)
    finally:
        kg.close()
    assert canary.requests == []


def test_service_allowed_host_is_called(graph, canary):
    """The opt-in works, which also shows the canary would have heard a call."""
    kg = open_graph(graph, create=False)
    try:
        with pytest.raises(QueryError):  # the canary's answer is no SPARQL result
            run_query(kg, service_queries(canary.url)[0], allow_service=["127.0.0.1"])
    finally:
        kg.close()
    assert canary.requests and canary.requests[0].endswith("/admin")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE undeclared:x { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <relative> { ?s ?p ?o } }",
])
def test_service_whose_host_cannot_be_told_is_refused_even_when_hosts_are_allowed(query):
    with pytest.raises(QueryError, match="whose host cannot be told before it runs"):
        check_query(query, ["127.0.0.1"])


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1/>" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1/>",
    "PREFIX service: <urn:x#> SELECT * WHERE { ?s service:p ?o }",
])
def test_service_word_in_strings_comments_and_names_is_not_a_call(query):
    check_query(query)


def test_service_endpoint_answers_400_and_the_canary_hears_nothing(graph, canary):
    kg = open_graph(graph, create=False)
    server = make_endpoint(kg, port=0, timeout=10, quiet=True).start()
    try:
        for query in service_queries(canary.url):
            for request in (urllib.request.Request(f"{server.url}/sparql?query={urllib.parse.quote(query)}"),
                            urllib.request.Request(f"{server.url}/sparql", data=query.encode(),
                                                   headers={"Content-Type": "application/sparql-query"})):
                with pytest.raises(urllib.error.HTTPError) as refused:
                    urllib.request.urlopen(request, timeout=30)
                assert refused.value.code == 400
                body = refused.value.read().decode()
                assert "SERVICE is refused" in body and "CANARY" not in body
    finally:
        server.stop()
        kg.close()
    assert canary.requests == []


def test_service_cli_query_is_one_line_and_exit_2(graph, canary):
    result = CliRunner().invoke(cli, ["query", "-g", graph, "-e", service_queries(canary.url)[0]])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert re.match(r"Error: the query calls SERVICE <http://127\.0\.0\.1:\d+/admin>, and 127\.0\.0\.1 is not allowed; "
                    r"SERVICE is refused unless its host is allowed \(--allow-service 127\.0\.0\.1\)$", result.stderr)
    assert canary.requests == []


def test_service_cli_allow_service_reaches_the_host(graph, canary):
    result = CliRunner().invoke(cli, ["query", "-g", graph, "--allow-service", "127.0.0.1",
                                      "-e", service_queries(canary.url)[0]])
    assert result.exit_code == 2  # the canary answers no SPARQL results
    assert canary.requests


def test_nesting_beyond_the_bound_is_refused_before_the_parser(graph):
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    with pytest.raises(QueryError, match=f"deeper than {MAX_NESTING} levels"):
        check_query(deep)
    check_query("SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING)
    result = CliRunner().invoke(cli, ["query", "-g", graph, "-e", deep])
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    assert "deeper than" in result.stderr


def test_nesting_endpoint_answers_400_and_keeps_serving(graph):
    kg = open_graph(graph, create=False)
    server = make_endpoint(kg, port=0, timeout=10, quiet=True).start()
    try:
        deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
        request = urllib.request.Request(f"{server.url}/sparql", data=deep.encode(),
                                         headers={"Content-Type": "application/sparql-query"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 400
        ask = urllib.request.urlopen(f"{server.url}/sparql?query={urllib.parse.quote('ASK { ?s ?p ?o }')}",
                                     timeout=30).read()
        assert ask == b'{"head":{},"boolean":true}'
    finally:
        server.stop()
        kg.close()
