"""The ``person-sectors`` component: a person whose posts name no body takes the sector their current post implies
(rule ``person-sector-of-post``): a public office's holder is of government, a researcher's or analyst's academic."""

from __future__ import annotations

import pytest

from jejaring.ingest.mapping import map_extraction

SECTOR_OF_POST = [
    ("Presiden Rina Marlina meresmikan jembatan itu kemarin.", "id", "government"),
    ("Mayor Rina Marlina opened the new bridge on Monday.", "en", "government"),
    ("Peneliti Rina Marlina mengatakan rencana itu terlambat.", "id", "academic"),
    ("Pengamat Rina Marlina mengatakan rencana itu terlambat.", "id", "academic"),
    ("Researcher Rina Marlina said the plan came too late.", "en", "academic"),
]


@pytest.mark.parametrize(("text", "language", "sector"), SECTOR_OF_POST)
def test_person_sectors_a_post_naming_no_body_gives_its_holder_a_sector(extract, text, language, sector):
    assert extract(text, language).entities["person:rina-marlina"].sector == sector


@pytest.mark.parametrize(("text", "language", "sector"), SECTOR_OF_POST)
def test_person_sectors_switched_off_gives_none(extract, text, language, sector):
    ex = extract(text, language, disabled_rules=["person-sector-of-post"])
    assert ex.entities["person:rina-marlina"].sector is None
    assert [m.role for m in ex.memberships]  # the post is still read


@pytest.mark.parametrize("text", [
    "Kepala Dinas Kesehatan Kota Bogor Rina Marlina meninjau lokasi banjir.",  # the body's sector is hers
    "Mantan Presiden Rina Marlina hadir dalam acara itu.",  # a post no longer held
    "Manajer Rina Marlina mengatakan stok beras cukup.",  # a post of no one sector
])
def test_person_sectors_a_body_a_former_post_or_a_post_of_any_sector_gives_none(extract, text):
    ex = extract(text)
    assert [m.role for m in ex.memberships]
    assert ex.entities["person:rina-marlina"].sector is None


def test_person_sectors_the_sector_is_stated_in_the_graph(extract):
    triples = map_extraction(extract(SECTOR_OF_POST[0][0]))
    stated = {(t.predicate.value.rsplit("#", 1)[-1], t.object.value.rsplit("/", 1)[-1]) for t in triples
              if t.subject.value.endswith("/person/rina-marlina")}
    assert ("sector", "government") in stated
