"""Worker processes, the one mechanism behind extraction in parallel (:func:`run_tasks`) and queries with a
time limit (:class:`~jejaring.graph.sparql.workers.QueryWorkers`).

A :class:`Worker` is a fresh interpreter, never a fork of this process: this process may hold an embedded
store, whose RocksDB background threads may hold a mutex at any moment; a forked child inherits that mutex
locked, with no thread left to release it, and hangs (as can a fork of any process with threads, such as the
endpoint's). It is started by :mod:`subprocess` (whose child only calls ``exec`` after the fork, which is safe
with threads), not by multiprocessing's ``spawn`` or ``forkserver``, which import the main script again in the
worker when it lacks an ``if __name__ == "__main__"`` guard.

Each use gives the worker its start-up, a function run once in the worker that returns the handler of each
message, and the worker answers every message with what the handler returns: a query worker's handler opens a
graph, then runs queries on it; a batch worker's takes a batch's work and shared data (the lexicon: the model
it loads stays loaded for the next batch), then its tasks. Every worker ignores Ctrl-C (the parent handles it
and stops its workers), may run under a memory limit, and exits when its parent is gone, even in the middle of
a task.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from jejaring.errors import JejaringError

__all__ = ["TaskFailed", "Worker", "WorkerDied", "WorkerTimeout", "run_tasks"]

#: How a worker starts: this interpreter, with this process's module path, running :func:`_serve`; Ctrl-C is
#: ignored before anything else, so that one pressed while workers start does not print their tracebacks.
_BOOT = ("import json, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); sys.path[:] = json.loads(sys.argv[1]); "
         "from jejaring.workers import _serve; _serve(int(sys.argv[2]), int(sys.argv[3]))")
#: The first answer of every worker: its start-up is done.
_READY = "ready"
#: Seconds an extraction worker may take to start (an interpreter, the imports, the lexicon and model).
_START_LIMIT = 120.0


class WorkerDied(Exception):
    """A worker process stopped without answering; ``exit_code`` is its exit code (negative: the signal), if known."""

    def __init__(self, exit_code: int | None) -> None:
        super().__init__(f"the worker process stopped unexpectedly (exit code {exit_code})")
        self.exit_code = exit_code


class WorkerTimeout(Exception):
    """A worker did not answer within the time given; it is left running, for the caller to kill."""


class Worker:
    """One worker process and this end of its channel.

    ``start(*args)`` runs once in the worker and returns the handler that answers each message :meth:`send`
    gives it; ``start`` must be a module-level function (it is sent by name) and ``args`` picklable. With
    ``max_memory`` (bytes) the worker runs under that limit on the memory it allocates (``RLIMIT_DATA`` on
    Linux: its heap and private mappings); an allocation past it fails in the worker. Its standard input is a
    pipe this process never writes to: it ends when this process does, and the worker exits then. ``context`` is
    what it took from this process as it started (module path, working directory, environment).
    """

    def __init__(self, start: Callable[..., Callable[[Any], Any]], *args: Any, max_memory: int | None = None) -> None:
        mine, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, json.dumps(sys.path), str(theirs.fileno()), str(max_memory or 0)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, pass_fds=(theirs.fileno(),),
            )
        except OSError:
            mine.close()
            raise
        finally:
            theirs.close()
        self.conn = Connection(mine.detach())
        self.context = _context()
        self.ready = False
        self.send((start, args))

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, message: Any) -> None:
        """Give the worker a message; :class:`WorkerDied` if it is gone."""
        try:
            self.conn.send(message)
        except OSError:
            raise WorkerDied(self.process.poll()) from None

    def wait_ready(self, limit: float | None) -> None:
        """Block until the worker's start-up is done (at once if it was); time limits on its tasks start after."""
        if not self.ready:
            self.receive(limit)
            self.ready = True

    def receive(self, limit: float | None) -> Any:
        """The worker's next answer: :class:`WorkerTimeout` when none comes within ``limit`` seconds (None: no
        limit), :class:`WorkerDied` when the worker stopped (it died, or was killed)."""
        try:
            if self.conn.poll(limit):
                return self.conn.recv()
        except (EOFError, OSError):
            try:
                code = self.process.wait(1)
            except subprocess.TimeoutExpired:
                code = None
            raise WorkerDied(code) from None
        raise WorkerTimeout(f"no answer within {limit:g} s")

    def kill(self) -> None:
        """Stop the worker at once (an idle worker holds nothing to save) and release its channel."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.process.stdin.close()
        self.conn.close()


def _context() -> tuple:
    """What a new worker takes from this process as it starts: the module path, the working directory (relative
    paths in tasks) and the environment (settings such as ``JEJARING_CACHE``)."""
    try:
        cwd = os.getcwd()
    except OSError:  # removed: a worker started now inherits the same
        cwd = None
    return tuple(sys.path), cwd, tuple(sorted(os.environ.items()))


def _serve(channel: int, max_memory: int) -> None:
    """A worker's life: its limits, its start-up (the first message), then an answer to every message."""
    if max_memory:
        _limit_memory(max_memory)
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    conn = Connection(channel)
    start, args = conn.recv()
    handle = start(*args)
    conn.send(_READY)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(handle(message))


def _limit_memory(max_memory: int) -> None:
    """Limit the memory this process may allocate (heap and private mappings), where the system allows it."""
    try:
        import resource
    except ImportError:  # not a Unix system: no limit
        return
    limit = getattr(resource, "RLIMIT_DATA", None) or resource.RLIMIT_AS
    resource.setrlimit(limit, (max_memory, max_memory))


