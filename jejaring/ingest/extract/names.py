"""Names: normalising, comparing, stripping honorifics and degrees, mending OCR slips, acronym tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from jejaring.ingest.lexicon import Lexicon, load_lexicon, normalise

__all__ = [
    "BARE_ACRONYM",
    "NamePart",
    "acronym_matches",
    "fold",
    "is_capitalised",
    "mend_ocr",
    "name_similarity",
    "split_titles",
]

# An OCR slip: a lowercase "l" read for a capital "I" at the start of a name ("lndah" for "Indah").
_OCR_L_FOR_I = re.compile(r"(?<![\w])l(?=[bcdfghjkmnpqrstvwxz][a-z])")
_OCR_I_FOR_L = re.compile(r"(?<=[a-z])I(?=[a-z])")


#: An acronym as a name: one word of letters and digits, capitalised ("BPBD", "Bappeda", "UNDIP").
BARE_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9]{1,14}")

#: The form names are compared in: the lexicon's :func:`~jejaring.ingest.lexicon.normalise` (one function,
#: so folded mentions and lexicon keys agree), under the name the extractors use.
#:
#: >>> fold("  Plan Internasional-Indonesia, ")
#: 'plan internasional indonesia'
fold = normalise


def is_capitalised(word: str) -> bool:
    """True for a word that starts with a capital letter or a digit (names, acronyms, '7017')."""
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def mend_ocr(name: str) -> str:
    """Undo the commonest OCR slips in names: a lowercase 'l' for a capital 'I' starting a word, and
    a capital 'I' for an 'l' inside one.

    >>> mend_ocr("Sri lndah"), mend_ocr("Yosef BaIlo")
    ('Sri Indah', 'Yosef Ballo')
    """
    return _OCR_I_FOR_L.sub("l", _OCR_L_FOR_I.sub("I", name))


def name_similarity(a: str, b: str) -> float:
    """0-100: how alike two names are once folded (rapidfuzz ratio)."""
    return fuzz.ratio(fold(a), fold(b))


def acronym_matches(acronym: str, phrase: str, lexicon: Lexicon | None = None) -> bool:
    """True when the acronym's letters can be read, in order, from the starts of the phrase's parts.

    Connectors (dan, and, of, serta, ...: the lexicon's ``acronym_connectors``, the shipped lexicon's
    unless ``lexicon`` is given) may be skipped; a part may give more than one letter ("Diskominfotik",
    "PPAPP" for "Pemberdayaan, Perlindungan Anak, dan Pengendalian Penduduk").

    >>> acronym_matches("BPBD", "Badan Penanggulangan Bencana Daerah")
    True
    >>> acronym_matches("SMG", "Seoul Metropolitan Government")
    True
    >>> acronym_matches("KLA", "Surat Pertanggung Jawaban")
    False
    """
    letters = re.sub(r"[^A-Za-z]", "", acronym).lower()
    words = [w for w in re.findall(r"[A-Za-z]+", phrase)]
    if len(letters) < 2 or not words:
        return False
    connectors = (lexicon or load_lexicon()).words("acronym_connectors")
    return _read_acronym(letters, [w.lower() for w in words], [w[0].isupper() for w in words], connectors)


def syllable_acronym(acronym: str, phrase: str) -> bool:
    """True for a short form made of pieces of the phrase's words, as Indonesian forms them: the first word's
    start, then a piece of two letters or more from inside each word after it, one word at most left out
    ("Himbara": Himpunan Bank Milik Negara; "Kanpres": Kantor Kepresidenan); the last word gives the last piece.

    >>> syllable_acronym("Himbara", "Himpunan Bank Milik Negara"), syllable_acronym("Persero", "PT Kereta Api")
    (True, False)
    """
    letters = re.sub(r"[^A-Za-z]", "", acronym).lower()
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", phrase)]
    if len(letters) < 4 or len(words) < 2 or not acronym[:1].isupper() or acronym.isupper():
        return False

    def walk(i: int, j: int, skipped: bool) -> bool:
        if j == len(words):
            return i == len(letters)
        if i == len(letters):
            return False  # the last word gives the last piece
        word = words[j]
        if j > 0 and not skipped and j < len(words) - 1 and walk(i, j + 1, True):
            return True
        starts = [0] if j == 0 else range(len(word) - 1)
        for p in starts:
            for n in range(len(letters) - i, 0, -1):
                if (n >= 2 or p == 0) and word.startswith(letters[i:i + n], p) and walk(i + n, j + 1, skipped):
                    return True
        return False

    return walk(0, 0, False)


def _read_acronym(letters: str, words: list[str], capital: list[bool], connectors: frozenset[str]) -> bool:
    # Depth-first: each word gives a prefix of itself (at least its first letter) or is skipped if a connector.
    def walk(i: int, j: int) -> bool:
        if i == len(letters):
            return all(words[k] in connectors or not capital[k] for k in range(j, len(words))) or j == len(words)
        if j == len(words):
            return False
        word = words[j]
        if word in connectors and walk(i, j + 1):
            return True
        if word[0] != letters[i]:
            return False
        for n in range(1, min(len(word), len(letters) - i) + 1):
            if word[:n] != letters[i:i + n]:
                break
            if walk(i + n, j + 1):
                return True
        return False

    return walk(0, 0)


@dataclass(frozen=True)
class NamePart:
    """A name with its honorifics (before) and degrees (after) taken off; offsets are of the bare name."""

    start: int
    end: int
    name: str
    honorifics: tuple[str, ...]
    degrees: tuple[str, ...]


def split_titles(text: str, start: int, end: int, honorifics: list[str], degrees: list[str]) -> NamePart:
    """Take honorifics and titles off the front, and degrees off the back, of ``text[start:end]``.

    ``honorifics`` and ``degrees`` are the forms to recognise, longest first.

    >>> t = "Dr. Ir. Hendra W. Saputra, MURP"
    >>> split_titles(t, 0, len(t), ["Dr.", "Ir."], ["MURP"])
    NamePart(start=8, end=25, name='Hendra W. Saputra', honorifics=('Dr.', 'Ir.'), degrees=('MURP',))
    """
    found_h: list[str] = []
    found_d: list[str] = []
    by_first, by_last = _by_edge_char(tuple(honorifics), 0), _by_edge_char(tuple(degrees), -1)
    changed = True
    while changed:
        changed = False
        for form in by_first.get(text[start:start + 1], ()):
            if text.startswith(form, start) and _boundary(text, start + len(form), form):
                found_h.append(form)
                start += len(form)
                while start < end and text[start] in " \t":
                    start += 1
                changed = True
                break
    changed = True
    while changed:
        changed = False
        stripped = end
        while stripped > start and text[stripped - 1] in " ,\t":
            stripped -= 1
        for form in by_last.get(text[stripped - 1:stripped], ()):
            s = stripped - len(form)
            if s > start and text[s:stripped] == form and text[s - 1] in " ,":
                found_d.insert(0, form)
                end = s
                changed = True
                break
        while end > start and text[end - 1] in " ,\t":
            end -= 1
    return NamePart(start, end, text[start:end], tuple(found_h), tuple(found_d))


@lru_cache(maxsize=64)
def _by_edge_char(forms: tuple[str, ...], edge: int) -> dict[str, list[str]]:
    """Forms (never empty) by their first (``edge=0``) or last (``-1``) character, each list in the given order:
    only those can start or end where that character stands."""
    out: dict[str, list[str]] = {}
    for form in forms:
        out.setdefault(form[edge], []).append(form)
    return out


def _boundary(text: str, pos: int, form: str) -> bool:
    if pos >= len(text):
        return False
    if form.endswith("."):
        return text[pos] in " \t"
    return text[pos] in " \t."
