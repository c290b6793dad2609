"""recognised-organisations: an organisation the recogniser reads where no rule found one is kept when the
lexicon confirms it (a known name, or a head word that types it), rule ``org-model``."""

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
