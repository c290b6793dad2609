"""The jejaring benchmark: ingest, library queries, network views and exports, as one Markdown table.

Usage::

    python benchmarks/run.py                           # the issue's sizes (about half an hour)
    python benchmarks/run.py --sizes smoke             # the smallest sizes, well under a minute
    python benchmarks/run.py --only queries,export --work /tmp/bench

The table goes to standard output, with the machine and the versions in its header; progress goes to
standard error. Targets are reported in the table (columns "target" and "met"), never asserted.
Synthetic graphs come from ``synthetic_graph.py``, synthetic documents from ``generate_corpus.py``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import psutil
import pyoxigraph as ox
from measure import Table, Timings, disk_size, megabytes, run_process, seconds, time_pair, time_runs
from rdflib import Dataset
from synthetic_graph import Summary, for_nodes, for_quads, write_graph

import jejaring
from jejaring.errors import QueryTimeout
from jejaring.evaluate import evaluate_stored, summarise
from jejaring.graph.sparql.run import run_query
from jejaring.graph.store import open_graph
from jejaring.graph.store.query import bind_for_oxigraph
from jejaring.graph.views.analysis import analyse
from jejaring.graph.views.export import WRITERS
from jejaring.graph.views.project import project
from jejaring.graph.views.visualise import write_html
from jejaring.queries import LibraryQuery, bind_params, list_queries

HERE = Path(__file__).resolve().parent
JEJARING = str(Path(sys.executable).parent / "jejaring")
SECTIONS = ("ingest", "queries", "network", "export")


@dataclass(frozen=True)
class Sizes:
    """What one run measures, and how hard it tries."""

    docs: tuple[int, ...]
    jobs: tuple[int, ...]
    quads: tuple[int, ...]
    nodes: tuple[int, ...]
    export_quads: int
    reps: int
    budget: float
    rdflib_limit: float
    query_limit: float

    @property
    def few(self) -> int:
        """Repetitions for the slower benchmarks (loading, networks)."""
        return min(3, self.reps)


SIZES = {
    "smoke": Sizes(docs=(10,), jobs=(1, 2), quads=(5_000,), nodes=(100,), export_quads=5_000, reps=1,
                   budget=0.2, rdflib_limit=1.0, query_limit=10.0),
    "full": Sizes(docs=(100, 1_000, 10_000), jobs=(1, 2), quads=(100_000, 1_000_000), nodes=(500, 2_000, 10_000),
                  export_quads=1_000_000, reps=10, budget=10.0, rdflib_limit=20.0, query_limit=30.0),
}


#: The most documents whose F1 is scored per run; a larger corpus is scored on an evenly spaced sample of this
#: many (the scorer reads each document's graph into rdflib: about 50 ms a document, 280 MB at most).
MAX_SCORED_DOCS = 1_000


def progress(message: str) -> None:
    """A note on standard error."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- synthetic graphs ---------------------------------------------------------------------------------------------
def load_graph(nq: Path, directory: Path) -> None:
    """Bulk-load an N-Quads file into a new embedded jejaring store (``KnowledgeGraph.load``: the named graphs
    and the union kept in the default graph)."""
    shutil.rmtree(directory, ignore_errors=True)
    with open_graph(directory) as kg:
        kg.load(nq)


def direct_load(nq: Path, directory: Path) -> None:
    """Bulk-load an N-Quads file into a new Oxigraph store with pyoxigraph alone (the baseline)."""
    shutil.rmtree(directory, ignore_errors=True)
    store = ox.Store(str(directory))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    gc.collect()


@functools.cache
def synthetic(work: Path, *, quads: int = 0, nodes: int = 0) -> tuple[Path, Path, Summary]:
    """A synthetic graph sized by quads or by network nodes: its N-Quads file, its store and its summary."""
    name = f"quads-{quads}" if quads else f"nodes-{nodes}"
    nq, store = work / f"{name}.nq", work / f"{name}.store"
    progress(f"generating the synthetic graph {name}")
    summary = write_graph(for_quads(quads) if quads else for_nodes(nodes), nq)
    load_graph(nq, store)
    return nq, store, summary


