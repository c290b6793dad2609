"""The ``posts`` component: post titles named without a holder beside them (rule ``post-mention``).

A post mention is no entity: it stands for the one person of the document holding that post (a statement's
speaker), and a name right after it is its holder (``person-after-post``).
"""

from __future__ import annotations

import pytest

SPEAKER_ID = ("Budi Santosa, Lurah Kelurahan Tambora, hadir sejak pagi. "
              "Lurah Kelurahan Tambora menjelaskan bahwa saluran sudah bersih.")
SPEAKER_EN = ("Rina Marlina, Head of the Drainage Division, arrived early. "
              "The Head of the Drainage Division explained that the canals were clear.")
HOLDER = "Deputi Gubernur bidang Tata Ruang Hendra Saputra membuka acara."


@pytest.mark.parametrize(("text", "language", "speaker", "said"), [
    (SPEAKER_ID, "id", "person:budi-santosa", "saluran sudah bersih."),
    (SPEAKER_EN, "en", "person:rina-marlina", "the canals were clear."),
])
def test_posts_post_speaking_is_its_holder(extract, text, language, speaker, said):
    assert [(s.speaker, s.text) for s in extract(text, language).statements] == [(speaker, said)]


@pytest.mark.parametrize(("text", "language", "speakers"), [
    (SPEAKER_ID, "id", ["organisation:kelurahan-tambora"]),  # the body named in the title is left
    (SPEAKER_EN, "en", ["organisation:drainage-division"]),
])
def test_posts_switched_off_post_is_no_speaker(extract, text, language, speakers):
    assert [s.speaker for s in extract(text, language, disabled_rules=["post-mention"]).statements] == speakers


def test_posts_name_after_a_post_holds_it(extract):
    ex = extract(HOLDER)
    assert [(m.person, m.role, m.role_label) for m in ex.memberships] == [
        ("person:hendra-saputra", "deputy-governor", "Deputi Gubernur bidang Tata Ruang")]


def test_posts_switched_off_leaves_no_holder(extract):
    ex = extract(HOLDER, disabled_rules=["post-mention", "person-model"])  # the recogniser would find the name
    assert (ex.entities, ex.memberships) == ({}, [])
