"""Posts attached by construction: a title right before a name, a title that ran on into the name the recogniser
reads, and the body a title names by the place or field after it (rules ``post-before-name``, ``org-of-title``)."""

from __future__ import annotations

import pytest


def posts(ex):
    return [(m.person, m.role, m.organisation, [s.rule for s in m.spans]) for m in ex.memberships]


@pytest.mark.parametrize(("text", "role", "org"), [
    ("Hal itu disampaikan Gubernur Sulawesi Tengah, Dimas Prasetyo, di Palu.", "governor",
     "organisation:pemprov-sulawesi-tengah"),
    ("Proyek itu ditinjau Wali Kota Palu Dimas Prasetyo kemarin.", "mayor", "organisation:pemkot-palu"),
    ("Proyek itu ditinjau Menteri Keuangan Dimas Prasetyo pada Senin.", "minister", "organisation:kemenkeu"),
    ("Sementara itu Bupati Kendal Dimas Prasetyo membuka acara.", "regent", "organisation:pemerintah-kabupaten-kendal"),
])
def test_post_constructions_title_before_the_name_with_the_body_it_names(extract, text, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [("person:dimas-prasetyo", role, org)]


def test_post_constructions_title_before_a_comma_and_the_name(extract):
    text = "Hal itu disampaikan Gubernur Sulawesi Tengah, Dimas Prasetyo, di Palu."
    assert posts(extract(text))[0][3] == ["post-before-name"]
    assert posts(extract(text, disabled_rules=["post-before-name"])) == []


def test_post_constructions_body_of_the_title_switched_off_keeps_the_post_without_a_body(extract):
    text = "Proyek itu ditinjau Wali Kota Palu Dimas Prasetyo kemarin."
    assert posts(extract(text, disabled_rules=["org-of-title"])) == [
        ("person:dimas-prasetyo", "mayor", None, ["post-title"])]


@pytest.mark.parametrize("text", [
    "Proyek itu ditinjau Menteri Dimas Prasetyo kemarin.",  # the title names no body
    "Proyek itu ditinjau Wali Kota Hebat Dimas Prasetyo kemarin.",  # no place follows the title
])
def test_post_constructions_no_body_is_guessed(extract, text):
    assert all(o is None for _, _, o, _ in posts(extract(text)))


def test_post_constructions_title_is_cut_where_the_recognised_name_begins(extract):
    ex = extract("Proyek itu ditinjau Menteri Keuangan Dimas Prasetyo pada Senin.")
    assert [e.name for e in ex.entities.values() if type(e).__name__ == "Person"] == ["Dimas Prasetyo"]
    assert ex.memberships[0].role_label == "Menteri Keuangan"
    assert extract("Proyek itu ditinjau Menteri Keuangan Dimas Prasetyo pada Senin.",
                   pipeline=[c for c in _default() if c != "recognise"]).memberships == []


def _default():
    from jejaring.ingest.pipeline import DEFAULT_PIPELINE

    return DEFAULT_PIPELINE


@pytest.mark.parametrize(("text", "role", "org"), [
    ("Kapolres Boyolali AKBP Dimas Prasetyo mengatakan pelaku sudah ditangkap.", "police-chief",
     "organisation:polres-boyolali"),
    ("Menurut Kajati Jawa Timur Dimas Prasetyo, berkas sudah lengkap.", "chief-prosecutor",
     "organisation:kejaksaan-tinggi-jawa-timur"),
])
def test_post_constructions_abbreviated_titles_name_their_body(extract, text, role, org):
    ex = extract(text)
    assert [(p, r, o) for p, r, o, _ in posts(ex)] == [("person:dimas-prasetyo", role, org)]
    assert ex.entities["person:dimas-prasetyo"].name == "Dimas Prasetyo"  # a rank is no part of the name


@pytest.mark.parametrize(("text", "language", "org"), [
    ("The Mayor of Bogor, Mr. Dimas Prasetyo, launched the plan on Monday.", "en", "organisation:pemkot-bogor"),
    ("Acara dibuka Wali Kota Palu, Bapak Dimas Prasetyo, pada pagi hari.", "id", "organisation:pemkot-palu"),
])
def test_post_constructions_title_comma_honorific_name(extract, text, language, org):
    assert posts(extract(text, language)) == [("person:dimas-prasetyo", "mayor", org, ["post-before-name"])]


def test_post_constructions_a_title_ending_a_line_holds_no_name_on_the_next(extract):
    text = "Narasumber:\n- Rina Marlina, Kepala Dinas Sosial Kota Palu\n\nDimas Prasetyo menjelaskan programnya.\n"
    assert [(p, r) for p, r, _, _ in posts(extract(text))] == [("person:rina-marlina", "head")]


@pytest.mark.parametrize(("text", "role", "org"), [
    # a short form in brackets inside the title
    ("Menteri Dalam Negeri (Mendagri) Dimas Prasetyo menegaskan pentingnya stok pangan.", "minister",
     "organisation:kemendagri"),
    ("Direktur Jenderal Anggaran (DJA) Kementerian Keuangan Dimas Prasetyo mengatakan anggaran cukup.",
     "director-general", "organisation:kemenkeu"),
    # an acronym of a body ends the title, not the name
    ("Gubernur BI Dimas Prasetyo mengatakan suku bunga turun.", "governor", "organisation:bank-indonesia"),
    # the press's short form of a minister names the ministry
    ("Menkeu Dimas Prasetyo menggelontorkan anggaran baru.", "minister", "organisation:kemenkeu"),
    ("Ekonom Universitas Gadjah Mada Dimas Prasetyo menilai inflasi terkendali.", "economist", "organisation:ugm"),
])
def test_post_constructions_title_with_short_forms_before_the_name(extract, text, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [("person:dimas-prasetyo", role, org)]


@pytest.mark.parametrize(("text", "role", "org"), [
    ("Hal itu disampaikan Kasat Reskrim Polres Boyolali, AKP Dimas Prasetyo kepada wartawan.", "head-of-unit",
     "organisation:polres-boyolali"),
    ("Kepala Seksi Intelijen (Kasi Intel) Kejari Boyolali, Dimas Prasetyo, mengatakan kantor itu digeledah.",
     "head-of-section", "organisation:kejari-boyolali"),
    ("Ketua Komisi Pemberantasan Korupsi (KPK), Dimas Prasetyo, menjelaskan kasus itu.", "chair", "organisation:kpk"),
])
def test_post_constructions_short_forms_and_ranks_between_title_and_name(extract, text, role, org):
    assert posts(extract(text)) == [("person:dimas-prasetyo", role, org, ["post-before-name"])]


def test_post_constructions_a_word_of_institutions_opens_a_name_after_the_place(extract):
    ex = extract("Wali Kota Palu Agung Prasetyo mengatakan harga cabai turun.")
    assert [(p, r, o) for p, r, o, _ in posts(ex)] == [("person:agung-prasetyo", "mayor", "organisation:pemkot-palu")]


def test_post_constructions_a_body_named_by_head_words_ends_where_the_name_begins(extract):
    text = "Direktur Jenderal Pajak Kementerian Keuangan Dimas Prasetyo menargetkan penerimaan naik."
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [
        ("person:dimas-prasetyo", "director-general", "organisation:kemenkeu")]
    # with no title to say where the name begins, the recogniser does
    text = "Pejabat Kementerian Keuangan Dimas Prasetyo menegaskan penerimaan naik."
    assert sorted(extract(text).entities) == ["organisation:kemenkeu", "person:dimas-prasetyo"]
    assert "person:dimas-prasetyo" not in extract(text, disabled_rules=["org-ends-at-name"]).entities


def test_post_constructions_a_body_named_inside_a_title_ends_where_its_holder_begins(extract):
    # without the recogniser, the title's grammar alone says where the holder's name begins
    text = "Kepala Kejari Pekanbaru Dimas Prasetyo mengungkap keadilan restoratif."
    rules_only = [c for c in _default() if c != "recognise"]
    assert [(p, r, o) for p, r, o, _ in posts(extract(text, pipeline=rules_only))] == [
        ("person:dimas-prasetyo", "head", "organisation:kejari-pekanbaru")]
    assert posts(extract(text, pipeline=rules_only, disabled_rules=["org-ends-at-holder"])) == []


@pytest.mark.parametrize(("text", "language", "role", "org"), [
    # NAME selaku / yang menjabat sebagai / yang juga POST
    ("Yang pertama Dimas Prasetyo selaku ketua Bawaslu pada saat itu.", "id", "chair", "organisation:bawaslu"),
    ("Dimas Prasetyo yang menjabat sebagai Kepala Dinas Sosial Kota Palu menjelaskan program itu.", "id", "head",
     "organisation:dinas-sosial-kota-palu"),
    ("Dimas Prasetyo, yang juga Ketua Forum Anak Kota Palu, menjelaskan program itu.", "id", "chair",
     "organisation:forum-anak-kota-palu"),
    # NAME, the post of ORG (the title in lower case)
    ("Dimas Prasetyo, the director of the Urban Studies Foundation, said the plan works.", "en", "director",
     "organisation:urban-studies-foundation"),
    ("Dimas Prasetyo, the lurah (head) of Duri Utara urban village, joined the visit.", "en", "urban-village-head",
     "organisation:duri-utara-urban-village"),
])
def test_post_constructions_post_after_the_name(extract, text, language, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text, language))] == [("person:dimas-prasetyo", role, org)]


