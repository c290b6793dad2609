"""The ``events`` component: named events, all-capitals headings, events named inside another's name, and
references back to an event (rules ``event-heading``, ``event-name``, ``event-nested``, ``event-reference``)."""

from __future__ import annotations

import pytest

# the event is named below the first three lines, so it is not the document's main event (see ``event-groups``)
NESTED_ID = ("Catatan rapat.\nHal: tindak lanjut.\nRingkasan singkat.\n"
             "Bappeda Kota Semarang menggelar Diskusi Publik Hasil Studi Banding.")
NESTED_EN = "Notes.\nSubject: follow-up.\nSummary.\nThe city held a Public Discussion on the Study Visit."


def events(ex) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(e.name, [(s.exact, s.rule) for s in e.spans]) for e in ex.entities.values() if e.kind == "event"]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("KUNJUNGAN BELAJAR KOTA SEMARANG KE SURABAYA\nRombongan tiba pada 4 Maret 2021.", "id",
     [("Kunjungan Belajar Kota Semarang ke Surabaya",
       [("KUNJUNGAN BELAJAR KOTA SEMARANG KE SURABAYA", "event-heading")])]),
    ("SEMARANG CITY RESILIENCE WORKSHOP\nThe participants arrived on 2 June 2022.", "en",
     [("Semarang City Resilience Workshop", [("SEMARANG CITY RESILIENCE WORKSHOP", "event-heading")])]),
])
def test_events_heading_in_capitals_names_the_event(extract, text, language, expected):
    assert events(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Dinas Lingkungan Hidup Kota Semarang mengadakan Lokakarya Pengelolaan Sampah pada 12 Mei 2022.", "id",
     "Lokakarya Pengelolaan Sampah"),
    ("The City Resilience Workshop was held in Medan on 5 May 2022.", "en", "City Resilience Workshop"),
])
def test_events_capitalised_cue_starts_a_name(extract, text, language, name):
    assert events(extract(text, language)) == [(name, [(name, "event-name")])]


@pytest.mark.parametrize(("text", "language", "outer", "inner"), [
    (NESTED_ID, "id", "Diskusi Publik Hasil Studi Banding", "Studi Banding"),
    (NESTED_EN, "en", "Public Discussion on the Study Visit", "Study Visit"),
])
def test_events_event_named_inside_another_is_an_event_of_its_own(extract, text, language, outer, inner):
    assert events(extract(text, language)) == [(outer, [(outer, "event-name")]), (inner, [(inner, "event-nested")])]


@pytest.mark.parametrize(("text", "language", "name", "reference"), [
    ("Lokakarya Drainase Kota digelar pada 5 Mei 2022. Selama lokakarya itu peserta menggambar peta.", "id",
     "Lokakarya Drainase Kota", "lokakarya"),
    ("The Coastal Forum opened on 2 June 2022. The forum closed a day later.", "en", "Coastal Forum", "forum"),
])
def test_events_lowercase_cue_refers_back_to_the_event(extract, text, language, name, reference):
    assert events(extract(text, language)) == [(name, [(name, "event-name"), (reference, "event-reference")])]


@pytest.mark.parametrize(("rule", "text", "language", "left"), [
    ("event-heading", "SEMARANG CITY RESILIENCE WORKSHOP\nThe participants arrived on 2 June 2022.", "en", []),
    ("event-name", "The City Resilience Workshop was held in Medan on 5 May 2022.", "en", []),
    ("event-nested", NESTED_ID, "id",
     [("Diskusi Publik Hasil Studi Banding", [("Diskusi Publik Hasil Studi Banding", "event-name")])]),
    ("event-reference", "The Coastal Forum opened on 2 June 2022. The forum closed a day later.", "en",
     [("Coastal Forum", [("Coastal Forum", "event-name")])]),
])
def test_events_switched_off_rule_leaves_out_its_mentions(extract, rule, text, language, left):
    assert events(extract(text, language, disabled_rules=[rule])) == left
