"""Load on a SPARQL endpoint: many clients sending one query at once, counted and timed.

Used by the endpoint's load test and by ``benchmarks/load_endpoint.py``. Every request has a client timeout
and the whole run a deadline, so a stuck server makes the run end with errors, never hang. Clients may each
send from their own local address (127.0.0.2, 127.0.0.3 ...: every 127.x.y.z is this machine), as clients
on other machines would, and one more client may loop another query meanwhile (a hog: the others' figures
show whether it slows or fails them).
"""

from __future__ import annotations

import collections
import http.client
import json
import math
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["LoadReport", "measure_load", "percentile"]

_ACCEPT = "application/sparql-results+json"


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank ``p``-th percentile (0 < p <= 100) of ``values``; NaN when there are none.

    >>> percentile([4.0, 1.0, 3.0, 2.0], 50), percentile([4.0, 1.0, 3.0, 2.0], 95)
    (2.0, 4.0)
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class LoadReport:
    """What a load run saw: per-request latencies (seconds), errors, and the wall time of the run."""

    clients: int
    requests: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    finished: bool = True
    background: collections.Counter = field(default_factory=collections.Counter)

    @property
    def count(self) -> int:
        """Requests answered correctly."""
        return len(self.latencies)

    @property
    def p50(self) -> float:
        return percentile(self.latencies, 50)

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 95)

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 99)

    @property
    def throughput(self) -> float:
        """Correct answers per second of wall time."""
        return self.count / self.wall if self.wall else 0.0

    def summary(self) -> str:
        """One line of figures, latencies in milliseconds."""
        line = (f"clients={self.clients} requests/client={self.requests} count={self.count} "
                f"errors={len(self.errors)} p50={self.p50 * 1000:.1f}ms p95={self.p95 * 1000:.1f}ms "
                f"p99={self.p99 * 1000:.1f}ms throughput={self.throughput:.0f}/s wall={self.wall:.1f}s "
                f"finished={self.finished}")
        if self.background:
            line += " background=" + ",".join(f"{status}x{n}" for status, n in sorted(self.background.items()))
        return line


def measure_load(url: str, query: str, *, clients: int = 50, requests: int = 200, rows: int | None = None,
                 timeout: float = 30.0, deadline: float | None = 300.0, keep_alive: bool = True,
                 sources: Sequence[str] = (), background: str | None = None,
                 background_source: str | None = None) -> LoadReport:
    """Send ``query`` to the endpoint at ``url`` (``http://host:port/sparql``) from ``clients`` threads,
    ``requests`` times each, all starting together, and time every answer.

    Parameters
    ----------
    url
        The SPARQL endpoint; the query goes as ``GET ?query=``, asking for SPARQL JSON.
    query
        A SELECT query.
    clients, requests
        Concurrent clients, and requests each sends one after the other.
    rows
        The number of rows every answer must have; None to accept any 200 answer with SPARQL JSON.
    timeout
        Seconds a client waits for one answer (then counts an error and reconnects).
    deadline
        Seconds the whole run may take; clients stop sending after it and the report says
        ``finished=False``. None for no deadline.
    keep_alive
        Reuse each client's connection (HTTP/1.1 keep-alive), or open one per request.
    sources
        Local addresses the clients send from, in turn (client ``i`` from ``sources[i % len(sources)]``); by
        default the system chooses (127.0.0.1 for a local endpoint).
    background, background_source
        A query one more client sends again and again, from ``background_source``, while the others run;
        its answers are counted by status in :attr:`LoadReport.background`, not in the figures.

    Returns
    -------
    LoadReport
        Latencies of the correct answers; one line per wrong answer or failed request in ``errors``.
    """
    parts = urllib.parse.urlsplit(url)
    target = f"{parts.path or '/'}?{urllib.parse.urlencode({'query': query})}"
    report = LoadReport(clients=clients, requests=requests)
    start = threading.Barrier(clients + 1)
    stop = threading.Event()
    lock = threading.Lock()

    def client(i: int) -> None:
        source = (sources[i % len(sources)], 0) if sources else None
        latencies, errors = _send_all(parts.netloc, target, requests, rows, timeout, keep_alive, start, stop,
                                      source)
        with lock:
            report.latencies.extend(latencies)
            report.errors.extend(errors)

    threads = [threading.Thread(target=client, args=(i,), daemon=True, name=f"load-client-{i}")
               for i in range(clients)]
    hog_done = threading.Event()
    hog = None
    if background is not None:
        hog_target = f"{parts.path or '/'}?{urllib.parse.urlencode({'query': background})}"
        hog = threading.Thread(target=_loop, daemon=True, name="load-background", args=(
            parts.netloc, hog_target, background_source, hog_done, report.background, lock))
        hog.start()
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    end = None if deadline is None else began + deadline
    for t in threads:
        t.join(None if end is None else max(0.0, end - time.perf_counter()))
    stop.set()
    for t in threads:  # a client stops after its current request, which is bounded by ``timeout``
        t.join(timeout + 1.0)
    report.wall = time.perf_counter() - began
    hog_done.set()
    if hog is not None:
        hog.join()
    with lock:
        report.finished = not any(t.is_alive() for t in threads) and report.count + len(report.errors) == (
            clients * requests)
    return report


def _loop(netloc: str, target: str, source: str | None, done: threading.Event, statuses: collections.Counter,
          lock: threading.Lock) -> None:
    """The background client: send ``target`` until ``done``, counting the answers by status."""
    while not done.is_set():
        conn = http.client.HTTPConnection(netloc, timeout=600, source_address=(source, 0) if source else None)
        try:
            conn.request("GET", target, headers={"Accept": _ACCEPT})
            response = conn.getresponse()
            response.read()
            status = str(response.status)
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
        finally:
            conn.close()
        with lock:
            statuses[status] += 1


def _send_all(netloc: str, target: str, requests: int, rows: int | None, timeout: float, keep_alive: bool,
              start: threading.Barrier, stop: threading.Event,
              source: tuple[str, int] | None = None) -> tuple[list[float], list[str]]:
    """One client's run: its latencies and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    conn = http.client.HTTPConnection(netloc, timeout=timeout, source_address=source)
    start.wait()
    for _ in range(requests):
        if stop.is_set():
            break
        began = time.perf_counter()
        try:
            conn.request("GET", target, headers={"Accept": _ACCEPT})
            response = conn.getresponse()
            body = response.read()
            problem = _check(response.status, body, rows)
        except (OSError, http.client.HTTPException) as e:
            problem = f"{type(e).__name__}: {e}"
        elapsed = time.perf_counter() - began
        if problem:
            errors.append(problem)
        else:
            latencies.append(elapsed)
        if problem or not keep_alive:
            conn.close()
            conn = http.client.HTTPConnection(netloc, timeout=timeout, source_address=source)
    conn.close()
    return latencies, errors


def _check(status: int, body: bytes, rows: int | None) -> str | None:
    """What is wrong with an answer, or None."""
    if status != 200:
        return f"HTTP {status}: {body[:200].decode('utf-8', 'replace').strip()}"
    try:
        found = len(json.loads(body)["results"]["bindings"])
    except (ValueError, KeyError, TypeError):
        return f"not SPARQL JSON results: {body[:200]!r}"
    if rows is not None and found != rows:
        return f"{found} rows, not {rows}"
    return None
