"""The endpoint is safe by default (issue 20): other sites cannot use it, a query cannot exhaust the machine, slow
or vanishing clients are bounded and quiet, a busy port is one line."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import os
import re
import select
import socket
import struct
import subprocess
import sys
import threading
import time
import types
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.graph.sparql.endpoint import make_endpoint
from jejaring.graph.store import open_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from loadtest import measure_load


@pytest.fixture(scope="module")
def graph(tmp_path_factory, example_graph) -> str:
    location = tmp_path_factory.mktemp("hardening") / "graph.trig"  # in memory: a CLI run holds no lock
    example_graph(location)
    return str(location)


# -- item 6: a busy port -----------------------------------------------------------------------------------
def test_hardening_serve_on_a_busy_port_is_one_line_and_exit_2(graph):
    """Issue 20, item 6: an AttributeError traceback and exit 1 before."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "-g", graph, "--port", str(port), "-q"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; "
                             "stop the other server or choose another --port\n")


# -- item 5: slow clients, clients that go away, HTTP/0.9 ---------------------------------------------------
@pytest.fixture(scope="module")
def kg(graph):
    store = open_graph(graph, create=False)
    try:
        yield store
    finally:
        store.close()


@contextlib.contextmanager
def serving(kg, **options):
    server = make_endpoint(kg, port=0, **{"timeout": 10, "quiet": True, **options}).start()
    try:
        yield server
    finally:
        server.stop()


def read_all(sock: socket.socket) -> bytes:
    data = b""
    try:
        while chunk := sock.recv(65_536):
            data += chunk
    except ConnectionResetError:
        pass
    return data


def ask(server) -> bytes:
    with urllib.request.urlopen(f"{server.url}/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=30) as r:
        return r.read()


def test_hardening_stalled_headers_get_408(kg):
    """Before: the connection was dropped after the timeout without an answer."""
    with serving(kg, request_timeout=0.5) as server:
        with socket.create_connection(server.server_address[:2], timeout=30) as sock:
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line
            data = read_all(sock)
        assert data.startswith(b"HTTP/1.1 408 "), data
        assert data.endswith(b"the request did not arrive in time\n")
        assert ask(server) == b'{"head":{},"boolean":true}'


def test_hardening_the_deadline_is_for_the_whole_request_not_each_read(kg):
    """One header line every 0.2 s kept a socket open for as long as the client liked (the timeout applied per
    read); now the whole request must arrive within request_timeout. A bounded loop of 40 lines (8 s): the
    server answers 408 and closes long before the client runs out of lines."""
    with serving(kg, request_timeout=1.0) as server:
        with socket.create_connection(server.server_address[:2], timeout=30) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            sent = 0
            try:
                for sent in range(1, 41):
                    sock.sendall(f"X-Slow-{sent}: a\r\n".encode())
                    if select.select([sock], [], [], 0.2)[0]:  # the server answered (or closed)
                        break
            except (BrokenPipeError, ConnectionResetError):
                pass
            data = read_all(sock)
        assert data.startswith(b"HTTP/1.1 408 "), data
        assert sent < 40
        body = b"x" * 50  # a body that stops short is a timeout too, within the same deadline
        with socket.create_connection(server.server_address[:2], timeout=30) as sock:
            sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                         b"Content-Length: 100\r\n\r\n" + body)
            assert read_all(sock).startswith(b"HTTP/1.1 408 ")


def test_hardening_http_09_request_is_refused_with_a_status_line(kg):
    """Before: a bare request line was answered with a body and no status line."""
    with serving(kg) as server:
        with socket.create_connection(server.server_address[:2], timeout=30) as sock:
            sock.sendall(b"GET /sparql?query=ASK%7B%7D\r\n\r\n")
            data = read_all(sock)
        assert data.startswith(b"HTTP/1.1 400 "), data
        assert data.endswith(b"HTTP/0.9 is not served: send an HTTP/1.1 request\n")
        assert b"boolean" not in data


def vanish(server, request: bytes, *, read: int = 0) -> None:
    """Send ``request``, read ``read`` bytes of the answer, then reset the connection (SO_LINGER 0)."""
    sock = socket.create_connection(server.server_address[:2], timeout=30)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.sendall(request)
    if read:
        sock.recv(read)
    sock.close()


