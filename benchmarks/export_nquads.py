"""N-Quads export of a whole store (issue 23): named graphs dumped in a thread per core, against one thread.

The baseline is the single-threaded path the export took before: every named graph's quads, in name order,
through one ``pyoxigraph.serialize`` call. The new path is ``KnowledgeGraph.serialize`` (per-graph
``Store.dump`` in threads, written in the same order). Both write a file; the two files must be
byte-identical, and the table says whether they are.

Usage::

    python benchmarks/export_nquads.py --quads 1000000 --work /tmp/bench-export

The table goes to standard output, progress to standard error; the target is reported, never asserted.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import sys
from pathlib import Path

import pyoxigraph as ox
from measure import Table, seconds, time_pair
from synthetic_graph import for_quads, write_graph

from jejaring.graph.store import open_graph
from jejaring.graph.store.local import KnowledgeGraph

#: The new export may take at most this share of the single-threaded time.
TARGET = 0.6


def single_thread(kg: KnowledgeGraph, path: Path) -> None:
    """The export before issue 23: one writer over every named graph's quads."""
    with open(path, "wb") as out:
        ox.serialize(kg.quads(), out, ox.RdfFormat.N_QUADS)


def per_graph_threads(kg: KnowledgeGraph, path: Path) -> None:
    with open(path, "wb") as out:
        kg.serialize(out, ox.RdfFormat.N_QUADS)


def bench(quads: int, work: Path, reps: int) -> Table:
    work.mkdir(parents=True, exist_ok=True)
    nq, store = work / f"quads-{quads}.nq", work / f"quads-{quads}.store"
    if not store.exists():
        print(f"generating and loading {quads:,} quads ...", file=sys.stderr, flush=True)
        write_graph(for_quads(quads), nq)
        with open_graph(store) as kg:
            kg.load(nq)
    table = Table()
    with open_graph(store, create=False) as kg:
        size = f"{len(kg):,} quads, {sum(1 for _ in kg.store.named_graphs()):,} graphs, {os.cpu_count()} cores"
        old, new = work / "single.nq", work / "threads.nq"
        base, ours = time_pair(lambda: single_thread(kg, old), lambda: per_graph_threads(kg, new), reps=reps,
                               budget=60.0)
        same = filecmp.cmp(old, new, shallow=False)
        ratio = ours.p50 / base.p50
        table.add("export", "N-Quads, whole store", size, seconds(ours.p50),
                  f"single thread {seconds(base.p50)}; new/old {ratio:.2f}x; {old.stat().st_size / 1e6:,.0f} MB",
                  [(f"new/old ≤ {TARGET}x", ratio <= TARGET), ("byte-identical", same)])
    for path in (old, new):
        path.unlink()
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quads", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-export"), help="where the store and files go")
    parser.add_argument("--reps", type=int, default=5, help="exports timed each way")
    args = parser.parse_args(argv)
    print(bench(args.quads, args.work, args.reps).markdown())


if __name__ == "__main__":
    main()
