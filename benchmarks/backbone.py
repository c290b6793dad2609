"""Which backbone makes the default stakeholders view readable (issue 21): a row per candidate.

Generates a corpus with ``generate_corpus.py`` (seed 1 by default, as ``run.py``), ingests it, projects the stakeholders
view and, for every candidate backbone of :mod:`jejaring.graph.views.backbone`, counts the edges the page would draw
(one per pair of nodes) per node, the memberships kept, and the persons with a co-attendance tie who keep
their strongest. The default must draw at most 3 edges per node and keep every membership and every
person's strongest tie.

Usage::

    python benchmarks/backbone.py                 # 300 documents
    python benchmarks/backbone.py -n 50 --work /tmp/bb
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx

from jejaring.graph.store import open_graph
from jejaring.graph.views.backbone import TIE, backbone, tie_strengths
from jejaring.graph.views.project import project
from jejaring.service import ingest_paths

HERE = Path(__file__).resolve().parent
#: (method, parameters) of every candidate, the full network first.
CANDIDATES = [
    ("all edges", None, {}),
    ("threshold", "threshold", {"min_weight": 2}),
    ("threshold", "threshold", {"min_weight": 3}),
    ("threshold", "threshold", {"min_weight": 5}),
    ("disparity", "disparity", {"alpha": 0.05}),
    ("disparity", "disparity", {"alpha": 0.01}),
    ("top-k per node", "strongest", {"k": 1}),
    ("top-k per node", "strongest", {"k": 2}),
    ("top-k per node", "strongest", {"k": 3}),
]


def stakeholders_view(n: int, work: Path, seed: int = 1) -> nx.MultiGraph:
    """The stakeholders view of ``n`` generated documents (generated and ingested once per folder)."""
    corpus, store = work / f"corpus-{n}-s{seed}", work / f"graph-{n}-s{seed}"
    if not (corpus / "corpus").is_dir():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), "-n", str(n), "-o", str(corpus),
                        "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    if not store.exists():
        with open_graph(store) as kg:
            ingest_paths(kg, sorted((corpus / "corpus").iterdir()))
    with open_graph(store, create=False) as kg:
        return project(kg, "stakeholders")


def measure(G: nx.Graph, B: nx.Graph) -> dict:
    """What a view ``B`` of ``G`` draws and keeps."""
    pairs = {frozenset((u, v)) for u, v in B.edges() if u != v}
    memberships = sum(1 for *_, r in G.edges(data="relation") if r == "membership")
    kept_memberships = sum(1 for *_, r in B.edges(data="relation") if r == "membership")
    kept_ties = {frozenset(p) for p in tie_strengths(B)}
    strongest: dict = {}
    for (u, v), w in tie_strengths(G).items():
        for node in (u, v):
            if G.nodes[node].get("kind") == "person":
                strongest.setdefault(node, []).append((w, frozenset((u, v))))
    keeping = 0
    for ties in strongest.values():
        top = max(w for w, _ in ties)
        keeping += any(w == top and pair in kept_ties for w, pair in ties)
    n = G.number_of_nodes()
    return {"nodes": n, "edges": len(pairs), "per_node": len(pairs) / n if n else 0.0,
            "ties": sum(1 for *_, r in B.edges(data="relation") if r == TIE),
            "memberships": f"{kept_memberships}/{memberships}", "strongest": f"{keeping}/{len(strongest)}"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="documents to generate (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus generator's seed (default 1)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and the store (kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        G = stakeholders_view(args.n, args.work or Path(tmp), args.seed)
    print(f"stakeholders view of {args.n} generated documents: {G.number_of_nodes()} nodes, "
          f"{len(tie_strengths(G))} co-attendance ties\n")
    print("| backbone | parameters | nodes | edges drawn | edges per node | ties kept | memberships kept "
          "| persons keeping their strongest tie |")
    print("|---|---|---|---|---|---|---|---|")
    for name, method, params in CANDIDATES:
        B = backbone(G, method, **params) if method else G
        m = measure(G, B)
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        print(f"| {name} | {shown} | {m['nodes']} | {m['edges']} | {m['per_node']:.2f} | {m['ties']} "
              f"| {m['memberships']} | {m['strongest']} |")


if __name__ == "__main__":
    main()
