"""validate_dataset: a valid dataset conforms, each broken one is reported on the right shape and node."""

from __future__ import annotations

import pytest
from rdflib import Dataset, URIRef

from jejaring.ontology import ValidationReport, Violation, format_violation, shapes_graph, validate_dataset
from jejaring.ontology.namespaces import ID, SH
from jejaring.ontology.validate import shape_name

PREFIXES = """
PREFIX jj: <https://w3id.org/jejaring/ns#>
PREFIX annotation: <https://w3id.org/jejaring/id/annotation/>
PREFIX city: <https://w3id.org/jejaring/id/city/>
PREFIX country: <https://w3id.org/jejaring/id/country/>
PREFIX event: <https://w3id.org/jejaring/id/event/>
PREFIX interval: <https://w3id.org/jejaring/id/interval/>
PREFIX lesson: <https://w3id.org/jejaring/id/lesson/>
PREFIX membership: <https://w3id.org/jejaring/id/membership/>
PREFIX person: <https://w3id.org/jejaring/id/person/>
PREFIX post: <https://w3id.org/jejaring/id/post/>
PREFIX project: <https://w3id.org/jejaring/id/project/>
PREFIX role: <https://w3id.org/jejaring/id/role/>
PREFIX sector: <https://w3id.org/jejaring/id/sector/>
PREFIX statement: <https://w3id.org/jejaring/id/statement/>
PREFIX theme: <https://w3id.org/jejaring/id/theme/>
PREFIX orgid: <https://w3id.org/jejaring/id/org/>
PREFIX kind: <https://w3id.org/jejaring/id/org-kind/>
PREFIX doc: <https://w3id.org/jejaring/doc/>
PREFIX graph: <https://w3id.org/jejaring/graph/>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

VALID = (
    PREFIXES
    + """
GRAPH graph:meta {
    <https://w3id.org/jejaring/doc/seoul-visit.txt> a foaf:Document , schema:NewsArticle ;
        dct:title "Kunjungan belajar ke Seoul"@id ;
        dct:language "id" ;
        dct:identifier "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" .
}

