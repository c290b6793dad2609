"""The ``lessons`` component: lessons listed under a lesson cue, and lessons named in prose (rule ``lesson-title``).

A lesson's entity carries the ``lesson-list-item`` rule of ``lesson-nodes``; switching ``lesson-title`` off
leaves the document without lessons at all.
"""

from __future__ import annotations

import pytest

LISTED_ID = ("Beberapa pembelajaran dari kunjungan ini, yaitu:\n"
             "1. Tata kelola air: Kota Bandung membangun kolam retensi.\n"
             "2. Partisipasi warga: warga ikut merawat taman.")
LISTED_EN = ("Key lessons learned from the visit:\n"
             "1. Integrated planning: agencies share one drainage map.\n"
             "2. Citizen engagement: residents adopt a park.")


def lessons(ex) -> list[tuple[str, str | None]]:
    return [(e.name, e.description) for e in ex.entities.values() if e.kind == "lesson"]


@pytest.mark.parametrize(("text", "language", "expected"), [
    (LISTED_ID, "id", [("Tata kelola air", "Kota Bandung membangun kolam retensi."),
                       ("Partisipasi warga", "warga ikut merawat taman.")]),
    (LISTED_EN, "en", [("Integrated planning", "agencies share one drainage map."),
                       ("Citizen engagement", "residents adopt a park.")]),
])
def test_lessons_listed_items_are_titles_with_descriptions(extract, text, language, expected):
    assert lessons(extract(text, language)) == expected


def test_lessons_description_on_the_lines_under_the_title(extract):
    ex = extract("Pelajaran penting dari Surabaya:\n- Bank sampah\n  Setiap RW mengelola sampahnya sendiri.")
    assert lessons(ex) == [("Bank sampah", "Setiap RW mengelola sampahnya sendiri.")]


def test_lessons_english_title_in_brackets_is_a_label(extract):
    ex = extract("Pembelajaran utama, yaitu:\n1. Perencanaan terpadu (integrated planning): satu peta untuk semua dinas.")
    lesson = ex.entities["lesson:0"]
    assert (lesson.name, lesson.alt_labels) == ("Perencanaan terpadu", [("integrated planning", "en")])


def test_lessons_named_in_prose(extract):
    ex = extract("Salah satu pembelajaran penting dari Surabaya adalah sikap terbuka terhadap warga.")
    assert [e.name for e in ex.entities.values() if e.kind == "lesson"] == ["Terbuka terhadap warga"]


@pytest.mark.parametrize(("text", "language"), [
    (LISTED_ID, "id"),
    (LISTED_EN, "en"),
    ("Salah satu pembelajaran penting dari Surabaya adalah sikap terbuka terhadap warga.", "id"),
])
def test_lessons_switched_off_finds_no_lesson(extract, text, language):
    assert lessons(extract(text, language))
    assert lessons(extract(text, language, disabled_rules=["lesson-title"])) == []


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Pelajaran yang bisa dibagikan:\n1. Mulai dari kampung (dari Surabaya).\n   Setiap RW mengompos sampahnya.",
     "id", ("Mulai dari kampung", [], "Mulai dari kampung")),
    ("Lessons worth sharing:\n1. Start with the neighbourhood (from Surabaya).\n   Each block composts.",
     "en", ("Start with the neighbourhood", [], "Start with the neighbourhood")),
    ("Pembelajaran utama, yaitu:\n1. Data untuk keputusan (From data to decisions): satu dasbor untuk dinas.",
     "id", ("Data untuk keputusan", [("From data to decisions", "en")],
            "Data untuk keputusan (From data to decisions)")),
])
def test_lessons_bracket_naming_the_source_city_is_no_title(extract, text, language, expected):
    lesson = extract(text, language).entities["lesson:0"]
    assert (lesson.name, lesson.alt_labels, lesson.spans[0].exact) == expected


def test_lessons_a_numbered_section_after_a_lettered_list_is_no_lesson(extract):
    text = ("Catatan Forum\n\nForum menyepakati dua pembelajaran:\n(a) Data terbuka - warga ikut memantau.\n"
            "(b) Anggaran partisipatif - warga ikut menentukan prioritas.\n\n6. PESERTA / PARTICIPANTS (lembaga)\n\n"
            "Pemerintah Kota Palu, Yayasan Sungai Lestari.\n")
    assert [e.name for e in extract(text).entities.values() if e.kind == "lesson"] == [
        "Data terbuka", "Anggaran partisipatif"]
