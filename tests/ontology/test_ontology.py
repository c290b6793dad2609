"""The ontology, the SKOS schemes and the shapes parse and are complete."""

from __future__ import annotations

from importlib.resources import files

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from jejaring.ontology import ontology_graph, shapes_graph
from jejaring.ontology.namespaces import DCT, ID, JJ, OWL, RDF, RDFS, SH, SKOS

ONTOLOGY_IRI = URIRef("https://w3id.org/jejaring/ns")

THEMES = {
    "leadership", "integrated-planning", "participation", "inclusion", "collaboration-governance",
    "disaster-preparedness", "environment", "mobility", "housing-settlements", "water-sanitation",
    "public-health", "economy-livelihoods", "education-youth", "children", "data-technology",
    "capacity-building", "financing", "culture-heritage", "public-services",
}  # fmt: skip
ORG_KINDS = {
    "city-government", "provincial-government", "regency-government", "national-government", "ministry",
    "national-agency", "dinas", "suku-dinas", "badan", "biro", "bagian", "sekretariat", "inspektorat",
    "kantor", "unit", "kecamatan", "kelurahan", "desa", "parliament", "state-enterprise", "company", "ngo",
    "foundation", "community-group", "university", "research-institute", "international-organisation",
    "international-network", "foreign-government", "donor-agency", "programme-secretariat", "court", "prosecutor",
    "police", "military", "political-party", "association", "religious-organisation", "trade-union",
    "business-association",
}  # fmt: skip
SECTORS = {"government", "ngo", "international", "private", "academic", "community"}

EXPECTED_TERMS = {
    "Lesson", "Statement", "LearningVisit", "PublicDiscussion", "Workshop", "Forum", "Meeting",
    "PublicConsultation", "Summit", "Congress", "Conference", "Training", "Seminar", "Ceremony", "Session",
    "sector", "post", "learnedFrom", "relevantTo", "exemplifiedBy", "adoptedIn", "endorses", "extractedFrom",
    "acronym", "stance", "rule", "confidence",
}  # fmt: skip


def _parse(name: str) -> Graph:
    text = files("jejaring.ontology").joinpath(name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse("jejaring.ttl")


def _languages(graph: Graph, subject: URIRef, prop: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, prop) if isinstance(o, Literal)}


def _jj_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(JJ))}


@pytest.mark.parametrize("name", ["jejaring.ttl", "themes.ttl", "kinds.ttl", "shapes.ttl"])
def test_ontology_files_parse(name):
    assert len(_parse(name)) > 0


def test_ontology_header_has_version_title_and_description(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert {"en", "id"} <= _languages(ontology, ONTOLOGY_IRI, DCT.title)
    assert {"en", "id"} <= _languages(ontology, ONTOLOGY_IRI, DCT.description)


def test_ontology_declares_exactly_the_expected_terms(ontology):
    assert {str(term)[len(JJ) :] for term in _jj_terms(ontology)} == EXPECTED_TERMS


@pytest.mark.parametrize("term", sorted(EXPECTED_TERMS))
def test_ontology_term_is_labelled_commented_and_anchored(ontology, term):
    iri = JJ[term]
    assert {"en", "id"} <= _languages(ontology, iri, RDFS.label)
    assert {"en", "id"} <= _languages(ontology, iri, RDFS.comment)
    supers = set(ontology.objects(iri, RDFS.subClassOf)) | set(ontology.objects(iri, RDFS.subPropertyOf))
    assert any(not str(s).startswith(str(JJ)) for s in supers), f"{term} has no standard super-term"
    assert ontology.value(iri, RDF.type) in {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                             OWL.AnnotationProperty}  # fmt: skip


@pytest.mark.parametrize(
    ("scheme", "kind", "ids"),
    [("theme", "theme", THEMES), ("org-kind", "org-kind", ORG_KINDS), ("sector", "sector", SECTORS)],
)
def test_ontology_scheme_has_exactly_the_ids_with_labels(scheme, kind, ids):
    graph = ontology_graph()
    scheme_iri = ID[f"scheme/{scheme}"]
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(SKOS.inScheme, scheme_iri))
    assert {str(c).removeprefix(str(ID[f"{kind}/"])) for c in concepts} == ids
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert {"en", "id"} <= _languages(graph, concept, SKOS.prefLabel), concept
        assert "en" in _languages(graph, concept, SKOS.definition), concept
        on_top = (concept, SKOS.topConceptOf, scheme_iri) in graph
        broader = set(graph.objects(concept, SKOS.broader))
        assert on_top or (broader and broader <= concepts), concept


def _shapes_to_check(shapes: Graph) -> set:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.subjects(SH.path, None))
    return node_shapes | property_shapes


def test_ontology_shapes_each_have_a_name_and_message():
    shapes = shapes_graph()
    checked = _shapes_to_check(shapes)
    assert len(checked) > 40
    for shape in checked:
        named = shapes.value(shape, SH.name) is not None or not isinstance(shape, BNode)
        assert named, f"shape without a name: {shape}"
        assert shapes.value(shape, SH.message) is not None, f"shape without a message: {shape}"


@pytest.mark.parametrize(
    "shape",
    [
        "PersonShape", "OrganizationShape", "OrganizationTypeShape", "PostShape", "RoleShape",
        "MembershipShape", "IntervalShape", "InstantShape", "PlaceShape", "ProjectShape", "EventShape",
        "LessonShape", "StatementShape", "ConceptShape", "DocumentShape", "EvidenceShape", "AnnotationShape",
        "SpecificResourceShape", "TextPositionSelectorShape", "TextQuoteSelectorShape",
    ],
)  # fmt: skip
def test_ontology_shapes_cover_each_class(shape):
    shapes = shapes_graph()
    assert (JJ[shape], RDF.type, SH.NodeShape) in shapes
    assert any(shapes.objects(JJ[shape], target) for target in (SH.targetClass, SH.targetSubjectsOf))
