"""The ``events`` component: named events, all-capitals headings, agenda items, quoted titles, events named inside
another's name, new events after an indefinite article or a verb of holding, verbs reporting an event, and
references back to an event (rules ``event-heading``, ``event-held``, ``event-indefinite``, ``event-item``,
``event-name``, ``event-nested``, ``event-reference``, ``event-titled``, ``event-verb``)."""

from __future__ import annotations

import pytest

# the event is named below the first three lines, so it is not the document's main event (see ``event-groups``)
NESTED_ID = ("Catatan rapat.\nHal: tindak lanjut.\nRingkasan singkat.\n"
             "Bappeda Kota Semarang menggelar Diskusi Publik Hasil Studi Banding.")
NESTED_EN = "Notes.\nSubject: follow-up.\nSummary.\nThe city held a Public Discussion on the Study Visit."
HEAD = "Catatan.\nHal.\nRingkasan.\n"  # three lines that name no event


def events(ex) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(e.name, [(s.exact, s.rule) for s in e.spans]) for e in ex.entities.values() if e.kind == "event"]


def kinds(ex) -> list[tuple[str, str]]:
    return [(e.name, e.event_class) for e in ex.entities.values() if e.kind == "event"]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("KUNJUNGAN BELAJAR KOTA SEMARANG KE SURABAYA\nRombongan tiba pada 4 Maret 2021.", "id",
     [("Kunjungan Belajar Kota Semarang ke Surabaya",
       [("KUNJUNGAN BELAJAR KOTA SEMARANG KE SURABAYA", "event-heading")])]),
    ("SEMARANG CITY RESILIENCE WORKSHOP\nThe participants arrived on 2 June 2022.", "en",
     [("Semarang City Resilience Workshop", [("SEMARANG CITY RESILIENCE WORKSHOP", "event-heading")])]),
])
def test_events_heading_in_capitals_names_the_event(extract, text, language, expected):
    assert events(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("LAPORAN KEGIATAN\n2. SAMBUTAN / LOKAKARYA\nPeserta tiba pagi hari.", "id"),
    ("ACTIVITY REPORT\n2. OPENING / WORKSHOP\nThe participants arrived early.", "en"),
])
def test_events_heading_whose_part_is_only_the_cue_names_a_section(extract, text, language):
    # "OPENING / WORKSHOP": a section of the report, no event of its own
    assert events(extract(text, language)) == []


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Dinas Lingkungan Hidup Kota Semarang mengadakan Lokakarya Pengelolaan Sampah pada 12 Mei 2022.", "id",
     "Lokakarya Pengelolaan Sampah"),
    ("The City Resilience Workshop was held in Medan on 5 May 2022.", "en", "City Resilience Workshop"),
])
def test_events_capitalised_cue_starts_a_name(extract, text, language, name):
    assert events(extract(text, language)) == [(name, [(name, "event-name")])]


