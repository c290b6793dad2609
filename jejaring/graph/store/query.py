"""SPARQL text as a store sends it: its tokens, parameters bound in a ``VALUES`` block (and as substitutions),
and Oxigraph's error message made one line. Text only: nothing here runs a query."""

from __future__ import annotations

import functools
import re

import pyoxigraph as ox

from jejaring.errors import QueryError

__all__ = ["bind_for_oxigraph", "inject_values", "parse_error_message", "tokenize"]

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


def _substitutions(bindings: dict | None) -> dict:
    """The single-valued bindings as pyoxigraph terms, converted as :meth:`KnowledgeGraph.query` converts them
    (a substitution binds one value: a list of values is bound by the ``VALUES`` block alone)."""
    if not bindings:
        return {}
    from jejaring.graph.store.terms import to_ox

    try:
        return {ox.Variable(k): to_ox(v) for k, v in bindings.items() if not _several(v)}
    except (SyntaxError, RuntimeError, ValueError) as e:
        raise QueryError(parse_error_message(str(e))) from None


def parse_error_message(message: str, sparql: str = "") -> str:
    """One line from Oxigraph's (possibly multi-line) error message, with the position spelled out and, given
    the query, the prefix it did not declare.

    >>> parse_error_message("error at 1:28: expected one of \\",\\", \\".\\"")
    'the SPARQL query does not parse at line 1, column 28: expected one of ",", "."'
    >>> parse_error_message("error at 1:31: expected one of Prefix not found", "SELECT * { ?s a schema:Person }")[54:]
    'the prefix schema: is not declared; add PREFIX schema: <https://schema.org/> before the query'
    """
    text = " ".join(message.split())
    text = re.sub(r"^the SPARQL query does not parse:\s*", "", text)
    m = _POSITION.search(text)
    if m:
        detail = text[m.end():]
        if "Prefix not found" in detail:
            detail = _undeclared_prefix(sparql)
        elif len(detail) > 160:
            detail = detail[:157].rstrip() + "..."
        return f"the SPARQL query does not parse at line {m.group(1)}, column {m.group(2)}: {detail}"
    return f"the SPARQL query cannot be run: {text}" if not text.startswith("the SPARQL query") else text


def _undeclared_prefix(sparql: str) -> str:
    """What to add for the first prefixed name of a query whose prefix it does not declare: jejaring's IRI for the
    prefixes it knows, a placeholder for the others."""
    tokens = [t for t in _TOKENS.finditer(sparql) if t.lastgroup not in ("comment", "string")]
    declared = {tokens[i + 1].group().removesuffix(":") for i, t in enumerate(tokens[:-1])
                if t.lastgroup == "word" and t.group().upper() == "PREFIX"}
    missing = next((t.group().split(":", 1)[0] for t in tokens
                    if t.lastgroup == "pname" and t.group().split(":", 1)[0] not in declared), None)
    if missing is None:
        return "a prefix is not declared; add PREFIX name: <IRI> before the query"
    return f"the prefix {missing}: is not declared; add PREFIX {missing}: <{dict(_prefixes()).get(missing, 'IRI')}> " \
           "before the query"


@functools.lru_cache(maxsize=256)
def tokenize(sparql: str) -> tuple[re.Match, ...]:
    """The keywords and braces of a query, outside comments, strings and IRIs (enough to find its clauses).
    Cached: the views run the same few queries many times, each with other bindings.

    >>> [t.group() for t in tokenize('SELECT * WHERE { ?s <p#x> "{" } # }')]
    ['SELECT', 'WHERE', '{', '}']
    """
    return tuple(t for t in _TOKENS.finditer(sparql) if t.lastgroup in ("word", "open", "close"))


