"""Evidence out of the union copy (issue 23): stored quads per document and every library query, new against old.

The corpus is ingested once into a store (the new layout: evidence in the document graphs only, 13 triples per
annotation). The baseline is the old layout rebuilt from a copy of that store: its evidence gets back the triples
issue 23 dropped (the targets' type, the quotes' prefix and suffix) and its default graph every named graph's
triples, evidence included, which is the union rule before issue 23; it is queried with the library as it was at
:data:`BASELINE` (the queries that changed are read from git at that commit). Both stores hold the same facts, so
the table compares the layouts and nothing else; each query's rows are compared too.

Usage::

    python benchmarks/generate_corpus.py -n 200 -o /tmp/gen --seed 1
    python benchmarks/evidence_union.py /tmp/gen/corpus --work /tmp/bench-union

The table goes to standard output, progress to standard error; targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from measure import Table, seconds, time_pair

from jejaring.graph.store import open_graph
from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.store.meta import META_GRAPH
from jejaring.queries import LibraryQuery, bind_params, list_queries
from jejaring.service import ingest_paths

#: The commit whose union held the evidence, and whose library read it there.
BASELINE = "9f06d5d"
#: The library queries that read evidence: allowed 2x; every other query 1.25x.
EVIDENCE_QUERIES = {"evidence": 2.0, "document-mentions": 2.0}
OTHER_LIMIT = 1.25
#: At most this many stored quads per document (named graphs plus union) in the new layout.
QUADS_LIMIT = 900
#: The evidence as it was at :data:`BASELINE`, 16 triples per annotation: each target typed oa:SpecificResource and
#: each quote with the 32 code points before and after it (from the cleaned text in the meta graph).
OLD_EVIDENCE = f"""PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX schema: <https://schema.org/>
INSERT {{ GRAPH ?g {{ ?target a oa:SpecificResource }} }} WHERE {{ GRAPH ?g {{ ?annotation oa:hasTarget ?target }} }} ;
INSERT {{ GRAPH ?g {{ ?quote oa:prefix ?prefix ; oa:suffix ?suffix }} }}
WHERE {{
  GRAPH ?g {{ ?target oa:hasSource ?doc ; oa:hasSelector ?position , ?quote .
             ?position oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact }}
  GRAPH <{META_GRAPH}> {{ ?doc schema:text ?text }}
  BIND(IF(?start > 32, ?start - 32, 0) AS ?from)
  BIND(SUBSTR(?text, ?from + 1, ?start - ?from) AS ?prefix)
  BIND(SUBSTR(?text, ?end + 1, 32) AS ?suffix)
}}"""
OLD_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX time: <http://www.w3.org/2006/time#>"""


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_stores(corpus: Path, work: Path) -> tuple[KnowledgeGraph, KnowledgeGraph, int]:
    """The new store (ingested, kept between runs) and the baseline copy with the old union; the document count."""
    new_path, old_path = work / "new", work / "old"
    if not new_path.exists():
        progress(f"ingesting {corpus} ...")
        with open_graph(new_path) as kg:
            ingest_paths(kg, [corpus])
    shutil.rmtree(old_path, ignore_errors=True)
    shutil.copytree(new_path, old_path)
    old_store = ox.Store(str(old_path))
    old_store.update(OLD_EVIDENCE)
    old_store.update(OLD_UNION)
    old = KnowledgeGraph(str(old_path), old_store)  # not open_graph: it would take the evidence out again
    new = open_graph(new_path, create=False)
    return new, old, len(new.documents())


def old_text(q: LibraryQuery) -> str:
    """The query's text at :data:`BASELINE` (its header included, as the library reads it)."""
    path = f"jejaring/queries/{q.name}.rq"
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(["git", "show", f"{BASELINE}:{path}"], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def parameters(kg: KnowledgeGraph) -> dict[str, str]:
    """A value for every required parameter, picked from the corpus: its busiest person and organisation (the
    organisation's node for ``evidence``: the one with most annotations)."""
    person, _, day = next(iter(kg.query(PREFIXES + """SELECT ?name ?m ?day WHERE {
        { SELECT ?p (COUNT(?x) AS ?n) WHERE { ?x org:member ?p } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1 }
        ?p schema:name ?name . ?m org:member ?p .
        OPTIONAL { ?m org:memberDuring/(time:hasBeginning|time:inside)/time:inXSDDate ?day } }
        ORDER BY DESC(BOUND(?day)) ?m LIMIT 1""")))
    organisation, node = next(iter(kg.query(PREFIXES + """SELECT ?label ?o WHERE {
        { SELECT ?o (COUNT(?x) AS ?n) WHERE { ?x org:organization ?o } GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1 }
        ?o skos:prefLabel ?label } ORDER BY ?label LIMIT 1""")))
    return {"person": person.value, "entity": organisation.value, "organisation": organisation.value,
            "label": person.value, "node": node.value, "date": day.value if day else "2020-01-01"}


def named_quads(kg: KnowledgeGraph) -> int:
    """The quads in the named graphs, counted (``len`` reads the sizes recorded at ingest, before the baseline's
    evidence got its dropped triples back)."""
    return int(next(iter(kg.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)


def rows(kg: KnowledgeGraph, text: str, bindings: dict) -> list[tuple]:
    return [tuple(str(v) for v in row) for row in kg.query(text, bindings)]


def bench(corpus: Path, work: Path, reps: int) -> Table:
    table = Table()
    new, old, docs = build_stores(corpus, work)
    size = f"{docs} docs"
    new_quads, old_quads = len(new.store), len(old.store)
    named, old_named = len(new), named_quads(old)
    table.add("storage", "stored quads per document (named graphs + union)", size, "",
              f"new {new_quads / docs:,.0f} (named {named / docs:,.0f} + union {(new_quads - named) / docs:,.0f}); "
              f"old {old_quads / docs:,.0f} (named {old_named / docs:,.0f} + union {(old_quads - old_named) / docs:,.0f}); "
              f"new/old {new_quads / old_quads:.2f}x", [(f"new ≤ {QUADS_LIMIT}", new_quads / docs <= QUADS_LIMIT)])
    params = parameters(new)
    progress(f"parameters: {params}")
    for q in list_queries():
        bindings = bind_params(q, {p.name: params[p.name] for p in q.params if p.required})
        before = old_text(q)
        same = sorted(rows(new, q.text, bindings)) == sorted(rows(old, before, bindings))
        ours, base = time_pair(partial(rows, new, q.text, bindings), partial(rows, old, before, bindings),
                               reps=reps, budget=20.0)
        ratio = ours.p50 / base.p50
        limit = EVIDENCE_QUERIES.get(q.name, OTHER_LIMIT)
        changed = "query changed" if before != q.text else "query unchanged"
        table.add("queries", q.name, size, seconds(ours.p50),
                  f"old {seconds(base.p50)}; new/old {ratio:.2f}x; {len(ours.result):,} rows; {changed}",
                  [(f"new/old ≤ {limit}x", ratio <= limit), ("same rows as old", same)])
    new.close()
    old.close()
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the folder of documents to ingest (generate_corpus.py's corpus/)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-union"), help="where the stores go")
    parser.add_argument("--reps", type=int, default=11, help="runs of each query in each layout")
    args = parser.parse_args(argv)
    print(bench(args.corpus, args.work, args.reps).markdown())


if __name__ == "__main__":
    main()
