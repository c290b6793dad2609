"""The backbone of a stakeholders view: every membership, and only the co-attendance ties that carry most.

Co-attendance links almost every pair of agents who ever met at an event (on 300 generated documents,
4,000 ties among 177 agents), so a view that draws them all is a blob. A backbone keeps every edge that is
not a tie (memberships, units) and a chosen part of the ties, by one of:

- ``strongest``: each agent's ``k`` strongest ties (most events shared; equal strengths go to the other
  agent's IRI order), so nobody who has a tie loses all of them;
- ``disparity``: the disparity filter of Serrano, Boguñá and Vespignani (2009, PNAS 106:6483): a tie
  stays when, for either end, its share of that agent's strength is unlikely (p < ``alpha``) under a
  uniform split of the strength among the agent's ties; an agent with one tie keeps it;
- ``threshold``: ties of at least ``min_weight`` shared events.

``benchmarks/backbone.py`` measures them on a generated corpus; ``strongest`` with ``k=1`` is the default:
the only one that keeps everyone's strongest tie while drawing fewer than three edges per node.
"""

from __future__ import annotations

import inspect
from collections import defaultdict

import networkx as nx

from jejaring.errors import NetworkError

__all__ = ["BACKBONES", "TIE", "backbone", "disparity_ties", "strongest_ties", "threshold_ties", "tie_strengths"]

#: The relation a backbone thins out.
TIE = "co-attendance"


def tie_strengths(G: nx.Graph) -> dict[tuple, float]:
    """Each tied pair of nodes ``(u, v)`` (in ``G``'s edge order) with its strength, the summed ``weight`` of its ties.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_edge("a", "b", relation="co-attendance", weight=3)
    0
    >>> G.add_edge("a", "b", relation="membership")
    1
    >>> tie_strengths(G)
    {('a', 'b'): 3.0}
    """
    strengths: dict[tuple, float] = {}
    for u, v, d in G.edges(data=True):
        if d.get("relation") == TIE and u != v:
            pair = (v, u) if (v, u) in strengths else (u, v)
            strengths[pair] = strengths.get(pair, 0.0) + float(d.get("weight", 1) or 1)
    return strengths


def strongest_ties(G: nx.Graph, *, k: int = 1) -> set[frozenset]:
    """The pairs that are among the ``k`` strongest ties of either of their nodes.

    Among ties of equal strength a node keeps first those the view draws anyway (the pair also has a
    membership or another relation), then those the other node counts among its strongest too, then the
    other node's IRI order: the same guarantee with fewer lines drawn.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="co-attendance", weight=5)
    >>> G.add_edge("b", "c", relation="co-attendance", weight=1)
    >>> G.add_edge("a", "c", relation="co-attendance", weight=2)
    >>> sorted(sorted(p) for p in strongest_ties(G, k=1))
    [['a', 'b'], ['a', 'c']]
    """
    if k < 1:
        raise NetworkError(f"a backbone keeps at least one tie per node, not {k}")
    drawn = {frozenset((u, v)) for u, v, r in G.edges(data="relation") if r != TIE}
    by_node = _ties_by_node(tie_strengths(G))
    top = {n: max(ties.values()) for n, ties in by_node.items()}
    kept: set[frozenset] = set()
    for node, ties in by_node.items():
        ranked = sorted(ties.items(), key=lambda t: (-t[1], frozenset((node, t[0])) not in drawn,
                                                     top[t[0]] != t[1], str(t[0])))
        kept.update(frozenset((node, other)) for other, _ in ranked[:k])
    return kept


