"""A query's result in a compact form that crosses process boundaries, and a query run in this process."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from jejaring.errors import InputError, QueryError
from jejaring.graph.store.query import parse_error_message

# Workers import this module: it loads pyoxigraph, not rdflib.

__all__ = ["QueryResult", "evaluate"]

@dataclass(frozen=True)
class QueryResult:
    """The result of one query, in a compact form that crosses process boundaries.

    Attributes
    ----------
    kind
        ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT, DESCRIBE).
    payload
        SPARQL TSV for ``select``, N-Triples for ``graph``, ``b"true"``/``b"false"`` for ``ask``.
    truncated
        True when rows (or triples) beyond ``max_rows`` were left out.
    count
        The number of rows or triples kept.
    """

    kind: str
    payload: bytes
    truncated: bool = False
    count: int = 0

    @property
    def boolean(self) -> bool | None:
        """The answer of an ASK query, None for the other kinds."""
        return self.payload == b"true" if self.kind == "ask" else None

    def solutions(self) -> ox.QuerySolutions:
        """The rows of a SELECT result as pyoxigraph solutions."""
        return ox.parse_query_results(self.payload, ox.QueryResultsFormat.TSV)

    @property
    def variables(self) -> list[str]:
        """The projected variable names of a SELECT result."""
        if self.kind != "select":
            return []
        header = self.payload.split(b"\n", 1)[0].decode("utf-8")
        return [v[1:] for v in header.split("\t") if v]

    def rows(self) -> list[list]:
        """The rows of a SELECT result: pyoxigraph terms, None where a variable is unbound."""
        if self.kind != "select":
            return []
        names = self.variables
        return [[s[n] for n in names] for s in self.solutions()]

    def records(self) -> list[dict]:
        """The rows of a SELECT result as dicts of plain Python values: an IRI as its text, a literal as the
        value its datatype names (``int``, ``Decimal``, ``float``, ``bool``, ``datetime.date`` ...; text as
        ``str``), None where a variable is unbound."""
        names = self.variables
        return [{n: _python(value) for n, value in zip(names, row, strict=True)} for row in self.rows()]

    def triples(self) -> list[ox.Triple]:
        """The triples of a CONSTRUCT or DESCRIBE result."""
        if self.kind != "graph":
            return []
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(self.payload, ox.RdfFormat.N_TRIPLES)]


def _python(term):
    """A pyoxigraph term as a plain Python value (see :meth:`QueryResult.records`)."""
    if not isinstance(term, ox.Literal):
        return None if term is None else term.value
    if term.language or term.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"):
        return term.value
    from rdflib import Literal  # not at the top: workers import this module without rdflib

    value = Literal(term.value, datatype=term.datatype.value).toPython()
    return term.value if isinstance(value, Literal) else value  # a datatype rdflib has no Python type for


def evaluate(kg, sparql: str, bindings: dict | None = None, max_rows: int | None = None, **options) -> QueryResult:
    """Run a query in this process and collect its result (no time limit but the remote one, if any)."""
    try:
        result = kg.query(sparql, bindings, **options)
        if isinstance(result, ox.QueryBoolean | bool):
            return QueryResult("ask", b"true" if bool(result) else b"false", count=1)
        if isinstance(result, ox.QuerySolutions):
            return _collect_solutions(result, max_rows)
        return _collect_triples(result, max_rows)
    except QueryError:
        raise
    except InputError as e:
        raise QueryError(parse_error_message(str(e), sparql)) from None
    except (SyntaxError, RuntimeError, ValueError) as e:
        raise QueryError(parse_error_message(str(e), sparql)) from None


def _collect_solutions(solutions: ox.QuerySolutions, max_rows: int | None) -> QueryResult:
    if max_rows is None:  # Oxigraph's own TSV writer: no Python object per value (2x faster for large results)
        payload = solutions.serialize(format=ox.QueryResultsFormat.TSV)
        return QueryResult("select", payload, False, payload.count(b"\n") - 1)
    names = [v.value for v in solutions.variables]
    lines = ["\t".join(f"?{n}" for n in names)]
    truncated = False
    for solution in solutions:
        if max_rows is not None and len(lines) > max_rows:
            truncated = True
            break
        lines.append("\t".join("" if solution[n] is None else str(solution[n]) for n in names))
    return QueryResult("select", ("\n".join(lines) + "\n").encode("utf-8"), truncated, len(lines) - 1)


def _collect_triples(triples, max_rows: int | None) -> QueryResult:
    kept: list[ox.Triple] = []
    truncated = False
    for t in triples:
        if max_rows is not None and len(kept) >= max_rows:
            truncated = True
            break
        kept.append(t)
    payload = ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) if kept else b""
    return QueryResult("graph", payload, truncated, len(kept))
