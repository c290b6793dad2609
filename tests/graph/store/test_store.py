from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from jejaring.errors import GraphLocationError
from jejaring.graph.store import open_graph
from jejaring.graph.store.base import IMPORTED_GRAPH, DocumentGraph
from jejaring.graph.store.local import union_is_kept
from jejaring.graph.store.meta import META_GRAPH, record_retired, set_rebuilding
from jejaring.graph.store.terms import from_ox, to_ox
from jejaring.graph.views.export import write_rdf
from jejaring.ontology.namespaces import SCHEMA, document_iri
from jejaring.service import ingest_paths


def _doc_graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"https://example.org/p{i}"), RDF.type, SCHEMA.Person))
        g.add((URIRef(f"https://example.org/p{i}"), SCHEMA.name, Literal(f"Person {i}")))
    return g


@pytest.mark.parametrize("location", ["store", "graph.trig", "graph.nq"])
def test_store_round_trip_export_then_load_is_isomorphic(tmp_path, curated_dir, location):
    with open_graph(tmp_path / location) as kg:
        ingest_paths(kg, [curated_dir])
        before = kg.comparable_quads()
        write_rdf(kg, "trig", tmp_path / "out.trig")
    with open_graph(tmp_path / "out.trig", create=False) as again:
        assert again.comparable_quads() == before
    # and the file-backed stores reopen with the same content
    with open_graph(tmp_path / location, create=False) as reopened:
        assert reopened.comparable_quads() == before


def test_store_round_trip_through_rdflib_is_isomorphic(tmp_path, curated_dir):
    with open_graph(tmp_path / "g.trig") as kg:
        ingest_paths(kg, [curated_dir])
        write_rdf(kg, "ttl", tmp_path / "union.ttl")
        union = Graph()
        for q in kg.quads():
            union.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    parsed = Graph().parse(tmp_path / "union.ttl", format="turtle")
    assert isomorphic(parsed, union)


def test_store_replacing_a_document_leaves_the_others_untouched(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(3), sha256="sha256:" + "a" * 64)
        kg.replace_document("b.txt", _doc_graph(2), sha256="sha256:" + "b" * 64)
        b_before = set(kg.quads(document_iri("b.txt")))
        kg.replace_document("a.txt", _doc_graph(5), sha256="sha256:" + "c" * 64)
        assert set(kg.quads(document_iri("b.txt"))) == b_before
        assert len(list(kg.quads(document_iri("a.txt")))) == 10
        assert [d.identity for d in kg.documents()] == ["a.txt", "b.txt"]
        assert kg.document_hash("a.txt") == "sha256:" + "c" * 64


def test_store_remove_document_drops_graph_and_meta(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(3), sha256="sha256:" + "a" * 64, text="hello")
        assert kg.document_text("a.txt") == "hello"
        assert kg.remove_document("a.txt")
        assert not kg.remove_document("a.txt")
        assert len(kg) == 0


def test_store_interrupted_save_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "g.trig"
    with open_graph(path) as kg:
        kg.replace_document("a.txt", _doc_graph(2), sha256="sha256:" + "a" * 64)
        kg.save()
    before = path.read_bytes()
    with open_graph(path) as kg:
        kg.replace_document("b.txt", _doc_graph(4), sha256="sha256:" + "b" * 64)

        monkeypatch.setattr(kg, "quads", _half_then_fail(kg.quads))
        with pytest.raises(RuntimeError):
            kg.save()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]  # no temp file left behind
    with open_graph(path, create=False) as kg:
        assert [d.identity for d in kg.documents()] == ["a.txt"]


def _half_then_fail(quads):
    """A ``quads`` that gives the first quad and then fails, as a crash mid-save would."""

    def failing(*args):
        yield next(iter(quads(*args)))
        raise RuntimeError("disk gone")

    return failing


def test_store_interrupted_replace_keeps_the_previous_document(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(2), sha256="sha256:" + "a" * 64)
        before = kg.comparable_quads()

        def crash(*args, **kwargs):
            raise KeyboardInterrupt  # stopped after staging, before the swap

        kg.store = _Proxy(kg.store, update=crash)
        with pytest.raises(KeyboardInterrupt):
            kg.replace_document("a.txt", _doc_graph(7), sha256="sha256:" + "b" * 64)
        kg.store = kg.store._store
    with open_graph(tmp_path / "store") as kg:  # reopening drops the staged leftovers
        assert kg.comparable_quads() == before