def test_hardening_clients_that_go_away_leave_no_traceback(kg, capfd):
    """Before: BrokenPipeError and ConnectionResetError tracebacks in the server's log."""
    big = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 10000")
    with serving(kg, quiet=False, max_rows=None, request_timeout=2) as server:
        for _ in range(5):
            vanish(server, f"GET /sparql?query={big} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(), read=1)
            vanish(server, f"GET /sparql?query={big} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            vanish(server, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nASK")
            vanish(server, b"GET /sparql?query=ASK")
        assert ask(server) == b'{"head":{},"boolean":true}'
        _, err = capfd.readouterr()
        assert "Traceback" not in err and "Exception occurred" not in err, err


# -- item 2: other sites and DNS rebinding ----------------------------------------------------------------------
ASK = "ASK { ?s ?p ?o }"
CHROMIUM = "/usr/bin/chromium"


def request(server, method: str = "GET", *, host: str | None = None, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, bytes]:
    """(status, body) of a request with the headers as given (``Host`` included), over http.client."""
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    try:
        target = "/sparql" if method == "POST" else f"/sparql?query={urllib.parse.quote(ASK)}"
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host or f"127.0.0.1:{server.server_address[1]}")
        fields = {"Content-Type": "application/sparql-query"} if body is not None else {}
        for key, value in {**fields, **(headers or {})}.items():
            conn.putheader(key, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_hardening_host_must_name_this_server(kg):
    """DNS rebinding: a page on attacker.example, whose name now resolves to 127.0.0.1, reads the endpoint with
    ``Host: attacker.example``. Before: 200."""
    with serving(kg) as server:
        port = server.server_address[1]
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "127.0.0.1", "LOCALHOST:9000"):
            assert request(server, host=host) == (200, b'{"head":{},"boolean":true}'), host
        for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.nip.io:{port}", f"10.0.0.1:{port}",
                     "localhost:x"):
            status, body = request(server, host=host)
            assert status == 421, host
            assert body.decode().startswith(f"this server does not answer for the host {host!r}")
        conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
        conn.putrequest("GET", "/", skip_host=True)
        conn.endheaders()
        assert conn.getresponse().status == 400  # HTTP/1.1 without Host
        conn.close()


def test_hardening_allowed_host(kg):
    with serving(kg, allowed_hosts=["sparql.example.org"]) as server:
        assert request(server, host="sparql.example.org")[0] == 200
        assert request(server, host="Sparql.Example.Org:443")[0] == 200
        assert request(server, host="other.example.org")[0] == 421


@pytest.mark.parametrize(("headers", "expected"), [
    ({}, 200),  # curl, SPARQLWrapper: no Origin, no Referer
    ({"Origin": "http://127.0.0.1:{port}"}, 200),
    ({"Referer": "http://127.0.0.1:{port}/?load=lookup"}, 200),
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "http://127.0.0.2:{port}"}, 403),
    ({"Origin": "http://127.0.0.1:1"}, 403),
    ({"Origin": "null"}, 403),
    ({"Referer": "http://evil.example/page.html"}, 403),
    ({"Origin": "http://evil.example", "Referer": "http://127.0.0.1:{port}/"}, 403),
    ({"Origin": "https://example.org"}, 403),
])
def test_hardening_post_from_another_origin_is_403(kg, headers, expected):
    with serving(kg) as server:
        port = server.server_address[1]
        given = {k: v.format(port=port) for k, v in headers.items()}
        status, body = request(server, "POST", body=ASK.encode(), headers=given)
        assert status == expected, body
        if expected == 403:
            assert body.startswith(b"a query POSTed from another site is refused")
        form = urllib.parse.urlencode({"query": ASK}).encode()
        assert request(server, "POST", body=form, headers={
            **given, "Content-Type": "application/x-www-form-urlencoded"})[0] == expected


def test_hardening_cors_origins_may_post(kg):
    with serving(kg, cors=["https://example.org"]) as server:
        assert request(server, "POST", body=ASK.encode(), headers={"Origin": "https://example.org"})[0] == 200
        assert request(server, "POST", body=ASK.encode(), headers={"Origin": "https://evil.example"})[0] == 403
    with serving(kg, cors=["*"]) as server:
        assert request(server, "POST", body=ASK.encode(), headers={"Origin": "https://anyone.example"})[0] == 200


