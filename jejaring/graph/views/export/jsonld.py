"""Compacted JSON-LD export of the union graph, with a context naming every prefix it uses.

The document holds the union of all graphs (as Turtle, N-Triples and RDF/XML do): one node object per
subject in ``@graph``, its properties and types as compact IRIs (``schema:name``, ``jjid:person/...``). Use
TriG or N-Quads to keep the named graphs (the source of every triple). The context maps only prefixes: every
IRI in the document is a compact IRI over one of them or a full IRI, and literals keep their datatype
(``{"@value": "2019-06-13", "@type": "xsd:date"}``) or language, so expanding the document gives back the
same triples.

The expanded form is built here from the store (pyld's own RDF reader is slow: 40 s for 15,000 triples),
then compacted with PyLD; the whole document is in memory, so prefer N-Quads for millions of triples.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

import pyoxigraph as ox

from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.views.export._network import write_chunks
from jejaring.ontology.namespaces import DOC, GRAPH, PREFIXES

__all__ = ["JSONLD_PREFIXES", "to_jsonld", "write_jsonld"]

#: Prefixes the context may name, in this order (the project's namespaces first); only those used are named.
JSONLD_PREFIXES: dict[str, str] = {**{k: str(v) for k, v in PREFIXES.items()}, "jjdoc": str(DOC),
                                   "jjgraph": str(GRAPH)}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_jsonld(kg: KnowledgeGraph) -> dict:
    """The union of the knowledge graph's graphs as a compacted JSON-LD document.

    Parameters
    ----------
    kg
        An open knowledge graph.

    Returns
    -------
    dict
        ``{"@context": {prefix: namespace, ...}, "@graph": [node objects sorted by @id]}``.

    Examples
    --------
    >>> from rdflib import Graph
    >>> from jejaring.graph.store import open_graph
    >>> g = Graph().parse(format="turtle", data='''
    ...     <https://w3id.org/jejaring/id/person/hendra-saputra> a <https://schema.org/Person> ;
    ...         <https://schema.org/name> "Hendra Saputra" . ''')
    >>> with open_graph("memory.trig") as kg:
    ...     _ = kg.replace_document("a.txt", g, sha256="sha256:0")
    ...     doc = to_jsonld(kg)
    >>> [n for n in doc["@graph"] if n["@id"] == "jjid:person/hendra-saputra"]
    [{'@id': 'jjid:person/hendra-saputra', '@type': 'schema:Person', 'schema:name': 'Hendra Saputra'}]
    """
    from pyld import jsonld

    triples = {(q.subject, q.predicate, q.object) for q in kg.quads()}
    context = _context(triples)
    compacted = jsonld.compact(_expanded(triples), {"@context": context})
    if "@graph" not in compacted:  # one node (or none): keep the same shape whatever the size
        node = {k: v for k, v in compacted.items() if k != "@context"}
        compacted = {"@context": context, "@graph": [node] if node else []}
    return compacted


def write_jsonld(kg: KnowledgeGraph, path: str | os.PathLike[str] | None = None) -> None:
    """Write :func:`to_jsonld` as indented JSON to ``path`` atomically (standard output when ``path`` is None)."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    write_chunks([*encoder.iterencode(to_jsonld(kg)), "\n"], path)


def _expanded(triples: set[tuple]) -> list[dict]:
    """Expanded JSON-LD: one node object per subject, subjects, properties and values sorted."""
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        subject = _id(s)
        if p.value == _RDF_TYPE and not isinstance(o, ox.Literal):
            nodes[subject]["@type"].append(_id(o))
        else:
            nodes[subject][p.value].append(_value(o))
    out = []
    for subject in sorted(nodes):
        node: dict = {"@id": subject}
        for prop in sorted(nodes[subject]):
            values = nodes[subject][prop]
            node[prop] = sorted(values) if prop == "@type" else sorted(values, key=_value_key)
        out.append(node)
    return out


def _context(triples: set[tuple]) -> dict[str, str]:
    """The prefixes whose namespace starts some IRI of the triples (longest namespace wins)."""
    by_length = sorted(JSONLD_PREFIXES.items(), key=lambda kv: -len(kv[1]))
    used: set[str] = set()
    iris: set[str] = set()
    for triple in triples:
        for term in triple:
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    for iri in iris:
        for prefix, ns in by_length:
            if iri.startswith(ns) and len(iri) > len(ns):
                used.add(prefix)
                break
    return {prefix: ns for prefix, ns in JSONLD_PREFIXES.items() if prefix in used}


def _id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _value(term) -> dict:
    if not isinstance(term, ox.Literal):
        return {"@id": _id(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value in (_XSD_STRING, _LANG_STRING):
        return {"@value": term.value}
    return {"@value": term.value, "@type": term.datatype.value}


def _value_key(value: dict) -> tuple[str, str, str, str]:
    return (value.get("@id", ""), value.get("@value", ""), value.get("@type", ""), value.get("@language", ""))
