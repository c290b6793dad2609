"""The SPARQL library: one ``.rq`` file per question, each with a comment header.

A header names the query, describes it, and declares its parameters::

    # name: career-trail
    # description: A person's career trail: every post held, where, and when.
    # param: person (string, required) The person's name or any other form of it.

A parameter is a variable of the query, declared ``# param: NAME (TYPE, DEFAULT) description`` with
TYPE one of ``string``, ``iri``, ``date``, ``integer``, ``decimal``, and DEFAULT ``required``, ``none``
(left unbound when not given) or a value. Values are bound as typed RDF terms
(:func:`bind_params`), never pasted into the query text; a parameter is projected by its query
(Oxigraph binds only projected variables), so it shows as a column echoing the value given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from jejaring.errors import QueryError
from jejaring.ontology.namespaces import PREFIXES

__all__ = [
    "PARAM_TYPES",
    "LibraryQuery",
    "Param",
    "bind_params",
    "expand_iri",
    "list_queries",
    "load_query",
    "parse_query_text",
    "read_query_file",
]

#: Parameter types and what they become.
PARAM_TYPES = ("string", "iri", "date", "integer", "decimal")

_HEADER = re.compile(r"^#\s*(name|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(\w+)\s*(?:,\s*([^)]*?)\s*)?\)\s*(.*)$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@dataclass(frozen=True)
class Param:
    """A declared parameter: its variable name, type, default (None: unbound) and whether it is required."""

    name: str
    type: str = "string"
    default: str | None = None
    required: bool = False
    description: str = ""


@dataclass(frozen=True)
class LibraryQuery:
    """A library query: name, one-line description, declared parameters and the SPARQL text."""

    name: str
    description: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    text: str = ""

    def param(self, name: str) -> Param:
        """The declared parameter called ``name``.

        Raises
        ------
        QueryError
            No such parameter (the known ones are listed).
        """
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")


def parse_query_text(text: str, name: str) -> LibraryQuery:
    """A :class:`LibraryQuery` from SPARQL text with an optional comment header.

    Parameters
    ----------
    text
        The query; leading ``# name:``, ``# description:`` and ``# param:`` comment lines are read.
    name
        The name to use when the header gives none.

    Raises
    ------
    QueryError
        A ``# param:`` line is malformed or names an unknown type.

    Examples
    --------
    >>> q = parse_query_text("# name: n\\n# param: year (integer, none) The year.\\nSELECT ?year {}", "x")
    >>> q.name, q.params[0].type, q.params[0].required
    ('n', 'integer', False)
    """
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            break
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.groups()
        if key != "param":
            meta.setdefault(key, value)
            continue
        pm = _PARAM.match(value)
        if not pm:
            raise QueryError(f"{name}: malformed parameter line {line.strip()!r}; "
                             "write '# param: NAME (TYPE, DEFAULT) description'")
        pname, ptype, default, description = pm.groups()
        if ptype not in PARAM_TYPES:
            raise QueryError(f"{name}: parameter {pname!r} has unknown type {ptype!r} "
                             f"(one of {', '.join(PARAM_TYPES)})")
        default = (default or "none").strip()
        required = default == "required"
        params.append(Param(pname, ptype, None if default in ("none", "required") else default.strip("\"'"),
                            required, description))
    return LibraryQuery(meta.get("name", name), meta.get("description", ""), tuple(params), text)


def _library_files() -> list:
    return sorted((f for f in resources.files(__name__).iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)


def list_queries() -> list[LibraryQuery]:
    """Every query shipped in the library, sorted by name.

    >>> "career-trail" in [q.name for q in list_queries()]
    True
    """
    queries = [parse_query_text(f.read_text(encoding="utf-8"), f.name[:-3]) for f in _library_files()]
    return sorted(queries, key=lambda q: q.name)


def load_query(name: str) -> LibraryQuery:
    """The library query called ``name``.

    Raises
    ------
    QueryError
        No query has that name (the names are listed).
    """
    queries = list_queries()
    for q in queries:
        if q.name == name:
            return q
    raise QueryError(f"no library query {name!r}; the library has: {', '.join(q.name for q in queries)} "
                     "(see 'jejaring queries')")


def read_query_file(path: str | Path) -> LibraryQuery:
    """A query from a ``.rq`` file of one's own; its header, when present, declares parameters as in the library.

    Raises
    ------
    QueryError
        The file cannot be read.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read the query file: {e}") from None
    return parse_query_text(text, path.stem)


def bind_params(query: LibraryQuery, given: dict[str, str]) -> dict[str, URIRef | Literal]:
    """Typed RDF terms for a query's parameters: the given values, else the defaults.

    IRIs become ``URIRef`` (a prefixed name such as ``jj:LearningVisit`` is expanded), dates
    ``xsd:date``, integers ``xsd:integer``, decimals ``xsd:decimal`` and strings plain literals.
    A parameter with no value and no default is left out (its variable stays unbound).

    Parameters
    ----------
    query
        The query declaring the parameters.
    given
        Parameter values as text, by name.

    Raises
    ------
    QueryError
        An unknown parameter, a missing required one, or a value that is not of the parameter's type.

    Examples
    --------
    >>> q = parse_query_text("# param: day (date, none) A day.\\nSELECT ?day {}", "q")
    >>> bind_params(q, {"day": "2018-03-19"})["day"].datatype == XSD.date
    True
    """
    for name in given:
        query.param(name)
    bindings: dict[str, URIRef | Literal] = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            if p.required:
                raise QueryError(f"query {query.name!r} needs the parameter {p.name!r} ({p.type}); "
                                 f"give it as {p.name}=VALUE (--param {p.name}=VALUE on the command line)")
            continue
        bindings[p.name] = _term(query.name, p, value)
    return bindings


def _term(query: str, p: Param, value: str) -> URIRef | Literal:
    def bad(why: str) -> QueryError:
        return QueryError(f"query {query!r}: parameter {p.name!r} = {value!r} is not {why}")

    if p.type == "iri":
        return URIRef(expand_iri(value, bad))
    if p.type == "date":
        try:
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        except ValueError:
            raise bad("a date (YYYY-MM-DD)") from None
    if p.type == "integer":
        try:
            return Literal(int(value), datatype=XSD.integer)
        except ValueError:
            raise bad("an integer") from None
    if p.type == "decimal":
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:
            raise bad("a decimal number") from None
    return Literal(value)


def expand_iri(value: str, bad=None) -> str:
    """A full IRI from an IRI (``<...>`` optional) or a prefixed name with one of jejaring's prefixes.

    >>> expand_iri("jj:LearningVisit")
    'https://w3id.org/jejaring/ns#LearningVisit'
    """
    bad = bad or (lambda why: QueryError(f"{value!r} is not {why}"))
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        text = str(PREFIXES[prefix]) + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) or _IRI_FORBIDDEN.search(text):
        raise bad(f"an IRI (a full IRI or a prefixed name with one of {', '.join(PREFIXES)})")
    return text
