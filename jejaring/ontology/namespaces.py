"""Namespace constants of the jejaring model (see MODEL.md): standard vocabularies first."""

from __future__ import annotations

from rdflib import Namespace
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