class _Attacker(http.server.ThreadingHTTPServer):
    """Another site, on 127.0.0.2: a page whose form posts a query to the endpoint as soon as it loads."""

    def __init__(self, target: str) -> None:
        self.page = (f"<!doctype html><title>cute cats</title><form id=f method=post action='{target}/sparql'>"
                     "<input name=query value='SELECT * WHERE { ?s ?p ?o }'></form>"
                     "<script>document.getElementById('f').submit()</script>").encode()
        super().__init__(("127.0.0.2", 0), _AttackerHandler)


class _AttackerHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.server.page)))
        self.end_headers()
        self.wfile.write(self.server.page)

    def log_message(self, format, *args) -> None:
        pass


def test_hardening_browser_form_from_another_site_and_dns_rebinding_are_refused(kg):
    """In Chromium: a page on another origin (127.0.0.2) auto-submits a query form to the endpoint: 403, the
    query does not run. A page on attacker.example, resolved to 127.0.0.1 as DNS rebinding would, gets 421. The
    endpoint's own query page still posts its form. Before: 200 with the query's results."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    with serving(kg) as server:
        attacker = _Attacker(server.url)
        threading.Thread(target=attacker.serve_forever, daemon=True).start()
        runs: list[str] = []
        original = server.queries.run
        server.queries.run = lambda *a, **k: runs.append(a[1]) or original(*a, **k)
        try:
            with sync_api.sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--host-resolver-rules=MAP attacker.example 127.0.0.1"])
                try:
                    page = browser.new_page()
                    statuses = []
                    page.on("response", lambda r: statuses.append((r.url, r.status)))
                    with page.expect_navigation(url=f"{server.url}/sparql"):
                        page.goto(f"http://127.0.0.2:{attacker.server_address[1]}/")
                    assert (f"{server.url}/sparql", 403) in statuses
                    assert "a query POSTed from another site is refused" in page.content()
                    assert runs == []  # the query never reached a worker

                    response = page.goto(f"http://attacker.example:{server.server_address[1]}/")
                    assert response.status == 421
                    assert "does not answer for the host" in page.content()

                    page.goto(f"{server.url}/")  # the endpoint's own page and form still work
                    page.fill("textarea[name=query]", ASK)
                    with page.expect_navigation():
                        page.click("form[action='/sparql'] button")
                    assert "true" in page.content()
                    assert runs == [ASK]
                finally:
                    browser.close()
        finally:
            attacker.shutdown()
            attacker.server_close()


def test_hardening_serve_allowed_host_option(graph):
    command = [sys.executable, "-m", "jejaring", "serve", "-g", graph, "--port", "0", "--allowed-host",
               "sparql.example.org"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        match = re.match(r"SPARQL endpoint at http://(127\.0\.0\.1):(\d+)/sparql", process.stderr.readline())
        assert match
        server = types.SimpleNamespace(server_address=(match.group(1), int(match.group(2))))
        assert request(server, host="sparql.example.org")[0] == 200
        assert request(server, host="attacker.example")[0] == 421
    finally:
        process.terminate()
        process.wait(30)
        process.stderr.close()
    result = CliRunner().invoke(cli, ["serve", "-g", graph, "--port", "0", "--allowed-host", "a b"])
    assert (result.exit_code, result.stderr) == (2, "Error: 'a b' is not a host name for --allowed-host: give a "
                                                    "name or an address, such as sparql.example.org or 192.168.1.5\n")


# -- item 3: a memory limit per worker, a concurrency limit per client ------------------------------------------
#: The query of the report: every pair of triples, sorted, which Oxigraph keeps whole in memory to sort.
HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 5"
#: A query that runs until its time limit in little memory (a count over a cross product).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
LIMIT = 256 * 2**20


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """An in-memory graph of 5,000 triples: HOG pairs them into 25 million rows to sort."""
    store = open_graph(tmp_path_factory.mktemp("big") / "big.trig")
    store.add_triples("https://example.org/graph", "".join(
        f'<https://example.org/s{i}> <https://example.org/p{i % 7}> "value {i}" .\n' for i in range(5000)))
    try:
        yield store
    finally:
        store.close()


def query_from(server, source: str, query: str, timeout: float = 120) -> tuple[int, bytes]:
    """(status, body) of a GET of ``query`` sent from the local address ``source`` (another client)."""
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", f"/sparql?query={urllib.parse.quote(query)}")
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def data_size(pid: int) -> int | None:
    """The memory a process has allocated (VmData, bytes), None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["VmData"].split()[0]) * 1024 if "VmData" in fields else None