GRAPH <https://w3id.org/jejaring/doc/seoul-visit.txt> {
    person:tri-indrawan a schema:Person , foaf:Person ;
        schema:name "Tri Indrawan" ;
        jj:endorses lesson:seoul-flood-early-warning ;
        jj:extractedFrom <https://w3id.org/jejaring/doc/seoul-visit.txt> .

    orgid:dki-jakarta-bappeda a org:Organization , org:FormalOrganization , schema:GovernmentOrganization ;
        skos:prefLabel "Badan Perencanaan Pembangunan Daerah Provinsi DKI Jakarta"@id ;
        jj:acronym "Bappeda" ;
        org:classification kind:badan ;
        jj:sector sector:government .

    role:head a org:Role , skos:Concept ; skos:prefLabel "Kepala"@id , "Head"@en .

    post:dki-jakarta-bappeda-head a org:Post ;
        skos:prefLabel "Kepala Bappeda DKI Jakarta"@id ;
        org:postIn orgid:dki-jakarta-bappeda ;
        org:role role:head .

    membership:tri-indrawan-bappeda-head a org:Membership ;
        org:member person:tri-indrawan ;
        org:organization orgid:dki-jakarta-bappeda ;
        org:role role:head ;
        jj:post post:dki-jakarta-bappeda-head ;
        org:memberDuring interval:tri-indrawan-bappeda-head .

    interval:tri-indrawan-bappeda-head a time:ProperInterval ;
        time:hasBeginning <https://w3id.org/jejaring/id/interval/tri-indrawan-bappeda-head#start> ;
        time:hasEnd <https://w3id.org/jejaring/id/interval/tri-indrawan-bappeda-head#end> .
    <https://w3id.org/jejaring/id/interval/tri-indrawan-bappeda-head#start> a time:Instant ;
        time:inXSDDate "2018-03-19"^^xsd:date .
    <https://w3id.org/jejaring/id/interval/tri-indrawan-bappeda-head#end> a time:Instant ;
        time:inXSDDate "2020-01-06"^^xsd:date .

    city:seoul a schema:City ; schema:name "Seoul" ; schema:containedInPlace country:south-korea .
    country:south-korea a schema:Country ; schema:name "Korea Selatan"@id , "South Korea"@en .

    event:seoul-learning-visit-2019 a schema:Event , prov:Activity , jj:LearningVisit ;
        schema:name "Kunjungan belajar ke Seoul" ;
        schema:startDate "2019-05-13"^^xsd:date ;
        schema:endDate "2019-05-17"^^xsd:date ;
        schema:location city:seoul ;
        schema:organizer orgid:dki-jakarta-bappeda ;
        schema:attendee person:tri-indrawan .

    project:seoul-flood-warning-system a schema:Project ;
        schema:name "Seoul flood early warning system" ;
        schema:location city:seoul .

    lesson:seoul-flood-early-warning a jj:Lesson ;
        schema:name "Peringatan dini banjir berbasis sensor" ;
        dct:subject theme:disaster-preparedness ;
        prov:wasGeneratedBy event:seoul-learning-visit-2019 ;
        jj:learnedFrom city:seoul ;
        jj:relevantTo city:jakarta ;
        jj:exemplifiedBy project:seoul-flood-warning-system ;
        jj:extractedFrom <https://w3id.org/jejaring/doc/seoul-visit.txt> .

    statement:tri-indrawan-flood-warning a jj:Statement ;
        prov:wasAttributedTo person:tri-indrawan ;
        prov:wasGeneratedBy event:seoul-learning-visit-2019 ;
        schema:about lesson:seoul-flood-early-warning ;
        jj:stance "supports" .

    annotation:lesson-1 a oa:Annotation ;
        oa:hasBody lesson:seoul-flood-early-warning ;
        oa:hasTarget <https://w3id.org/jejaring/id/annotation/lesson-1#target> ;
        jj:rule "lesson-sentence" ;
        jj:confidence 0.9 .
    <https://w3id.org/jejaring/id/annotation/lesson-1#target> a oa:SpecificResource ;
        oa:hasSource <https://w3id.org/jejaring/doc/seoul-visit.txt> ;
        oa:hasSelector <https://w3id.org/jejaring/id/annotation/lesson-1#position> ,
            <https://w3id.org/jejaring/id/annotation/lesson-1#quote> .
    <https://w3id.org/jejaring/id/annotation/lesson-1#position> a oa:TextPositionSelector ;
        oa:start 120 ; oa:end 158 .
    <https://w3id.org/jejaring/id/annotation/lesson-1#quote> a oa:TextQuoteSelector ;
        oa:exact "sistem peringatan dini banjir berbasis" ; oa:prefix "belajar " ; oa:suffix " sensor" .

    annotation:person-1 a oa:Annotation ;
        oa:hasBody person:tri-indrawan ;
        oa:hasTarget <https://w3id.org/jejaring/id/annotation/person-1#target> ;
        jj:rule "person-name" ;
        jj:confidence 1.0 .
    <https://w3id.org/jejaring/id/annotation/person-1#target> a oa:SpecificResource ;
        oa:hasSource <https://w3id.org/jejaring/doc/seoul-visit.txt> ;
        oa:hasSelector <https://w3id.org/jejaring/id/annotation/person-1#position> ,
            <https://w3id.org/jejaring/id/annotation/person-1#quote> .
    <https://w3id.org/jejaring/id/annotation/person-1#position> a oa:TextPositionSelector ;
        oa:start 10 ; oa:end 22 .
    <https://w3id.org/jejaring/id/annotation/person-1#quote> a oa:TextQuoteSelector ;
        oa:exact "Tri Indrawan" .
}