@pytest.mark.parametrize(("text", "language", "expected"), [
    # one sentence per family of cue words, each naming an event of its class
    ("Pemerintah Kota Medan mengadakan Kunjungan Kerja Bank Sampah ke Surabaya pada 3 Mei 2022.", "id",
     ("Kunjungan Kerja Bank Sampah", "LearningVisit")),
    ("Bappeda Kota Medan mengikuti Studi Banding Taman Kota ke Bandung pada 3 Mei 2022.", "id",
     ("Studi Banding Taman Kota", "LearningVisit")),
    ("Dinas Lingkungan Hidup Kota Medan melakukan Studi Tiru Bank Sampah ke Makassar pada 3 Mei 2022.", "id",
     ("Studi Tiru Bank Sampah", "LearningVisit")),
    ("Dinas Sosial menggelar Diskusi Perlindungan Anak pada 3 Mei 2022.", "id",
     ("Diskusi Perlindungan Anak", "PublicDiscussion")),
    ("Pemerintah Kota Medan menggelar Sosialisasi Pilah Sampah pada 3 Mei 2022.", "id",
     ("Sosialisasi Pilah Sampah", "Seminar")),
    ("Para wali kota bertemu dalam Kongres Kota Sehat pada 3 Mei 2022.", "id", ("Kongres Kota Sehat", "Congress")),
    ("Yayasan Sungai Lestari menggelar Simposium Sungai Perkotaan pada 3 Mei 2022.", "id",
     ("Simposium Sungai Perkotaan", "Conference")),
    ("Bappeda Kota Medan menggelar Rapat Koordinasi Drainase pada 3 Mei 2022.", "id",
     ("Rapat Koordinasi Drainase", "Meeting")),
    ("Penandatanganan Nota Kesepahaman Air Bersih berlangsung pada 3 Mei 2022.", "id",
     ("Penandatanganan Nota Kesepahaman Air Bersih", "Ceremony")),
    ("The mayors met at the Healthy Cities Congress on 3 May 2022.", "en", ("Healthy Cities Congress", "Congress")),
    ("The agency convened the Urban Rivers Symposium on 3 May 2022.", "en", ("Urban Rivers Symposium", "Conference")),
    ("The city held a Flood Finance Summit on 3 May 2022.", "en", ("Flood Finance Summit", "Summit")),
    ("Officials from Medan made a Working Visit to Surabaya on 3 May 2022.", "en", ("Working Visit", "LearningVisit")),
    ("The Clean Water Agreement Signing took place on 3 May 2022.", "en",
     ("Clean Water Agreement Signing", "Ceremony")),
])
def test_events_cue_words_name_an_event_of_their_class(extract, text, language, expected):
    # the date said after the name is not part of it ("... Congress on 3 May 2022")
    assert kinds(extract(text, language)) == [expected]


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a verb of taking place ends a Title Case name
    (HEAD + "Lokakarya Drainase Kota Digelar di Medan, Dilanjutkan Kerja Kelompok", "id",
     [("Lokakarya Drainase Kota", "event-name")]),
    (HEAD + "Coastal Forum Opens, Mayors Sign a Pledge", "en", [("Coastal Forum", "event-name")]),
    # English word order: the capitalised words before the cue, and a name going on after it
    ("Mayors signed a pledge at the Riverside Cities Conference on Flood Finance, and then left.", "en",
     [("Riverside Cities Conference on Flood Finance", "event-name")]),
    ("On the last day of the 3rd Asia-Pacific Water & Sanitation Summit, the minister thanked the hosts.",
     "en", [("3rd Asia-Pacific Water & Sanitation Summit", "event-name")]),
    # ... and before a lowercase cue
    ("Speaking at the Green Harbour symposium on 5 May 2022, Ms. Rina Marlina praised the volunteers.", "en",
     [("Green Harbour symposium", "event-name")]),
])
def test_events_name_span(extract, text, language, expected):
    assert [(name, spans[0][1]) for name, spans in events(extract(text, language))] == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # "Peer Learning Workshop": two cues side by side are one; in English the last gives the class, so the
    # Indonesian reference "Lokakarya ini" (a workshop) refers to it
    ("Dinas Sosial menggelar Peer Learning Workshop pada 5 Mei 2022. Lokakarya ini diikuti Budi Santosa.", "id",
     [("Peer Learning Workshop", "Workshop")]),
    ("The agency held a Youth Exchange Visit on 5 May 2022. The visit ended a day later.", "en",
     [("Youth Exchange Visit", "LearningVisit")]),
])
def test_events_cues_side_by_side_are_one_cue(extract, text, language, expected):
    assert kinds(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    ('Hari pertama dibuka dengan lokakarya "Drainase Kota: Belajar dari Medan" pada 5 Mei 2022.', "id",
     [("Drainase Kota: Belajar dari Medan", [("lokakarya", "event-titled")])]),
    ('The day opened with a session titled "Rivers as Public Space" on 5 May 2022.', "en",
     [("Rivers as Public Space", [("session", "event-titled")])]),
    # a capitalised cue and its title
    (HEAD + 'Sesi "Kota dan Sungai" membuka hari kedua.', "id", [("Sesi: Kota dan Sungai", [("Sesi", "event-name")])]),
])
def test_events_quoted_title_names_the_event(extract, text, language, expected):
    assert events(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a dated heading item: the rest of its line is the name (the mention spans the cue: the bodies and
    # programmes the name holds are read too)
    (HEAD + "A. Selasa, 5 Juli 2022 - Rapat Koordinasi Drainase sebagai Prioritas Kota\nTempat: Balai Kota.", "id",
     ("Rapat Koordinasi Drainase sebagai Prioritas Kota", "Rapat Koordinasi")),
    (HEAD + "A. Tuesday, 5 July 2022 - Coordination Meeting with the River Board\nVenue: City Hall.", "en",
     ("Coordination Meeting with the River Board", "Coordination Meeting")),
    # an item with a time: up to its first bracket; the cue may stand among its first words
    (HEAD + "- 09.30-12.00: Pembukaan dan sesi pleno (Opening Remarks). Sambutan oleh Wali Kota.", "id",
     ("Pembukaan dan sesi pleno", "Pembukaan dan sesi pleno")),
    (HEAD + "- 19.00-21.00: Welcoming dinner at the City Hall. Hosted by the Mayor.", "en",
     ("Welcoming dinner", "Welcoming dinner")),
])
def test_events_agenda_item_names_its_event(extract, text, language, expected):
    name, span = expected
    assert events(extract(text, language)) == [(name, [(span, "event-item")])]


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
    # a capitalised cue with a demonstrative, or opening its sentence before a verb
    ("Lokakarya Drainase Kota digelar pada 5 Mei 2022. Lokakarya ini diikuti 40 orang.", "id",
     "Lokakarya Drainase Kota", "Lokakarya"),
    ("Rapat Koordinasi Drainase digelar pada 5 Mei 2022. Rapat dipimpin oleh sekretaris daerah.", "id",
     "Rapat Koordinasi Drainase", "Rapat"),
    ("The Coastal Forum opened on 2 June 2022. This forum closed a day later.", "en", "Coastal Forum", "forum"),
    # a word for any event with a demonstrative
    ("Rapat Koordinasi Drainase digelar pada 5 Mei 2022. Acara tersebut diikuti 40 orang.", "id",
     "Rapat Koordinasi Drainase", "Acara tersebut"),
    ("The Coastal Forum opened on 2 June 2022. The event closed a day later.", "en", "Coastal Forum", "The event"),
])
def test_events_reference_refers_back_to_the_event(extract, text, language, name, reference):
    assert events(extract(text, language)) == [(name, [(name, "event-name"), (reference, "event-reference")])]


