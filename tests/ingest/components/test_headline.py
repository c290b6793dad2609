"""headline: a Title Case headline names only what its body names too."""

from __future__ import annotations

import pytest

BODY = ("\n\nMantan Bupati Garut Dimas Prasetyo diperiksa penyidik Kejaksaan Tinggi Jawa Barat, Senin (3/2/2025). "
        "Dimas datang didampingi kuasa hukumnya.\n")


def names(ex, kind):
    return sorted(e.name for e in ex.entities.values() if type(e).__name__ == kind)


def test_headline_person_is_cut_to_the_name_the_body_gives(extract):
    headline = "Eks Bupati Garut Dimas Diperiksa Kejaksaan, Rumahnya Digeledah"
    ex = extract(headline + BODY)
    assert names(ex, "Person") == ["Dimas Prasetyo"]
    # the headline's "Dimas" is evidence for the body's person
    assert (headline.index("Dimas"), "Dimas") in [(s.start, s.exact) for s in ex.entities["person:dimas-prasetyo"].spans]


def test_headline_switched_off_reads_the_headline_as_a_sentence(extract):
    text = ("Tekan Harga, Pemkot Palu Gencarkan Pasar Murah di Seluruh Kelurahan\n\n"
            "Pemkot Palu menggelar pasar murah di enam kecamatan.\n")
    orgs = [e.name for e in extract(text, disabled_rules=["headline-evidence"]).entities.values()]
    assert "Pemkot Palu Gencarkan Pasar Murah" in orgs
    assert "Pemkot Palu Gencarkan Pasar Murah" not in [e.name for e in extract(text).entities.values()]


@pytest.mark.parametrize(("headline", "starts"), [
    ("Pemkot Palu Gencarkan Pasar Murah Jelang Lebaran", [0]),  # cut to what the body names
    ("Komisi Pengawas Tinjau Pasar Murah Jelang Lebaran", []),  # the body never names it
])
def test_headline_organisation_is_kept_as_far_as_the_body_names_it(extract, headline, starts):
    body = "\n\nPemkot Palu menggelar pasar murah di enam kecamatan, kata Kepala Dinas Perdagangan Kota Palu.\n"
    ex = extract(headline + body)
    assert names(ex, "Organisation") == ["Dinas Perdagangan Kota Palu", "Pemerintah Kota Palu"]  # Pemkot Palu, by its full name
    in_headline = [s for e in ex.entities.values() for s in e.spans if s.start < len(headline) and s.label == "organisation"]
    assert [(s.start, s.exact) for s in in_headline] == [(0, "Pemkot Palu")] * len(starts)


def test_headline_a_kind_of_body_and_a_place_is_kept_without_the_body_naming_it(extract):
    """ "Polresta Kendari": a kind of body and a place the gazetteer knows, so Title Case added no word to it."""
    text = ("Warga Unjuk Rasa di Depan Polresta Kendari Senin Sore\n\n"
            "Ratusan warga berkumpul menuntut kejelasan kasus pencurian ternak di desa mereka.\n")
    assert names(extract(text), "Organisation") == ["Polresta Kendari"]
    assert names(extract(text.replace("Kendari", "Sentosa")), "Organisation") == []


def test_headline_organisation_cut_keeps_no_name_that_ran_on(extract):
    """The long form of "DPRD" read from the whole headline goes with the words it ran on over."""
    text = ("Ketua DPRD Kota Madiun Ajak Warga Rawat Taman Kota\n\nKetua DPRD Kota Madiun Rina Hartati mengajak "
            "warga merawat taman kota setiap pekan.\n")
    labels = [label for e in extract(text).entities.values() if e.kind == "organisation" for label in e.labels()]
    assert "DPRD Kota Madiun" in labels
    assert not [label for label in labels if "Ajak" in label]


def test_headline_in_sentence_case_is_left_alone(extract):
    ex = extract("Bupati Garut Dimas Prasetyo diperiksa kejaksaan hari ini\n\nIa datang pagi.\n")
    assert names(ex, "Person") == ["Dimas Prasetyo"]


def test_headline_english(extract):
    ex = extract("Former Mayor Dimas Questioned By Prosecutors Over Grants\n\nFormer Garut mayor Dimas Prasetyo "
                 "was questioned on Monday. Dimas said he would cooperate.\n", language="en")
    assert not any("Questioned" in n for n in names(ex, "Person"))


