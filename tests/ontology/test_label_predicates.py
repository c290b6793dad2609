"""What counts as a label is defined once (issue 23): ``LABEL_PREDICATES`` and ``SHOWN_LABEL_PREDICATES`` in
``ontology/namespaces.py``; no other module or view query lists label properties of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from jejaring.ontology.namespaces import LABEL_PREDICATES, PREFIXES, SHOWN_LABEL_PREDICATES

PACKAGE = Path(__file__).resolve().parents[2] / "jejaring"
DEFINITION = PACKAGE / "ontology" / "namespaces.py"
# rdflib's names for the namespaces, as the package imports them
NAMESPACE_NAMES = {"SCHEMA": "schema", "SKOS": "skos", "RDFS": "rdfs", "FOAF": "foaf", "JJ": "jj"}


def _prefixed(iri: str) -> str:
    return next(f"{p}:{iri[len(str(ns)):]}" for p, ns in PREFIXES.items() if iri.startswith(str(ns)))


LABELS = {str(p) for p in LABEL_PREDICATES}
FORMS = {form: iri for iri in LABELS for form in (iri, f"<{iri}>", _prefixed(iri))}


def _named(node: ast.AST) -> str | None:
    """The label predicate an expression names: ``SKOS.prefLabel``, ``"skos:prefLabel"`` or the full IRI."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in NAMESPACE_NAMES:
        iri = str(PREFIXES[NAMESPACE_NAMES[node.value.id]]) + node.attr
        return iri if iri in LABELS else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return FORMS.get(node.value.strip())
    return None


def _in_text(text: str) -> set[str]:
    """The label predicates a text (a SPARQL query) names."""
    words = text.replace("|", " ").replace("(", " ").replace(")", " ").replace(",", " ").split()
    return {FORMS[w] for w in words if w in FORMS}


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = (n for n in ast.walk(tree) if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)))
    return {id(n.body[0].value) for n in nodes
            if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}


def label_lists(path: Path) -> list[str]:
    """Where a file lists two label predicates or more: a tuple, list or set of them, or a query text naming them."""
    if path.suffix == ".rq":
        found = _in_text(path.read_text(encoding="utf-8"))
        return [f"{path.name}: {sorted(found)}"] if len(found) > 1 else []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            found = {iri for e in node.elts if (iri := _named(e))}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found = _in_text(node.value)
        else:
            continue
        if len(found) > 1:
            out.append(f"{path}:{node.lineno}: {sorted(found)}")
    return out


def test_label_predicates_are_listed_once():
    # The library's queries (jejaring/queries/*.rq) are left out: users read and run them as they are, elsewhere
    # too (the endpoint's form, other SPARQL tools), so each spells out the names it matches.
    files = [p for p in sorted(PACKAGE.rglob("*.py")) if p != DEFINITION]
    files += sorted((PACKAGE / "graph").rglob("*.rq"))
    found = [where for p in files for where in label_lists(p)]
    assert not found, "label properties listed outside ontology/namespaces.py:\n" + "\n".join(found)


@pytest.mark.parametrize("source, expected", [
    ('X = (SKOS.prefLabel, SCHEMA.name)', 1),
    ('X = ["skos:altLabel", "<http://www.w3.org/2000/01/rdf-schema#label>"]', 1),
    ('Q = "SELECT ?l WHERE { ?s schema:name|skos:altLabel ?l }"', 1),
    ('X = (SKOS.prefLabel, SCHEMA.givenName)', 0),
    ('def f():\n    """Reads schema:name and skos:altLabel."""', 0),
])
def test_label_predicates_a_second_list_is_found(tmp_path, source, expected):
    path = tmp_path / "probe.py"
    path.write_text(source)
    assert len(label_lists(path)) == expected


def test_label_predicates_shown_are_labels():
    assert set(SHOWN_LABEL_PREDICATES) < set(LABEL_PREDICATES)