@pytest.mark.parametrize(("text", "org"), [
    ("Hal itu dikatakan jubir KPK, Dimas Prasetyo, kepada wartawan.", "organisation:kpk"),
    ("Menurut wali kota Palu, Dimas Prasetyo, program itu berhasil.", "organisation:pemkot-palu"),
])
def test_post_constructions_a_title_in_lower_case_before_a_name(extract, text, org):
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [("person:dimas-prasetyo", org)]


def test_post_constructions_a_title_in_lower_case_alone_is_a_common_noun(extract):
    ex = extract("Para kepala daerah diminta hadir, kata Dimas Prasetyo kepada wartawan.")
    assert ex.memberships == []


@pytest.mark.parametrize(("text", "language", "role", "org"), [
    # a possessive before the title names its body
    ("The review was chaired by Semarang's Chief Resilience Officer (CRO), Mr. Dimas Prasetyo, last year.", "en",
     "chief-resilience-officer", "organisation:pemkot-semarang"),
    ("The plan was presented by ICLEI's Regional Director Dimas Prasetyo on Monday.", "en", "regional-director",
     "organisation:iclei"),
    # a resilience officer's title names the city it serves, also after a slash
    ("Sambutan oleh Dimas Prasetyo (Chief Resilience Officer/CRO Semarang) membuka acara.", "id",
     "chief-resilience-officer", "organisation:pemkot-semarang"),
])
def test_post_constructions_body_from_a_possessive_or_the_city_of_a_title(extract, text, language, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text, language))] == [("person:dimas-prasetyo", role, org)]