def test_headline_after_a_label_and_a_note(extract):
    """A press release's headline comes after its label; it is read with the body's evidence all the same."""
    text = ("SIARAN PERS\nUntuk disiarkan segera\n\nPemkot Palu Gencarkan Pasar Murah Jelang Lebaran\n\n"
            "Pemkot Palu menggelar pasar murah di enam kecamatan.\n")
    assert names(extract(text), "Organisation") == ["Pemkot Palu"]
    switched_off = names(extract(text, disabled_rules=["headline-evidence"]), "Organisation")
    assert any(n.startswith("Pemkot Palu Gencarkan") for n in switched_off)


SUBHEADED = ("Harga Beras Turun Jelang Akhir Tahun\n\nHarga beras di pasar turun sepekan terakhir. Pemprov Jawa Barat "
             "mencatat pasokan cukup.\n\nUpaya Pemprov Jawa Barat Jaga Pasokan\nPemprov Jawa Barat menggelar operasi "
             "pasar di sepuluh kabupaten. Kepala Dinas Perdagangan Rina Hartati memantau harga.\n\n"
             "Rina Hartati Tinjau Gudang Bulog\nIa meninjau gudang di Bandung.\n")


def test_headline_a_subheading_names_what_the_rest_of_the_text_names(extract):
    ex = extract(SUBHEADED)
    labels = [label for e in ex.entities.values() if e.kind == "organisation" for label in e.labels()]
    assert not [label for label in labels if "Jaga" in label]  # the known body's name is cut
    assert names(ex, "Person") == ["Rina Hartati"]  # a person the text names is kept


def test_headline_subheading_switched_off_lets_a_name_run_on(extract):
    ex = extract(SUBHEADED, disabled_rules=["subheading-evidence"])
    labels = [label for e in ex.entities.values() if e.kind == "organisation" for label in e.labels()]
    assert [label for label in labels if "Jaga" in label]


def test_headline_a_word_of_it_repeated_in_the_body_is_no_evidence_of_a_name(extract):
    text = ("KPK Minta Kepala Daerah Terbitkan Surat Edaran\n\nKomisi Pemberantasan Korupsi (KPK) mendorong kepala "
            "daerah menerbitkan Surat Edaran (SE) tentang pencegahan suap.\n")
    assert names(extract(text), "Person") == []


def test_headline_a_speaker_named_by_one_word_in_the_body_is_evidence(extract):
    text = ("Ulang Tahun ke-40, Darmawangsa Sidang di Pengadilan\n\nIa datang ke Pengadilan Negeri Cibinong untuk "
            "mengambil berkas. \"Semoga perkara saya selesai,\" ungkap Darmawangsa kepada wartawan.\n")
    assert names(extract(text), "Person") == ["Darmawangsa"]


def test_headline_a_group_of_people_opening_it_names_no_one(extract):
    text = ("Kampus Digabung, Mahasiswa Khawatirkan Akreditasi\n\nKampus itu resmi digabung pekan lalu.\n"
            "Mahasiswa berharap pimpinan kampus membuka dialog.\n")
    assert names(extract(text), "Person") == []


def test_headline_a_subheading_between_single_line_breaks(extract):
    """News pages often set paragraphs apart by one line break: a Title Case line among them heads a part too."""
    text = ("Kinerja Perbankan Tumbuh\n\nPenyaluran kredit naik sepanjang tahun ini, terutama untuk usaha kecil di daerah.\n"
            "Yayasan Sentosa Raih Mandat Pertama sebagai Koordinator Pembiayaan\n"
            "Baru-baru ini, Yayasan Sentosa mendapatkan mandat pertama untuk menyusun kerangka pembiayaan sosial.\n")
    assert names(extract(text), "Organisation") == ["Yayasan Sentosa"]


def test_headline_a_subheading_of_two_words_names_no_one_by_itself(extract):
    text = ("Elang Muda Menang di Kandang\n\nElang Muda menang 2-0 atas tamu mereka pada laga Minggu sore. Gol pertama "
            "dicetak oleh Dimas Anggara pada menit ke-30.\n\nSusunan Pemain\n\nElang Muda: Teguh Wiranata, Dimas Anggara.\n")
    assert names(extract(text), "Person") == ["Dimas Anggara", "Teguh Wiranata"]
