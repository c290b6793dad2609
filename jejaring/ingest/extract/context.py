"""What every extractor reads (the document, its layout, dates, lexicon) and the mentions they return."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from jejaring.ingest.document import Document
from jejaring.ingest.extract.dates import DateMention, find_dates
from jejaring.ingest.extract.names import is_capitalised
from jejaring.ingest.extract.text import Layout, layout_of
from jejaring.ingest.lexicon import Lexicon, load_lexicon

__all__ = ["Context", "Mention", "Run", "capital_runs", "settle_overlaps"]

WORD = re.compile(r"[^\W_](?:[\w'’\-.]*[^\W_])?\.?")


@lru_cache(maxsize=4)
def _joiners(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's words that may join capitalised words inside one name ("dan", "of"), and those that
    join the items of a list ("dan", "serta"), in lower case."""
    joiners = frozenset(w.lower() for w in lexicon.words("name_joiners"))
    conjunctions = frozenset(w.lower() for w in lexicon.words("and_words") | lexicon.words("as_well_as"))
    return joiners, conjunctions


@dataclass
class Mention:
    """A stretch of text a rule found to name something of one ``kind``.

    The attributes after ``confidence`` say what some kinds need, and are left empty for the others.
    """

    start: int
    end: int
    kind: str
    name: str
    rule: str
    confidence: float = 0.9
    #: organisation, place: the lexicon row it names
    entry: Any = None
    #: organisation, programme, event: the acronym the text gives it
    acronym: str | None = None
    #: organisation, event: other names the text gives it
    aliases: list[str] = field(default_factory=list)
    #: organisation: the kind of body its head word says (``dinas``, ``ministry`` ...) and whether it is a unit
    org_kind: str | None = None
    unit: bool = False
    #: organisation: the generic agency type an acronym names ("BPBD"), the locality after its name
    agency: Any = None
    locality: str | None = None
    #: organisation: the mention of the body a bare acronym stands for
    refers_to: Mention | None = None
    #: organisation: the text misspells the lexicon's name
    misspelt: bool = False
    #: event: its class, where its cue ends, whether it is named, and the place visited
    event_class: str | None = None
    cue_end: int | None = None
    named: bool = False
    destination: Mention | None = None
    #: post: the posts the title parses into
    posts: list = field(default_factory=list)
    #: person: honorifics and degrees around the name, the name as written when an OCR slip was mended,
    #: the text after the name that may give the post, and (a back-reference) the folded name it refers to
    honorifics: list[str] = field(default_factory=list)
    degrees: list[str] = field(default_factory=list)
    surface: str | None = None
    post_text: tuple[int, int] | None = None
    same_as: str | None = None

    @property
    def length(self) -> int:
        """Number of code points covered."""
        return self.end - self.start


@dataclass(frozen=True)
class Run:
    """A run of capitalised words (with joiners between them) inside one sentence."""

    start: int
    end: int
    words: tuple[tuple[int, int, str], ...]

    @property
    def text(self) -> str:
        """The words of the run as one string, spaces normalised."""
        return " ".join(w for _, _, w in self.words)


