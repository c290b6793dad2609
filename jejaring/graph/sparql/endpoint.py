"""A read-only SPARQL 1.1 Protocol endpoint over a knowledge graph, with a page for people.

- ``/sparql``: GET ``?query=``, POST form (``query=``) and POST ``application/sparql-query``;
  results negotiated from ``Accept`` (or a ``format`` parameter): SPARQL JSON, XML, CSV, TSV, a text
  table or Markdown, and Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE. Updates are
  refused with 403, a query that does not parse with 400 and the parser's message, a query past the
  time limit is stopped (it runs in a worker process that is killed) and answered with 503; rows
  beyond the limit are left out and the response says so in ``X-SPARQL-MaxRows``. The worker
  processes (:class:`~jejaring.graph.sparql.workers.QueryWorkers`) start with the server and serve query
  after query; one is ready before the first request is answered.
- ``/``: a query box and the library of questions, each runnable with its parameters.
- ``/library/NAME?param=value``: a library query with typed parameters.
- ``/network``: the network view given with ``network=``, or how to make one.

Hardening: the server listens on 127.0.0.1 unless told otherwise and never changes the graph. A body
longer than ``max_request_size`` is refused with 413 before it is read, a request line longer than that
(or than 64 KiB) with 414; a body that is not UTF-8, a missing or empty query, a bad ``Content-Length``
get 400, a POST that is neither a form nor ``application/sparql-query`` 415, a method the endpoint does
not know 405, an HTTP/0.9 request line 400: malformed requests are answered in 4xx and the server goes on
serving. A request (line, headers and body) must arrive whole within ``request_timeout`` seconds, a deadline
for the request rather than each read, or is answered 408; a client that goes away leaves no traceback in the
log. Every response says
``nosniff`` and ``no-referrer`` and carries a Content-Security-Policy; the HTML pages allow only their
own inline scripts (by hash) and styles. CORS headers are sent only for the origins given with ``cors``.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import hashlib
import html
import io
import ipaddress
import re
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from jejaring import __version__
from jejaring.errors import InputError, JejaringError, QueryError, QueryMemoryError, QueryTimeout
from jejaring.graph.sparql.formats import format_result
from jejaring.graph.sparql.result import QueryResult
from jejaring.graph.sparql.text import UPDATE_KEYWORDS, query_form
from jejaring.graph.sparql.workers import QueryWorkers
from jejaring.queries import bind_params, list_queries, load_query

__all__ = ["MAX_MEMORY", "MAX_REQUEST_SIZE", "EndpointServer", "check_origins", "make_endpoint", "negotiate", "network_policy"]

#: Media types of SELECT/ASK results and their format names, in order of preference.
RESULT_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
    "text/html": "table",
    "text/markdown": "md",
}
#: Media types of graph results and their format names.
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
_CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
#: ``format=`` values (ours, and those SPARQLWrapper sends) for each kind of result.
_FORMAT_NAMES = {
    "json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", "turtle"), "tsv": ("tsv", "turtle"),
    "table": ("table", "turtle"), "md": ("md", "turtle"), "turtle": ("json", "turtle"),
    "n3": ("json", "turtle"), "ntriples": ("tsv", "ntriples"), "rdf": ("xml", "rdfxml"),
    "rdf+xml": ("xml", "rdfxml"), "json-ld": ("json", "jsonld"), "jsonld": ("json", "jsonld"),
}
#: The default limit on a request's body, in bytes.
MAX_REQUEST_SIZE = 1_000_000
#: The default limit on the memory of each query worker, in bytes: four workers stay well under the memory of a
#: small server, and a query needing more (a sort over a cross product) is stopped in seconds.
MAX_MEMORY = 2**30
#: http.server reads at most this much of a request line (414 beyond it).
_REQUEST_LINE_LIMIT = 65_536
#: A connection closed with a request not read to its end is drained this long (or this much) first, so
#: the client reads our answer instead of a reset: the "lingering close" of HTTP servers.
_LINGER_SECONDS = 2.0
_LINGER_BYTES = 64 * 2**20
_SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
#: The policy of every response that is not one of our HTML pages: nothing may load or run.
_CSP_NONE = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_CSP_PAGE = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
             "base-uri 'none'")
_CSP_NETWORK = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data: blob:; "
                "font-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|\*")
_METHODS = "GET, HEAD, POST, OPTIONS"


def negotiate(accept: str | None, kind: str) -> str:
    """The format name for a result of ``kind`` ("select", "ask" or "graph") from an ``Accept`` header.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("*/*", "graph")
    'turtle'
    """
    media = GRAPH_MEDIA if kind == "graph" else RESULT_MEDIA
    default = "turtle" if kind == "graph" else "json"
    choices = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0] and q > 0:
            choices.append((-q, i, fields[0].lower()))
    for _, _, media_type in sorted(choices):
        if media_type in media:
            return media[media_type]
        if media_type in ("*/*", "application/*", "text/*"):
            return default
    return default


#: Seconds between the background serving loop's looks for :meth:`EndpointServer.stop`; socketserver's default,
#: 0.5 s, is what each stop of an idle server would wait.
_STOP_POLL = 0.05


class EndpointServer(ThreadingHTTPServer):
    """The endpoint: an HTTP server holding the graph, the limits and the library.

    Start it with :meth:`start` (in a background thread) or ``serve_forever()``; stop it with :meth:`stop`
    (or ``shutdown()`` and ``server_close()``), which also stops the query workers (:attr:`queries`).
    """

    daemon_threads = True
    request_queue_size = 128  # many clients connecting at once wait in the backlog, not in SYN retries

    def __init__(self, address: tuple[str, int], kg, *, timeout: float = 30.0, max_rows: int | None = 10_000,
                 network: str | Path | None = None, workers: int = 4, quiet: bool = False,
                 cors: Iterable[str] = (), max_request_size: int = MAX_REQUEST_SIZE,
                 request_timeout: float = 30.0, allow_service: Iterable[str] = (),
                 allowed_hosts: Iterable[str] = (), max_memory: int | None = MAX_MEMORY,
                 per_client: int | None = None) -> None:
        self.cors = check_origins(cors)
        self.allow_service = tuple(allow_service)
        self.host_names = _host_names(address[0], allowed_hosts)
        if max_request_size < 1:
            raise InputError(f"the request size limit must be a positive number of bytes, not {max_request_size}")
        if per_client is not None and per_client < 1:
            raise InputError(f"a client must be allowed at least 1 query at a time, not {per_client}")
        # before binding: a failed bind calls server_close, which closes these
        self.queries = QueryWorkers(max_idle=max(1, workers), max_memory=max_memory)
        super().__init__(address, _Handler)
        self.kg = kg
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.max_request_size = max_request_size
        self.request_timeout = request_timeout
        self.network = Path(network) if network else None
        self.slots = threading.BoundedSemaphore(max(1, workers))
        self.per_client = per_client or max(1, workers // 2)
        self.clients = _ClientSlots(self.per_client)
        self.quiet = quiet
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The endpoint's base URL (``http://host:port``)."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Start a query worker with the graph open, then serve (requests wait in the socket meanwhile)."""
        try:
            self.queries.warm(self.kg)
        except (JejaringError, OSError) as e:  # the queries will say what is wrong
            if not self.quiet:
                print(f"Warning: the query worker did not start: {e}", file=sys.stderr)
        super().serve_forever(poll_interval)

    def shutdown_request(self, request: socket.socket) -> None:
        """Close a connection after reading what the client still sends, for a bounded time and size."""
        try:
            request.shutdown(socket.SHUT_WR)
            request.settimeout(_LINGER_SECONDS)
            deadline, drained = time.monotonic() + _LINGER_SECONDS, 0
            while drained < _LINGER_BYTES and time.monotonic() < deadline:
                chunk = request.recv(65_536)
                if not chunk:
                    break
                drained += len(chunk)
        except OSError:  # the client has gone already
            pass
        self.close_request(request)

    def handle_error(self, request, client_address) -> None:
        """A client that went away (reset, broken pipe, timeout) is no error; anything else is a bug: traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        """Release the port and stop the query workers."""
        super().server_close()
        self.queries.close()

    def start(self) -> EndpointServer:
        """Serve in a background thread; returns self."""
        self._thread = threading.Thread(target=self.serve_forever, args=(_STOP_POLL,), name="jejaring-endpoint",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join()


#: The names of this machine's loopback interface, which a Host header may always give.
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})
_HOST_NAME = re.compile(r"[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?|[0-9a-f:.]+")


def _host_names(address: str, allowed: Iterable[str]) -> frozenset[str]:
    """The host names (lower case, IPv6 without brackets) a request's Host header may give."""
    names = set(_LOOPBACK_NAMES)
    if address not in _WILDCARDS:
        names.add(address.lower())
    for host in allowed:
        name = _split_host(host.strip())
        if name is None or not _HOST_NAME.fullmatch(name):
            raise InputError(f"{host!r} is not a host name for --allowed-host: give a name or an address, "
                             "such as sparql.example.org or 192.168.1.5")
        names.add(name)
    return frozenset(names)


