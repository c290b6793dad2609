"""The ``represented`` component: "X diwakili oleh A dan B", "X was represented by A and B": A and B belong to X
(rule ``membership-represented``); so do "A sebagai wakil X", "A, representing X" (``membership-representing``) and
"tim X, yaitu A, B dan C" (``membership-listed``)."""

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


@pytest.mark.parametrize(("text", "language", "org"), [
    ("Rapat itu dihadiri Budi Santosa sebagai wakil Bappeda Kota Semarang.", "id", "organisation:bappeda-kota-semarang"),
    ("Dr. Budi Santosa, representing the Ministry of Public Works, opened the session.", "en", "organisation:kemenpu"),
])
def test_represented_a_person_speaking_for_a_body_belongs_to_it(extract, text, language, org):
    assert [(m.person, m.organisation, m.role) for m in extract(text, language).memberships] == [
        ("person:budi-santosa", org, None)]
    assert extract(text, language, disabled_rules=["membership-representing"]).memberships == []


@pytest.mark.parametrize(("text", "language"), [
    ("Kajian itu disusun tim Bappeda Kota Semarang, yaitu Budi Santosa, Rina Marlina, dan Wahyu Tirta Nugraha.", "id"),
    ("The study was written by Bappeda Kota Semarang, namely Mr. Budi Santosa, Ms. Rina Marlina and Dr. Wahyu Tirta Nugraha.",
     "en"),
])
def test_represented_persons_listed_after_a_body_belong_to_it(extract, text, language):
    ex = extract(text, language)
    assert [(m.person, m.organisation) for m in ex.memberships] == [
        (p, "organisation:bappeda-kota-semarang")
        for p in ("person:budi-santosa", "person:rina-marlina", "person:wahyu-tirta-nugraha")]
    assert extract(text, language, disabled_rules=["membership-listed"]).memberships == []
