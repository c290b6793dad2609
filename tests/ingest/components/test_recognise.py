"""recognise: the trained recogniser's persons fill the gaps of the rules and, in Indonesian, confirm what weak
rules read as a name (rule ``person-model``)."""

from __future__ import annotations

import pytest


def persons(ex):
    return {k: [s.rule for s in e.spans] for k, e in ex.entities.items() if k.startswith("person:")}


@pytest.mark.parametrize(("text", "language"), [
    ("Proyek itu dipantau Dimas Prasetyo sejak awal tahun.", "id"),
    ("Menurut Dimas Prasetyo, proyek itu selesai tahun depan.", "id"),
])
def test_recognise_finds_the_person_no_rule_reaches(extract, text, language):
    assert persons(extract(text, language)) == {"person:dimas-prasetyo": ["person-model"]}
    assert persons(extract(text, language, disabled_rules=["person-model"])) == {}


def test_recognise_drops_the_title_the_recogniser_keeps_in_english(extract):
    ex = extract("Yesterday Mayor Dimas Prasetyo visited the flooded market.", "en", pipeline=[
        "recognise", "places", "lessons", "events", "programmes", "organisations", "settle", "posts", "persons",
        "entities"])
    assert [e.name for e in ex.entities.values() if type(e).__name__ == "Person"] == ["Dimas Prasetyo"]


def test_recognise_common_words_are_no_names_with_or_without_the_recogniser(extract):
    """The words its training corpora use often and never in a name ("Misalnya", "Iya") are no name anywhere."""
    text = "Misalnya, kata Kepala Dinas, warga diminta menabung air. Iya, Kepala Dinas Sosial, menurut warga, hadir."
    assert persons(extract(text)) == {}
    assert persons(extract(text, pipeline=[c for c in _default() if c != "recognise"])) == {}


def test_recognise_does_not_veto_in_a_language_it_did_not_learn(extract):
    text = "Rina Marlina of the Faculty of Engineering, Universitas Diponegoro joined."
    assert "person:rina-marlina" in persons(extract(text, "en"))


def _default():
    from jejaring.ingest.pipeline import DEFAULT_PIPELINE

    return DEFAULT_PIPELINE


def test_recognise_silence_drops_only_what_the_weakest_rules_gathered():
    """A listed name with its post ("1. X, Post") stands on its list's structure even where the recogniser reads
    nothing; an item that holds only capitalised words ("1. Genjot Produksi Garam") does not."""
    from jejaring.ingest.extract.context import Mention
    from jejaring.ingest.extract.persons import _confirmed

    listed = Mention(3, 20, "person", "Wuryanto Iskandar", "person-list", post_text=(22, 40))
    heading = Mention(3, 20, "person", "Genjot Produksi Garam", "person-list")
    joined = Mention(3, 20, "person", "Cuaca Ekstrem", "person-coordinated")
    lone = Mention(0, 8, "person", "Misalnya", "person-context")
    assert [_confirmed(m, []) for m in (listed, heading, joined, lone)] == [True, False, False, False]
    assert _confirmed(joined, [Mention(3, 8, "person", "Cuaca", "recognised")])
    assert _confirmed(heading, [Mention(3, 20, "person", "Genjot Produksi Garam", "recognised")])


def test_recognise_person_over_a_programme_example_is_no_person():
    """The programme a lesson gives as its example stays a programme, whatever the recogniser reads there."""
    from jejaring.ingest.document import Document
    from jejaring.ingest.extract.context import Context, Mention
    from jejaring.ingest.findings import Findings
    from jejaring.ingest.lexicon import load_lexicon
    from jejaring.ingest.pipeline import DEFAULT_PIPELINE
    from jejaring.ingest.registry import check_pipeline

    text = "Pembelajaran:\n1. Inklusif: the Happy Corner Cafe employs people with disabilities, a model for Bandung.\n"
    findings = Findings(Context(Document("x.txt", text, language="id"), load_lexicon()))
    steps = check_pipeline([c for c in DEFAULT_PIPELINE if c != "recognise"])
    for step in steps[:[s.name for s in steps].index("persons")]:
        step.func(findings)
    start = text.index("Happy")
    assert [(p.start, p.rule) for p in findings.programmes] == [(start, "programme-example")]
    findings.recognised = [Mention(start, start + len("Happy Corner Cafe"), "person", "Happy Corner Cafe", "recognised")]
    next(s for s in steps if s.name == "persons").func(findings)
    assert [m.name for m in findings.persons] == []


