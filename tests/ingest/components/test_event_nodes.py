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


@pytest.mark.parametrize(("text", "language", "place"), [
    # a place after "di" / "in" a few words after the event's name, in the same clause
    ("Catatan.\nHal.\nRingkasan.\nLokakarya Drainase Kota digelar di Medan pada 5 Mei 2022.", "id",
     "place:kota-medan"),
    ("Notes.\nSubject.\nSummary.\nThe Coastal Forum was held in Makassar on 2 June 2022.", "en", "place:kota-makassar"),
    # another clause: where someone went, not where the event was held
    ("Catatan.\nHal.\nRingkasan.\nLokakarya Drainase Kota digelar pada 5 Mei 2022, lalu peserta berangkat di Medan.",
     "id", None),
])
def test_event_nodes_place_where_the_event_is_held(extract, text, language, place):
    assert [location for *_, location, _ in events(extract(text, language))] == [place]


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a page's navigation is no title; the dateline under the headline dates and places its event
    ("Beranda | Profil | Kontak\nHome / Kegiatan\n\nLokakarya Drainase Kota Digelar\n\nDiposting oleh admin | 9 Mei "
     "2022\n\nMedan, Kamis (5/5/2022). Bappeda Kota Medan membuka acara.", "id",
     ("Lokakarya Drainase Kota", date(2022, 5, 5), "place:kota-medan")),
    ("Home | About | Contact\nHome / News\n\nCoastal Cities Workshop Opens\n\nPosted by admin | 9 May 2022\n\n"
     "Makassar, Thursday (5/5/2022). The city opened the event.", "en",
     ("Coastal Cities Workshop", date(2022, 5, 5), "place:kota-makassar")),
    # no dateline: the one city of the title block
    ("Medan Tangguh: Dari Lokakarya ke Aksi\nRingkasan proyek | Medan\n\nLokakarya Kota Tangguh dibuka oleh Budi "
     "Santosa.", "id", ("Lokakarya Kota Tangguh", None, "place:kota-medan")),
    ("Resilient Medan: From Workshop to Action\nProject brief | Medan\n\nThe Resilient City Workshop was opened by "
     "Mr. Budi Santosa.", "en", ("Resilient City Workshop", None, "place:kota-medan")),
])
def test_event_nodes_main_event_is_dated_and_placed_by_the_head_of_the_document(extract, text, language, expected):
    assert [(name, start, location) for _, name, start, location, _ in events(extract(text, language))] == [expected]


@pytest.mark.parametrize(("text", "language", "expected"), [
    # "Medan, Indonesia, 5-6 Juli 2022": the first of the places, both days; a session is held there too
    ("Forum Kota Tangguh 2022\nMedan, Indonesia, 5-6 Juli 2022\n\nHARI KE-1\n"
     "- 09.00-10.00: Sesi pleno pembuka (Opening Plenary).", "id",
     [("Forum Kota Tangguh 2022", date(2022, 7, 5), date(2022, 7, 6), "place:kota-medan"),
      ("Sesi pleno pembuka", None, None, "place:kota-medan")]),
    ("Coastal Cities Forum 2022\nMakassar, Indonesia, 5-6 July 2022\n\nDAY ONE\n"
     "- 09.00-10.00: Opening plenary session (Sesi pleno).", "en",
     [("Coastal Cities Forum 2022", date(2022, 7, 5), date(2022, 7, 6), "place:kota-makassar"),
      ("Opening plenary session", None, None, "place:kota-makassar")]),
])
def test_event_nodes_sessions_are_held_where_their_event_is(extract, text, language, expected):
    ex = extract(text, language)
    assert [(e.name, e.start, e.end, e.location) for e in ex.entities.values() if e.kind == "event"] == expected
