"""The ``settle`` component: of overlapping mentions of different kinds, the longest is kept; an area an address
names is no organisation (rule ``org-address-area``); a body the lexicon knows named inside an event's name
is named all the same (``org-inside-event``)."""

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


def organisations(ex) -> list[str]:
    return [e.name for e in ex.entities.values() if e.kind == "organisation"]


@pytest.mark.parametrize("text", [
    "Banjir merendam rumah di Jalan Melati, Kelurahan Sukamaju, Kecamatan Cibening, Kota Kendari.",
    "Tersangka ditangkap di Desa Sukamaju, Kecamatan Cibening.",
    "Pelaku RS (31), warga Desa Sukamaju, Kecamatan Cibening, ditangkap kemarin.",
    "Jenazah ditemukan di sebuah rumah kos, Jalan Melati, Sukajaya, Kecamatan Cibening.",
    "Lomba digelar di lapangan Jalan Melati Kecamatan Cibening pada Minggu.",
    "Longsor menimpa Kampung Cigede RT 03 RW 09, Desa Sukamaju, Kecamatan Cibening.",
])
def test_settle_areas_of_an_address_are_no_organisations(extract, text):
    assert organisations(extract(text)) == []
    assert organisations(extract(text, disabled_rules=["org-address-area"])) != []


@pytest.mark.parametrize(("text", "expected"), [
    ("Kelurahan Sukamaju menggelar rapat warga.", ["Kelurahan Sukamaju"]),
    ("Peserta berkunjung ke Kelurahan Sukamaju, Kecamatan Cibening.", ["Kelurahan Sukamaju", "Kecamatan Cibening"]),
    ("Rapat digelar di Aula Kantor Kelurahan Sukamaju, Kecamatan Cibening.",
     ["Kelurahan Sukamaju", "Kecamatan Cibening"]),
])
def test_settle_an_area_acting_or_a_body_s_address_stays_an_organisation(extract, text, expected):
    assert organisations(extract(text)) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Hasil itu diumumkan dalam Rapat Koordinasi Bappenas Tahun 2024 di Jakarta.", "id"),
    ("The results were announced at the Bappenas Coordination Meeting 2024 in Jakarta.", "en"),
])
def test_settle_a_known_body_named_inside_an_event_name_is_named_too(extract, text, language):
    found = kinds(extract(text, language))
    assert ("Bappenas", "organisation") in found and any(kind == "event" for _, kind in found)
    assert ("Bappenas", "organisation") not in kinds(extract(text, language, disabled_rules=["org-inside-event"]))


def test_settle_a_city_abroad_inside_a_body_s_name_is_named_too(extract):
    text = "Rombongan dijamu makan malam di KBRI Den Haag, lalu bertemu Dinas Pendidikan Kota Surakarta."
    def places(ex):
        return sorted(e.name for e in ex.entities.values() if e.kind == "place")
    assert places(extract(text)) == ["The Hague"]  # Surakarta is the region its government stands for
    assert places(extract(text, disabled_rules=["place-in-body-name"])) == []
