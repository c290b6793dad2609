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


def origins(ex) -> list[tuple]:
    """(name, English labels, theme, event name, city key) of each lesson."""
    out = []
    for e in ex.entities.values():
        if e.kind == "lesson":
            event = ex.entities[e.event].name if e.event else None
            out.append((e.name, [label for label, _ in e.alt_labels], e.theme, event, e.learned_from))
    return out


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Pelajaran yang bisa dibagikan:\n"
     "1. Mulai dari kampung (dari Surabaya).\n   Setiap RW mengompos sampahnya.\n"
     "2. Jaga kerja sama puluhan tahun (dari Kitakyushu).\n   Kemitraan berjalan sejak 1997.",
     "id", [("Mulai dari kampung", [], "housing-settlements", None, "place:kota-surabaya"),
            ("Jaga kerja sama puluhan tahun", [], "collaboration-governance", None, "place:kitakyushu")]),
    ("Lessons worth sharing:\n"
     "1. Start with the neighbourhood (from Surabaya).\n   Each block composts its own waste.\n"
     "2. Keep a partnership for decades (from Kitakyushu).\n   The cooperation has run since 1997.",
     "en", [("Start with the neighbourhood", [], "environment", None, "place:kota-surabaya"),
            ("Keep a partnership for decades", [], "collaboration-governance", None, "place:kitakyushu")]),
])
def test_lesson_nodes_city_in_brackets_after_the_title_is_where_it_came_from(extract, text, language, expected):
    assert origins(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Kunjungan Belajar ke Seoul berlangsung pada 4 Mei 2022. Lokakarya Ketahanan Pemuda digelar pada 9 Juni "
     "2022.\n\nLokakarya tersebut menyepakati tiga pembelajaran:\n"
     "1. Pemuda ikut merancang - pemuda dilibatkan sejak awal.\n"
     "2. Peringatan dini warga - dipelajari dari Surabaya, tempat warga saling mengabari.\n"
     "3. Inklusivitas - dipelajari dari Seoul saat kunjungan 2022.",
     "id", [("Pemuda ikut merancang", [], "education-youth", "Lokakarya Ketahanan Pemuda", None),
            ("Peringatan dini warga", [], "disaster-preparedness", "Lokakarya Ketahanan Pemuda", "place:kota-surabaya"),
            ("Inklusivitas", [], "inclusion", "Kunjungan Belajar", "place:seoul")]),
    ("The Study Visit to Seoul took place on 4 May 2022. The Youth City Forum was held on 9 June 2022.\n\n"
     "The forum agreed on three key learnings:\n"
     "1. Youth as co-designers - young people join from the first sketch.\n"
     "2. Neighbourly early warning - learned from Surabaya, where residents warn each other.\n"
     "3. Inclusiveness - learned from Seoul during the 2022 visit.",
     "en", [("Youth as co-designers", [], "education-youth", "Youth City Forum", None),
            ("Neighbourly early warning", [], "disaster-preparedness", "Youth City Forum", "place:kota-surabaya"),
            ("Inclusiveness", [], "inclusion", "Study Visit", "place:seoul")]),
])
def test_lesson_nodes_event_named_by_the_cue_and_city_learned_from(extract, text, language, expected):
    assert origins(extract(text, language)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Tim kota berkunjung ke Seoul dan Rotterdam pada 2022.\n\n"
     "Dari Seoul, tim mencatat dua pembelajaran:\n"
     "1. Kepemimpinan - wali kota menjaga programnya.\n"
     "2. Inklusivitas - kafe mempekerjakan penyandang disabilitas.\n\n"
     "Dari Rotterdam, tim menilai satu pembelajaran paling berguna:\n"
     "3. Alun-alun air - taman yang menampung hujan.",
     "id", ["place:seoul", "place:seoul", "place:rotterdam"]),
    ("The city team visited Seoul and Rotterdam in 2022.\n\n"
     "From Seoul, the team noted two lessons:\n"
     "1. Leadership - the mayor keeps his programmes going.\n"
     "2. Inclusiveness - a cafe employs people with disabilities.\n\n"
     "From Rotterdam, the team kept these lessons:\n"
     "3. Water squares - a park that stores rain.",
     "en", ["place:seoul", "place:seoul", "place:rotterdam"]),
])
def test_lesson_nodes_city_the_cue_sentence_says_lessons_came_from(extract, text, language, expected):
    assert [city for *_, city in origins(extract(text, language))] == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Kunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021.\n\n"
     "Dalam laporannya kepada DPRD di Bandung, tim menyusun dua pembelajaran yang relevan bagi Bandung:\n"
     "1. Bank sampah - setiap RW mengelola sampahnya.\n"
     "2. Taman kota - warga merawat taman.", "id"),
    ("The Study Visit to Surabaya took place on 3 March 2021.\n\n"
     "In its report to the council in Bandung, the team set out two lessons relevant for Bandung:\n"
     "1. Waste banks - each block runs its own.\n"
     "2. City parks - residents look after them.", "en"),
])
def test_lesson_nodes_visited_city_over_the_learners_city_in_the_cue(extract, text, language):
    assert [city for *_, city in origins(extract(text, language))] == ["place:kota-surabaya"] * 2