def test_store_replace_graph_writes_only_what_changed_and_keeps_the_union(tmp_path):
    graph = "https://example.org/graph/derived"
    with open_graph(tmp_path / "store") as kg:
        store, updates = kg.store, []
        kg.store = _Proxy(store, update=lambda *args: (updates.append(args), store.update(*args)))
        kg.replace_document("a.txt", _doc_graph(1), sha256="sha256:a")  # states p0's type and name
        kg.replace_graph(graph, _doc_graph(3).serialize(format="nt") + '_:b <https://example.org/p> "x" .\n')
        assert union_is_kept(kg)
        updates.clear()
        kg.replace_graph(graph, _doc_graph(3).serialize(format="nt"))  # the blank-node triple goes
        assert len(updates) == 1 and union_is_kept(kg)
        updates.clear()
        kg.replace_graph(graph, _doc_graph(3).serialize(format="nt"))
        assert updates == []  # nothing differs: nothing is written
        kg.replace_graph(graph, _doc_graph(1).serialize(format="nt") + '_:c <https://example.org/p> "y" .\n')
        assert union_is_kept(kg)
        in_graph = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
        assert sorted(t.object.value for t in in_graph) == ["Person 0", str(SCHEMA.Person), "y"]
        kg.replace_graph(graph, "")
        assert union_is_kept(kg)  # p0's triples stay in the union: a.txt states them
        assert ox.Quad(ox.NamedNode("https://example.org/p0"), ox.NamedNode(str(SCHEMA.name)), ox.Literal("Person 0"),
                       ox.DefaultGraph()) in store
        assert not list(store.quads_for_pattern(ox.NamedNode("https://example.org/p2"), None, None, None))
        kg.store = store


def test_store_write_documents_in_background_batches_stops_at_a_failed_batch(tmp_path):
    graphs = [DocumentGraph.of(f"{i}.txt", _doc_graph(2), sha256=f"sha256:{i}") for i in range(7)]
    with open_graph(tmp_path / "store") as kg:
        kg.write_documents([*graphs[:5], DocumentGraph.of("0.txt", _doc_graph(1), sha256="sha256:new")], batch=2)
        assert {r.identity for r in kg.documents()} == {f"{i}.txt" for i in range(5)}
        assert kg.document_hash("0.txt") == "sha256:new" and union_is_kept(kg)
        store, loads = kg.store, []

        def fail_third(*args, **kwargs):
            loads.append(args)
            if len(loads) == 3:
                raise OSError("disk full")
            return store.bulk_load(*args, **kwargs)

        kg.store = _Proxy(store, bulk_load=fail_third)
        with pytest.raises(OSError, match="disk full"):
            kg.write_documents((DocumentGraph.of(f"n{i}.txt", _doc_graph(2), sha256=f"sha256:n{i}")
                                for i in range(6)), batch=2)
        kg.store = store
        stored = {r.identity for r in kg.documents()}
        assert {"n0.txt", "n1.txt"} <= stored and not stored & {"n2.txt", "n3.txt", "n4.txt", "n5.txt"}


class _Proxy:
    def __init__(self, store, **overrides):
        self._store, self._overrides = store, overrides

    def __getattr__(self, name):
        return self._overrides.get(name) or getattr(self._store, name)


def test_store_meta_graph_records_hash_and_language(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(1), sha256="sha256:" + "a" * 64, language="en")
        [record] = kg.documents()
        assert (record.identity, record.language, record.triples) == ("a.txt", "en", 2)
        assert any(q.graph_name.value == str(META_GRAPH) for q in kg.quads())


def test_store_rejects_a_triple_format_as_graph_location(tmp_path):
    (tmp_path / "g.ttl").write_text("")
    with pytest.raises(GraphLocationError, match="cannot hold the named graphs"):
        open_graph(tmp_path / "g.ttl")


def test_store_dataset_view_queries_the_union(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(2), sha256="sha256:" + "a" * 64)
        rows = list(kg.dataset().query("SELECT ?n WHERE { ?p <https://schema.org/name> ?n } ORDER BY ?n"))
        assert [str(r[0]) for r in rows] == ["Person 0", "Person 1"]


