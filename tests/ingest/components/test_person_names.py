"""persons: a name with an OCR slip inside a word ("BaIlo") is read whole, mended, and the slip kept; an initial
written without its full stop ("Dimas P Prasetyo") stays inside the name."""

from __future__ import annotations


def test_person_name_with_a_capital_i_for_an_l_is_mended_and_the_slip_kept(extract):
    ex = extract("Participants:\n- Rina Marlina, Programme Officer, Yayasan Kota Hijau\n"
                 "- Yosef BaIlo, Project Manager, Yayasan Kota Hijau\n", "en")
    person = ex.entities["person:yosef-ballo"]
    assert (person.name, person.hidden_labels) == ("Yosef Ballo", ["Yosef BaIlo"])
    assert [s.exact for s in person.spans] == ["Yosef BaIlo"] * len(person.spans)


def test_person_name_with_capitals_inside_a_word(extract):
    ex = extract("Acara dibuka oleh Rina McDonald, Kepala Seksi Kebersihan Kelurahan Tambora.")
    assert "person:rina-mcdonald" in ex.entities


def test_person_name_with_an_initial_written_without_its_full_stop(extract):
    ex = extract("Komisioner Komnas HAM Dimas P Prasetyo menyebut penilaian itu sudah dilakukan.")
    assert [e.name for k, e in ex.entities.items() if k.startswith("person:")] == ["Dimas P Prasetyo"]
