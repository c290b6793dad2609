"""The ``programmes`` component: programmes after (or before) a programme cue, examples inside a lesson, examples
after "misalnya"/"such as", the sites of a visit, and names with a version number (rules ``programme-cue``,
``programme-cue-after``, ``programme-example``, ``programme-example-cue``, ``programme-site``, ``programme-version``),
and what names a person instead (``programme-not-person``).

``programme-secretariat`` is registered but no extractor gives it (see the rule ablation).
"""

from __future__ import annotations

import pytest

CASES = [
    ("programme-cue", "Pemerintah Kota Surabaya menjalankan Program Kampung Hijau Lestari sejak 2019.", "id",
     "Program Kampung Hijau Lestari"),
    ("programme-cue", "Warga mendukung program Sungai Bersih Mandiri sejak 2020.", "id", "Sungai Bersih Mandiri"),
    ("programme-cue", "The city expanded its Programme for Clean Rivers in 2021.", "en", "Programme for Clean Rivers"),
    ("programme-cue-after", "Residents joined the Clean River Pledge campaign.", "en", "Clean River Pledge"),
    ("programme-example",
     "Beberapa pembelajaran dari kunjungan ini, yaitu:\n1. Tata kelola air: warga Semarang merawat Embung Sumber "
     "Rejeki setiap pekan.", "id", "Embung Sumber Rejeki"),
    ("programme-example", "Lessons learned:\n1. Water storage: the city built the Benthem Water Plaza near the station.",
     "en", "Benthem Water Plaza"),
    ("programme-example-cue", "Salah satu inisiatif warga, misalnya Bank Sampah Bersinar, berkembang pesat.", "id",
     "Bank Sampah Bersinar"),
    ("programme-example-cue", "Good practices such as Rain Harvest Gardens spread quickly.", "en",
     "Rain Harvest Gardens"),
    ("programme-site", "Peserta melakukan kunjungan lapangan ke Taman Harmoni Keputih.", "id", "Taman Harmoni Keputih"),
    ("programme-site", "Site visit: Green Roof Pavilion", "en", "Green Roof Pavilion"),
    ("programme-version", "Wali kota menjelaskan visi Layanan Prima 4.0 yang baru.", "id", "Layanan Prima 4.0"),
]


def programmes(ex) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(e.name, sorted((s.exact, s.rule) for s in e.spans)) for e in ex.entities.values()
            if e.kind == "programme"]


@pytest.mark.parametrize(("rule", "text", "language", "name"), CASES)
def test_programmes_rule_names_the_programme(extract, rule, text, language, name):
    assert programmes(extract(text, language)) == [(name, [(name, rule)])]


@pytest.mark.parametrize(("rule", "text", "language", "name"), CASES)
def test_programmes_switched_off_rule_leaves_the_programme_out(extract, rule, text, language, name):
    assert programmes(extract(text, language, disabled_rules=[rule])) == []


def test_programmes_lowercase_cue_name_is_title_cased(extract):
    ex = extract("Kota itu melanjutkan restorasi sungai Cisadane tahun ini.")
    assert programmes(ex) == [("Restorasi Sungai Cisadane", [("restorasi sungai Cisadane", "programme-cue")])]


def test_programmes_cue_inside_a_post_is_no_programme(extract):
    assert programmes(extract("Rina Marlina, Manajer Program Kota Tangguh, hadir.")) == []


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Farmers learned the Sakura Composting Method from the city.", "en", "Sakura Composting Method"),
    ("Tim kota menghitung Coastal Health Index bersama mitra.", "id", "Coastal Health Index"),
    ("The forum discussed the Harbour Framework for Flood Safety last year.", "en",
     "Harbour Framework for Flood Safety"),
])
def test_programmes_english_cue_ends_the_name(extract, text, language, name):
    assert programmes(extract(text, language)) == [(name, [(name, "programme-cue-after")])]


@pytest.mark.parametrize(("text", "language"), [
    ("Mitra kota (Strategy Partner) hadir dalam rapat.", "id"),  # an English cue opens no name by itself
    ("From Strategy Launch to Results\n\nThe city met its partners.", "en"),
    ("Kota itu memasuki Tahap II program, yakni menyusun rencana.", "id"),  # the programme's phase
    ('Diskusi bertema "Advokasi dan Strategi Penguatan Warga Pesisir" digelar di balai kota.', "id"),  # a title
    ("Badan itu menyusun indeks Jakarta yang baru.", "id"),
])
def test_programmes_no_programme(extract, text, language):
    assert programmes(extract(text, language)) == []