@dataclass
class Context:
    """A document under extraction, with what the extractors share."""

    doc: Document
    lexicon: Lexicon

    @cached_property
    def text(self) -> str:
        """The document's cleaned text."""
        return self.doc.text

    @cached_property
    def layout(self) -> Layout:
        """Lines and sentences."""
        return layout_of(self.doc.text, self.lexicon)

    @cached_property
    def lowercase_words(self) -> frozenset[str]:
        """The words the document writes in lower case somewhere outside web addresses ("jasad", "pengemudi")."""
        return frozenset(re.findall(r"(?<![\w'’\-./@])[a-z]+(?![\w'’\-@/]|\.\w)", self.doc.text))

    @cached_property
    def dates(self) -> list[DateMention]:
        """Every date mentioned, in order."""
        return find_dates(self.doc.text, self.lexicon)

    @cached_property
    def runs(self) -> list[Run]:
        """Every run of capitalised words in the text, sentence by sentence."""
        out: list[Run] = []
        for s in self.layout.sentences:
            for run in capital_runs(self.text, s.start, s.end, self.lexicon):
                out += self._split_alternatives(run)
        return out

    def _split_alternatives(self, run: Run) -> list[Run]:
        """Split "Pemerintah Kota Seoul/Seoul Metropolitan Government" at the slash when what follows
        starts a name of its own (a place, an organisation or a post), not "Barang/Jasa"."""
        for i in range(1, len(run.words)):
            s, _, word = run.words[i]
            if self.text[run.words[i - 1][1]:s].strip() != "/":
                continue
            rest = " ".join(w for _, _, w in run.words[i:])
            lex = self.lexicon
            if lex.place(word) is not None or lex.organisation_by_name(rest) or lex.starts_with_post(rest):
                left = Run(run.start, run.words[i - 1][1], run.words[:i])
                right = Run(s, run.end, run.words[i:])
                return [left, *self._split_alternatives(right)]
        return [run]

    def span(self, start: int, end: int, label: str, rule: str, confidence: float = 0.9):
        """A span of the document."""
        return self.doc.span(start, end, label, rule, confidence)


def capital_runs(text: str, start: int, end: int, lexicon: Lexicon | None = None) -> list[Run]:
    """Runs of capitalised words in ``text[start:end]``; joiners ("dan", "of": the lexicon's ``name_joiners``,
    the shipped lexicon's unless ``lexicon`` is given) may sit between them.

    A run never crosses brackets, quotes or sentence punctuation; a comma continues it only in the
    "A, B, dan C" pattern of Indonesian names ("Pemberdayaan, Perlindungan Anak, dan Pengendalian").

    >>> [r.text for r in capital_runs("dihadiri Dinas Pendidikan dan Dinas LH, DPE.", 0, 44)]
    ['Dinas Pendidikan dan Dinas LH', 'DPE']
    """
    joiners, conjunctions = _joiners(lexicon or load_lexicon())
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
    runs: list[Run] = []
    current: list[tuple[int, int, str]] = []

    def close() -> None:
        while current and not is_capitalised(current[-1][2]):
            current.pop()
        if current:
            runs.append(Run(current[0][0], current[-1][1], tuple(current)))
        current.clear()

    for i, (s, e, w) in enumerate(words):
        had_dot = w.endswith(".") and not re.fullmatch(r"[A-Z]\.", w)
        if had_dot:
            w, e = w[:-1], e - 1
        if current and not _gap_joins(text[current[-1][1]:s], text, words, i, joiners, conjunctions):
            close()
        if is_capitalised(w) or (current and w.lower() in joiners):
            current.append((s, e, w))
        else:
            close()
        if had_dot:
            close()
    close()
    return runs


def _gap_joins(gap: str, text: str, words: list, i: int, joiners: frozenset[str],
               conjunctions: frozenset[str]) -> bool:
    if gap.strip() == "":
        return True
    if gap.strip() == "/" or gap == "&":
        return True  # "Dinas A/B"; "R&D Center"
    if gap.strip() == ",":
        # "A, B, dan C": the comma continues the run only if a "dan"/"and" follows before the run would end
        for _, e, w in words[i:i + 6]:
            if w.lower() in conjunctions:
                return True
            if not is_capitalised(w) and w.lower() not in joiners:
                return False
            if text[e:e + 1] in ")]":
                return False
        return False
    return False


def settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (then the more confident, then the earlier).

    >>> a, b = Mention(0, 10, "org", "A", "r"), Mention(5, 8, "place", "B", "r")
    >>> [m.name for m in settle_overlaps([b, a])]
    ['A']
    """
    chosen: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(mentions, key=lambda m: (-m.length, -m.confidence, m.start)):
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
