"""The ``persons`` component: names in lists, after honorifics and labels, with posts or bodies beside them, after
verbs of saying, joined to another name, and later mentions by one part of a name (rules ``person-*``).

``person-name`` is registered but no extractor gives it (see the rule ablation).
"""

from __future__ import annotations

import pytest

# (rule, text, language, person key, name)
CASES = [
    ("person-after-post", "Deputi Gubernur bidang Tata Ruang Hendra Saputra membuka acara.", "id",
     "person:hendra-saputra", "Hendra Saputra"),
    ("person-after-post", "Deputy Governor for Spatial Planning Hendra Saputra opened the event.", "en",
     "person:hendra-saputra", "Hendra Saputra"),
    ("person-attribution", "Banjir mulai surut, ujar Wulan Kartikasari kepada wartawan.", "id",
     "person:wulan-kartikasari", "Wulan Kartikasari"),
    ("person-attribution", "The canals are clear, said Budi Santosa on Monday.", "en", "person:budi-santosa",
     "Budi Santosa"),
    ("person-back-reference", "Wulan Kartikasari menjelaskan rencana itu. Menurut Kartikasari, tanggul sudah siap.",
     "id", "person:wulan-kartikasari", "Wulan Kartikasari"),
    ("person-back-reference", "Rina Marlina said the plan was ready. According to Marlina, the dikes are safe.", "en",
     "person:rina-marlina", "Rina Marlina"),
    ("person-bracket-post", "Acara dibuka Budi Santosa (Kepala Bappeda Kota Semarang).", "id", "person:budi-santosa",
     "Budi Santosa"),
    ("person-bracket-post", "Budi Santosa (Director of Yayasan Sungai Lestari) opened the session.", "en",
     "person:budi-santosa", "Budi Santosa"),
    ("person-context", "Rina Marlina menjelaskan bahwa tanggul sudah diperbaiki.", "id", "person:rina-marlina",
     "Rina Marlina"),
    ("person-context", "Rina Marlina said that the dike had been repaired.", "en", "person:rina-marlina",
     "Rina Marlina"),
    ("person-coordinated", "Bappeda Kota Semarang diwakili oleh Budi Santosa dan Rina Marlina.", "id",
     "person:rina-marlina", "Rina Marlina"),
    ("person-coordinated", "The Ministry of Public Works was represented by Budi Santosa and Rina Marlina.", "en",
     "person:rina-marlina", "Rina Marlina"),
    ("person-degree", "Laporan disusun Rina Marlina, S.T., M.Si. bersama tim.", "id", "person:rina-marlina",
     "Rina Marlina"),
    ("person-degree", "The report by Budi Santosa, PhD, was published.", "en", "person:budi-santosa", "Budi Santosa"),
    ("person-honorific", "Ibu Rina Marlina meninjau lokasi.", "id", "person:rina-marlina", "Rina Marlina"),
    ("person-honorific", "Mr. Budi Santosa visited the pumping station.", "en", "person:budi-santosa",
     "Budi Santosa"),
    ("person-initials", "Polisi menangkap seorang pria berinisial RM di rumahnya.", "id", "person:rm", "RM"),
    ("person-initials", "Police detained a driver with the initials AK on Monday.", "en", "person:ak", "AK"),
    ("person-label", "Moderator: Rina Marlina", "id", "person:rina-marlina", "Rina Marlina"),
    ("person-label", "Host: Rina Marlina", "en", "person:rina-marlina", "Rina Marlina"),
    ("person-list", "Peserta rapat:\n- Rina Marlina, Staf Bappeda Kota Semarang\n- Budi Santosa", "id",
     "person:budi-santosa", "Budi Santosa"),
    ("person-list", "Participants:\n- Rina Marlina, Research Manager\n- Budi Santosa", "en", "person:budi-santosa",
     "Budi Santosa"),
    ("person-name-org", "Rina Marlina dari Yayasan Sungai Lestari ikut meninjau.", "id", "person:rina-marlina",
     "Rina Marlina"),
    ("person-name-org", "Rina Marlina of Yayasan Sungai Lestari joined the tour.", "en", "person:rina-marlina",
     "Rina Marlina"),
    ("person-name-post", "Rina Marlina, Kepala Seksi Drainase pada Dinas Pekerjaan Umum Kota Kendari, meninjau tanggul.",
     "id", "person:rina-marlina", "Rina Marlina"),
    ("person-name-post", "Rina Marlina, Head of the Drainage Division, arrived early.", "en", "person:rina-marlina",
     "Rina Marlina"),
    ("person-post-comma", "Kepala Dinas Perikanan Kota Kendari, Budi Santosa, meninjau tanggul.", "id",
     "person:budi-santosa", "Budi Santosa"),
    ("person-post-comma", "The Mayor of Kendari, Budi Santosa, opened the forum.", "en", "person:budi-santosa",
     "Budi Santosa"),
    # the name ends the sentence: "kata <title>, <name>."
    ("person-post-comma", "Tanggul itu kuat, kata Menteri Lingkungan Norwegia, Magnar Holtsen. Pekerjaan berlanjut.",
     "id", "person:magnar-holtsen", "Magnar Holtsen"),
    # the name goes on into a relative clause: "<title> saat itu, <name> yang ..."
    ("person-post-comma", "Proyek itu berawal dari kebijakan Bupati Lembah Hijau saat itu, Sukardani yang memindahkan "
     "lokasinya.", "id", "person:sukardani", "Sukardani"),
]


