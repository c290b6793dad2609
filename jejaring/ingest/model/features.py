"""Hand-made token features for the CRF: the word, its shape and casing, affixes, neighbours, its place in the sentence.

No gazetteer: whatever the model knows of names it learnt from the training corpora. Casing features are given twice,
plain and joined with whether the sentence is a Title Case headline, so the model learns that a capital at the start
of a sentence or inside a headline says less than one in running text.
"""

from __future__ import annotations

import re

from jejaring.ingest.model.tokens import titlecase_sentence

__all__ = ["sentence_features", "shape"]


def shape(word: str) -> str:
    """The word's shape: capitals ``X``, small letters ``x``, digits ``d``, other characters kept.

    Examples
    --------
    >>> shape("Budi-RW"), shape("2.000")
    ('Xxxx-XX', 'd.ddd')
    """
    out = []
    for c in word:
        if c.isupper():
            out.append("X")
        elif c.isalpha():
            out.append("x")
        elif c.isdigit():
            out.append("d")
        else:
            out.append(c)
    return "".join(out)


def _short(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


def _casing(w: str) -> str:
    if not any(c.isalpha() for c in w):
        return "digit" if any(c.isdigit() for c in w) else "punct"
    if w.isupper():
        return "upper" if len(w) > 1 else "initial"
    if w[:1].isupper():
        return "title" if w[1:].islower() or len(w) == 1 else "mixed"
    return "lower" if w.islower() else "mixed"


def sentence_features(words: list[str]) -> list[list[str]]:
    """The features of each word of a sentence, as lists of strings (crfsuite's attribute names).

    Examples
    --------
    >>> feats = sentence_features(["Kata", "Rina", "."])
    >>> "w=rina" in feats[1] and "case=title" in feats[1] and "-1:w=kata" in feats[1]
    True
    """
    headline = titlecase_sentence(words)
    mode = "H" if headline else "S"
    lower = [w.lower() for w in words]
    cases = [_casing(w) for w in words]
    shapes = [_short(shape(w)) for w in words]
    # The first word after leading quotes or brackets starts the sentence.
    first = 0
    while first < len(words) and cases[first] == "punct":
        first += 1
    out = []
    n = len(words)
    for i, w in enumerate(words):
        lw = lower[i]
        f = [
            "bias",
            "w=" + lw,
            "shape=" + shapes[i],
            "case=" + cases[i],
            f"case|{mode}=" + cases[i],
            "len=" + str(min(len(w), 8)),
            "p2=" + lw[:2],
            "p3=" + lw[:3],
            "s2=" + lw[-2:],
            "s3=" + lw[-3:],
            "s4=" + lw[-4:],
        ]
        if headline:
            f.append("headline")
        if i == first:
            f += ["first", "first|case=" + cases[i]]
        if i == n - 1:
            f.append("last")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"{d}:w=" + lower[j])
                f.append(f"{d}:case|{mode}=" + cases[j])
                if abs(d) == 1:
                    f.append(f"{d}:shape=" + shapes[j])
                    f.append(f"{d}:s3=" + lower[j][-3:])
            else:
                f.append(f"{d}:none")
        if i > 0:
            f.append("-1|0=" + lower[i - 1] + "|" + lw)
        if i + 1 < n:
            f.append("0|1=" + lw + "|" + lower[i + 1])
        out.append(f)
    return out
