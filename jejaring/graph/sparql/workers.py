"""Worker processes that run queries with a time limit, killed when it passes (:class:`QueryWorkers`).

Workers are fresh interpreters that open the graph themselves (a checkpoint of an embedded store, read-only, or
a dump of an in-memory one), never forks of this process, whose store may have threads holding locks. Results
come back as SPARQL TSV (SELECT), N-Triples (CONSTRUCT, DESCRIBE) or a boolean (ASK).
"""

from __future__ import annotations

import collections
import hashlib
import itertools
import os
import re
import shutil
import signal
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from jejaring.errors import InputError, JejaringError, QueryError, QueryMemoryError, QueryTimeout
from jejaring.graph.sparql.result import QueryResult, evaluate
from jejaring.graph.sparql.text import check_query
from jejaring.graph.store.query import bind_for_oxigraph
from jejaring.workers import Worker, WorkerDied, WorkerTimeout

# Workers import this module: it loads pyoxigraph, not rdflib.

__all__ = ["MIN_WORKER_MEMORY", "QueryWorkers", "parse_size"]


class QueryWorkers:
    """Worker processes that run queries with a time limit, and are killed when it passes.

    A worker is a :class:`~jejaring.workers.Worker`: a fresh interpreter, never a fork of this process, which
    may hold an embedded store whose threads hold locks. It opens the graph itself:

    - an embedded store (a directory) as a checkpoint, opened with :meth:`pyoxigraph.Store.read_only`.
      The checkpoint (:meth:`pyoxigraph.Store.backup`) is made of hard links to the store's immutable
      files, in a temporary directory beside the store; nothing ever writes to it, whereas a
      read-only instance over the live directory is undefined behaviour (pyoxigraph's words) while
      this process can still write to it (flushes, compactions). Before each query the store's files are compared
      with those at the last checkpoint, and a new checkpoint is made when they changed, so a query
      sees every write made before it;
    - an in-memory store (a ``.trig``/``.nq`` file) as an N-Quads dump, loaded into the worker's own
      in-memory store with the same blank nodes and in the same order (so results come in the same
      order). The dump is taken before each query (time in proportion to the graph: use a directory
      store for large graphs) and sent only when it differs from the one the worker holds.

    Results are computed as in this process (:func:`~jejaring.graph.sparql.result.evaluate`). Workers stay alive between
    queries: starting one takes an interpreter, the imports and opening the graph, none of which
    counts against the time limit. A query past its limit kills its worker; the next query starts
    another. At most ``max_idle`` idle workers are kept; more start while more queries run at once.

    With ``max_memory`` (bytes) each worker runs under that limit on the memory it allocates (on Linux and
    other Unix systems, ``RLIMIT_DATA``: its heap and private mappings, not the shared libraries or the
    address space reserved for thread stacks, which are half a gigabyte before any query). A query that
    needs more makes the allocation fail, the worker stops, and :class:`~jejaring.errors.QueryMemoryError` is raised; the
    next query starts a new worker.

    Examples
    --------
    >>> from jejaring.graph.store import open_graph
    >>> import tempfile, os
    >>> workers = QueryWorkers()
    >>> kg = open_graph(os.path.join(tempfile.mkdtemp(), "store"))
    >>> workers.run(kg, "ASK { ?s ?p ?o }", timeout=10).boolean
    False
    >>> workers.close()
    """

    def __init__(self, *, max_idle: int = 2, max_memory: int | None = None) -> None:
        if max_memory is not None and max_memory < MIN_WORKER_MEMORY:
            raise InputError(f"a query worker needs at least {MIN_WORKER_MEMORY >> 20} MB of memory, not "
                             f"{max_memory >> 20} MB")
        self.max_idle = max(1, max_idle)
        self.max_memory = max_memory
        self._pool = _Pool(max_memory)
        self._finalizer = weakref.finalize(self, self._pool.close)

    def run(self, kg, sparql: str, bindings: dict | None = None, *, timeout: float | None = None,
            max_rows: int | None = None, allow_service: Iterable[str] = ()) -> QueryResult:
        """Run a query as :func:`~jejaring.graph.sparql.run.run_query` does, in one of these workers when there is a
        ``timeout``."""
        check_query(sparql, allow_service)
        if getattr(kg, "is_remote", False):
            return evaluate(kg, sparql, bindings, max_rows, timeout=timeout)
        if timeout is None:
            return evaluate(kg, sparql, bindings, max_rows)
        return self._pool.run(kg, (*bind_for_oxigraph(sparql, bindings), max_rows), timeout, self.max_idle)

    def warm(self, kg) -> None:
        """Start a worker and open ``kg`` in it, so that the first query does not wait (not for remote graphs)."""
        if not getattr(kg, "is_remote", False):
            self._pool.run(kg, None, None, self.max_idle)

    def pids(self) -> list[int]:
        """The process ids of the live workers, idle or running a query."""
        return self._pool.pids()

    def close(self) -> None:
        """Stop the workers and remove the checkpoints (done too when the object is collected, and at exit)."""
        self._finalizer()


