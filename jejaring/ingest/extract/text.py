"""The layout of a cleaned text: lines, list items and sentences, each with code-point offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from jejaring.ingest.lexicon import Lexicon, load_lexicon

__all__ = ["Layout", "Line", "Segment", "any_term", "layout_of", "matches_at", "pattern", "term_starts"]

# A list marker at the start of a line: bullets, "1." / "1)", "(a)", "a.", roman numerals in brackets.
LIST_MARKER = re.compile(
    r"[ \t]*(?:[•●▪◦‣∙·*\-–]|\d{1,3}[.)]|\(?[a-z][.)]|\[(?:[ivxlc]+|\d{1,3})\]|\((?:[ivxlc]+|\d{1,3})\))[ \t]+",
    re.IGNORECASE,
)
# Inline enumeration markers such as "[i]", "[ii]", "(1)" inside a line.
INLINE_MARKER = re.compile(r"\[(?:[ivxlc]+|\d{1,3})\]|\((?:[ivx]+|\d{1,2})\)(?=\s)")
_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]*)(?=\s+[\"'“‘(\[]?[A-Z0-9•\-])|[.!?](?=\s*$)")


@cache
def pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` kept for the process: patterns built from lexicon entries outnumber ``re``'s own cache."""
    return re.compile(source, flags)


@cache
def any_term(terms: tuple[str, ...], flags: int = 0, before: str = r"(?<!\w)", after: str = r"(?!\w)") -> re.Pattern[str]:
    """One pattern for any of ``terms`` between the lookarounds ``before`` and ``after``. It matches wherever
    one term's own pattern would, so one pass over a text tells whether any of the terms is in it.

    >>> any_term(("wali kota", "lurah")).search("bertemu Lurah dan wali kota") is not None
    True
    """
    return re.compile(f"{before}(?:{'|'.join(map(re.escape, terms))}){after}", flags)


@cache
def _starts(terms: tuple[str, ...], flags: int, before: str, after: str) -> re.Pattern[str]:
    return re.compile(f"{before}(?=(?:{'|'.join(map(re.escape, terms))}){after})", flags)


def term_starts(text: str, terms: tuple[str, ...], flags: int = 0, before: str = r"(?<!\w)",
                after: str = r"(?!\w)") -> list[int]:
    """Every offset where one of ``terms`` (between ``before`` and ``after``) starts, overlapping ones too,
    found in one pass over the text: give them to :func:`matches_at`.

    >>> term_starts("learning visit visit", ("learning visit", "visit"))
    [0, 9, 15]
    """
    return [m.start() for m in _starts(terms, flags, before, after).finditer(text)]


def matches_at(compiled: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``compiled.finditer(text)`` for a pattern that can only match at ``starts`` (sorted, from
    :func:`term_starts`): the same matches, tried only there instead of at every offset.

    >>> [m.span() for m in matches_at(re.compile(r"visit"), "learning visit visit", [0, 9, 15])]
    [(9, 14), (15, 20)]
    """
    end = 0
    for start in starts:
        if start >= end and (m := compiled.match(text, start)):
            end = m.end()
            yield m


@dataclass(frozen=True)
class Segment:
    """A stretch ``[start, end)`` of the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Line(Segment):
    """A line; ``marker_end`` is where the content starts after a list marker (== start when none)."""

    marker_end: int
    indent: int

    @property
    def is_item(self) -> bool:
        """True when the line starts with a list marker."""
        return self.marker_end > self.start

    @property
    def content(self) -> Segment:
        """The line without its list marker."""
        return Segment(self.marker_end, self.end, self.text[self.marker_end - self.start:])


class Layout:
    """Lines, paragraphs and sentences of a text, computed once and shared by the extractors; a full stop
    after one of the lexicon's ``abbreviations`` (the shipped lexicon's unless one is given) ends no sentence."""

    def __init__(self, text: str, lexicon: Lexicon | None = None) -> None:
        self.text = text
        self.lexicon = lexicon

    @cached_property
    def lines(self) -> list[Line]:
        """Every non-empty line, with its list marker (if any) recognised."""
        out = []
        for m in re.finditer(r"[^\n]+", self.text):
            raw = m.group()
            if not raw.strip():
                continue
            start = m.start() + (len(raw) - len(raw.lstrip()))
            end = m.end() - (len(raw) - len(raw.rstrip()))
            marker = LIST_MARKER.match(self.text, m.start(), end)
            marker_end = marker.end() if marker and marker.end() < end else start
            indent = len(raw) - len(raw.lstrip())
            out.append(Line(start, end, self.text[start:end], marker_end, indent))
        return out

    @cached_property
    def sentences(self) -> list[Segment]:
        """Sentences: a line break always ends one; so does a full stop not after an abbreviation."""
        abbreviations = _abbreviations(self.lexicon or load_lexicon())
        out = []
        for line in self.lines:
            begin = line.marker_end
            for m in _SENTENCE_END.finditer(self.text, line.marker_end, line.end):
                # the word before the stop (read from a short window: a line of "A. A. A." is not re-read)
                word = re.search(r"([\w.]+)$", self.text[max(begin, m.start() - 64):m.start()])
                if word and (word.group(1).lower().rstrip(".") in abbreviations or re.fullmatch(r"[A-Z]", word.group(1))):
                    continue
                out.append(self._segment(begin, m.end()))
                begin = m.end()
            if begin < line.end and self.text[begin:line.end].strip():
                out.append(self._segment(begin, line.end))
        return out

    def sentence_at(self, offset: int) -> Segment:
        """The sentence holding ``offset`` (or the nearest one before it)."""
        best = self.sentences[0] if self.sentences else Segment(0, len(self.text), self.text)
        for s in self.sentences:
            if s.start <= offset:
                best = s
            else:
                break
        return best

    def line_at(self, offset: int) -> Line | None:
        """The line holding ``offset``."""
        for line in self.lines:
            if line.start <= offset < line.end or line.start <= offset == line.end:
                return line
        return None

    def _segment(self, start: int, end: int) -> Segment:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Segment(start, end, self.text[start:end])


@lru_cache(maxsize=4)
def _abbreviations(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in lexicon.words("abbreviations"))


def layout_of(text: str, lexicon: Lexicon | None = None) -> Layout:
    """The layout of a text (its abbreviations those of ``lexicon``, the shipped lexicon's by default).

    >>> [s.text for s in layout_of("Dr. Ir. Hendra W. Saputra membuka acara. Peserta hadir.").sentences]
    ['Dr. Ir. Hendra W. Saputra membuka acara.', 'Peserta hadir.']
    """
    return Layout(text, lexicon)
