"""The ``adoption`` component: a programme named in a sentence saying the lessons were taken up adopted the
document's lessons (no rules of its own)."""

from __future__ import annotations

import pytest

LESSONS_ID = "Pelajaran dari Surabaya, yaitu:\n1. Sumur resapan: warga membuat sumur di halaman.\n\n"
LESSONS_EN = "Lessons learned from Surabaya:\n1. Rain gardens: residents dig small gardens.\n\n"


def adopted(ex) -> list[tuple[str, list[str]]]:
    return [(e.name, e.adopted_in) for e in ex.entities.values() if e.kind == "lesson"]


@pytest.mark.parametrize(("text", "language", "expected"), [
    (LESSONS_ID + "Pelajaran tersebut telah dipadukan ke dalam Strategi Ketahanan Kota Semarang.", "id",
     [("Sumur resapan", ["programme:strategi-ketahanan-kota-semarang"])]),
    (LESSONS_EN + "Each lesson was incorporated into the Clean River Pledge campaign.", "en",
     [("Rain gardens", ["programme:clean-river-pledge"])]),
])
def test_adoption_programme_took_up_the_lessons(extract, text, language, expected):
    assert adopted(extract(text, language)) == expected


def test_adoption_programme_named_without_an_adoption_cue_adopted_nothing(extract):
    ex = extract(LESSONS_ID + "Kota Semarang juga menjalankan Strategi Ketahanan Kota Semarang.")
    assert "programme:strategi-ketahanan-kota-semarang" in ex.entities
    assert adopted(ex) == [("Sumur resapan", [])]


def test_adoption_not_run_without_the_component(extract):
    pipeline = ["places", "lessons", "events", "programmes", "organisations", "settle", "acronyms", "posts", "persons",
                "event-groups", "entities", "event-nodes", "lesson-nodes"]
    text = LESSONS_ID + "Pelajaran tersebut telah dipadukan ke dalam Strategi Ketahanan Kota Semarang."
    assert adopted(extract(text, pipeline=pipeline)) == [("Sumur resapan", [])]
    assert adopted(extract(text, pipeline=[*pipeline, "adoption"])) == [
        ("Sumur resapan", ["programme:strategi-ketahanan-kota-semarang"])]
