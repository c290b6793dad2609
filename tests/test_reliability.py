"""Nothing is lost when an ingest is killed, the disk fills up, or someone queries during an ingest.

The kill trials are a small run of ``benchmarks/kill_ingest.py`` (the full one, 1,000 documents and 20
trials, gives the figures in the README); the full disk is a real size-limited file system (tmpfs).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jejaring.graph.store import open_graph
from jejaring.graph.store.local import union_is_kept
from jejaring.graph.store.meta import unfinished_documents

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
JEJARING = [sys.executable, "-m", "jejaring"]


def _kill_script():
    spec = importlib.util.spec_from_file_location("kill_ingest", ROOT / "benchmarks" / "kill_ingest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_ingest_killed_at_random_points_loses_nothing(tmp_path):
    trials = _kill_script().run_trials(docs=30, trials=4, work=tmp_path, seed=3, jobs=2)
    assert [t.signal for t in trials] == ["SIGINT", "SIGKILL", "SIGINT", "SIGKILL"]
    for t in trials:
        assert t.unfinished == 0, t  # every document graph whole or absent
        assert t.rerun_exit_code == 0, t
        assert t.identical, t  # the same graph as the uninterrupted run
        assert t.union_kept, t  # the default graph held the union, after the stop and after the re-run
    assert {t.exit_code for t in trials if t.signal == "SIGINT"} <= {0, 130}


@pytest.fixture
def small_disk(tmp_path):
    """A 48 MB file system of its own (tmpfs), so that filling it is a real full disk."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a size-limited tmpfs needs root: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path, leave: int) -> Path:
    """Fill the file system ``folder`` is on until ``leave`` bytes are free."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with open(filler, "wb") as fh:
        fh.truncate(0)
        chunk = b"\0" * (1 << 20)
        while free - fh.tell() > leave + len(chunk):
            fh.write(chunk)
        fh.write(b"\0" * max(0, free - fh.tell() - leave))
    return filler


@pytest.mark.slow
def test_a_full_disk_is_a_clear_error_and_the_store_stays_whole(tmp_path, small_disk):
    store = small_disk / "graph"
    ok = subprocess.run([*JEJARING, "ingest", str(EXAMPLES / "curated"), "-g", str(store), "-q"], capture_output=True)
    assert ok.returncode == 0, ok.stderr
    corpus = tmp_path / "corpus"
    for i in range(3):
        shutil.copytree(EXAMPLES / "corpus", corpus / f"copy-{i}")
    filler = _fill(small_disk, leave=256 * 1024)
    full = subprocess.run([*JEJARING, "ingest", str(corpus), "-g", str(store), "-q"], capture_output=True, text=True)
    assert full.returncode in (1, 2)
    assert "Traceback" not in full.stderr
    assert "No space left on device" in full.stderr or "cannot write" in full.stderr
    assert len(full.stderr.strip().splitlines()) == 1, full.stderr
    filler.unlink()
    with open_graph(store, create=False) as kg:
        assert unfinished_documents(kg) == []
        assert union_is_kept(kg)
        assert {"seoul-visit.yaml", "stakeholders.csv"} <= {d.identity for d in kg.documents()}
    again = subprocess.run([*JEJARING, "ingest", str(corpus), "-g", str(store), "-q"], capture_output=True)
    assert again.returncode == 0, again.stderr
    reference = tmp_path / "reference"
    subprocess.run([*JEJARING, "ingest", str(EXAMPLES / "curated"), str(corpus), "-g", str(reference), "-q"], check=True)
    with open_graph(store, create=False) as kg, open_graph(reference, create=False) as ref:
        assert kg.comparable_quads() == ref.comparable_quads()
        assert union_is_kept(kg)


#: Documents whose graph is not whole (a count that differs from the one recorded when it was written).
_UNFINISHED = """SELECT ?doc WHERE {
  GRAPH <https://w3id.org/jejaring/graph/meta> { ?doc <http://rdfs.org/ns/void#triples> ?size }
  { SELECT ?doc (COUNT(*) AS ?n) WHERE { GRAPH ?doc { ?s ?p ?o } } GROUP BY ?doc }
  FILTER (?n != ?size) }"""


@pytest.mark.slow
def test_a_query_during_an_ingest_is_answered_consistently_or_told_busy(tmp_path):
    corpus = tmp_path / "corpus"
    for i in range(4):
        shutil.copytree(EXAMPLES / "corpus", corpus / f"copy-{i}")
    store = tmp_path / "graph"
    env = {**os.environ, "JEJARING_CACHE": str(tmp_path / "cache")}  # a cold cache: a longer ingest
    ingest = subprocess.Popen([*JEJARING, "ingest", str(corpus), "-g", str(store), "-q"], env=env,
                              stderr=subprocess.PIPE, text=True)
    answers, busy = 0, 0
    while ingest.poll() is None:
        if not store.exists():
            time.sleep(0.05)
            continue
        q = subprocess.run([*JEJARING, "query", "-e", _UNFINISHED, "-g", str(store), "-f", "json"],
                           capture_output=True, text=True)
        assert "Traceback" not in q.stderr
        if q.returncode == 0:
            answers += 1
            assert json.loads(q.stdout)["results"]["bindings"] == []  # a consistent state: every graph whole
        else:
            assert q.returncode == 2 and "busy" in q.stderr, q.stderr
            busy += 1
    assert ingest.wait() == 0, ingest.stderr.read()
    assert busy + answers > 0
    final = subprocess.run([*JEJARING, "query", "-e", _UNFINISHED, "-g", str(store), "-f", "json"],
                           capture_output=True, text=True, check=True)
    assert json.loads(final.stdout)["results"]["bindings"] == []
    with open_graph(store, create=False) as kg:
        assert len(kg.documents()) == 32
