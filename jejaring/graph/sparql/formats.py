"""Query results written by Oxigraph's own serialisers as SPARQL 1.1 JSON, XML, CSV or TSV, as a text table or
Markdown, and graphs as Turtle, N-Triples, RDF/XML or JSON-LD."""

from __future__ import annotations

import pyoxigraph as ox

from jejaring.errors import QueryError
from jejaring.graph.sparql.result import QueryResult
from jejaring.graph.store.query import _prefixes

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "format_result"]

#: SELECT/ASK output formats: Oxigraph's SPARQL 1.1 results formats, or None for our text renderings.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat | None] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "table": None,
    "md": None,
}


#: CONSTRUCT/DESCRIBE output formats.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}



def format_result(result: QueryResult, fmt: str = "table", *, graph_format: str = "turtle") -> bytes:
    """Serialise a result: SELECT/ASK in ``fmt`` (see :data:`RESULT_FORMATS`), graphs in ``graph_format``.

    Raises
    ------
    QueryError
        An unknown format name.

    Examples
    --------
    >>> r = QueryResult("select", b'?n\\n"Seoul"\\n', count=1)
    >>> format_result(r, "csv")
    b'n\\r\\nSeoul\\r\\n'
    >>> print(format_result(r, "md").decode())
    | n |
    |---|
    | Seoul |
    <BLANKLINE>
    """
    if result.kind == "graph":
        if graph_format not in GRAPH_FORMATS:
            raise QueryError(f"unknown graph format {graph_format!r}; one of {', '.join(GRAPH_FORMATS)}")
        rdf_format = GRAPH_FORMATS[graph_format]
        prefixes = None if rdf_format == ox.RdfFormat.N_TRIPLES else dict(_prefixes())
        return ox.serialize(result.triples(), format=rdf_format, prefixes=prefixes) or b""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; one of {', '.join(RESULT_FORMATS)}")
    native = RESULT_FORMATS[fmt]
    if result.kind == "ask":
        if native in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML):
            parsed = ox.parse_query_results(f'{{"head":{{}},"boolean":{result.payload.decode()}}}',
                                            ox.QueryResultsFormat.JSON)
            return parsed.serialize(format=native)
        return result.payload + b"\n"
    if native is not None:
        return result.solutions().serialize(format=native)
    cells = [[_display(t) for t in row] for row in result.rows()]
    return (_markdown if fmt == "md" else _table)(result.variables, cells).encode("utf-8")


def _display(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _prefixes():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split()) if "\n" in term.value or "\t" in term.value else term.value
    return str(term)


def _table(names: list[str], cells: list[list[str]]) -> str:
    widths = [max([len(n)] + [len(row[i]) for row in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def _markdown(names: list[str], cells: list[list[str]]) -> str:
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(esc(n) for n in names) + " |", "|" + "|".join("---" for _ in names) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in cells]
    return "\n".join(lines) + "\n"
