"""Validate a knowledge graph against the SHACL shapes in seconds, with the findings of a full pySHACL run.

pySHACL over a whole corpus is slow (PITFALLS.md: 37 s for 15k quads, 211 s for 236k). Here the union of
the graphs, with the ontology, is copied into an in-memory Oxigraph store and validated there in two parts:

- the core shapes (every constraint but ``sh:sparql``) by pyshacl-turbo, a SHACL engine in Rust with
  pySHACL's API and report vocabulary (about 3 s for 250k quads);
- each ``sh:sparql`` constraint as one SPARQL query over the copy, evaluated by Oxigraph for every target
  at once (pyshacl-turbo runs such a constraint once per focus node, which grows with the square of the
  corpus).

Both parts read the same union, so a node stated in several documents is judged on all its triples, as
:func:`~jejaring.ontology.validate.validate_dataset` judges it; a test compares the two.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl_turbo
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from jejaring.graph.store.terms import from_ox, to_ox
from jejaring.ontology.namespaces import OA
from jejaring.ontology.validate import (
    LABEL_PROPERTIES,
    Finding,
    ValidationReport,
    Violation,
    best_label,
    findings,
    graph_label,
    ontology_graph,
    shape_name,
    shapes_graph,
    term_text,
)

__all__ = ["SparqlConstraint", "sparql_constraints", "validate_graph"]

#: A callback told of each step: ``progress(stage, label, total)``, as ingest's.
Progress = Callable[[str, str, int], None]


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint of a node shape, ready to run over a whole graph."""

    shape: URIRef
    name: str
    message: str
    query: str


def sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
    """The SPARQL constraints of ``shapes``, each as a query selecting ``?this`` (and the message's
    variables) for every target of its node shape that violates it.

    The constraint's ``SELECT`` is joined with its shape's targets: for these constraints (``$this`` bound
    by their first pattern) that gives the solutions of SHACL's pre-binding of ``$this``.

    Examples
    --------
    >>> from jejaring.ontology.namespaces import JJ
    >>> [c.name for c in sparql_constraints(shapes_graph()) if c.shape == JJ.EventShape]
    ['event date order']
    """
    constraints = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for source in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(source, SH.declare))
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        query = f"{prefixes}SELECT * WHERE {{ {{ {_targets(shapes, shape)} }} {{ {select} }} }}"
        constraints.append(SparqlConstraint(shape, str(shapes.value(constraint, SH.name)),
                                            str(shapes.value(constraint, SH.message)), query))
    return constraints