_DEFAULT_WORKERS: QueryWorkers | None = None
_DEFAULT_LOCK = threading.Lock()


def _default_workers() -> QueryWorkers:
    """The workers of :func:`~jejaring.graph.sparql.run.run_query`, started on first use."""
    global _DEFAULT_WORKERS
    with _DEFAULT_LOCK:
        if _DEFAULT_WORKERS is None:
            _DEFAULT_WORKERS = QueryWorkers()
        return _DEFAULT_WORKERS


#: Seconds a worker may take to start and open the graph (not part of a query's time limit).
_START_LIMIT = 600.0
#: Files of an embedded store that change without its data changing (RocksDB's own log, the lock).
_UNWATCHED = ("LOG", "LOCK")


class _Pool:
    """The workers and checkpoints behind a :class:`QueryWorkers` (apart from it, for its finalizer).

    A directory graph's source is ``("directory", checkpoint)``; a checkpoint is removed once it is
    neither the newest of its store, nor open in an idle worker, nor wanted by a running query.
    An in-memory graph's source is ``("memory", digest of the dump)``.
    """

    def __init__(self, max_memory: int | None = None) -> None:
        self.max_memory = max_memory
        self.lock = threading.Lock()
        self.idle: list[_Worker] = []
        self.busy: set[_Worker] = set()
        self.stores: dict[str, _Checkpoints] = {}
        self.holds: collections.Counter[str] = collections.Counter()
        self.replaced: set[str] = set()
        self.closed = False

    def run(self, kg, query: tuple | None, timeout: float | None, max_idle: int) -> QueryResult | None:
        source, dump = self.source(kg)
        try:
            worker = self.take(source)
            answered = False
            try:
                result = worker.run(source, dump, query, timeout)
                answered = True
                return result
            except QueryError:
                answered = True
                raise
            finally:
                self.give_back(worker, answered, max_idle)
        finally:
            self.release(source)

    def source(self, kg) -> tuple[tuple[str, str], bytes | None]:
        """What a worker opens for ``kg``, and the dump of an in-memory graph; holds a checkpoint until released."""
        if kg.in_memory:
            dump = kg.store.dump(format=ox.RdfFormat.N_QUADS) or b""
            return ("memory", hashlib.blake2b(dump, digest_size=20).hexdigest()), dump
        location = os.path.abspath(kg.location)
        with self.lock:
            self._check_open()
            checkpoints = self.stores.get(location)
            if checkpoints is None:
                checkpoints = self.stores[location] = _Checkpoints(location)
            path, replaced = checkpoints.latest(kg.store)
            self.holds[path] += 1
            if replaced is not None:
                self.replaced.add(replaced)
                self._remove_if_unused(replaced)
        return ("directory", path), None

    def release(self, source: tuple[str, str]) -> None:
        if source[0] == "directory":
            with self.lock:
                self.holds[source[1]] -= 1
                self._remove_if_unused(source[1])

    def take(self, source: tuple[str, str]) -> _Worker:
        """An idle worker, one that has ``source`` open if there is one, or a new worker."""
        with self.lock:
            self._check_open()
            self.idle = [w for w in self.idle if w.alive() or self._forget(w)]
            worker = next((w for w in reversed(self.idle) if w.source == source), None)
            if worker is None and self.idle:
                worker = self.idle[-1]
            if worker is not None:
                self.idle.remove(worker)
                self._unhold(worker)
            else:
                worker = _Worker(self.max_memory)
            self.busy.add(worker)
            return worker

    def give_back(self, worker: _Worker, answered: bool, max_idle: int) -> None:
        """Keep a worker that answered for the next query; kill one that did not, or one too many."""
        with self.lock:
            self.busy.discard(worker)
            keep = answered and not self.closed and len(self.idle) < max_idle
            if keep:
                self.idle.append(worker)
                if worker.source is not None and worker.source[0] == "directory":
                    self.holds[worker.source[1]] += 1
        if not keep:
            worker.kill()

    def pids(self) -> list[int]:
        with self.lock:
            return [w.pid for w in [*self.idle, *self.busy] if w.alive()]

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = [*self.idle, *self.busy]
            self.idle.clear()
            self.busy.clear()
        for worker in workers:
            worker.kill()
        with self.lock:
            for checkpoints in self.stores.values():
                checkpoints.remove()
            self.stores.clear()

    # -- under the lock ---------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self.closed:
            raise JejaringError("the query workers were closed")

    def _forget(self, worker: _Worker) -> bool:
        """Drop an idle worker that died (killed from outside); False, to filter it out."""
        self._unhold(worker)
        worker.kill()
        return False

    def _unhold(self, worker: _Worker) -> None:
        if worker.source is not None and worker.source[0] == "directory":
            self.holds[worker.source[1]] -= 1
            self._remove_if_unused(worker.source[1])

    def _remove_if_unused(self, path: str) -> None:
        if path in self.replaced and self.holds[path] <= 0:
            self.replaced.discard(path)
            del self.holds[path]
            shutil.rmtree(path, ignore_errors=True)


