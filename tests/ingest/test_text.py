"""Matching many lexicon terms in one pass: the same matches as one pattern per term."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.ingest.extract.text import any_term, matches_at, term_starts

# Small alphabets make overlapping and repeated terms likely ("aba" in "ababa", "a-b" beside "a").
terms = st.lists(st.text(alphabet="abA -.", min_size=1, max_size=4), min_size=1, max_size=6, unique=True)
texts = st.text(alphabet="abA -.\nx", max_size=40)
EDGES = [(r"(?<!\w)", r"(?!\w)"), (r"(?<![\w-])", r"(?![\w-])"), (r"(?<![\w.])", r"(?=[\s])")]


@settings(max_examples=300, derandomize=True, database=None)
@given(terms=terms, text=texts, flags=st.sampled_from([0, re.IGNORECASE]), edges=st.sampled_from(EDGES))
def test_text_matches_at_term_starts_are_each_terms_own_matches(terms, text, flags, edges):
    before, after = edges
    starts = term_starts(text, tuple(terms), flags, before, after)
    for term in terms:
        own = re.compile(f"{before}{re.escape(term)}{after}", flags)
        assert [m.span() for m in matches_at(own, text, starts)] == [m.span() for m in own.finditer(text)]


@settings(max_examples=300, derandomize=True, database=None)
@given(terms=terms, text=texts, flags=st.sampled_from([0, re.IGNORECASE]))
def test_text_any_term_finds_a_term_exactly_when_one_term_alone_would(terms, text, flags):
    alone = any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text, flags) for t in terms)
    assert (any_term(tuple(terms), flags).search(text) is not None) == alone


@pytest.mark.parametrize(("text", "expected"), [
    ("Diskusi Publik dan diskusi publik", [0, 19]),  # case folded with IGNORECASE
    ("pra-diskusi publik", []),  # a hyphen before the cue is no word edge for event cues
    ("", []),
])
def test_text_term_starts_of_event_cues(text, expected):
    assert term_starts(text, ("diskusi publik", "diskusi"), re.IGNORECASE, r"(?<![\w-])", r"(?![\w-])") == expected
