"""Extraction in worker processes: ``jobs`` documents at a time, each within a time limit.

The parent (the one writer) hands each worker one task at a time and waits; a worker that passes the
time limit is killed and replaced, and its document is reported as failed, so one pathological file
never hangs a batch. Workers start from a fork server (a clean process, never a fork of one holding the
store) and ignore Ctrl-C, which the parent handles.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

__all__ = ["TaskFailed", "run_tasks"]

_START_LIMIT = 120.0  # seconds a worker process may take to start


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
    process died, or it ran past ``time_limit`` seconds. ``shared`` (e.g. the lexicon) goes to each
    worker once. With one job and no time limit the work runs in this process.

    >>> sorted(run_tasks(divmod, [7, 9], 4))
    [(0, (1, 3)), (1, (2, 1))]
    """
    if jobs <= 1 and time_limit is None:
        for index, task in enumerate(tasks):
            yield index, _attempt(work, task, shared)
        return
    pool = _Pool(work, shared, max(1, min(jobs, len(tasks))))
    try:
        yield from pool.run(tasks, time_limit)
    finally:
        pool.close()


def _attempt(work: Callable[[Any, Any], Any], task: Any, shared: Any) -> Any:
    try:
        return work(task, shared)
    except Exception as e:  # one bad document must not stop the batch: it is reported instead
        return TaskFailed(str(e) if isinstance(e, TaskFailed) else f"extraction failed ({type(e).__name__}: {e})")


def _serve(conn: Connection, work: Callable[[Any, Any], Any], shared: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn.send("ready")
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(_attempt(work, task, shared))


class _Worker:
    def __init__(self, context, work: Callable[[Any, Any], Any], shared: Any) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work, shared), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def wait_ready(self) -> None:
        """Block until the worker has started (imports, the shared data): the time limit starts after."""
        if not (self.conn.poll(_START_LIMIT) and self.conn.recv() == "ready"):
            raise OSError("an extraction worker process did not start")

    def give(self, index: int, task: Any) -> None:
        self.task, self.started = index, time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
                self.process.join(timeout=5)
            except (OSError, ValueError):
                pass
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, work: Callable[[Any, Any], Any], shared: Any, size: int) -> None:
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload([work.__module__])  # imported once, in the server
        self.work, self.shared = work, shared
        self.workers = [_Worker(self.context, work, shared) for _ in range(size)]
        for worker in self.workers:
            worker.wait_ready()

    def run(self, tasks: Sequence[Any], time_limit: float | None) -> Iterator[tuple[int, Any]]:
        queue = deque(enumerate(tasks))
        while queue or any(w.task is not None for w in self.workers):
            for worker in self.workers:
                if worker.task is None and queue:
                    worker.give(*queue.popleft())
            busy = {w.conn: w for w in self.workers if w.task is not None}
            timeout = None
            if time_limit is not None:
                timeout = max(0.0, min(w.started for w in busy.values()) + time_limit - time.monotonic())
            for conn in wait(list(busy), timeout):
                worker = busy[conn]
                try:
                    result = conn.recv()
                except (EOFError, OSError):
                    result = TaskFailed("the extraction process stopped unexpectedly")
                    self._replace(worker)
                index, worker.task = worker.task, None
                yield index, result
            if time_limit is not None:
                for worker in self.workers:
                    if worker.task is not None and time.monotonic() - worker.started > time_limit:
                        index = worker.task
                        self._replace(worker)
                        yield index, TaskFailed(f"took longer than the time limit of {time_limit:g} s; skipped")

    def _replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        fresh = _Worker(self.context, self.work, self.shared)
        fresh.wait_ready()
        self.workers[self.workers.index(worker)] = fresh

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)