class _Checkpoints:
    """The checkpoints of one embedded store, in a temporary directory beside it (hard links need the
    same file system; elsewhere RocksDB copies the files)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.root: str | None = None
        self.newest: str | None = None
        self.files: frozenset | None = None
        self.numbers = itertools.count()

    def latest(self, store: ox.Store) -> tuple[str, str | None]:
        """The newest checkpoint, made now when the store's files changed since the last one; and the one
        it replaces, if any."""
        files = _store_files(self.location)  # before the backup: a write during it shows at the next query
        if self.newest is not None and files == self.files:
            return self.newest, None
        if self.root is None:
            self.root = _checkpoint_root(self.location)
        path = os.path.join(self.root, str(next(self.numbers)))
        try:
            store.backup(path)
        except (OSError, RuntimeError) as e:
            shutil.rmtree(path, ignore_errors=True)
            raise JejaringError(f"{self.location}: cannot make a checkpoint for the query worker: {e}") from None
        replaced, self.newest, self.files = self.newest, path, files
        return path, replaced

    def remove(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = self.newest = self.files = None


def _store_files(location: str) -> frozenset:
    """Names, inodes, sizes and modification times of a store's files: a write, flush or compaction changes them."""
    files = set()
    with os.scandir(location) as entries:
        for entry in entries:
            if entry.name.startswith(_UNWATCHED):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:  # removed by a compaction as we looked
                files.add((entry.name, None))
                continue
            files.add((entry.name, st.st_ino, st.st_size, st.st_mtime_ns))
    return frozenset(files)


def _checkpoint_root(location: str) -> str:
    """A new temporary directory for a store's checkpoints, beside it; those left by dead processes are removed."""
    parent, name = os.path.split(location)
    prefix = f".{name}.jejaring-query-"
    try:
        with os.scandir(parent) as entries:
            for entry in entries:
                pid = entry.name[len(prefix):].split("-", 1)[0]
                if entry.name.startswith(prefix) and pid.isdigit() and not _alive(int(pid)):
                    shutil.rmtree(entry.path, ignore_errors=True)
        return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent)
    except OSError:
        return tempfile.mkdtemp(prefix=f"jejaring-query-{os.getpid()}-")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


#: The least memory limit a worker can start with: the interpreter, pyoxigraph and a small graph take about 100 MB.
MIN_WORKER_MEMORY = 128 * 2**20


