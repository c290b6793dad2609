"""A read-only SPARQL 1.1 Protocol endpoint over a knowledge graph, with a page for people.

- ``/sparql``: GET ``?query=``, POST form (``query=``) and POST ``application/sparql-query``;
  results negotiated from ``Accept`` (or a ``format`` parameter): SPARQL JSON, XML, CSV, TSV, a text
  table or Markdown, and Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE. Updates are
  refused with 403, a query that does not parse with 400 and the parser's message, a query past the
  time limit is stopped (it runs in a worker process that is killed) and answered with 503; rows
  beyond the limit are left out and the response says so in ``X-SPARQL-MaxRows``. The worker
  processes (:class:`~jejaring.graph.sparql.QueryWorkers`) start with the server and serve query
  after query; one is ready before the first request is answered.
- ``/``: a query box and the library of questions, each runnable with its parameters.
- ``/library/NAME?param=value``: a library query with typed parameters.
- ``/network``: the network view given with ``network=``, or how to make one.
"""

from __future__ import annotations

import html
import sys
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from jejaring import __version__
from jejaring.errors import JejaringError, QueryError
from jejaring.graph.sparql import (
    UPDATE_KEYWORDS,
    QueryResult,
    QueryTimeout,
    QueryWorkers,
    format_result,
    query_form,
)
from jejaring.queries import bind_params, list_queries, load_query

__all__ = ["EndpointServer", "make_endpoint", "negotiate"]

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
_MAX_BODY = 1_000_000


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


class EndpointServer(ThreadingHTTPServer):
    """The endpoint: an HTTP server holding the graph, the limits and the library.

    Start it with :meth:`start` (in a background thread) or ``serve_forever()``; stop it with :meth:`stop`
    (or ``shutdown()`` and ``server_close()``), which also stops the query workers (:attr:`queries`).
    """

    daemon_threads = True

    def __init__(self, address: tuple[str, int], kg, *, timeout: float = 30.0, max_rows: int | None = 10_000,
                 network: str | Path | None = None, workers: int = 4, quiet: bool = False) -> None:
        super().__init__(address, _Handler)
        self.kg = kg
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.network = Path(network) if network else None
        self.slots = threading.BoundedSemaphore(max(1, workers))
        self.queries = QueryWorkers(max_idle=max(1, workers))
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

    def server_close(self) -> None:
        """Release the port and stop the query workers."""
        super().server_close()
        self.queries.close()

    def start(self) -> EndpointServer:
        """Serve in a background thread; returns self."""
        self._thread = threading.Thread(target=self.serve_forever, name="jejaring-endpoint", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join()


def make_endpoint(kg, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 30.0,
                  max_rows: int | None = 10_000, network: str | Path | None = None, workers: int = 4,
                  quiet: bool = False) -> EndpointServer:
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
                          workers=workers, quiet=quiet)


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = f"jejaring/{__version__}"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    # -- routing ---------------------------------------------------------------------------
    def do_GET(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if parts.path == "/":
            self._page(params.get("load", [""])[0])
        elif parts.path == "/sparql":
            if "query" not in params and "update" not in params:
                self._send(HTTPStatus.SEE_OTHER, b"", "text/plain", {"Location": "/"})
                return
            self._protocol(params, None)
        elif parts.path.startswith("/library/"):
            self._library(urllib.parse.unquote(parts.path[len("/library/"):]), params)
        elif parts.path == "/network":
            self._network()
        else:
            self._error(HTTPStatus.NOT_FOUND, f"nothing at {parts.path}; the endpoint is /sparql, the page /")

    def do_POST(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        if parts.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, f"nothing to POST to at {parts.path}; the endpoint is /sparql")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {_MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        params = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        elif media == "application/sparql-query":
            self._protocol(params, body)
        elif media in ("application/x-www-form-urlencoded", ""):
            for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._protocol(params, None)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        f"POST a query as application/sparql-query or as a form, not {media}")

    def _refuse_write(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    # -- SPARQL ----------------------------------------------------------------------------
    def _protocol(self, params: dict[str, list[str]], body: str | None) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        queries = [body] if body is not None else params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...)")
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
        server = self.server
        if not server.slots.acquire(timeout=server.query_timeout):
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "the endpoint is busy; try again")
            return
        try:
            result = server.queries.run(server.kg, query, bindings, timeout=server.query_timeout,
                                        max_rows=server.max_rows)
        except QueryTimeout as e:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out: {e}")
            return
        except QueryError as e:
            self._error(HTTPStatus.BAD_REQUEST, str(e))
            return
        except JejaringError as e:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(e))
            return
        finally:
            server.slots.release()
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
        self._send(HTTPStatus.OK, render_page(self.server, text).encode("utf-8"), "text/html; charset=utf-8")

    def _network(self) -> None:
        path = self.server.network
        if path is not None and path.is_file():
            self._send(HTTPStatus.OK, path.read_bytes(), "text/html; charset=utf-8")
            return
        page = ("<!doctype html><html lang='en'><meta charset='utf-8'><title>No network view</title>"
                "<p>No network view is served here. Make one with <code>jejaring viz -g GRAPH -o network.html</code> "
                "and start the endpoint with <code>jejaring serve -g GRAPH --network network.html</code>.</p>"
                "<p><a href='/'>Back to the query page</a></p></html>")
        self._send(HTTPStatus.NOT_FOUND, page.encode("utf-8"), "text/html; charset=utf-8")

    # -- responses -------------------------------------------------------------------------
    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


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
