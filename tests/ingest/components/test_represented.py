"""The ``represented`` component: "X diwakili oleh A dan B", "X was represented by A and B": A and B belong to X
(rule ``membership-represented``)."""

from __future__ import annotations

import pytest

CASES = [
    ("Bappeda Kota Semarang diwakili oleh Budi Santosa dan Rina Marlina.", "id", "organisation:bappeda-kota-semarang",
     "Bappeda Kota Semarang diwakili oleh Budi Santosa"),
    ("The Ministry of Public Works was represented by Budi Santosa and Rina Marlina.", "en", "organisation:kemenpu",
     "Ministry of Public Works was represented by Budi Santosa"),
]


@pytest.mark.parametrize(("text", "language", "org", "evidence"), CASES)
def test_represented_persons_belong_to_the_body_they_represent(extract, text, language, org, evidence):
    ex = extract(text, language)
    assert [(m.person, m.organisation, m.role, [(s.exact, s.rule) for s in m.spans]) for m in ex.memberships] == [
        ("person:budi-santosa", org, None, [(evidence, "membership-represented")]),
        ("person:rina-marlina", org, None, [(f"{evidence} {text.split()[-3]} Rina Marlina", "membership-represented")]),
    ]


@pytest.mark.parametrize(("text", "language", "org", "evidence"), CASES)
def test_represented_switched_off_gives_no_membership(extract, text, language, org, evidence):
    ex = extract(text, language, disabled_rules=["membership-represented"])
    assert {"person:budi-santosa", "person:rina-marlina", org} <= set(ex.entities)
    assert ex.memberships == []
