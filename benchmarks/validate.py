"""Validation against ingest on generated documents (issue 22): ``jejaring validate`` should take no longer than
``jejaring ingest`` of the same documents, in the same run.

Usage::

    python benchmarks/validate.py                   # 300 documents, ingest with --jobs 2
    python benchmarks/validate.py -n 50 --pyshacl   # also pySHACL over the whole dataset (validate_dataset), slow

The table goes to standard output; targets are reported in it, never asserted. Validation runs at validate
time only (ingest does no validation), so ingest's time is what it was before the fast validator.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import Table, run_process, seconds

HERE = Path(__file__).resolve().parent
JEJARING = str(Path(sys.executable).parent / "jejaring")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--documents", type=int, default=300, help="generated documents (default 300)")
    parser.add_argument("--jobs", type=int, default=2, help="ingest worker processes (default 2)")
    parser.add_argument("--pyshacl", action="store_true", help="also time pySHACL over the whole dataset")
    args = parser.parse_args(argv)
    table = Table()
    with tempfile.TemporaryDirectory(prefix="jejaring-validate-") as work:
        corpus, graph = Path(work) / "gen", Path(work) / "graph"
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), "-n", str(args.documents), "-o",
                        str(corpus), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
        size = f"{args.documents} docs"
        ingest = _run([JEJARING, "ingest", str(corpus / "corpus"), "-g", str(graph), "--jobs", str(args.jobs), "-q"])
        table.add("validate", f"ingest --jobs {args.jobs}", size, seconds(ingest.seconds),
                  "no validation at ingest")
        validate = _run([JEJARING, "validate", "-g", str(graph), "-q"], ok=(0, 1))
        table.add("validate", "validate", size, seconds(validate.seconds),
                  f"{validate.stdout.count(chr(10))} violations; {validate.seconds / ingest.seconds:.2f} x ingest",
                  [("no longer than ingest", validate.seconds <= ingest.seconds)])
        if args.pyshacl:
            elapsed, found = _pyshacl(graph)
            table.add("validate", "pySHACL over the whole dataset", size, seconds(elapsed),
                      f"{found} violations; {elapsed / ingest.seconds:.1f} x ingest")
    print(table.markdown(), end="")
    return 0


def _run(cmd: list[str], ok: tuple[int, ...] = (0,)):
    run = run_process(cmd)
    if run.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited {run.returncode}: {run.stderr.strip()}")
    return run


def _pyshacl(graph: Path) -> tuple[float, int]:
    from jejaring.graph.store import open_graph
    from jejaring.graph.store.local import snapshot
    from jejaring.ontology.validate import validate_dataset

    with open_graph(graph, create=False) as kg:
        copy = snapshot(kg)
    start = time.perf_counter()
    report = validate_dataset(copy.dataset())
    return time.perf_counter() - start, len(report.violations)


if __name__ == "__main__":
    sys.exit(main())
