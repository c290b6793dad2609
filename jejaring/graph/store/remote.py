"""A knowledge graph kept in any SPARQL 1.1 Query/Update server: Oxigraph, Fuseki, GraphDB, Virtuoso, Neptune.

:func:`open_remote` gives an object with the API of :class:`~jejaring.graph.store.local.KnowledgeGraph`;
its ``store`` (:class:`RemoteStore`) answers the pyoxigraph ``Store`` calls that code written for the
embedded store makes (``query``, ``update``, ``quads_for_pattern``, ``named_graphs``).
Writes are SPARQL Update requests, one per document (one transaction on servers that make a request
one); reads use explicit ``GRAPH ?g`` patterns, and library queries run over the union of the
document graphs in the way the location says (see :func:`parse_location`): by default on an Oxigraph
server, the store keeps the union in the server's default graph as the embedded store does (a triple
once, however many documents state it). HTTP is sent with the standard library.

Location convention (``-g URL``)::

    http://HOST:PORT                    Oxigraph server: query HOST:PORT/query, update HOST:PORT/update,
                                        the union kept in the default graph by every write (union=copy)
    http://HOST/PATH                    one URL for query and update (Virtuoso, Neptune); the server's
                                        default graph is taken as the union (union=server)
    http://HOST/PATH?update=URL         a separate update URL (Fuseki: .../query?update=.../update)
    ...&union=MODE                      copy | server | graphs (every named graph sent as
                                        default-graph-uri) | an IRI sent as default-graph-uri
                                        (Fuseki: union=urn:x-arq:UnionGraph)
    http://USER:PASSWORD@HOST/...       credentials for HTTP basic or digest authentication
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from jejaring import __version__
from jejaring.errors import GraphLocationError, JejaringError, QueryError, QueryTimeout
from jejaring.graph.store.base import DATASET_FORMATS, BaseGraph, DocumentGraph
from jejaring.graph.store.meta import meta_record
from jejaring.graph.store.query import inject_values, parse_error_message
from jejaring.ontology.namespaces import PREFIXES, document_iri

__all__ = ["RemoteGraph", "RemoteLocation", "RemoteStore", "open_remote", "parse_location"]

_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
           "application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.7")
_UNION_MODES = ("copy", "server", "graphs")


@dataclass(frozen=True)
class RemoteLocation:
    """Where a remote graph lives: its query and update URLs, how to query the union, and credentials."""

    query_url: str
    update_url: str
    union: str = "server"
    user: str | None = None
    password: str | None = None


def parse_location(url: str) -> RemoteLocation:
    """The query and update URLs and the union mode named by a ``-g`` URL (see the module docstring).

    >>> parse_location("http://127.0.0.1:7878").update_url
    'http://127.0.0.1:7878/update'
    >>> loc = parse_location("http://h:3030/ds/query?update=http://h:3030/ds/update&union=urn:x-arq:UnionGraph")
    >>> loc.query_url, loc.update_url, loc.union
    ('http://h:3030/ds/query', 'http://h:3030/ds/update', 'urn:x-arq:UnionGraph')
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise GraphLocationError(f"{url}: not an http(s) URL of a SPARQL server")
    params = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    ours = {k: v for k, v in params if k in ("update", "union")}
    rest = urllib.parse.urlencode([(k, v) for k, v in params if k not in ("update", "union")])
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    if ":" in parts.hostname:
        netloc = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    bare = parts.path in ("", "/")
    base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/") if bare else parts.path, "", ""))
    query_url = base + "/query" if bare else base
    if rest:
        query_url += "?" + rest
    update_url = ours.get("update") or (base + "/update" if bare else query_url)
    union = ours.get("union") or ("copy" if bare else "server")
    if union not in _UNION_MODES and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", union):
        raise GraphLocationError(f"{url}: union={union!r} is not one of {', '.join(_UNION_MODES)} or an IRI")
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password else None
    return RemoteLocation(query_url, update_url, union, user, password)


def open_remote(url: str, *, create: bool = True, timeout: float = 60.0) -> RemoteGraph:
    """Open a knowledge graph on a SPARQL 1.1 server, checking that it answers.

    Raises
    ------
    GraphLocationError
        The URL is malformed, or the server cannot be reached or refuses access.
    """
    kg = RemoteGraph(url, parse_location(url), timeout=timeout)
    kg.query("ASK { }")
    if kg.remote.union == "copy":
        kg._keep_union()
    return kg


