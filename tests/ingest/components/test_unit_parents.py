"""A unit named with its locality is a unit of that locality's government (rule ``org-unit-of-locality``)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Kepala Dinas Sosial Kota Palu Dimas Prasetyo membuka acara itu.",
    "Kadis Sosial Kota Palu Dimas Prasetyo membuka acara itu.",
])
def test_entities_a_unit_named_with_its_locality_is_a_unit_of_that_locality_s_government(extract, text):
    org = extract(text).entities["organisation:dinas-sosial-kota-palu"]
    assert org.parent == "organisation:pemkot-palu"
    off = extract(text, disabled_rules=["org-unit-of-locality"])
    assert off.entities["organisation:dinas-sosial-kota-palu"].parent is None


def test_unit_parents_a_national_body_s_regional_office_is_no_unit_of_the_region(extract):
    org = extract("Badan Pusat Statistik Provinsi Jawa Tengah merilis data inflasi.").entities[
        "organisation:badan-pusat-statistik-provinsi-jawa-tengah"]
    assert org.parent is None
