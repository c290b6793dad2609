"""The ``organisations`` component: names after a head word ("Dinas ...", "Ministry of ..."), lowercase English
heads ("... urban village"), suffix heads ("... Secretariat"), names the lexicon knows, known acronyms, and the
government of a country or locality after a word for government (rules ``org-head``, ``org-head-lowercase``,
``org-head-suffix``, ``org-lexicon``, ``org-acronym``, ``org-government-of-place``), and a company's name after a
lowercase noun for a business (``org-business-noun``)."""

from __future__ import annotations

import pytest

CASES = [
    ("org-head", "Dinas Perikanan Kota Kendari menggelar pelatihan nelayan.", "id",
     "organisation:dinas-perikanan-kota-kendari", "Dinas Perikanan Kota Kendari", "Dinas Perikanan Kota Kendari"),
    ("org-head", "Kelurahan Tambora membersihkan saluran bersama warga.", "id", "organisation:kelurahan-tambora",
     "Kelurahan Tambora", "Kelurahan Tambora"),
    ("org-head", "The Department of Coastal Affairs hosted the meeting.", "en",
     "organisation:department-of-coastal-affairs", "Department of Coastal Affairs", "Department of Coastal Affairs"),
    ("org-head-lowercase", "Residents of Duri Utara urban village cleaned the drains.", "en",
     "organisation:duri-utara-urban-village", "Duri Utara urban village", "Duri Utara urban village"),
    ("org-head-lowercase", "Officials of the Tambora sub-district met the residents.", "en",
     "organisation:tambora-sub-district", "Tambora sub-district", "Tambora sub-district"),
    ("org-head-suffix", "The Semarang Resilience Office drafted the plan.", "en",
     "organisation:semarang-resilience-office", "Semarang Resilience Office", "Semarang Resilience Office"),
    ("org-head-suffix", "The Resilient Semarang Secretariat prepared the report.", "en",
     "organisation:resilient-semarang-secretariat", "Resilient Semarang Secretariat", "Resilient Semarang Secretariat"),
    ("org-lexicon", "Bank Dunia mendanai proyek itu.", "id", "organisation:world-bank", "Bank Dunia", "Bank Dunia"),
    ("org-lexicon", "PT Transportasi Jakarta menambah armada bus.", "id", "organisation:transjakarta",
     "PT Transportasi Jakarta", "PT Transportasi Jakarta"),
    ("org-lexicon", "The World Bank funded the project.", "en", "organisation:world-bank", "The World Bank",
     "The World Bank"),
    ("org-acronym", "Bappeda Kota Semarang menyusun rencana baru.", "id", "organisation:bappeda-kota-semarang",
     "Bappeda Kota Semarang", "Bappeda Kota Semarang"),
    ("org-acronym", "BPBD officers watched the sluice gates.", "en", "organisation:bpbd", "BPBD", "BPBD"),
    ("org-head", "Tim Pengendali Banjir Daerah menggelar rapat.", "id",
     "organisation:tim-pengendali-banjir-daerah", "Tim Pengendali Banjir Daerah", "Tim Pengendali Banjir Daerah"),
    # a generic regional body's own acronym, which no single body of the lexicon carries
    ("org-acronym", "Pemerintah kota bekerja melalui Disperindag untuk menekan harga.", "id",
     "organisation:disperindag", "Disperindag", "Disperindag"),
    ("org-business-noun", "The index was calculated with the engineering firm Arupa Desain.", "en",
     "organisation:arupa-desain", "Arupa Desain", "Arupa Desain"),
    # a polling firm is a business too
    ("org-business-noun", "Survei itu digelar lembaga survei Suara Rakyat pekan lalu.", "id",
     "organisation:suara-rakyat", "Suara Rakyat", "Suara Rakyat"),
    ("org-business-noun", "Layanan itu lahir dari kerja sama dengan perusahaan otobus Sinar Lestari.", "id",
     "organisation:sinar-lestari", "Sinar Lestari", "Sinar Lestari"),
    ("org-government-of-place", "Usulan itu datang dari pemerintah Arab Saudi pekan lalu.", "id",
     "organisation:pemerintah-arab-saudi", "Pemerintah Arab Saudi", "pemerintah Arab Saudi"),
    ("org-government-of-place", "Pemerintah Australia menolak usulan itu.", "id",
     "organisation:pemerintah-australia", "Pemerintah Australia", "Pemerintah Australia"),
    ("org-government-of-place", "The government of Japan backed the plan.", "en",
     "organisation:government-of-japan", "Government of Japan", "government of Japan"),
]