def test_post_constructions_possessive_switched_off_names_no_body(extract):
    text = "The review was chaired by Semarang's Chief Resilience Officer (CRO), Mr. Dimas Prasetyo, last year."
    assert [o for _, _, o, _ in posts(extract(text, "en", disabled_rules=["org-possessive"]))] == [None]


def test_post_constructions_a_dash_between_a_listed_name_and_its_post(extract):
    text = "Pembicara:\n- Dimas Prasetyo - Wali Kota Semarang, Indonesia\n- Rina Marlina - Direktur Eksekutif\n"
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [
        ("person:dimas-prasetyo", "mayor", "organisation:pemkot-semarang"),
        ("person:rina-marlina", "executive-director", None)]


@pytest.mark.parametrize(("text", "language"), [
    ("Kabar Kota\n\nPALU, 3 Mei 2024 - Mantan Kepala Dinas Sosial Kota Palu Dimas Prasetyo menjelaskan program itu.",
     "id"),
    ("City News\n\nPALU, May 3, 2024 - Former Mayor of Palu Dimas Prasetyo explained the programme.", "en"),
])
def test_post_constructions_a_former_post_ended_before_the_report(extract, text, language):
    from datetime import date

    [m] = extract(text, language).memberships
    assert (m.at, m.before) == (None, date(2024, 5, 3))
    [m] = extract(text, language, disabled_rules=["post-former"]).memberships
    assert (m.at, m.before) == (date(2024, 5, 3), None)


def test_post_constructions_a_former_post_is_no_guess_without_a_date(extract):
    [m] = extract("Mantan Kepala Dinas Sosial Kota Palu Dimas Prasetyo menjelaskan program itu.").memberships
    assert (m.at, m.before) == (None, None)


@pytest.mark.parametrize(("text", "language", "org"), [
    ("Kebijakan tarif Presiden AS Dimas Prasetyo berdampak pada inflasi.", "id", "organisation:pemerintah-as"),
    ("Presiden RI Dimas Prasetyo membuka acara.", "id", "organisation:pemerintah-indonesia"),
    ("Hal itu disambut Duta Besar Pakistan, Dimas Prasetyo, di lokasi.", "id", "organisation:pemerintah-pakistan"),
    ("The Prime Minister of Japan, Dimas Prasetyo, met the delegation.", "en", "organisation:pemerintah-japan"),
])
def test_post_constructions_a_country_after_a_head_of_state_names_its_government(extract, text, language, org):
    assert [o for _, _, o, _ in posts(extract(text, language))] == [org]


def test_post_constructions_a_city_after_a_head_of_state_names_no_government(extract):
    assert [o for _, _, o, _ in posts(extract("Presiden Bandung Dimas Prasetyo membuka acara."))] in ([None], [])


@pytest.mark.parametrize(("text", "role", "org"), [
    # a body the lexicon knows ends the title, and the name starts after it
    ("Ketua The Fed Dimas Prasetyo menyampaikan bahwa pasar tenaga kerja melemah.", "chair",
     "organisation:federal-reserve"),
    # a police chief's area need not be in the gazetteer: the command is named after it
    ("Kapolres Tasikmalaya AKBP Dimas Prasetyo mengatakan pelaku ditangkap.", "police-chief",
     "organisation:polres-tasikmalaya"),
])
def test_post_constructions_the_name_after_a_body_in_the_title(extract, text, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [("person:dimas-prasetyo", role, org)]


@pytest.mark.parametrize(("text", "language", "role", "org"), [
    # an English name ending in a head word goes on after "of" / "for"
    ("Dimas Prasetyo, Director of the Asian Institute of Technology, said the plan works.", "en", "director",
     "organisation:asian-institute-of-technology"),
    ("Ms. Dimas Prasetyo, Director of the Asian Institute for Coastal Studies, said the plan works.", "en",
     "director", "organisation:asian-institute-for-coastal-studies"),
    # a title linked to its body by "at" / "di"
    ("Dimas Prasetyo, a senior planner at the Rockefeller Foundation, spoke next.", "en", "senior-planner",
     "organisation:rockefeller-foundation"),
    ("Ms. Dimas Prasetyo, Senior Vice President for City Programmes at 100 Resilient Cities, travelled to Palu.",
     "en", "senior-vice-president-for-city-programmes", "organisation:100-resilient-cities"),
    ("Dimas Prasetyo, kepala ekonom di Bank Mandiri, memproyeksikan inflasi turun.", "id", "chief-economist",
     "organisation:bank-mandiri"),
])
def test_post_constructions_body_after_the_title(extract, text, language, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text, language))] == [("person:dimas-prasetyo", role, org)]


