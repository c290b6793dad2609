"""The quality benchmark: how well extraction does on each evaluation set, as one aligned text table.

Usage::

    python benchmarks/quality.py                             # every set (a few minutes)
    python benchmarks/quality.py --only shared --only examples
    python benchmarks/quality.py --json quality.json --work /tmp/quality

Rows are evaluation sets, columns metrics:

- ``shared``: ``../shared/corpus`` against ``../shared/gold``, scored as ``../shared/eval/score_folder.sh`` does
  (each document ingested into a store of its own, exported to TriG, then ``score.py --pairs DIR --json``); also
  the seed document alone (``seed-seoul-clv``) and the English documents (``shared-en``, the ``language`` of their
  gold: fixed by the annotators, so the set does not move when the language detector changes).
- ``examples``: ``examples/corpus`` against ``examples/gold`` the same way (``entities.json`` is no document's
  gold, so, as in ``score_folder.sh``, it is not paired).
- ``detik-dev``: the development half of ``../shared/data/real-news-dev``: ``stakeholders.py prepare`` into the
  work folder (outside the repository, so no article text lands in it), one ``jejaring ingest --jobs 2``, an
  export, ``stakeholders.py score --split dev --json``.

Every score is what the shared scorers print. Recall of posts, participation and lesson links is score.py's
per-document counts summed, as its summary sums them into relations recall. Speed: documents per second of the
ingest commands, each started with an empty extraction cache (one process per document for the gold sets,
start-up included; one ``--jobs 2`` ingest for detik-dev); ms/doc and words/doc: ``read_document`` and
``extract_document`` timed in this process (the lexicon loaded and one document extracted first), means over the
row's documents. The table goes to standard output, progress notes to standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jejaring.ingest.lexicon import load_lexicon
from jejaring.ingest.pipeline import extract_document
from jejaring.ingest.read import read_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
STAKEHOLDERS = SHARED / "eval" / "stakeholders.py"
DETIK_CSV = SHARED / "data" / "real-news-dev" / "data_berita_dev.csv"
JEJARING = str(Path(sys.executable).parent / "jejaring")
SEED = "seed-seoul-clv"
#: score.py's kinds of entity, with their column headers.
KINDS = {"persons": "pers", "organisations": "org", "programmes": "prog", "events": "event", "cities": "city",
         "lessons": "lesson"}
RELATIONS = ("posts", "participation", "lesson_links")

#: The table's columns: header, key in a row's figures, format.
COLUMNS = (
    ("docs", "documents", "{:d}"),
    ("P", "entity_precision", "{:.3f}"),
    ("R", "entity_recall", "{:.3f}"),
    ("F1", "entity_f1", "{:.3f}"),
    *((f"F1 {short}", f"f1_{kind}", "{:.3f}") for kind, short in KINDS.items()),
    ("rel R", "relations_recall", "{:.3f}"),
    ("posts R", "posts_recall", "{:.3f}"),
    ("part R", "participation_recall", "{:.3f}"),
    ("links R", "lesson_links_recall", "{:.3f}"),
    ("named R", "named_recall", "{:.3f}"),
    ("unmatched", "unmatched_share", "{:.3f}"),
    ("sector", "sector_agreement", "{:.3f}"),
    ("titled post", "titled_post_found", "{:.3f}"),
    ("+org", "titled_post_with_org", "{:.3f}"),
    ("docs/s", "documents_per_second", "{:.1f}"),
    ("ms/doc", "extract_ms_per_document", "{:.1f}"),
    ("words/doc", "words_per_document", "{:.0f}"),
)


def progress(message: str) -> None:
    """A note on standard error."""
    print(f"[quality {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd: list[str | Path], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command, capturing its output; its wall time in seconds and the finished process."""
    start = time.perf_counter()
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env)
    return time.perf_counter() - start, done


def cold_cache(folder: Path) -> dict[str, str]:
    """The environment for ``jejaring`` with an extraction cache of its own, empty at first."""
    return {**os.environ, "JEJARING_CACHE": str(folder / "cache")}


# -- the gold sets: score_folder.sh, step by step -----------------------------------------------------------------
def gold_pairs(docs: Path, gold: Path) -> list[tuple[Path, Path]]:
    """The documents of ``docs`` with a gold of the same name in ``gold``, as ``score_folder.sh`` pairs them."""
    return [(doc, gold / f"{doc.stem}.json") for doc in sorted(docs.iterdir())
            if doc.is_file() and doc.suffix != ".json" and (gold / f"{doc.stem}.json").is_file()]


