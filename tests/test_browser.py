"""The network view in a real browser (issue 6 acceptance): headless Chromium driven by Python playwright.

Uses Debian's ``chromium`` (``/usr/bin/chromium``, installed by ``.ci/run``), never a browser playwright
downloads. Skipped, with the reason, only when that browser or the playwright package is missing.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import networkx as nx
import pytest

from jejaring.graph.store import open_graph
from jejaring.graph.views.project import project
from jejaring.graph.views.visualise import write_html
from jejaring.service import ingest_paths

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]
ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "network.trig"
PAYLOAD = "<img src=x onerror=alert(1)>"
OSWAR = "https://w3id.org/jejaring/id/person/oswar-mungkasa"
EVIL = "https://w3id.org/jejaring/id/person/evil"
READY = 120_000  # ms: a generous bound for a slow machine, never a measurement

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium; .ci/run does)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class _Page:
    """A page with everything it requested, logged and asked for (dialogs) recorded."""

    def __init__(self, browser, path: Path, viewport=(1280, 800)) -> None:
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.jejaringReady === true", timeout=READY)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def evaluate(self, js: str, arg=None):
        return self.page.evaluate(js, arg)

    def outside_file(self) -> list[str]:
        return [u for u in self.requests if not u.startswith("file://")]

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def curated_view(tmp_path_factory):
    """The stakeholders view of the curated example, and its page."""
    folder = tmp_path_factory.mktemp("curated")
    with open_graph(folder / "graph.trig") as kg:
        ingest_paths(kg, [ROOT / "examples" / "curated" / "seoul-visit.yaml",
                          ROOT / "examples" / "curated" / "stakeholders.csv"])
        G = project(kg, "stakeholders")
    write_html(G, folder / "network.html")
    return G, folder / "network.html"


_CANVAS_PIXELS = """() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) painted++; }
  return {width: canvas.width, height: canvas.height, painted: painted};
}"""

_OUTSIDE_VIEWPORT = """() => {
  const box = document.getElementById('mynetwork').getBoundingClientRect();
  const positions = network.getPositions();
  const outside = [];
  for (const id of Object.keys(positions)) {
    const p = network.canvasToDOM(positions[id]);
    if (!(p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height)) outside.push(id);
  }
  return {count: Object.keys(positions).length, outside: outside};
}"""


def _node_on_screen(page: _Page, node_id: str) -> tuple[float, float]:
    return tuple(page.evaluate("""(id) => {
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        return [box.left + p.x, box.top + p.y];
    }""", node_id))


def test_browser_page_loads_offline_with_every_node(browser, curated_view):
    G, path = curated_view
    page = _Page(browser, path)
    try:
        assert page.outside_file() == []
        assert page.requests == [path.resolve().as_uri()]
        assert page.errors == []
        assert page.evaluate("network.body.data.nodes.length") == G.number_of_nodes() == 17
        assert sorted(page.evaluate("network.body.data.nodes.getIds()")) == sorted(G)
        pixels = page.evaluate(_CANVAS_PIXELS)
        assert pixels["width"] > 0 and pixels["height"] > 0 and pixels["painted"] > 1000
        assert page.evaluate(_OUTSIDE_VIEWPORT)["outside"] == []
        assert page.evaluate("document.querySelector('h1').textContent") == "Stakeholders network"
    finally:
        page.close()


def test_browser_search_selects_the_node(browser, curated_view):
    _, path = curated_view
    page = _Page(browser, path)
    try:
        page.page.fill("#search", "oswar mungkasa")  # case and spacing do not matter
        page.page.press("#search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == [OSWAR]
        assert page.evaluate("document.getElementById('search-status').textContent") == "Oswar Mungkasa"

        page.page.fill("#search", "Kelurahan Duri")  # a part of a name, confirmed with Enter
        page.page.press("#search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == [
            "https://w3id.org/jejaring/id/organisation/kelurahan-duri-utara"]

        page.page.fill("#search", "Blessmiyanda")  # an exact name selects as it is typed
        assert page.evaluate("network.getSelectedNodes()") == ["https://w3id.org/jejaring/id/person/blessmiyanda"]
        assert page.errors == [] and page.outside_file() == []
    finally:
        page.close()


def test_browser_filters_hide_nodes_by_kind_and_sector(browser, curated_view):
    _, path = curated_view
    page = _Page(browser, path)
    try:
        hidden = "network.body.data.nodes.get({filter: n => n.hidden}).length"
        page.page.uncheck("#filter-kind input[value='person']")
        assert page.evaluate(hidden) == 7
        page.page.uncheck("#filter-sector input[value='ngo']")
        assert page.evaluate(hidden) == 7 + 2  # the two NGOs
        page.page.click("#reset")
        assert page.evaluate(hidden) == 0
    finally:
        page.close()


def test_browser_payload_shows_as_text_and_runs_nothing(browser, tmp_path):
    with open_graph(FIXTURE, create=False) as kg:
        G = project(kg, "stakeholders")
    path = tmp_path / "payload.html"
    write_html(G, path, title=f"Title {PAYLOAD}")
    page = _Page(browser, path)
    try:
        assert page.evaluate("(id) => network.body.data.nodes.get(id).text", EVIL) == PAYLOAD  # drawn with fillText
        assert page.evaluate("document.title") == f"Title {PAYLOAD}"
        assert page.evaluate("document.querySelector('h1').textContent") == f"Title {PAYLOAD}"
        assert PAYLOAD in page.evaluate("document.getElementById('documents').textContent")

        # hover the node: its tooltip shows the payload as text
        x, y = _node_on_screen(page, EVIL)
        page.page.mouse.move(x, y)
        tooltip = page.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=READY)
        text = tooltip.inner_text()
        assert text.startswith(f"{PAYLOAD}\nperson · sector: ngo")
        assert f"“kata {PAYLOAD} dia”" in text
        # innerText turns line breaks into <br>; no other element was made from the text
        assert page.evaluate("document.querySelectorAll('div.vis-tooltip *:not(br)').length") == 0

        # an edge's tooltip is put together by the page: the two names, then each relation
        titles = page.evaluate("network.body.data.edges.get().map(e => [e.from, e.to, e.title])")
        title = next(t for u, v, t in titles if {u, v} == {EVIL, "https://w3id.org/jejaring/id/organisation/hijau"})
        assert [part.split("\n")[0] for part in title.split("\n\n")] == [
            f"Yayasan Hijau — {PAYLOAD}", "co-attendance", "membership"]

        # searching for it selects it, and nothing ran anywhere
        page.page.fill("#search", PAYLOAD)
        assert page.evaluate("network.getSelectedNodes()") == [EVIL]
        assert page.evaluate("document.images.length") == 0
        assert page.dialogs == []
        assert page.outside_file() == []
        assert page.errors == []
    finally:
        page.close()


def test_browser_large_network_loads_inside_the_viewport(browser, tmp_path):
    G = nx.barabasi_albert_graph(1990, 2, seed=7)
    G.add_nodes_from(range(1990, 2000))  # isolated nodes too
    for n in G:
        G.nodes[n].update(label=f"Stakeholder {n}", kind=("person", "organisation", "event")[n % 3],
                          sector=("government", "ngo", "unknown")[n % 3])
    path = tmp_path / "large.html"
    write_html(G, path, title="2,000 stakeholders")
    page = _Page(browser, path)
    try:
        assert page.evaluate("network.body.data.nodes.length") == 2000
        assert page.evaluate("Object.keys(network.getPositions()).length") == 2000
        assert page.evaluate("network.physics.options.enabled") is False
        result = page.evaluate(_OUTSIDE_VIEWPORT)
        assert result["count"] == 2000 and result["outside"] == []
        assert page.errors == [] and page.outside_file() == []

        shot = tmp_path / "large.png"
        page.page.screenshot(path=str(shot))
        _assert_not_blank(shot)
    finally:
        page.close()


def test_browser_screenshot_is_not_blank(browser, curated_view, tmp_path):
    _, path = curated_view
    page = _Page(browser, path)
    try:
        shot = tmp_path / "network.png"
        page.page.screenshot(path=str(shot))
        _assert_not_blank(shot)
        canvas = page.page.locator("#mynetwork canvas").screenshot()
        _assert_not_blank(io.BytesIO(canvas))
    finally:
        page.close()


def _assert_not_blank(image) -> None:
    from PIL import Image

    with Image.open(image) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 1
    if colours is not None:
        assert len(colours) > 10  # nodes, edges and labels, not one flat colour


# -- issue 21: labels, focus, filters and the tie-strength slider -----------------------------------------
@pytest.fixture(scope="module")
def generated_view(tmp_path_factory):
    """The stakeholders view of 60 documents from ``benchmarks/generate_corpus.py`` (86 agents) and its page."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), "-n", "60", "-o", str(folder),
                    "--seed", "1"], check=True, capture_output=True)
    with open_graph(folder / "graph") as kg:
        ingest_paths(kg, sorted((folder / "corpus").iterdir()))
        G = project(kg, "stakeholders")
    write_html(G, folder / "network.html")
    return G, folder / "network.html"


