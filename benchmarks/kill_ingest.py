"""Kill an ingest at random points and check that nothing is lost.

Each trial starts from a store holding the first half of a generated corpus (so that the ingest both
adds documents and rewrites stored ones whose entities it merges) and runs ``jejaring ingest`` of the
whole corpus, stopped with SIGINT or SIGKILL (in turn) after a random delay within the time an
uninterrupted run takes; every other trial waits instead until the ingest starts writing (a new table
file appears in the store) and stops it a random 0-0.3 s later, to land inside the writes. Then:
the store must open, every document graph must be whole or absent (``unfinished_documents``), the same
``jejaring ingest`` must complete, and the final graph must equal the uninterrupted run's (every quad,
leaving out only run records and retired-IRI history). Prints one row per trial and a summary.

Example::

    python benchmarks/kill_ingest.py --docs 1000 --trials 20
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jejaring.graph.store import open_graph
from jejaring.graph.store.local import union_is_kept
from jejaring.graph.store.meta import unfinished_documents

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Trial:
    """What one interrupted ingest left, and whether running it again restored the whole graph."""

    signal: str
    moment: str
    exit_code: int
    documents_left: int
    unfinished: int
    rerun_exit_code: int
    identical: bool
    union_kept: bool

    @property
    def survived(self) -> bool:
        """The store opened whole, the ingest completed again, the final graph is the uninterrupted one, and
        the default graph held the union both times."""
        return self.unfinished == 0 and self.rerun_exit_code == 0 and self.identical and self.union_kept


def generate(docs: int, folder: Path, seed: int = 7) -> Path:
    """A generated corpus of ``docs`` documents (``generate_corpus.py``); returns its document folder."""
    subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), "-n", str(docs), "-o", str(folder),
                    "--seed", str(seed)], check=True, capture_output=True)
    return folder / "corpus"


def ingest_command(corpus: Path, store: Path, jobs: int) -> list[str]:
    """The ingest under test."""
    return [sys.executable, "-m", "jejaring", "ingest", str(corpus), "-g", str(store), "-q", "--jobs", str(jobs)]


def half_store(corpus: Path, work: Path, jobs: int) -> Path:
    """A store holding the first half of the corpus (same identities as the whole corpus gives them)."""
    half = work / "half" / corpus.name
    half.mkdir(parents=True)
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    for path in files[: len(files) // 2]:
        shutil.copy(path, half / path.name)
    subprocess.run(ingest_command(half, work / "half-store", jobs), check=True)
    return work / "half-store"


def reference(corpus: Path, seed_store: Path, work: Path, jobs: int) -> tuple[set, float]:
    """The uninterrupted run from the half store: its graph and how long it took."""
    shutil.copytree(seed_store, work / "reference")
    started = time.monotonic()
    subprocess.run(ingest_command(corpus, work / "reference", jobs), check=True)
    took = time.monotonic() - started
    with open_graph(work / "reference", create=False) as kg:
        return kg.comparable_quads(), took


def trial(corpus: Path, seed_store: Path, store: Path, expected: set, sig: signal.Signals, delay: float,
          jobs: int, at_write: bool = False) -> Trial:
    """From a copy of the half store, start an ingest, send ``sig`` after ``delay`` seconds (counted from
    its first write when ``at_write``), inspect the store, ingest again, compare."""
    shutil.copytree(seed_store, store)
    tables = _tables(store)
    process = subprocess.Popen(ingest_command(corpus, store, jobs), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, preexec_fn=_default_sigint)
    moment = f"{delay:.2f} s"
    if at_write:
        while process.poll() is None and _tables(store) <= tables:
            time.sleep(0.005)
        moment = f"first write + {delay:.2f} s"
    time.sleep(delay)
    process.send_signal(sig)
    code = process.wait()
    with open_graph(store) as kg:
        left = len(kg.documents())
        unfinished = len(unfinished_documents(kg))
        union = union_is_kept(kg)
    rerun = subprocess.run(ingest_command(corpus, store, jobs), capture_output=True)
    with open_graph(store, create=False) as kg:
        identical = kg.comparable_quads() == expected
        union = union and union_is_kept(kg)
    return Trial(sig.name, moment, code, left, unfinished, rerun.returncode, identical, union)


def _default_sigint() -> None:
    """A shell starts background jobs with SIGINT ignored, and the ingest would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _tables(store: Path) -> set[str]:
    return {p.name for p in store.glob("*.sst")}


def run_trials(docs: int, trials: int, work: Path, *, seed: int = 7, jobs: int = 2) -> list[Trial]:
    """``trials`` interrupted ingests of a ``docs``-document corpus, SIGINT and SIGKILL in turn."""
    corpus = generate(docs, work / "generated", seed)
    seed_store = half_store(corpus, work, jobs)
    expected, took = reference(corpus, seed_store, work, jobs)
    rng = random.Random(seed)
    out = []
    for i in range(trials):
        sig = signal.SIGINT if i % 2 == 0 else signal.SIGKILL
        store = work / f"trial-{i}"
        at_write = i % 4 >= 2
        delay = rng.uniform(0, 0.3) if at_write else rng.uniform(0.05, 0.95) * took
        out.append(trial(corpus, seed_store, store, expected, sig, delay, jobs, at_write))
        shutil.rmtree(store, ignore_errors=True)
        print(_row(i, out[-1]), file=sys.stderr)
    return out


def _row(i: int, t: Trial) -> str:
    return (f"| {i} | {t.signal} | {t.moment} | {t.exit_code} | {t.documents_left} | {t.unfinished} | "
            f"{t.rerun_exit_code} | {'yes' if t.identical else 'NO'} | {'yes' if t.union_kept else 'NO'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the generated corpus")
    parser.add_argument("--trials", type=int, default=20, help="interrupted ingests (SIGINT and SIGKILL in turn)")
    parser.add_argument("--jobs", type=int, default=2, help="ingest --jobs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="jejaring-kill-"))
    results = run_trials(args.docs, args.trials, work, seed=args.seed, jobs=args.jobs)
    print("| trial | signal | stopped at | exit | documents left | unfinished graphs | re-ingest exit | identical "
          "| union kept |")
    print("|---|---|---|---|---|---|---|---|---|")
    for i, t in enumerate(results):
        print(_row(i, t))
    survived = sum(t.survived for t in results)
    print(f"\n{survived}/{len(results)} trials survived ({args.docs} documents, --jobs {args.jobs}).")
    sys.exit(0 if survived == len(results) else 1)


if __name__ == "__main__":
    main()