GRAPH graph:curated {
    city:jakarta a schema:City ; schema:name "Jakarta" ;
        schema:containedInPlace country:indonesia .
    country:indonesia a schema:Country ; schema:name "Indonesia" .

    annotation:curated-1 a oa:Annotation ;
        oa:hasBody statement:tri-indrawan-flood-warning ;
        oa:hasTarget <https://w3id.org/jejaring/id/annotation/curated-1#target> ;
        jj:rule "curated" .
    <https://w3id.org/jejaring/id/annotation/curated-1#target> a oa:SpecificResource ;
        oa:hasSource <https://w3id.org/jejaring/doc/seoul-visit.txt> ;
        oa:hasSelector <https://w3id.org/jejaring/id/annotation/curated-1#quote> .
    <https://w3id.org/jejaring/id/annotation/curated-1#quote> a oa:TextQuoteSelector ;
        oa:exact "Jakarta perlu belajar dari Seoul" .
}
"""
)

DOC_IRI = "https://w3id.org/jejaring/doc/seoul-visit.txt"
DOC_GRAPH = f"<{DOC_IRI}>"
META_GRAPH = "graph:meta"
CURATED_GRAPH = "graph:curated"
MEMBERSHIP = ID["membership/tri-indrawan-bappeda-head"]
INTERVAL = ID["interval/tri-indrawan-bappeda-head"]
EVENT = ID["event/seoul-learning-visit-2019"]
LESSON = ID["lesson/seoul-flood-early-warning"]
POSITION = URIRef(ID["annotation/lesson-1"] + "#position")
HASH = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def _insert(graph: str, triples: str) -> str:
    return f"INSERT DATA {{ GRAPH {graph} {{ {triples} }} }}"


def _delete(graph: str, triples: str) -> str:
    return f"DELETE DATA {{ GRAPH {graph} {{ {triples} }} }}"


def _dataset(*operations: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=VALID, format="trig")
    # One update per operation: rdflib forgets the PREFIX lines after the first operation of a request.
    for operation in operations:
        dataset.update(PREFIXES + operation)
    return dataset


def _quads(dataset: Dataset) -> set:
    return set(dataset.quads((None, None, None, None)))


def test_validate_valid_dataset_conforms():
    report = validate_dataset(_dataset())
    assert report.violations == []
    assert report.conforms is True


@pytest.mark.parametrize(
    "operations",
    [
        pytest.param(
            (
                _insert(
                    CURATED_GRAPH,
                    "annotation:curated-2 a oa:Annotation ; oa:hasBody city:jakarta ; "
                    "oa:hasTarget <https://w3id.org/jejaring/id/annotation/curated-2#target> . "
                    "<https://w3id.org/jejaring/id/annotation/curated-2#target> a oa:SpecificResource ; "
                    "oa:hasSource <https://jakberketahanan.org/> .",
                ),
            ),
            id="citation-of-a-whole-source",
        ),
        pytest.param((_delete(DOC_GRAPH, f"<{ID['annotation/person-1']}#target> a oa:SpecificResource ."),),
                     id="untyped-target"),
        pytest.param(
            (_delete(DOC_GRAPH, f"<{INTERVAL}> time:hasEnd <{INTERVAL}#end> ."),),
            id="interval-without-end",
        ),
        pytest.param(
            (
                _insert(
                    DOC_GRAPH,
                    'event:jakarta-workshop a jj:Workshop , schema:Event , prov:Activity ; schema:name "W" . '
                    f"<{LESSON}> prov:wasGeneratedBy event:jakarta-workshop .",
                ),
            ),
            id="lesson-from-an-event-kind",
        ),
    ],
)
def test_validate_variant_dataset_conforms(operations):
    report = validate_dataset(_dataset(*operations))
    assert (report.conforms, report.violations) == (True, [])


TWO_MEMBERS = (_insert(DOC_GRAPH, f"<{MEMBERSHIP}> org:member orgid:dki-jakarta-bappeda ."),)
INTERVAL_REVERSED = (
    _delete(DOC_GRAPH, f'<{INTERVAL}#start> time:inXSDDate "2018-03-19"^^xsd:date .'),
    _insert(DOC_GRAPH, f'<{INTERVAL}#start> time:inXSDDate "2021-03-19"^^xsd:date .'),
)
EVENT_REVERSED = (
    _delete(DOC_GRAPH, f'<{EVENT}> schema:startDate "2019-05-13"^^xsd:date .'),
    _insert(DOC_GRAPH, f'<{EVENT}> schema:startDate "2019-05-20"^^xsd:date .'),
)
LESSON_WITHOUT_EVENT = (_delete(DOC_GRAPH, f"<{LESSON}> prov:wasGeneratedBy <{EVENT}> ."),)
FORMAL_ONLY = (
    _insert(
        DOC_GRAPH,
        "orgid:seoul-metropolitan-government a org:FormalOrganization ; "
        'skos:prefLabel "Seoul Metropolitan Government"@en .',
    ),
)
POSITION_REVERSED = (
    _delete(DOC_GRAPH, f"<{POSITION}> oa:end 158 ."),
    _insert(DOC_GRAPH, f"<{POSITION}> oa:end 120 ."),
)
NO_EVIDENCE = (_insert(DOC_GRAPH, f"city:seoul jj:extractedFrom {DOC_GRAPH} ."),)
PROJECT_AS_ORGANIZATION = (
    _insert(
        CURATED_GRAPH,
        "project:seoul-flood-warning-system a org:Organization ; "
        'skos:prefLabel "Seoul flood early warning system"@en .',
    ),
)
PERSON_TARGET = URIRef(ID["annotation/person-1"] + "#target")
POSITION_WITHOUT_QUOTE = (
    _delete(DOC_GRAPH, f"<{PERSON_TARGET}> oa:hasSelector <{ID['annotation/person-1']}#quote> ."),
)
UNTYPED = _delete(DOC_GRAPH, f"<{PERSON_TARGET}> a oa:SpecificResource .")
UNTYPED_POSITION_WITHOUT_QUOTE = (UNTYPED, *POSITION_WITHOUT_QUOTE)
UNTYPED_WITHOUT_SOURCE = (UNTYPED, _delete(DOC_GRAPH, f"<{PERSON_TARGET}> oa:hasSource {DOC_GRAPH} ."))
NOT_A_THEME = (_insert(DOC_GRAPH, f"<{LESSON}> dct:subject kind:badan ."),)
EVENT_KIND_ONLY = (_delete(DOC_GRAPH, f"<{EVENT}> a schema:Event ."),)
BAD_HASH = (
    _delete(META_GRAPH, f'{DOC_GRAPH} dct:identifier "{HASH}" .'),
    _insert(META_GRAPH, f'{DOC_GRAPH} dct:identifier "md5:abc" .'),
)

BROKEN = [
    pytest.param(TWO_MEMBERS, "jj:MembershipShape", str(MEMBERSHIP), id="membership-with-two-members"),
    pytest.param(INTERVAL_REVERSED, "jj:IntervalShape", str(INTERVAL), id="interval-begins-after-it-ends"),
    pytest.param(EVENT_REVERSED, "jj:EventShape", str(EVENT), id="event-starts-after-it-ends"),
    pytest.param(LESSON_WITHOUT_EVENT, "jj:LessonShape", str(LESSON), id="lesson-without-event"),
    pytest.param(
        FORMAL_ONLY,
        "jj:OrganizationTypeShape",
        str(ID["org/seoul-metropolitan-government"]),
        id="formal-organization-without-org-organization",
    ),
    pytest.param(
        POSITION_REVERSED, "jj:TextPositionSelectorShape", str(POSITION), id="position-start-not-before-end"
    ),
    pytest.param(
        NO_EVIDENCE, "jj:EvidenceShape", str(ID["city/seoul"]), id="extracted-node-without-evidence"
    ),
    pytest.param(
        PROJECT_AS_ORGANIZATION,
        "jj:ProjectShape",
        str(ID["project/seoul-flood-warning-system"]),
        id="project-typed-as-organization",
    ),
    pytest.param(
        POSITION_WITHOUT_QUOTE, "jj:SpecificResourceShape", str(PERSON_TARGET), id="position-without-quote"
    ),
    pytest.param(UNTYPED_POSITION_WITHOUT_QUOTE, "jj:SpecificResourceShape", str(PERSON_TARGET),
                 id="untyped-target-position-without-quote"),
    pytest.param(UNTYPED_WITHOUT_SOURCE, "jj:SpecificResourceShape", str(PERSON_TARGET),
                 id="untyped-target-without-source"),
    pytest.param(NOT_A_THEME, "jj:LessonShape", str(LESSON), id="lesson-subject-not-a-theme"),
    pytest.param(EVENT_KIND_ONLY, "jj:EventShape", str(EVENT), id="event-kind-without-schema-event"),
    pytest.param(BAD_HASH, "jj:DocumentShape", DOC_IRI, id="document-without-sha256"),
]


@pytest.mark.parametrize(("operations", "shape", "focus"), BROKEN)
def test_validate_broken_dataset_is_reported_on_shape_and_focus(operations, shape, focus):
    report = validate_dataset(_dataset(*operations))
    assert report.conforms is False
    assert {(v.shape, v.focus) for v in report.violations} == {(shape, focus)}
    assert all(v.severity == "Violation" and v.message for v in report.violations)


@pytest.mark.parametrize(
    ("operations", "label", "source", "message"),
    [
        pytest.param(
            EVENT_REVERSED,
            "Kunjungan belajar ke Seoul",
            "seoul-visit.txt",
            "The event starts (2019-05-20) after it ends (2019-05-17).",
            id="label-from-schema-name",
        ),
        pytest.param(
            INTERVAL_REVERSED,
            str(INTERVAL),
            "seoul-visit.txt",
            "The interval begins (2021-03-19) after it ends (2020-01-06).",
            id="label-is-the-iri",
        ),
        pytest.param(
            FORMAL_ONLY,
            "Seoul Metropolitan Government",
            "seoul-visit.txt",
            "A formal organisation, organisational unit, government organisation or NGO must also be typed "
            "org:Organization explicitly.",
            id="label-from-pref-label",
        ),
        pytest.param(
            PROJECT_AS_ORGANIZATION,
            "Seoul flood early warning system",
            "curated, seoul-visit.txt",
            "A programme or project must not also be typed org:Organization: its secretariat or office is a "
            "separate node.",
            id="source-in-two-graphs",
        ),
        pytest.param(
            BAD_HASH,
            DOC_IRI,
            "meta",
            'A source document needs exactly one dct:identifier of the form "sha256:" followed by 64 '
            "lower-case hex digits.",
            id="source-meta-graph",
        ),
        pytest.param(
            TWO_MEMBERS,
            str(MEMBERSHIP),
            "seoul-visit.txt",
            "A membership must have exactly one org:member.",
            id="property-shape-message",
        ),
    ],
)
def test_validate_violation_has_label_source_and_message(operations, label, source, message):
    (violation,) = validate_dataset(_dataset(*operations)).violations
    assert (violation.label, violation.source, violation.message) == (label, source, message)


def test_validate_source_falls_back_to_annotation_source():
    # The lesson's triples sit in the default graph only; its evidence annotation still names the document.
    dataset = _dataset(*LESSON_WITHOUT_EVENT)
    document_graph = dataset.graph(URIRef(DOC_IRI))
    for triple in list(document_graph.triples((LESSON, None, None))):
        document_graph.remove(triple)
        dataset.default_graph.add(triple)
    (violation,) = validate_dataset(dataset).violations
    assert (violation.shape, violation.focus, violation.source) == (
        "jj:LessonShape",
        str(LESSON),
        "seoul-visit.txt",
    )


@pytest.mark.parametrize("operations", [(), *(case.values[0] for case in BROKEN)])
def test_validate_does_not_mutate_dataset(operations):
    dataset = _dataset(*operations)
    before = _quads(dataset)
    graphs_before = {g.identifier for g in dataset.graphs()}
    validate_dataset(dataset)
    assert _quads(dataset) == before
    assert {g.identifier for g in dataset.graphs()} == graphs_before


def test_validate_does_not_mutate_given_shapes():
    shapes = shapes_graph()
    before = set(shapes)
    validate_dataset(_dataset(*TWO_MEMBERS), shapes=shapes)
    assert set(shapes) == before


def test_validate_format_violation_is_one_line():
    violation = Violation(
        shape="jj:TextQuoteSelectorShape",
        focus="https://w3id.org/jejaring/id/annotation/a#quote",
        label="Jakarta perlu\nbelajar",
        message="A quote selector needs exactly one non-empty oa:exact.",
        source="curated",
        severity="Violation",
    )
    assert format_violation(violation) == (
        "jj:TextQuoteSelectorShape | Jakarta perlu belajar | "
        "A quote selector needs exactly one non-empty oa:exact. | curated"
    )


def test_validate_report_lists_violations():
    report = validate_dataset(_dataset(*TWO_MEMBERS))
    assert isinstance(report, ValidationReport)
    assert [format_violation(v) for v in report.violations] == [
        f"jj:MembershipShape | {MEMBERSHIP} | A membership must have exactly one org:member. "
        "| seoul-visit.txt"
    ]


# -- validate_graph (jejaring.graph.views.validate) gives validate_dataset's findings, in seconds ----------------
# Every node shape broken at least once; several only across graphs (a type, a second value or a label stated in
# another graph than the node's other triples), where validating each graph alone would find something else.
EVERY_SHAPE = (
    *TWO_MEMBERS, *INTERVAL_REVERSED, *EVENT_REVERSED, *LESSON_WITHOUT_EVENT, *FORMAL_ONLY, *POSITION_REVERSED,
    *NO_EVIDENCE, *PROJECT_AS_ORGANIZATION, *POSITION_WITHOUT_QUOTE, *NOT_A_THEME, *BAD_HASH,
    _insert(DOC_GRAPH, "person:nameless a schema:Person , foaf:Person ."),
    _insert(CURATED_GRAPH, "orgid:dki-jakarta-bappeda a schema:City . "
                           'orgid:dki-jakarta-bappeda skos:prefLabel "Bappeda DKI"@id . '
                           "orgid:dki-jakarta-bappeda jj:sector kind:badan ."),
    _insert(CURATED_GRAPH, 'orgid:other a org:Organization ; skos:prefLabel "Other"@en . '
                           "post:dki-jakarta-bappeda-head org:postIn orgid:other ."),
    _insert(DOC_GRAPH, 'role:adviser a org:Role ; skos:prefLabel "Adviser"@en .'),
    _insert(CURATED_GRAPH, f'<{INTERVAL}#end> time:inXSDDate "2020-01-07"^^xsd:date .'),
    _insert(DOC_GRAPH, "city:bandung a schema:City ."),
    _insert(DOC_GRAPH, f"<{LESSON}> jj:learnedFrom person:tri-indrawan ."),
    _insert(CURATED_GRAPH, f'<{EVENT}> schema:attendee "Tri Indrawan" .'),
    _insert(DOC_GRAPH, "statement:unattributed a jj:Statement ."),
    _insert(DOC_GRAPH, "kind:unlabelled a skos:Concept ."),
    _insert(CURATED_GRAPH, "annotation:lesson-1 jj:confidence 1.5 ."),
    _insert(DOC_GRAPH, f'<{ID["annotation/person-1"]}#quote> oa:exact "" .'),
)


def _graph(tmp_path, dataset: Dataset):
    from jejaring.graph.store import open_graph

    path = tmp_path / "graph.trig"
    path.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    return open_graph(path, create=False)


def test_validate_graph_finds_what_validate_dataset_finds_for_every_shape(tmp_path):
    from jejaring.graph.views.validate import validate_graph

    dataset = _dataset(*EVERY_SHAPE)
    expected = validate_dataset(dataset)
    with _graph(tmp_path, dataset) as kg:
        report = validate_graph(kg)
    assert report == expected
    targeted = {shape_name(shapes_graph(), shape) for shape in shapes_graph().subjects(SH.targetClass, None)}
    assert targeted <= {v.shape for v in report.violations}


def test_validate_graph_valid_dataset_conforms(tmp_path):
    from jejaring.graph.views.validate import validate_graph

    with _graph(tmp_path, _dataset()) as kg:
        assert validate_graph(kg) == ValidationReport(conforms=True, violations=[])


@pytest.mark.parametrize(("operations", "shape", "focus"), BROKEN)
def test_validate_graph_broken_dataset_is_reported_on_shape_and_focus(tmp_path, operations, shape, focus):
    from jejaring.graph.views.validate import validate_graph

    with _graph(tmp_path, _dataset(*operations)) as kg:
        report = validate_graph(kg)
    assert report.conforms is False
    assert {(v.shape, v.focus) for v in report.violations} == {(shape, focus)}


def test_validate_graph_reports_progress_for_each_step(tmp_path):
    from jejaring.graph.views.validate import sparql_constraints, validate_graph

    steps = []
    with _graph(tmp_path, _dataset()) as kg:
        validate_graph(kg, progress=lambda stage, label, total: steps.append((stage, label, total)))
    total = 3 + len(sparql_constraints(shapes_graph()))
    assert [s[0] for s in steps] == ["validate"] * total
    assert {s[2] for s in steps} == {total}
    assert "event date order" in [s[1] for s in steps]