def test_store_default_graph_is_the_union_after_every_kind_of_write(tmp_path, curated_dir):
    shared_triple = (URIRef("https://example.org/p0"), RDF.type, SCHEMA.Person)
    with open_graph(tmp_path / "store") as kg:
        ingest_paths(kg, [curated_dir])  # bulk writes, meta records, curated and derived graphs
        assert union_is_kept(kg)
        kg.write_documents([DocumentGraph.of("a.txt", _doc_graph(3), sha256="sha256:a"),
                            DocumentGraph.of("b.txt", _doc_graph(2), sha256="sha256:b")])
        assert union_is_kept(kg)
        kg.replace_document("a.txt", _doc_graph(1), sha256="sha256:c")  # p1, p2 only in a.txt: gone
        assert union_is_kept(kg)
        assert kg.remove_document("b.txt")  # p0 is still stated by a.txt
        assert union_is_kept(kg)
        assert ox.Quad(*(to_ox(t) for t in shared_triple), ox.DefaultGraph()) in kg.store
        assert kg.remove_document("a.txt")
        assert union_is_kept(kg)
        assert ox.Quad(*(to_ox(t) for t in shared_triple), ox.DefaultGraph()) not in kg.store
        set_rebuilding(kg, True)
        record_retired(kg, {"https://example.org/old": "https://example.org/new"})
        assert union_is_kept(kg)
        set_rebuilding(kg, False)
        assert union_is_kept(kg)
        assert len(kg) == len(list(kg.quads()))  # the union is not counted as quads


def test_store_queries_and_exports_see_the_union_once(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(2), sha256="sha256:a")
        kg.replace_document("b.txt", _doc_graph(2), sha256="sha256:b")
        rows = list(kg.query("SELECT ?n WHERE { ?p <https://schema.org/name> ?n } ORDER BY ?n"))
        assert [r["n"].value for r in rows] == ["Person 0", "Person 1"]  # stated twice, matched once
        graphs = {r["g"].value for r in kg.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
        assert graphs == {str(document_iri("a.txt")), str(document_iri("b.txt")), str(META_GRAPH)}
        write_rdf(kg, "nq", tmp_path / "out.nq")
        write_rdf(kg, "nt", tmp_path / "out.nt")
    lines = (tmp_path / "out.nq").read_text().splitlines()
    assert len(lines) == len(set(lines)) and all(line.rstrip(" .").endswith(">") for line in lines)
    assert all(str(META_GRAPH) in line or "/doc/" in line.rsplit("<", 1)[-1] for line in lines)
    assert sum("Person 0" in line for line in (tmp_path / "out.nt").read_text().splitlines()) == 1


def test_store_reopening_after_a_crash_prunes_the_union(tmp_path):
    """A document bulk-loaded with its union triples but no meta record (a crash before the record went
    in, during a rebuild) is dropped at open, and so are the union triples only it held."""
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(1), sha256="sha256:a")
        before = kg.comparable_quads()
        set_rebuilding(kg, True)
        half = DocumentGraph.of("b.txt", _doc_graph(3), sha256="sha256:b")
        kg.store.bulk_load(half.nquads(), ox.RdfFormat.N_QUADS)
        kg.store.bulk_load(half.ntriples, ox.RdfFormat.N_TRIPLES)
    with open_graph(tmp_path / "store") as kg:
        assert union_is_kept(kg)
        assert {q for q in kg.comparable_quads() if q[3] != ox.NamedNode(str(META_GRAPH))} == {
            q for q in before if q[3] != ox.NamedNode(str(META_GRAPH))}


def test_store_written_before_the_union_was_kept_gets_it_at_open(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _doc_graph(2), sha256="sha256:a")
        kg.store.clear_graph(ox.DefaultGraph())  # as an older jejaring left it
    with open_graph(tmp_path / "store") as kg:
        assert len(kg.store) > len(kg) and union_is_kept(kg)


