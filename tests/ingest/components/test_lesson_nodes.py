"""The ``lesson-nodes`` component: a lesson entity per lesson found, with its theme, the visit it was learned on,
the city it came from and its example projects (rule ``lesson-list-item``)."""

from __future__ import annotations

import pytest

VISIT_ID = ("Kunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021.\n\n"
            "Beberapa pembelajaran dari kunjungan ini, yaitu:\n"
            "1. Pengelolaan banjir: warga merawat Embung Sumber Rejeki setiap pekan.\n"
            "2. Partisipasi warga (citizen participation): warga ikut merawat taman.")
VISIT_EN = ("The Study Visit to Surabaya took place on 3 March 2021.\n\n"
            "Key lessons learned from the visit:\n"
            "1. Flood management: residents maintain the Sumber Rejeki Retention Pond every week.")


def lessons(ex) -> list[tuple]:
    return [(e.key, e.name, e.lang, e.theme, e.event, e.learned_from, e.examples, [(s.exact, s.rule) for s in e.spans])
            for e in ex.entities.values() if e.kind == "lesson"]


@pytest.mark.parametrize(("text", "language", "expected"), [
    (VISIT_ID, "id", [
        ("lesson:0", "Pengelolaan banjir", "id", "disaster-preparedness", "event:0", "place:kota-surabaya",
         ["programme:embung-sumber-rejeki"], [("Pengelolaan banjir", "lesson-list-item")]),
        ("lesson:1", "Partisipasi warga", "id", "participation", "event:0", "place:kota-surabaya", [],
         [("Partisipasi warga (citizen participation)", "lesson-list-item")]),
    ]),
    (VISIT_EN, "en", [
        ("lesson:0", "Flood management", "en", "disaster-preparedness", "event:0", "place:kota-surabaya",
         ["programme:sumber-rejeki-retention-pond"], [("Flood management", "lesson-list-item")]),
    ]),
])
def test_lesson_nodes_lesson_with_its_visit_city_theme_and_examples(extract, text, language, expected):
    assert lessons(extract(text, language)) == expected


def test_lesson_nodes_english_title_is_an_english_label(extract):
    assert extract(VISIT_ID).entities["lesson:1"].alt_labels == [("citizen participation", "en")]


@pytest.mark.parametrize(("text", "language", "programme"), [
    (VISIT_ID, "id", "programme:embung-sumber-rejeki"),
    (VISIT_EN, "en", "programme:sumber-rejeki-retention-pond"),
])
def test_lesson_nodes_switched_off_leaves_no_lesson_but_its_examples(extract, text, language, programme):
    ex = extract(text, language, disabled_rules=["lesson-list-item"])
    assert lessons(ex) == []
    assert {"event:0", "place:kota-surabaya", programme} <= set(ex.entities)