def rules(ex) -> set[str]:
    return {s.rule for e in ex.entities.values() for s in e.spans}


@pytest.mark.parametrize(("rule", "text", "language", "key", "name"), CASES)
def test_persons_rule_finds_the_person(extract, rule, text, language, key, name):
    person = extract(text, language).entities[key]
    assert person.name == name
    assert rule in {s.rule for s in person.spans}


@pytest.mark.parametrize(("rule", "text", "language", "key", "name"), CASES)
def test_persons_switched_off_rule_leaves_its_mentions_out(extract, rule, text, language, key, name):
    assert rule in rules(extract(text, language))
    assert rule not in rules(extract(text, language, disabled_rules=[rule]))


@pytest.mark.parametrize(("rule", "text", "language", "key", "name"), [
    case for case in CASES if case[0] in ("person-after-post", "person-attribution", "person-honorific",
                                          "person-label", "person-name-org", "person-post-comma")])
def test_persons_switched_off_only_rule_leaves_the_person_out(extract, rule, text, language, key, name):
    assert key not in extract(text, language, disabled_rules=[rule]).entities


@pytest.mark.parametrize(("text", "language", "key", "honorifics", "degrees"), [
    ("Ibu Rina Marlina meninjau lokasi.", "id", "person:rina-marlina", ["Ibu"], []),
    ("Laporan disusun Rina Marlina, S.T., M.Si. bersama tim.", "id", "person:rina-marlina", [], ["S.T.", "M.Si."]),
    ("Mr. Budi Santosa visited the pumping station.", "en", "person:budi-santosa", ["Mr."], []),
])
def test_persons_honorifics_and_degrees_are_not_the_name(extract, text, language, key, honorifics, degrees):
    person = extract(text, language).entities[key]
    assert (person.honorifics, person.degrees) == (honorifics, degrees)
    assert not set(person.name.split()) & {*honorifics, *degrees}


def test_persons_back_reference_is_the_full_name(extract):
    ex = extract("Wulan Kartikasari menjelaskan rencana itu. Menurut Kartikasari, tanggul sudah siap.")
    assert [(s.exact, s.rule) for s in ex.entities["person:wulan-kartikasari"].spans] == [
        ("Wulan Kartikasari", "person-context"), ("Kartikasari", "person-back-reference")]
    assert list(ex.entities) == ["person:wulan-kartikasari"]


def test_persons_back_reference_after_the_name_the_recogniser_reads(extract):
    """A later "Profesor Laras" refers back to the full name only the recogniser read earlier."""
    ex = extract("Ia menambahkan, sosok seperti Laras Wicaksana layak dihormati. Menurutnya, Profesor Laras tidak "
                 "pernah meminta anggaran lebih.")
    assert [e.key for e in ex.entities.values() if e.kind == "person"] == ["person:laras-wicaksana"]


def test_persons_two_words_of_a_longer_name_are_the_same_person(extract):
    ex = extract("Dewi Anggraini Pratiwi membuka rapat itu. Menurut Dewi Anggraini, tanggul sudah siap.")
    assert [(e.key, len(e.spans)) for e in ex.entities.values() if e.kind == "person"] == [
        ("person:dewi-anggraini-pratiwi", 2)]