@pytest.mark.parametrize(("rule", "text", "language", "key", "name", "exact"), CASES)
def test_organisations_rule_names_the_organisation(extract, rule, text, language, key, name, exact):
    org = extract(text, language).entities[key]
    assert org.name == name
    assert [(s.exact, s.rule) for s in org.spans] == [(exact, rule)]


@pytest.mark.parametrize(("rule", "text", "language", "key", "name", "exact"), CASES)
def test_organisations_switched_off_rule_leaves_its_mention_out(extract, rule, text, language, key, name, exact):
    # another rule may still name the body ("World Bank" by its suffix head): the rule's evidence is gone
    ex = extract(text, language, disabled_rules=[rule])
    assert rule not in {s.rule for e in ex.entities.values() for s in e.spans}


def test_organisations_head_name_keeps_its_acronym_and_locality(extract):
    org = extract("Badan Penanggulangan Bencana Daerah (BPBD) Provinsi DKI Jakarta memantau pintu air.").entities[
        "organisation:dki-bpbd"]
    assert (org.name, org.acronym) == ("Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta", "BPBD")
    assert [s.rule for s in org.spans] == ["org-head"]


def test_organisations_a_unit_s_region_after_its_acronym_without_a_level_word(extract):
    ex = extract("Petugas Dinas Perhubungan (Dishub) Semarang menertibkan parkir liar.")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == ["Dinas Perhubungan Semarang"]


@pytest.mark.parametrize(("text", "name"), [
    ("Balai Karantina Hewan, Ikan, dan Tumbuhan Sulawesi Tenggara memeriksa sapi impor.",
     "Balai Karantina Hewan, Ikan, dan Tumbuhan Sulawesi Tenggara"),
    ("Balai Wilayah Sungai Sulawesi IV memperbaiki tanggul.", "Balai Wilayah Sungai Sulawesi IV"),
])
def test_organisations_a_technical_unit_named_by_its_balai_head(extract, text, name):
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == [name]


def test_organisations_a_name_the_document_spells_out_elsewhere_is_one_body(extract):
    ex = extract("Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kendal membangun jalan. Dinas PUPR Kendal "
                 "menyiapkan anggaran.")
    assert [e.key for e in ex.entities.values() if e.kind == "organisation"] == [
        "organisation:dinas-pekerjaan-umum-dan-penataan-ruang-kendal"]


def test_organisations_a_possessive_before_a_suffix_head_name_ends_its_owner_s_name(extract):
    ex = extract("Training is offered at NUSA's Karimata Learning Centre every month.", "en")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == ["Karimata Learning Centre"]


@pytest.mark.parametrize(("text", "names"), [
    # a comma right after the head word: the list's next item is another
    ("Petugas memeriksa ruang SPKT Polres, Gedung Arsip Lantas, dan Polresta Kendari.", ["Polresta Kendari"]),
    # a number after a comma opens a count, not a word of the name
    ("Pelatihan itu melibatkan Satuan Pelatihan Kerja Daerah, 300 Peserta, serta 12 Instruktur.",
     ["Satuan Pelatihan Kerja Daerah"]),
])
def test_organisations_a_comma_list_item_that_ends_a_name(extract, text, names):
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation" and " " in e.name] == names


def test_organisations_a_head_word_inside_a_place_s_name_opens_no_body(extract):
    ex = extract("Puluhan siswa dari Kabupaten Seram Bagian Barat, dan SMA Negeri 2 Piru mengalami keracunan.")
    assert not [e for e in ex.entities.values() if e.kind == "organisation" and "Bagian" in e.name]


