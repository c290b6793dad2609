"""The endpoint is safe by default (issue 20): other sites cannot use it, a query cannot exhaust the machine, slow
or vanishing clients are bounded and quiet, a busy port is one line."""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.graph.endpoint import make_endpoint
from jejaring.graph.store import open_graph


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
    server = make_endpoint(kg, port=0, timeout=10, **{"quiet": True, **options}).start()
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
