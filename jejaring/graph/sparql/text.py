"""Checks on a query's text before it runs: what it may call (``SERVICE``), how deep it nests, its form, and a
hint for the schema.org namespace it may have mistyped."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable

from jejaring.errors import QueryError
from jejaring.graph.store.query import _TOKENS, tokenize

__all__ = ["MAX_NESTING", "UPDATE_KEYWORDS", "check_query", "query_form", "schema_org_hint"]

#: Braces and brackets a query may nest: Oxigraph's parser overflows its stack a few thousand deep.
MAX_NESTING = 200


#: The first keyword of a SPARQL Update operation.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def schema_org_hint(sparql: str) -> str | None:
    """A hint for a query naming ``http://schema.org/``, which matches nothing: the graph uses ``https://schema.org/``.

    >>> schema_org_hint("PREFIX schema: <http://schema.org/> SELECT * { ?s a schema:Person }")[:40]
    'the query uses <http://schema.org/>, but'
    >>> schema_org_hint('SELECT * { ?s ?p "http://schema.org/" }') is None
    True
    """
    if any(t.lastgroup == "iri" and t.group().startswith("<http://schema.org/") for t in _TOKENS.finditer(sparql)):
        return ("the query uses <http://schema.org/>, but the graph's schema.org terms are <https://schema.org/...>: "
                "write PREFIX schema: <https://schema.org/>")
    return None


def check_query(sparql: str, allow_service: Iterable[str] = ()) -> None:
    """Refuse, before it runs, a query that would call another host or overflow the parser.

    Oxigraph evaluates ``SERVICE <url>`` by sending the query to that URL and puts the remote answer in
    its error message, so a query could make this machine reach any host it can (its own admin pages
    included). A ``SERVICE`` is refused unless its IRI names one of the hosts in ``allow_service``; a
    ``SERVICE ?variable``, a relative IRI without ``BASE`` or an undeclared prefix is refused always.
    Nesting deeper than :data:`MAX_NESTING` is refused too: the parser would crash, not answer.

    Raises
    ------
    QueryError
        One line naming what is refused and how to allow it.

    Examples
    --------
    >>> check_query('SELECT * WHERE { ?s ?p "SERVICE <http://a.example/>" }')
    >>> check_query('SELECT * WHERE { SERVICE <http://a.example/sparql> { ?s ?p ?o } }')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jejaring.errors.QueryError: the query calls SERVICE <http://a.example/sparql>, and a.example is not allowed; ...
    >>> check_query('SELECT * WHERE { SERVICE <http://a.example/sparql> { ?s ?p ?o } }', ["a.example"])
    """
    allowed = {host.lower() for host in allow_service}
    tokens = [t for t in _TOKENS.finditer(sparql) if t.lastgroup not in ("comment", "string")]
    prefixes: dict[str, str] = {}
    base, depth = "", 0
    for i, tok in enumerate(tokens):
        kind, text = tok.lastgroup, tok.group()
        if kind in ("open", "other") and text in "{([":
            depth += 1
            if depth > MAX_NESTING:
                raise QueryError(f"the query nests deeper than {MAX_NESTING} levels of brackets; it is refused")
        elif kind in ("close", "other") and text in "})]":
            depth -= 1
        elif kind != "word":
            continue
        word = text.upper()
        following = [t.group() for t in tokens[i + 1:i + 4]]
        if word == "PREFIX" and len(following) >= 2 and following[1].startswith("<"):
            prefixes[following[0].removesuffix(":")] = following[1][1:-1]
        elif word == "BASE" and following and following[0].startswith("<"):
            base = following[0][1:-1]
        elif word == "SERVICE":
            target = following[1] if following[:1] and following[0].upper() == "SILENT" else following[0] \
                if following else ""
            _check_service(target, prefixes, base, allowed)


def _check_service(target: str, prefixes: dict[str, str], base: str, allowed: set[str]) -> None:
    if target.startswith("<"):
        iri = urllib.parse.urljoin(base, target[1:-1]) if base else target[1:-1]
    elif ":" in target and not target.startswith(("?", "$")):
        prefix, _, local = target.partition(":")
        iri = prefixes[prefix] + local if prefix in prefixes else ""
    else:
        iri = ""
    host = (urllib.parse.urlsplit(iri).hostname or "") if iri else ""
    if host and host in allowed:
        return
    hint = f"--allow-service {host}" if host else "--allow-service HOST, with the service's IRI written out"
    shown = iri or target or "without an IRI"
    what = f"and {host} is not allowed" if host else "whose host cannot be told before it runs"
    raise QueryError(f"the query calls SERVICE {'<' + iri + '>' if iri else shown}, {what}; "
                     f"SERVICE is refused unless its host is allowed ({hint})")


def query_form(sparql: str) -> str | None:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) or the first update keyword, after the prologue.

    >>> query_form("PREFIX ex: <http://ex/> # a comment\\nINSERT DATA { ex:a ex:b ex:c }")
    'INSERT'
    """
    for tok in tokenize(sparql):
        if tok.lastgroup == "word" and tok.group().upper() not in ("PREFIX", "BASE"):
            return tok.group().upper()
    return None
