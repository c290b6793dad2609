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


def orgs(ex) -> dict[str, tuple[str | None, list[str]]]:
    return {e.name: (e.lexicon_id, e.labels()) for e in ex.entities.values() if e.kind == "organisation"}


def test_entities_a_national_body_and_its_office_in_a_region_are_two(extract):
    ex = orgs(extract("Komisi Pemilihan Umum (KPU) Kabupaten Tabanan menggelar simulasi. Menurut KPU Provinsi Bali, "
                      "simulasi itu contoh baik. Badan Pusat Statistik mencatat angka nasional, sementara Badan Pusat "
                      "Statistik (BPS) Provinsi Jawa Tengah mencatat kenaikan."))
    assert ex["Komisi Pemilihan Umum Kabupaten Tabanan"][0] is None  # not the national KPU
    assert "KPU Provinsi Bali" in ex and "KPU Provinsi Bali" not in ex["Komisi Pemilihan Umum Kabupaten Tabanan"][1]
    assert ex["Badan Pusat Statistik Provinsi Jawa Tengah"][0] is None
    assert ex["Badan Pusat Statistik"][0] == "bps"


def test_entities_one_kind_of_office_in_two_regions_is_two_bodies(extract):
    ex = orgs(extract("Proyek itu ada di Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kabupaten Boyolali dan di Dinas "
                      "Pekerjaan Umum dan Penataan Ruang (PUPR) Provinsi Jawa Tengah."))
    assert {"Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Boyolali",
            "Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Jawa Tengah"} <= set(ex)
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" not in [label for _, labels in ex.values() for label in labels]


def test_entities_a_ministry_of_another_country_is_not_the_lexicon_s(extract):
    ex = orgs(extract("Kementerian Dalam Negeri Australia mengeluarkan imbauan, dan Kementerian Keuangan RI menyiapkan "
                      "anggaran."))
    assert ex["Kementerian Dalam Negeri Australia"][0] is None
    assert ex["Kementerian Keuangan RI"][0] == "kemenkeu"


def test_entities_the_larger_body_in_brackets_after_a_commission_is_another_body(extract):
    ex = orgs(extract("Anggota Komisi XII Dewan Perwakilan Rakyat Republik Indonesia (DPR RI) Budi Santosa meninjau "
                      "kilang. DPR RI mendukung langkah itu."))
    commission = next(labels for name, (_, labels) in ex.items() if name.startswith("Komisi XII"))
    assert "DPR RI" not in commission
    assert ex["DPR RI"][0] == "dpr-ri"


def test_entities_the_lexicon_supplies_the_short_form_of_a_body_named_in_full(extract):
    text = ("Rapat dipimpin Kementerian Koordinator Bidang Perekonomian. Badan Pengawas Obat dan Makanan hadir. "
            "Dinas Lingkungan Hidup Provinsi DKI Jakarta juga.")
    orgs = {e.key: (e.acronym, e.labels()) for e in extract(text).entities.values() if e.kind == "organisation"}
    assert orgs["organisation:kemenko-perekonomian"] == (
        None, ["Kementerian Koordinator Bidang Perekonomian", "Kemenko Perekonomian"])
    assert orgs["organisation:bpom"] == ("BPOM", ["Badan Pengawas Obat dan Makanan"])
    # every region has a "DLH": the short form names no one body
    assert orgs["organisation:dki-dlh"] == (None, ["Dinas Lingkungan Hidup Provinsi DKI Jakarta"])


def test_entities_the_short_form_as_the_document_writes_it(extract):
    ex = extract("Para peneliti Universitas Diponegoro (UNDIP) hadir.")
    assert ex.entities["organisation:undip"].acronym == "UNDIP"


def test_entities_a_short_form_every_region_has_alone_names_the_document_s_body(extract):
    text = "Polres Ponorogo menggandeng mahasiswa. Menurut Polres, kegiatan itu rutin."
    def orgs(ex):
        return {k: e.labels() for k, e in ex.entities.items() if e.kind == "organisation"}
    assert orgs(extract(text)) == {"organisation:polres-ponorogo": ["Polres Ponorogo", "Polres"]}
    assert len(orgs(extract(text, disabled_rules=["org-bare-short-form"]))) == 2
    # two bodies of that form: the short form alone names neither
    two = "Polres Ponorogo dan Polres Madiun menggelar razia. Menurut Polres, razia itu rutin."
    assert len(orgs(extract(two))) == 3