def disparity_ties(G: nx.Graph, *, alpha: float = 0.05) -> set[frozenset]:
    """The pairs the disparity filter keeps at significance ``alpha``.

    For a node of ``k`` ties and strength ``s``, a tie of weight ``w`` has
    ``p = (1 - w / s) ** (k - 1)``, the chance that a uniform split gives a tie at least that strong.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for other, w in (("b", 20), ("c", 1), ("d", 1), ("e", 1)):
    ...     G.add_edge("a", other, relation="co-attendance", weight=w)
    >>> sorted(sorted(p) for p in disparity_ties(G, alpha=0.05))
    [['a', 'b'], ['a', 'c'], ['a', 'd'], ['a', 'e']]
    >>> G.add_edge("c", "d", relation="co-attendance", weight=1)
    >>> G.add_edge("e", "d", relation="co-attendance", weight=1)
    >>> sorted(sorted(p) for p in disparity_ties(G, alpha=0.05))
    [['a', 'b']]
    """
    if not 0 < alpha < 1:
        raise NetworkError(f"the disparity filter's alpha is a probability between 0 and 1, not {alpha}")
    kept: set[frozenset] = set()
    for node, ties in _ties_by_node(tie_strengths(G)).items():
        degree, strength = len(ties), sum(ties.values())
        for other, w in ties.items():
            if degree == 1 or (1 - w / strength) ** (degree - 1) < alpha:
                kept.add(frozenset((node, other)))
    return kept


def threshold_ties(G: nx.Graph, *, min_weight: float = 2) -> set[frozenset]:
    """The pairs tied by at least ``min_weight``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="co-attendance", weight=2)
    >>> G.add_edge("b", "c", relation="co-attendance", weight=1)
    >>> [sorted(p) for p in threshold_ties(G, min_weight=2)]
    [['a', 'b']]
    """
    return {frozenset(pair) for pair, w in tie_strengths(G).items() if w >= min_weight}


#: The backbones by name, each a function of the graph and its keyword parameters.
BACKBONES = {"strongest": strongest_ties, "disparity": disparity_ties, "threshold": threshold_ties}


def backbone(G: nx.Graph, method: str = "strongest", **params) -> nx.Graph:
    """``G`` with every edge that is not a co-attendance tie, and the ties that ``method`` keeps.

    Parameters
    ----------
    G
        A network view (a stakeholders view has ties; other views come back whole).
    method
        A key of :data:`BACKBONES`; ``params`` are its keywords (``k``, ``alpha``, ``min_weight``).

    Returns
    -------
    networkx.Graph
        A new graph of ``G``'s class, every node kept, ``G.graph`` copied; ``graph["backbone"]`` names the
        method and its parameters.

    Raises
    ------
    NetworkError
        An unknown method or a parameter out of range.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_edge("p", "o", relation="membership")
    0
    >>> for u, v, w in (("p", "o", 1), ("p", "q", 4), ("p", "r", 1), ("q", "r", 2)):
    ...     _ = G.add_edge(u, v, relation="co-attendance", weight=w)
    >>> B = backbone(G)
    >>> sorted((u, v, d["relation"]) for u, v, d in B.edges(data=True))  # r's strongest tie is q, not p
    [('p', 'o', 'co-attendance'), ('p', 'o', 'membership'), ('p', 'q', 'co-attendance'), ('q', 'r', 'co-attendance')]
    >>> B.graph["backbone"]
    'strongest (k=1)'
    """
    if method not in BACKBONES:
        raise NetworkError(f"unknown backbone '{method}'; choose one of {', '.join(BACKBONES)}")
    kept = BACKBONES[method](G, **params)
    B = G.__class__()
    defaults = {name: p.default for name, p in inspect.signature(BACKBONES[method]).parameters.items()
                if p.kind is p.KEYWORD_ONLY}
    B.graph.update(G.graph, backbone=f"{method} ({', '.join(f'{k}={v}' for k, v in {**defaults, **params}.items())})")
    B.add_nodes_from(G.nodes(data=True))
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    B.add_edges_from(e for e in edges if e[-1].get("relation") != TIE or frozenset(e[:2]) in kept)
    return B


def _ties_by_node(strengths: dict[tuple, float]) -> dict:
    by_node: dict = defaultdict(dict)
    for (u, v), w in strengths.items():
        by_node[u][v] = w
        by_node[v][u] = w
    return by_node