def test_store_dataset_file_default_graph_goes_into_a_named_graph(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text('<https://example.org/x> <https://schema.org/name> "X" .\n'
                    '<https://example.org/g> { <https://example.org/y> <https://schema.org/name> "Y" . }\n')
    with open_graph(path) as kg:
        assert {r["n"].value for r in kg.query("SELECT ?n WHERE { ?s <https://schema.org/name> ?n }")} == {"X", "Y"}
        assert {g.value for g in kg.store.named_graphs()} == {str(IMPORTED_GRAPH), "https://example.org/g"}
        kg.save()
    with open_graph(path) as kg:
        assert len(kg) == 2 and union_is_kept(kg)


def _annotated_graph() -> Graph:
    """A person with one evidence span: an annotation, its target and its two selectors (issue 23)."""
    ann = URIRef("https://w3id.org/jejaring/id/annotation/0123456789abcdef")
    g = _doc_graph(1)
    rows = f"""@prefix oa: <http://www.w3.org/ns/oa#> .
        <{ann}> a oa:Annotation ; oa:hasBody <https://example.org/p0> ; oa:hasTarget <{ann}#target> .
        <{ann}#target> a oa:SpecificResource ; oa:hasSource <{document_iri("a.txt")}> ;
            oa:hasSelector <{ann}#position>, <{ann}#quote> .
        <{ann}#position> a oa:TextPositionSelector ; oa:start 0 ; oa:end 8 .
        <{ann}#quote> a oa:TextQuoteSelector ; oa:exact "Person 0" ."""
    g.parse(data=rows, format="turtle")
    return g


def _evidence_in_union(kg) -> int:
    return sum("/annotation/" in q.subject.value for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.mark.parametrize("location", ["store", "graph.trig"])
def test_store_union_leaves_out_the_evidence_the_document_graph_keeps(tmp_path, location):
    with open_graph(tmp_path / location) as kg:
        kg.replace_document("a.txt", _annotated_graph(), sha256="sha256:a")
        kg.write_documents([DocumentGraph.of("b.txt", _annotated_graph(), sha256="sha256:b")])
        kg.save()
        assert union_is_kept(kg) and _evidence_in_union(kg) == 0
        assert len(list(kg.quads(document_iri("a.txt")))) == 2 + 12
        assert kg.query("ASK { <https://example.org/p0> <https://schema.org/name> ?n }")
        write_rdf(kg, "nt", tmp_path / "out.nt")
    with open_graph(tmp_path / location, create=False) as kg:  # a dataset file is loaded: the same rule
        assert union_is_kept(kg) and _evidence_in_union(kg) == 0
    lines = (tmp_path / "out.nt").read_text().splitlines()  # a triple format still gets the evidence, once
    assert len(lines) == len(set(lines)) and set(_annotated_graph()) <= set(Graph().parse(tmp_path / "out.nt"))


def test_store_whose_union_holds_evidence_loses_it_at_open(tmp_path):
    with open_graph(tmp_path / "store") as kg:
        kg.replace_document("a.txt", _annotated_graph(), sha256="sha256:a")
        kg.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # as an older jejaring kept it
        assert _evidence_in_union(kg) == 12
    with open_graph(tmp_path / "store") as kg:
        assert _evidence_in_union(kg) == 0 and union_is_kept(kg)
        assert len(list(kg.quads(document_iri("a.txt")))) == 2 + 12


def test_store_preferred_label_is_the_name_most_documents_use(tmp_path):
    texts = {"a.txt": "Kementerian Keuangan RI menyiapkan anggaran banjir.",
             "b.txt": "Kementerian Keuangan menyalurkan dana ke daerah.",
             "c.txt": "Kementerian Keuangan menilai inflasi terkendali.",
             "d.txt": "KPK memeriksa saksi pengadaan.",
             "e.txt": "KPK menahan dua tersangka.",
             "f.txt": "Juru bicara Komisi Pemberantasan Korupsi (KPK) menggelar konferensi pers."}
    for name, text in texts.items():
        (tmp_path / name).write_text(text + "\n")
    with open_graph(tmp_path / "graph.trig") as kg:
        assert not ingest_paths(kg, sorted(tmp_path.glob("*.txt"))).failed
        pref = {row["s"].value.rsplit("/", 1)[-1]: row["l"].value for row in kg.query(
            "SELECT ?s ?l WHERE { GRAPH ?g { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }")}
    assert pref["kemenkeu"] == "Kementerian Keuangan"  # two documents against one's longer slip
    assert pref["kpk"] == "Komisi Pemberantasan Korupsi"  # an acronym in capitals only where no name is written