def test_hardening_query_past_the_memory_limit_is_stopped_and_others_are_served(big):
    """Before: the worker grew to 8.9 GB until something outside killed it. Now it stops at its limit (asserted on
    the memory it held, sampled while the query ran), the client gets 503, the others are served meanwhile and
    the worker is replaced."""
    with serving(big, max_memory=LIMIT, timeout=600) as server:
        assert query_from(server, "127.0.0.2", ASK)[0] == 200
        [pid] = server.queries.pids()
        limits = Path(f"/proc/{pid}/limits").read_text()
        assert re.search(rf"Max data size\s+{LIMIT}\s+{LIMIT}\s+bytes", limits)
        answer: list[tuple[int, bytes]] = []
        hog = threading.Thread(target=lambda: answer.append(query_from(server, "127.0.0.3", HOG)))
        hog.start()
        peaks: dict[int, int] = {}
        others = []
        for i in range(100_000):  # bounded; ends when the hog is answered
            for p in server.queries.pids():
                size = data_size(p)
                if size is not None:
                    peaks[p] = max(peaks.get(p, 0), size)
            if i % 50 == 0:
                others.append(query_from(server, "127.0.0.2", ASK))
            if not hog.is_alive():
                break
            time.sleep(0.005)
        hog.join()
        [(status, body)] = answer
        assert status == 503
        assert body.decode().startswith("query out of memory: the query needed more than the 256 MB of memory a "
                                        "query worker may use and was stopped")
        assert others and set(others) == {(200, b'{"head":{},"boolean":true}')}
        hungry = max(peaks, key=peaks.get)
        assert LIMIT // 2 < peaks[hungry] <= LIMIT  # it grew, and was stopped below its limit
        assert not running(hungry)
        assert query_from(server, "127.0.0.3", ASK)[0] == 200  # a new worker serves the same client again


def running(pid: int) -> bool:
    return data_size(pid) is not None and "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()


def test_hardening_one_client_cannot_take_every_worker(kg):
    """With 2 workers and 1 query at a time per client, one client sending 4 slow queries at once leaves a worker
    for another client. Before: its queries took both workers and the other client waited for the time limit."""
    with serving(kg, workers=2, per_client=1, timeout=60) as server:
        done: list[int] = []
        slow = [threading.Thread(target=lambda: done.append(query_from(server, "127.0.0.3", SLOW, 90)[0]))
                for _ in range(4)]
        for t in slow:
            t.start()
        for _ in range(1000):  # until the first slow query runs
            if server.clients.running.get("127.0.0.3"):
                break
            time.sleep(0.01)
        assert server.clients.running["127.0.0.3"] == 1  # one runs, three wait their turn
        assert query_from(server, "127.0.0.2", ASK, 30) == (200, b'{"head":{},"boolean":true}')
        assert done == []  # answered while the slow client's queries still run or wait
        assert server.clients.running["127.0.0.3"] == 1
    for t in slow:
        t.join(120)


def test_hardening_serve_max_memory_and_per_client_options(graph):
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert "--max-memory SIZE" in result.output and "[default: 1G]" in result.output
    assert "--per-client N" in result.output
    result = CliRunner().invoke(cli, ["serve", "-g", graph, "--port", "0", "--max-memory", "lots"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: 'lots' is not a memory size: give 1G, 512M, 1.5G or a number of bytes (0 for no limit)\n")


def test_hardening_load_of_20_clients_x_40_queries_while_one_client_loops_the_memory_hog(big):
    """The README's load test at 40 queries a client, not 100: 20 clients, each from its own address, while
    another loops HOG from before they start until after they end: every query of the others is answered, and
    every HOG is stopped at the memory limit (503)."""
    with serving(big, max_memory=LIMIT, timeout=600) as server:
        report = measure_load(f"{server.url}/sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10", clients=20,
                              requests=40, rows=10, timeout=120, deadline=600,
                              sources=[f"127.0.1.{i}" for i in range(1, 21)], background=HOG,
                              background_source="127.0.0.250")
    print(f"\nload with a hog: {report.summary()}")
    assert report.errors == []
    assert report.finished and report.count == 800
    assert set(report.background) == {"503"}
