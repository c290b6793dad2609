"""The benchmark's smoke run (issue 8): the smallest sizes, checked for shape, never for speed."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from measure import time_pair

from jejaring.graph.views.export import WRITERS
from jejaring.queries import list_queries

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> list[list[str]]:
    """The table rows of ``benchmarks/run.py --sizes smoke``, as lists of cells."""
    work = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "smoke", "--work",
                           str(work)], capture_output=True, text=True, timeout=600, cwd=ROOT, check=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert lines[0].split(" | ")[0] == "| section"
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]


@pytest.mark.slow
def test_benchmarks_smoke_has_every_section(rows):
    assert {r[0] for r in rows} == {"ingest", "queries", "network", "export"}


@pytest.mark.slow
def test_benchmarks_smoke_has_every_query_and_export_format(rows):
    benchmarks = {r[1] for r in rows}
    assert {q.name for q in list_queries()} <= benchmarks
    assert {b.split()[2] for b in benchmarks if b.startswith("export -f ")} == set(WRITERS)
    assert "stats" in benchmarks
    assert "one more document, into the store of the run above" in benchmarks


@pytest.mark.slow
def test_benchmarks_smoke_numbers_parse(rows):
    for section, benchmark, size, secs, *_ in rows:
        if secs != "n/a":
            assert float(secs.lstrip(">")) >= 0, (section, benchmark)
        assert int(size.split()[0].replace(",", "")) > 0


def test_time_pair_alternates_and_stops_at_the_budget():
    calls = []
    first, second = time_pair(lambda: calls.append("a"), lambda: calls.append("b"), reps=3, budget=10)
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert len(first.runs) == len(second.runs) == 3
    slow = time_pair(lambda: time.sleep(0.02), lambda: None, reps=50, budget=0.01)[0]
    assert len(slow.runs) == 1