def test_organisations_a_common_word_with_nya_opens_no_business_name(extract):
    ex = extract("Rinciannya untuk Sinar Tani Group tercatat sebesar Rp 2 miliar.")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == ["Sinar Tani Group"]


def test_organisations_an_ampersand_inside_a_word_keeps_the_name_whole(extract):
    ex = extract("Perusahaan itu membuka R&D Center di Cibitung.")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == ["R&D Center"]


def test_organisations_two_heads_joined_by_dan_are_two_bodies(extract):
    ex = extract("Dinas Perikanan dan Dinas Pariwisata Kota Kendari menggelar pameran.")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation" and e.unit] == [
        "Dinas Perikanan", "Dinas Pariwisata Kota Kendari"]


@pytest.mark.parametrize(("text", "name"), [
    ("Tiga Badan Usaha Milik Daerah (BUMD) Kota Kendari menyalurkan beras.", "Badan Usaha Milik Daerah Kota Kendari"),
    ("Program itu dijalankan Badan Usaha Milik Negara (BUMN) bidang pangan.", "Badan Usaha Milik Negara"),
])
def test_organisations_a_generic_body_s_name_says_its_kind_over_its_head_word(extract, text, name):
    """A state-owned enterprise is a business, whatever its head word ("Badan") says."""
    org = next(e for e in extract(text).entities.values() if e.kind == "organisation")
    assert (org.name, org.org_kind) == (name, "state-enterprise")


@pytest.mark.parametrize(("text", "names"), [
    ("Keputusan KPU Nomor 512 Tahun 2024 dicabut.", ["KPU"]),
    ("Nilai tertinggi: Kementerian Kesehatan 71,5; Kementerian Sosial 64,2.",
     ["Kementerian Kesehatan", "Kementerian Sosial"]),
    ("Kasus di PT Sinar Bahari 2016-2019 diusut jaksa.", ["PT Sinar Bahari"]),
    ("Wisuda Universitas 10 November 1957 digelar hari ini.", ["Universitas 10 November 1957"]),
    ("Obligasi Koperasi Sinar Bahari Tahap II Tahun 2025 terjual habis.", ["Koperasi Sinar Bahari"]),
])
def test_organisations_a_number_after_a_name_is_no_part_of_it(extract, text, names):
    """A decree's number, a score, a year or a phase ends a body's name; a date inside a name stays."""
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == names


@pytest.mark.parametrize(("text", "names"), [
    ("Sinergi antar Kementerian/Lembaga terus diperkuat.", []),
    ("Jumpa pers digelar di Kantor Kemenkeu, Jakarta.", ["Kemenkeu"]),
    ("Massa berkumpul di depan Kantor Gubernur Jawa Tengah sejak pagi.", []),
])
def test_organisations_kinds_of_body_and_a_known_body_s_office(extract, text, names):
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == names


@pytest.mark.parametrize("text", [
    "Proyek itu memakai skema Public-Private Partnership (PPP). Skema PPP dinilai cocok.",
    "Keempat pelaku berinisial DS, ARH, ZF dan MA ditahan polisi.",
    "Di kota itu tercatat 4.965 RT dan 992 RW.",
])
def test_organisations_a_known_acronym_that_names_no_body_here(extract, text):
    """Another meaning the document defines, a list of initials, a count of units: no organisation."""
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == []


def test_organisations_a_list_of_known_and_unknown_acronyms_keeps_the_known(extract):
    names = [e.name for e in extract("Ia aktif di IWAPI, AWEN, APINDO, dan KADIN.").entities.values()
             if e.kind == "organisation"]
    assert "APINDO" in names