_LABELS = "window.jejaringLabels.map(b => [b.id, b.x, b.y, b.w, b.h])"
_INK = """(boxes) => {
  const canvas = document.querySelector('#mynetwork canvas'), ctx = canvas.getContext('2d');
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  return boxes.map(([id, x, y, w, h]) => {
    const data = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), Math.round(w * ratio),
                                  Math.round(h * ratio)).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) { if (data[i + 3] > 200 && data[i] < 80 && data[i + 1] < 80) dark++; }
    return dark;
  });
}"""


def _overlapping(boxes: list) -> set:
    return {a[0] for a in boxes for b in boxes
            if a is not b and a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]}


def test_browser_labels_at_the_initial_fit(browser, generated_view):
    from jejaring.graph.views.visualise import LABELS_MUST, shown_network

    G, path = generated_view
    shown = shown_network(G)
    degree = {n: len(set(shown[n]) - {n}) for n in shown}
    central = sorted(shown, key=lambda n: (-degree[n], str(shown.nodes[n]["label"])))[:LABELS_MUST]
    page = _Page(browser, path)
    try:
        boxes = page.evaluate(_LABELS)
        assert set(central) <= {b[0] for b in boxes}  # the 30 most central carry a label
        assert len(boxes) < shown.number_of_nodes()  # the rest wait for zoom or hover
        assert len(_overlapping(boxes)) <= 0.05 * len(boxes)
        width, height = page.evaluate("[container.clientWidth, container.clientHeight]")
        assert all(x >= 0 and x + w <= width and y >= 0 and y + h <= height for _, x, y, w, h in boxes)
        ink = page.evaluate(_INK, boxes)
        assert sum(1 for dark in ink if dark > 10) >= 0.9 * len(boxes)  # text is drawn in the boxes

        # hovering a node without a label shows its label
        unlabelled = next(n for n in sorted(shown, key=lambda n: -degree[n]) if n not in {b[0] for b in boxes})
        x, y = _node_on_screen(page, unlabelled)
        page.page.mouse.move(x, y)
        page.page.wait_for_function("(id) => window.jejaringLabels.some(b => b.id === id)", arg=unlabelled,
                                    timeout=READY)
        assert page.errors == [] and page.outside_file() == []
    finally:
        page.close()


