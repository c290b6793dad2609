"""The knowledge graph stores, all with one API: the embedded Oxigraph store (:mod:`.local`), a SPARQL 1.1
server (:mod:`.remote`), what they share (:mod:`.base`), the meta graph's records of documents (:mod:`.meta`),
the derived graph (:mod:`.derive`), and the SPARQL text a store sends (:mod:`.query`)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jejaring.graph.store.local import KnowledgeGraph
    from jejaring.graph.store.remote import RemoteGraph

__all__ = ["open_graph"]


def open_graph(location: str | os.PathLike[str], *, create: bool = True) -> KnowledgeGraph | RemoteGraph:
    """Open a knowledge graph from a location: a directory (embedded store) or a ``.trig``/``.nq`` file.

    Parameters
    ----------
    location
        A directory for the embedded Oxigraph store, or a dataset file; an ``http(s)://`` URL opens a
        SPARQL 1.1 server as the store (:func:`jejaring.graph.store.remote.open_remote`).
    create
        Create an empty graph when the location does not exist yet.

    Raises
    ------
    GraphLocationError
        The location is a file of another kind, or does not exist and ``create`` is False.
    """
    # imported here: the query workers import this package (for .query) and should not load rdflib
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        from jejaring.graph.store.remote import open_remote

        return open_remote(location, create=create)
    from jejaring.graph.store.local import open_local

    return open_local(location, create=create)
