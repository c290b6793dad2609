"""The jejaring RDF model: namespaces, the ontology and SKOS schemes, SHACL shapes and validation."""

from __future__ import annotations

from jejaring.ontology.validate import (
    ValidationReport,
    Violation,
    format_violation,
    ontology_graph,
    shapes_graph,
    validate_dataset,
)

__all__ = [
    "ValidationReport",
    "Violation",
    "format_violation",
    "ontology_graph",
    "shapes_graph",
    "validate_dataset",
]
