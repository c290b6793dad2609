"""The backbone of a stakeholders view: memberships whole, the co-attendance ties that carry most (issue 21)."""

from __future__ import annotations

import networkx as nx
import pytest

from jejaring.errors import NetworkError
from jejaring.graph.views.backbone import TIE, backbone, disparity_ties, strongest_ties, threshold_ties, tie_strengths


def _ties(*rows: tuple[str, str, int]) -> nx.MultiGraph:
    G = nx.MultiGraph()
    for u, v, w in rows:
        G.add_edge(u, v, key=TIE, relation=TIE, weight=w)
    return G


def _pairs(found) -> list[list[str]]:
    return sorted(sorted(p) for p in found)


def test_backbone_strongest_keeps_each_nodes_strongest_tie():
    G = _ties(("a", "b", 5), ("a", "c", 2), ("b", "c", 1), ("c", "d", 3), ("b", "d", 1))
    assert _pairs(strongest_ties(G)) == [["a", "b"], ["c", "d"]]  # a, b: a-b; c, d: c-d
    assert _pairs(strongest_ties(G, k=2)) == [["a", "b"], ["a", "c"], ["b", "c"], ["b", "d"], ["c", "d"]]


def test_backbone_strongest_prefers_a_pair_drawn_anyway():
    # p's ties to o and q are equally strong; p is a member of q, so that line is drawn anyway
    G = _ties(("p", "o", 2), ("p", "q", 2), ("o", "x", 5))
    G.add_edge("p", "q", key="m1", relation="membership")
    assert _pairs(strongest_ties(G)) == [["o", "x"], ["p", "q"]]


def test_backbone_strongest_prefers_a_mutual_tie():
    # b's ties to a and c are equally strong: c counts b among its strongest, a does not
    G = _ties(("b", "a", 2), ("a", "z", 5), ("b", "c", 2))
    assert _pairs(strongest_ties(G)) == [["a", "z"], ["b", "c"]]


def test_backbone_disparity_keeps_the_ties_a_uniform_split_would_not_give():
    hub = [("h", f"n{i}", 1) for i in range(8)]
    G = _ties(*hub, ("h", "big", 30), *((f"n{i}", f"n{i + 1}", 1) for i in range(7)))
    assert _pairs(disparity_ties(G, alpha=0.05)) == [["big", "h"]]  # big has one tie: kept for its sake too
    assert ["h", "n0"] in _pairs(disparity_ties(G, alpha=0.99))


def test_backbone_threshold():
    G = _ties(("a", "b", 3), ("b", "c", 2), ("c", "d", 1))
    assert _pairs(threshold_ties(G, min_weight=2)) == [["a", "b"], ["b", "c"]]


def test_backbone_keeps_every_other_relation_and_every_node():
    G = _ties(("p", "q", 1), ("p", "r", 4), ("q", "r", 4), ("q", "s", 1), ("s", "r", 3))
    for i in range(3):
        G.add_edge("p", "o", key=f"m{i}", relation="membership", role=f"post {i}")
    G.add_edge("o", "z", key="unit-of", relation="unit-of")
    G.graph["view"] = "stakeholders"
    B = backbone(G)
    assert sorted(B) == sorted(G)
    assert sorted(k for *_, k in B.edges(keys=True) if k != TIE) == ["m0", "m1", "m2", "unit-of"]
    assert sorted(sorted((u, v)) for u, v, k in B.edges(keys=True) if k == TIE) == [["p", "r"], ["q", "r"], ["r", "s"]]
    assert B.graph == {"view": "stakeholders", "backbone": "strongest (k=1)"}
    assert G.number_of_edges() == 9  # the input is left as it was
    assert backbone(G, "threshold", min_weight=3).graph["backbone"] == "threshold (min_weight=3)"


def test_backbone_tie_strengths_sum_parallel_ties():
    G = _ties(("a", "b", 2))
    G.add_edge("b", "a", key="again", relation=TIE, weight=3)
    assert tie_strengths(G) == {("a", "b"): 5.0}


@pytest.mark.parametrize(("method", "params", "message"), [
    ("spanning", {}, "unknown backbone 'spanning'; choose one of strongest, disparity, threshold"),
    ("strongest", {"k": 0}, "a backbone keeps at least one tie per node, not 0"),
    ("disparity", {"alpha": 1.5}, "the disparity filter's alpha is a probability between 0 and 1, not 1.5"),
])
def test_backbone_rejects_bad_parameters(method, params, message):
    with pytest.raises(NetworkError) as info:
        backbone(_ties(("a", "b", 1)), method, **params)
    assert str(info.value) == message
