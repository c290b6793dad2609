"""Projections from the RDF graph to networkx: nodes, edges and attributes asserted by value."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from jejaring.errors import NetworkError
from jejaring.graph.store import open_graph
from jejaring.graph.views.project import ego_network, find_node, project
from jejaring.service import ingest_paths

ID = "https://w3id.org/jejaring/id/"
FIXTURE = Path(__file__).resolve().parents[2] / "data" / "network.trig"
PAYLOAD = "<img src=x onerror=alert(1)>"
EVIL_DOC = f"evil {PAYLOAD}.txt"

PEMPROV = ID + "organisation/pemerintah-provinsi-dki-jakarta"
BPPBJ = ID + "organisation/badan-pelayanan-pengadaan-barang-jasa-provinsi-dki-jakarta--pemerintah-provinsi-dki-jakarta"
BPBD = ID + "organisation/badan-penanggulangan-bencana-daerah-provinsi-dki-jakarta--pemerintah-provinsi-dki-jakarta"
PLAN = ID + "organisation/plan-international-indonesia"
SMG = ID + "organisation/seoul-metropolitan-government"
OSWAR = ID + "person/oswar-mungkasa"
BLESS = ID + "person/blessmiyanda"
DENNY = ID + "person/denny-aputra"
CLV = ID + "event/2018-03-19-cross-learning-visit-seoul"
DISKUSI = ID + "event/2019-06-13-diskusi-publik-hasil-pembelajaran-cross-learning-visit-seoul"


@pytest.fixture(scope="module")
def curated_graph(tmp_path_factory):
    """The curated example facts (YAML and CSV), ingested once into a dataset file."""
    examples = Path(__file__).resolve().parents[3] / "examples" / "curated"
    path = tmp_path_factory.mktemp("curated") / "graph.trig"
    with open_graph(path) as kg:
        report = ingest_paths(kg, [examples / "seoul-visit.yaml", examples / "stakeholders.csv"])
        assert not report.failed
        kg.save()
    return path


@pytest.fixture
def curated(curated_graph):
    with open_graph(curated_graph, create=False) as kg:
        yield kg


@pytest.fixture
def fixture_kg():
    with open_graph(FIXTURE, create=False) as kg:
        yield kg


def _edges(G: nx.Graph, relation: str | None = None) -> dict:
    """(u, v) (sorted) -> attributes, for edges of one relation."""
    out = {}
    for u, v, data in G.edges(data=True):
        if relation is None or data["relation"] == relation:
            out[tuple(sorted((u, v)))] = data
    return out


def _relations(G: nx.MultiGraph, u: str, v: str) -> set[str]:
    return {d["relation"] for d in G[u][v].values()}


def _labels(G: nx.Graph, kind: str) -> list[str]:
    return sorted(d["label"] for _, d in G.nodes(data=True) if d["kind"] == kind)


# -- the curated example -------------------------------------------------------------------------
def test_project_stakeholders_nodes_of_the_curated_example(curated):
    G = project(curated, "stakeholders")
    assert isinstance(G, nx.MultiGraph)
    assert _labels(G, "person") == ["Blessmiyanda", "Denny Aputra", "Fatmawati Wachju", "James Ballo",
                                    "Oswar Mungkasa", "Tri Indrawan", "Tri Mulyani Sunarharum"]
    assert _labels(G, "organisation") == [
        "Badan Pelayanan Pengadaan Barang/Jasa Provinsi DKI Jakarta",
        "Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta",
        "Dinas Lingkungan Hidup Provinsi DKI Jakarta",
        "Dinas Pemberdayaan Perlindungan Anak dan Pengendalian Penduduk",
        "Kelurahan Duri Utara",
        "Pemerintah Provinsi DKI Jakarta",
        "Plan International Indonesia",
        "Sekretariat Jakarta Berketahanan",
        "Seoul Metropolitan Government",
        "Yayasan Sayangi Tunas Cilik",
    ]
    assert G.nodes[BLESS] == {
        "iri": BLESS,
        "label": "Blessmiyanda",
        "kind": "person",
        "sector": "government",
        "start": "",
        "end": "",
        "posts": ["Asisten Deputi bidang Lingkungan Hidup, Pemerintah Provinsi DKI Jakarta (2018-03-19)",
                  "Kepala, Badan Pelayanan Pengadaan Barang/Jasa Provinsi DKI Jakarta (2019-06-13)"],
        "organisations": ["Badan Pelayanan Pengadaan Barang/Jasa Provinsi DKI Jakarta",
                          "Pemerintah Provinsi DKI Jakarta"],
        "documents": ["seoul-visit.yaml"],
        "quotes": [],
    }
    assert G.nodes[PLAN]["sector"] == "ngo"  # from the organisation kind (ngo)
    assert G.nodes[BPBD]["sector"] == "government"
    assert G.nodes[BPBD]["organisations"] == ["Pemerintah Provinsi DKI Jakarta"]
    assert G.nodes[BPBD]["posts"] == ["Staf: Tri Indrawan"]
    assert G.nodes[ID + "organisation/yayasan-sayangi-tunas-cilik"]["sector"] == "unknown"
    assert G.nodes[PEMPROV]["documents"] == ["seoul-visit.yaml", "stakeholders.csv"]
    assert G.graph == {"view": "stakeholders", "since": "", "until": "",
                       "documents": ["seoul-visit.yaml", "stakeholders.csv"]}


def test_project_stakeholders_edges_of_the_curated_example(curated):
    G = project(curated, "stakeholders")
    assert G.number_of_nodes() == 17
    assert G.number_of_edges() == 70
    memberships = [(G.nodes[u]["label"], G.nodes[v]["label"], d["role"], d["start"], d["end"])
                   for u, v, d in G.edges(data=True) if d["relation"] == "membership"]
    assert sorted(tuple(sorted(m[:2])) + m[2:] for m in memberships) == [
        ("Badan Pelayanan Pengadaan Barang/Jasa Provinsi DKI Jakarta", "Blessmiyanda", "Kepala",
         "2019-06-13", "2019-06-13"),
        ("Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta", "Tri Indrawan", "Staf", "", ""),
        ("Blessmiyanda", "Pemerintah Provinsi DKI Jakarta", "Asisten Deputi bidang Lingkungan Hidup",
         "2018-03-19", "2018-03-19"),
        ("Denny Aputra", "Kelurahan Duri Utara", "Lurah", "2018-01-01", ""),
        ("Dinas Pemberdayaan Perlindungan Anak dan Pengendalian Penduduk", "Fatmawati Wachju", "Staf", "", ""),
        ("James Ballo", "Plan International Indonesia", "", "", ""),
        ("Oswar Mungkasa", "Pemerintah Provinsi DKI Jakarta",
         "Deputi Gubernur bidang Tata Ruang dan Lingkungan Hidup", "2018-03-19", "2018-03-19"),
        ("Sekretariat Jakarta Berketahanan", "Tri Mulyani Sunarharum", "", "", ""),
    ]
    # a membership goes from the person; co-attendance has no direction
    assert all(G.nodes[d["subject"]]["kind"] == "person" for *_, d in G.edges(data=True) if d["relation"] == "membership")
    co = _edges(G, "co-attendance")
    assert co[tuple(sorted((OSWAR, PLAN)))] == {
        "relation": "co-attendance", "start": "2018-03-19", "end": "2019-06-13", "documents": ["seoul-visit.yaml"],
        "weight": 2, "events": ["Cross Learning Visit Seoul",
                                "Diskusi Publik Hasil Pembelajaran Cross Learning Visit Seoul"],
    }
    # the CSV adds Denny Aputra to the visit: the edge cites both files
    assert co[tuple(sorted((OSWAR, DENNY)))]["documents"] == ["seoul-visit.yaml", "stakeholders.csv"]
    assert co[tuple(sorted((OSWAR, DENNY)))]["weight"] == 1
    assert _edges(G, "unit-of")[tuple(sorted((BPBD, PEMPROV)))] == {
        "relation": "unit-of", "start": "", "end": "", "documents": ["seoul-visit.yaml"], "weight": 1,
        "subject": BPBD}
    assert len(_edges(G, "sub-organisation-of")) == 3
    assert G.degree(SMG) == 0


def test_project_participation_is_bipartite(curated):
    G = project(curated, "participation")
    assert type(G) is nx.MultiGraph
    events = {n for n, d in G.nodes(data=True) if d["bipartite"] == 1}
    assert events == {CLV, DISKUSI}
    assert all(G.nodes[n]["kind"] in ("person", "organisation") for n in set(G) - events)
    assert nx.is_bipartite(G)
    assert G.number_of_nodes() == 19 and G.number_of_edges() == 16
    assert dict(G[CLV][PEMPROV]) == {"organizer": {
        "relation": "organizer", "start": "2018-03-19", "end": "2018-03-23", "documents": ["seoul-visit.yaml"],
        "weight": 1, "subject": CLV}}
    assert G.edges[DISKUSI, BPPBJ, "attendee"]["subject"] == DISKUSI
    assert G.nodes[CLV]["start"] == "2018-03-19" and G.nodes[CLV]["end"] == "2018-03-23"
    assert G.nodes[CLV]["kind"] == "event" and G.nodes[CLV]["sector"] == "unknown"


def test_project_lessons_of_the_curated_example(curated):
    G = project(curated, "lessons")
    assert _labels(G, "lesson") == ["Kepemimpinan, komitmen pemerintah, dan konsistensi", "Perencanaan Terpadu"]
    assert _labels(G, "city") == ["Seoul"]
    assert _labels(G, "event") == ["Cross Learning Visit Seoul"]
    assert _labels(G, "programme") == ["Restorasi Sungai Cheonggye", "Strategi Ketahanan Kota Jakarta"]
    assert len(_labels(G, "person")) == 7
    relations = sorted((G.nodes[u]["label"], G.nodes[v]["label"], d["relation"]) for u, v, d in G.edges(data=True)
                       if "lesson" in (G.nodes[u]["kind"], G.nodes[v]["kind"]))
    assert relations == [
        ("Cross Learning Visit Seoul", "Kepemimpinan, komitmen pemerintah, dan konsistensi", "learned-at"),
        ("Cross Learning Visit Seoul", "Perencanaan Terpadu", "learned-at"),
        ("Kepemimpinan, komitmen pemerintah, dan konsistensi", "Restorasi Sungai Cheonggye", "exemplified-by"),
        ("Kepemimpinan, komitmen pemerintah, dan konsistensi", "Seoul", "learned-from"),
        ("Kepemimpinan, komitmen pemerintah, dan konsistensi", "Strategi Ketahanan Kota Jakarta", "adopted-in"),
        ("Perencanaan Terpadu", "Seoul", "learned-from"),
    ]


def test_project_full_has_fact_nodes(curated):
    G = project(curated, "full")
    kinds = {d["kind"] for _, d in G.nodes(data=True)}
    assert {"person", "organisation", "event", "lesson", "membership", "post", "city", "country",
            "programme"} <= kinds
    membership = next(n for n, d in G.nodes(data=True) if d["kind"] == "membership" and OSWAR in G[n])
    assert G.nodes[membership]["label"] == ("Oswar Mungkasa: Deputi Gubernur bidang Tata Ruang dan Lingkungan "
                                            "Hidup, Pemerintah Provinsi DKI Jakarta")
    assert {d["relation"] for d in G[membership][OSWAR].values()} == {"org:member"}
    assert G[membership][OSWAR]["org:member"]["start"] == "2018-03-19"


def test_project_is_deterministic(curated_graph):
    def snapshot():
        with open_graph(curated_graph, create=False) as kg:
            G = project(kg, "stakeholders")
        return list(G.nodes(data=True)), list(G.edges(keys=True, data=True))

    first = snapshot()
    assert snapshot() == first
    assert [n for n, _ in first[0]] == sorted(n for n, _ in first[0])


# -- time windows --------------------------------------------------------------------------------
def test_project_since_keeps_what_was_valid_after(curated):
    G = project(curated, "stakeholders", since="2019")
    assert G.graph["since"] == "2019-01-01" and G.graph["until"] == ""
    memberships = {(u, v) for u, v, d in G.edges(data=True) if d["relation"] == "membership"}
    assert tuple(sorted((BLESS, BPPBJ))) in {tuple(sorted(e)) for e in memberships}
    assert not G.has_edge(OSWAR, PEMPROV)  # his post is known only on 2018-03-19, the visit is 2018 too
    assert {tuple(d["events"]) for *_, d in G.edges(data=True) if d["relation"] == "co-attendance"} == {
        ("Diskusi Publik Hasil Pembelajaran Cross Learning Visit Seoul",)}
    assert G.has_edge(DENNY, ID + "organisation/kelurahan-duri-utara")  # from 2018-01-01, no end known
    assert SMG not in G  # nothing in the window
    assert G.nodes[OSWAR]["sector"] == "government"  # sectors do not change with the window


def test_project_until_drops_later_events(curated):
    G = project(curated, "participation", until="2018-12-31")
    assert DISKUSI not in G and CLV in G
    assert G.graph["until"] == "2018-12-31"


def test_project_window_on_the_fixture(fixture_kg):
    ani, evil = ID + "person/ani", ID + "person/evil"
    dlh, hijau = ID + "organisation/dlh", ID + "organisation/hijau"
    G = project(fixture_kg, "stakeholders")
    assert G[ani][evil]["co-attendance"]["weight"] == 2
    assert G[ani][evil]["co-attendance"]["events"] == ["Forum Kota", "Lokakarya Banjir"]

    later = project(fixture_kg, "stakeholders", since="2019-01-01")
    assert later[ani][evil]["co-attendance"]["weight"] == 1
    assert not later.has_edge(ani, hijau)  # only through the 2018 workshop
    assert _relations(later, evil, hijau) == {"membership"}  # open-ended from 2019-02-01
    assert _relations(later, ani, dlh) == {"co-attendance"}  # the 2017-2018 post is gone
    assert later.nodes[ani]["posts"] == []

    earlier = project(fixture_kg, "stakeholders", until="2018")
    assert _relations(earlier, ani, dlh) == {"membership"}
    assert _relations(earlier, evil, hijau) == {"co-attendance"}  # the membership starts in 2019

    # "2019-03" (a month) overlaps a window ending mid-March but not one ending in February
    assert ID + "event/forum" in project(fixture_kg, "participation", since="2019-03-15")
    assert ID + "event/forum" not in project(fixture_kg, "participation", until="2019-02")


def test_project_fixture_attributes(fixture_kg):
    G = project(fixture_kg, "stakeholders")
    evil = G.nodes[ID + "person/evil"]
    assert evil["label"] == PAYLOAD
    assert evil["sector"] == "ngo"
    assert evil["documents"] == [EVIL_DOC]
    assert evil["quotes"] == [f"“kata {PAYLOAD} dia” ({EVIL_DOC})"]
    assert evil["posts"] == ["Yayasan Hijau (2019-02-01 – …)"]
    assert G.nodes[ID + "organisation/tata-air"]["sector"] == "government"  # its parent's
    assert G.nodes[ID + "organisation/hijau"]["label"] == "Yayasan Hijau"
    assert G.graph["documents"] == [EVIL_DOC, "notes.txt"]


def test_project_lessons_with_endorsements_and_statements(fixture_kg):
    G = project(fixture_kg, "lessons")
    lesson = ID + "lesson/sumur"
    assert G[ID + "person/ani"][lesson]["endorses"] == {
        "relation": "endorses", "start": "", "end": "", "documents": ["notes.txt"], "weight": 1, "quotes": [],
        "subject": ID + "person/ani"}
    assert G[ID + "person/evil"][lesson]["said"] == {
        "relation": "said", "start": "2019-03", "end": "2019-03", "documents": [EVIL_DOC], "weight": 1,
        "quotes": [f"Ini {PAYLOAD} penting"], "subject": ID + "person/evil"}
    assert _labels(G, "city") == ["Surabaya"]
    assert _labels(G, "event") == ["Lokakarya Banjir"]
    assert _labels(G, "organisation") == ["Yayasan Hijau"]  # organised the workshop


# -- focus and errors ----------------------------------------------------------------------------
def test_project_ego_network_by_label_and_iri(curated):
    G = project(curated, "stakeholders")
    E = ego_network(G, "kelurahan duri utara", depth=1)
    assert sorted(E) == sorted([ID + "organisation/kelurahan-duri-utara", DENNY, PEMPROV])
    assert E.graph["focus"] == ID + "organisation/kelurahan-duri-utara" and E.graph["view"] == "stakeholders"
    assert len(ego_network(G, DENNY, depth=0)) == 1
    assert find_node(G, OSWAR) == OSWAR


@pytest.mark.parametrize(("call", "message"), [
    (lambda kg: project(kg, "friends"), "unknown view 'friends'; choose one of stakeholders, participation, "
                                        "lessons, full"),
    (lambda kg: project(kg, since="2019-13"), "--since '2019-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    (lambda kg: project(kg, until="last year"), "--until 'last year' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    (lambda kg: project(kg, since="2020", until="2019"), "--since 2020-01-01 is after --until 2019-12-31"),
    (lambda kg: ego_network(project(kg), "Seoul"), "'Seoul' is not in the stakeholders view; try another --view"),
])
def test_project_rejects_bad_input(curated, call, message):
    with pytest.raises(NetworkError) as info:
        call(curated)
    assert str(info.value) == message
    assert info.value.exit_code == 2


def test_project_a_person_whose_post_names_no_body_takes_the_sector_it_implies(tmp_path):
    doc = tmp_path / "pidato.txt"
    doc.write_text("Presiden Rina Marlina meresmikan jembatan baru di Kota Bogor pada 3 Mei 2024.\n")
    with open_graph(tmp_path / "graph.trig") as kg:
        assert not ingest_paths(kg, [doc]).failed
        G = project(kg, "stakeholders")
    assert G.nodes[ID + "person/rina-marlina"]["sector"] == "government"