@pytest.mark.parametrize(("text", "name", "role", "org"), [
    # one word after the title's body, then a verb of saying, is its holder's name
    ("Direktur Penyuluhan Kementerian Keuangan Prasetyawati mengatakan, pelaporan ditargetkan naik.",
     "person:prasetyawati", "director", "organisation:kemenkeu"),
    ("Menteri Ketenagakerjaan Prasetyawati mengatakan belum ada arahan.", "person:prasetyawati", "minister",
     "organisation:kemnaker"),
    # a short form in brackets between the title and the name the recogniser reads
    ("Hal ini disampaikan oleh Menteri Sekretaris Negara (Mensesneg) Dimas Prasetyo di Istana.",
     "person:dimas-prasetyo", "minister", "organisation:kementerian-sekretaris-negara"),
])
def test_post_constructions_one_word_names_and_asides(extract, text, name, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [(name, role, org)]


def test_post_constructions_one_word_name_after_the_place_of_the_title(extract):
    """The place the gazetteer knows ends the title, so one word after it names the holder; the recogniser's
    span, which took the place with the name, starts after the place."""
    text = "Bupati Rokan Hilir Wiratmo hadir di Kantor Kementerian Sosial, Jakarta."
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [
        ("person:wiratmo", "regent", "organisation:pemerintah-kabupaten-rokan-hilir")]
    assert posts(extract(text, disabled_rules=["name-after-place"])) == []


def test_post_constructions_a_word_of_institutions_opens_a_name_after_a_short_form(extract):
    # "Airlangga" names a university too; after the short form in brackets it opens the holder's name
    text = "Acara dibuka oleh Menteri Koordinator Bidang Pangan (Menko Pangan) Airlangga Suryadi dari Jakarta."
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [
        ("person:airlangga-suryadi", "coordinating-minister", "organisation:kemenko-pangan")]


def test_post_constructions_a_lone_word_with_no_body_before_it_is_no_name(extract):
    assert posts(extract("Menteri Keuangan mengatakan anggaran cukup.")) == []


def test_post_constructions_the_last_word_of_a_body_is_no_lone_name(extract):
    text = "Dimas Prasetyo, Research Manager at Yayasan Sungai Lestari, presented the flood maps."
    ex = extract(text, "en")
    assert "person:lestari" not in ex.entities
    assert [p for p, _, _, _ in posts(ex)] == ["person:dimas-prasetyo"]


def test_post_constructions_the_recogniser_reads_a_longer_holder_than_the_rules(extract):
    # the rules alone stop at "Agung", a word of institutions, and would take "Prasetyo" alone
    ex = extract("Wali Kota Palu Agung Prasetyo mengatakan harga cabai turun.")
    assert [p for p, _, _, _ in posts(ex)] == ["person:agung-prasetyo"]


@pytest.mark.parametrize(("text", "language", "role", "org"), [
    # NAME menjabat / sebagai POST, the title ending before the day
    ("Sebelum dilantik, Dimas Prasetyo menjabat Kepala Dinas Sosial Kota Palu.", "id", "head",
     "organisation:dinas-sosial-kota-palu"),
    ("Wali Kota melantik Dimas Prasetyo sebagai Penjabat Sekretaris Daerah (Pj Sekda) Kota Palu pada Selasa lalu.",
     "id", "interim-official", "organisation:pemkot-palu"),
    ("Dimas Prasetyo, who serves as the director of the Urban Studies Foundation, opened the meeting.", "en",
     "director", "organisation:urban-studies-foundation"),
    ("Dimas Prasetyo, who is also the Mayor of Bogor, opened the meeting.", "en", "mayor", "organisation:pemkot-bogor"),
])
def test_post_constructions_a_verb_or_clause_between_name_and_post(extract, text, language, role, org):
    assert [(r, o) for p, r, o, _ in posts(extract(text, language)) if p == "person:dimas-prasetyo"] == [(role, org)]


def test_post_constructions_a_list_under_a_heading_in_capitals_belongs_to_the_body_it_names(extract):
    text = ("Laporan Sekretariat Kota Tangguh Palu\n\nLaporan ini disusun oleh Sekretariat Kota Tangguh Palu.\n\n"
            "II. DAFTAR PERSONEL SEKRETARIAT\n1. Bpk. Dimas Prasetyo - Deputi CRO\n2. Sdri. Rina Marlina - Manajer Program\n")
    org = "organisation:sekretariat-kota-tangguh-palu"
    assert [o for _, _, o, _ in posts(extract(text))] == [org, org]
    assert [o for _, _, o, _ in posts(extract(text, disabled_rules=["membership-heading"]))] == [None, None]


def test_post_constructions_a_rank_opens_a_name_whose_first_word_is_also_a_body_s(extract):
    # "Ferry" also names a ferry company, but after a rank it opens the holder's name
    text = "Namun, belakangan Kabid Humas Polda Sumut Kombes Ferry Simanjuntak membantah bahwa itu adalah OTT."
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [("person:ferry-simanjuntak", "organisation:polda-sumut")]


@pytest.mark.parametrize(("text", "role", "org"), [
    # a rank between the title's area and the name ends the title
    ("Hal itu diungkapkan Kapolsek Kuta Kompol Dimas Prasetyo dalam konferensi pers.", "police-chief",
     "organisation:polsek-kuta"),
    ("Direktur Jenderal Pajak Dimas Prasetyo mengatakan penundaan dilakukan.", "director-general", "organisation:djp"),
    ("Hal itu diungkap oleh Sekretaris Kabinet Dimas Prasetyo saat berkunjung.", "cabinet-secretary",
     "organisation:setkab"),
])
def test_post_constructions_titles_of_the_press(extract, text, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [("person:dimas-prasetyo", role, org)]


def test_post_constructions_a_judge_s_title_is_no_part_of_the_name(extract):
    ex = extract("Sidang dipimpin Ketua Majelis Hakim Dimas Prasetyo yang membacakan vonis.")
    assert [(p, r) for p, r, _, _ in posts(ex)] == [("person:dimas-prasetyo", "presiding-judge")]


@pytest.mark.parametrize(("text", "language", "holders"), [
    # the title's capitalised words run on into the room where the holder asks: the name ends before "di"
    ("\"Saudara sudah membaca berkas itu?\" tanya Ketua Majelis Hakim Kristian Zalukhu di Ruang Cakra.", "id",
     [("person:kristian-zalukhu", "presiding-judge")]),
    # a title of another language is not cut so: its last words are no name
    ("Kelas itu diisi Head of Dental Care Doctor di Rumah Senyum Centre dr Rina Marlina, yang membagikan kiat.", "id",
     []),
])
def test_post_constructions_the_holder_before_the_place_where_they_are(extract, text, language, holders):
    ex = extract(text, language)
    assert [(p, r) for p, r, _, _ in posts(ex)] == holders
    assert not [e for e in ex.entities.values() if e.kind == "person" and "Doctor" in e.name]


@pytest.mark.parametrize(("text", "org"), [
    # one word after a body named by a place or a rank is its holder's name, not the body's last word
    ("Kepala Kejati Jatim Prasetyawati mengatakan, sinergi itu bukan hal baru.", "organisation:kejati-jatim"),
    ("Kabid Humas Polda Bali Kombes Prasetyawati mengatakan, laporan itu diselidiki.", "organisation:polda-bali"),
])
def test_post_constructions_one_word_name_after_a_body_s_place_or_a_rank(extract, text, org):
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [("person:prasetyawati", org)]


def test_post_constructions_an_ordinal_inside_a_title(extract):
    ex = extract("Satgas yang dibentuk di era Presiden ke-7 Dimas Prasetyo itu dianggap gagal.")
    assert [(p, r) for p, r, _, _ in posts(ex)] == [("person:dimas-prasetyo", "president")]


def test_post_constructions_a_name_read_inside_the_title_s_holder(extract):
    # the rules read "I Made Prasetya" as the holder; the person found is "Made Prasetya"
    ex = extract("Lewat regulasi itu, Wakil Bupati Bangli I Made Prasetya berharap iklim investasi membaik.")
    assert [(r, o) for _, r, o, _ in posts(ex)] == [("vice-regent", "organisation:pemerintah-kabupaten-bangli")]


def test_post_constructions_one_word_after_a_known_body_is_its_holder_s_name(extract):
    ex = extract("Hal itu disampaikan Ketua KPU RI Prasetyawati dalam jumpa pers di kantornya.")
    assert [(p, o) for p, _, o, _ in posts(ex)] == [("person:prasetyawati", "organisation:kpu")]


@pytest.mark.parametrize(("text", "language", "role", "org"), [
    ("Kadis Sosial Kota Palu Dimas Prasetyo membuka acara itu.", "id", "head", "organisation:dinas-sosial-kota-palu"),
    ("Wagub Sulawesi Tengah Dimas Prasetyo membuka acara itu.", "id", "vice-governor",
     "organisation:pemprov-sulawesi-tengah"),
    # an agency named inside an English title is its body (a division stays part of the title)
    ("Dimas Prasetyo, Head of the Palu Social Affairs Agency, opened the event.", "en", "head",
     "organisation:palu-social-affairs-agency"),
])
def test_post_constructions_short_titles_and_agencies_name_their_body(extract, text, language, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text, language))] == [("person:dimas-prasetyo", role, org)]