@pytest.mark.parametrize(("text", "language", "expected"), [
    # after an indefinite article, in a sentence that says who took part or when: a new event
    ("The results were checked at a final review workshop attended by Budi Santosa.", "en",
     [("final review workshop", [("final review workshop", "event-indefinite")])]),
    ("Dinas Sosial menggelar sebuah lokakarya evaluasi yang dihadiri Budi Santosa.", "id",
     [("lokakarya evaluasi", [("lokakarya evaluasi", "event-indefinite")])]),
    # after a verb of holding, when no event of its kind was named before
    ("Medan, Senin (5/9/2022) - Pemerintah Kota Medan hari ini menggelar konsultasi publik untuk rancangan tata "
     "ruang.", "id", [("Konsultasi publik", [("konsultasi publik", "event-held")])]),
    ("On 5 May 2022 the agency convened stakeholder consultation on the river plan.", "en",
     [("Stakeholder consultation", [("stakeholder consultation", "event-held")])]),
])
def test_events_lowercase_cue_after_a_or_holding_is_a_new_event(extract, text, language, expected):
    assert events(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Wali Kota Medan, Rina Marlina, meluncurkan Aplikasi Lapor Banjir pada Senin (5/9/2022).", "id",
     [("Peluncuran Aplikasi Lapor Banjir", [("meluncurkan", "event-verb")])]),
    ("On Monday, September 5, 2022, the Mayor of Medan, Ms. Rina Marlina, launched the city's flood app.", "en",
     [("Launch of the flood app", [("launched", "event-verb")])]),
    # a headline: the post a person is inaugurated into names the inauguration
    ("Budi Santosa Dilantik Jadi Kepala Dinas Sosial Kota Medan\n\nMedan, 5 Mei 2022 - Budi resmi bertugas.", "id",
     [("Pelantikan Kepala Dinas Sosial Kota Medan", [("Dilantik", "event-verb")])]),
    # no day, no headline: history, not an event of the report
    ("Dinas ini meluncurkan rencana taman kota pada 2011.", "id", []),
    ("The agency launched its tree planting plan in 2011.", "en", []),
])
def test_events_verb_reporting_an_event_on_a_day(extract, text, language, expected):
    assert events(extract(text, language)) == expected