def ingest_each(pairs: list[tuple[Path, Path]], folder: Path) -> dict[str, float]:
    """Copy each document and its gold into ``folder``, ingest the document into a store of its own and export
    it to ``NAME.trig`` beside its gold; the seconds each ingest took, by name (a failed one is left out)."""
    env, seconds = cold_cache(folder), {}
    for doc, gold in pairs:
        shutil.copy(doc, folder / doc.name)
        shutil.copy(gold, folder / gold.name)
        store = folder / f"{doc.stem}.store"
        took, done = run([JEJARING, "ingest", folder / doc.name, "-g", store], env)
        if done.returncode != 0:
            progress(f"ingest failed on {doc.name} (scored as empty): {done.stderr.strip()[-300:]}")
            continue
        seconds[doc.stem] = took
        _, done = run([JEJARING, "export", "-g", store, "-f", "trig", "-o", folder / f"{doc.stem}.trig"], env)
        if done.returncode != 0:
            progress(f"export failed on {doc.name}: {done.stderr.strip()[-300:]}")
        shutil.rmtree(store)
    return seconds


def score_pairs(folder: Path, names: list[str], into: Path) -> dict:
    """``score.py --pairs --json`` over the named documents of ``folder`` (linked into ``into``): its output."""
    into.mkdir(parents=True)
    for name in names:
        for ext in (".json", ".trig"):
            if (folder / f"{name}{ext}").exists():
                (into / f"{name}{ext}").symlink_to(folder / f"{name}{ext}")
    _, done = run([sys.executable, SCORE, "--pairs", into, "--json"])
    for line in done.stderr.splitlines():
        progress(f"score.py: {line}")
    done.check_returncode()
    return json.loads(done.stdout)


def gold_figures(scored: dict) -> dict[str, float]:
    """The table's figures from score.py's JSON: its summary, and its relation counts summed per relation."""
    summary = scored["summary"]
    figures = {f"entity_{k}": summary["entities"][k] for k in ("precision", "recall", "f1")}
    figures |= {f"f1_{kind}": summary["per_kind"][kind]["f1"] for kind in KINDS if kind in summary["per_kind"]}
    figures["relations_recall"] = summary["relations_recall"]
    for relation in RELATIONS:
        found = sum(d["relations"][relation]["counts"][0] for d in scored["documents"])
        total = sum(d["relations"][relation]["counts"][1] for d in scored["documents"])
        figures[f"{relation}_recall"] = round(found / total, 3) if total else 1.0  # as score.py: nothing to find
    return figures


def gold_set(docs: Path, gold: Path, folder: Path,
             subsets: dict[str, Callable[[str, dict], bool]]) -> dict[str, dict]:
    """Ingest, export and score a folder of documents with gold annotations.

    Returns the figures and score.py's output of the set (key ``""``) and of each subset (a row named by
    ``subsets``, whose predicate takes a document's name and its gold), each with its speed.
    """
    pairs = gold_pairs(docs, gold)
    progress(f"{len(pairs)} documents of {docs}, each ingested and exported in {folder}")
    folder.mkdir(parents=True)
    seconds = ingest_each(pairs, folder)
    costs = extraction_costs([doc for doc, _ in pairs], docs)
    golds = {g.stem: json.loads(g.read_text()) for _, g in pairs}
    rows = {}
    for row, keep in {"": lambda name, gold: True, **subsets}.items():
        names = [name for name in golds if keep(name, golds[name])]
        scored = score_pairs(folder, names, folder / f"score-{row or 'all'}")
        ingested = [seconds[name] for name in names if name in seconds]
        rows[row] = {"figures": {"documents": len(names), **gold_figures(scored),
                                 **speed(len(ingested), sum(ingested), [costs[n] for n in names])},
                     "score.py": scored}
    return rows


# -- speed -------------------------------------------------------------------------------------------------------
def extraction_costs(paths: list[Path], root: Path) -> dict[str, tuple[float, int]]:
    """Read and extract each document in this process: seconds and words of its cleaned text, by name.

    The lexicon is loaded and the first document extracted once before timing, so that neither loading nor
    first-call costs land on a document.
    """
    lexicon = load_lexicon()
    if paths:
        extract_document(read_document(paths[0], root), lexicon)
    costs = {}
    for path in paths:
        start = time.perf_counter()
        doc = read_document(path, root)
        extract_document(doc, lexicon)
        costs[path.stem] = (time.perf_counter() - start, len(doc.text.split()))
    return costs


def speed(documents: int, ingest_seconds: float, costs: list[tuple[float, int]]) -> dict[str, float]:
    """Documents per second of the ingest, and the mean in-process extraction time (ms) and words a document."""
    figures = {}
    if ingest_seconds:
        figures["documents_per_second"] = round(documents / ingest_seconds, 2)
    if costs:
        figures["extract_ms_per_document"] = round(1000 * sum(s for s, _ in costs) / len(costs), 2)
        figures["words_per_document"] = round(sum(w for _, w in costs) / len(costs), 1)
    return figures