def _targets(shapes: Graph, shape: URIRef) -> str:
    """A graph pattern binding ``?this`` to every focus node of ``shape`` (its class and subject targets)."""
    patterns = [f"{{ ?class <{RDFS.subClassOf}>* <{c}> . ?this a ?class }}" for c in shapes.objects(shape, SH.targetClass)]
    patterns += [f"{{ ?this <{p}> [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    return " UNION ".join(patterns) or "FILTER(false)"


def validate_graph(kg, *, shapes: Graph | None = None, progress: Progress | None = None) -> ValidationReport:
    """Validate every graph of a knowledge graph, together, against the jejaring shapes.

    Parameters
    ----------
    kg : KnowledgeGraph
        An open knowledge graph (any backend); it is only read.
    shapes : rdflib.Graph, optional
        Shapes to validate against; the shipped ``shapes.ttl`` by default. Not changed.
    progress : callable, optional
        Called as ``progress("validate", step, total)`` after each step.

    Returns
    -------
    ValidationReport
        ``conforms`` and one `Violation` per result, sorted by shape, focus node and message.

    Examples
    --------
    >>> from jejaring.graph.store import open_graph
    >>> with open_graph("memory.trig") as kg:
    ...     validate_graph(kg)
    ValidationReport(conforms=True, violations=[])
    """
    shapes = shapes_graph() if shapes is None else shapes
    constraints = sparql_constraints(shapes)
    steps = 3 + len(constraints)
    step = _stepper(progress, steps)
    data = _union_with_ontology(kg)
    step("copy the graph")
    core = Graph()
    core += shapes
    core.remove((None, SH.sparql, None))  # run below as queries over the whole graph
    _, results, _ = pyshacl_turbo.validate(data, shacl_graph=core, inference="none", advanced=False)
    found = findings(results, core)
    step("core shapes")
    for constraint in constraints:
        name = shape_name(shapes, constraint.shape)
        found += [Finding(name, from_ox(row["this"]), _fill(constraint.message, row), "Violation")
                  for row in data.query(constraint.query)]
        step(constraint.name)
    violations = _describe(kg, data, found)
    step("describe the violations")
    ordered = sorted(set(violations), key=lambda v: (v.shape, v.focus, v.message, v.source))
    return ValidationReport(conforms=not ordered, violations=ordered)


def _stepper(progress: Progress | None, total: int) -> Callable[[str], None]:
    def step(label: str) -> None:
        if progress is not None:
            progress("validate", label, total)

    return step


def _union_with_ontology(kg) -> ox.Store:
    """An in-memory store whose default graph is the union of ``kg``'s graphs and the ontology."""
    data = io.BytesIO()
    kg.serialize(data, ox.RdfFormat.N_TRIPLES)  # a triple format gets the union
    copy = ox.Store()
    copy.bulk_load(data.getvalue(), ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    copy.bulk_load(ontology_graph().serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.DefaultGraph())
    return copy


def _fill(message: str, row) -> str:
    """A constraint's message with its ``{?var}`` placeholders replaced by the solution's values."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: row[m.group(1)].value if row[m.group(1)] is not None else "", message)


def _describe(kg, data: ox.Store, found: list[Finding]) -> list[Violation]:
    """Findings as violations, with each focus node's label (read from ``data``) and sources (from ``kg``)."""
    nodes = {f.focus for f in found if not isinstance(f.focus, Literal)}
    labels = _labels(data, nodes)
    sources = _sources(kg, data, nodes)
    return [Violation(shape=f.shape, focus=term_text(f.focus), label=labels.get(f.focus, term_text(f.focus)),
                      message=f.message, source=sources.get(f.focus, "-"), severity=f.severity) for f in found]


def _values(nodes) -> str:
    """Nodes as the body of a ``VALUES`` block (blank nodes cannot be named there: they keep their id)."""
    return " ".join(str(to_ox(n)) for n in nodes if isinstance(n, URIRef))


def _labels(data: ox.Store, nodes: set) -> dict:
    """Each node's label: the best literal of the first label property that gives one."""
    values: dict = {}
    for row in data.query(f"SELECT ?node ?p ?label WHERE {{ VALUES ?node {{ {_values(nodes)} }} ?node ?p ?label }}"):
        prop = from_ox(row["p"])
        if prop in LABEL_PROPERTIES:
            values.setdefault(from_ox(row["node"]), {}).setdefault(prop, []).append(from_ox(row["label"]))
    labels = {}
    for node, by_property in values.items():
        for prop in LABEL_PROPERTIES:
            best = best_label(by_property.get(prop, []))
            if best is not None:
                labels[node] = str(best)
                break
    return labels


def _sources(kg, data: ox.Store, nodes: set) -> dict:
    """Each node's sources: the named graphs holding its triples, else the sources of its evidence."""
    names: dict = {}
    for row in kg.query(f"SELECT DISTINCT ?node ?g WHERE {{ VALUES ?node {{ {_values(nodes)} }} GRAPH ?g {{ ?node ?p ?o }} }}"):
        names.setdefault(from_ox(row["node"]), set()).add(graph_label(from_ox(row["g"])))
    missing = nodes - names.keys()
    if missing:
        for row in data.query(f"""SELECT DISTINCT ?node ?source WHERE {{ VALUES ?node {{ {_values(missing)} }}
                ?annotation <{OA.hasBody}> ?node ; <{OA.hasTarget}>/<{OA.hasSource}> ?source }}"""):
            names.setdefault(from_ox(row["node"]), set()).add(graph_label(from_ox(row["source"])))
    return {node: ", ".join(sorted(n)) for node, n in names.items()}
