"""Tokens and sentences for the trained recogniser, as code-point offsets into the original text.

The recogniser is trained on corpora re-tokenised by :func:`tokenise`, so training and use cut words the same way:
a word keeps inner hyphens, apostrophes, dots and slashes (``Budi-Rina``, ``2.000``, ``kompas.com``, ``24/8``);
every other non-space character is a token of its own.
"""

from __future__ import annotations

import re

__all__ = ["sentences", "titlecase_sentence", "tokenise"]

_TOKEN = re.compile(r"\w+(?:[-'’./]\w+)*|\S")
_END = {".", "!", "?", "…"}
_OPENERS = {'"', "“", "‘", "'", "(", "["}
# A full stop after these does not end a sentence: "Dr. Rina", "H. Ahmad", "No. 5".
_ABBREVIATIONS = {
    "dr", "drs", "dra", "ir", "prof", "h", "hj", "st", "no", "jl", "jln", "kh", "mr", "mrs", "ms", "bpk", "sdr", "tn",
    "ny", "kol", "brigjen", "irjen", "kompol", "akbp", "vs", "dll", "dsb", "a.n", "u.p", "s.h", "s.e", "m.si", "m.m",
}
# Short words a Title Case headline leaves in lower case.
FUNCTION_WORDS = frozenset({
    "di", "ke", "dari", "dan", "yang", "untuk", "pada", "dengan", "atau", "dalam", "oleh", "bagi", "akan", "jadi", "ini",
    "itu", "agar", "usai", "saat", "jelang", "the", "of", "and", "in", "on", "at", "to", "for", "a", "an", "by", "with",
    "from",
})


def tokenise(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` code-point offsets of the tokens of ``text``, in order.

    Examples
    --------
    >>> text = "Wali Kota Bogor, Rina (45)."
    >>> [text[s:e] for s, e in tokenise(text)]
    ['Wali', 'Kota', 'Bogor', ',', 'Rina', '(', '45', ')', '.']
    """
    return [m.span() for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[list[tuple[int, int]]]:
    """Split ``text`` into sentences, each a list of token offsets.

    A line break always ends a sentence (a headline is its own sentence); so does ``.``, ``!`` or ``?`` before a
    word that starts with a capital, a digit or an opening quote, unless the full stop follows an abbreviation or a
    single capital (an initial).

    Examples
    --------
    >>> text = "Dr. Rina Wulandari tiba. Ia disambut.\\nJudul Baru"
    >>> [[text[s:e] for s, e in sent] for sent in sentences(text)]
    [['Dr', '.', 'Rina', 'Wulandari', 'tiba', '.'], ['Ia', 'disambut', '.'], ['Judul', 'Baru']]
    """
    out: list[list[tuple[int, int]]] = []
    for line in re.finditer(r"[^\n]+", text):
        toks = [(s + line.start(), e + line.start()) for s, e in tokenise(line.group())]
        current: list[tuple[int, int]] = []
        for i, (s, e) in enumerate(toks):
            current.append((s, e))
            if text[s:e] not in _END or i + 1 == len(toks):
                continue
            nxt = text[toks[i + 1][0]:toks[i + 1][1]]
            if not (nxt[:1].isupper() or nxt[:1].isdigit() or nxt in _OPENERS):
                continue
            if text[s:e] == "." and i > 0:
                prev = text[toks[i - 1][0]:toks[i - 1][1]]
                if toks[i - 1][1] == s and (prev.lower() in _ABBREVIATIONS or (len(prev) == 1 and prev.isupper())):
                    continue
            out.append(current)
            current = []
        if current:
            out.append(current)
    return out


def titlecase_sentence(words: list[str]) -> bool:
    """Whether a sentence is written in Title Case (a headline): capitals say little about names there.

    Examples
    --------
    >>> titlecase_sentence("Wali Kota Resmikan Taman Baru di Bogor".split())
    True
    >>> titlecase_sentence("Wali Kota Bogor meresmikan taman baru".split())
    False
    """
    content = [w for w in words if w[:1].isalpha() and w.lower() not in FUNCTION_WORDS]
    if len(content) < 3:
        return False
    capitals = sum(1 for w in content if w[:1].isupper())
    return capitals >= 0.85 * len(content)