# -- the sets ----------------------------------------------------------------------------------------------------
def shared_set(folder: Path) -> dict[str, dict]:
    """The shared corpus, with the seed document and the English documents as rows of their own."""
    rows = gold_set(SHARED / "corpus", SHARED / "gold", folder, {
        SEED: lambda name, gold: name == SEED,
        "shared-en": lambda name, gold: gold.get("language") == "en",
    })
    return {row or "shared": result for row, result in rows.items()}


def examples_set(folder: Path) -> dict[str, dict]:
    """The project's example corpus against its gold."""
    return {"examples": gold_set(ROOT / "examples" / "corpus", ROOT / "examples" / "gold", folder, {})[""]}


def detik_set(folder: Path) -> dict[str, dict]:
    """The development half of the Detik news with stakeholder annotations, scored by ``stakeholders.py``."""
    news, store, trig = folder / "news", folder / "news.store", folder / "news.trig"
    folder.mkdir(parents=True)
    _, done = run([sys.executable, STAKEHOLDERS, "prepare", DETIK_CSV, news, "--split", "dev"])
    done.check_returncode()
    paths = sorted(news.glob("*.txt"))
    progress(f"{len(paths)} articles in {news}: ingest --jobs 2")
    took, done = run([JEJARING, "ingest", news, "-g", store, "--jobs", "2"], cold_cache(folder))
    if done.returncode != 0:
        progress(f"ingest exited {done.returncode}: {done.stderr.strip()[-300:]}")
    progress(f"ingest took {took:.0f} s; export and score")
    _, done = run([JEJARING, "export", "-g", store, "-f", "trig", "-o", trig])
    done.check_returncode()
    _, done = run([sys.executable, STAKEHOLDERS, "score", DETIK_CSV, trig, "--split", "dev", "--json"])
    done.check_returncode()
    scored = json.loads(done.stdout)
    progress("extraction in this process")
    costs = extraction_costs(paths, news)
    figures = {
        "documents": scored["documents"],
        "named_recall": scored["recall_named"],
        "unmatched_share": scored["extracted_unmatched_share"],
        "sector_agreement": scored["sector_agreement"],
        "titled_post_found": scored["post_recall_of_found"],
        "titled_post_with_org": scored["post_with_organisation"],
        **speed(len(paths), took, list(costs.values())),
    }
    return {"detik-dev": {"figures": figures, "stakeholders.py": scored}}


SETS: dict[str, Callable[[Path], dict[str, dict]]] = {
    "shared": shared_set,
    "examples": examples_set,
    "detik-dev": detik_set,
}


# -- the table ---------------------------------------------------------------------------------------------------
def format_table(rows: dict[str, dict[str, float]]) -> str:
    """The rows' figures as an aligned text table, ``-`` where a set has no such figure."""
    header = ["set", *(h for h, _, _ in COLUMNS)]
    lines = [[name, *(fmt.format(figures[key]) if figures.get(key) is not None else "-" for _, key, fmt in COLUMNS)]
             for name, figures in rows.items()]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]

    def aligned(cells: list[str]) -> str:
        return "  ".join([cells[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    return "\n".join([aligned(header), aligned(["-" * w for w in widths]), *map(aligned, lines)]) + "\n"


def measure(sets: list[str], work: Path) -> dict:
    """Run the chosen sets in ``work`` (each in a fresh sub-folder): every row's figures, the scorers' outputs
    and each set's seconds."""
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "rows": {}, "scorers": {}, "seconds": {}}
    for name in sets:
        folder = work / name
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        for row, result in SETS[name](folder).items():
            results["rows"][row] = result.pop("figures")
            results["scorers"][row] = result
        results["seconds"][name] = round(time.perf_counter() - start, 1)
        progress(f"{name} done in {results['seconds'][name]:.0f} s")
    results["load_average"] = [round(x, 2) for x in os.getloadavg()]  # the speed columns vary with what else the machine runs
    progress(f"load average {' '.join(f'{x:.1f}' for x in results['load_average'])}")
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The options: ``--only`` (repeatable), ``--json`` and ``--work``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=list(SETS), help="run this set (repeatable); all by default")
    parser.add_argument("--json", type=Path, help="also write every figure and the scorers' outputs to this file")
    parser.add_argument("--work", type=Path, help="folder for the copies, graphs and articles (kept; outside the "
                                                  "repository); a temporary folder, removed after, by default")
    args = parser.parse_args(argv)
    if args.work is not None and args.work.resolve().is_relative_to(ROOT):
        parser.error(f"--work {args.work} is inside the repository; the news articles must stay outside it")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the chosen sets, print the table and write the JSON file if asked."""
    args = parse_args(argv)
    work = (args.work or Path(tempfile.mkdtemp(prefix="jejaring-quality-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = measure(list(dict.fromkeys(args.only or SETS)), work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(format_table(results["rows"]), end="")


if __name__ == "__main__":
    main()
