"""recognised-organisations: an organisation the recogniser reads where no rule found one is kept when the
lexicon confirms it (a known name, or a head word that types it), rule ``org-model``, or when the recogniser reads
the same name as a body twice, rule ``org-model-repeated``."""

from __future__ import annotations

import pytest


def organisations(ex):
    return {e.name: (e.org_kind, [s.rule for s in e.spans]) for e in ex.entities.values()
            if type(e).__name__ == "Organisation"}


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Hasil itu dirilis Lembaga survei Suara Nusa pada Senin.", "Lembaga survei Suara Nusa", "national-agency"),
    ("Laporan Dewan Perwakilan Rakyat Daerah dibacakan kemarin.", "Dewan Perwakilan Rakyat Daerah", "parliament"),
])
def test_recognised_organisations_typed_by_their_head_word(extract, text, name, kind):
    assert organisations(extract(text)) == {name: (kind, ["org-model"])}
    assert organisations(extract(text, disabled_rules=["org-model"])) == {}


def test_recognised_organisations_not_confirmed_by_the_lexicon_are_left_out(extract):
    # the recogniser reads an organisation here, but no head word or lexicon entry says what it is
    from jejaring.ingest.model import recognise

    text = "Kerja sama itu diumumkan Suara Nusa Media pada Senin."
    assert any(label == "ORG" for _, _, label in recognise(text))
    assert organisations(extract(text)) == {}


def test_recognised_organisations_a_name_read_twice_is_a_body(extract):
    """No head word and no lexicon entry: the recogniser reading the same name as a body twice confirms it."""
    text = ("Perusahaan Arunika Digital Indonesia mengembangkan aplikasi pajak. Arunika Digital Indonesia "
            "menggandeng kampus.")
    def orgs(ex):
        return [(e.name, [s.rule for s in e.spans]) for e in ex.entities.values() if e.kind == "organisation"]
    assert orgs(extract(text)) == [("Arunika Digital Indonesia", ["org-model-repeated"] * 2)]
    assert orgs(extract(text, disabled_rules=["org-model-repeated"])) == []
    # the recogniser learned no English: unconfirmed, its reading is no evidence there
    assert orgs(extract(text, "en")) == []


@pytest.mark.parametrize("text", [
    # named by its head word already
    "Grup Lintas Samudra Indonesia membeli kapal baru. Saham Lintas Samudra Indonesia naik 5 persen.",
])
def test_recognised_organisations_a_name_read_twice_adds_no_second_body(extract, text):
    assert [e.name for e in extract(text).entities.values() if e.kind == "organisation"] == [
        "Grup Lintas Samudra Indonesia"]


@pytest.mark.parametrize(("name", "may"), [
    ("Arunika Digital Indonesia", True),
    ("SPT", False),                         # a bare acronym: as often a tax form or a person's initials
    ("Arunika", True),                      # one word, no common one
    ("Sejumlah", False),                    # a word the training corpora use as a common word
    ("CRO Jakarta Berketahanan", False),    # opens with a post
    ("Cross Learning Visit", False),        # ends with an event's cue
    ("Bandung Barat", False),               # a place
])
def test_recognised_organisations_what_a_name_read_twice_may_be(name, may):
    from jejaring.ingest.lexicon import load_lexicon
    from jejaring.ingest.mentions import _may_name_a_body

    assert _may_name_a_body(load_lexicon(), name) is may


def test_recognised_organisations_a_body_s_name_starts_after_the_title_it_began_inside(extract):
    """The recogniser reads "Eksekutif Survekta Indonesia" after "Direktur": the role is "Direktur Eksekutif"."""
    text = ("Kondisi stabil,\" kata Direktur Eksekutif Survekta Indonesia Rudi Hartanto dalam paparannya. \"Harga "
            "naik,\" ujar Direktur Eksekutif Survekta Indonesia Rudi Hartanto dalam rilisnya.")
    def orgs(ex):
        return [e.name for e in ex.entities.values() if e.kind == "organisation"]
    assert orgs(extract(text)) == ["Survekta Indonesia"]
    assert orgs(extract(text, disabled_rules=["name-after-title"])) == ["Eksekutif Survekta Indonesia"]


@pytest.mark.parametrize(("person", "expected"), [(False, ["Wiratmi", "Wiratmi"]), (True, [])])
def test_recognised_organisations_one_word_it_also_reads_in_a_person_s_name_is_no_body(person, expected):
    """The recogniser reads "Wiratmi" as a body twice, and as a person after her title: she is no body."""
    import re

    from jejaring.ingest.document import Document
    from jejaring.ingest.extract.context import Context, Mention
    from jejaring.ingest.findings import Findings
    from jejaring.ingest.lexicon import load_lexicon
    from jejaring.ingest.mentions import recognised_organisations

    text = "Kepala Dinas Pendidikan Wiratmi hadir. Wiratmi menjelaskan jadwal. Menurut Wiratmi, ujian lancar."
    starts = [m.start() for m in re.finditer("Wiratmi", text)]
    f = Findings(Context(Document("x.txt", text, language="id"), load_lexicon()))
    f.settled, f.organisations, f.blocked = [], [], []
    f.recognised = [Mention(s, s + 7, "organisation", "Wiratmi", "recognised") for s in starts[1:]]
    if person:
        f.recognised.append(Mention(starts[0], starts[0] + 7, "person", "Wiratmi", "recognised"))
    recognised_organisations(f)
    assert [m.name for m in f.organisations] == expected
