"""The ``settle`` component: of overlapping mentions of different kinds, the longest is kept (no rules of its own)."""

from __future__ import annotations

import pytest

FINDERS = ["places", "lessons", "events", "programmes", "organisations"]


def kinds(ex) -> list[tuple[str, str]]:
    return [(e.name, e.kind) for e in ex.entities.values()]


@pytest.mark.parametrize(("text", "language", "unsettled", "settled"), [
    ("Dinas Lingkungan Hidup Kota Semarang menanam pohon.", "id",
     [("Dinas Lingkungan Hidup Kota Semarang", "organisation"), ("Kota Semarang", "place")],
     [("Dinas Lingkungan Hidup Kota Semarang", "organisation")]),
    ("The Department of Water Affairs of Kendari hosted the visit.", "en",
     [("Department of Water Affairs of Kendari", "organisation"), ("Kota Kendari", "place")],
     [("Department of Water Affairs of Kendari", "organisation")]),
])
def test_settle_place_inside_an_organisation_name_is_part_of_it(extract, text, language, unsettled, settled):
    assert kinds(extract(text, language, pipeline=["places", "organisations", "entities"])) == unsettled
    assert kinds(extract(text, language, pipeline=[*FINDERS, "settle", "entities"])) == settled


def test_settle_place_inside_a_programme_name_is_part_of_it(extract):
    text = "Program Kampung Iklim Surabaya berjalan baik."
    assert kinds(extract(text, pipeline=[*FINDERS, "settle", "entities"])) == [
        ("Program Kampung Iklim Surabaya", "programme")]


def test_settle_lesson_title_is_no_organisation(extract):
    text = "Beberapa pembelajaran, yaitu:\n1. Dinas Pemuda Kota Kendari: melibatkan pemuda."
    assert kinds(extract(text, pipeline=["organisations", "entities"])) == [
        ("Dinas Pemuda Kota Kendari", "organisation")]
    assert kinds(extract(text)) == [("Dinas Pemuda Kota Kendari", "lesson")]
