"""Namespace constants of the jejaring model (see MODEL.md): standard vocabularies first."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

__all__ = [
    "DCT",
    "DOC",
    "FOAF",
    "GRAPH",
    "ID",
    "JJ",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "TIME",
    "XSD",
    "document_iri",
]

JJ = Namespace("https://w3id.org/jejaring/ns#")
ID = Namespace("https://w3id.org/jejaring/id/")
DOC = Namespace("https://w3id.org/jejaring/doc/")
GRAPH = Namespace("https://w3id.org/jejaring/graph/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DCT = DCTERMS


def document_iri(identity: str) -> URIRef:
    """The IRI of a document and of its named graph, from its identity (relative path or URL).

    >>> str(document_iri("reports/2019 06.txt"))
    'https://w3id.org/jejaring/doc/reports/2019%2006.txt'
    """
    return DOC[quote(identity, safe="/:._-~")]


PREFIXES: dict[str, Namespace] = {
    "jj": JJ,
    "jjid": ID,
    "schema": SCHEMA,
    "org": ORG,
    "oa": OA,
    "prov": PROV,
    "foaf": FOAF,
    "skos": SKOS,
    "time": TIME,
    "dct": DCT,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "void": VOID,
}
