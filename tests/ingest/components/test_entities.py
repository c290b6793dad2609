"""The ``entities`` component: mentions resolved into the document's entities, one per thing named (no rules of
its own)."""

from __future__ import annotations

import pytest


def entities(ex) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(k, e.name, [(s.exact, s.rule) for s in e.spans]) for k, e in ex.entities.items()]


def test_entities_none_without_the_component(extract):
    assert extract("Rombongan tiba di Kota Bandung.", pipeline=["places"]).entities == {}
    assert list(extract("Rombongan tiba di Kota Bandung.", pipeline=["places", "entities"]).entities) == [
        "place:kota-bandung"]


def test_entities_one_organisation_named_twice(extract):
    ex = extract("Dinas Perikanan Kota Kendari membuka pameran. Esoknya Dinas Perikanan Kota Kendari menutup pameran.",
                 disabled_rules=["org-unit-of-locality"])
    assert entities(ex) == [("organisation:dinas-perikanan-kota-kendari", "Dinas Perikanan Kota Kendari",
                             [("Dinas Perikanan Kota Kendari", "org-head")] * 2)]


@pytest.mark.parametrize(("text", "language", "key", "name", "spans"), [
    ("The Resilient Semarang Secretariat (Sekretariat Semarang Tangguh) prepared the report.", "en",
     "organisation:resilient-semarang-secretariat", "Resilient Semarang Secretariat",
     [("Resilient Semarang Secretariat", "org-head-suffix"), ("Sekretariat Semarang Tangguh", "org-head")]),
    ("Pemerintah Kota Seoul/Seoul Metropolitan Government mengirim tim.", "id",
     "organisation:seoul-metropolitan-government", "Seoul Metropolitan Government",
     [("Pemerintah Kota Seoul", "org-head"), ("Seoul Metropolitan Government", "org-lexicon")]),
])
def test_entities_alternative_names_are_one_organisation(extract, text, language, key, name, spans):
    assert entities(extract(text, language)) == [(key, name, spans)]


def test_entities_initialled_name_and_full_name_are_one_person(extract):
    ex = extract("Ibu Rina W. Marlina membuka forum. Rina Wulan Marlina menjelaskan bahwa tanggul aman.")
    assert entities(ex) == [("person:rina-w-marlina", "Rina Wulan Marlina",
                             [("Rina W. Marlina", "person-honorific"), ("Rina Wulan Marlina", "person-context")])]



@pytest.mark.parametrize(("text", "key"), [
    ("Pemkab Kendal menggelar rapat. Pemerintah Kabupaten Kendal juga menyiapkan anggaran.",
     "organisation:pemkab-kendal"),
    ("Kementerian Keuangan RI menyiapkan anggaran. Kementerian Keuangan juga hadir.", "organisation:kemenkeu"),
    ("Komisi IX Dewan Perwakilan Rakyat Republik Indonesia menggelar rapat. Komisi IX DPR RI juga hadir.",
     "organisation:komisi-ix-dewan-perwakilan-rakyat-republik-indonesia"),
])
def test_entities_names_that_differ_by_short_forms_are_one_body(extract, text, key):
    assert [k for k, e in extract(text).entities.items() if e.kind == "organisation"] == [key]


@pytest.mark.parametrize(("text", "labels"), [
    ("Kasus itu ditangani Polda Kaltim sejak Mei.", {"Polda Kaltim", "Polda Kalimantan Timur"}),
    ("Kedutaan Besar AS membuka pendaftaran beasiswa.", {"Kedutaan Besar AS"}),
    # the place is spelt out already: no label "Suku Dinas LH Administrasi Jakarta Utara"
    ("Suku Dinas LH Jakarta Utara menanam pohon.",
     {"Suku Dinas LH Jakarta Utara", "Suku Dinas Lingkungan Hidup Jakarta Utara"}),
])
def test_entities_a_short_form_of_the_place_is_spelt_out_in_another_label(extract, text, labels):
    orgs = [e for e in extract(text).entities.values() if e.kind == "organisation"]
    assert [set(e.labels()) for e in orgs] == [labels]