class RemoteGraph(BaseGraph):
    """A knowledge graph on a SPARQL 1.1 Query/Update server, with the API of ``KnowledgeGraph``."""

    is_remote = True

    def __init__(self, location: str, remote: RemoteLocation, timeout: float = 60.0) -> None:
        self.location = location
        self.remote = remote
        self.timeout = timeout
        self._graphs: list[str] | None = None
        self.store = RemoteStore(self)

    def close(self) -> None:
        """Nothing to release: every write was committed by its own request."""

    def save(self) -> None:
        """Nothing to save: every write was committed by its own request."""

    # -- views -----------------------------------------------------------------------------
    def dataset(self) -> Dataset:
        """An rdflib ``Dataset`` over an in-memory copy of every named graph (a snapshot, not a live view)."""
        from oxrdflib import OxigraphStore

        store = ox.Store()
        store.extend(list(self.quads()))
        return Dataset(store=OxigraphStore(store=store), default_union=True)

    # -- documents -------------------------------------------------------------------------
    def write_documents(self, graphs: Iterable[DocumentGraph]) -> None:
        """Write many document graphs, one SPARQL Update request each (see :meth:`replace_document`)."""
        for g in graphs:
            self._swap(g)

    def _swap(self, g: DocumentGraph) -> URIRef:
        doc = document_iri(g.identity)
        meta = meta_record(doc, g.identity, g.sha256, g.language, g.text, g.digest, size=g.size).serialize(format="nt")
        self.update(self._rewrite_update(doc, g.ntriples.decode(), meta))
        return doc

    def replace_graph(self, graph: URIRef | str, ntriples: str) -> None:
        """Replace a named graph's triples with N-Triples, the union kept, in one request."""
        self.update(self._rewrite_update(graph, ntriples))

    def _insert_update(self, graph: URIRef | str, ntriples: str) -> str:
        if self.remote.union == "copy":
            return super()._insert_update(graph, ntriples)
        return f"INSERT DATA {{ GRAPH <{graph}> {{ {ntriples} }} }}"  # the server makes the union

    def _retire_update(self, graph: str) -> str:
        return super()._retire_update(graph) if self.remote.union == "copy" else f"DROP SILENT GRAPH <{graph}>"

    # -- reading ---------------------------------------------------------------------------
    def __len__(self) -> int:
        rows = list(self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value) if rows else 0

    def query(self, sparql: str, bindings: dict | None = None, *, timeout: float | None = None):
        """Run SPARQL over the union of the document graphs on the server.

        ``bindings`` (variable name to term) are sent as a ``VALUES`` block at the top of the
        WHERE clause, each value written as an escaped RDF term (:func:`inject_values`).
        Returns pyoxigraph ``QuerySolutions``, ``QueryBoolean`` or a list of ``Triple``, as
        ``KnowledgeGraph.query`` does.
        """
        text = inject_values(sparql, bindings) if bindings else sparql
        return self._query(text, union=True, timeout=timeout)

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (or of one named graph)."""
        return self.store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)) if graph is not None else None)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update request on the server."""
        self._update(sparql)
        self._graphs = None

    def serialize(self, out: IO[bytes], fmt: ox.RdfFormat, graph: URIRef | None = None) -> None:
        """Write the named graphs (or one graph) with Oxigraph's writer."""
        quads = list(self.quads(graph))
        prefixes = None if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) else {
            k: str(v) for k, v in PREFIXES.items()}
        if fmt in DATASET_FORMATS.values():
            ox.serialize(sorted(quads, key=str), out, fmt, prefixes=prefixes)
        else:
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
            ox.serialize(sorted(triples, key=str), out, fmt, prefixes=prefixes)

    # -- HTTP ------------------------------------------------------------------------------
    def _select(self, sparql: str) -> ox.QuerySolutions:
        return self._query(sparql, union=False)

    def _union_params(self) -> list[tuple[str, str]]:
        union = self.remote.union
        if union in ("copy", "server"):
            return []
        if union == "graphs":
            if self._graphs is None:
                rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
                self._graphs = sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))
            return [("default-graph-uri", g) for g in self._graphs] + [("named-graph-uri", g) for g in self._graphs]
        return [("default-graph-uri", union)]

    def _query(self, sparql: str, *, union: bool, timeout: float | None = None):
        params = [("query", sparql)] + (self._union_params() if union else [])
        body = urllib.parse.urlencode(params).encode("utf-8")
        content_type, data = self._post(self.remote.query_url, body, "application/x-www-form-urlencoded",
                                        timeout, what="query")
        media = content_type.split(";")[0].strip().lower()
        results_format = ox.QueryResultsFormat.from_media_type(media)
        if results_format is not None:
            return ox.parse_query_results(data, results_format)
        rdf_format = ox.RdfFormat.from_media_type(media)
        if rdf_format is not None:
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, rdf_format)]
        raise JejaringError(f"{self.location}: the server answered a query with {media or 'no content type'}, "
                            "not SPARQL results or RDF")

    def _update(self, sparql: str) -> None:
        self._post(self.remote.update_url, sparql.encode("utf-8"), "application/sparql-update; charset=utf-8",
                   None, what="update")

    def _opener(self) -> urllib.request.OpenerDirector:
        """An opener answering the server's basic or digest challenge with the URL's credentials, if any."""
        if self.remote.user is None:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in {self.remote.query_url, self.remote.update_url}:
            passwords.add_password(None, url, self.remote.user, self.remote.password or "")
        return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                           urllib.request.HTTPDigestAuthHandler(passwords))

    def _post(self, url: str, body: bytes, content_type: str, timeout: float | None, *, what: str):
        headers = {"Content-Type": content_type, "Accept": _ACCEPT, "User-Agent": f"jejaring/{__version__}"}
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with self._opener().open(request, timeout=timeout or self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as e:
            message = " ".join(e.read().decode("utf-8", "replace").split())[:500]
            if e.code in (401, 403):
                raise GraphLocationError(
                    f"{self.location}: the server refused the {what} (HTTP {e.code}): give credentials in the URL "
                    "(http://USER:PASSWORD@HOST/...) or check that updates are allowed") from None
            if e.code == 400 and what == "query":
                raise QueryError(parse_error_message(message or e.reason)) from None
            raise JejaringError(f"{self.location}: the server failed the {what} (HTTP {e.code}): {message}") from None
        except TimeoutError:
            waited = timeout or self.timeout
            raise QueryTimeout(f"{self.location}: no answer to the {what} within {waited:g} s") from None
        except urllib.error.URLError as e:
            raise GraphLocationError(f"{self.location}: cannot reach the SPARQL server: {e.reason}") from None


class RemoteStore:
    """The part of pyoxigraph's ``Store`` API that code written for ``KnowledgeGraph.store`` uses, over HTTP.

    The default graph is read only where the store keeps the union there (``union=copy``).
    """

    def __init__(self, kg: RemoteGraph) -> None:
        self._kg = kg

    def query(self, sparql: str, *, use_default_graph_as_union: bool = False, substitutions: dict | None = None,
              **_: object):
        """Run a query; ``substitutions`` (Variable to term) are bound as with :meth:`RemoteGraph.query`."""
        text = inject_values(sparql, {v.value: t for v, t in substitutions.items()}) if substitutions else sparql
        return self._kg._query(text, union=use_default_graph_as_union)

    def update(self, sparql: str, **_: object) -> None:
        """Run a SPARQL Update request."""
        self._kg.update(sparql)

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> Iterator[ox.Quad]:
        """The quads of the named graphs (or of the union kept in the default graph) matching a pattern
        (None matches anything)."""
        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        pattern = {k: str(v) if v is not None else f"?{k}" for k, v in terms.items()}
        triple = f"{pattern['s']} {pattern['p']} {pattern['o']}"
        if isinstance(graph_name, ox.DefaultGraph):
            if self._kg.remote.union != "copy":
                return iter([])
            rows = self._kg._select(f"SELECT * WHERE {{ {triple} }}")
        else:
            rows = self._kg._select(f"SELECT * WHERE {{ GRAPH {pattern['g']} {{ {triple} }} }}")
        return iter([ox.Quad(*(terms[k] if terms[k] is not None else r[k] for k in "spog")) for r in rows])

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        """The names of the graphs on the server."""
        return iter([r["g"] for r in self._kg._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")])

    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Drop a named graph."""
        self._kg.update(f"DROP SILENT GRAPH {graph}")

    def flush(self) -> None:
        """Nothing to flush: every write was committed by its own request."""

    def __iter__(self) -> Iterator[ox.Quad]:
        return self.quads_for_pattern()

    def __len__(self) -> int:
        return len(self._kg)