@pytest.mark.parametrize(("text", "names"), [
    ("Lahan itu dikelola Sinarjaya Group sejak 2010.", [("Sinarjaya Group", "company")]),
    ("Proyek itu dibiayai Grup Sinarjaya melalui anak usahanya.", [("Grup Sinarjaya", "company")]),
    ("Dana datang dari Kenbridge Group dan Harlow Development Bank.",
     [("Kenbridge Group", "company"), ("Harlow Development Bank", "company")]),
    ("The Kendari Flood Resilience Working Group met on Monday.",
     [("Kendari Flood Resilience Working Group", "community-group")]),
])
def test_organisations_business_groups_and_one_name_per_part_of_a_list(extract, text, names):
    """A business group opens with its own name; each name of "A Group dan B Bank" is read; a working group is no
    business."""
    orgs = [(e.name, e.org_kind) for e in extract(text, "en" if text.startswith("The") else "id").entities.values()
            if e.kind == "organisation"]
    assert orgs == names


def test_organisations_and_the_before_a_name_ending_in_a_head_starts_a_second_body(extract):
    ex = extract("In 1997 the City of Westhaven and the Kendal City Government signed the declaration.", "en")
    assert sorted(e.name for e in ex.entities.values() if type(e).__name__ == "Organisation") == [
        "City of Westhaven", "Kendal City Government"]


@pytest.mark.parametrize(("text", "key"), [
    ("Rapat di Kota Palu: Kepala BPBD, Dimas Prasetyo, hadir.", "organisation:bpbd"),
    ("Rapat di DKI Jakarta: Kepala BPBD, Dimas Prasetyo, hadir.", "organisation:dki-bpbd"),
])
def test_organisations_an_acronym_every_region_has_names_the_body_of_the_region_the_document_names(extract, text, key):
    assert key in extract(text).entities


def test_organisations_a_firm_s_name_ends_before_and_another_name(extract):
    text = "Lokakarya itu dibantu dua mitra, yaitu PT Sinar Konsultindo dan Ruang Kota."
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == ["PT Sinar Konsultindo"]


@pytest.mark.parametrize(("text", "language", "name"), [
    ("LSM Sungai Bening menolak proyek reklamasi itu.", "id", "LSM Sungai Bening"),
    ("The NGO Kali Bening persuaded residents to compost.", "en", "NGO Kali Bening"),
])
def test_organisations_lsm_and_ngo_open_a_name(extract, text, language, name):
    orgs = [(e.name, e.org_kind) for e in extract(text, language).entities.values() if e.kind == "organisation"]
    assert orgs == [(name, "ngo")]


def test_organisations_a_cooperative_named_by_its_head_word(extract):
    ex = extract("Kasus itu dialami nasabah Koperasi Sinar Tani Makmur di Medan.")
    assert ex.entities["organisation:koperasi-sinar-tani-makmur"].org_kind == "company"


def test_organisations_a_deputyship_named_by_its_head_word(extract):
    ex = extract("Rapat dipimpin Kedeputian Gubernur Bidang Perekonomian bersama dinas terkait.")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"][:1] == [
        "Kedeputian Gubernur Bidang Perekonomian"]


def test_organisations_a_word_for_government_before_a_person_names_no_government(extract):
    ex = extract("Pada masa pemerintah Dimas Prasetyo, harga beras turun.")
    assert not any(k.startswith("organisation:") for k in ex.entities)


def test_organisations_a_word_for_government_before_a_locality_names_its_government(extract):
    ex = extract("Bantuan itu dari pemerintah Kota Palu dan warga.")
    assert "organisation:pemkot-palu" in ex.entities


def test_organisations_a_team_named_by_a_place_only_is_its_delegation(extract):
    assert not any(k.startswith("organisation:") for k in extract("Tim Semarang membagikan tiga pelajaran.").entities)


def test_organisations_a_title_before_a_suffix_head_is_no_part_of_the_name(extract):
    ex = extract("Direktur Utama Bank Harapan Tani Dimas Prasetyo menjelaskan rencana itu.")
    assert not [e.name for k, e in ex.entities.items() if k.startswith("organisation:") and e.name.startswith("Direktur")]
    assert "person:dimas-prasetyo" in ex.entities


def test_organisations_a_place_after_a_noun_for_a_business_is_no_company(extract):
    ex = extract("The study was done by a consulting firm Jakarta had hired.", "en")
    assert not any(k.startswith("organisation:") for k in ex.entities)


