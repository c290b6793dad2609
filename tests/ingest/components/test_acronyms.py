"""The ``acronyms`` component: bare acronyms the document defines for an organisation, and acronyms listed in
brackets among organisations (rules ``org-acronym-defined``, ``org-list-acronym``)."""

from __future__ import annotations

import pytest

from jejaring.ingest.extract.names import fold


def spans(ex, key: str) -> list[tuple[str, str]]:
    return [(s.exact, s.rule) for s in ex.entities[key].spans]


@pytest.mark.parametrize(("text", "language", "key", "name", "rule", "acronym"), [
    ("Yayasan Air Bersih Nusantara (YABN) membangun sumur. YABN juga melatih warga.", "id",
     "organisation:yayasan-air-bersih-nusantara", "Yayasan Air Bersih Nusantara", "org-head", "YABN"),
    ("The Kendari Water Agency (KWA) repaired the pipes. KWA also trained residents.", "en",
     "organisation:kendari-water-agency", "Kendari Water Agency", "org-head-suffix", "KWA"),
])
def test_acronyms_defined_acronym_is_the_body_it_stands_for(extract, text, language, key, name, rule, acronym):
    ex = extract(text, language)
    assert list(ex.entities) == [key]
    assert (ex.entities[key].name, ex.entities[key].acronym) == (name, acronym)
    # the acronym in brackets and its later use
    assert spans(ex, key) == [(name, rule), (acronym, "org-acronym-defined"), (acronym, "org-acronym-defined")]


def test_acronyms_a_body_abroad_keeps_its_own_language_s_acronym(extract):
    # the Indonesian words do not spell the acronym, which is the body's own English one
    ex = extract("Temuan itu diterima Badan Cuaca Antariksa Kanada (CSWA). Menurut CSWA, badai belum reda.")
    key = "organisation:badan-cuaca-antariksa-kanada"
    assert list(ex.entities) == [key]
    assert ex.entities[key].acronym == "CSWA"
    assert spans(ex, key) == [("Badan Cuaca Antariksa Kanada", "org-head"), ("CSWA", "org-acronym-defined"),
                              ("CSWA", "org-acronym-defined")]


def test_acronyms_a_short_form_of_syllables_opening_with_the_name_s_letter(extract):
    ex = extract("Kepala Dinas Kepemudaan, Olahraga, dan Pariwisata (Disporapar) Jateng membuka lomba itu. Disporapar "
                 "menyiapkan hadiahnya.")
    body = next(e for e in ex.entities.values() if e.kind == "organisation")
    assert (body.name, body.acronym) == ("Dinas Kepemudaan, Olahraga, dan Pariwisata Jateng", "Disporapar")
    assert [s.exact for s in body.spans][1:] == ["Disporapar"]  # its later bare use


@pytest.mark.parametrize(("text", "acronym"), [
    # a nickname that does not open with the name's letter is not the body's
    ("Bank Sinar Terang (Ucok) membuka cabang baru.", "Ucok"),
    # a place's acronym and another body's the lexicon knows say where, or whose, the body is
    ("Badan Perlindungan Lingkungan (AS) menolak memberi komentar.", "AS"),
    ("Anggota Satuan Tugas Pangan (TNI) memeriksa gudang beras.", "TNI"),
    # the initials of the holder named after the body, whose name the body's name loses
    ("Anggota Komisi IV DPR RI Sri Wahyuni Hartati (SWH) meninjau pasar.", "SWH"),
])
def test_acronyms_capitals_in_brackets_that_are_not_the_body_s(extract, text, acronym):
    ex = extract(text)
    body = next(e for e in ex.entities.values() if e.kind == "organisation" and e.name.split()[0] in text.split()[:2])
    assert body.acronym is None
    assert fold(acronym) not in map(fold, body.labels())


def test_acronyms_used_before_its_definition_is_the_same_body(extract):
    ex = extract("YABN membangun sumur. Yayasan Air Bersih Nusantara (YABN) juga melatih warga.")
    assert list(ex.entities) == ["organisation:yayasan-air-bersih-nusantara"]
    assert spans(ex, "organisation:yayasan-air-bersih-nusantara") == [
        ("Yayasan Air Bersih Nusantara", "org-head"), ("YABN", "org-acronym-defined"), ("YABN", "org-acronym-defined")]


@pytest.mark.parametrize(("text", "language"), [
    ("Sejumlah LSM (Yayasan Sungai Lestari, Yayasan Kota Hijau, YPKS) ikut serta.", "id"),
    ("Partners (Yayasan Sungai Lestari, Yayasan Kota Hijau, YPKS) joined the forum.", "en"),
])
def test_acronyms_listed_among_organisations_is_an_organisation(extract, text, language):
    ex = extract(text, language)
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == [
        "Yayasan Sungai Lestari", "Yayasan Kota Hijau", "YPKS"]
    assert spans(ex, "organisation:ypks") == [("YPKS", "org-list-acronym")]


def test_acronyms_switched_off_defined_acronym_names_nothing(extract):
    ex = extract("Yayasan Air Bersih Nusantara (YABN) membangun sumur. YABN juga melatih warga.",
                 disabled_rules=["org-acronym-defined"])
    assert spans(ex, "organisation:yayasan-air-bersih-nusantara") == [("Yayasan Air Bersih Nusantara", "org-head")]


def test_acronyms_switched_off_list_acronym_leaves_only_the_named_bodies(extract):
    ex = extract("Sejumlah LSM (Yayasan Sungai Lestari, Yayasan Kota Hijau, YPKS) ikut serta.",
                 disabled_rules=["org-list-acronym"])
    assert [e.name for e in ex.entities.values()] == ["Yayasan Sungai Lestari", "Yayasan Kota Hijau"]
