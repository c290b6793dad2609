"""Run SPARQL on a knowledge graph with a time limit that really stops the work, and a result-size limit.

pyoxigraph cannot cancel a running query, so a query with a time limit runs in a worker process
(:class:`~jejaring.graph.sparql.workers.QueryWorkers`), which is killed when the time is up while the caller
carries on."""

from __future__ import annotations

import re
from collections.abc import Iterable

from jejaring.graph.sparql.result import QueryResult, evaluate
from jejaring.graph.sparql.text import check_query
from jejaring.graph.sparql.workers import _default_workers

__all__ = ["run_query"]

#: A library query's name, as opposed to a query's text.
_LIBRARY_NAME = re.compile(r"[a-z][a-z0-9-]*")


def run_query(
    kg,
    sparql: str,
    bindings: dict | None = None,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    allow_service: Iterable[str] = (),
    **params,
) -> QueryResult:
    """Run a SPARQL query on a knowledge graph, stopping it after ``timeout`` seconds.

    Parameters
    ----------
    kg
        A :class:`~jejaring.graph.store.local.KnowledgeGraph` or a remote graph.
    sparql
        The query (SELECT, ASK, CONSTRUCT or DESCRIBE), or the name of a library query (``"career-trail"``).
    bindings
        Variable names to RDF terms, bound as terms (never pasted into the text).
    params
        Parameters of a library query (or of a query text whose header declares them), as Python values:
        ``run_query(kg, "career-trail", person="Siti Rahmawati Hasibuan")``. They are typed as the query
        declares (:func:`jejaring.queries.bind_params`) and added to ``bindings``.
    timeout
        Seconds before the query is stopped; None runs it in this process, with no limit. With a
        limit it runs in a worker process (see :class:`~jejaring.graph.sparql.workers.QueryWorkers`), kept for the next queries.
    max_rows
        Keep at most this many rows (or triples); :attr:`QueryResult.truncated` tells when some were left out.
    allow_service
        Hosts that ``SERVICE`` may call (see :func:`~jejaring.graph.sparql.text.check_query`); by default a query
        reaches no other host.

    Raises
    ------
    QueryError
        The query does not parse, cannot be evaluated, calls ``SERVICE`` on a host not allowed or nests
        deeper than :data:`~jejaring.graph.sparql.text.MAX_NESTING`.
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
    if params or _LIBRARY_NAME.fullmatch(sparql):
        from jejaring.queries import bind_params, load_query, parse_query_text

        query = load_query(sparql) if _LIBRARY_NAME.fullmatch(sparql) else parse_query_text(sparql, "query")
        sparql, bindings = query.text, {**bind_params(query, {k: str(v) for k, v in params.items()}),
                                        **(bindings or {})}
    check_query(sparql, allow_service)
    if timeout is None or getattr(kg, "is_remote", False):
        if getattr(kg, "is_remote", False):
            return evaluate(kg, sparql, bindings, max_rows, timeout=timeout)
        return evaluate(kg, sparql, bindings, max_rows)
    return _default_workers().run(kg, sparql, bindings, timeout=timeout, max_rows=max_rows,
                                  allow_service=allow_service)