def test_browser_click_focuses_on_a_node_and_its_ties(browser, generated_view):
    from jejaring.graph.views.visualise import shown_network

    G, path = generated_view
    shown = shown_network(G)
    hub = max(shown, key=lambda n: (len(set(shown[n])), n))
    near = set(shown[hub]) - {hub}
    page = _Page(browser, path)
    try:
        x, y = _node_on_screen(page, hub)
        page.page.mouse.click(x, y)
        assert page.evaluate("document.getElementById('focus-panel').hidden") is False
        listed = page.evaluate("[...document.querySelectorAll('#neighbours li a')].map(a => a.textContent)")
        assert sorted(listed) == sorted(str(shown.nodes[n]["label"]) for n in near)
        colours = dict(page.evaluate("network.body.data.nodes.get().map(n => [n.id, n.color])"))
        assert all(isinstance(colours[n], str) for n in near | {hub})  # their own colours
        others = set(shown) - near - {hub}
        assert others and all(colours[n] == {"background": "#ededed", "border": "#d8d8d8"} for n in others)
        assert page.evaluate("network.getSelectedNodes()") == [hub]

        page.page.click("#clear-focus")
        assert page.evaluate("document.getElementById('focus-panel').hidden") is True
        assert all(isinstance(c, str) for _, c in page.evaluate("network.body.data.nodes.get().map(n => [n.id, n.color])"))
    finally:
        page.close()