def test_persons_the_longer_name_after_two_of_its_words_is_the_same_person(extract):
    """ "Dewi Anggraini" first and "Dewi Anggraini Pratiwi" later: one person, named in full."""
    ex = extract("Menurut Dewi Anggraini, tanggul sudah siap. Rapat itu dibuka Dewi Anggraini Pratiwi pada pagi hari.")
    assert [(e.name, len(e.spans)) for e in ex.entities.values() if e.kind == "person"] == [
        ("Dewi Anggraini Pratiwi", 2)]


def test_persons_two_names_joined_by_a_hyphen_are_no_person(extract):
    """ "Rahmat-Wulan" pairs two people the text names on its own; a double first name is never written apart."""
    text = ("Rahmat Santoso dan Wulan Kartikasari maju bersama. Rahmat-Wulan mengatakan siap bekerja. "
            "Rahmat tiba lebih dulu, Wulan menyusul.")
    assert sorted(e.name for e in extract(text).entities.values() if e.kind == "person") == [
        "Rahmat Santoso", "Wulan Kartikasari"]
    text = "Menlu Prancis Jean-Luc Martin bertemu Wulan Kartikasari di Jakarta."
    assert "Jean-Luc Martin" in [e.name for e in extract(text).entities.values() if e.kind == "person"]


@pytest.mark.parametrize("rank", ["Kapten", "Laksma", "Marsma", "Serka", "Bripda", "Kolonel Inf", "Kolonel Kum"])
def test_persons_a_rank_before_a_name_is_no_part_of_it(extract, rank):
    text = f"Korban sudah dievakuasi, kata {rank} Bayu Hartono kepada wartawan."
    assert [e.name for e in extract(text).entities.values() if e.kind == "person"] == ["Bayu Hartono"]


@pytest.mark.parametrize("text", [
    "Banjir menggenangi Jalan KH Wiratmo Hadi, Kecamatan Cibening, sejak pagi.",
    "Kendaraan dari arah barat bisa berbelok di Jalan Kapten Bayu Hartono.",
])
def test_persons_a_name_after_a_street_word_is_the_street_s(extract, text):
    assert [e.name for e in extract(text).entities.values() if e.kind == "person"] == []


@pytest.mark.parametrize(("text", "key"), [
    ("Sementara itu, Ketua DPRD Bangli I Ketut Wirawan meyakini aturan baru itu berdampak baik.",
     "person:i-ketut-wirawan"),
    ("Menurut Ni Luh Sariasih, hasil panen tahun ini baik.", "person:ni-luh-sariasih"),
])
def test_persons_a_balinese_name_opens_with_i_or_ni(extract, text, key):
    assert [e.key for e in extract(text).entities.values() if e.kind == "person"] == [key]


def test_persons_a_list_item_of_capitalised_words_alone_is_a_heading(extract):
    text = ("Daftar kebijakan pangan tahun ini:\n\n1. Genjot Produksi Garam\n\nPemerintah menambah lahan garam di "
            "pesisir.\n\n2. Serap Gula Petani\n\nBulog membeli gula dari petani.\n")
    assert [e.name for e in extract(text).entities.values() if e.kind == "person"] == []


@pytest.mark.parametrize(("text", "keys"), [
    ("Hal itu disampaikan Kepala Bappeda M Wiratmo di Madiun.", ["person:m-wiratmo"]),  # an initial opens the name
    ("Obligasi itu mendapat peringkat dari S&P Global Ratings tahun lalu.", []),  # not the P of S&P
])
def test_persons_a_name_opens_with_an_initial(extract, text, keys):
    assert [e.key for e in extract(text).entities.values() if e.kind == "person"] == keys


def test_persons_a_name_in_brackets_after_a_name_is_the_same_person(extract):
    ex = extract("Menteri Sosial Rahmat Hidayat (Gus Amat) meninjau lokasi banjir di Bekasi.")
    persons = [e for e in ex.entities.values() if e.kind == "person"]
    assert [(e.key, e.alt_labels) for e in persons] == [("person:rahmat-hidayat", [("Gus Amat", None)])]