def test_post_constructions_an_acronym_with_its_locality_ends_where_the_holder_begins(extract):
    ex = extract("Kepala Bappeda Provinsi Jawa Tengah Dimas Prasetyo hadir dalam rapat.")
    assert [(p, o) for p, _, o, _ in posts(ex)] == [("person:dimas-prasetyo", "organisation:bappeda-provinsi-jawa-tengah")]
    assert ex.entities["organisation:bappeda-provinsi-jawa-tengah"].name == "Bappeda Provinsi Jawa Tengah"


@pytest.mark.parametrize(("text", "org"), [
    # a unit named inside a title that goes on to its body is part of the title
    ("Dimas Prasetyo, Head of Drainage and Pumping Division, Dinas Sumber Daya Air, spoke first.",
     "organisation:dinas-sumber-daya-air"),
    # a centre named inside a title with nothing after it is the title's body
    ("Dimas Prasetyo, Director of the Asian Center for Coastal Studies, spoke first.",
     "organisation:asian-center-for-coastal-studies"),
])
def test_post_constructions_a_unit_inside_a_title(extract, text, org):
    assert [o for p, _, o, _ in posts(extract(text, "en")) if p == "person:dimas-prasetyo"] == [org]


@pytest.mark.parametrize(("text", "org"), [
    # the body is an acronym the lexicon knows: it stands alone before the one-word name
    ("Ketua KPU Prasetyawati mengatakan tahapan berjalan.", "organisation:kpu"),
    # the body's name read from head words ran on into the name before a verb of saying
    ("Ketua Bawaslu Prasetyawati mengatakan tahapan berjalan.", "organisation:bawaslu"),
])
def test_post_constructions_one_word_name_after_a_body_and_before_a_verb_of_saying(extract, text, org):
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [("person:prasetyawati", org)]
    assert "person:prasetyawati" not in extract(text, disabled_rules=["org-ends-at-holder"]).entities


