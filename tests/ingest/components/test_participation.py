"""The ``participation`` component: who took part in or organised which event: agents on either side of a cue
("dihadiri oleh X", "X menghadiri", "X hadir", "menyambut X", "organised by"), listed under a line with a cue or
by their number in a numbered list, named in the event's name, speaking at it, introduced with a post by a report
on it, or taking part in a session of its agenda; a stand-in rather than the one stood in for (rules
``participant-list``, ``participation-cue``, ``participation-named``, ``participation-number``,
``participation-speaker``, ``participation-single-event``, ``participation-session``)."""

from __future__ import annotations

import pytest

W = "Lokakarya Drainase Kota digelar di Medan pada 5 Mei 2022. "  # an event and a sentence naming it
F = "The Coastal Forum was held in Makassar on 2 June 2022. "
HEAD_ID = "Laporan.\nHal.\nRingkasan.\n"  # three lines that name no event
HEAD_EN = "Notes.\nSubject.\nSummary.\n"

# (rule, text, language, [(agent, organiser)])
CASES = [
    ("participant-list", "Peserta Lokakarya Drainase Kota:\n- Rina Marlina, Staf Bappeda Kota Semarang\n- Budi Santosa",
     "id", [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participant-list", "Participants of the Coastal Forum:\n- Rina Marlina, Research Manager\n- Budi Santosa", "en",
     [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participant-list", "Lokakarya Drainase Kota\nNarasumber: Rina Marlina", "id", [("person:rina-marlina", False)]),
    ("participant-list", "Coastal Cities Workshop\nModerator: Rina Marlina", "en", [("person:rina-marlina", False)]),
    # bodies listed under a line with a cue; under a heading with a cue
    ("participant-list", HEAD_ID + "A. Selasa, 5 Juli 2022 - Diskusi Drainase Kota\nInstansi yang hadir:\n"
     "   1) Dinas Sosial\n   2) Yayasan Sungai Lestari", "id",
     [("organisation:dinas-sosial", False), ("organisation:yayasan-sungai-lestari", False)]),
    ("participant-list", HEAD_EN + "A. 5 July 2022 - Drainage Discussion\nAgencies attending:\n"
     "   1) Dinas Sosial\n   2) Yayasan Sungai Lestari", "en",
     [("organisation:dinas-sosial", False), ("organisation:yayasan-sungai-lestari", False)]),
    ("participant-list", "Forum Kota Tangguh 2022\nMedan, 5 Juli 2022\n\n1. PESERTA (lembaga)\nPemerintah: Dinas Sosial, "
     "Bappeda Kota Medan.\nLSM: Yayasan Sungai Lestari.\n\n2. PENUTUP\nRapat ditutup pukul 16.00.", "id",
     [("organisation:dinas-sosial", False), ("organisation:bappeda-kota-medan", False),
      ("organisation:yayasan-sungai-lestari", False)]),
    ("participant-list", "Coastal Cities Workshop 2022\nMedan, 5 July 2022\n\n1. PARTICIPANTS (institutions)\n"
     "Government: Dinas Sosial, Bappeda Kota Medan.\nNGOs: Yayasan Sungai Lestari.\n\n2. CLOSING\nThe day closed at "
     "4 pm.", "en", [("organisation:dinas-sosial", False), ("organisation:bappeda-kota-medan", False),
                     ("organisation:yayasan-sungai-lestari", False)]),
    # an item that starts with a person lists the person; the body after the name is theirs
    ("participant-list", "Lokakarya Drainase Kota\nMedan, 5 Juli 2022\n\nNarasumber:\n- Rina Marlina, Staf Dinas Sosial\n"
     "- Budi Santosa, Staf Yayasan Sungai Lestari", "id",
     [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participant-list", "Coastal Cities Workshop\nMedan, 5 July 2022\n\nSpeakers:\n- Rina Marlina, Officer, Dinas Sosial\n"
     "- Budi Santosa, Officer, Yayasan Sungai Lestari", "en",
     [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participation-cue", "Lokakarya Drainase Kota digelar pada 5 Mei 2022 dan dihadiri oleh Rina Marlina serta "
     "Bappeda Kota Semarang.", "id", [("person:rina-marlina", False), ("organisation:bappeda-kota-semarang", False)]),
    ("participation-cue", "Lokakarya Drainase Kota diselenggarakan oleh Yayasan Sungai Lestari pada 5 Mei 2022.", "id",
     [("organisation:yayasan-sungai-lestari", True)]),
    ("participation-cue", "The Coastal Forum was organised by Yayasan Sungai Lestari.", "en",
     [("organisation:yayasan-sungai-lestari", True)]),
    ("participation-cue", "The City Resilience Workshop was held in Medan on 5 May 2022. The workshop was attended by "
     "Budi Santosa.", "en", [("person:budi-santosa", False)]),
    # hadir: the agents before it, or after it
    ("participation-cue", W + "Dinas Sosial hadir dalam lokakarya itu.", "id", [("organisation:dinas-sosial", False)]),
    ("participation-cue", W + "Hadir pula Rina Marlina dan Yayasan Sungai Lestari.", "id",
     [("person:rina-marlina", False), ("organisation:yayasan-sungai-lestari", False)]),
    # verbs whose object is the event: the subject takes part
    ("participation-cue", "Rina Marlina menghadiri Lokakarya Drainase Kota pada 5 Mei 2022.", "id",
     [("person:rina-marlina", False)]),
    ("participation-cue", "Ms. Rina Marlina attended the Coastal Forum, which was held on 2 June 2022.", "en",
     [("person:rina-marlina", False)]),
    ("participation-cue", W + "Yayasan Sungai Lestari mengikuti lokakarya tersebut.", "id",
     [("organisation:yayasan-sungai-lestari", False)]),
    ("participation-cue", F + "Yayasan Sungai Lestari took part in the forum.", "en",
     [("organisation:yayasan-sungai-lestari", False)]),
    ("participation-cue", "Wali Kota Medan, Rina Marlina, membuka Lokakarya Drainase Kota pada 5 Mei 2022.", "id",
     [("person:rina-marlina", False)]),
    ("participation-cue", F + "Dinas Sosial opened the forum.", "en", [("organisation:dinas-sosial", False)]),
    ("participation-cue", "Ms. Rina Marlina spoke at the Coastal Forum, which was held on 2 June 2022.", "en",
     [("person:rina-marlina", False)]),
    ("participation-cue", "Yayasan Sungai Lestari menggelar Lokakarya Drainase Kota pada 5 Mei 2022.", "id",
     [("organisation:yayasan-sungai-lestari", True)]),
    # verbs of taking part in the event in hand
    ("participation-cue", W + "Budi Santosa memaparkan hasil kajian banjir.", "id", [("person:budi-santosa", False)]),
    ("participation-cue", W + "Rina Marlina beserta rombongan tiba sehari sebelumnya.", "id",
     [("person:rina-marlina", False)]),
    ("participation-cue", W + "Lokakarya dipimpin oleh Rina Marlina, didampingi Budi Santosa.", "id",
     [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participation-cue", F + "The forum was led by Rina Marlina and accompanied by Budi Santosa.", "en",
     [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    # a host organises, the visitors attend
    ("participation-cue", "Pemerintah Kota Medan menyambut Yayasan Sungai Lestari dalam Kunjungan Belajar ke Medan pada "
     "5 Mei 2022.", "id", [("organisation:yayasan-sungai-lestari", False), ("organisation:pemkot-medan", True)]),
    ("participation-cue", "Pemerintah Kota Medan menerima kunjungan Yayasan Sungai Lestari dalam Kunjungan Belajar ke "
     "Medan pada 5 Mei 2022.", "id",
     [("organisation:yayasan-sungai-lestari", False), ("organisation:pemkot-medan", True)]),
    ("participation-cue", "The Medan City Government welcomed Yayasan Sungai Lestari to the Study Visit on 5 May 2022.",
     "en", [("organisation:yayasan-sungai-lestari", False), ("organisation:pemkot-medan", True)]),
    # a stand-in takes part, the official stood in for does not; a body stood for takes part through its stand-in
    ("participation-cue", W + "Budi Santosa hadir mewakili Wali Kota Medan Rina Marlina.", "id",
     [("person:budi-santosa", False)]),
    ("participation-cue", F + "Mr. Budi Santosa spoke on behalf of Mayor Rina Marlina.", "en",
     [("person:budi-santosa", False)]),
    ("participation-cue", W + "Wali Kota Medan Rina Marlina diwakili oleh Budi Santosa.", "id",
     [("person:budi-santosa", False)]),
    ("participation-cue", W + "Budi Santosa hadir mewakili Yayasan Sungai Lestari.", "id",
     [("person:budi-santosa", False), ("organisation:yayasan-sungai-lestari", False)]),
    ("participation-cue", F + "Dinas Sosial was represented by Budi Santosa.", "en",
     [("person:budi-santosa", False), ("organisation:dinas-sosial", False)]),
    # the body a participant comes from takes part too
    ("participation-cue", W + "Rina Marlina dari Yayasan Sungai Lestari memaparkan peta banjir.", "id",
     [("person:rina-marlina", False), ("organisation:yayasan-sungai-lestari", False)]),
    ("participation-cue", F + "Ms. Rina Marlina from Yayasan Sungai Lestari presented the flood maps.", "en",
     [("person:rina-marlina", False), ("organisation:yayasan-sungai-lestari", False)]),
    # a verb reporting the event: who acts and who is acted on
    ("participation-cue", "Wali Kota Medan, Rina Marlina, melantik Budi Santosa sebagai Kepala Dinas Sosial pada Senin "
     "(5/9/2022).", "id", [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participation-cue", "On Monday, September 5, 2022, the Mayor of Medan, Ms. Rina Marlina, launched the city's flood "
     "app.", "en", [("person:rina-marlina", False)]),
    ("participation-named", HEAD_ID + "A. Selasa, 5 Juli 2022 - Pertemuan dengan Yayasan Sungai Lestari tentang Drainase"
     "\nTempat: Balai Kota.", "id", [("organisation:yayasan-sungai-lestari", False)]),
    ("participation-named", HEAD_EN + "A. 5 July 2022 - Meeting with Yayasan Sungai Lestari about drainage\n"
     "Venue: City Hall.", "en", [("organisation:yayasan-sungai-lestari", False)]),
    ("participation-number", HEAD_ID + "DAFTAR PERSONEL\n1. Bpk. Budi Santosa - Staf\n2. Sdri. Rina Marlina - Staf\n"
     "3. Sdr. Agus Wibowo - Staf\n\nA. Rabu, 6 Juli 2022 - Rapat Rutin Mingguan\nPeserta: personel nomor 1 dan 3.", "id",
     [("person:budi-santosa", False), ("person:agus-wibowo", False)]),
    ("participation-number", HEAD_EN + "STAFF\n1. Mr. Budi Santosa - Officer\n2. Ms. Rina Marlina - Officer\n"
     "3. Mr. Agus Wibowo - Officer\n\nA. 6 July 2022 - Weekly Team Meeting\nParticipants: staff numbers 1 to 2.", "en",
     [("person:budi-santosa", False), ("person:rina-marlina", False)]),
    ("participation-speaker", "Dalam Lokakarya Drainase Kota, Rina Marlina menjelaskan bahwa sumur resapan perlu "
     "diperbanyak.", "id", [("person:rina-marlina", False)]),
    ("participation-speaker", "The Coastal Forum was held on 5 May 2022. At the Coastal Forum, Rina Marlina said the "
     "dikes were ready.", "en", [("person:rina-marlina", False)]),
    ("participation-single-event", "Lokakarya Drainase Kota\nRina Marlina, Staf Bappeda Kota Semarang, ikut merancang "
     "denah.", "id", [("person:rina-marlina", False)]),
    ("participation-single-event", "Lokakarya Drainase Kota\nIbu Rina Marlina ikut merancang denah.", "id",
     [("person:rina-marlina", False)]),
    ("participation-single-event", "Coastal Cities Workshop\nRina Marlina, Research Manager at Yayasan Sungai Lestari, "
     "showed the flood maps.", "en", [("person:rina-marlina", False)]),
]


def participations(ex) -> list[tuple[str, str, bool, list[str]]]:
    return [(p.event, p.agent, p.organiser, [s.rule for s in p.spans]) for p in ex.participations]


@pytest.mark.parametrize(("rule", "text", "language", "agents"), CASES)
def test_participation_rule_links_agents_to_the_event(extract, rule, text, language, agents):
    assert participations(extract(text, language)) == [("event:0", agent, organiser, [rule])
                                                       for agent, organiser in agents]


@pytest.mark.parametrize(("text", "language"), [
    # a verb whose object is no event, a denial: no one takes part
    (W + "Dinas Sosial membuka peluang kerja bagi pemuda.", "id"),
    (F + "Dinas Sosial opened a new office.", "en"),
    (W + "Budi Santosa tidak hadir.", "id"),
    (F + "Mr. Budi Santosa did not attend the forum.", "en"),
])
def test_participation_no_one_takes_part(extract, text, language):
    assert participations(extract(text, language)) == []


@pytest.mark.parametrize(("text", "language", "expected"), [
    # who takes part in a session of an agenda takes part in the event whose agenda it is
    ("Forum Kota Tangguh 2022 - Medan, 5-6 Juli 2022\n\nHARI KE-1 - Selasa, 5 Juli 2022\n"
     '- 13.00-15.00: Sesi "Kota dan Laut". Yayasan Sungai Lestari memaparkan peta risiko.\n', "id",
     [("event:1", "organisation:yayasan-sungai-lestari", ["participation-cue"]),
      ("event:0", "organisation:yayasan-sungai-lestari", ["participation-session"])]),
    ("Coastal Cities Forum 2022 - Medan, 5-6 July 2022\n\nDAY ONE - 5 July 2022\n"
     '- 13.00-15.00: Session "Cities and the Sea". Yayasan Sungai Lestari presented its risk maps.\n', "en",
     [("event:1", "organisation:yayasan-sungai-lestari", ["participation-cue"]),
      ("event:0", "organisation:yayasan-sungai-lestari", ["participation-session"])]),
])
def test_participation_in_a_session_is_participation_in_its_event(extract, text, language, expected):
    assert [(e, a, rules) for e, a, _, rules in participations(extract(text, language))] == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a heading ends the stretch about an event: what follows is about the document's own event
    ("Lokakarya Drainase Kota\n\nKunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021.\n\nTanggapan peserta\n"
     "Dinas Sosial hadir dan memberi masukan.", "id", [("event:0", "organisation:dinas-sosial")]),
    ("Coastal Cities Workshop\n\nThe Study Visit to Surabaya took place on 3 March 2021.\n\nResponses\n"
     "Yayasan Sungai Lestari was present and gave comments.", "en",
     [("event:0", "organisation:yayasan-sungai-lestari")]),
    # without a heading, the event mentioned last
    ("Lokakarya Drainase Kota\n\nKunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021. Dinas Sosial hadir "
     "dan memberi masukan.", "id", [("event:1", "organisation:dinas-sosial")]),
])
def test_participation_event_in_scope(extract, text, language, expected):
    assert [(e, a) for e, a, _, _ in participations(extract(text, language))] == expected


@pytest.mark.parametrize(("rule", "text", "language", "agents"), CASES)
def test_participation_switched_off_rule_leaves_its_links_out(extract, rule, text, language, agents):
    # another rule may still link an agent (a listed person with a post in a one-event report): not by this rule
    ex = extract(text, language, disabled_rules=[rule])
    assert rule not in {s.rule for p in ex.participations for s in p.spans}
    assert {agent for agent, _ in agents} <= set(ex.entities)


@pytest.mark.parametrize(("rule", "text", "language", "left"), [
    ("participant-list", "Participants of the Coastal Forum:\n- Rina Marlina, Research Manager\n- Budi Santosa", "en",
     [("event:0", "person:rina-marlina", False, ["participation-single-event"])]),
    ("participation-cue", "The Coastal Forum was organised by Yayasan Sungai Lestari.", "en", []),
    ("participation-named", HEAD_ID + "A. Selasa, 5 Juli 2022 - Pertemuan dengan Yayasan Sungai Lestari tentang "
     "Drainase", "id", []),
    ("participation-number", HEAD_ID + "DAFTAR PERSONEL\n1. Bpk. Budi Santosa - Staf\n2. Sdri. Rina Marlina - Staf\n\n"
     "A. Rabu, 6 Juli 2022 - Rapat Rutin Mingguan\nPeserta: personel nomor 1.", "id", []),
    ("participation-speaker", "Dalam Lokakarya Drainase Kota, Rina Marlina menjelaskan bahwa sumur resapan perlu "
     "diperbanyak.", "id", []),
    ("participation-single-event", "Lokakarya Drainase Kota\nIbu Rina Marlina ikut merancang denah.", "id", []),
    ("participation-session", "Coastal Cities Forum 2022 - Medan, 5-6 July 2022\n\nDAY ONE - 5 July 2022\n"
     '- 13.00-15.00: Session "Cities and the Sea". Yayasan Sungai Lestari presented its risk maps.\n', "en",
     [("event:1", "organisation:yayasan-sungai-lestari", False, ["participation-cue"])]),
])
def test_participation_switched_off_rule_leaves_exactly(extract, rule, text, language, left):
    assert participations(extract(text, language, disabled_rules=[rule])) == left
