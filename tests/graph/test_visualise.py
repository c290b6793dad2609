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
from jejaring.graph import visualise
from jejaring.graph.project import project
from jejaring.graph.store import open_graph
from jejaring.graph.visualise import EDGE_RELATIONS_MAX, PHYSICS_MAX_NODES, layout_positions, to_html, to_image, write_html

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "network.trig"
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
    rows, tooltips = re.search(r"new vis\.DataSet\((\[.*?\])\.map", page).group(1), _json(page, "tooltips")
    return [{"from": nodes[a]["id"], "to": nodes[b]["id"], "width": width,
             "title": "\n\n".join([f"{nodes[a]['name']} — {nodes[b]['name']}", *(tooltips[i] for i in tips)])}
            for a, b, width, *tips in json.loads(rows)]


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
    assert node["label"] == PAYLOAD  # drawn on the canvas as text
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
    assert nodes[EVIL]["label"] == payload  # shown on the canvas and in tooltips as text, as it was written
    assert f"“kata {payload} dia”" in nodes[EVIL]["title"]
    assert nodes[SCRIPT_IRI]["title"].splitlines()[-1] == SCRIPT_IRI  # an IRI shown as text, never as a link


def test_visualise_header_legend_and_filters(stakeholders):
    page = to_html(stakeholders)
    assert "<h1>Stakeholders network</h1>" in page
    assert "5 nodes · 8 edges · view: stakeholders · 2017-01-01 – 2019-03" in page
    assert "2 source documents" in page
    assert '<span>organisation</span><span class="count">3</span>' in page
    assert '<span>person</span><span class="count">2</span>' in page
    kinds = [a["value"] for t, a in _tags(page) if t == "input" and a.get("data-field") == "kind"]
    sectors = [a["value"] for t, a in _tags(page) if t == "input" and a.get("data-field") == "sector"]
    assert (kinds, sectors) == (["organisation", "person"], ["government", "ngo"])
    assert any(t == "input" and a.get("id") == "search" for t, a in _tags(page))


def test_visualise_edges_are_merged_and_described(stakeholders):
    edges = _data(to_html(stakeholders), "edges")
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
    page = to_html(G)
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
    assert (node["label"], node["name"]) == ("Badan Penanggulangan Bencana Daerah Provinsi DK…", name)
    assert node["title"].splitlines()[0] == name


def test_visualise_small_network_uses_physics_large_gets_positions():
    small = to_html(nx.path_graph(PHYSICS_MAX_NODES))
    assert _options(small)["physics"]["enabled"] is True
    assert all("x" not in n for n in _data(small, "nodes"))

    large = to_html(nx.path_graph(PHYSICS_MAX_NODES + 1))
    assert _options(large)["physics"] == {"enabled": False}
    nodes = _data(large, "nodes")
    assert len(nodes) == PHYSICS_MAX_NODES + 1
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


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


def test_visualise_focus_keeps_the_ego_network(stakeholders):
    page = to_html(stakeholders, focus="Bidang Tata Air", depth=1)
    assert [n["label"] for n in _data(page, "nodes")] == ["Dinas Lingkungan Hidup", "Bidang Tata Air"]
    assert "<h1>Stakeholders network around Bidang Tata Air</h1>" in page
    assert len(_data(to_html(stakeholders, focus="Bidang Tata Air", depth=2), "nodes")) == 4


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
    assert result.stderr == f"wrote {out} (html): the stakeholders network, 5 nodes, 8 edges\n"
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
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"| `jejaring {command} -g GRAPH" in readme