def test_recognise_a_name_starts_after_the_common_words_the_recogniser_took_with_it(extract):
    """The recogniser reads "Hidup Wahyu ..." as one person; the title keeps its own word and the name its own."""
    text = "Ia bertemu dengan Menteri Lingkungan Hidup Wahyu Tirta Nugraha pada Senin."
    assert [(m.person, m.organisation) for m in extract(text).memberships] == [
        ("person:wahyu-tirta-nugraha", "organisation:klh")]
    assert extract(text, disabled_rules=["name-after-common-words"]).memberships == []


def test_recognise_one_word_left_after_a_title_is_kept_with_it(extract):
    """ "Camat Tambora": one word after the title could be its place, so the recogniser's span stays whole."""
    from jejaring.ingest.extract.context import Mention
    from jejaring.ingest.mentions import _after_common_words

    m = Mention(0, 13, "person", "Camat Tambora", "recognised")
    assert _after_common_words(m) is m


@pytest.mark.parametrize(("span", "name"), [
    ("Rokan Hilir Wiratmo", "Wiratmo"),            # a place of two words, one word left
    ("Solok Wiratmo Widjaya", "Wiratmo Widjaya"),  # a place of one word, two words left
    ("Solok Wiratmo", "Solok Wiratmo"),            # one word could not stand alone: kept whole
    ("Jateng Wiratmo", "Wiratmo"),                 # a province, one word left: no one is named after a province
    ("Wiratmo Widjaya", "Wiratmo Widjaya"),
])
def test_recognise_a_name_starts_after_the_place_the_recogniser_took_with_it(span, name):
    from jejaring.ingest.document import Document
    from jejaring.ingest.extract.context import Context, Mention
    from jejaring.ingest.findings import Findings
    from jejaring.ingest.lexicon import load_lexicon
    from jejaring.ingest.mentions import _after_place

    text = f"Bupati {span} hadir."
    findings = Findings(Context(Document("x.txt", text, language="id"), load_lexicon()))
    m = _after_place(findings, Mention(7, 7 + len(span), "person", span, "recognised"))
    assert (m.name, text[m.start:m.end]) == (name, name)


def test_recognise_a_word_the_document_writes_in_lower_case_opens_no_name(extract):
    """ "Jasad Wartini": the recogniser reads a person, but the document writes "jasad" (a body) as a common word
    elsewhere, so the capitalised run at the sentence's start is no name; a web address is no such evidence."""
    found = "Jasad Wartini baru ditemukan pada pagi hari."
    assert persons(extract(found)) == {"person:jasad-wartini": ["person-model"]}
    assert persons(extract(found + " Polisi membawa jasad itu ke rumah sakit.")) == {}
    assert persons(extract(found + " Laman: https://www.contoh.id/jasad")) == {"person:jasad-wartini": ["person-model"]}


def test_recognise_two_persons_with_a_middle_initial_between_them_are_one(extract):
    text = "Kerja sama itu melibatkan Daurulang. Co-Founder & CEO Daurulang, Dimas C. Prasetyo, berterima kasih kepada warga."
    assert persons(extract(text)) == {"person:dimas-c-prasetyo": ["person-model"]}
    assert "person:dimas-c-prasetyo" not in persons(extract(text, disabled_rules=["name-across-initial"]))
