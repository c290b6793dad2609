"""The ``event-groups`` component: mentions of one event grouped and dated, one event per occurrence, and the event
the document reports on found with its agenda's sessions (no rules of its own)."""

from __future__ import annotations

from datetime import date

import pytest

HEAD_ID = "Laporan.\nHal.\nRingkasan.\n"  # three lines that name no event: nothing is the report's own event
HEAD_EN = "Notes.\nSubject.\nSummary.\n"

AGENDA_ID = ("Forum Kota Tangguh 2022 - Medan, 5-6 Juli 2022\nDisusun oleh: Sekretariat Forum\n\n"
             "HARI KE-1 - Selasa, 5 Juli 2022\n"
             "- Jamuan makan malam perdana (gala dinner) di Balai Kota.\n"
             "HARI KE-2 - Rabu, 6 Juli 2022\n"
             "- 09.00-12.00: Sesi pleno pembuka (Opening Plenary). Sambutan oleh Rina Marlina (Wali Kota Medan).\n"
             "- Diskusi panel tentang banjir rob, dimoderatori Budi Santosa.\n"
             '- 13.00-15.00: Sesi "Kota dan Laut". Yayasan Sungai Lestari memaparkan peta risiko.\n')
AGENDA_EN = ("Coastal Cities Forum 2022 - Medan, 5-6 July 2022\nPrepared by: the Forum Secretariat\n\n"
             "DAY ONE - 5 July 2022\n"
             "- Welcoming dinner (jamuan makan malam) at City Hall.\n"
             "DAY TWO - 6 July 2022\n"
             "- 09.00-12.00: Opening plenary session. Remarks by Ms. Rina Marlina (Mayor of Medan).\n"
             "- Panel discussion on tidal floods, moderated by Mr. Budi Santosa.\n"
             '- 13.00-15.00: Session "Cities and the Sea". Yayasan Sungai Lestari presented its risk maps.\n')


def events(ex) -> list[tuple[str, date | None, str | None, list[str]]]:
    return [(e.name, e.start, e.location, [s.exact for s in e.spans]) for e in ex.entities.values()
            if e.kind == "event"]


def named(ex) -> list[tuple[str, str, date | None]]:
    return [(e.name, e.event_class, e.start) for e in ex.entities.values() if e.kind == "event"]


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


