"""The ``event-nodes`` component: an entity per event, dated and placed by a news dateline when the text gives
no day, and about the events named inside its name (no rules of its own)."""

from __future__ import annotations

from datetime import date

import pytest

GROUPED = ["places", "lessons", "events", "programmes", "organisations", "settle", "acronyms", "posts", "persons",
           "event-groups", "entities"]


def events(ex) -> list[tuple[str, str, date | None, str | None, list[str]]]:
    return [(e.key, e.name, e.start, e.location, e.about) for e in ex.entities.values() if e.kind == "event"]


def test_event_nodes_no_event_entity_without_the_component(extract):
    text = "Kunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021."
    assert events(extract(text, pipeline=GROUPED)) == []
    assert events(extract(text, pipeline=[*GROUPED, "event-nodes"])) == [
        ("event:0", "Kunjungan Belajar", date(2021, 3, 3), "place:kota-surabaya", [])]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Lokakarya Drainase Kota\nSemarang, 12 Mei 2022 - Bappeda Kota Semarang membuka acara itu hari ini.", "id",
     ("event:0", "Lokakarya Drainase Kota", date(2022, 5, 12), "place:kota-semarang", [])),
    ("Coastal Cities Workshop\nMakassar, 2 June 2022 - The mayor opened it today.", "en",
     ("event:0", "Coastal Cities Workshop", date(2022, 6, 2), "place:kota-makassar", [])),
])
def test_event_nodes_headline_event_is_dated_and_placed_by_the_dateline(extract, text, language, expected):
    assert events(extract(text, language)) == [expected]


@pytest.mark.parametrize(("text", "language", "outer", "inner"), [
    ("Catatan rapat.\nHal: tindak lanjut.\nRingkasan singkat.\n"
     "Bappeda Kota Semarang menggelar Diskusi Publik Hasil Studi Banding.", "id",
     "Diskusi Publik Hasil Studi Banding", "Studi Banding"),
    ("Notes.\nSubject: follow-up.\nSummary.\nThe city held a Public Discussion on the Study Visit.", "en",
     "Public Discussion on the Study Visit", "Study Visit"),
])
def test_event_nodes_event_named_inside_another_is_what_it_is_about(extract, text, language, outer, inner):
    assert events(extract(text, language)) == [("event:0", outer, None, None, ["event:1"]),
                                               ("event:1", inner, None, None, [])]
