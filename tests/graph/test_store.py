from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from jejaring.errors import GraphLocationError
from jejaring.graph.export import write_rdf
from jejaring.graph.store import META_GRAPH, document_iri, open_graph
from jejaring.graph.terms import from_ox
from jejaring.ingest.batch import ingest_paths
from jejaring.ontology.namespaces import SCHEMA


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

        monkeypatch.setattr(kg, "store", _FailingDump(kg.store))
        with pytest.raises(RuntimeError):
            kg.save()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]  # no temp file left behind
    with open_graph(path, create=False) as kg:
        assert [d.identity for d in kg.documents()] == ["a.txt"]


class _FailingDump:
    """A store whose dump writes half the data and then fails, as a crash mid-save would."""

    def __init__(self, store):
        self._store = store

    def dump(self, out, *args, **kwargs):
        out.write(b"<https://example.org/half")
        raise RuntimeError("disk gone")

    def __getattr__(self, name):
        return getattr(self._store, name)


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