def test_persons_one_word_in_brackets_after_a_name_is_a_nickname(extract):
    ex = extract("Proyek itu dimulai semasa Presiden ke-5 Rahmat Hidayat (Rahmatto). Rahmatto memuji hasilnya.")
    assert [(e.key, e.alt_labels) for e in ex.entities.values() if e.kind == "person"] == [
        ("person:rahmat-hidayat", [("Rahmatto", None)])]


def test_persons_initials_in_a_list_are_persons_and_later_mentions_refer_back(extract):
    ex = extract("Polisi menahan tiga pemuda berinisial YA, FE, dan IK. Motor itu milik warga berinisial I. "
                 "Kepada penyidik, YA mengaku menyesal.")
    persons = {e.key: [(s.rule, s.exact) for s in e.spans] for e in ex.entities.values() if e.kind == "person"}
    assert persons == {
        "person:ya": [("person-initials", "YA"), ("person-back-reference", "YA")],
        "person:fe": [("person-initials", "FE")],
        "person:ik": [("person-initials", "IK")],
        "person:i": [("person-initials", "I")],
    }


def test_persons_a_name_inside_one_an_acronym_abbreviates_is_no_person_s(extract):
    ex = extract("Kasus itu terkait proses Penerimaan Peserta Didik Baru (PPDB) di sekolah tersebut.")
    assert not [e for e in ex.entities.values() if e.kind == "person"]
    # unless the acronym is the person's initials
    ex = extract("Jaksa menahan Herman Tobing (HT) pada Senin setelah pemeriksaan.")
    assert [e.key for e in ex.entities.values() if e.kind == "person"] == ["person:herman-tobing"]


def test_persons_capitals_no_cue_gives_are_no_initials(extract):
    ex = extract("Petugas memeriksa YA dan FE di lokasi. Berkas inisial perkara dikirim ke Kejaksaan.")
    assert not [e for e in ex.entities.values() if e.kind == "person"]


@pytest.mark.parametrize("text", [
    "Laporan ini mencakup Juli, Agustus dan September.",
    "Rapat sudah dimulai sejak pagi, Alhamdulillah sudah dicopot, kata Hendra.",
    "Hasilnya sedikit. Cuma bikin ribut saja, kata Budi Santosa.",
    "Proyek itu ditunda. Pak Wali menerima usulan warga.",
    "Pembangunan gedung di Ibu Kota Nusantara dilanjutkan tahun depan.",
])
def test_persons_common_words_and_a_capital_are_no_names(extract, text):
    names = {e.name for e in extract(text).entities.values() if e.key.startswith("person:")}
    assert not names & {"Agustus", "Alhamdulillah", "Cuma", "Wali", "Kota Nusantara"}


def test_persons_a_common_word_after_a_verb_of_saying_is_a_name(extract):
    assert "person:muslim" in extract("Tanggul sudah diperbaiki, ujar Muslim kepada wartawan.").entities


def test_persons_words_of_a_body_before_its_acronym_in_brackets_are_no_name(extract):
    text = ("Dimas Prasetyo of the Office of Social Affairs, Child Protection and Family Planning (Dinas SAFP) "
            "joined the visit.")
    persons = [e.name for e in extract(text, "en").entities.values() if e.kind == "person"]
    assert persons == ["Dimas Prasetyo"]


def test_persons_an_english_verb_of_saying_is_a_name_in_indonesian(extract):
    """ "Said" is a name in an Indonesian text, and the English verb "said" in an English one."""
    ex = extract("Ketua DPP PDIP, Said Hartono meminta seluruh pihak tenang.")
    assert "person:said-hartono" in ex.entities


def test_persons_a_group_of_people_is_no_part_of_a_name_to_refer_back_to(extract):
    """The recogniser reads "Mahasiswa Khawatirkan" as a name; a later "Mahasiswa" is the students, not them."""
    ex = extract("Pasar itu sepi. Mahasiswa Khawatirkan nilai turun. Kemudian Mahasiswa berharap dosen membantu.")
    assert [[s.exact for s in e.spans] for e in ex.entities.values() if e.kind == "person"] == [
        ["Mahasiswa Khawatirkan"]]


