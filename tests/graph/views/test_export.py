"""Exports (issue 7): each format read back by an independent reader, stable ids, byte-identical re-exports.

The graphs are the project's examples ingested into tmp_path: ``examples/curated`` alone, and with
``examples/corpus`` for a richer network (dated events, memberships, co-attendance, lessons).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from jejaring import cli as cli_module
from jejaring.cli import cli
from jejaring.graph.store import open_graph
from jejaring.graph.views import project as project_module
from jejaring.graph.views.export import NETWORK_VIEWS, WRITERS, to_csv, to_gexf, to_graphml, to_kumu
from jejaring.graph.views.export._network import edge_table, join_list, node_id
from jejaring.graph.views.project import project
from jejaring.ontology.namespaces import PREFIXES
from jejaring.service import ingest_paths

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ID = "https://w3id.org/jejaring/id/"
NETWORK_FORMATS = [name for name, w in WRITERS.items() if w.network]
RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(RAPPER is None, reason="rapper (Debian package raptor2-utils) is not installed")


def _ingest(location: Path, *folders: Path) -> Path:
    with open_graph(location) as kg:
        report = ingest_paths(kg, list(folders))
        assert not report.failed, report.failed
    return location


@pytest.fixture(scope="module")
def curated(tmp_path_factory) -> Path:
    """examples/curated in an embedded store."""
    return _ingest(tmp_path_factory.mktemp("curated") / "graph", EXAMPLES / "curated")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """examples/curated and examples/corpus in an embedded store."""
    return _ingest(tmp_path_factory.mktemp("corpus") / "graph", EXAMPLES / "curated", EXAMPLES / "corpus")


def export(graph: Path, fmt: str, out: Path, *extra: str) -> Path:
    """Run ``jejaring export`` and return the output path."""
    result = CliRunner().invoke(cli, ["export", "-g", str(graph), "-f", fmt, "-o", str(out), *extra],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def view_of(graph: Path, view: str = "stakeholders") -> nx.Graph:
    with open_graph(graph, create=False) as kg:
        return project(kg, view)


def union_graph(graph: Path) -> Graph:
    """Our union graph (every distinct triple of every named graph) as an rdflib Graph."""
    with open_graph(graph, create=False) as kg:
        out = io.BytesIO()
        kg.serialize(out, ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=out.getvalue().decode("utf-8"), format="nt")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# -- the table of formats -------------------------------------------------------------------------
def test_export_format_choices_are_the_writers_table():
    params = {p.name: p for p in cli_module.export_command.params}
    assert list(params["fmt"].type.choices) == list(WRITERS)
    assert {"trig", "nq", "ttl", "nt", "jsonld", "xml", "graphml", "gexf", "csv", "kumu", "cytoscape",
            "neo4j"} == set(WRITERS)
    assert NETWORK_VIEWS == project_module.VIEWS
    assert tuple(params["view"].type.choices) == project_module.VIEWS


def test_export_command_has_help_and_every_format_is_in_the_readme():
    result = CliRunner().invoke(cli, ["export", "-h"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example:" in result.stdout and "jejaring export -g graph/ -f gexf" in result.stdout
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert "| `jejaring export -g GRAPH -f FORMAT [--view V] [-o PATH]`" in readme
    table = readme.split("### Export formats", 1)[1].split("\n\n", 3)[2]
    first_cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    assert {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)} == set(WRITERS)
    for column in ("id", "label", "kind", "sector", "source`, `target", "relation", "weight", "bipartite"):
        assert f"| `{column}`" in readme, column


def test_export_folder_format_without_output_is_a_usage_error(curated):
    result = CliRunner().invoke(cli, ["export", "-g", str(curated), "-f", "csv"])
    assert result.exit_code == 2
    assert result.stderr == "Error: the csv export writes a folder of files: give the folder with -o\n"


def test_export_file_format_into_a_folder_is_an_input_error(curated, tmp_path):
    result = CliRunner().invoke(cli, ["export", "-g", str(curated), "-f", "gexf", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}: is a folder; the gexf export writes one file\n"


def test_export_network_format_to_standard_output(curated):
    result = CliRunner().invoke(cli, ["export", "-g", str(curated), "-f", "gexf"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<gexf ')


# -- RDF: read by rapper and pyld -----------------------------------------------------------------
@needs_rapper
@pytest.mark.parametrize(("fmt", "syntax"), [("ttl", "turtle"), ("nt", "ntriples"), ("xml", "rdfxml"),
                                             ("trig", "trig"), ("nq", "nquads")])
def test_export_rdf_is_read_by_rapper_with_our_triple_count(corpus, tmp_path, fmt, syntax):
    out = export(corpus, fmt, tmp_path / f"graph.{fmt}")
    run = subprocess.run([RAPPER, "-i", syntax, "-c", str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    count = int(re.search(r"returned (\d+) (?:triples|statements)", run.stderr).group(1))
    with open_graph(corpus, create=False) as kg:
        ours = len(kg) if fmt in ("trig", "nq") else len({(q.subject, q.predicate, q.object) for q in kg.quads()})
    assert count == ours > 1000


@needs_rapper
@pytest.mark.parametrize(("fmt", "syntax"), [("ttl", "turtle"), ("xml", "rdfxml")])
def test_export_rdf_read_by_rapper_is_isomorphic_with_the_union(curated, tmp_path, fmt, syntax):
    from rdflib.compare import isomorphic

    out = export(curated, fmt, tmp_path / f"graph.{fmt}")
    run = subprocess.run([RAPPER, "-q", "-i", syntax, "-o", "ntriples", str(out)], capture_output=True, text=True,
                         check=True)
    assert isomorphic(Graph().parse(data=run.stdout, format="nt"), union_graph(curated))


def test_export_jsonld_is_compacted_with_a_context_naming_every_prefix(curated, tmp_path):
    doc = json.loads(export(curated, "jsonld", tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    context = doc["@context"]
    assert set(doc) == {"@context", "@graph"}
    assert all(isinstance(ns, str) and ns.endswith(("/", "#")) for ns in context.values())
    used: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if not key.startswith("@"):
                    used.add(key.split(":", 1)[0])
                if key in ("@id", "@type"):
                    for iri in item if isinstance(item, list) else [item]:
                        used.add(iri.split(":", 1)[0])
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(doc["@graph"])
    assert {"schema", "jjid", "skos", "org", "xsd"} <= used
    assert used - {"_", "http", "https", "urn", "mailto"} <= set(context), "a compact IRI whose prefix is not named"
    assert not any(key.startswith("http") for node in doc["@graph"] for key in node), "a property left uncompacted"


def test_export_jsonld_expands_to_triples_isomorphic_with_the_union(curated, tmp_path):
    from pyld import jsonld
    from rdflib.compare import isomorphic

    doc = json.loads(export(curated, "jsonld", tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    triples = Graph().parse(data=jsonld.to_rdf(doc, {"format": "application/n-quads"}), format="nt")
    assert isomorphic(triples, union_graph(curated))


# -- GraphML: read by igraph ----------------------------------------------------------------------
@pytest.mark.parametrize("view", ["stakeholders", "participation"])
def test_export_graphml_is_read_by_igraph_with_counts_and_types(corpus, tmp_path, view):
    igraph = pytest.importorskip("igraph", reason="python-igraph is in the test extra")
    out = export(corpus, "graphml", tmp_path / "graph.graphml", "--view", view)
    G = view_of(corpus, view)
    g = igraph.Graph.Read_GraphML(str(out))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges()) and g.ecount() > 50
    assert all(isinstance(w, int | float) and w >= 1 for w in g.es["weight"])
    assert all(isinstance(label, str) and label for label in g.vs["label"])
    assert all(isinstance(r, str) for r in g.es["relation"])
    assert sorted(g.vs["id"]) == sorted(node_id(n) for n in G)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = ET.parse(out).getroot().findall("g:key", ns)
    assert keys and all(k.get("for") in ("graph", "node", "edge") and k.get("attr.type") for k in keys)
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types[("edge", "weight")] == "int" and types[("node", "label")] == "string"
    if view == "participation":
        assert types[("node", "bipartite")] == "int"


# -- GEXF: read by networkx -----------------------------------------------------------------------
@pytest.mark.parametrize("view", ["stakeholders", "participation", "lessons"])
def test_export_gexf_is_gexf_13_read_by_networkx_with_spells(corpus, tmp_path, view):
    out = export(corpus, "gexf", tmp_path / "graph.gexf", "--view", view)
    root = ET.parse(out).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("{http://gexf.net/1.3}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    G = view_of(corpus, view)
    H = nx.read_gexf(out)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    dated_nodes = [node_id(n) for n, d in G.nodes(data=True) if d.get("start") or d.get("end")]
    for n in dated_nodes:
        assert H.nodes[n]["spells"] and all(date.match(s) for s in H.nodes[n]["spells"][0] if s != "None")
    dated_edges = {eid for eid, _, _, d in edge_table(G).rows if d.get("start") or d.get("end")}
    spelled = {d["id"] for *_, d in H.edges(data=True) if d.get("spells")}
    assert dated_edges == spelled and spelled
    if view != "stakeholders":
        assert dated_nodes, "events carry spells"
    assert all("color" in d["viz"] and d["viz"]["size"] >= 8 for _, d in H.nodes(data=True))
    assert all(isinstance(d["weight"], float) for *_, d in H.edges(data=True))


# -- CSV and Kumu: ids unique, edges resolve, stable ------------------------------------------------
def test_export_csv_ids_are_unique_and_every_edge_end_is_a_node(corpus, tmp_path):
    folder = export(corpus, "csv", tmp_path / "csv")
    assert sorted(p.name for p in folder.iterdir()) == ["edges.csv", "nodes.csv"]
    nodes, edges = read_csv(folder / "nodes.csv"), read_csv(folder / "edges.csv")
    assert list(nodes[0])[:4] == ["id", "label", "kind", "sector"]
    assert list(edges[0])[:5] == ["id", "source", "target", "relation", "role"]
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    assert len({e["id"] for e in edges}) == len(edges)
    assert all(e["source"] in set(ids) and e["target"] in set(ids) for e in edges)
    assert all(e["weight"].isdigit() for e in edges)
    raw = (folder / "edges.csv").read_bytes()
    assert b"\r\n" not in raw and raw.endswith(b"\n") and not raw.startswith(b"#")
    G = view_of(corpus)
    assert (len(nodes), len(edges)) == (G.number_of_nodes(), G.number_of_edges())


def test_export_kumu_ids_are_unique_and_every_connection_end_is_an_element(corpus, tmp_path):
    blueprint = json.loads(export(corpus, "kumu", tmp_path / "graph.json").read_text(encoding="utf-8"))
    elements, connections = blueprint["elements"], blueprint["connections"]
    ids = [e["id"] for e in elements] + [c["id"] for c in connections]
    assert len(ids) == len(set(ids)), "ids are unique across elements and connections"
    element_ids = {e["id"] for e in elements}
    assert all(c["from"] in element_ids and c["to"] in element_ids for c in connections)
    assert all(e["label"] and e["type"] and isinstance(e["tags"], list) for e in elements)
    assert all(c["type"] and c["direction"] == "undirected" and isinstance(c["weight"], int) for c in connections)
    assert any(e["tags"] for e in elements) and any(e["description"] for e in elements)


@pytest.mark.parametrize("fmt", [*NETWORK_FORMATS, "jsonld", "ttl", "trig", "nq"])
def test_export_twice_is_byte_identical(corpus, tmp_path, fmt):
    first, second = export(corpus, fmt, tmp_path / "a"), export(corpus, fmt, tmp_path / "b")
    if first.is_dir():
        assert sorted(p.name for p in first.iterdir()) == sorted(p.name for p in second.iterdir())
        for p in first.iterdir():
            assert p.read_bytes() == (second / p.name).read_bytes(), p.name
    else:
        assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "kumu"])
def test_export_ids_are_the_same_after_reingesting_into_a_fresh_store(curated, tmp_path, fmt):
    again = _ingest(tmp_path / "again", EXAMPLES / "curated")

    def ids(graph: Path, out: Path) -> tuple[list[str], list[str]]:
        path = export(graph, fmt, out)
        if fmt == "csv":
            return [n["id"] for n in read_csv(path / "nodes.csv")], [e["id"] for e in read_csv(path / "edges.csv")]
        doc = json.loads(path.read_text(encoding="utf-8"))
        return [e["id"] for e in doc["elements"]], [c["id"] for c in doc["connections"]]

    before, after = ids(curated, tmp_path / "before"), ids(again, tmp_path / "after")
    assert before == after
    assert ID + "person/oswar-mungkasa" not in before[0] and "person/oswar-mungkasa" in before[0]


# -- Neo4j ----------------------------------------------------------------------------------------
def test_export_neo4j_follows_the_import_tool_conventions(corpus, tmp_path):
    folder = export(corpus, "neo4j", tmp_path / "neo4j")
    assert sorted(p.name for p in folder.iterdir()) == ["import.cypher", "nodes.csv", "relationships.csv"]
    nodes, rels = read_csv(folder / "nodes.csv"), read_csv(folder / "relationships.csv")
    node_header, rel_header = list(nodes[0]), list(rels[0])
    assert node_header[0] == "id:ID" and node_header[-1] == ":LABEL"
    assert {"posts:string[]", "documents:string[]", "label", "kind"} <= set(node_header)
    assert rel_header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "weight:int" in rel_header
    ids = [n["id:ID"] for n in nodes]
    assert len(ids) == len(set(ids))
    assert all(r[":START_ID"] in set(ids) and r[":END_ID"] in set(ids) for r in rels)
    assert all(re.fullmatch(r"[A-Z0-9_]+", r[":TYPE"]) for r in rels)
    assert all(r["weight:int"].isdigit() for r in rels)
    cypher = (folder / "import.cypher").read_text(encoding="utf-8")
    labels = {label for n in nodes for label in n[":LABEL"].split(";")} - {"Entity"}
    assert labels >= {"Person", "Organisation"}
    for label in labels:
        assert f"MERGE (n:{label} {{id: row.`id:ID`}})" in cypher
    for type_ in {r[":TYPE"] for r in rels}:
        assert f"MERGE (a)-[r:{type_} {{id: row.id}}]->(b)" in cypher
    assert "\n" not in "".join(v for n in nodes for v in n.values())


# -- Cytoscape.js ---------------------------------------------------------------------------------
def test_export_cytoscape_is_cytoscape_js_json(corpus, tmp_path):
    doc = json.loads(export(corpus, "cytoscape", tmp_path / "graph.cyjs").read_text(encoding="utf-8"))
    assert set(doc) == {"data", "directed", "multigraph", "elements"}
    assert doc["directed"] is False and doc["data"]["view"] == "stakeholders"
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    node_ids = [n["data"]["id"] for n in nodes]
    assert len(node_ids) == len(set(node_ids)) and all(n["data"]["name"] == n["data"]["label"] for n in nodes)
    assert all({"id", "source", "target", "relation", "weight"} <= set(e["data"]) for e in edges)
    assert all(e["data"]["source"] in set(node_ids) and e["data"]["target"] in set(node_ids) for e in edges)
    assert all(isinstance(n["data"]["documents"], list) for n in nodes)
    G = view_of(corpus)
    assert (len(nodes), len(edges)) == (G.number_of_nodes(), G.number_of_edges())


# -- edges mean what they say (issue 21) ----------------------------------------------------------
#: The relations of the views that stand for one RDF property, from its subject to its object.
VIEW_PROPERTIES = {
    "attendee": "https://schema.org/attendee", "organizer": "https://schema.org/organizer",
    "learned-at": "http://www.w3.org/ns/prov#wasGeneratedBy", "learned-from": "https://w3id.org/jejaring/ns#learnedFrom",
    "relevant-to": "https://w3id.org/jejaring/ns#relevantTo", "exemplified-by": "https://w3id.org/jejaring/ns#exemplifiedBy",
    "adopted-in": "https://w3id.org/jejaring/ns#adoptedIn", "endorses": "https://w3id.org/jejaring/ns#endorses",
    "unit-of": "http://www.w3.org/ns/org#unitOf", "sub-organisation-of": "http://www.w3.org/ns/org#subOrganizationOf",
}


ORG, PROV, SCHEMA = PREFIXES["org"], PREFIXES["prov"], PREFIXES["schema"]


def _iri(nid: str) -> URIRef:
    return URIRef(nid if nid.startswith("http") else ID + nid)


def _property(relation: str) -> URIRef:
    """The RDF property behind a relation: a CURIE in the full view, a named relation in the others."""
    if relation in VIEW_PROPERTIES:
        return URIRef(VIEW_PROPERTIES[relation])
    prefix, local = relation.split(":", 1)
    return URIRef(str(PREFIXES[prefix]) + local)


@pytest.mark.parametrize("view", NETWORK_VIEWS)
def test_export_relationships_go_from_the_rdf_subject_to_its_object(corpus, tmp_path, view):
    triples = Graph().parse(export(corpus, "nt", tmp_path / "graph.nt"), format="nt")
    rels = read_csv(export(corpus, "neo4j", tmp_path / "neo4j", "--view", view) / "relationships.csv")
    edges = read_csv(export(corpus, "csv", tmp_path / "csv", "--view", view) / "edges.csv")
    assert [(r[":START_ID"], r[":END_ID"], r["id"]) for r in rels] == [(e["source"], e["target"], e["id"]) for e in edges]
    checked, facts = 0, set(triples)
    for r in rels:
        start, end, relation = _iri(r[":START_ID"]), _iri(r[":END_ID"]), r["relation"]
        if relation == "membership":  # the fact node at the end of the id: org:member the person, org:organization
            membership = _iri(r["id"].rsplit("|", 1)[1])
            assert {(membership, ORG.member, start), (membership, ORG.organization, end)} <= facts, r["id"]
        elif relation == "said":  # a statement prov:wasAttributedTo the agent, schema:about the lesson
            assert any((st, SCHEMA.about, end) in triples for st in triples.subjects(PROV.wasAttributedTo, start)), r["id"]
        elif relation != "co-attendance":
            assert (start, _property(relation), end) in triples, r["id"]
            checked += 1
    assert checked > (100 if view == "full" else 10)


def test_export_pseudonymised_relationships_keep_their_direction(corpus, tmp_path):
    rels = read_csv(export(corpus, "neo4j", tmp_path / "neo4j", "--pseudonymise") / "relationships.csv")
    starts = {r[":START_ID"] for r in rels if r[":TYPE"] == "MEMBERSHIP"}
    assert starts and all(s.startswith("person/") for s in starts)
    assert any(s.startswith("person/p-") for s in starts), "a pseudonymised person"


@pytest.mark.parametrize("view", ["participation", "lessons"])
def test_export_neo4j_has_a_relationship_per_relation(corpus, tmp_path, view):
    folder = export(corpus, "neo4j", tmp_path / "neo4j", "--view", view)
    rels = read_csv(folder / "relationships.csv")
    types = {r[":TYPE"] for r in rels}
    assert {"ATTENDEE", "ORGANIZER"} <= types and not [t for t in types if "ATTENDEE_" in t or "ENDORSES_" in t]
    assert all(r[":TYPE"] == re.sub(r"[^0-9A-Za-z]+", "_", r["relation"]).upper() for r in rels)
    pairs: dict[tuple[str, str], set[str]] = {}
    for r in rels:
        pairs.setdefault((r[":START_ID"], r[":END_ID"]), set()).add(r[":TYPE"])
    assert any({"ATTENDEE", "ORGANIZER"} <= found for found in pairs.values()), "an organiser who attended: two"
    assert "MERGE (a)-[r:ORGANIZER {id: row.id}]->(b)" in (folder / "import.cypher").read_text(encoding="utf-8")


def test_export_edge_ids_stay_when_a_later_document_adds_a_relation(tmp_path):
    event = "{id: forum, name: Forum Kota Tangguh, kind: Forum, start: 2019-05-02"
    for name, role in (("a", "attendees"), ("b", "organisers")):
        (tmp_path / f"{name}.yaml").write_text(
            f"language: id\nsource: {name}.txt\npersons:\n  - {{id: ani, name: Ani Wulandari}}\n"
            f"events:\n  - {event}, {role}: [ani]}}\n", encoding="utf-8")
    graph = _ingest(tmp_path / "graph", tmp_path / "a.yaml")

    def ids(out: str) -> tuple[list[str], list[str]]:
        neo4j = export(graph, "neo4j", tmp_path / out / "neo4j", "--view", "participation") / "relationships.csv"
        edges = export(graph, "csv", tmp_path / out / "csv", "--view", "participation") / "edges.csv"
        return [r["id"] for r in read_csv(neo4j)], [e["id"] for e in read_csv(edges)]

    before = ids("before")
    _ingest(graph, tmp_path / "b.yaml")
    attended = "event/2019-05-02-forum-kota-tangguh|attendee|person/ani-wulandari"
    organised = "event/2019-05-02-forum-kota-tangguh|organizer|person/ani-wulandari"
    assert before == ([attended], [attended])
    assert ids("after") == ([attended, organised], [attended, organised])


def test_export_gexf_keeps_parallel_edges_and_gives_their_periods_to_readers_without_spells(corpus, tmp_path):
    G = view_of(corpus)
    root = ET.parse(export(corpus, "gexf", tmp_path / "graph.gexf")).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    edges = root.findall(".//g:edge", ns)
    assert len(edges) == G.number_of_edges()
    # Gephi merges the edges of one kind between the same two nodes: every (pair, kind) is one edge
    merged = Counter((frozenset((e.get("source"), e.get("target"))), e.get("kind")) for e in edges)
    assert max(merged.values()) == 1
    parallel = Counter(frozenset((e.get("source"), e.get("target"))) for e in edges if e.get("label") == "membership")
    assert max(parallel.values()) > 1, "someone holds two posts in one organisation"
    for element in [*root.findall(".//g:node", ns), *edges]:
        spell = element.find("g:spells/g:spell", ns)
        values = {v.get("for"): v.get("value") for v in element.findall("g:attvalues/g:attvalue", ns)}
        bounds = {name: spell.get(name) for name in ("start", "end")} if spell is not None else {}
        assert {name: element.get(name) for name in ("start", "end")} == {**{"start": None, "end": None}, **bounds}
        assert {name: values.get(name) for name in ("start", "end")} == {**{"start": None, "end": None}, **bounds}
    assert sum(e.find("g:spells", ns) is not None for e in edges) > 100


# -- hand-built graphs: ids and escaping ----------------------------------------------------------
def _two_memberships() -> nx.MultiGraph:
    G = nx.MultiGraph(view="stakeholders")
    person, org = ID + "person/tri", ID + "organisation/bpbd"
    G.add_node(person, label="Tri\nIndrawan <b>&</b>\x0c", kind="person", sector="government", posts=["a|b"])
    G.add_node(org, label="BPBD", kind="organisation", sector="government")
    for m, role in (("membership/1", "Kepala"), ("membership/2", "Staf")):
        G.add_edge(person, org, key=ID + m, relation="membership", role=role, start="2019", end="", weight=1,
                   documents=["x.txt"])
    return G


def test_export_parallel_edges_get_distinct_stable_ids():
    rows = edge_table(_two_memberships()).rows
    assert [r[0] for r in rows] == ["organisation/bpbd|membership|person/tri|membership/1",
                                    "organisation/bpbd|membership|person/tri|membership/2"]


def test_export_lists_join_with_the_separator_escaped():
    assert join_list(["a|b", "c"]) == "a｜b|c"
    assert "a｜b" in to_csv(_two_memberships())["nodes.csv"]
    assert to_kumu(_two_memberships())["elements"][1]["posts"] == "a｜b"


def test_export_xml_formats_survive_markup_and_control_characters(tmp_path):
    G = _two_memberships()
    (tmp_path / "g.gexf").write_text(to_gexf(G), encoding="utf-8")
    (tmp_path / "g.graphml").write_text(to_graphml(G), encoding="utf-8")
    H = nx.read_gexf(tmp_path / "g.gexf")
    assert H.nodes["person/tri"]["label"] == "Tri Indrawan <b>&</b>"
    assert H.number_of_edges() == 2
    assert [d["spells"] for *_, d in H.edges(data=True)] == [[("2019-01-01", "None")]] * 2
    R = nx.read_graphml(tmp_path / "g.graphml")
    assert R.nodes["person/tri"]["label"] == "Tri\nIndrawan <b>&</b>"


def test_export_nquads_dumped_per_graph_in_threads_matches_one_writer_byte_for_byte(tmp_path):
    """Issue 23: the whole-store N-Quads export dumps graphs in threads; its bytes and order are one writer's."""
    ex = "https://example.org/"
    quads = []
    for g in range(40):  # more graphs than the threads keep in hand
        graph = ox.NamedNode(f"{ex}g{g:02d}") if g % 13 else ox.BlankNode(f"bg{g}")
        for i in range(25):
            quads += [ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p"), ox.Literal(f"line {g} .\n\tnext ."), graph),
                      ox.Quad(ox.BlankNode(f"b{g}x{i}"), ox.NamedNode(f"{ex}q"), ox.Literal("ü", language="id"), graph)]
    with open_graph(tmp_path / "store") as kg:
        kg.store.extend(quads)
        expected = io.BytesIO()
        ox.serialize(kg.quads(), expected, ox.RdfFormat.N_QUADS)
        kg.serialize(ours := io.BytesIO(), ox.RdfFormat.N_QUADS)
    assert expected.getvalue().count(b"\n") == len(quads) and ours.getvalue() == expected.getvalue()