@pytest.mark.parametrize(("text", "language", "expected"), [
    # one name, two days: two meetings
    (HEAD_ID + "C. Rabu, 6 Juli 2022 - Rapat Rutin Mingguan\nTempat: Balai Kota.\n"
     "D. Jumat, 8 Juli 2022 - Rapat Rutin Mingguan\nTempat: Balai Kota.", "id",
     [("Rapat Rutin Mingguan", "Meeting", date(2022, 7, 6)), ("Rapat Rutin Mingguan", "Meeting", date(2022, 7, 8))]),
    (HEAD_EN + "C. 6 July 2022 - Weekly Team Meeting\nVenue: City Hall.\n"
     "D. 8 July 2022 - Weekly Team Meeting\nVenue: City Hall.", "en",
     [("Weekly Team Meeting", "Meeting", date(2022, 7, 6)), ("Weekly Team Meeting", "Meeting", date(2022, 7, 8))]),
    # two names of one kind: two workshops; a shortened name joins its own
    (HEAD_ID + "Lokakarya Perdana Drainase digelar pada 5 Mei 2022. Sebulan kemudian, Lokakarya Lanjutan Drainase "
     "digelar pada 6 Juni 2022. Lokakarya Lanjutan diikuti 30 orang.", "id",
     [("Lokakarya Perdana Drainase", "Workshop", date(2022, 5, 5)),
      ("Lokakarya Lanjutan Drainase", "Workshop", date(2022, 6, 6))]),
    (HEAD_EN + "The First Drainage Workshop took place on 5 May 2022. A month later the Second Drainage Workshop "
     "took place on 6 June 2022. The Second Workshop drew 30 people.", "en",
     [("First Drainage Workshop", "Workshop", date(2022, 5, 5)),
      ("Second Drainage Workshop", "Workshop", date(2022, 6, 6))]),
])
def test_event_groups_one_event_per_occurrence(extract, text, language, expected):
    assert named(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a date belongs to the event named in its sentence, not to one only referred to there
    (HEAD_ID + "Kongres Kota Sehat dibuka di Medan. Bersamaan dengan kongres, pada 5-7 Mei 2022 berlangsung "
     "Lokakarya Air Bersih.", "id",
     [("Kongres Kota Sehat", "Congress", None), ("Lokakarya Air Bersih", "Workshop", date(2022, 5, 5))]),
    (HEAD_EN + "The Healthy Cities Congress opened in Medan. Alongside the congress, on 5-7 May 2022, the Clean Water "
     "Workshop took place.", "en",
     [("Healthy Cities Congress", "Congress", None), ("Clean Water Workshop", "Workshop", date(2022, 5, 5))]),
    # a dateline's date dates the event only when the text gives it no other
    ("MEDAN, 12 Mei 2022 - Rombongan kembali dari Kunjungan Belajar ke Surabaya. Kunjungan itu berlangsung pada "
     "2-6 Mei 2022.", "id", [("Kunjungan Belajar", "LearningVisit", date(2022, 5, 2))]),
    ("MEDAN, 12 May 2022 - A delegation came back from the Study Visit to Surabaya. The visit, held from 2 to 6 May "
     "2022, was its first.", "en", [("Study Visit", "LearningVisit", date(2022, 5, 2))]),
])
def test_event_groups_dates_said_with_the_event(extract, text, language, expected):
    assert named(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # the verb reports the event its sentence names: one event, the verb's name one of its labels
    ("Medan, Rabu (7/9/2022) - Pemkot Medan hari ini meluncurkan Peta Risiko Banjir sekaligus menggelar konsultasi "
     "publik.", "id", [("Peluncuran Peta Risiko Banjir", date(2022, 9, 7), ["meluncurkan", "konsultasi publik"])]),
    ("Medan, 7 September 2022 - The city today launched its Flood Risk Map at the Coastal Forum.", "en",
     [("Coastal Forum", date(2022, 9, 7), ["launched", "Coastal Forum"])]),
])
def test_event_groups_verb_joins_the_event_of_its_sentence(extract, text, language, expected):
    assert [(name, start, spans) for name, start, _, spans in events(extract(text, language))] == expected


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


@pytest.mark.parametrize(("text", "language", "expected"), [
    # sessions with a name of their own are sessions of the main event, held on the day of their heading; an item
    # without a time below one with a time is part of that one
    (AGENDA_ID, "id", [("Forum Kota Tangguh 2022", "Forum", date(2022, 7, 5)),
                       ("Jamuan makan malam perdana", "Session", date(2022, 7, 5)),
                       ("Sesi pleno pembuka", "Session", date(2022, 7, 6)),
                       ("Sesi: Kota dan Laut", "Session", date(2022, 7, 6))]),
    (AGENDA_EN, "en", [("Coastal Cities Forum 2022", "Forum", date(2022, 7, 5)),
                       ("Welcoming dinner", "Session", date(2022, 7, 5)),
                       ("Opening plenary session", "Session", date(2022, 7, 6)),
                       ("Session: Cities and the Sea", "Session", date(2022, 7, 6))]),
])
def test_event_groups_agenda_sessions_are_sessions_of_the_main_event(extract, text, language, expected):
    ex = extract(text, language)
    assert named(ex) == expected
    spans = {e.name: [s.exact for s in e.spans] for e in ex.entities.values() if e.kind == "event"}
    assert spans[expected[2][0]][-1].startswith(("Diskusi panel", "Panel discussion"))  # the untimed panel
