"""The views' own SPARQL: one ``.rq`` file per query, named after the module that runs it, with the library's
comment header (name, description, parameters).

These are internal: ``jejaring query --list`` shows the library in ``jejaring/queries``, not them. A parameter is
bound by the caller as RDF terms (``kg.query(view_query("project-labels"), {"p": SHOWN_LABEL_PREDICATES})``), a
tuple binding its variable to each of its terms (:func:`jejaring.graph.store.query.inject_values`); a single
value is also projected by its query, as Oxigraph binds only projected variables.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["view_query"]


@functools.cache
def view_query(name: str) -> str:
    """The text of the views' query ``name``: the file ``<name>.rq`` beside this module.

    >>> view_query("project-events").startswith("# name: project-events")
    True
    """
    return (resources.files(__name__) / f"{name}.rq").read_text(encoding="utf-8")