@pytest.mark.parametrize("title", ["Kakanwil", "Kalapas", "Kepsek"])
def test_persons_a_short_title_after_pak_is_no_name(extract, title):
    ex = extract(f"Termasuk para petugas, Pak {title} juga kami undang ke rapat itu.")
    assert not [e for e in ex.entities.values() if e.kind == "person"]


def test_persons_a_nickname_in_quotes_inside_a_name_is_another_label(extract):
    text = ("Sementara itu, Wali Kota Palu Darmawan 'Bedu' Sulaiman menargetkan pemilihan digelar November. "
            "Bedu menilai kehadiran KPU penting.")
    ex = extract(text)
    person = ex.entities["person:darmawan-sulaiman"]
    assert (person.name, [label for label, _ in person.alt_labels]) == ("Darmawan Sulaiman", ["Bedu"])
    assert [s.exact for s in person.spans] == ["Darmawan 'Bedu' Sulaiman", "Bedu"]
    assert [(m.person, m.role) for m in ex.memberships] == [("person:darmawan-sulaiman", "mayor")]


@pytest.mark.parametrize(("text", "key", "labels"), [
    ("Menko Pangan Darmawan Sulaiman alias Bedu hadir.", "person:darmawan-sulaiman",
     ["Darmawan Sulaiman", "Bedu"]),
    ("Menteri Sosial Darmawan Sulaiman atau yang akrab disapa Kang Bedu menyampaikan sambutan.",
     "person:darmawan-sulaiman", ["Darmawan Sulaiman", "Kang Bedu"]),
    # after "atau", a second name that shares a word with the first
    ("Hakim Eduardus Widodo Hartono atau Eddy Hartono membacakan putusan.", "person:eduardus-widodo-hartono",
     ["Eduardus Widodo Hartono", "Eddy Hartono"]),
])
def test_persons_another_name_of_the_same_person(extract, text, key, labels):
    people = {k: e.labels() for k, e in extract(text).entities.items() if k.startswith("person:")}
    assert people == {key: labels}


def test_persons_two_names_joined_by_or_are_two_persons(extract):
    people = [k for k in extract("Darmawan Sulaiman atau Wiryono Hadi akan hadir besok.").entities
              if k.startswith("person:")]
    assert len(people) == 2


def test_persons_another_name_switched_off_is_a_person_of_its_own(extract):
    text = "Menko Pangan Darmawan Sulaiman alias Bedu Wirawan hadir."
    people = {k: e.labels() for k, e in extract(text, disabled_rules=["person-alias"]).entities.items()
              if k.startswith("person:")}
    assert people["person:darmawan-sulaiman"] == ["Darmawan Sulaiman"]


@pytest.mark.parametrize(("text", "language"), [
    ("Menurut Wiratmo dkk. (2021), relawan berperan besar. Biaya kampanye terus naik (Hadinata dan Sulistyo, 2019). "
     "Pendekatan lain (Widarso, 2012; Gunadi, 2015) berbeda. Presiden Rina Marlina (2014-2024) meresmikannya.", "id"),
    ("Costs keep rising, said the study by Rudi Sulistyo (2019). Rina Marlina, head of the agency, said the plan "
     "works.", "en"),
])
def test_persons_the_authors_of_a_cited_work_are_no_parties(extract, text, language):
    """A work's author is its source; a term of office in brackets is no citation."""
    assert [e.name for e in extract(text, language).entities.values() if e.kind == "person"] == ["Rina Marlina"]


def test_persons_two_persons_joined_by_a_hyphen_are_the_two(extract):
    ex = extract("Presiden Rina Marlina dan Wakil Presiden Bayu Wirasena dilantik. Pemerintahan Rina-Bayu berjanji "
                 "menekan harga. Mahasiswa mengkritik pemerintahan Dimas Anggara-Sari Wulandari. Pemain Yohan "
                 "Lim-Saputra ikut berlatih.")
    persons = {e.name: [s.exact for s in e.spans] for e in ex.entities.values() if e.kind == "person"}
    assert persons == {"Rina Marlina": ["Rina Marlina", "Rina"], "Bayu Wirasena": ["Bayu Wirasena", "Bayu"],
                       "Dimas Anggara": ["Dimas Anggara"], "Sari Wulandari": ["Sari Wulandari"],
                       "Yohan Lim-Saputra": ["Yohan Lim-Saputra"]}
