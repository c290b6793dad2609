"""Who is central, who belongs together and who bridges: measures over a network view.

:func:`analyse` takes a networkx graph (a projection from :mod:`jejaring.graph.views.project`, or any graph whose
nodes may carry ``label``, ``kind`` and ``sector``) and returns plain data: per-node degree and one
centrality, Louvain communities, brokers between sectors and between communities, and connected components.
Parallel edges of a multigraph are merged first, their ``weight`` summed.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import networkx as nx

from jejaring.errors import NetworkError

__all__ = [
    "ANALYSIS_FORMATS",
    "CENTRALITIES",
    "EXACT_BETWEENNESS_MAX",
    "SAMPLED_PIVOTS",
    "analyse",
    "communities",
    "node_centrality",
    "simple_graph",
    "to_csv",
    "to_json",
    "to_table",
]

#: The centrality measures :func:`analyse` computes.
CENTRALITIES = ("betweenness", "degree", "eigenvector", "pagerank")
#: Above this many nodes betweenness is estimated from a sample of pivots: exact betweenness costs a
#: breadth-first search per node (a 2,000-node stakeholders view with 65,000 edges: about a minute).
EXACT_BETWEENNESS_MAX = 500
#: How many pivots the estimate uses (seeded): on a 2,000-node view it found 8 of the exact top 10.
SAMPLED_PIVOTS = 100
_DIGITS = 6


def simple_graph(G: nx.Graph) -> nx.Graph:
    """``G`` without parallel edges or self-loops: a multigraph's edges merged, their ``weight`` summed.

    Examples
    --------
    >>> M = nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "c")])
    >>> S = simple_graph(M)
    >>> S["a"]["b"]["weight"], S.number_of_edges()
    (2, 2)
    """
    S = nx.Graph()
    S.add_nodes_from(G.nodes(data=True))
    S.graph.update(G.graph)
    weights: dict[tuple, float] = {}
    for u, v, w in G.edges(data="weight", default=1):
        if u != v:
            weights[u, v] = weights.get((u, v), 0) + w
    S.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    return S


def node_centrality(G: nx.Graph, measure: str = "betweenness", *, seed: int = 42) -> tuple[dict, dict]:
    """One centrality per node, and how it was computed.

    Parameters
    ----------
    G
        A graph (parallel edges are merged first).
    measure
        ``betweenness`` (unweighted shortest paths; estimated from :data:`SAMPLED_PIVOTS` pivots above
        :data:`EXACT_BETWEENNESS_MAX` nodes), ``degree``, ``eigenvector`` or ``pagerank`` (both weighted).
    seed
        Seeds the pivot sample.

    Returns
    -------
    (dict, dict)
        Node -> value, and ``{"measure", "sampled", "k"}``.

    Raises
    ------
    NetworkError
        An unknown measure.

    Examples
    --------
    >>> values, how = node_centrality(nx.path_graph(3), "betweenness")
    >>> values[1], how["sampled"]
    (1.0, False)
    """
    if measure not in CENTRALITIES:
        raise NetworkError(f"unknown centrality '{measure}'; choose one of {', '.join(CENTRALITIES)}")
    S = simple_graph(G) if G.is_multigraph() or nx.number_of_selfloops(G) else G
    how = {"measure": measure, "sampled": False, "k": None}
    if S.number_of_nodes() == 0:
        return {}, how
    if measure == "betweenness":
        n = S.number_of_nodes()
        k = min(SAMPLED_PIVOTS, n) if n > EXACT_BETWEENNESS_MAX else None
        how.update(sampled=k is not None, k=k)
        values = nx.betweenness_centrality(S, k=k, seed=seed if k else None)
    elif measure == "degree":
        values = nx.degree_centrality(S)
    elif measure == "eigenvector":
        values = _eigenvector(S)
    else:
        values = nx.pagerank(S, weight="weight")
    return {n: round(float(v), _DIGITS) for n, v in values.items()}, how


def communities(G: nx.Graph, *, seed: int = 42) -> list[set]:
    """Louvain communities (weighted, fixed seed), largest first, ties by their smallest node.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")])
    >>> [sorted(c) for c in communities(G)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    S = simple_graph(G) if G.is_multigraph() else G
    if S.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(S, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(map(str, c))))


