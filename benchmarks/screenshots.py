"""Screenshots of the network view at corpus scale (issue 21): default, focus and lessons views, in Chromium.

Generates a corpus with ``generate_corpus.py`` (300 documents, seed 1, as ``backbone.py``), ingests it, writes
the three pages and a PNG picture of the default view, opens each page in headless Chromium
(``/usr/bin/chromium``, through playwright) and saves a screenshot at its initial fit. Prints a table: nodes
and edges drawn, labels shown at the fit, how many of them overlap another, and whether the 30 most
important nodes (by size) all carry one.

Usage::

    python benchmarks/screenshots.py                      # into out/screenshots/
    python benchmarks/screenshots.py -n 50 --out /tmp/shots
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from backbone import stakeholders_view

from jejaring.graph.store import open_graph
from jejaring.graph.views.project import project
from jejaring.graph.views.visualise import LABELS_MUST, drawn_edge_count, shown_network, to_image, write_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: The label boxes the page drew at its initial fit, with each box's node rank.
LABEL_BOXES = "window.jejaringLabels.map(b => [b.id, b.x, b.y, b.w, b.h, network.body.data.nodes.get(b.id).rank])"


def overlapping(boxes: list) -> int:
    """How many boxes ``[id, x, y, w, h, ...]`` overlap at least one other."""
    hit = set()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]:
                hit.update((a[0], b[0]))
    return len(hit)


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="documents to generate (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus generator's seed (default 1)")
    parser.add_argument("--out", type=Path, default=Path("out/screenshots"), help="folder for the pages and images")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and the store (kept)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        G = stakeholders_view(args.n, work, args.seed)
        with open_graph(work / f"graph-{args.n}-s{args.seed}", create=False) as kg:
            lessons = project(kg, "lessons")
    shown = shown_network(G)
    person = min((n for n in shown if shown.nodes[n].get("kind") == "person"),
                 key=lambda n: (-len(set(shown[n])), str(shown.nodes[n].get("label"))))
    views = {"default": (G, {}), "focus": (G, {"focus": person}), "lessons": (lessons, {})}
    for name, (graph, options) in views.items():
        write_html(graph, args.out / f"{name}.html", **options)
    to_image(G, args.out / "default-picture.png")

    print(f"network views of {args.n} generated documents (seed {args.seed}), Chromium 1280x800\n")
    print("| view | nodes | edges drawn | labels at fit | overlapping labels | top 30 labelled | screenshot |")
    print("|---|---|---|---|---|---|---|")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, (graph, options) in views.items():
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto((args.out / f"{name}.html").resolve().as_uri())
            page.wait_for_function("window.jejaringReady === true", timeout=120_000)
            boxes = page.evaluate(LABEL_BOXES)
            drawn = shown_network(graph, **options)
            must = min(LABELS_MUST, drawn.number_of_nodes())
            ranks = {b[5] for b in boxes}
            shot = args.out / f"{name}.png"
            page.screenshot(path=str(shot))
            page.close()
            print(f"| {name} | {drawn.number_of_nodes()} | {drawn_edge_count(drawn)} | {len(boxes)} | "
                  f"{overlapping(boxes)} | {'yes' if all(r in ranks for r in range(must)) else 'no'} | {shot} |")
        browser.close()


if __name__ == "__main__":
    main()