def quads_label(summary: Summary) -> str:
    """The size column of a synthetic graph."""
    return f"{summary.quads:,} quads"


# -- ingest -------------------------------------------------------------------------------------------------------
def bench_ingest(sizes: Sizes, work: Path, table: Table) -> None:
    """Ingest generated corpora with each ``--jobs``: rates, peak memory, store size and F1 against the gold."""
    generator = HERE / "generate_corpus.py"
    has_jobs = "--jobs" in run_process([JEJARING, "ingest", "-h"]).stdout
    for n in sizes.docs:
        size = f"{n:,} docs"
        if not generator.exists():
            table.add("ingest", "jejaring ingest", size, "n/a", "not run: benchmarks/generate_corpus.py is missing")
            continue
        folder = work / f"corpus-{n}"
        if not (folder / "corpus").is_dir():
            progress(f"generating a corpus of {n} documents")
            subprocess.run([sys.executable, str(generator), "-n", str(n), "-o", str(folder), "--seed", "1"],
                           check=True, stdout=subprocess.DEVNULL)
        texts = sorted(p for p in (folder / "corpus").iterdir() if p.is_file())
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in texts)
        golds = sorted(str(p) for p in (folder / "gold").glob("*.json"))
        for jobs in sizes.jobs:
            if not has_jobs and jobs > 1:
                table.add("ingest", f"--jobs {jobs}", size, "n/a", "not run: jejaring ingest has no --jobs option yet")
                continue
            store, cache = ingest_once(folder, jobs if has_jobs else None, len(texts), words, golds, work, table)
        if store.exists():
            ingest_one_more(texts[0], store, cache, len(texts), work, table)


