"""Load on the SPARQL endpoint: N concurrent clients x M queries each, with count, errors, p50/p95/p99, throughput.

By default it ingests examples/curated into a temporary store, starts ``jejaring serve`` on it (a separate
process, on 127.0.0.1 and a free port, ``--quiet``), loads it with 50 clients x 200 queries of a SELECT with
LIMIT and stops it. ``-g GRAPH`` serves another graph; ``--url`` loads an endpoint that already runs.
Every answer must have the rows of the first one. Exit 1 on any error or an unfinished run.

``--spread`` sends each client from its own local address (127.0.0.2, 127.0.0.3 ...), as clients on other
machines would (the endpoint limits the queries of one address at once). ``--hog`` adds a client, on an address
of its own, that sends the query of issue 20 (a sort over every pair of triples, which needs far more memory
than a worker may have) again and again; its answers (503, the worker stopped at its memory limit) are counted
apart. ``--serve-option`` passes an option to ``jejaring serve`` (``--serve-option=--max-memory=512M``).

    python benchmarks/load_endpoint.py
    python benchmarks/load_endpoint.py --clients 50 --requests 20 -g graph/
    python benchmarks/load_endpoint.py --clients 20 --requests 100 -g out/graph --spread --hog
    python benchmarks/load_endpoint.py --url http://127.0.0.1:7878/sparql --query 'SELECT * WHERE {?s ?p ?o} LIMIT 5'
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from loadtest import measure_load

ROOT = Path(__file__).resolve().parents[1]
QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
#: The query of issue 20, item 3: every pair of triples, sorted (the sort holds them all in memory).
HOG = "SELECT * WHERE {?a ?b ?c . ?d ?e ?f} ORDER BY ?c ?f LIMIT 5"
HOG_SOURCE = "127.0.0.250"
READY_SECONDS = 60.0


def build_small_graph(location: Path) -> Path:
    """Ingest examples/curated into a store at ``location``."""
    from jejaring.graph.store import open_graph
    from jejaring.service import ingest_paths

    with open_graph(location) as kg:
        ingest_paths(kg, [ROOT / "examples" / "curated"])
        kg.save()
    return location


@contextlib.contextmanager
def serving(graph: Path, options: list[str] = ()) -> Iterator[str]:
    """``jejaring serve -q`` on ``graph`` in its own process; yields the endpoint URL, stops the process after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "jejaring", "serve", "-g", str(graph), "--port", str(port), "-q", *options]
    process = subprocess.Popen(command)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        wait_ready(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_ready(url: str, process: subprocess.Popen) -> None:
    """Wait until the endpoint answers an ASK (or fail when the server exits or takes too long)."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {READY_SECONDS:g} s")


def count_rows(url: str, query: str) -> int:
    """The rows of one answer to ``query``: every answer under load must have as many."""
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return len(json.loads(r.read())["results"]["bindings"])


def run(url: str, args: argparse.Namespace) -> int:
    """Load the endpoint at ``url``, print the figures; the exit code."""
    rows = count_rows(url, args.query)
    sources = [f"127.0.{(i + 2) // 256}.{(i + 2) % 256}" for i in range(args.clients)] if args.spread else []
    report = measure_load(url, args.query, clients=args.clients, requests=args.requests, rows=rows,
                          timeout=args.timeout, deadline=args.deadline, keep_alive=not args.no_keep_alive,
                          sources=sources, background=HOG if args.hog else None, background_source=HOG_SOURCE)
    print(f"endpoint {url}, query {args.query!r}, {rows} rows per answer"
          + (f"; clients from {len(sources)} addresses" if sources else "")
          + (f"; meanwhile {HOG_SOURCE} looped {HOG!r}" if args.hog else ""))
    print(report.summary())
    for error in sorted(set(report.errors))[:5]:
        print(f"  error: {error}")
    return 0 if report.finished and not report.errors else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-g", "--graph", type=Path, help="serve this graph (default: examples/curated, ingested)")
    where.add_argument("--url", help="load this running endpoint (http://host:port/sparql) instead")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--requests", type=int, default=200, help="queries each client sends (default 200)")
    parser.add_argument("--query", default=QUERY, help=f"the SELECT query (default {QUERY!r})")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one answer")
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds the whole run may take")
    parser.add_argument("--no-keep-alive", action="store_true", help="a new connection per query")
    parser.add_argument("--spread", action="store_true", help="each client from its own 127.0.x.y address")
    parser.add_argument("--hog", action="store_true",
                        help=f"one more client loops {HOG!r} from {HOG_SOURCE} meanwhile")
    parser.add_argument("--serve-option", action="append", default=[], metavar="OPTION",
                        help="an option for jejaring serve (repeatable), e.g. --serve-option=--max-memory=512M")
    args = parser.parse_args(argv)
    if args.url:
        return run(args.url, args)
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph or build_small_graph(Path(tmp) / "store")
        with serving(graph, args.serve_option) as url:
            return run(url, args)


if __name__ == "__main__":
    sys.exit(main())