def test_organisations_a_firm_named_again_without_its_noun_is_the_firm(extract):
    text = "The index was calculated with the engineering firm Arupa Desain. Later Arupa Desain presented the scores."
    org = extract(text, "en").entities["organisation:arupa-desain"]
    assert [s.exact for s in org.spans] == ["Arupa Desain", "Arupa Desain"]


@pytest.mark.parametrize(("text", "name"), [
    ("Alat berat Satpol PP Kabupaten Pasuruan meruntuhkan bangunan itu.", "Satpol PP Kabupaten Pasuruan"),  # two words
    ("Alat berat Satpol PP Jabar meruntuhkan bangunan itu.", "Satpol PP Jabar"),  # a region with no level word
    ("Petugas BPBD Jawa Tengah menyalurkan bantuan.", "BPBD Jawa Tengah"),
])
def test_organisations_a_generic_body_of_the_region_after_its_acronym(extract, text, name):
    names = [e.name for e in extract(text).entities.values() if e.kind == "organisation"]
    assert name in names and name.split()[0] not in names  # the region's body, not the acronym alone


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Pasien dirujuk ke RS Harapan Sentosa di Bogor.", "RS Harapan Sentosa", "company"),
    ("Pasien dirujuk ke Rumah Sakit Harapan Sentosa di Bogor.", "Rumah Sakit Harapan Sentosa", "company"),
    ("Pasien dibawa ke RSUD Kota Bogor.", "RSUD Kota Bogor", "unit"),  # a regional government's hospital
])
def test_organisations_hospitals_by_their_head_word(extract, text, name, kind):
    assert [(e.name, e.org_kind) for e in extract(text).entities.values() if e.kind == "organisation"][:1] == [
        (name, kind)]


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Funding came from the Institute for Coastal Livelihood Studies last year.",
     "Institute for Coastal Livelihood Studies", "research-institute"),
    ("The Association of River Towns sent two observers.", "Association of River Towns", "ngo"),
    ("A grant from the Foundation for Clean Harbours paid for the pumps.", "Foundation for Clean Harbours", "foundation"),
])
def test_organisations_english_heads_that_open_a_name(extract, text, name, kind):
    assert [(e.name, e.org_kind) for e in extract(text, "en").entities.values() if e.kind == "organisation"] == [
        (name, kind)]


def test_organisations_a_region_s_name_ends_before_a_balinese_name(extract):
    ex = extract("Asisten Bidang Pemerintahan Setda Kabupaten Gianyar I Made Suarjana mewakili bupati.")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == [
        "Setda Kabupaten Gianyar", "Pemerintah Kabupaten Gianyar"]
    assert [(m.person, m.organisation) for m in ex.memberships] == [
        ("person:i-made-suarjana", "organisation:setda-kabupaten-gianyar")]


@pytest.mark.parametrize(("text", "name"), [
    ("Warga menyetor sampah terpilah lewat KSM Melati Bersih setiap pekan.", "KSM Melati Bersih"),
    ("Pendampingan dilakukan Kelompok Swadaya Masyarakat Tunas Harapan di kelurahan itu.",
     "Kelompok Swadaya Masyarakat Tunas Harapan"),
])
def test_organisations_community_groups_by_their_head_word(extract, text, name):
    assert [(e.name, e.org_kind) for e in extract(text).entities.values() if e.kind == "organisation"] == [
        (name, "community-group")]


@pytest.mark.parametrize(("text", "language", "names"), [
    ("The pier was built by Harbour Dredging Ltd and Coastal Works Inc for the city.", "en",
     ["Harbour Dredging Ltd", "Coastal Works Inc"]),
    ("Kontrak itu dimenangi Borneo Marine Engineering GmbH pada 2023.", "id", ["Borneo Marine Engineering GmbH"]),
])
def test_organisations_a_company_by_the_form_after_its_name(extract, text, language, names):
    assert [(e.name, e.org_kind) for e in extract(text, language).entities.values() if e.kind == "organisation"] == [
        (name, "company") for name in names]