@pytest.mark.parametrize(("rule", "text", "language", "left"), [
    ("event-heading", "SEMARANG CITY RESILIENCE WORKSHOP\nThe participants arrived on 2 June 2022.", "en", []),
    ("event-name", "The City Resilience Workshop was held in Medan on 5 May 2022.", "en", []),
    ("event-nested", NESTED_ID, "id",
     [("Diskusi Publik Hasil Studi Banding", [("Diskusi Publik Hasil Studi Banding", "event-name")])]),
    ("event-reference", "The Coastal Forum opened on 2 June 2022. The forum closed a day later.", "en",
     [("Coastal Forum", [("Coastal Forum", "event-name")])]),
    ("event-item", HEAD + "A. Selasa, 5 Juli 2022 - Rapat Koordinasi Drainase sebagai Prioritas Kota", "id", []),
    ("event-titled", 'The day opened with a session titled "Rivers as Public Space" on 5 May 2022.', "en", []),
    ("event-indefinite", "The results were checked at a final review workshop attended by Budi Santosa.", "en", []),
    ("event-held", "On 5 May 2022 the agency convened stakeholder consultation on the river plan.", "en", []),
    ("event-verb", "Wali Kota Medan, Rina Marlina, meluncurkan Aplikasi Lapor Banjir pada Senin (5/9/2022).", "id",
     []),
])
def test_events_switched_off_rule_leaves_out_its_mentions(extract, rule, text, language, left):
    assert events(extract(text, language, disabled_rules=[rule])) == left


@pytest.mark.parametrize(("text", "language", "agent"), [
    ("Dinas Pertamanan Kota Palu melakukan studi banding ke Kota Kendari pada Senin (14/10/2024).", "id",
     "organisation:dinas-pertamanan-kota-palu"),
    ("Dinas Pertamanan Kota Palu mengunjungi Kota Kendari pada 14 Oktober 2024 untuk mempelajari taman kota.", "id",
     "organisation:dinas-pertamanan-kota-palu"),
    ("Rombongan Dinas Pertamanan Kota Palu berkunjung ke Kota Kendari pada 14 Oktober 2024.", "id",
     "organisation:dinas-pertamanan-kota-palu"),
    ("The Palu Parks Agency visited Kendari on 14 October 2024 to learn how its parks are run.", "en",
     "organisation:palu-parks-agency"),
])
def test_events_a_visit_told_by_its_verb_is_held_where_it_goes_and_its_subject_takes_part(extract, text, language,
                                                                                             agent):
    ex = extract(text, language)
    visits = [e for e in ex.entities.values() if e.kind == "event"]
    assert [(e.event_class, str(e.start), e.location) for e in visits] == [
        ("LearningVisit", "2024-10-14", "place:kota-kendari")]
    assert [(p.agent, p.event) for p in ex.participations] == [(agent, visits[0].key)]


def test_events_a_report_s_title_names_the_event_without_the_word_report(extract):
    ex = extract("Study Visit Report: Palu delegation to Kendari, 3 June 2024\n\nThe delegation met city staff.\n", "en")
    assert [e.name for e in ex.entities.values() if e.kind == "event"] == ["Study Visit"]