def _exit_with_parent() -> None:
    """Stop the worker, even in the middle of a task, when its parent is gone (its end of stdin closes)."""
    while os.read(0, 1024):
        pass
    os._exit(0)


# -- a batch of tasks over a fixed number of workers -----------------------------------------------------------
class TaskFailed(Exception):
    """A task that raised an error, died or ran out of time: the one-line reason is its message."""


def run_tasks(
    work: Callable[[Any, Any], Any],
    tasks: Sequence[Any],
    shared: Any,
    *,
    jobs: int = 1,
    time_limit: float | None = None,
) -> Iterator[tuple[int, Any]]:
    """Run ``work(task, shared)`` for every task; yield ``(index, result)`` as each finishes.

    ``result`` is what ``work`` returned, or a :class:`TaskFailed` when it raised an exception, its
    process died, or it ran past ``time_limit`` seconds (the process is killed and replaced). ``shared``
    (e.g. the lexicon) goes to each worker once per batch. Workers are kept for the next batch (their imports
    and caches, such as a loaded model, stay). With one job and no time limit the work runs in this process.

    >>> sorted(run_tasks(divmod, [7, 9], 4))
    [(0, (1, 3)), (1, (2, 1))]
    """
    if jobs <= 1 and time_limit is None:
        for index, task in enumerate(tasks):
            yield index, _attempt(work, task, shared)
        return
    if not tasks:
        return
    pool = _Batch(work, shared, max(1, min(jobs, len(tasks))))
    try:
        yield from pool.run(tasks, time_limit)
    finally:
        pool.close()


def _attempt(work: Callable[[Any, Any], Any], task: Any, shared: Any) -> Any:
    try:
        return work(task, shared)
    except Exception as e:  # one bad document must not stop the batch: it is reported instead
        return e if isinstance(e, TaskFailed) else TaskFailed(f"failed ({type(e).__name__}: {e})")


def _batch_handler() -> Callable[[tuple], Any]:
    """A batch worker's start-up: none (the imports come with each batch's work); it answers ``("batch", (work,
    shared))`` by keeping them for the batch's ``("task", task)`` messages."""
    batch: tuple = ()

    def handle(message: tuple) -> Any:
        nonlocal batch
        kind, payload = message
        if kind == "batch":
            batch = payload
            return None
        work, shared = batch
        return _attempt(work, payload, shared)

    return handle


#: Batch workers that finished a batch, kept for the next (starting one costs an interpreter and the imports of
#: the work, about a second, and the work's caches, such as a loaded model, stay warm). A batch takes only those
#: started in the context it would start them in now (see :attr:`Worker.context`).
_IDLE: list[Worker] = []
_IDLE_LOCK = threading.Lock()


class _Batch:
    """``size`` workers, each running one task at a time; one that dies or runs out of time is replaced."""

    def __init__(self, work: Callable[[Any, Any], Any], shared: Any, size: int) -> None:
        self.batch = ("batch", (work, shared))
        with _IDLE_LOCK:
            context = _context()
            reused = [w for w in _IDLE if w.context == context and w.alive()][:size]
            for worker in _IDLE:
                if worker not in reused:
                    worker.kill()
            _IDLE.clear()
        self.workers = reused + [self._start() for _ in range(size - len(reused))]  # they start at once
        self.running: dict[Worker, tuple[int, float]] = {}  # worker -> (task index, when it was given)
        for worker in self.workers:
            self._prepare(worker)

    def run(self, tasks: Sequence[Any], time_limit: float | None) -> Iterator[tuple[int, Any]]:
        queue = deque(enumerate(tasks))
        while queue or self.running:
            for worker in self.workers:
                if worker not in self.running and queue:
                    index, task = queue.popleft()
                    self.running[worker] = index, time.monotonic()
                    with contextlib.suppress(WorkerDied):  # answered below, by the end of its channel
                        worker.send(("task", task))
            timeout = None
            if time_limit is not None:
                first = min(started for _, started in self.running.values())
                timeout = max(0.0, first + time_limit - time.monotonic())
            by_conn = {w.conn: w for w in self.running}
            for conn in wait(list(by_conn), timeout):
                worker = by_conn[conn]
                index, _ = self.running.pop(worker)
                try:
                    result = worker.receive(0)
                except WorkerDied as e:
                    result = TaskFailed(str(e))
                    self._replace(worker)
                yield index, result
            if time_limit is not None:
                for worker, (index, started) in list(self.running.items()):
                    if time.monotonic() - started > time_limit:
                        del self.running[worker]
                        self._replace(worker)
                        yield index, TaskFailed(f"took longer than the time limit of {time_limit:g} s; skipped")

    @staticmethod
    def _start() -> Worker:
        try:
            return Worker(_batch_handler)
        except OSError as e:
            raise JejaringError(f"cannot start a worker process: {e}") from None

    def _prepare(self, worker: Worker) -> None:
        """Wait for the worker's start-up, then give it the batch's work and shared data (time limits start after)."""
        try:
            worker.wait_ready(_START_LIMIT)
            worker.send(self.batch)
            worker.receive(_START_LIMIT)
        except (WorkerDied, WorkerTimeout) as e:
            raise JejaringError(f"a worker process did not start: {e}") from None

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        fresh = self._start()
        self._prepare(fresh)
        self.workers[self.workers.index(worker)] = fresh

    def close(self) -> None:
        """Keep the workers that finished their tasks for the next batch; kill those stopped in the middle of one."""
        with _IDLE_LOCK:
            for worker in self.workers:
                if worker in self.running or not worker.alive():
                    worker.kill()
                else:
                    _IDLE.append(worker)
