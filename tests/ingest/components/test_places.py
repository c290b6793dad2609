"""The ``places`` component: places of the gazetteer (rule ``place-gazetteer``)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "language", "key", "name", "exact"), [
    ("Rombongan tiba di Kota Bandung pada 4 Maret 2021.", "id", "place:kota-bandung", "Kota Bandung", "Kota Bandung"),
    ("Tim survei berangkat ke Makassar pekan lalu.", "id", "place:kota-makassar", "Kota Makassar", "Makassar"),
    ("The survey team flew to Surabaya last week.", "en", "place:kota-surabaya", "Kota Surabaya", "Surabaya"),
])
def test_places_gazetteer_names_a_place(extract, text, language, key, name, exact):
    place = extract(text, language).entities[key]
    assert place.name == name
    assert [(s.exact, s.rule) for s in place.spans] == [(exact, "place-gazetteer")]


def test_places_hyphenated_places_are_two_mentions(extract):
    ex = extract("Rute penerbangan Jakarta-Makassar dibuka kembali.")
    assert [(e.name, [s.exact for s in e.spans]) for e in ex.entities.values()] == [
        ("Jakarta", ["Jakarta"]), ("Kota Makassar", ["Makassar"])]


def test_places_switched_off_finds_no_place(extract):
    text = "Rombongan tiba di Kota Bandung pada 4 Maret 2021."
    assert "place:kota-bandung" in extract(text).entities
    assert extract(text, disabled_rules=["place-gazetteer"]).entities == {}
