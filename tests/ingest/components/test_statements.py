"""The ``statements`` component: a statement per verb of saying with a speaker, its stance, the lessons its words
name and the event it was said at (rule ``statement-speech-verb``)."""

from __future__ import annotations

import pytest

LESSONS_ID = "Pelajaran dari Surabaya, yaitu:\n1. Sumur resapan: warga membuat sumur di halaman.\n\n"
LESSONS_EN = "Lessons learned from Surabaya:\n1. Rain gardens: residents dig small gardens.\n\n"


def statements(ex) -> list[tuple]:
    return [(s.speaker, s.text, s.stance, s.event, s.about, [x.rule for x in s.spans]) for s in ex.statements]


@pytest.mark.parametrize(("text", "language", "speaker", "said", "stance"), [
    ("Rina Marlina menjelaskan bahwa tanggul sudah diperbaiki.", "id", "person:rina-marlina",
     "tanggul sudah diperbaiki.", "neutral"),
    ("Bappeda Kota Semarang menyatakan bahwa rencana itu siap.", "id", "organisation:bappeda-kota-semarang",
     "rencana itu siap.", "neutral"),
    ("Ibu Rina Marlina mendukung pembangunan sumur resapan.", "id", "person:rina-marlina",
     "pembangunan sumur resapan.", "supports"),
    ("Budi Santosa mengusulkan agar taman kota diperluas.", "id", "person:budi-santosa", "agar taman kota diperluas.",
     "proposes"),
    ("Rina Marlina said that the dike had been repaired.", "en", "person:rina-marlina", "the dike had been repaired.",
     "neutral"),
    ("Rina Marlina proposed that the city expand its parks.", "en", "person:rina-marlina", "the city expand its parks.",
     "proposes"),
])
def test_statements_speaker_said_words_and_stance(extract, text, language, speaker, said, stance):
    assert statements(extract(text, language)) == [(speaker, said, stance, None, [], ["statement-speech-verb"])]


@pytest.mark.parametrize(("text", "language"), [
    (LESSONS_ID + "Rina Marlina menegaskan bahwa sumur resapan harus dibangun di Semarang.", "id"),
    (LESSONS_EN + "Rina Marlina said that rain gardens suit Semarang.", "en"),
])
def test_statements_about_the_lesson_its_words_name(extract, text, language):
    assert [(s.speaker, s.about) for s in extract(text, language).statements] == [("person:rina-marlina", ["lesson:0"])]


@pytest.mark.parametrize(("text", "language"), [
    ("Dalam Lokakarya Drainase Kota, Rina Marlina menjelaskan bahwa sumur resapan perlu diperbanyak.", "id"),
    ("At the Coastal Forum, Rina Marlina said that the dikes were ready.", "en"),
])
def test_statements_said_at_the_event_of_its_setting(extract, text, language):
    assert [(s.speaker, s.event) for s in extract(text, language).statements] == [("person:rina-marlina", "event:0")]


@pytest.mark.parametrize(("text", "language"), [
    ("Rina Marlina menjelaskan bahwa tanggul sudah diperbaiki.", "id"),
    ("Rina Marlina said that the dike had been repaired.", "en"),
])
def test_statements_switched_off_gives_no_statement(extract, text, language):
    ex = extract(text, language, disabled_rules=["statement-speech-verb"])
    assert ex.statements == []
    assert "person:rina-marlina" in ex.entities
