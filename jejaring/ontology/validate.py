"""Validate a jejaring dataset against the SHACL shapes and report each violation in plain words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from urllib.parse import unquote

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from jejaring.ontology.namespaces import DOC, GRAPH, OA, PREFIXES, RDF, SH, SHOWN_LABEL_PREDICATES

__all__ = [
    "LABEL_PROPERTIES",
    "Finding",
    "ValidationReport",
    "Violation",
    "best_label",
    "findings",
    "format_violation",
    "graph_label",
    "ontology_graph",
    "shape_name",
    "shapes_graph",
    "term_text",
    "validate_dataset",
]

_ONTOLOGY_FILES = ("jejaring.ttl", "themes.ttl", "kinds.ttl")
_SHAPES_FILE = "shapes.ttl"
#: The properties a node's label is read from, best first: the labels a view shows, then an annotation's quote.
LABEL_PROPERTIES = (*SHOWN_LABEL_PREDICATES, OA.exact)
# Labels in this order of languages: untagged text is usually a proper name, then English, then Indonesian.
_LANGUAGE_ORDER = {None: 0, "en": 1, "id": 2}


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in the words a curator needs to find and fix it.

    Attributes
    ----------
    shape : str
        Prefixed name of the node shape the result comes from, e.g. ``"jj:MembershipShape"``.
    focus : str
        The focus node: an IRI, or ``_:id`` for a blank node.
    label : str
        The focus node's best human label (one of :data:`~jejaring.ontology.namespaces.SHOWN_LABEL_PREDICATES`,
        else ``oa:exact``), else its IRI.
    message : str
        What is wrong, in plain English (the shape's ``sh:message``).
    source : str
        Where the focus node's triples come from: the named graph(s) holding them (``"curated"``,
        ``"meta"``, a document's name), else the source of its evidence annotations, else ``"-"``.
    severity : str
        ``"Violation"``, ``"Warning"`` or ``"Info"``.
    """

    shape: str
    focus: str
    label: str
    message: str
    source: str
    severity: str