def test_post_constructions_the_first_words_of_a_holder_after_a_body_s_place_are_the_holder_s(extract):
    # the recogniser reads the last words only; the place ends the body's name, so the word after it opens the name
    text = "Proyek jembatan itu diawasi Kepala Dinas PUPR Kabupaten Tapanuli Selatan Elsa Mariani Lubis."
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [
        ("person:elsa-mariani-lubis", "organisation:dinas-pupr-kabupaten-tapanuli-selatan")]
    assert "person:elsa-mariani-lubis" not in extract(text, disabled_rules=["org-ends-at-holder"]).entities


def test_post_constructions_two_unknown_words_ending_a_title_s_body_before_the_clause_s_end_are_a_name(extract):
    text = "Pendapat itu disampaikan Sekretaris Kementerian Pariwisata Wening Aji. Ia optimistis kunjungan naik."
    orgs = [k for k in extract(text).entities if k.startswith("organisation:")]
    assert orgs == ["organisation:kemenparekraf"]
    assert "organisation:kemenparekraf" not in extract(text, disabled_rules=["org-ends-at-holder"]).entities


def test_post_constructions_a_firm_s_name_after_its_acronym_is_the_firm_s(extract):
    ex = extract("Direktur Utama PT KSA Berkah Energi, Dimas Prasetyo, hadir di lokasi.")
    assert [(p, o) for p, _, o, _ in posts(ex)] == [("person:dimas-prasetyo", "organisation:pt-ksa-berkah-energi")]


def test_post_constructions_a_post_title_after_a_comma_ends_the_body_before_it(extract):
    text = ("Rapat itu diikuti Anggota DPRD Kabupaten Kendal Rina Marlina, Kepala Dinas Pendidikan dan Kebudayaan "
            "Kabupaten Kendal Dimas Prasetyo, dan sejumlah kepala sekolah.")
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [
        ("person:rina-marlina", "organisation:dprd-kabupaten-kendal"),
        ("person:dimas-prasetyo", "organisation:dinas-pendidikan-dan-kebudayaan-kabupaten-kendal")]


def test_post_constructions_a_head_word_as_a_minister_s_field_opens_no_body(extract):
    ex = extract("Acara itu dihadiri Wakil Menteri Koperasi Rina Marlina dan warga.")
    assert [(p, o) for p, _, o, _ in posts(ex)] == [("person:rina-marlina", "organisation:kemenkop")]


def test_post_constructions_a_comma_inside_the_body_s_name_continues_the_title(extract):
    ex = extract("Kepala Dinas Kepemudaan, Olahraga, dan Pariwisata Provinsi Bali Dimas Prasetyo membuka lomba "
                 "lari itu.")
    assert [(p, o) for p, _, o, _ in posts(ex)] == [
        ("person:dimas-prasetyo", "organisation:dinas-kepemudaan-olahraga-dan-pariwisata-provinsi-bali")]


def test_post_constructions_one_word_right_after_a_title_before_a_word_in_lower_case_is_its_holder(extract):
    ex = extract("Pernyataan itu disampaikan Menko Rahmat yang meninjau lokasi banjir.")
    assert [(p, r) for p, r, _, _ in posts(ex)] == [("person:rahmat", "coordinating-minister")]


@pytest.mark.parametrize("text", [
    "Warga mempertanyakan kebijakan Menteri Keuangannya kemarin.",  # a common word with "-nya"
    "Lembaga itu ditunjuk menjadi Mandated Lead Arranger untuk proyek jalan tol.",  # an English title in Indonesian
])
def test_post_constructions_no_holder_right_after_a_title_from_a_common_word_or_another_language(extract, text):
    assert not [e for e in extract(text).entities.values() if e.kind == "person"]


def test_post_constructions_a_word_after_a_place_in_a_firm_s_name_is_the_firm_s(extract):
    ex = extract("Saksi itu selaku Direktur PT Kendari Lestari sejak 2006 dan pemilik saham.")
    assert [e.name for e in ex.entities.values() if e.kind in ("person", "organisation")] == ["PT Kendari Lestari"]


def test_post_constructions_a_name_opening_with_a_word_of_institutions_after_a_title_s_field(extract):
    ex = extract("Menteri Koordinator Bidang Pangan Diponegoro Santoso merespons kenaikan harga beras.")
    assert [(p, r, o) for p, r, o, _ in posts(ex)] == [
        ("person:diponegoro-santoso", "coordinating-minister", "organisation:kemenko-pangan")]
    # unless all its words are words of institutions, or they end a body's name the lexicon knows
    ex = extract("Kunjungan itu diikuti Deputi Gubernur DKI Jakarta Bidang Tata Ruang dan Lingkungan Hidup serta beberapa "
                 "kepala dinas.")
    assert not [e for e in ex.entities.values() if e.kind == "person"]
    ex = extract("Laporan itu diserahkan kepada Kepala Badan Pengelola Investasi (BPI) Daya Anagata Nusantara, Dimas "
                 "Prasetyo, pekan lalu.")
    assert [e.key for e in ex.entities.values() if e.kind == "person"] == ["person:dimas-prasetyo"]


