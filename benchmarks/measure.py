"""Measuring for the benchmarks: timing helpers, one process runner with peak memory, one table.

``time_runs`` repeats a call and returns its timings, ``time_pair`` times two calls in turn; ``run_process``
runs a command and samples the resident memory of its whole process tree; :class:`Table` collects rows and
prints them as Markdown.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

#: Seconds between two samples of a process tree's memory.
POLL = 0.05


class OverBudget(Exception):
    """A call ran past its time budget and was interrupted."""


@dataclass
class Timings:
    """The seconds each run took, whether a run was stopped at the budget, and what the last run returned."""

    runs: list[float] = field(default_factory=list)
    over: float | None = None
    result: object = None

    @property
    def p50(self) -> float:
        """The median run, or the budget when a run went over it."""
        return self.over if self.over is not None else statistics.median(self.runs)

    @property
    def p95(self) -> float:
        """The 95th percentile run (the slowest when there are few), or the budget when a run went over it."""
        if self.over is not None:
            return self.over
        ordered = sorted(self.runs)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def show(self, value: float) -> str:
        """A duration for the table: ``>N`` when the budget stopped a run."""
        return f">{value:g}" if self.over is not None else seconds(value)


@contextlib.contextmanager
def _alarm(budget: float | None) -> Iterator[None]:
    """Interrupt pure-Python work in this (main) thread after ``budget`` seconds."""
    if budget is None:
        yield
        return

    def stop(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def time_runs(call: Callable[[], object], *, reps: int, budget: float, stop_after: float | None = None) -> Timings:
    """Time ``call`` up to ``reps`` times, fewer once the runs took ``budget`` seconds in all (at least one).

    With ``stop_after``, a run longer than that is interrupted (Python code only; see :func:`_alarm`) and
    reported as over budget, and no more runs are made.
    """
    t = Timings()
    while len(t.runs) < reps and (not t.runs or sum(t.runs) < budget):
        if not _timed(t, call, stop_after):
            break
    return t


def time_pair(first: Callable[[], object], second: Callable[[], object], *, reps: int,
              budget: float) -> tuple[Timings, Timings]:
    """Time two calls in turn (first, second, first, ...) up to ``reps`` times each, fewer once each took
    ``budget`` seconds on average: a ratio between them is then not biased by caches that whichever runs
    first warms for the other.
    """
    a, b = Timings(), Timings()
    while len(a.runs) < reps and (not a.runs or sum(a.runs) + sum(b.runs) < 2 * budget):
        _timed(a, first)
        _timed(b, second)
    return a, b


def _timed(t: Timings, call: Callable[[], object], stop_after: float | None = None) -> bool:
    """Run ``call`` once, adding its time (or its going over ``stop_after``) to ``t``; False if it went over."""
    start = time.perf_counter()
    try:
        with _alarm(stop_after):
            t.result = call()
    except OverBudget:
        t.over = stop_after
        return False
    t.runs.append(time.perf_counter() - start)
    return True


@dataclass(frozen=True)
class ProcessRun:
    """A finished command: wall time, peak resident memory of its process tree, exit code and output."""

    seconds: float
    peak_rss: int
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def run_process(cmd: list[str], *, timeout: float | None = None, env: dict[str, str] | None = None) -> ProcessRun:
    """Run ``cmd``, sampling the summed RSS of it and its children every :data:`POLL` seconds.

    Raises ``subprocess.TimeoutExpired`` (after killing the process group) when ``timeout`` passes.
    """
    start = time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True, env=env) as popen:
        proc = psutil.Process(popen.pid)
        peak = 0
        out: list[str] = []
        with _drain(popen, out):
            while popen.poll() is None:
                with contextlib.suppress(psutil.Error):
                    peak = max(peak, _tree_rss(proc))
                if timeout is not None and time.perf_counter() - start > timeout:
                    os.killpg(popen.pid, signal.SIGKILL)
                    popen.wait()
                    raise subprocess.TimeoutExpired(cmd, timeout)
                time.sleep(POLL)
        elapsed = time.perf_counter() - start
    return ProcessRun(elapsed, peak, popen.returncode, out[0], out[1])


@contextlib.contextmanager
def _drain(popen: subprocess.Popen, out: list[str]) -> Iterator[None]:
    """Read the command's stdout and stderr in threads, so that full pipes never block it."""
    texts: dict[str, str] = {}
    threads = [threading.Thread(target=lambda n=n, f=f: texts.__setitem__(n, f.read()), daemon=True)
               for n, f in (("out", popen.stdout), ("err", popen.stderr))]
    for t in threads:
        t.start()
    try:
        yield
    finally:
        for t in threads:
            t.join()
        out[:] = [texts.get("out", ""), texts.get("err", "")]


def disk_size(path: str | Path) -> int:
    """Bytes of a file, or of every file under a folder."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def seconds(value: float) -> str:
    """A duration with three significant digits."""
    return f"{value:.3g}"


def megabytes(size: int) -> str:
    """A size in MB with one decimal."""
    return f"{size / 1e6:.1f} MB"


@dataclass
class Table:
    """The benchmark's one table: a row per measurement, with its targets and whether they were met."""

    COLUMNS = ("section", "benchmark", "size", "seconds", "details", "target", "met")
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, section: str, benchmark: str, size: str, secs: str, details: str = "",
            checks: list[tuple[str, bool]] | tuple = ()) -> None:
        """Add a row; ``checks`` are (target, met) pairs: "yes" when all are met, else "no" and which missed."""
        target = "; ".join(t for t, _ in checks)
        missed = [t for t, ok in checks if not ok]
        met = "" if not checks else "yes" if not missed else f"no ({'; '.join(missed)})"
        self.rows.append((section, benchmark, size, secs, details, target, met))
        print("| " + " | ".join(self.rows[-1]) + " |", file=sys.stderr, flush=True)  # kept if a long run stops

    def markdown(self) -> str:
        """The table as Markdown (``|`` inside cells escaped)."""
        def line(cells) -> str:
            return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

        return "\n".join([line(self.COLUMNS), "|" + "|".join("---" for _ in self.COLUMNS) + "|",
                          *(line(r) for r in self.rows)]) + "\n"