def test_programmes_name_keeps_its_year_range(extract):
    ex = extract("Program Sungai Bersih 2019-2023 dimulai bulan lalu.")
    assert programmes(ex) == [("Program Sungai Bersih 2019-2023",
                               [("Program Sungai Bersih 2019-2023", "programme-cue")])]


def test_programmes_joined_by_sebagai_and_by(extract):
    assert [n for n, _ in programmes(extract("Rapat membahas Strategi Bandung sebagai Kota Hijau Lestari."))] == [
        "Strategi Bandung sebagai Kota Hijau Lestari"]
    assert [n for n, _ in programmes(extract("Kota itu menjalankan proyek Safer by Design di pesisir."))] == [
        "Safer by Design"]


def test_programmes_clean_up_of_a_place(extract):
    ex = extract("The city showed the clean-up of Sumber Bay to its guests.", "en")
    assert programmes(ex) == [("Clean-up of Sumber Bay", [("clean-up of Sumber Bay", "programme-cue")])]


def test_programmes_bracketed_translation_is_the_same_programme(extract):
    ex = extract("The Harbour Resilience Strategy (Strategi Ketahanan Pelabuhan) was launched in May.", "en")
    assert programmes(ex) == [("Harbour Resilience Strategy", [("Harbour Resilience Strategy", "programme-cue-after"),
                                                                ("Strategi Ketahanan Pelabuhan", "programme-cue")])]
    ex = extract("Rencana Aksi Pesisir (Coastal Action Plan/CAP) selesai bulan lalu.")
    assert programmes(ex) == [("Rencana Aksi Pesisir", [("Coastal Action Plan", "programme-cue-after"),
                                                         ("Rencana Aksi Pesisir", "programme-cue")])]


@pytest.mark.parametrize("text", [
    "Lessons learned:\n1. Waste: a pilot in Kampong Melati Asri showed that residents of Melati Asri compost.",
    "Lessons learned:\n1. Waste: the NGO Bumi Lestari persuaded residents to sort their waste.",
    "Lessons learned:\n1. Parks: the city marked the kawasan Oud-Zuidwijk as a green zone.",
])
def test_programmes_lesson_example_is_no_place_or_organisation(extract, text):
    assert programmes(extract(text, "en")) == []


def test_programmes_a_name_ending_in_an_organisation_s_head_word_in_a_lesson_is_the_organisation(extract):
    ex = extract("Lessons learned:\n1. Waste sorting: residents learn composting with Karimata Learning Centre "
                 "every week.", "en")
    assert [e.kind for e in ex.entities.values() if "Learning Centre" in e.name] == ["organisation"]


def test_programmes_headline_needs_the_body(extract):
    head = "Rina Wulandari Resmi Menjabat Kepala Bappeda, Pernah Ceritakan Kebijakan Parkir ke Tamu\n\n"
    assert programmes(extract(head + "Kepala dinas menguraikan kebijakan transportasi kota kepada tamu.")) == []
    ex = extract(head + "Ia menguraikan Kebijakan Parkir kota kepada tamu dari Bandung.")
    assert [n for n, _ in programmes(ex)] == ["Kebijakan Parkir"]


def test_programmes_cue_inside_quoted_speech_names_the_programme(extract):
    ex = extract('"Bantuan ini kami salurkan lewat Program Keluarga Sejahtera setiap bulan," ujar Rina Wulandari.')
    assert [n for n, _ in programmes(ex)] == ["Program Keluarga Sejahtera"]


def test_programmes_a_month_and_year_in_a_lesson_is_no_example(extract):
    text = ("Pelajaran dari kunjungan:\n- Kepemimpinan: pembelajaran dari kunjungan ke Palu pada Agustus 2019, "
            "khususnya soal program Kampung Tangguh.\n")
    assert "Agustus 2019" not in [e.name for e in extract(text).entities.values() if e.kind == "programme"]


@pytest.mark.parametrize(("text", "person"), [
    ("Warga mendukung strategi Presiden Bagas Wiratmaja untuk menurunkan harga pangan.", "person:bagas-wiratmaja"),
    ("Ia menambahkan, sosok seperti Bagas Wiratmaja layak dihormati.", "person:bagas-wiratmaja"),
    ("Ia memuji pemimpin seperti Profesor Bagas yang jujur.", "person:bagas"),
])
def test_programmes_a_title_or_an_example_the_recogniser_reads_names_a_person(extract, text, person):
    def read(ex):
        return programmes(ex), [e.key for e in ex.entities.values() if e.kind == "person"]

    assert read(extract(text)) == ([], [person])
    assert read(extract(text, disabled_rules=["programme-not-person"])) != ([], [person])