def analyse(G: nx.Graph, *, centrality: str = "betweenness", seed: int = 42) -> dict:
    """Degree, a centrality, communities, brokers and components of a network view.

    Parameters
    ----------
    G
        A network view (see :func:`jejaring.graph.views.project.project`); node attributes ``label``, ``kind`` and
        ``sector`` are used when present.
    centrality
        One of :data:`CENTRALITIES`.
    seed
        Seeds Louvain and the betweenness sample: the same graph and seed give the same result.

    Returns
    -------
    dict
        ``view``, ``node_count``, ``edge_count``, ``centrality`` (measure, sampled, k), ``nodes`` (one dict per
        node: iri, label, kind, sector, degree, centrality, community, component, sectors_spanned,
        communities_spanned, sector_brokerage, community_brokerage; most central first), ``communities`` and
        ``components`` (id, size, members; largest first), ``brokers`` (``sectors`` and ``communities``: nodes
        linking neighbours of different sectors or communities that are not linked to each other, ranked by
        the number of such pairs, then by how many groups they span and by centrality). Persons without a
        known sector ("unknown") count in no sector.

    Raises
    ------
    NetworkError
        An unknown centrality.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> r = analyse(G)
    >>> [(n["iri"], n["degree"], n["centrality"]) for n in r["nodes"]]
    [('b', 2, 1.0), ('a', 1, 0.0), ('c', 1, 0.0)]
    """
    S = simple_graph(G)
    values, how = node_centrality(S, centrality, seed=seed)
    groups = communities(S, seed=seed)
    community_of = {n: i for i, c in enumerate(groups) for n in c}
    parts = sorted((set(c) for c in nx.connected_components(S)), key=lambda c: (-len(c), min(map(str, c))))
    component_of = {n: i for i, c in enumerate(parts) for n in c}

    sector_of = {n: str(d.get("sector", "unknown")) for n, d in S.nodes(data=True)}
    known_sector = {n: s for n, s in sector_of.items() if s not in ("unknown", "")}
    sector_brokerage, community_brokerage = _brokerage(S, known_sector), _brokerage(S, community_of)
    rows = []
    for n, data in S.nodes(data=True):
        rows.append({
            "iri": str(n),
            "label": str(data.get("label", n)),
            "kind": str(data.get("kind", "")),
            "sector": sector_of[n],
            "degree": S.degree(n),
            "centrality": values.get(n, 0.0),
            "community": community_of[n],
            "component": component_of[n],
            "sectors_spanned": sorted({known_sector[m] for m in S[n] if m in known_sector}),
            "communities_spanned": sorted({community_of[m] for m in S[n]}),
            "sector_brokerage": sector_brokerage[n],
            "community_brokerage": community_brokerage[n],
        })
    rows.sort(key=lambda r: (-r["centrality"], -r["degree"], r["label"], r["iri"]))
    return {
        "view": str(G.graph.get("view", "")),
        "node_count": G.number_of_nodes(),
        "edge_count": G.number_of_edges(),
        "centrality": how,
        "nodes": rows,
        "communities": [_group(i, c) for i, c in enumerate(groups)],
        "components": [_group(i, c) for i, c in enumerate(parts)],
        "brokers": {"sectors": _brokers(rows, "sector"), "communities": _brokers(rows, "community")},
    }



def _eigenvector(S: nx.Graph) -> dict:
    try:
        return nx.eigenvector_centrality(S, max_iter=1000, tol=1e-8, weight="weight")
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(S, weight="weight")


def _group(i: int, members: set) -> dict:
    return {"id": i, "size": len(members), "members": sorted(map(str, members))}


def _brokerage(S: nx.Graph, group: dict) -> dict:
    """Per node, the pairs of its neighbours in different groups that are not linked to each other: the gaps
    it bridges.

    Counted from group sizes, less the linked pairs; each link between groups is a linked pair for every
    common neighbour of its ends (set intersections, so a hub costs no more than its links).
    """
    linked: Counter = Counter()
    neighbours = {n: set(S[n]) for n in S}
    for a, b in S.edges():
        if a in group and b in group and group[a] != group[b]:
            linked.update(neighbours[a] & neighbours[b])
    gaps = {}
    for n in S:
        sizes = Counter(group[m] for m in neighbours[n] if m in group)
        total = sum(sizes.values())
        gaps[n] = (total * total - sum(c * c for c in sizes.values())) // 2 - linked[n]
    return gaps


