"""The ``event-groups`` component: mentions of one event grouped and dated, and the event the document reports
on found (no rules of its own)."""

from __future__ import annotations

from datetime import date

import pytest


def events(ex) -> list[tuple[str, date | None, str | None, list[str]]]:
    return [(e.name, e.start, e.location, [s.exact for s in e.spans]) for e in ex.entities.values()
            if e.kind == "event"]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Lokakarya Drainase Kota digelar pada 5 Mei 2022. Selama lokakarya itu peserta menggambar peta.", "id",
     [("Lokakarya Drainase Kota", date(2022, 5, 5), None, ["Lokakarya Drainase Kota", "lokakarya"])]),
    ("The Coastal Forum opened on 2 June 2022. The forum closed a day later.", "en",
     [("Coastal Forum", date(2022, 6, 2), None, ["Coastal Forum", "forum"])]),
])
def test_event_groups_a_reference_joins_the_event_it_follows(extract, text, language, expected):
    assert events(extract(text, language)) == expected


def test_event_groups_visits_to_two_places_are_two_events(extract):
    ex = extract("Kunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021. "
                 "Kunjungan Belajar ke Makassar berlangsung pada 9 Juni 2021.")
    assert events(ex) == [("Kunjungan Belajar", date(2021, 3, 3), "place:kota-surabaya", ["Kunjungan Belajar"]),
                          ("Kunjungan Belajar", date(2021, 6, 9), "place:kota-makassar", ["Kunjungan Belajar"])]


@pytest.mark.parametrize(("text", "language", "names"), [
    # the title names the main event: the agenda's sessions, named only by their kind, are parts of it
    ("Coastal Cities Forum 2022\nAgenda:\n- Workshop: drawing risk maps\n- Field Trip: the new sea wall", "en",
     ["Coastal Cities Forum 2022"]),
    ("Lokakarya Drainase Kota\nAgenda:\n- Diskusi Panel: pendanaan\n- Kunjungan Lapangan: tanggul baru", "id",
     ["Lokakarya Drainase Kota"]),
    # no main event: a session is an event of its own
    ("Notes.\nSubject: follow-up.\nSummary.\nAgenda:\n- Workshop: drawing risk maps", "en", ["Workshop"]),
])
def test_event_groups_sessions_of_the_main_event_are_no_events(extract, text, language, names):
    assert [name for name, *_ in events(extract(text, language))] == names
