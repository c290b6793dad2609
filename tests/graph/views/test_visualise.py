"""The network view as HTML (offline, escaped, deterministic) and as a picture, and the ``viz`` command."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.errors import NetworkError
from jejaring.graph.store import open_graph
from jejaring.graph.views import visualise
from jejaring.graph.views.project import project
from jejaring.graph.views.visualise import (
    EDGE_RELATIONS_MAX,
    SMOOTH_EDGES_MAX,
    layout_positions,
    to_html,
    to_image,
    write_html,
)

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "network.trig"
PAYLOAD = "<img src=x onerror=alert(1)>"
EVIL = "https://w3id.org/jejaring/id/person/evil"


@pytest.fixture(scope="module")
def stakeholders() -> nx.MultiGraph:
    with open_graph(FIXTURE, create=False) as kg:
        return project(kg, "stakeholders")


class _Tags(HTMLParser):
    """Every start tag with its attributes, as the browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _json(page: str, name: str):
    return json.loads(re.search(rf"var {name} = (.*?);\n", page).group(1))


def _data(page: str, name: str) -> list[dict]:
    """The page's nodes, or its edges as vis-network gets them (the page's script, replayed: names, then relations)."""
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", page).group(1))
    if name == "nodes":
        return nodes
    rows, tooltips = re.search(r"var edgeList = (\[.*?\])\.map", page).group(1), _json(page, "tooltips")
    return [{"from": nodes[a]["id"], "to": nodes[b]["id"], "width": width, "strength": strength, "fixed": fixed,
             "title": "\n\n".join([f"{nodes[a]['name']} — {nodes[b]['name']}", *(tooltips[i] for i in tips)])}
            for a, b, width, strength, fixed, *tips in json.loads(rows)]


def _options(page: str) -> dict:
    return json.loads(re.search(r"var options = (.*?);\n", page).group(1))


def test_visualise_page_requests_nothing_from_any_host(stakeholders):
    page = to_html(stakeholders)
    tags = _tags(page)
    assert [t for t, a in tags if t in ("link", "iframe", "img", "object", "embed")] == []
    assert [a for t, a in tags if "src" in a or "href" in a] == []  # every script and style is inline
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", page, re.IGNORECASE)
    assert not re.search(r"@import", page)
    assert "vis.Network" in page and "cdnjs" not in page and "jsdelivr" not in page and "bootstrap" not in page


def test_visualise_escapes_document_text(stakeholders):
    page = to_html(stakeholders, title=f"Title {PAYLOAD}")
    assert PAYLOAD not in page  # neither in the markup nor raw in the JSON
    assert [t for t, _ in _tags(page) if t == "img"] == []
    assert f"<title>Title {PAYLOAD.replace('<', '&lt;').replace('>', '&gt;')}</title>" in page
    assert "<li>evil &lt;img src=x onerror=alert(1)&gt;.txt</li>" in page  # the source documents list
    node = next(n for n in _data(page, "nodes") if n["id"] == EVIL)
    assert node["text"] == PAYLOAD  # drawn on the canvas as text
    assert node["title"].splitlines() == [  # plain text: vis-network puts it in with innerText
        PAYLOAD,
        "person · sector: ngo",
        "posts:",
        "  • Yayasan Hijau (2019-02-01 – …)",
        "organisations:",
        "  • Yayasan Hijau",
        "sources:",
        f"  • evil {PAYLOAD}.txt",
        "evidence:",
        f"  • “kata {PAYLOAD} dia” (evil {PAYLOAD}.txt)",
        EVIL,
    ]


def test_visualise_escapes_kinds_and_sectors_in_legend_and_filters():
    G = nx.Graph()
    G.add_node("a", label="A", kind=PAYLOAD, sector=f"s{PAYLOAD}")
    G.add_node("b", label="B", kind="person", sector="ngo")
    G.add_edge("a", "b")
    for color_by in ("kind", "sector", "community"):
        page = to_html(G, color_by=color_by)
        assert PAYLOAD not in page
        assert [t for t, _ in _tags(page) if t == "img"] == []
        values = [a["value"] for t, a in _tags(page) if t == "input" and a.get("class") == "filter"]
        assert values == [PAYLOAD, "person", "ngo", f"s{PAYLOAD}"]  # unescaped by the parser, as the page reads them