@pytest.mark.parametrize(("text", "language"), [
    ("Delegasi Bandung berkunjung ke Semarang pada 2019.\n\n"
     "Dalam diskusi, Tim Semarang menyampaikan dua pelajaran dari kerja mereka:\n"
     "1. Rencana yang menyatu - strategi masuk ke rencana daerah.\n"
     "2. Data dasar - ukur sebelum bertindak.", "id"),
    ("A Bandung delegation came to Semarang in 2019.\n\n"
     "In the discussion, Team Semarang offered two lessons from its work:\n"
     "1. One plan - the strategy sits inside the city plan.\n"
     "2. A baseline - measure before acting.", "en"),
])
def test_lesson_nodes_city_named_inside_a_name_in_the_cue_sentence(extract, text, language):
    assert [city for *_, city in origins(extract(text, language))] == ["place:kota-semarang"] * 2


@pytest.mark.parametrize(("text", "language"), [
    ("Penataan Pantai Makassar: Dua Tahun Kemudian\nCatatan kasus | Makassar\n\n"
     "Strategi kota disusun selama setahun bersama warga.\n\n"
     "Pelajaran yang bisa dibagikan:\n"
     "- Satu rencana untuk semua dinas. Sepertiga inisiatif sudah masuk rencana daerah.\n"
     "- Ukur untuk mengelola. Indeks memberi titik awal.", "id"),
    ("Makassar Waterfront Renewal: Two Years On\nCase note | Makassar\n\n"
     "The city drafted its strategy with residents over a year.\n\n"
     "Key takeaways:\n"
     "- One plan for every agency. A third of the initiatives are in the city plan.\n"
     "- Measure to manage. The index gives a baseline.", "en"),
])
def test_lesson_nodes_without_event_come_from_the_city_of_the_title_block(extract, text, language):
    assert [(event, city) for *_, event, city in origins(extract(text, language))] == [(None, "place:kota-makassar")] * 2


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Kunjungan Belajar ke Surabaya berlangsung pada 3 Maret 2021.\n\n"
     "Beberapa pembelajaran dari kunjungan ini, yaitu:\n"
     "1. Kepemimpinan. Wali kota menjaga programnya, contohnya Bank Sampah Bintang.\n"
     "2. Pelibatan warga. Membangun Bank Sampah Bintang butuh puluhan rapat warga.",
     "id", [["programme:bank-sampah-bintang"], ["programme:bank-sampah-bintang"]]),
    ("The Study Visit to Surabaya took place on 3 March 2021.\n\n"
     "Key lessons learned from the visit:\n"
     "1. Leadership. The mayor kept her projects going, such as Kali Bening.\n"
     "2. Citizen engagement. Cleaning up Kali Bening took dozens of residents' meetings.",
     "en", [["programme:kali-bening"], ["programme:kali-bening"]]),
])
def test_lesson_nodes_programme_named_again_in_a_description_is_an_example(extract, text, language, expected):
    ex = extract(text, language)
    assert [e.examples for e in ex.entities.values() if e.kind == "lesson"] == expected


