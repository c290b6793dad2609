"""Network analysis: values on small graphs, determinism with a seed, formats and the ``analyse`` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from jejaring import cli as cli_module
from jejaring.cli import cli
from jejaring.errors import NetworkError
from jejaring.graph.views import analysis, project, visualise
from jejaring.graph.views.analysis import ANALYSIS_FORMATS, analyse, communities, node_centrality, simple_graph

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "network.trig"


def _sectors_graph() -> nx.Graph:
    """Two government offices linked to each other and to a broker, who also knows an NGO."""
    G = nx.Graph()
    for n, sector in (("gov1", "government"), ("gov2", "government"), ("broker", "government"),
                      ("ngo1", "ngo"), ("who", "unknown")):
        G.add_node(n, label=n.upper(), kind="person", sector=sector)
    G.add_edges_from([("gov1", "gov2"), ("gov1", "broker"), ("gov2", "broker"), ("broker", "ngo1"),
                      ("ngo1", "who")])
    return G


def test_analysis_values_on_a_small_graph():
    r = analyse(_sectors_graph())
    assert (r["node_count"], r["edge_count"]) == (5, 5)
    assert r["centrality"] == {"measure": "betweenness", "sampled": False, "k": None}
    first = r["nodes"][0]
    assert first == {
        "iri": "broker", "label": "BROKER", "kind": "person", "sector": "government", "degree": 3,
        "centrality": 0.666667, "community": first["community"], "component": 0,
        "sectors_spanned": ["government", "ngo"], "communities_spanned": first["communities_spanned"],
        "sector_brokerage": 2, "community_brokerage": first["community_brokerage"],
    }
    # the broker links NGO1 to GOV1 and GOV2, who are not linked to NGO1: two gaps bridged
    assert [(b["iri"], b["brokerage"], b["spans"]) for b in r["brokers"]["sectors"]] == [
        ("broker", 2, ["government", "ngo"])]
    assert r["components"] == [{"id": 0, "size": 5, "members": ["broker", "gov1", "gov2", "ngo1", "who"]}]


def test_analysis_brokers_between_communities():
    # two triangles joined through m, which Louvain puts with a, b, c
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "m"), ("m", "x")])
    r = analyse(G)
    assert [c["members"] for c in r["communities"]] == [["a", "b", "c", "m"], ["x", "y", "z"]]
    bridges = [(b["iri"], b["brokerage"], b["spans"]) for b in r["brokers"]["communities"]]
    # x joins m to y and z (2 unlinked pairs across communities), m joins c to x (1)
    assert bridges == [("x", 2, [0, 1]), ("m", 1, [0, 1])]
    assert r["nodes"][0]["iri"] == "m"  # the highest betweenness


def test_analysis_is_deterministic_with_a_seed():
    G = nx.les_miserables_graph()
    first = analyse(G, seed=7)
    assert analyse(G, seed=7) == first
    assert [c["members"] for c in first["communities"]] == [c["members"] for c in analyse(G, seed=7)["communities"]]
    assert [sorted(map(str, c)) for c in communities(G, seed=3)] == [
        sorted(map(str, c)) for c in communities(G, seed=3)]


def test_analysis_samples_betweenness_on_large_graphs(monkeypatch):
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_MAX", 20)
    monkeypatch.setattr(analysis, "SAMPLED_PIVOTS", 10)
    G = nx.barabasi_albert_graph(60, 2, seed=1)
    values, how = node_centrality(G, "betweenness", seed=5)
    assert how == {"measure": "betweenness", "sampled": True, "k": 10}
    assert node_centrality(G, "betweenness", seed=5)[0] == values
    assert analyse(G, seed=5)["centrality"]["sampled"] is True
    assert "estimated from 10 sampled pivots" in analysis.to_table(analyse(G, seed=5))


def test_analysis_betweenness_is_exact_up_to_the_threshold():
    at_limit = nx.path_graph(analysis.EXACT_BETWEENNESS_MAX)
    values, how = node_centrality(at_limit, "betweenness")
    assert how == {"measure": "betweenness", "sampled": False, "k": None}
    assert values == {n: round(v, 6) for n, v in nx.betweenness_centrality(at_limit).items()}
    _, how = node_centrality(nx.path_graph(analysis.EXACT_BETWEENNESS_MAX + 1), "betweenness")
    assert how == {"measure": "betweenness", "sampled": True, "k": analysis.SAMPLED_PIVOTS}


@pytest.mark.parametrize("measure", analysis.CENTRALITIES)
def test_analysis_centralities_on_a_multigraph(measure):
    G = nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "c"), ("c", "d"), ("x", "y")])
    values, how = node_centrality(G, measure)
    assert how["measure"] == measure
    assert set(values) == {"a", "b", "c", "d", "x", "y"}
    assert all(0.0 <= v <= 1.0 for v in values.values())


def test_analysis_merges_parallel_edges():
    S = simple_graph(nx.MultiGraph([("a", "b", {"weight": 2}), ("a", "b", {"weight": 3}), ("b", "b")]))
    assert list(S.edges(data=True)) == [("a", "b", {"weight": 5})]


def test_analysis_unknown_centrality():
    with pytest.raises(NetworkError, match="unknown centrality 'closeness'; choose one of betweenness, degree"):
        analyse(nx.path_graph(3), centrality="closeness")


def test_analysis_empty_graph():
    r = analyse(nx.Graph())
    assert (r["nodes"], r["communities"], r["components"]) == ([], [], [])


def test_analysis_formats():
    r = analyse(_sectors_graph(), centrality="degree")
    rows = list(csv.DictReader(io.StringIO(ANALYSIS_FORMATS["csv"](r))))
    assert list(rows[0]) == ["iri", "label", "kind", "sector", "degree", "degree_centrality", "community",
                             "component", "sectors_spanned", "communities_spanned", "sector_brokerage",
                             "community_brokerage"]
    assert rows[0]["iri"] == "broker" and rows[0]["sectors_spanned"] == "government;ngo"
    assert json.loads(ANALYSIS_FORMATS["json"](r, top=2))["nodes"][1]["iri"] in ("gov1", "gov2", "ngo1")
    assert len(json.loads(ANALYSIS_FORMATS["json"](r, top=2))["nodes"]) == 2
    table = ANALYSIS_FORMATS["table"](r)
    assert table.splitlines()[0] == "network: 5 nodes, 5 edges, 2 communities, 1 components; centrality: degree"
    assert "brokers between sectors:" in table and "BROKER" in table


# -- the command -------------------------------------------------------------------------------------
def test_analysis_cli_json(tmp_path):
    result = CliRunner().invoke(cli, ["analyse", "-g", str(FIXTURE), "--format", "json", "--centrality",
                                      "pagerank"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["view"], data["node_count"], data["edge_count"]) == ("stakeholders", 5, 8)
    assert data["centrality"]["measure"] == "pagerank"


def test_analysis_cli_csv_with_window_and_top():
    result = CliRunner().invoke(cli, ["analyse", "-g", str(FIXTURE), "--view", "participation", "--format",
                                      "csv", "--since", "2019", "--top", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("iri,label,kind,sector,degree,betweenness_centrality,")
    assert len(lines) == 3
    assert lines[1].startswith("https://w3id.org/jejaring/id/event/forum,Forum Kota,event,")


def test_analysis_cli_bad_date_is_one_line_exit_2():
    result = CliRunner().invoke(cli, ["analyse", "-g", str(FIXTURE), "--until", "soon"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --until 'soon' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n"


def test_analysis_cli_choices_match_the_api():
    assert cli_module.VIEWS == project.VIEWS
    assert cli_module.CENTRALITY_CHOICES == analysis.CENTRALITIES
    assert tuple(ANALYSIS_FORMATS) == cli_module.ANALYSIS_FORMAT_CHOICES
    assert cli_module.COLOR_BY_CHOICES == visualise.COLOR_BY
    assert cli_module.SIZE_BY_CHOICES == visualise.SIZE_BY
    assert ("html", *visualise.IMAGE_FORMATS) == cli_module.VIZ_FORMAT_CHOICES