def _brokers(rows: list[dict], group: str) -> list[dict]:
    spanned = {"sector": "sectors_spanned", "community": "communities_spanned"}[group]
    found = [
        {"iri": r["iri"], "label": r["label"], "kind": r["kind"], "spans": r[spanned],
         "brokerage": r[f"{group}_brokerage"], "centrality": r["centrality"]}
        for r in rows if r[f"{group}_brokerage"] > 0
    ]
    return sorted(found, key=lambda b: (-b["brokerage"], -len(b["spans"]), -b["centrality"], b["label"], b["iri"]))


# -- formats -------------------------------------------------------------------------------------
_COLUMNS = ("iri", "label", "kind", "sector", "degree", "centrality", "community", "component",
            "sectors_spanned", "communities_spanned", "sector_brokerage", "community_brokerage")


def to_json(result: dict, *, top: int = 0) -> str:
    """The result as JSON (``top``: only the N most central nodes; 0 for all)."""
    out = dict(result, nodes=result["nodes"][:top] if top else result["nodes"])
    return json.dumps(out, indent=2, ensure_ascii=False)


def to_csv(result: dict, *, top: int = 0, raw: bool = False) -> str:
    """One CSV row per node, most central first; the centrality column is named ``<measure>_centrality``.

    Lists (sectors and communities spanned) are joined with ``;``. A text cell that a spreadsheet would read
    as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) starts with an apostrophe, unless
    ``raw``; numbers are written as they are.
    """
    from jejaring.graph.views.export._network import defuse_formula

    text = str if raw else defuse_formula
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    measure = result["centrality"]["measure"]
    writer.writerow([f"{measure}_centrality" if c == "centrality" else c for c in _COLUMNS])
    for r in result["nodes"][:top] if top else result["nodes"]:
        values = [";".join(map(str, r[c])) if isinstance(r[c], list) else r[c] for c in _COLUMNS]
        writer.writerow([text(v) if isinstance(v, str) else v for v in values])
    return buf.getvalue()


def to_table(result: dict, *, top: int = 0) -> str:
    """A readable report: nodes by centrality, communities, brokers and components."""
    how = result["centrality"]
    measure = how["measure"] + (f" (estimated from {how['k']} sampled pivots)" if how["sampled"] else "")
    lines = [f"{result['view'] or 'network'}: {result['node_count']} nodes, {result['edge_count']} edges, "
             f"{len(result['communities'])} communities, {len(result['components'])} components; "
             f"centrality: {measure}", ""]
    nodes = result["nodes"][:top] if top else result["nodes"]
    width = min(48, max([5, *(len(n["label"]) for n in nodes)]))
    lines.append(f"{'node':<{width}}  {'kind':<12}  {'sector':<13}  {'degree':>6}  {how['measure']:>12}  community")
    for n in nodes:
        lines.append(f"{_cut(n['label'], width):<{width}}  {n['kind']:<12}  {n['sector']:<13}  {n['degree']:>6}  "
                     f"{n['centrality']:>12.4f}  {n['community']:>9}")
    labels = {n["iri"]: n["label"] for n in result["nodes"]}
    lines += ["", "communities:"]
    groups = [c for c in result["communities"] if c["size"] > 1]
    for c in groups:
        names = ", ".join(labels.get(m, m) for m in c["members"][:6])
        lines.append(f"  {c['id']:>3}  {c['size']:>5}  {names}{', …' if c['size'] > 6 else ''}")
    if len(groups) < len(result["communities"]):
        lines.append(f"  and {len(result['communities']) - len(groups)} single-node communities")
    for key, title in (("sectors", "brokers between sectors"), ("communities", "brokers between communities")):
        lines += ["", f"{title}:"]
        brokers = result["brokers"][key][:top] if top else result["brokers"][key]
        lines += [f"  {_cut(b['label'], width):<{width}}  {b['brokerage']:>5} pairs  {', '.join(map(str, b['spans']))}"
                  for b in brokers]
        if not brokers:
            lines.append("  (none)")
    sizes = Counter(c["size"] for c in result["components"])
    lines += ["", "components: " + ", ".join(f"{n} of {size} nodes" if n > 1 else f"1 of {size} nodes"
                                            for size, n in sorted(sizes.items(), reverse=True))]
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


#: The output formats of ``jejaring analyse``: name -> writer.
ANALYSIS_FORMATS = {"table": to_table, "csv": to_csv, "json": to_json}