class _Worker:
    """One query worker (a :class:`~jejaring.workers.Worker`) and ``source``, the graph it has open."""

    def __init__(self, max_memory: int | None = None) -> None:
        self.max_memory = max_memory
        try:
            self.process = Worker(_start, max_memory=max_memory)
        except OSError as e:
            raise JejaringError(f"cannot start a query worker: {e}") from None
        self.source: tuple[str, str] | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.alive()

    def run(self, source: tuple[str, str], dump: bytes | None, query: tuple | None,
            timeout: float | None) -> QueryResult | None:
        """Open ``source`` (unless open already), then run ``query``: (SPARQL, substitutions, max rows)."""
        if source != self.source:
            self.source = None
            late = JejaringError(f"the query worker did not open the graph within {_START_LIMIT:g} s")
            try:
                self._answer(None, _START_LIMIT, late)  # its start-up: the interpreter and the imports
                status, value = self._answer(("open", source, dump), _START_LIMIT, late)
            except QueryMemoryError:
                raise JejaringError(f"the query worker cannot open the graph within its {_size(self.max_memory or 0)} "
                                    "of memory; allow more (--max-memory)") from None
            if status == "failed":
                raise JejaringError(value)
            self.source = source
        if query is None:
            return None
        status, value = self._answer(("query", query), timeout, QueryTimeout(
            f"the query ran past the time limit of {timeout:g} s and was stopped; "
            "narrow it (LIMIT, more specific patterns) or allow more time"))
        if status == "error":
            raise QueryError(value)
        if status == "memory":
            raise self._memory_error()
        return value

    def _memory_error(self) -> QueryMemoryError:
        return QueryMemoryError(f"the query needed more than the {_size(self.max_memory or 0)} of memory a query "
                                "worker may use and was stopped; narrow it (LIMIT, more specific patterns, no "
                                "ORDER BY over a large result) or allow more (--max-memory)")

    def _answer(self, message: tuple | None, limit: float, late: JejaringError):
        """Send ``message`` and wait for the answer (None: wait for the start-up to be done)."""
        try:
            if message is None:
                return self.process.wait_ready(limit)
            self.process.send(message)
            return self.process.receive(limit)
        except WorkerTimeout:
            raise late from None
        except WorkerDied as e:  # the worker died, or was killed by close()
            if self.max_memory and e.exit_code == -signal.SIGABRT:  # Rust aborts when an allocation fails
                raise self._memory_error() from None
            raise JejaringError(f"the query worker stopped without an answer (exit code {e.exit_code})") from None

    def kill(self) -> None:
        self.process.kill()


def parse_size(text: str) -> int | None:
    """A memory size such as ``1G``, ``512M``, ``1.5GB`` or a number of bytes; None for ``0`` or ``none`` (no limit).

    Raises
    ------
    InputError
        Not a size.

    >>> parse_size("1G"), parse_size("512mb"), parse_size("0"), parse_size("2048")
    (1073741824, 536870912, None, 2048)
    """
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)i?b?\s*", text.lower())
    if text.strip().lower() == "none" or (m and float(m.group(1)) == 0):
        return None
    if not m:
        raise InputError(f"{text!r} is not a memory size: give 1G, 512M, 1.5G or a number of bytes (0 for no limit)")
    return int(float(m.group(1)) * 1024 ** "_kmgt".index(m.group(2) or "_"))


def _size(n: int) -> str:
    """A number of bytes as people write it.

    >>> _size(2**30), _size(512 * 2**20), _size(1536 * 2**20)
    ('1 GB', '512 MB', '1.5 GB')
    """
    return f"{n / 2**30:g} GB" if n >= 2**30 else f"{n / 2**20:g} MB"


def _start() -> Callable[[tuple], tuple[str, object]]:
    """A query worker's start-up: it answers ``("open", source, dump)`` with ``("started", None)`` (or
    ``("failed", why)``), then ``("query", (SPARQL, substitutions, max rows))`` with its result."""
    graph: _OpenGraph | None = None

    def handle(message: tuple) -> tuple[str, object]:
        nonlocal graph
        if message[0] == "open":
            graph = None
            try:
                graph = _OpenGraph(_open(*message[1:]))
            except Exception as e:
                return "failed", f"the query worker cannot open the graph: {type(e).__name__}: {e}"
            return "started", None
        sparql, substitutions, max_rows = message[1]
        try:
            return "ok", evaluate(graph, sparql, substitutions, max_rows)
        except MemoryError:
            return "memory", None
        except JejaringError as e:
            return "error", str(e)
        except Exception as e:  # the worker must always answer, or the caller waits for nothing
            return "error", f"the query failed: {type(e).__name__}: {e}"

    return handle


def _open(source: tuple[str, str], dump: bytes | None) -> ox.Store:
    kind, where = source
    if kind == "directory":
        return ox.Store.read_only(where)
    # The dump lists the quads newest first; adding them oldest first rebuilds the same store, whose
    # queries then give their rows in the same order as the original's.
    store = ox.Store()
    store.extend(reversed(list(ox.parse(dump or b"", ox.RdfFormat.N_QUADS))))
    return store


class _OpenGraph:
    """A worker's graph, queried as :meth:`KnowledgeGraph.query` does (the default graph, which holds the union;
    terms bound)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, sparql: str, substitutions: dict | None = None):
        try:
            return self.store.query(sparql, substitutions=substitutions or {})
        except SyntaxError as e:
            raise InputError(f"the SPARQL query does not parse: {e}") from None