def test_post_constructions_a_place_after_a_body_is_no_lone_name(extract):
    ex = extract("Ketua Bawaslu Jabar mengatakan tahapan berjalan.")
    assert not any(k.startswith("person:") for k in ex.entities)


def test_post_constructions_two_titles_and_their_holders_joined_by_dan(extract):
    text = "Hari ini Presiden Dimas Prasetyo dan Wakil Presiden Rina Marlina Hartati meninjau pasar."
    assert [(p, r) for p, r, _, _ in posts(extract(text))] == [
        ("person:dimas-prasetyo", "president"), ("person:rina-marlina-hartati", "vice-president")]


def test_post_constructions_a_field_joined_by_dan_stays_in_the_title(extract):
    text = "Menteri Koordinator Bidang Politik dan Keamanan Dimas Prasetyo hadir."
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [
        ("person:dimas-prasetyo", "organisation:kemenko-polkam")]


def test_post_constructions_a_title_held_then_before_the_name(extract):
    text = "Jakarta, 3 Mei 2024. Ketua Asosiasi Kota Pesisir saat itu, Dimas Prasetyo, menyebut calon hanya satu."
    ex = extract(text)
    assert [(m.person, m.organisation, str(m.before)) for m in ex.memberships] == [
        ("person:dimas-prasetyo", "organisation:asosiasi-kota-pesisir", "2024-05-03")]
    assert [m.before for m in extract(text, disabled_rules=["post-former"]).memberships] == [None]


def test_post_constructions_a_place_of_two_words_ends_a_title_not_its_holder(extract):
    text = "Kebijakan itu dari Bupati Kuantan Singingi saat itu, Dimas Prasetyo yang memindahkan lokasi proyek."
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [
        ("person:dimas-prasetyo", "organisation:pemerintah-kabupaten-kuantan-singingi")]


def test_post_constructions_a_title_before_the_name_and_another_after_it(extract):
    text = "Dalam jumpa pers, Ketua Asosiasi Kota Pesisir, Dimas Prasetyo, yang juga Gubernur Jawa Tengah, membuka kongres."
    assert sorted((r, o) for _, r, o, _ in posts(extract(text))) == [
        ("chair", "organisation:asosiasi-kota-pesisir"), ("governor", "organisation:pemprov-jawa-tengah")]


@pytest.mark.parametrize(("text", "language", "role", "org"), [
    ("Dimas Prasetyo, yang memimpin Dinas Sosial Kota Palu, meninjau dapur umum.", "id", "head",
     "organisation:dinas-sosial-kota-palu"),
    ("The plan was drafted by Mr. Dimas Prasetyo, who also coordinated the Urban Studies Foundation.", "en",
     "coordinator", "organisation:urban-studies-foundation"),
])
def test_post_constructions_a_role_from_a_verb_of_holding_it(extract, text, language, role, org):
    assert [(p, r, o) for p, r, o, _ in posts(extract(text, language))] == [("person:dimas-prasetyo", role, org)]
    assert posts(extract(text, language, disabled_rules=["post-verb"])) == []


def test_post_constructions_a_signature_block_title_then_name(extract):
    text = ("Laporan bulan ini selesai disusun.\n\nPalu, Agustus 2018\nKepala Dinas Sosial Kota Palu (Kadinsos)\n\n"
            "Dr. Ir. Dimas Prasetyo, M.T.\n")
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [
        ("person:dimas-prasetyo", "head", "organisation:dinas-sosial-kota-palu")]
    assert posts(extract(text, disabled_rules=["post-signature"])) == []


def test_post_constructions_a_title_line_and_a_paragraph_after_it_is_no_signature(extract):
    text = "Kepala Dinas Sosial Kota Palu\n\nDimas Prasetyo membuka rapat. Rina Marlina Hartati hadir."
    assert posts(extract(text)) == []


@pytest.mark.parametrize(("text", "org"), [
    ("Ketua Kelompok Swadaya Masyarakat Mekar Sari, Hasnah Laode, menjelaskan jadwal setoran.",
     "organisation:kelompok-swadaya-masyarakat-mekar-sari"),
    ("Ketua Paguyuban Rukun Santoso, Hasnah Laode mengatakan warga sepakat.", "organisation:paguyuban-rukun-santoso"),
])
def test_post_constructions_a_name_between_commas_after_the_title_holds_it(extract, text, org):
    """The capitalised words before the comma are the body's, though they look like a name."""
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [("person:hasnah-laode", "chair", org)]


def test_post_constructions_a_list_of_titles_after_a_comma_keeps_each_holder(extract):
    text = "Hadir Menteri Keuangan Dimas Prasetyo, Menko Pangan Budi Santosa dan Sekretaris Kabinet Rina Marlina."
    holders = [p for p, _, _, _ in posts(extract(text))]
    assert "person:dimas-prasetyo" in holders


@pytest.mark.parametrize("name", ["Tedi Arya Wijaya", "Jessy Indra Putri"])
def test_post_constructions_a_name_the_recogniser_reads_in_part_holds_the_title_whole(extract, name):
    """The recogniser reads the last two words; the first, no word of a title, is the name's too."""
    ex = extract(f"Hadir pula Sekretaris Kabinet {name} di Istana.")
    key = "person:" + name.lower().replace(" ", "-")
    assert [(p, r) for p, r, _, _ in posts(ex)] == [(key, "cabinet-secretary")]
    assert ex.entities[key].name == name