def _split_host(value: str) -> str | None:
    """The name of a ``host[:port]`` value (lower case, without a trailing dot, IPv6 without brackets); None
    when it is malformed.

    >>> _split_host("LocalHost:7878"), _split_host("[::1]:7878"), _split_host("example.org."), _split_host("a:b")
    ('localhost', '::1', 'example.org', None)
    """
    value = value.lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else rest
    else:
        name, _, port = value.partition(":")
    if (port and not port.isdigit()) or not name:
        return None
    return name.rstrip(".") or None


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def check_origins(origins: Iterable[str]) -> frozenset[str]:
    """The CORS origins as a set, each ``scheme://host[:port]`` or ``*``.

    Raises
    ------
    InputError
        A value is not an origin (a path, a trailing slash, another scheme ...).

    >>> sorted(check_origins(["https://example.org", "http://localhost:8000"]))
    ['http://localhost:8000', 'https://example.org']
    """
    found = frozenset(origins)
    for origin in sorted(found):
        if not _ORIGIN.fullmatch(origin):
            raise InputError(f"{origin!r} is not an origin for CORS: give scheme://host[:port] "
                             "(https://example.org, no path or trailing slash) or *")
    return found


def make_endpoint(kg, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 30.0,
                  max_rows: int | None = 10_000, network: str | Path | None = None, workers: int = 4,
                  quiet: bool = False, cors: Iterable[str] = (), max_request_size: int = MAX_REQUEST_SIZE,
                  request_timeout: float = 30.0, allow_service: Iterable[str] = (),
                  allowed_hosts: Iterable[str] = (), max_memory: int | None = MAX_MEMORY,
                  per_client: int | None = None) -> EndpointServer:
    """An endpoint over ``kg`` bound to ``host:port`` (port 0 picks a free one), not yet serving.

    Parameters
    ----------
    kg
        The knowledge graph (embedded, in-memory or remote).
    host, port
        Where to listen; 127.0.0.1 keeps the endpoint to this machine.
    timeout
        Seconds a query may run before it is stopped.
    max_rows
        Rows (or triples) kept per result; None for no limit.
    network
        An HTML file served at ``/network`` (the network view), if any.
    workers
        Queries evaluated at the same time; more wait for a free slot.
    quiet
        No request log on standard error.
    cors
        Origins (``https://example.org``, or ``*`` for any) whose pages may read the answers; none by default,
        and then no ``Access-Control-Allow-Origin`` header is sent.
    max_request_size
        Bytes a request body may have (413 beyond), and a request line (414 beyond, 64 KiB at most).
    request_timeout
        Seconds a client may take to send a request, or stay idle on a kept-alive connection.
    allow_service
        Hosts that ``SERVICE`` in a query may call; by default a query naming ``SERVICE`` is refused (400),
        so the endpoint never contacts another host.
    allowed_hosts
        Host names (or addresses) a request's ``Host`` header may give besides ``127.0.0.1``, ``localhost``,
        ``[::1]`` and ``host``: the names the endpoint is reached by (behind a proxy, on a network). Any other
        is answered 421, which stops DNS rebinding (a page on an attacker's name that resolves to this machine).
        With ``host`` 0.0.0.0 any address of the machine is accepted as well; names still must be given.
    max_memory
        Bytes of memory each query worker may allocate (:data:`MAX_MEMORY`, 1 GB, by default; None for no
        limit). A query that needs more is stopped and answered 503; its worker is replaced.
    per_client
        Queries one client address may have running at once (default: half of ``workers``, at least 1); its
        further queries wait their turn (429 after ``timeout`` seconds), so one client cannot take every worker.

    Raises
    ------
    InputError
        A CORS origin or an allowed host is malformed, or the size limit is not positive.

    Examples
    --------
    >>> from jejaring.graph.store import open_graph
    >>> import tempfile, os, urllib.request
    >>> server = make_endpoint(open_graph(os.path.join(tempfile.mkdtemp(), "g.trig")), port=0, quiet=True).start()
    >>> urllib.request.urlopen(server.url + "/sparql?query=ASK%7B%7D").read()
    b'{"head":{},"boolean":true}'
    >>> server.stop()
    """
    return EndpointServer((host, port), kg, timeout=timeout, max_rows=max_rows, network=network,
                          workers=workers, quiet=quiet, cors=cors, max_request_size=max_request_size,
                          request_timeout=request_timeout, allow_service=allow_service,
                          allowed_hosts=allowed_hosts, max_memory=max_memory, per_client=per_client)


