"""The worker-process mechanism (jejaring.workers): one worker's start-up, answers, limits and death, and
run_tasks's batches (results by task, failures reported, dead and overrunning workers replaced). Its uses are
tested with them: extraction in tests/ingest/test_parallel.py, queries in tests/graph/sparql/."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jejaring.workers import TaskFailed, Worker, WorkerDied, WorkerTimeout, run_tasks

#: Start-ups run in this worker process (a module global: each worker has its own).
STARTS = 0


def square_or_fail(task, offset):
    """A task for the pool: sleeps when asked, dies when asked, gives its process id, fails on negatives."""
    if task == "sleep":
        time.sleep(30)
    if task == "die":
        os._exit(3)
    if task == "pid":
        return os.getpid()
    if task < 0:
        raise ValueError("negative")
    return task * task + offset


def note_pid(task, folder):
    """A task that leaves its process id in ``folder`` first, then sleeps when asked."""
    Path(folder, str(os.getpid())).touch()
    if task == "sleep":
        time.sleep(30)
    return os.getpid()


def counting_start(reply):
    """A start-up that counts itself; its handler answers with the process id, the count, and what it was sent."""
    global STARTS
    STARTS += 1
    return lambda message: (os.getpid(), STARTS, reply, message)


def act_start():
    """A start-up whose handler sleeps, dies, or allocates as asked."""

    def handle(message):
        kind, amount = message
        if kind == "sleep":
            time.sleep(amount)
        elif kind == "die":
            os._exit(amount)
        elif kind == "allocate":
            try:
                block = bytearray(amount)
            except MemoryError:
                return "out of memory"
            return f"allocated {len(block) >> 20} MB"
        return "done"

    return handle


@pytest.fixture
def worker_of():
    started: list[Worker] = []

    def start(*args, **kwargs) -> Worker:
        started.append(Worker(*args, **kwargs))
        return started[-1]

    yield start
    for worker in started:
        worker.kill()


def test_workers_start_up_runs_once_then_every_message_is_answered_in_the_worker(worker_of):
    worker = worker_of(counting_start, "hello")
    worker.wait_ready(60)
    answers = []
    for message in ("a", "b", "c"):
        worker.send(message)
        answers.append(worker.receive(60))
    assert answers == [(worker.pid, 1, "hello", m) for m in ("a", "b", "c")]
    assert worker.pid != os.getpid()


def test_workers_a_worker_past_the_time_given_is_left_running_for_the_caller_to_kill(worker_of):
    worker = worker_of(act_start)
    worker.wait_ready(60)
    worker.send(("sleep", 30))
    with pytest.raises(WorkerTimeout):
        worker.receive(0.5)
    assert worker.alive()
    worker.kill()
    assert not worker.alive()


def test_workers_a_worker_that_dies_is_reported_with_its_exit_code(worker_of):
    worker = worker_of(act_start)
    worker.wait_ready(60)
    worker.send(("die", 3))
    with pytest.raises(WorkerDied) as died:
        worker.receive(60)
    assert died.value.exit_code == 3 and "stopped unexpectedly (exit code 3)" in str(died.value)


def test_workers_ctrl_c_is_for_the_parent_not_the_workers(worker_of):
    worker = worker_of(act_start)
    worker.wait_ready(60)
    os.kill(worker.pid, signal.SIGINT)
    worker.send(("sleep", 0))
    assert worker.receive(60) == "done"


@pytest.mark.parametrize(("max_memory", "answer"), [(None, "allocated 512 MB"), (256 * 2**20, "out of memory")])
def test_workers_a_memory_limit_makes_larger_allocations_fail_in_the_worker(worker_of, max_memory, answer):
    worker = worker_of(act_start, max_memory=max_memory)
    worker.wait_ready(60)
    worker.send(("allocate", 512 * 2**20))
    assert worker.receive(60) == answer


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_tasks_returns_every_result_by_index(jobs):
    results = dict(run_tasks(square_or_fail, [1, 2, 3, -1, 5], 10, jobs=jobs, time_limit=20 if jobs > 1 else None))
    assert [results[i] for i in (0, 1, 2, 4)] == [11, 14, 19, 35]
    assert isinstance(results[3], TaskFailed) and "negative" in str(results[3])


def test_run_tasks_stops_a_task_past_the_time_limit_and_goes_on():
    started = time.monotonic()
    results = dict(run_tasks(square_or_fail, [2, "sleep", 3, 4], 0, jobs=2, time_limit=2))
    assert isinstance(results[1], TaskFailed) and "time limit" in str(results[1])
    assert [results[i] for i in (0, 2, 3)] == [4, 9, 16]
    assert time.monotonic() - started < 25  # the sleeping task (30 s) was stopped, not waited for


def test_run_tasks_reports_a_worker_that_dies_and_replaces_it():
    results = dict(run_tasks(square_or_fail, ["pid", "die", 2, "pid"], 0, jobs=1, time_limit=20))
    assert isinstance(results[1], TaskFailed) and "stopped unexpectedly" in str(results[1])
    assert results[2] == 4
    assert results[0] != results[3] and os.getpid() not in (results[0], results[3])  # a new worker took over


def test_run_tasks_keeps_its_workers_for_the_next_batch():
    first = set(dict(run_tasks(square_or_fail, ["pid"] * 4, 0, jobs=2, time_limit=20)).values())
    second = set(dict(run_tasks(square_or_fail, ["pid"] * 4, 1, jobs=2, time_limit=20)).values())
    assert first == second and len(first) == 2 and os.getpid() not in first


def test_run_tasks_starts_new_workers_where_the_directory_or_environment_changed(tmp_path, monkeypatch):
    first = set(dict(run_tasks(square_or_fail, ["pid"] * 2, 0, jobs=2, time_limit=20)).values())
    monkeypatch.chdir(tmp_path)  # a task may name a file relative to it
    moved = set(dict(run_tasks(square_or_fail, ["pid"] * 2, 0, jobs=2, time_limit=20)).values())
    monkeypatch.setenv("JEJARING_CACHE", "off")
    changed = set(dict(run_tasks(square_or_fail, ["pid"] * 2, 0, jobs=2, time_limit=20)).values())
    assert not first & moved and not moved & changed and not first & changed


def test_run_tasks_kills_the_workers_of_a_batch_stopped_in_the_middle(tmp_path):
    batch = run_tasks(note_pid, ["pid", "sleep"], str(tmp_path), jobs=2, time_limit=60)
    _, kept = next(batch)
    while len(list(tmp_path.iterdir())) < 2:  # the other worker has begun its sleep
        time.sleep(0.05)
    (sleeper,) = {int(p.name) for p in tmp_path.iterdir()} - {kept}
    batch.close()  # as a KeyboardInterrupt in the caller does
    with pytest.raises(ProcessLookupError):
        os.kill(sleeper, 0)  # killed and reaped
    later = set(dict(run_tasks(square_or_fail, ["pid"] * 4, 0, jobs=2, time_limit=20)).values())
    assert kept in later and sleeper not in later


def test_run_tasks_from_a_script_without_a_main_guard(tmp_path):
    script = tmp_path / "script.py"
    script.write_text("from jejaring.workers import run_tasks\n"
                      "print(sorted(run_tasks(divmod, [7, 9], 4, jobs=2, time_limit=60)))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert (done.returncode, done.stdout) == (0, "[(0, (1, 3)), (1, (2, 1))]\n")