@pytest.mark.parametrize(("text", "language"), [
    ("Joko Susilo, Programme Officer at Yayasan Pesisir Lestari, joined the team.", "en"),
    ("Joko Susilo, peneliti di Yayasan Pesisir Lestari, mengatakan data itu lengkap.", "id"),
])
def test_post_constructions_the_body_after_at_keeps_its_words(extract, text, language):
    """After "at" / "di", the words after the body's head word are its name, not a second holder."""
    assert [(p, o) for p, _, o, _ in posts(extract(text, language))] == [
        ("person:joko-susilo", "organisation:yayasan-pesisir-lestari")]


def test_post_constructions_a_possessive_before_the_title_after_a_name(extract):
    ex = extract("On 4 June the team visited the pumping station, where Dimas Prasetyo, the station's director, "
                 "explained the warnings.", "en")
    assert [(p, r) for p, r, _, _ in posts(ex)] == [("person:dimas-prasetyo", "director")]


def test_post_constructions_two_titles_joined_by_dan_make_one_word_after_each_a_name(extract):
    text = "Secara gabungan, Presiden Darmono dan Wapres Wiryono dinilai stabil."
    assert [(p, r) for p, r, _, _ in posts(extract(text))] == [
        ("person:darmono", "president"), ("person:wiryono", "vice-president")]


def test_post_constructions_a_word_after_the_holder_and_di_is_no_holder(extract):
    text = "Pertemuan Presiden Dimas Prasetyo dan Presiden ke-7 RI Rina Marlina di Kertasari berlangsung hangat."
    assert "person:kertasari" not in extract(text).entities


def test_post_constructions_a_place_of_two_words_ends_the_body_before_its_holder(extract):
    text = "Kasi Intel Kejaksaan Negeri Rokan Hilir Darmono mengatakan tersangka ditahan."
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [
        ("person:darmono", "head-of-section", "organisation:kejaksaan-negeri-rokan-hilir")]


@pytest.mark.parametrize(("short", "org"), [
    ("Mendiktisaintek", "organisation:kemendiktisaintek"),
    ("Mendikdasmen", "organisation:kemendikdasmen"),
    ("Menkum", "organisation:kemenkum"),
])
def test_post_constructions_a_minister_by_the_short_form_of_the_cabinet(extract, short, org):
    text = f"Acara itu dibuka {short} Dimas Prasetyo di Jakarta."
    assert [(p, r, o) for p, r, o, _ in posts(extract(text))] == [("person:dimas-prasetyo", "minister", org)]


@pytest.mark.parametrize(("text", "org"), [
    ("Managing Director Lumora Indonesia Rudi Hartanto menyampaikan pihaknya siap.", "organisation:lumora-indonesia"),
    # the holder after a comma; a one-word name before a verb of saying
    ("Wakil Kepala SMKN Harapan Bangsa, Wiryono, mengatakan kondisi sekolah baik.", "organisation:smkn-harapan-bangsa"),
])
def test_post_constructions_the_words_between_a_title_and_its_holder_name_its_body(extract, text, org):
    assert [o for _, _, o, _ in posts(extract(text))] == [org]
    assert [o for _, _, o, _ in posts(extract(text, disabled_rules=["org-between-title-and-holder"]))] == [None]


@pytest.mark.parametrize("text", [
    "Kasat Reskrim Rudi Hartanto memimpin tim gabungan.",  # one word: a unit as often as a body
    "Menteri Sosial Rudi Hartanto meninjau dapur umum.",  # the title names its body by its own rule
])
def test_post_constructions_no_body_from_one_word_or_a_title_with_its_own(extract, text):
    assert not [e for e in extract(text).entities.values()
                if e.kind == "organisation" and "org-between-title-and-holder" in [s.rule for s in e.spans]]


def test_post_constructions_the_holder_the_recogniser_reads_with_the_body_starts_after_it(extract):
    text = "Manager Operasional Griya Asri Estate Dodi Kurniawan mengatakan banjir sudah lama."
    assert [(p, o) for p, _, o, _ in posts(extract(text))] == [
        ("person:dodi-kurniawan", "organisation:griya-asri-estate")]


@pytest.mark.parametrize(("short", "role"), [
    ("Sesmenko", "secretary"), ("Sesmen", "secretary"), ("Sestama", "principal-secretary")])
def test_post_constructions_a_ministry_s_secretary_by_the_short_form(extract, short, role):
    """ "Sesmenko Dimas Prasetyo ... Dimas": the title is no part of the name, so a later mention refers back."""
    text = f"Rapat dibuka {short} Dimas Prasetyo di Jakarta. Menurut Dimas, rapat lancar."
    assert [(p, r) for p, r, _, _ in posts(extract(text))] == [("person:dimas-prasetyo", role)]


def test_post_constructions_a_junior_attorney_general_and_the_short_form_of_the_title(extract):
    ex = extract("Jaksa Agung Muda Bidang Intelijen (Jamintel), Darmawan Sulaiman, aktif menanam mangrove. "
                 "Jampidsus Rina Marlina menyampaikan perkembangan kasus itu.")
    assert sorted((p, r) for p, r, _, _ in posts(ex)) == [
        ("person:darmawan-sulaiman", "junior-attorney-general"), ("person:rina-marlina", "junior-attorney-general")]
    assert sorted(e.name for e in ex.entities.values() if e.kind == "person") == ["Darmawan Sulaiman", "Rina Marlina"]