#: Payloads for every piece of document text the page shows (issue 9): an element, an attribute break-out,
#: an event handler in single quotes, and a script URL (also used as an IRI and a source document's name).
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)",
            "javascript:alert(1)")
SCRIPT_IRI = "javascript:alert(1)"


def _viz_with(tmp_path: Path, payload: str) -> str:
    """The page ``viz`` writes for the fixture with ``payload`` as names, quotes, a document and the title,
    and a person whose IRI is a script URL."""
    literal = payload.replace("\\", "\\\\").replace('"', '\\"')
    trig = FIXTURE.read_text(encoding="utf-8").replace(PAYLOAD, literal)
    trig += (f'\n<https://w3id.org/jejaring/doc/evil.txt> {{ <{SCRIPT_IRI}> a <https://schema.org/Person> ; '
             f'<https://schema.org/name> "{literal}" . }}\n')
    graph, out = tmp_path / f"{len(payload)}.trig", tmp_path / f"{len(payload)}.html"
    graph.write_text(trig, encoding="utf-8")
    result = CliRunner().invoke(cli, ["viz", "-g", str(graph), "-o", str(out), "--title", payload, "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_visualise_cli_payloads_stay_text(tmp_path, payload):
    from markupsafe import escape

    page, clean = _viz_with(tmp_path, payload), _viz_with(tmp_path, "harmless")
    tags = _tags(page)
    assert sorted(t for t, _ in tags) == sorted(t for t, _ in _tags(clean))  # no element made from the text
    assert page.lower().count("</script") == clean.lower().count("</script")  # no way out of a script block
    assert [n for _, a in tags for n in a if n.startswith("on")] == []
    assert [v for _, a in tags for v in a.values() if v and "javascript:" in v.lower()] == []  # no script URL
    if payload != SCRIPT_IRI:  # a script URL is harmless as text; the others must be escaped
        assert payload not in page
    assert f"<title>{escape(payload)}</title>" in page and f"<h1>{escape(payload)}</h1>" in page
    nodes = {n["id"]: n for n in _data(page, "nodes")}
    assert nodes[EVIL]["text"] == payload  # shown on the canvas and in tooltips as text, as it was written
    assert f"“kata {payload} dia”" in nodes[EVIL]["title"]
    assert nodes[SCRIPT_IRI]["title"].splitlines()[-1] == SCRIPT_IRI  # an IRI shown as text, never as a link


def test_visualise_header_legend_and_filters(stakeholders):
    page = to_html(stakeholders)
    assert "<h1>Stakeholders network</h1>" in page
    assert ("5 nodes · 4 edges · backbone: each agent&#39;s strongest co-attendance tie (3 of 5 ties) · "
            "view: stakeholders · 2017-01-01 – 2019-03") in page
    assert "5 nodes · 6 edges · view: stakeholders" in to_html(stakeholders, all_edges=True)
    assert "2 source documents" in page
    assert '<span>organisation</span><span class="count">3</span>' in page
    assert '<span>person</span><span class="count">2</span>' in page
    kinds = [a["value"] for t, a in _tags(page) if t == "input" and a.get("data-field") == "kind"]
    sectors = [a["value"] for t, a in _tags(page) if t == "input" and a.get("data-field") == "sector"]
    assert (kinds, sectors) == (["organisation", "person"], ["government", "ngo"])
    assert any(t == "input" and a.get("id") == "search" for t, a in _tags(page))


def test_visualise_edges_are_merged_and_described(stakeholders):
    edges = _data(to_html(stakeholders, all_edges=True), "edges")
    assert len(edges) == len({tuple(sorted((u, v))) for u, v in stakeholders.edges()}) == 6
    ani_dlh = next(e for e in edges if {e["from"], e["to"]} == {
        "https://w3id.org/jejaring/id/person/ani", "https://w3id.org/jejaring/id/organisation/dlh"})
    assert ani_dlh["title"].split("\n\n") == [
        "Dinas Lingkungan Hidup — Ani Wijaya",
        "co-attendance\ndate: 2019-03\nevents: Forum Kota\nsources: notes.txt",
        "membership: Kepala\ndate: 2017-01-01 – 2018-12-31\nsources: notes.txt",
    ]


def test_visualise_edges_share_their_descriptions():
    # three people at one event: three co-attendance edges, one description
    G = nx.Graph()
    for a, b in (("a", "b"), ("a", "c"), ("b", "c")):
        G.add_edge(a, b, relation="co-attendance", events=["Forum Kota"], documents=["notes.txt"])
    page = to_html(G, all_edges=True)
    assert _json(page, "tooltips") == ["co-attendance\nevents: Forum Kota\nsources: notes.txt"]
    assert [e["title"].split("\n\n")[1] for e in _data(page, "edges")] == _json(page, "tooltips") * 3


def test_visualise_edge_tooltip_is_capped():
    G = nx.MultiGraph()
    G.add_nodes_from([("p", {"label": "P"}), ("o", {"label": "O"})])
    for i in range(EDGE_RELATIONS_MAX + 3):
        G.add_edge("p", "o", relation="membership", role=f"post {i}")
    (edge,) = _data(to_html(G), "edges")
    parts = edge["title"].split("\n\n")
    assert parts[0] == "P — O"
    assert parts[1:-1] == [f"membership: post {i}" for i in range(EDGE_RELATIONS_MAX)]
    assert parts[-1] == "… and 3 more relations"


def test_visualise_long_names_are_cut_on_the_canvas_only():
    name = "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta"
    G = nx.Graph()
    G.add_node("x", label=name)
    node = _data(to_html(G), "nodes")[0]
    assert (node["text"], node["name"]) == ("Badan Penanggulangan … DKI Jakarta", name)  # what tells it apart stays
    assert node["title"].splitlines()[0] == name


def test_visualise_positions_come_from_the_layout_and_physics_is_off():
    G = nx.path_graph(12)
    page = to_html(G, seed=5)
    assert _options(page)["physics"] == {"enabled": False}
    assert _options(page)["edges"]["smooth"] == {"type": "continuous"}
    layout = layout_positions(G, seed=5)
    nodes = {n["id"]: n for n in _data(page, "nodes")}
    scale = nodes["0"]["x"] / layout[0][0]
    for n, (x, y) in layout.items():  # the picture's layout, y turned down for the screen
        assert nodes[str(n)]["x"] == pytest.approx(x * scale, abs=0.1)
        assert nodes[str(n)]["y"] == pytest.approx(-y * scale, abs=0.1)
    assert _options(to_html(nx.path_graph(SMOOTH_EDGES_MAX + 1)))["edges"]["smooth"] is False


def test_visualise_is_deterministic(stakeholders):
    assert to_html(stakeholders, color_by="community", seed=3) == to_html(stakeholders, color_by="community", seed=3)
    G = nx.barabasi_albert_graph(400, 2, seed=1)
    assert to_html(G, seed=3) == to_html(G, seed=3)
    assert layout_positions(G, seed=3) == layout_positions(G, seed=3)
    assert layout_positions(G, seed=3) != layout_positions(G, seed=4)


def test_visualise_layout_samples_repellers_above_the_limit(monkeypatch):
    G = nx.barabasi_albert_graph(120, 2, seed=1)
    exact = layout_positions(G, seed=3)
    monkeypatch.setattr(visualise, "LAYOUT_EXACT_MAX", 100)
    monkeypatch.setattr(visualise, "LAYOUT_REPELLERS", 30)
    sampled = layout_positions(G, seed=3)
    assert sampled == layout_positions(G, seed=3) != exact
    assert sorted(sampled) == sorted(G) and all(-1 <= c <= 1 for xy in sampled.values() for c in xy)
    assert max(abs(c) for xy in sampled.values() for c in xy) == 1.0  # spread out, not collapsed


def test_visualise_colour_and_size(stakeholders):
    by_sector = {n["id"]: n["color"] for n in _data(to_html(stakeholders, color_by="sector"), "nodes")}
    assert by_sector[EVIL] == "#59a14f" and by_sector["https://w3id.org/jejaring/id/person/ani"] == "#4e79a7"
    sized = {n["id"]: n["size"] for n in _data(to_html(stakeholders, size_by="betweenness"), "nodes")}
    assert max(sized.values()) == 32.0 and min(sized.values()) == 8.0


def test_visualise_focus_keeps_the_ego_network_of_the_backbone(stakeholders):
    page = to_html(stakeholders, focus="Bidang Tata Air", depth=1)
    assert [n["name"] for n in _data(page, "nodes")] == ["Dinas Lingkungan Hidup", "Bidang Tata Air"]
    assert "<h1>Stakeholders network around Bidang Tata Air</h1>" in page
    assert "var focusStart = \"https://w3id.org/jejaring/id/organisation/tata-air\";" in page  # opens focused
    # two steps along the lines drawn: the tie of the NGO worker to the agency is not among anyone's strongest
    assert [n["name"] for n in _data(to_html(stakeholders, focus="Bidang Tata Air", depth=2), "nodes")] == [
        "Dinas Lingkungan Hidup", "Bidang Tata Air", "Ani Wijaya"]
    assert len(_data(to_html(stakeholders, focus="Bidang Tata Air", depth=2, all_edges=True), "nodes")) == 4
    assert "var focusStart = null;" in to_html(stakeholders)


@pytest.mark.parametrize(("options", "message"), [
    ({"color_by": "mood"}, "unknown colouring 'mood'; choose one of kind, community, sector"),
    ({"size_by": "age"}, "unknown sizing 'age'; choose one of degree, betweenness"),
    ({"focus": "Nobody"}, "'Nobody' is not in the stakeholders view; try another --view"),
])
def test_visualise_rejects_bad_options(stakeholders, options, message):
    with pytest.raises(NetworkError) as info:
        to_html(stakeholders, **options)
    assert str(info.value) == message


def test_visualise_write_html_is_utf8(tmp_path, stakeholders):
    write_html(stakeholders, tmp_path / "net.html", title="Jaringan — ü")
    assert "<title>Jaringan — ü</title>" in (tmp_path / "net.html").read_text(encoding="utf-8")


def test_visualise_picture_svg_and_png(tmp_path, stakeholders):
    to_image(stakeholders, tmp_path / "net.svg", title=f"Jaringan {PAYLOAD}")
    svg = (tmp_path / "net.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "Jaringan &lt;img src=x onerror=alert(1)&gt;" in svg and PAYLOAD not in svg
    to_image(stakeholders, tmp_path / "again.svg", title=f"Jaringan {PAYLOAD}")
    assert (tmp_path / "again.svg").read_text(encoding="utf-8") == svg

    to_image(stakeholders, tmp_path / "net.png", color_by="sector")
    assert (tmp_path / "net.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    to_image(stakeholders, tmp_path / "picture", "png")
    assert (tmp_path / "picture").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(NetworkError, match="cannot draw a picture as 'gif'"):
        to_image(stakeholders, tmp_path / "net.gif")


# -- the command -------------------------------------------------------------------------------------
def test_visualise_cli_html(tmp_path):
    out = tmp_path / "network.html"
    result = CliRunner().invoke(cli, ["viz", "-g", str(FIXTURE), "-o", str(out), "--color-by", "sector"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {out} (html): the stakeholders network, 5 nodes, 4 edges\n"
    assert len(_data(out.read_text(encoding="utf-8"), "edges")) == 4  # the edges the page draws
    assert len(_data(out.read_text(encoding="utf-8"), "nodes")) == 5


def test_visualise_cli_focus_and_picture(tmp_path):
    out = tmp_path / "ani.svg"
    result = CliRunner().invoke(cli, ["viz", "-g", str(FIXTURE), "-o", str(out), "--focus", "Ani Wijaya",
                                      "--depth", "1", "--view", "lessons", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "Lessons network around Ani Wijaya" in out.read_text(encoding="utf-8")
    png = tmp_path / "net.out"
    result = CliRunner().invoke(cli, ["viz", "-g", str(FIXTURE), "-o", str(png), "--format", "png", "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0 and png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "Nobody Here"], "Error: no entity is called 'Nobody Here'; try 'jejaring entities --search TEXT' or an IRI\n"),
    (["--focus", "Surabaya"],
     "Error: 'https://w3id.org/jejaring/id/place/surabaya' is not in the stakeholders view; try another --view\n"),
    (["--since", "2019-02-30"], "Error: --since '2019-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n"),
])
def test_visualise_cli_errors_are_one_line_exit_2(tmp_path, args, message):
    out = tmp_path / "network.html"
    result = CliRunner().invoke(cli, ["viz", "-g", str(FIXTURE), "-o", str(out), *args])
    assert result.exit_code == 2
    assert result.stderr == message
    assert not out.exists()


@pytest.mark.parametrize("command", ["analyse", "viz"])
def test_visualise_network_commands_have_help_and_are_in_the_readme(command):
    result = CliRunner().invoke(cli, [command, "-h"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"jejaring {command} -g graph/" in result.stdout
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert f"| `jejaring {command} -g GRAPH" in readme


# -- issue 21: a readable default view, focus, pictures ---------------------------------------------
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A store of 60 documents from ``benchmarks/generate_corpus.py`` (86 agents, 1,000 co-attendance ties)."""
    import subprocess
    import sys

    from jejaring.service import ingest_paths

    folder = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), "-n", "60", "-o", str(folder),
                    "--seed", "1"], check=True, capture_output=True)
    with open_graph(folder / "graph") as kg:
        ingest_paths(kg, sorted((folder / "corpus").iterdir()))
    return folder / "graph"


def test_visualise_cli_default_view_draws_the_backbone_of_a_generated_corpus(tmp_path, generated):
    out = tmp_path / "network.html"
    result = CliRunner().invoke(cli, ["viz", "-g", str(generated), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    nodes, edges = map(int, re.search(r"network, (\d+) nodes, (\d+) edges\n$", result.stderr).groups())
    page = out.read_text(encoding="utf-8")
    drawn = _data(page, "edges")
    pairs = {frozenset((e["from"], e["to"])) for e in drawn}
    assert (nodes, edges) == (len(_data(page, "nodes")), len(drawn)) == (nodes, len(pairs))  # one line per pair
    assert edges <= 3 * nodes

    with open_graph(generated, create=False) as kg:
        G = project(kg, "stakeholders")
    memberships = {frozenset((u, v)) for u, v, r in G.edges(data="relation") if r == "membership"}
    assert memberships and memberships <= pairs  # every membership drawn
    assert edges < len({frozenset(e) for e in G.edges()})  # and not every tie
    tied = {e["from"] for e in drawn if e["strength"]} | {e["to"] for e in drawn if e["strength"]}
    strongest: dict[str, float] = {}
    for u, v, d in G.edges(data=True):
        if d["relation"] == "co-attendance":
            for n in (u, v):
                strongest[n] = max(strongest.get(n, 0), d["weight"])
    persons = [n for n in strongest if G.nodes[n]["kind"] == "person"]
    assert persons and all(n in tied for n in persons)
    for n in persons:  # each keeps a tie of their strongest strength
        assert max(e["strength"] for e in drawn if n in (e["from"], e["to"])) == strongest[n]

    everything = tmp_path / "all.html"
    result = CliRunner().invoke(cli, ["viz", "-g", str(generated), "-o", str(everything), "--all-edges", "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert len(_data(everything.read_text(encoding="utf-8"), "edges")) == len({frozenset(e) for e in G.edges()})


def test_visualise_large_views_open_coloured_by_community(generated):
    with open_graph(generated, create=False) as kg:
        G = project(kg, "stakeholders")
    assert G.number_of_nodes() >= visualise.COMMUNITY_COLOURS_FROM
    page = to_html(G)
    assert "<h2>Colour: community</h2>" in page
    assert len({n["color"] for n in _data(page, "nodes")}) > 2
    assert to_html(G, seed=7) == to_html(G, seed=7)  # communities are seeded
    assert "<h2>Colour: kind</h2>" in to_html(G, color_by="kind")
    small = nx.Graph([("a", "b")])
    assert "<h2>Colour: kind</h2>" in to_html(small)
    nodes = {n["id"]: n for n in _data(to_html(G), "nodes")}
    assert {(n["kind"], n["shape"]) for n in nodes.values()} == {("person", "dot"), ("organisation", "square")}


def test_visualise_slider_and_edge_strengths():
    G = nx.MultiGraph()
    G.add_edge("p", "o", relation="membership", role="Kepala")
    G.add_edge("p", "o", key="co-attendance", relation="co-attendance", weight=2)
    G.add_edge("p", "q", key="co-attendance", relation="co-attendance", weight=5)
    page = to_html(G)
    edges = {frozenset((e["from"], e["to"])): e for e in _data(page, "edges")}
    assert (edges[frozenset("po")]["strength"], edges[frozenset("po")]["fixed"]) == (2, 1)
    assert (edges[frozenset("pq")]["strength"], edges[frozenset("pq")]["fixed"]) == (5, 0)
    slider = next(a for t, a in _tags(page) if t == "input" and a.get("id") == "min-strength")
    assert (slider["min"], slider["max"], slider["value"]) == ("1", "5", "1")
    assert 'id="min-strength"' not in to_html(nx.Graph([("a", "b")]))  # no ties, no slider


def test_visualise_edge_tooltip_lists_a_post_once_with_its_periods():
    G = nx.MultiGraph()
    G.add_nodes_from([("p", {"label": "P"}), ("o", {"label": "O"})])
    G.add_edge("p", "o", key="m1", relation="membership", role="Kepala", start="2019-01-01", end="2019-12-31",
               documents=["a.txt"])
    G.add_edge("p", "o", key="m2", relation="membership", role="Kepala", start="2017-05", end="2017-05",
               documents=["b.txt"])
    G.add_edge("p", "o", key="m3", relation="membership", role="Sekretaris", documents=["a.txt"])
    (edge,) = _data(to_html(G), "edges")
    assert edge["title"].split("\n\n")[1:] == [
        "membership: Kepala\ndates: 2017-05; 2019-01-01 – 2019-12-31\nsources: a.txt, b.txt",
        "membership: Sekretaris\nsources: a.txt",
    ]


def test_visualise_node_tooltip_lists_a_post_once_with_its_periods(tmp_path):
    doc = "<https://w3id.org/jejaring/doc/a.txt>"
    org, ns = "https://w3id.org/jejaring/id/organisation/", "http://www.w3.org/ns/org#"
    rows = [f"<{org}dlh> a <{ns}Organization> ; <https://schema.org/name> \"Dinas X\" ."]
    rows.append("<https://w3id.org/jejaring/id/person/p> a <https://schema.org/Person> ; <https://schema.org/name> \"P Q\" .")
    for i, (begin, end) in enumerate([("2017-01-01", "2017-12-31"), ("2020-03-01", "2020-03-01")]):
        rows.append(f"<https://w3id.org/jejaring/id/membership/m{i}> a <{ns}Membership> ; "
                    f"<{ns}member> <https://w3id.org/jejaring/id/person/p> ; <{ns}organization> <{org}dlh> ; "
                    f"<{ns}role> <https://w3id.org/jejaring/id/role/kepala> ; <{ns}memberDuring> _:t{i} . "
                    f"_:t{i} <http://www.w3.org/2006/time#hasBeginning> [ <http://www.w3.org/2006/time#inXSDDate> "
                    f"\"{begin}\"^^<http://www.w3.org/2001/XMLSchema#date> ] ; <http://www.w3.org/2006/time#hasEnd> "
                    f"[ <http://www.w3.org/2006/time#inXSDDate> \"{end}\"^^<http://www.w3.org/2001/XMLSchema#date> ] .")
    rows.append("<https://w3id.org/jejaring/id/role/kepala> <http://www.w3.org/2004/02/skos/core#prefLabel> \"Kepala\" .")
    (tmp_path / "g.trig").write_text(f"{doc} {{\n" + "\n".join(rows) + "\n}\n", encoding="utf-8")
    with open_graph(tmp_path / "g.trig", create=False) as kg:
        G = project(kg, "stakeholders")
    person = next(n for n in _data(to_html(G), "nodes") if n["name"] == "P Q")
    lines = person["title"].splitlines()
    assert lines[lines.index("posts:") + 1:lines.index("organisations:")] == [
        "  • Kepala, Dinas X (2017-01-01 – 2017-12-31; 2020-03-01)"]


def _svg_labels(svg: str) -> list[tuple[int, float, float, float, float]]:
    """Each node label of a picture as (rank, x0, y0, x1, y1) in the SVG's units, measured from its text
    element: its position, font size and the width matplotlib's font gives the text."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    found = []
    for rank, body in re.findall(r'<g id="node-label-(\d+)">(.*?)</g>', svg, re.S):
        x, y = (float(v) for v in re.search(r'<text[^>]* x="([-\d.]+)" y="([-\d.]+)"', body).groups())
        size = float(re.search(r"font-size: ([\d.]+)px", body).group(1))
        text = re.search(r"<text[^>]*>(.*?)</text>", body, re.S).group(1)
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        extent = TextPath((0, 0), text, size=size, prop=FontProperties(family="DejaVu Sans")).get_extents()
        found.append((int(rank), x + extent.x0, y - extent.y1, x + extent.x1, y - extent.y0))
    return found


def test_visualise_picture_labels_do_not_overlap(tmp_path, generated):
    with open_graph(generated, create=False) as kg:
        G = project(kg, "stakeholders")
    to_image(G, tmp_path / "net.svg", title="Jaringan")
    svg = (tmp_path / "net.svg").read_text(encoding="utf-8")
    labels = _svg_labels(svg)
    assert {rank for rank, *_ in labels} >= set(range(visualise.LABELS_MUST))  # the 30 most central
    assert len(labels) <= visualise.LABELS_AT_FIT
    overlapping = {a[0] for a in labels for b in labels
                   if a is not b and a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]}
    assert len(overlapping) <= 0.05 * len(labels)
    assert ">Jaringan<" in svg.replace("\n", "<")  # the title
    assert ">colour: community<" in svg and ">shape: kind<" in svg  # the legends
    to_image(G, tmp_path / "net.png")
    assert (tmp_path / "net.png").read_bytes()[:4] == b"\x89PNG"


def test_visualise_picture_focus_rings_the_node_and_labels_its_ties(tmp_path, stakeholders):
    to_image(stakeholders, tmp_path / "ani.svg", focus="Ani Wijaya", depth=2)
    svg = (tmp_path / "ani.svg").read_text(encoding="utf-8")
    assert "Stakeholders network around Ani Wijaya" in svg
    assert "font-weight: 700" in svg or "font-weight: bold" in svg  # the focus's label
    assert len(_svg_labels(svg)) == 5