@dataclass(frozen=True)
class Finding:
    """One SHACL result before it is described: the shape's prefixed name, the focus node, the message and
    the severity (what :func:`findings` reads from a results graph)."""

    shape: str
    focus: Node
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a dataset.

    Attributes
    ----------
    conforms : bool
        True when the dataset has no SHACL results at all.
    violations : list of Violation
        Every result, sorted by shape, focus node and message.
    """

    conforms: bool
    violations: list[Violation]


def _read_turtle(name: str, graph: Graph) -> Graph:
    resource = files("jejaring.ontology").joinpath(name)
    graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return graph


def ontology_graph() -> Graph:
    """Return the jejaring ontology with the theme, organisation-kind and sector schemes.

    Returns
    -------
    rdflib.Graph
        A new graph parsed from ``jejaring.ttl``, ``themes.ttl`` and ``kinds.ttl``; the caller may
        change it freely.

    Examples
    --------
    >>> from jejaring.ontology.namespaces import JJ, OWL, RDF
    >>> (JJ.Lesson, RDF.type, OWL.Class) in ontology_graph()
    True
    """
    graph = Graph()
    for name, namespace in PREFIXES.items():
        graph.bind(name, namespace)
    for name in _ONTOLOGY_FILES:
        _read_turtle(name, graph)
    return graph


def shapes_graph() -> Graph:
    """Return the SHACL shapes of the jejaring model (``shapes.ttl``).

    Returns
    -------
    rdflib.Graph
        A new graph; the caller may change it freely.

    Examples
    --------
    >>> from jejaring.ontology.namespaces import JJ, RDF, SH
    >>> (JJ.MembershipShape, RDF.type, SH.NodeShape) in shapes_graph()
    True
    """
    graph = Graph()
    graph.bind("sh", SH)
    for name, namespace in PREFIXES.items():
        graph.bind(name, namespace)
    return _read_turtle(_SHAPES_FILE, graph)


def validate_dataset(dataset: Dataset, shapes: Graph | None = None) -> ValidationReport:
    """Validate every graph of a dataset, together, against the jejaring shapes.

    The dataset is flattened into a new graph (each quad's triple) merged with the ontology, the
    theme scheme and the kind and sector schemes; pySHACL validates that copy, so ``dataset`` is
    never changed (pySHACL mutates what it is given).

    Parameters
    ----------
    dataset : rdflib.Dataset
        The graph store: a named graph per document plus the curated and meta graphs.
    shapes : rdflib.Graph, optional
        Shapes to validate against; the shipped ``shapes.ttl`` by default. Not changed.

    Returns
    -------
    ValidationReport
        ``conforms`` and one `Violation` per SHACL result.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> report = validate_dataset(Dataset())
    >>> report.conforms, report.violations
    (True, [])
    """
    data = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    # The ontology's rdfs:subClassOf triples in the data graph make, for SHACL, every jj:LearningVisit a
    # schema:Event (a target of jj:EventShape and a value of sh:class schema:Event), so no inference is
    # needed. Inference stays "none" on purpose: the model asserts every type explicitly, and RDFS would
    # add types from the jj: domains and ranges (jj:learnedFrom -> schema:Place ...) that hide exactly
    # the missing types the shapes look for, and it adds work on a large graph.
    data += ontology_graph()
    shapes_copy = shapes_graph() if shapes is None else _copy(shapes)
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_copy,
        inference="none",
        inplace=True,
        abort_on_first=False,
        meta_shacl=False,
        advanced=False,
        debug=False,
    )
    violations = {
        Violation(shape=f.shape, focus=term_text(f.focus), label=_label(data, f.focus), message=f.message,
                  source=_source(dataset, data, f.focus), severity=f.severity)
        for f in findings(results, shapes_copy)
    }
    ordered = sorted(violations, key=lambda v: (v.shape, v.focus, v.message, v.source))
    return ValidationReport(conforms=bool(conforms), violations=ordered)


def findings(results: Graph, shapes: Graph) -> list[Finding]:
    """The results of a SHACL results graph (pySHACL's or pyshacl-turbo's), each named by its node shape.

    A failed ``sh:node`` also reports the nested shape's results as ``sh:detail``: the parent says enough,
    so details are left out.
    """
    namespaces = _namespace_manager()
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, result) in results:
            continue
        shape = results.value(result, SH.sourceShape)
        severity = results.value(result, SH.resultSeverity)
        found.append(Finding(
            shape=shape_name(shapes, shape, namespaces),
            focus=results.value(result, SH.focusNode),
            message=_message(results, result, shapes, shape),
            severity=severity.fragment if isinstance(severity, URIRef) else "Violation",
        ))
    return found


def format_violation(v: Violation) -> str:
    """Format a violation as one line: ``shape | label | message | source``.

    Parameters
    ----------
    v : Violation
        The violation to show.

    Returns
    -------
    str
        One line, with any line breaks inside the fields collapsed to spaces.

    Examples
    --------
    >>> v = Violation(
    ...     shape="jj:EventShape",
    ...     focus="https://w3id.org/jejaring/id/event/seoul-visit",
    ...     label="Kunjungan belajar ke Seoul",
    ...     message="The event starts (2019-05-17)\\nafter it ends.",
    ...     source="curated",
    ...     severity="Violation",
    ... )
    >>> format_violation(v)
    'jj:EventShape | Kunjungan belajar ke Seoul | The event starts (2019-05-17) after it ends. | curated'
    """
    return " | ".join(_one_line(field) for field in (v.shape, v.label, v.message, v.source))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    copy += graph
    return copy


def _namespace_manager() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    manager.bind("sh", SH)
    for name, namespace in PREFIXES.items():
        manager.bind(name, namespace, replace=True)
    return manager


def term_text(term: Node | None) -> str:
    """A node as a violation names it: an IRI, or ``_:id`` for a blank node."""
    if term is None:
        return "-"
    if isinstance(term, BNode):
        return term.n3()
    return str(term)


def shape_name(shapes: Graph, shape: Node | None, namespaces: NamespaceManager | None = None) -> str:
    """Name of the nearest shape with an IRI that holds ``shape`` (a property shape is a blank node)."""
    node, seen = shape, set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        # Walk up sh:property, sh:not, sh:or list cells ... to the node shape that holds the blank node.
        node = next(shapes.subjects(None, node), None)
    if isinstance(node, URIRef):
        return node.n3(namespaces or _namespace_manager())
    name = shapes.value(shape, SH.name) if shape is not None else None
    return str(name) if name is not None else term_text(shape)


def best_label(values: list[Node]) -> Literal | None:
    """The literal to show as a label: untagged first, then English, then Indonesian (None if no literal)."""
    literals = [value for value in values if isinstance(value, Literal)]
    if not literals:
        return None
    return min(literals, key=lambda lit: (_LANGUAGE_ORDER.get(lit.language, 3), lit.language or "", str(lit)))


def _label(data: Graph, focus: Node | None) -> str:
    if focus is None:
        return "-"
    for prop in LABEL_PROPERTIES:
        best = best_label(list(data.objects(focus, prop)))
        if best is not None:
            return str(best)
    return term_text(focus)


def _message(results: Graph, result: Node, shapes: Graph, shape: Node | None) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    # pySHACL reports a SPARQL constraint's own message next to its node shape's general one: keep the former.
    general = set(shapes.objects(shape, SH.message)) if shape is not None else set()
    best = best_label([m for m in messages if m not in general] or messages)
    if best is not None:
        return _one_line(str(best))
    component = results.value(result, SH.sourceConstraintComponent)
    return f"Fails {component.fragment if isinstance(component, URIRef) else 'a constraint'}."


def graph_label(name: Node) -> str:
    """A named graph as a source is shown: a document's identity, "curated", "meta" ..."""
    text = str(name)
    for namespace in (GRAPH, DOC):
        if text.startswith(str(namespace)) and len(text) > len(namespace):
            return unquote(text[len(namespace) :])
    return text


def _source(dataset: Dataset, data: Graph, focus: Node | None) -> str:
    if focus is None or isinstance(focus, Literal):
        return "-"
    graphs = {g for _, _, _, g in dataset.quads((focus, None, None, None))}
    names = {graph_label(g) for g in graphs if g is not None and g != DATASET_DEFAULT_GRAPH_ID}
    if not names:
        for annotation in data.subjects(OA.hasBody, focus):
            for target in data.objects(annotation, OA.hasTarget):
                names.update(graph_label(source) for source in data.objects(target, OA.hasSource))
    return ", ".join(sorted(names)) or "-"