def test_organisations_after_the_every_capitalised_word_is_the_suffix_head_s_name(extract):
    ex = extract("Joko Susilo, Programme Officer at the Coastal Care Foundation, joined the team.", "en")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == ["Coastal Care Foundation"]


def test_organisations_a_city_s_planning_agency_and_its_acronym_are_one_body(extract):
    ex = extract("- Nurul Fitriani, Planner, Makassar Development Planning Agency (Bappeda)", "en")
    assert [e.name for e in ex.entities.values() if e.kind == "organisation"] == ["Makassar Development Planning Agency"]


def test_organisations_a_corps_by_its_head_word_is_no_person(extract):
    ex = extract("Berdasarkan alat bukti, Korps Adhyaksa menegaskan penetapan tersangka sah.")
    assert [(e.kind, e.name) for e in ex.entities.values() if e.kind in ("person", "organisation")] == [
        ("organisation", "Korps Adhyaksa")]


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("KBRI Phnom Penh menyatakan 40 warga sudah dipulangkan.", "KBRI Phnom Penh", "unit"),
    ("KJRI Hong Kong membuka layanan paspor.", "KJRI Hong Kong", "unit"),
])
def test_organisations_indonesia_s_embassies_and_consulates_by_their_head_word(extract, text, name, kind):
    assert [(e.name, e.org_kind) for e in extract(text).entities.values() if e.kind == "organisation"] == [
        (name, kind)]


@pytest.mark.parametrize(("text", "names"), [
    ("Bantuan disalurkan melalui Bank Sentosa Jaya dan kantor pos.", ["Bank Sentosa Jaya"]),
    ("Dana pemerintah daerah disimpan di Bank Jakarta.", ["Bank Jakarta"]),
    # before a common noun the head names a kind of thing ("a waste bank", "a gold bank"), not a body
    ("Warga menabung di Bank Sampah dan Bank Emas setiap pekan.", []),
])
def test_organisations_a_bank_by_its_head_word_and_a_proper_name(extract, text, names):
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == names


def test_organisations_an_english_suffix_head_that_opens_an_indonesian_name(extract):
    """In Indonesian a name goes on after "Bank": "... Framework PT Bank" is no name ending in the English head;
    a place after the head is the body's ("Economic Development Board Singapore")."""
    text = "Pembiayaan itu memakai Social Finance Framework PT Bank Sentosa Indonesia yang diterbitkan pekan lalu."
    names = [e.name for e in extract(text).entities.values() if e.kind == "organisation"]
    assert names == ["PT Bank Sentosa Indonesia"]


def test_organisations_a_name_ends_before_the_number_of_a_decree(extract):
    text = "Hal itu tertuang dalam Surat Keputusan Direksi PT Sentosa Jaya No. 24/105/KEP/DIR tanggal 31 Maret."
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == ["PT Sentosa Jaya"]


def test_organisations_a_short_form_of_syllables_in_brackets(extract):
    """Indonesian makes short forms of pieces of the words: in brackets after a body's name, one names the body."""
    ex = extract("Dana disalurkan Ikatan Koperasi Petani Nusantara (Ikopentara) pekan ini.")
    assert ex.entities["organisation:ikatan-koperasi-petani-nusantara"].acronym == "Ikopentara"
    # the region after the short form is the body's
    ex = extract("Kepala Dinas Pendidikan dan Kebudayaan (Dikbud) Kota Palu hadir.")
    assert "Dinas Pendidikan dan Kebudayaan Kota Palu" in [e.name for e in ex.entities.values()]


def test_organisations_a_comma_after_a_head_that_is_a_whole_name_ends_it(extract):
    """ "Dewan Perwakilan Rakyat, Dewan Perwakilan Daerah": the head is the whole first name, so the comma and the
    next head start a second body; a name the lexicon knows never ends in the "dan" of a list."""
    text = "Calon itu bukan anggota Dewan Perwakilan Rakyat, Dewan Perwakilan Daerah, dan partai politik."
    names = sorted(e.name for e in extract(text).entities.values() if e.kind == "organisation")
    assert names == ["Dewan Perwakilan Daerah", "Dewan Perwakilan Rakyat"]