def ingest_once(folder: Path, jobs: int | None, docs: int, words: int, golds: list[str], work: Path,
                table: Table) -> tuple[Path, Path]:
    """One ``jejaring ingest`` run in a subprocess, then the store's size and the F1 of what it holds;
    returns the store and its extraction cache."""
    store = work / f"ingest-{docs}-j{jobs or 1}"
    cache = work / f"cache-{docs}-j{jobs or 1}"  # a cold extraction cache: every document is extracted
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    cmd = [JEJARING, "ingest", str(folder / "corpus"), "-g", str(store), "-q"]
    cmd += ["--jobs", str(jobs)] if jobs else []
    progress(" ".join(cmd[1:]))
    run = run_process(cmd, env={**os.environ, "JEJARING_CACHE": str(cache)})
    label = f"--jobs {jobs}" if jobs else "without --jobs (option missing)"
    if not store.exists():
        table.add("ingest", label, f"{docs:,} docs", "n/a", f"failed: exit code {run.returncode}: "
                  f"{' '.join(run.stderr.strip().splitlines()[-1:])}")
        return store, cache
    with open_graph(store, create=False) as kg:
        quads = len(kg)
    details = (f"{docs / run.seconds:.1f} docs/s; {words / run.seconds:,.0f} words/s; "
               f"{quads / run.seconds:,.0f} quads/s; peak RSS {megabytes(run.peak_rss)}; "
               f"store {megabytes(disk_size(store))}; {quads:,} quads")
    checks = [("peak RSS ≤ 2 GB", run.peak_rss <= 2e9)]
    step = -(-len(golds) // MAX_SCORED_DOCS)  # 1 up to MAX_SCORED_DOCS documents, then every k-th is scored
    sample = golds[::step]
    start = time.perf_counter()
    f1 = summarise(evaluate_stored(str(store), sample))["entities"]["f1"]
    scored = "" if len(sample) == len(golds) else f" on {len(sample):,} of the {len(golds):,} documents, evenly spaced"
    details += f"; F1 {f1:.3f}{scored} (scored in {seconds(time.perf_counter() - start)} s)"
    checks.append(("F1 ≥ 0.95", f1 >= 0.95))
    if run.returncode:
        details += f"; exit code {run.returncode}: {' '.join(run.stderr.strip().splitlines()[-1:])}"
    if docs >= 10_000 and jobs == 2:
        checks.insert(0, ("≤ 100 s", run.seconds <= 100))
    table.add("ingest", label, f"{docs:,} docs", seconds(run.seconds), details, checks)
    return store, cache


def ingest_one_more(model: Path, store: Path, cache: Path, docs: int, work: Path, table: Table) -> None:
    """Ingest one new document into a store that holds the corpus (its extraction cache warm): what a
    researcher waits for when a corpus grows by one. The document is a corpus document under a new name."""
    extra = work / "one-more"
    shutil.rmtree(extra, ignore_errors=True)
    extra.mkdir()
    shutil.copy(model, extra / f"one-more-{model.name}")
    cmd = [JEJARING, "ingest", str(extra), "-g", str(store), "-q"]
    progress(" ".join(cmd[1:]))
    run = run_process(cmd, env={**os.environ, "JEJARING_CACHE": str(cache)})
    details = f"peak RSS {megabytes(run.peak_rss)}"
    if run.returncode:
        details += f"; exit code {run.returncode}: {' '.join(run.stderr.strip().splitlines()[-1:])}"
    table.add("ingest", "one more document, into the store of the run above", f"{docs:,} docs",
              seconds(run.seconds), details)


# -- queries ------------------------------------------------------------------------------------------------------
def bench_queries(sizes: Sizes, work: Path, table: Table) -> None:
    """Loading, then every library query on the embedded store, on rdflib's memory store and on pyoxigraph."""
    for n in sizes.quads:
        nq, store, summary = synthetic(work, quads=n)
        size = quads_label(summary)
        bench_load(nq, work, size, sizes, table)
        progress(f"parsing {size} into rdflib's in-memory Dataset")
        start = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(str(nq), format="nquads")
        table.add("queries", "load: rdflib Dataset.parse (memory)", size, seconds(time.perf_counter() - start),
                  "rdflib's own N-Quads parser into its memory store")
        with open_graph(store) as kg:
            for q in list_queries():
                progress(f"query {q.name} at {size}")
                bench_query(q, kg, ds, summary.params, size, sizes, table, at_scale=n >= 1_000_000)
        del ds
        gc.collect()


def bench_load(nq: Path, work: Path, size: str, sizes: Sizes, table: Table) -> None:
    """jejaring's loading against pyoxigraph's, into an embedded store and into memory."""
    progress(f"loading {size}")
    target = work / "load.store"
    ours, base = time_pair(lambda: load_graph(nq, target), lambda: direct_load(nq, target), reps=sizes.few,
                           budget=sizes.budget)
    add_ratio_row(table, "load: embedded store (KnowledgeGraph.load: named graphs and the union)", size, ours, base,
                  "pyoxigraph Store(dir).bulk_load", 1.2)
    shutil.rmtree(target, ignore_errors=True)

    def memory_load() -> None:
        open_graph(nq).close()

    ours, base = time_pair(memory_load, lambda: ox.Store().load(path=str(nq), format=ox.RdfFormat.N_QUADS),
                           reps=sizes.few, budget=sizes.budget)
    add_ratio_row(table, "load: in-memory graph (open_graph of the .nq)", size, ours, base, "pyoxigraph Store().load",
                  1.2)


def add_ratio_row(table: Table, benchmark: str, size: str, ours: Timings, base: Timings, baseline: str,
                  limit: float) -> None:
    """A row comparing jejaring with pyoxigraph alone, with the overhead target ``limit``."""
    ratio = ours.p50 / base.p50
    table.add("queries", benchmark, size, seconds(ours.p50),
              f"p95 {seconds(ours.p95)}; {baseline} p50 {seconds(base.p50)}; jejaring/pyoxigraph {ratio:.2f}x",
              [(f"overhead ≤ {limit}x", ratio <= limit)])


def bench_query(q: LibraryQuery, kg, ds: Dataset, params: dict[str, str], size: str, sizes: Sizes, table: Table,
                *, at_scale: bool) -> None:
    """One library query: p50/p95 through ``run_query``, pyoxigraph directly and rdflib, and the ratios."""
    bindings = bind_params(q, {p.name: params[p.name] for p in q.params if p.required})
    text, substitutions = bind_for_oxigraph(q.text, bindings)  # what jejaring sends: the layers' cost is the rest
    try:  # a first run in a worker process, which run_query stops at the limit (pyoxigraph cannot be interrupted)
        rows = run_query(kg, q.text, bindings, timeout=sizes.query_limit).count
    except QueryTimeout:
        checks = [("p50 ≤ 1 s", False)] if at_scale else []
        table.add("queries", q.name, size, f">{sizes.query_limit:g}",
                  "stopped by run_query's timeout: pyoxigraph and rdflib not run", checks)
        return

    def direct() -> None:
        list(kg.store.query(text, substitutions=substitutions))

    ours, base = time_pair(lambda: run_query(kg, q.text, bindings), direct, reps=sizes.reps, budget=sizes.budget)
    overhead = ours.p50 / base.p50
    details = (f"p95 {seconds(ours.p95)}; pyoxigraph p50 {seconds(base.p50)} p95 {seconds(base.p95)}; "
               f"jejaring/pyoxigraph {overhead:.2f}x; {rdflib_timings(q, ds, bindings, ours, sizes)}; {rows:,} rows")
    limit = 1.2 if rows < 1000 else 1.5
    checks = [(f"overhead ≤ {limit}x", overhead <= limit)]
    if at_scale:
        checks.insert(0, ("p50 ≤ 1 s", ours.p50 <= 1.0))
    table.add("queries", q.name, size, seconds(ours.p50), details, checks)


def rdflib_timings(q: LibraryQuery, ds: Dataset, bindings: dict, ours: Timings, sizes: Sizes) -> str:
    """The query on rdflib's memory store, stopped after ``sizes.rdflib_limit`` seconds: p50, p95, ratio, rows."""
    def run() -> int:
        return len(list(ds.query(q.text, initBindings=bindings)))

    try:
        theirs = time_runs(run, reps=min(2, sizes.reps), budget=sizes.rdflib_limit, stop_after=sizes.rdflib_limit)
    except Exception as e:  # rdflib's engine fails on some valid queries: report it, carry on
        return f"rdflib failed ({type(e).__name__}: {str(e)[:60]})"
    ratio = ours.p50 / theirs.p50
    text = (f"rdflib p50 {theirs.show(theirs.p50)} p95 {theirs.show(theirs.p95)}; "
            f"embedded/rdflib {'<' if theirs.over else ''}{ratio:.3f}x")
    return text + (f"; rdflib {theirs.result:,} rows" if theirs.result is not None else "")


# -- network ------------------------------------------------------------------------------------------------------
#: Seconds allowed for the HTML page of a network with this many nodes.
VIZ_TARGETS = {2_000: 5.0, 10_000: 15.0}


def bench_network(sizes: Sizes, work: Path, table: Table) -> None:
    """Projection to the stakeholders view, its analysis and its HTML page, at each node count."""
    for n in sizes.nodes:
        _, store, summary = synthetic(work, nodes=n)
        with open_graph(store) as kg:
            progress(f"projecting {quads_label(summary)}")
            t = time_runs(functools.partial(project, kg), reps=sizes.few, budget=sizes.budget)
        G = t.result
        size = f"{G.number_of_nodes():,} nodes"
        table.add("network", "project (stakeholders view)", size, seconds(t.p50),
                  f"p95 {seconds(t.p95)}; {G.number_of_edges():,} edges; from {quads_label(summary)}")
        progress(f"analysing {size}")
        t = time_runs(functools.partial(analyse, G), reps=sizes.few, budget=sizes.budget)
        table.add("network", "analyse (betweenness, Louvain, brokers)", size, seconds(t.p50), f"p95 {seconds(t.p95)}")
        progress(f"drawing {size}")
        page = work / f"network-{n}.html"
        t = time_runs(functools.partial(write_html, G, page), reps=sizes.few, budget=sizes.budget)
        checks = [(f"≤ {VIZ_TARGETS[n]:g} s", t.p50 <= VIZ_TARGETS[n])] if n in VIZ_TARGETS else []
        table.add("network", "viz HTML (write_html)", size, seconds(t.p50),
                  f"p95 {seconds(t.p95)}; page {megabytes(disk_size(page))}", checks)


# -- export -------------------------------------------------------------------------------------------------------
#: Seconds after which an export or ``stats`` run is stopped.
CLI_LIMIT = 300.0


def bench_export(sizes: Sizes, work: Path, table: Table) -> None:
    """Every ``jejaring export`` format, and ``jejaring stats``, on the command line (wall time, start-up included)."""
    _, store, summary = synthetic(work, quads=sizes.export_quads)
    size = quads_label(summary)
    at_scale = summary.quads >= 900_000  # the generator aims at 1M within a few per cent
    out = work / "export"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for fmt, writer in WRITERS.items():
        target = out / (fmt if writer.folder else f"graph.{fmt}")
        cmd = [JEJARING, "export", "-g", str(store), "-f", fmt, "-o", str(target)]
        cli_row(cmd, f"export -f {fmt}" + (" (stakeholders view)" if writer.network else ""), size, target,
                5.0 if fmt in ("trig", "nq") and at_scale else None, table)
    cli_row([JEJARING, "stats", "-g", str(store)], "stats", size, None, 2.0 if at_scale else None, table)


def cli_row(cmd: list[str], benchmark: str, size: str, output: Path | None, limit: float | None,
            table: Table) -> None:
    """Run one command and add its row: wall time, peak RSS, output size, and the target ``limit`` in seconds."""
    progress(" ".join(cmd[1:3]) + f" {benchmark}")
    target = [f"≤ {limit:g} s"] if limit else []
    try:
        run = run_process(cmd, timeout=CLI_LIMIT)
    except subprocess.TimeoutExpired:
        table.add("export", benchmark, size, f">{CLI_LIMIT:g}", "stopped", [(t, False) for t in target])
        return
    details = f"peak RSS {megabytes(run.peak_rss)}"
    if output is not None and output.exists():
        details += f"; output {megabytes(disk_size(output))}"
    if run.returncode:
        details += f"; exit code {run.returncode}: {' '.join(run.stderr.strip().splitlines()[-1:])}"
    ok = run.returncode == 0 and limit is not None and run.seconds <= limit
    table.add("export", benchmark, size, seconds(run.seconds), details, [(t, ok) for t in target])


# -- the command --------------------------------------------------------------------------------------------------
BENCHES = {"ingest": bench_ingest, "queries": bench_queries, "network": bench_network, "export": bench_export}


def header(sizes_name: str) -> str:
    """The machine, the versions and the date, as Markdown lines above the table."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    versions = ", ".join(f"{name} {version(name)}" for name in ("rdflib", "pyoxigraph", "networkx", "pyvis"))
    return (f"jejaring benchmark ({sizes_name} sizes), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"
            f"Machine: {cpu}, {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}. Python {platform.python_version()}, {versions}, "
            f"jejaring {jejaring.__version__}.\n\n"
            "seconds: the median (p50) of the runs; ingest, export and stats: one run of the command line, wall "
            "time. Peak RSS sums the process tree.\n")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The options: ``--sizes``, ``--only`` and ``--work``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", choices=sorted(SIZES), default="full", help="smoke: the smallest sizes only")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections ({', '.join(SECTIONS)})")
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora, graphs and outputs (kept); "
                                                                 "a temporary folder, removed after, by default")
    args = parser.parse_args(argv)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in args.only if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the chosen sections and print the table."""
    args = parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="jejaring-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes, table = SIZES[args.sizes], Table()
    try:
        for section in args.only:
            start = time.perf_counter()
            BENCHES[section](sizes, work.resolve(), table)
            progress(f"{section} done in {time.perf_counter() - start:.0f} s")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(header(args.sizes))
    print(table.markdown(), end="")


if __name__ == "__main__":
    main()