class _Refusal(Exception):
    """A request answered with a 4xx status and a one-line reason."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = f"jejaring/{__version__}"
    protocol_version = "HTTP/1.1"
    _origin: str | None = None
    _body_read = False

    def setup(self) -> None:
        self.timeout = self.server.request_timeout
        super().setup()
        self.rfile.close()  # http.server's reader, replaced by one with a deadline per request
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader)

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def handle_one_request(self) -> None:
        """Read and answer one request, which must arrive whole (line, headers and body) within
        ``request_timeout`` of the connection being ready for it: 408 when part of it came, a quiet close when
        none did. A client that goes away is not an error to log."""
        self.command, self.requestline, self.request_version = None, "", "HTTP/1.0"
        self._answered = False
        self._reader.start(self.server.request_timeout)
        try:
            super().handle_one_request()
        except TimeoutError:  # while reading the body, or writing to a client that stopped reading
            self.close_connection = True
        except ConnectionError as e:  # ConnectionReset, BrokenPipe ...: the client has gone
            self.close_connection = True
            self.log_message("client went away: %s", e.strerror or type(e).__name__)
            return
        if self._reader.expired and self._reader.received and not self._answered:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._error(HTTPStatus.REQUEST_TIMEOUT, "the request did not arrive in time")

    def log_error(self, format: str, *args) -> None:
        if not (args and isinstance(args[-1], TimeoutError)):  # a timeout is answered (408) or a quiet close
            self.log_message(format, *args)

    def parse_request(self) -> bool:
        """http.server's parsing, then our limit on the request line and ASCII in the request target; an
        HTTP/0.9 request line (no version) is refused, as its answer would have no status line."""
        self._origin, self._body_read = None, False
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":
            self.send_error(HTTPStatus.BAD_REQUEST, "HTTP/0.9 is not served: send an HTTP/1.1 request")
            return False
        limit = min(self.server.max_request_size, _REQUEST_LINE_LIMIT)
        if len(self.raw_requestline) > limit:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG,
                            f"the request line is longer than {limit} bytes: POST a long query instead")
            return False
        if not self.path.isascii():
            self.send_error(HTTPStatus.BAD_REQUEST, "the request target is not ASCII: percent-encode the query")
            return False
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 and self.request_version != "HTTP/1.0":
            self.send_error(HTTPStatus.BAD_REQUEST, "an HTTP/1.1 request needs one Host header")
            return False
        if hosts and not self._host_allowed(hosts[0].strip()):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST,
                            f"this server does not answer for the host {hosts[0].strip()!r}; if it is this server's "
                            "name, start it with --allowed-host NAME")
            return False
        self._origin = self.headers.get("Origin")
        return True

    def _host_allowed(self, value: str) -> bool:
        """Whether a Host header names this server: loopback, ``--host``, ``--allowed-host`` (any port, so that a
        tunnel or proxy on another port works), or any address when listening on all of them."""
        name = _split_host(value)
        if name is None:
            return False
        return name in self.server.host_names or (self.server.server_address[0] in _WILDCARDS and _is_ip(name))

    def _check_origin(self) -> None:
        """Refuse a POST made by a page of another site (its ``Origin``, or ``Referer`` without one): a form on
        any page could otherwise run queries here with the user's access. Clients that send neither (curl,
        SPARQLWrapper) are not browsers and pass; ``--cors`` origins pass."""
        origin = self.headers.get("Origin")
        if origin is None:
            referer = self.headers.get("Referer")
            if referer is None:
                return
            parts = urllib.parse.urlsplit(referer.strip())
            origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
        origin = origin.strip()
        allowed = self.server.cors
        if "*" in allowed or origin in allowed:
            return
        parts = urllib.parse.urlsplit(origin)
        host = (self.headers.get("Host") or "").strip().lower()
        if parts.scheme in ("http", "https") and host and parts.netloc.lower() == host and not parts.path:
            return
        raise _Refusal(HTTPStatus.FORBIDDEN, f"a query POSTed from another site is refused (Origin {origin}); "
                                             "to let a site's pages query this endpoint, start it with --cors ORIGIN")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (a malformed request line or header, an unknown method) as ours: plain
        text, the safe headers, the connection closed. A client's mistake is a 4xx: an unknown method gets
        405 rather than 501, an HTTP version other than 1.x 400 rather than 505."""
        status = HTTPStatus(code)
        headers = {}
        if status == HTTPStatus.NOT_IMPLEMENTED:
            status, headers = HTTPStatus.METHOD_NOT_ALLOWED, {"Allow": _METHODS}
        elif status == HTTPStatus.HTTP_VERSION_NOT_SUPPORTED:
            status, message = HTTPStatus.BAD_REQUEST, f"{message or status.phrase}: speak HTTP/1.1"
        elif status == HTTPStatus.REQUEST_URI_TOO_LONG and message is None:
            message = f"the request line is longer than {_REQUEST_LINE_LIMIT} bytes: POST a long query instead"
        if self.request_version == "HTTP/0.9":  # a request line that did not parse: answer with a status line
            self.request_version = "HTTP/1.0"
        self.close_connection = True
        self._origin = None
        self._error(status, message or status.phrase, headers)

    # -- routing ---------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._post)

    do_HEAD = do_GET

    def do_OPTIONS(self) -> None:
        headers = {"Allow": _METHODS, **self._cors_headers()}
        if "Access-Control-Allow-Origin" in headers and self.headers.get("Access-Control-Request-Method"):
            headers.update({"Access-Control-Allow-Methods": "GET, POST", "Access-Control-Max-Age": "600",
                            "Access-Control-Allow-Headers": "Accept, Content-Type"})
        self._send(HTTPStatus.NO_CONTENT, b"", None, headers)

    def _refuse_write(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _answer(self, route) -> None:
        try:
            route(urllib.parse.urlsplit(self.path))
        except _Refusal as e:
            self._error(e.status, str(e), e.headers)

    def _get(self, parts: urllib.parse.SplitResult) -> None:
        params = _parse_params(parts.query)
        if parts.path == "/":
            self._page(params.get("load", [""])[0])
        elif parts.path == "/sparql":
            self._protocol(params, None)
        elif parts.path.startswith("/library/"):
            self._library(_unquote(parts.path[len("/library/"):]), params)
        elif parts.path == "/network":
            self._network()
        else:
            raise _Refusal(HTTPStatus.NOT_FOUND, f"nothing at {parts.path}; the endpoint is /sparql, the page /")

    def _post(self, parts: urllib.parse.SplitResult) -> None:
        if parts.path != "/sparql":
            if parts.path in ("/", "/network") or parts.path.startswith("/library/"):
                raise _Refusal(HTTPStatus.METHOD_NOT_ALLOWED, f"{parts.path} is read with GET",
                               {"Allow": "GET, HEAD, OPTIONS"})
            raise _Refusal(HTTPStatus.NOT_FOUND, f"nothing to POST to at {parts.path}; the endpoint is /sparql")
        self._check_origin()
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise _Refusal(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if media not in ("application/sparql-query", "application/x-www-form-urlencoded", ""):
            raise _Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           f"POST a query as application/sparql-query or as a form, not {media}")
        body = _decode(self._read_body())
        params = _parse_params(parts.query)
        if media == "application/sparql-query":
            self._protocol(params, body)
            return
        for key, values in _parse_params(body).items():
            params.setdefault(key, []).extend(values)
        self._protocol(params, None)

    def _read_body(self) -> bytes:
        """The request body, read only when its Content-Length is valid and within the limit."""
        if "Transfer-Encoding" in self.headers:
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length, not chunked")
        values = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if not values:
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        value = values.pop()
        if values or not re.fullmatch(r"[0-9]{1,19}", value):
            raise _Refusal(HTTPStatus.BAD_REQUEST, "the Content-Length must be one number of bytes")
        length, limit = int(value), self.server.max_request_size
        if length > limit:
            raise _Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                           f"the request body has {length} bytes; this endpoint takes at most {limit}")
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            raise _Refusal(HTTPStatus.REQUEST_TIMEOUT, "the request body did not arrive in time") from None
        finally:
            self._reader.stop()
        if len(body) < length:
            raise _Refusal(HTTPStatus.BAD_REQUEST, f"the body has {len(body)} bytes, not the {length} announced")
        self._body_read = True
        return body

    # -- SPARQL ----------------------------------------------------------------------------
    def _protocol(self, params: dict[str, list[str]], body: str | None) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        queries = [body] if body is not None else params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...); the query page is at /")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported: "
                                                "queries run over the union of the graph; use GRAPH in the query")
            return
        query = queries[0]
        if query_form(query) in UPDATE_KEYWORDS:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        self._run(query, None, params.get("format", params.get("output", [""]))[0])

    def _library(self, name: str, params: dict[str, list[str]]) -> None:
        fmt = params.pop("format", [""])[0]
        try:
            query = load_query(name)
        except QueryError as e:
            self._error(HTTPStatus.NOT_FOUND, str(e))
            return
        given = {k: v[0] for k, v in params.items() if v and v[0] != ""}
        try:
            bindings = bind_params(query, given)
        except QueryError as e:
            self._error(HTTPStatus.BAD_REQUEST, str(e))
            return
        self._run(query.text, bindings, fmt)

    def _run(self, query: str, bindings: dict | None, fmt: str) -> None:
        server, client = self.server, self.client_address[0]
        if not server.clients.acquire(client, server.query_timeout):
            self._error(HTTPStatus.TOO_MANY_REQUESTS, f"more than {server.per_client} queries at once from "
                        f"{client} waited {server.query_timeout:g} s for their turn; send fewer at a time",
                        {"Retry-After": "1"})
            return
        try:
            if not server.slots.acquire(timeout=server.query_timeout):
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, "the endpoint is busy; try again")
                return
            try:
                result = server.queries.run(server.kg, query, bindings, timeout=server.query_timeout,
                                            max_rows=server.max_rows, allow_service=server.allow_service)
            finally:
                server.slots.release()
        except QueryTimeout as e:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out: {e}")
            return
        except QueryMemoryError as e:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"query out of memory: {e}")
            return
        except QueryError as e:
            self._error(HTTPStatus.BAD_REQUEST, str(e))
            return
        except JejaringError as e:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(e))
            return
        finally:
            server.clients.release(client)
        self._results(result, fmt)

    def _results(self, result: QueryResult, fmt: str) -> None:
        name = _FORMAT_NAMES.get(fmt.lower()) if fmt else None
        if result.kind == "graph":
            chosen = name[1] if name else negotiate(self.headers.get("Accept"), "graph")
            body = format_result(result, graph_format=chosen)
        else:
            chosen = name[0] if name else negotiate(self.headers.get("Accept"), result.kind)
            body = format_result(result, chosen)
        extra = {"X-SPARQL-MaxRows": str(self.server.max_rows)} if result.truncated else {}
        self._send(HTTPStatus.OK, body, _CONTENT_TYPE[chosen], extra)

    # -- pages -----------------------------------------------------------------------------
    def _page(self, load: str) -> None:
        text = ""
        if load:
            try:
                text = load_query(load).text
            except QueryError:
                text = ""
        # same-origin: its form's POST then carries its Origin (no-referrer would make it "null", which is refused)
        self._send(HTTPStatus.OK, render_page(self.server, text).encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": _CSP_PAGE, "Referrer-Policy": "same-origin"})

    def _network(self) -> None:
        path = self.server.network
        if path is not None and path.is_file():
            page = path.read_bytes()
            self._send(HTTPStatus.OK, page, "text/html; charset=utf-8",
                       {"Content-Security-Policy": network_policy(page)})
            return
        page = ("<!doctype html><html lang='en'><meta charset='utf-8'><title>No network view</title>"
                "<p>No network view is served here. Make one with <code>jejaring viz -g GRAPH -o network.html</code> "
                "and start the endpoint with <code>jejaring serve -g GRAPH --network network.html</code>.</p>"
                "<p><a href='/'>Back to the query page</a></p></html>")
        self._send(HTTPStatus.NOT_FOUND, page.encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": _CSP_PAGE})

    # -- responses -------------------------------------------------------------------------
    def _error(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str | None,
              headers: dict[str, str] | None = None) -> None:
        """Send a response with the safe headers; the connection closes when the request was not read whole."""
        fields = {} if status == HTTPStatus.NO_CONTENT else {"Content-Type": content_type,
                                                             "Content-Length": str(len(body))}
        fields.update(_SAFE_HEADERS)
        fields["Content-Security-Policy"] = _CSP_NONE
        fields.update(self._cors_headers())
        fields.update(headers or {})
        if self.close_connection or self._unread_body():
            fields["Connection"] = "close"
        self._answered = True
        self._reader.stop()
        self.connection.settimeout(self.server.request_timeout)  # each write may wait this long for the client
        self.send_response(status)
        for key, value in fields.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _unread_body(self) -> bool:
        """Whether the request may have come with a body that was not read (it must not be taken for the next
        request): a POST not read, or any request announcing a body."""
        if self._body_read:
            return False
        length = (self.headers.get("Content-Length") or "0").strip()
        return self.command == "POST" or length != "0" or "Transfer-Encoding" in self.headers

    def _cors_headers(self) -> dict[str, str]:
        """CORS headers for the request's origin: none unless the server was given origins."""
        allowed = self.server.cors
        if not allowed:
            return {}
        headers = {} if "*" in allowed else {"Vary": "Origin"}
        if self._origin is not None and ("*" in allowed or self._origin in allowed):
            headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else self._origin
            headers["Access-Control-Expose-Headers"] = "X-SPARQL-MaxRows"
        return headers


class _ClientSlots:
    """How many queries each client address has running; at most ``limit`` each, the others wait their turn."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.running: collections.Counter[str] = collections.Counter()
        self.changed = threading.Condition()

    def acquire(self, client: str, timeout: float) -> bool:
        with self.changed:
            if not self.changed.wait_for(lambda: self.running[client] < self.limit, timeout):
                return False
            self.running[client] += 1
            return True

    def release(self, client: str) -> None:
        with self.changed:
            self.running[client] -= 1
            if self.running[client] <= 0:
                del self.running[client]
            self.changed.notify_all()


class _DeadlineReader(io.RawIOBase):
    """A connection's incoming bytes, under one deadline for a whole request rather than a timeout per read
    (a client sending one header line every few seconds would otherwise hold the connection for ever)."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock
        self.deadline: float | None = None
        self.received = 0
        self.expired = False

    def start(self, seconds: float) -> None:
        """Start the deadline of the next request."""
        self.deadline, self.received, self.expired = time.monotonic() + seconds, 0, False

    def stop(self) -> None:
        """The request is read: later reads (none, but the linger) are not timed against it."""
        self.deadline = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                self.expired = True
                raise TimeoutError("the request did not arrive in time")
            self.sock.settimeout(left)
        try:
            n = self.sock.recv_into(buffer)
        except TimeoutError:
            self.expired = self.deadline is not None
            raise
        self.received += n
        return n


def _parse_params(query: str) -> dict[str, list[str]]:
    """A query string or form body as a dict of lists; 400 when a value is not UTF-8."""
    try:
        return urllib.parse.parse_qs(query, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except UnicodeDecodeError:
        raise _Refusal(HTTPStatus.BAD_REQUEST, "a parameter is not UTF-8 once percent-decoded") from None
    except ValueError:
        raise _Refusal(HTTPStatus.BAD_REQUEST, "more than 1000 parameters") from None


def _unquote(text: str) -> str:
    try:
        return urllib.parse.unquote(text, errors="strict")
    except UnicodeDecodeError:
        raise _Refusal(HTTPStatus.BAD_REQUEST, "the path is not UTF-8 once percent-decoded") from None


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _Refusal(HTTPStatus.BAD_REQUEST, f"the request body is not UTF-8 (byte {e.start})") from None


def network_policy(page: bytes) -> str:
    """The Content-Security-Policy of a network view: its own inline scripts run (by hash), nothing else.

    >>> network_policy(b"<script>go()</script>").split("; ")[1]
    "script-src 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"
    """
    text = page.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    hashes = sorted({base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode("ascii")
                     for m in _INLINE_SCRIPT.finditer(text)})
    scripts = " ".join(f"'sha256-{h}'" for h in hashes) or "'none'"
    return _CSP_NETWORK.format(scripts=scripts)


_STYLE = """body{font-family:system-ui,sans-serif;max-width:70em;margin:1em auto;padding:0 1em;color:#222}
textarea{width:100%;font-family:monospace}td,th{vertical-align:top;text-align:left;padding:.3em .6em}
table{border-collapse:collapse}tr{border-top:1px solid #ddd}code{background:#f4f4f4}input{margin:.1em}"""
_FORMATS = ("table", "json", "xml", "csv", "tsv", "md")


def render_page(server: EndpointServer, text: str = "") -> str:
    """The HTML page at ``/``: a query box, the library of questions and a link to the network view."""
    esc = html.escape
    options = "".join(f"<option>{f}</option>" for f in _FORMATS)
    rows = []
    for q in list_queries():
        inputs = "".join(
            f"<label>{esc(p.name)} <input name='{esc(p.name)}' title='{esc(p.description)}' "
            f"placeholder='{esc(p.type + (' (required)' if p.required else ''))}' "
            f"value='{esc(p.default or '')}'></label> "
            for p in q.params
        )
        rows.append(
            f"<tr><td><b>{esc(q.name)}</b><br><a href='/?load={urllib.parse.quote(q.name)}'>show SPARQL</a></td>"
            f"<td>{esc(q.description)}<form action='/library/{urllib.parse.quote(q.name)}' method='get'>"
            f"{inputs}<select name='format'>{options}</select> <button>Run</button></form></td></tr>"
        )
    limits = f"Queries stop after {server.query_timeout:g} s"
    if server.max_rows is not None:
        limits += f" and return at most {server.max_rows} rows"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>jejaring SPARQL endpoint</title><style>{_STYLE}</style></head>
<body>
<h1>jejaring SPARQL endpoint</h1>
<p>Graph: <code>{esc(str(server.kg.location))}</code>. Read-only. {esc(limits)}.
SPARQL 1.1 Protocol at <code>/sparql</code>. <a href="/network">Network view</a>.</p>
<form action="/sparql" method="post">
<textarea name="query" rows="14">{esc(text or "SELECT * WHERE { ?s ?p ?o } LIMIT 10")}</textarea>
<select name="format">{options}</select> <button>Run</button>
</form>
<h2>Library of questions</h2>
<p>Each runs at <code>/library/NAME?param=value</code>; parameters are bound as RDF terms.</p>
<table>{''.join(rows)}</table>
</body></html>
"""