@pytest.mark.parametrize("text", [
    "Hadir pula Dewan Perwakilan Daerah dan Bappenas.",
    "Ia bertemu anggota Dewan Perwakilan Daerah dan Gubernur Jawa Tengah Rahmat Santoso.",
])
def test_organisations_a_name_ends_before_the_dan_of_a_list(extract, text):
    """A name the lexicon knows within a typo never ends in "dan" ("... Daerah dan" is no slip for "... Daerah RI"),
    and a post title after "dan" starts something new."""
    names = [e.name for e in extract(text).entities.values() if e.kind == "organisation"]
    assert names[0] == "Dewan Perwakilan Daerah"


@pytest.mark.parametrize(("text", "language", "name", "kind"), [
    ("Data from the Coastal Weather Organization shows rising heat.", "en", "Coastal Weather Organization",
     "international-organisation"),
    ("The product was recalled by the Coastal Food Administration.", "en", "Coastal Food Administration",
     "national-agency"),
    ("He joined the Coastal Labour Party in 2010.", "en", "Coastal Labour Party", "political-party"),
])
def test_organisations_english_suffix_heads_of_agencies_and_parties(extract, text, language, name, kind):
    assert [(e.name, e.org_kind) for e in extract(text, language).entities.values() if e.kind == "organisation"] == [
        (name, kind)]


@pytest.mark.parametrize(("text", "language", "names"), [
    # a common word before the name is none of it; the acronym's "and" is inside it; a parent's acronym stays
    ("Data Coastal Weather Organization (CWO) menunjukkan suhu naik.", "id", ["Coastal Weather Organization"]),
    ("Pengawas itu, Coastal Food and Drug Administration (CFDA), menarik produk.", "id",
     ["Coastal Food and Drug Administration"]),
    ("It is promoted by the IGLA Kendari Urban Centre (KUC) in Asia.", "en", ["IGLA Kendari Urban Centre"]),
    ("It was funded by Sinar Power Group and Coastal Development Bank (CDB) in 2019.", "en",
     ["Sinar Power Group", "Coastal Development Bank"]),
])
def test_organisations_a_suffix_head_name_starts_where_its_acronym_in_brackets_says(extract, text, language, names):
    assert [e.name for e in extract(text, language).entities.values() if e.kind == "organisation"] == names


def test_organisations_a_faction_after_a_commission_is_a_second_body(extract):
    ex = extract("Anggota Komisi IV DPR Fraksi Partai Hijau Darmawan Sulaiman meninjau bendungan itu.")
    names = [e.name for e in ex.entities.values() if e.kind == "organisation"]
    assert "Komisi IV DPR" in names and "Fraksi Partai Hijau" in names


@pytest.mark.parametrize(("text", "key"), [
    ("Sampel darah itu diperiksa Puslabfor Polri pekan lalu.", "organisation:puslabfor-polri"),
    ("Dua perwira dari Itwasum Polri ikut memeriksa laporan itu.", "organisation:itwasum"),
    ("Pelatihan digelar Lemdiklat Polri di Jakarta.", "organisation:lemdiklat-polri"),
    ("Laporan itu kini ditangani Divpropam.", "organisation:propam"),
])
def test_organisations_central_units_of_the_national_police(extract, text, key):
    org = extract(text).entities[key]
    assert (org.sector, org.kind) == ("government", "organisation")


@pytest.mark.parametrize(("text", "key"), [
    ("Jumlah nasabah PT Pegadaian naik tahun ini.", "organisation:pegadaian"),
    ("Kereta itu dibuat PT INKA di Madiun.", "organisation:inka"),
])
def test_organisations_state_owned_enterprises_are_industry(extract, text, key):
    assert extract(text).entities[key].sector == "private"


@pytest.mark.parametrize("text", [
    "Ketua RW setempat, Sukardani, mengatakan warga sudah mengungsi.",
    "Menurut ketua RT, banjir datang tengah malam.",
])
def test_organisations_a_unit_of_an_address_alone_names_no_body(extract, text):
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == []
