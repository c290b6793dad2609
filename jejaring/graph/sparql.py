"""Run SPARQL with a time limit that really stops the work, a result-size limit, and write the results.

pyoxigraph cannot cancel a running query, so a query with a time limit runs in a forked worker
process that inherits the open store (embedded directory or in-memory); when the time is up the
worker is killed and the caller carries on. Results come back as SPARQL TSV (SELECT), N-Triples
(CONSTRUCT, DESCRIBE) or a boolean (ASK), and are written by Oxigraph's own serialisers as SPARQL 1.1
JSON, XML, CSV or TSV, as a text table or Markdown, and graphs as Turtle, N-Triples, RDF/XML or JSON-LD.
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from jejaring.errors import InputError, JejaringError, QueryError
from jejaring.ontology.namespaces import PREFIXES

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "UPDATE_KEYWORDS",
    "QueryResult",
    "QueryTimeout",
    "format_result",
    "parse_error_message",
    "query_form",
    "run_query",
    "tokenize",
]

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

_FORK_LOCK = threading.Lock()
_POSITION = re.compile(r"error at (\d+):(\d+):\s*")
_TOKENS = re.compile(
    r'''(?P<comment>\#[^\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][\w\u00B7]+)
      | (?P<pname>[A-Za-z_][\w.\-]*:[\w.\-:%]*)
      | (?P<word>[A-Za-z_][\w\-]*)
      | (?P<open>\{) | (?P<close>\}) | (?P<other>\S)''',
    re.X | re.S,
)
#: The first keyword of a SPARQL Update operation.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


class QueryTimeout(JejaringError):
    """A query ran past its time limit and was stopped (exit code 1)."""


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

    def triples(self) -> list[ox.Triple]:
        """The triples of a CONSTRUCT or DESCRIBE result."""
        if self.kind != "graph":
            return []
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(self.payload, ox.RdfFormat.N_TRIPLES)]


def run_query(
    kg,
    sparql: str,
    bindings: dict | None = None,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a SPARQL query on a knowledge graph, stopping it after ``timeout`` seconds.

    Parameters
    ----------
    kg
        A :class:`~jejaring.graph.store.KnowledgeGraph` or a remote graph.
    sparql
        The query (SELECT, ASK, CONSTRUCT or DESCRIBE).
    bindings
        Variable names to RDF terms, bound as terms (never pasted into the text).
    timeout
        Seconds before the query is stopped; None runs it in this process, with no limit.
    max_rows
        Keep at most this many rows (or triples); :attr:`QueryResult.truncated` tells when some were left out.

    Raises
    ------
    QueryError
        The query does not parse or cannot be evaluated.
    QueryTimeout
        The time limit passed; the query was stopped.

    Examples
    --------
    >>> from jejaring.graph.store import open_graph
    >>> import tempfile, os
    >>> kg = open_graph(os.path.join(tempfile.mkdtemp(), "g.trig"))
    >>> run_query(kg, "ASK { ?s ?p ?o }", timeout=10).boolean
    False
    """
    if timeout is None or getattr(kg, "is_remote", False):
        if getattr(kg, "is_remote", False):
            return evaluate(kg, sparql, bindings, max_rows, timeout=timeout)
        return evaluate(kg, sparql, bindings, max_rows)
    return _run_forked(kg, sparql, bindings, timeout, max_rows)


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
        raise QueryError(parse_error_message(str(e))) from None
    except (SyntaxError, RuntimeError, ValueError) as e:
        raise QueryError(parse_error_message(str(e))) from None


def _collect_solutions(solutions: ox.QuerySolutions, max_rows: int | None) -> QueryResult:
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


def _run_forked(kg, sparql: str, bindings: dict | None, timeout: float, max_rows: int | None) -> QueryResult:
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_work, args=(sender, kg, sparql, bindings, max_rows), daemon=True)
    with _FORK_LOCK:  # one fork at a time: no thread of ours is half-way through a fork when another starts
        worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(f"the query ran past the time limit of {timeout:g} s and was stopped; "
                               "narrow it (LIMIT, more specific patterns) or allow more time")
        status, value = receiver.recv()
    except EOFError:
        worker.join(1)
        raise JejaringError(f"the query worker stopped without an answer (exit code {worker.exitcode})") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    if status == "error":
        raise QueryError(value)
    return value


def _work(sender, kg, sparql: str, bindings: dict | None, max_rows: int | None) -> None:
    try:
        message = ("ok", evaluate(kg, sparql, bindings, max_rows))
    except JejaringError as e:
        message = ("error", str(e))
    except Exception as e:  # the worker must always answer, or the caller waits for nothing
        message = ("error", f"the query failed: {type(e).__name__}: {e}")
    sender.send(message)
    sender.close()


def parse_error_message(message: str) -> str:
    """One line from Oxigraph's (possibly multi-line) error message, with the position spelled out.

    >>> parse_error_message("error at 1:28: expected one of \\",\\", \\".\\"")
    'the SPARQL query does not parse at line 1, column 28: expected one of ",", "."'
    """
    text = " ".join(message.split())
    text = re.sub(r"^the SPARQL query does not parse:\s*", "", text)
    m = _POSITION.search(text)
    if m:
        detail = text[m.end():]
        if "Prefix not found" in detail:
            detail = "a prefix is not declared; add PREFIX name: <IRI> before the query"
        elif len(detail) > 160:
            detail = detail[:157].rstrip() + "..."
        return f"the SPARQL query does not parse at line {m.group(1)}, column {m.group(2)}: {detail}"
    return f"the SPARQL query cannot be run: {text}" if not text.startswith("the SPARQL query") else text


def tokenize(sparql: str) -> list[re.Match]:
    """The keywords and braces of a query, outside comments, strings and IRIs (enough to find its clauses).

    >>> [t.group() for t in tokenize('SELECT * WHERE { ?s <p#x> "{" } # }')]
    ['SELECT', 'WHERE', '{', '}']
    """
    return [t for t in _TOKENS.finditer(sparql) if t.lastgroup in ("word", "open", "close")]


def query_form(sparql: str) -> str | None:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) or the first update keyword, after the prologue.

    >>> query_form("PREFIX ex: <http://ex/> # a comment\\nINSERT DATA { ex:a ex:b ex:c }")
    'INSERT'
    """
    for tok in tokenize(sparql):
        if tok.lastgroup == "word" and tok.group().upper() not in ("PREFIX", "BASE"):
            return tok.group().upper()
    return None


# -- writing ---------------------------------------------------------------------------------------
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
        prefixes = None if rdf_format == ox.RdfFormat.N_TRIPLES else {k: str(v) for k, v in PREFIXES.items()}
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
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(str(ns)) and len(term.value) > len(str(ns)):
                return f"{prefix}:{term.value[len(str(ns)):]}"
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
