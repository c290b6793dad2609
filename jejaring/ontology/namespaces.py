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
    "LABEL_PREDICATES",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SHOWN_LABEL_PREDICATES",
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

#: What counts as a label: every property whose literal names a resource (a name, preferred label, alias,
#: misspelling or acronym). Finding an entity by name, pseudonymising a person and scoring extraction read all.
#: The first ones are also the labels fit to show, best first (:data:`SHOWN_LABEL_PREDICATES`).
LABEL_PREDICATES = (SCHEMA.name, SKOS.prefLabel, RDFS.label, SKOS.altLabel, JJ.acronym,
                    SKOS.hiddenLabel, FOAF.name, SCHEMA.alternateName)
#: The labels a view shows, best first: a node is shown by the first of these it has. A narrower set because
#: misspellings (``skos:hiddenLabel``) are matched, never shown, and the names other tools write
#: (``foaf:name``, ``schema:alternateName``) are matched while a view shows the ones jejaring writes.
SHOWN_LABEL_PREDICATES = LABEL_PREDICATES[:5]


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
