"""The trained recogniser (jejaring.ingest.model): names without titles, offsets that slice back, same text, same spans.

Every person here is invented; the institutions are real Indonesian ones.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.ingest.model import load_tagger, recognise, spans_from_tags
from jejaring.ingest.model.tokens import sentences, tokenise


def _found(text: str, label: str) -> list[str]:
    return [text[s:e] for s, e, kind in recognise(text) if kind == label]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Wali Kota Bogor Rina Wulandari meresmikan taman kota yang baru pada Senin pagi.", "Rina Wulandari", "Wali Kota"),
        ("Gubernur Jawa Tengah Budi Santosa Hartono menghadiri rapat koordinasi di Semarang.", "Budi Santosa Hartono",
         "Gubernur"),
        ("Menurut Sekretaris Daerah Kabupaten Bandung Agus Pratama, anggaran sudah disiapkan.", "Agus Pratama",
         "Sekretaris"),
        ("Kepala Dinas Lingkungan Hidup Kota Surabaya, Dewi Anggraini, mengatakan program itu berjalan baik.",
         "Dewi Anggraini", "Kepala"),
    ],
)
def test_model_person_after_title_is_found_without_the_title(text, name, title):
    persons = _found(text, "PERSON")
    assert name in persons
    assert not any(title in p for p in persons)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rina Wulandari, the mayor of Bogor, met officials from the national planning agency.", "Rina Wulandari"),
        ("The head of the city's environment agency, Dewi Anggraini, said the programme went well.", "Dewi Anggraini"),
    ],
)
def test_model_person_in_english_text(text, name):
    assert name in _found(text, "PERSON")


def test_model_ministry_is_an_organisation():
    text = "Gubernur Budi Santosa Hartono menghadiri rapat di Kementerian Dalam Negeri pekan lalu."
    assert "Kementerian Dalam Negeri" in _found(text, "ORG")


def test_model_headline_verb_is_not_part_of_the_name():
    text = "Wali Kota Rina Wulandari Resmikan Taman Baru di Bogor\n\nWali Kota Bogor Rina Wulandari meresmikan taman."
    persons = _found(text, "PERSON")
    assert "Rina Wulandari" in persons
    assert not any("Resmikan" in p for p in persons)


@pytest.mark.parametrize(
    "text",
    [
        "Wali Kota Bogor Rina Wulandari meresmikan taman kota.",
        # Characters outside the BMP and combining accents before the names: offsets count code points.
        "Café 🌆 “Senja” di Depok — kata Kepala Bappeda Kota Depok, Dr. Andi Saputra, kemarin.",
        "Rina Wulandari\n\n\tbertemu   Agus Pratama di Kantor Gubernur Jawa Barat.",
    ],
)
def test_model_offsets_slice_back_to_the_text(text):
    spans = recognise(text)
    assert spans
    for start, end, label in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert label in {"PERSON", "ORG", "PLACE"}
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_model_offsets_after_astral_characters():
    text = "🌆🌆 Wali Kota Bogor Rina Wulandari meresmikan taman kota."
    assert "Rina Wulandari" in _found(text, "PERSON")


def test_model_same_input_gives_the_same_spans():
    text = "Gubernur Jawa Tengah Budi Santosa Hartono bertemu Wali Kota Bogor Rina Wulandari di Jakarta."
    first = recognise(text)
    load_tagger.cache_clear()
    assert recognise(text) == first
    assert recognise(text) == first


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_model_empty_text_gives_nothing(text):
    assert recognise(text) == []


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Rina Wulandari KPK di Bogor.,\n(“”)-é🌆")), max_size=80))
def test_model_spans_are_ordered_disjoint_and_in_bounds(text):
    spans = recognise(text)
    for start, end, _label in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_model_tokens_slice_back_and_headline_is_its_own_sentence():
    text = "Judul Berita Baru\nDr. Rina tiba di Bogor. Ia disambut warga."
    words = "Budi-Rina, 2.000 (24/8)"
    assert [words[s:e] for s, e in tokenise(words)] == ["Budi-Rina", ",", "2.000", "(", "24/8", ")"]
    sents = [[text[s:e] for s, e in sent] for sent in sentences(text)]
    assert sents == [["Judul", "Berita", "Baru"], ["Dr", ".", "Rina", "tiba", "di", "Bogor", "."],
                     ["Ia", "disambut", "warga", "."]]


def test_model_spans_from_tags_starts_a_span_at_a_stray_inside_tag():
    offsets = [(0, 3), (4, 7), (8, 11), (12, 15)]
    assert spans_from_tags(offsets, ["I-ORG", "I-ORG", "B-PLACE", "I-PERSON"]) == [(0, 7, "ORG"), (8, 11, "PLACE"),
                                                                                   (12, 15, "PERSON")]