@pytest.mark.parametrize(("text", "language", "programme"), [
    ("Menurut kepala dinas, pelajaran terbesar dari Surabaya adalah kepemimpinan. \"Program Kampung Hijau Lestari "
     "itu contohnya; wali kota datang sendiri ke kampung,\" katanya.", "id", "programme:program-kampung-hijau-lestari"),
    ("One of the key lessons from Surabaya is leadership, the head of the agency said. \"We saw it in the Kampung "
     "Hijau Programme; the mayor came to the alleys herself.\"", "en", "programme:kampung-hijau-programme"),
])
def test_lesson_nodes_lesson_in_prose_takes_the_examples_of_its_paragraph(extract, text, language, programme):
    ex = extract(text, language)
    assert [e.examples for e in ex.entities.values() if e.kind == "lesson"] == [[programme]]


@pytest.mark.parametrize(("text", "language", "event"), [
    ("Tim mengikuti Pertukaran Pembelajaran Jakarta-Rotterdam pada 8 Oktober 2022.\n\n"
     "Tim lalu mengikuti Studi Banding ke Seoul pada 4 November 2022.\n\n"
     "Dari Rotterdam, tim mencatat satu pembelajaran:\n"
     "1. Alun-alun air - taman yang menampung hujan.", "id", "Pertukaran Pembelajaran Jakarta-Rotterdam"),
    ("The team joined the Jakarta-Rotterdam Learning Exchange on 8 October 2022.\n\n"
     "The team then joined the Study Visit to Seoul on 4 November 2022.\n\n"
     "From Rotterdam, the team noted these lessons:\n"
     "1. Water squares - a park that stores rain.", "en", "Jakarta-Rotterdam Learning Exchange"),
])
def test_lesson_nodes_visit_whose_name_names_the_city_not_the_last_visit(extract, text, language, event):
    assert [(e, city) for *_, e, city in origins(extract(text, language))] == [(event, "place:rotterdam")]


@pytest.mark.parametrize(("text", "language"), [
    ("Penataan Pantai Makassar: Dua Tahun Kemudian\nCatatan kasus | Makassar\n\n"
     "Peluncuran strategi ketahanan kota berlangsung pada 3 Mei 2016.\n\n"
     "Pelajaran yang bisa dibagikan:\n"
     "- Satu rencana untuk semua dinas. Sepertiga inisiatif sudah masuk rencana daerah.\n"
     "- Ukur untuk mengelola. Indeks memberi titik awal.", "id"),
    ("Makassar Waterfront Renewal: Two Years On\nCase note | Makassar\n\n"
     "The city launched its resilience strategy on 3 May 2016.\n\n"
     "Key takeaways:\n"
     "- One plan for every agency. A third of the initiatives are in the city plan.\n"
     "- Measure to manage. The index gives a baseline.", "en"),
])
def test_lesson_nodes_learned_at_a_city_s_own_event_come_from_the_city_of_the_title_block(extract, text, language):
    found = origins(extract(text, language))
    assert [city for *_, event, city in found] == ["place:kota-makassar"] * 2
    assert all(event is not None for *_, event, _ in found)


@pytest.mark.parametrize(("text", "language", "programme"), [
    ("Kota itu menyusun Indeks Ketahanan Pesisir (IKP) tahun lalu.\n\n"
     "Pelajaran yang bisa dibagikan:\n- Ukur untuk mengelola. IKP memberi titik awal bagi setiap aksi.", "id",
     "programme:indeks-ketahanan-pesisir"),
    ("The city calculated its Coastal Resilience Index (CRX) last year.\n\n"
     "Key takeaways:\n- Measure to manage. The CRX gives a baseline for every action.", "en",
     "programme:coastal-resilience-index"),
])
def test_lesson_nodes_programme_named_again_by_its_acronym_is_an_example(extract, text, language, programme):
    ex = extract(text, language)
    assert [e.examples for e in ex.entities.values() if e.kind == "lesson"] == [[programme]]