def bind_for_oxigraph(sparql: str, bindings: dict | None) -> tuple[str, dict]:
    """The query text and the substitutions that run ``sparql`` with ``bindings`` on Oxigraph.

    Oxigraph's evaluator sees substitutions but its optimiser does not, so a bound parameter would not
    steer the join order, and a query about one entity could read the whole corpus first (10x to 100x
    slower at 1M quads). The values are therefore also written in a ``VALUES`` block at the top of the
    WHERE clause (:func:`inject_values`), which the optimiser plans around, while the substitutions
    still bind them inside sub-selects, which the block does not reach. A query with no place for the
    block runs with the substitutions alone.

    >>> from rdflib import URIRef
    >>> bind_for_oxigraph("SELECT ?n WHERE { ?n ?p ?o }", {"n": URIRef("https://example.org/a")})
    ('SELECT ?n WHERE { VALUES (?n) { (<https://example.org/a>) }\\n ?n ?p ?o }', {<Variable value=n>: <NamedNode value=https://example.org/a>})
    """
    if not bindings:
        return sparql, {}
    substitutions = _substitutions(bindings)
    try:
        return inject_values(sparql, bindings), substitutions
    except QueryError:
        if any(_several(v) for v in bindings.values()):
            raise
        return sparql, substitutions


def inject_values(sparql: str, bindings: dict) -> str:
    """The query with a ``VALUES`` block binding ``bindings`` at the top of its WHERE clause.

    Each value is written as an RDF term in N-Triples syntax (pyoxigraph escapes it), so a value
    cannot break out of its quotes. A tuple or list of terms binds its variable to each of them in
    turn, in a ``VALUES`` block of its own (the label predicates a query reads, for instance). Used for
    remote servers, which cannot bind variables themselves, and beside substitutions for Oxigraph's
    planner (:func:`bind_for_oxigraph`).

    Raises
    ------
    QueryError
        The query has no WHERE clause to bind into, or is a ``CONSTRUCT WHERE`` short form.

    Examples
    --------
    >>> inject_values('SELECT ?n WHERE { ?s ?p ?n }', {"n": "x\\" } #"})
    'SELECT ?n WHERE { VALUES (?n) { ("x\\\\" } #") }\\n ?s ?p ?n }'
    >>> from rdflib import URIRef
    >>> inject_values('SELECT ?n WHERE { ?s ?p ?n }', {"p": (URIRef("urn:x:a"), URIRef("urn:x:b"))})
    'SELECT ?n WHERE { VALUES ?p { <urn:x:a> <urn:x:b> }\\n ?s ?p ?n }'
    """
    from jejaring.graph.store.terms import to_ox

    names = [n for n in bindings if not _several(bindings[n])]
    values = " ".join(str(to_ox(bindings[n])) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}\n" if names else ""
    for name, terms in bindings.items():
        if _several(terms):
            block += f" VALUES ?{name} {{ {' '.join(str(to_ox(t)) for t in terms)} }}\n"
    form, seen_where, depth, groups = None, False, 0, 0
    tokens = tokenize(sparql)
    for i, tok in enumerate(tokens):
        kind = tok.lastgroup
        if kind == "word" and depth == 0:
            word = tok.group().upper()
            if form is None and word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = word
            elif word == "WHERE":
                seen_where = True
        elif kind == "open":
            if depth == 0 and form is not None:
                groups += 1
                if form == "CONSTRUCT" and seen_where and groups == 1:
                    raise QueryError("parameters cannot be bound into a CONSTRUCT WHERE { } short form; "
                                     "write CONSTRUCT { ... } WHERE { ... }")
                if seen_where or form != "CONSTRUCT" or groups == 2:
                    return _insert_block(sparql, tokens, i, block)
            depth += 1
        elif kind == "close":
            depth -= 1
    raise QueryError("the query has no WHERE clause to bind parameters into")


def _several(value) -> bool:
    """Whether a binding is a list of values rather than one."""
    return isinstance(value, (tuple, list))


def _insert_block(sparql: str, tokens: tuple, i: int, block: str) -> str:
    start = tokens[i].end()
    follows = tokens[i + 1] if i + 1 < len(tokens) else None
    if follows is None or follows.lastgroup != "word" or follows.group().upper() != "SELECT":
        return sparql[:start] + block + sparql[start:]
    # a sub-select cannot follow VALUES in the same group: wrap it in a group of its own
    depth = 0
    for tok in tokens[i:]:
        depth += {"open": 1, "close": -1}.get(tok.lastgroup, 0)
        if depth == 0:
            end = tok.start()
            return sparql[:start] + block + " {" + sparql[start:end] + "} " + sparql[end:]
    raise QueryError("the query's braces do not balance")


@functools.cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    from jejaring.ontology.namespaces import PREFIXES

    return tuple((k, str(v)) for k, v in PREFIXES.items())