def test_browser_slider_hides_weak_ties_only(browser, generated_view):
    _, path = generated_view
    page = _Page(browser, path)
    try:
        rows = page.evaluate("edgeList.map(e => [e.strength, e.fixed])")
        page.evaluate("""() => { const s = document.getElementById('min-strength'); s.value = '3';
                                 s.dispatchEvent(new Event('input')); }""")
        hidden = page.evaluate("network.body.data.edges.get({filter: e => e.hidden}).length")
        assert hidden == sum(1 for strength, fixed in rows if not fixed and strength < 3) > 0
        page.page.click("#reset")
        assert page.evaluate("network.body.data.edges.get({filter: e => e.hidden}).length") == 0
    finally:
        page.close()


@pytest.fixture(scope="module")
def two_kinds(tmp_path_factory):
    """12 organisations in a ring and 9 persons in a chain hanging from it, as a page."""
    G = nx.cycle_graph(12)
    G.add_edges_from((i, i + 1) for i in range(12, 20))
    G.add_edge(0, 12)
    for n in G:
        G.nodes[n].update(label=f"Name {n}", kind="organisation" if n < 12 else "person", sector="government")
    path = tmp_path_factory.mktemp("kinds") / "kinds.html"
    write_html(G, path)
    return path


_FILL = """(kind) => {
  const shown = network.body.data.nodes.get({filter: n => !n.hidden && (!kind || n.kind === kind)}).map(n => n.id);
  const pos = network.getPositions(shown), xs = [], ys = [];
  for (const id of shown) { const p = network.canvasToDOM(pos[id]); xs.push(p.x); ys.push(p.y); }
  const w = container.clientWidth, h = container.clientHeight;
  const off = Math.max(Math.abs((Math.max(...xs) + Math.min(...xs)) / 2 - w / 2) / w,
                       Math.abs((Math.max(...ys) + Math.min(...ys)) / 2 - h / 2) / h);
  return {off: off, inside: xs.every(x => x >= 0 && x <= w) && ys.every(y => y >= 0 && y <= h), positions: pos};
}"""


def test_browser_filters_refit_and_lay_out_again(browser, two_kinds):
    page = _Page(browser, two_kinds)
    try:
        before, persons = page.evaluate(_FILL, "organisation"), page.evaluate(_FILL, "person")
        assert before["off"] > 0.05  # the organisations are off centre, the persons' chain beside them
        page.page.uncheck("#filter-kind input[value='person']")  # 9 of 21 hidden: re-fit only
        after = page.evaluate(_FILL, None)
        assert page.evaluate("window.jejaringLayouts") == 0
        assert after["positions"] == before["positions"]  # not moved
        assert after["inside"] and after["off"] < 0.02  # the view is fitted (centred) on them

        page.page.check("#filter-kind input[value='person']")
        page.page.uncheck("#filter-kind input[value='organisation']")  # 12 of 21 hidden: laid out again
        page.page.wait_for_function("window.jejaringReady === true && window.jejaringLayouts === 1", timeout=READY)
        relaid = page.evaluate(_FILL, None)
        assert relaid["inside"] and relaid["off"] < 0.02 and set(relaid["positions"]) == {str(n) for n in range(12, 21)}
        assert relaid["positions"] != persons["positions"]  # moved by the new layout
        assert page.errors == []
    finally:
        page.close()
