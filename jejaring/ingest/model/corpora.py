"""The public Indonesian NER corpora the recogniser learns from, read into one tag set.

Three corpora (see ``../shared/data/ner/README.md``): NERGrit and idner-news-2k (cased) and NERP (all lower case).
Their tags are mapped to PERSON / ORG / PLACE (NERP's events and foods become O), tokens are cut again with
:func:`jejaring.ingest.model.tokens.tokenise` so training and use cut words alike, and NERP is given back its capitals
from the casing the two cased corpora use for each word. NERP leaves most government bodies and parties untagged, so an
O on a word that comes back capitalised is "unknown" (``MISSING``), not "not an entity".
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jejaring.ingest.model.tokens import FUNCTION_WORDS, tokenise

__all__ = ["CORPORA", "LABELS", "MISSING", "Sentence", "load_split", "load_training", "titlecase_copies"]

LABELS = ("PERSON", "ORG", "PLACE")
MISSING = "-"
_MAP = {
    "PERSON": "PERSON", "PER": "PERSON", "PPL": "PERSON",
    "ORGANISATION": "ORG", "ORG": "ORG", "IND": "ORG",
    "PLACE": "PLACE", "LOC": "PLACE", "PLC": "PLACE",
}
#: corpus folder -> (file names of train / valid / test, column separator)
CORPORA = {
    "nergrit": ({"train": "train.txt", "valid": "valid.txt", "test": "test.txt"}, "\t"),
    "nerp": ({"train": "train.txt", "valid": "valid.txt", "test": "test.txt"}, "\t"),
    "idner-news-2k": ({"train": "train.txt", "valid": "dev.txt", "test": "test.txt"}, " "),
}


@dataclass
class Sentence:
    """A sentence of a corpus: its words and one BIO tag per word (``B-PERSON``, ``I-ORG``, ``O`` or ``MISSING``)."""

    words: list[str]
    tags: list[str]


def _read(path: Path, sep: str) -> list[tuple[list[str], list[str]]]:
    out, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\r")
        if not line.strip():
            if words:
                out.append((words, tags))
                words, tags = [], []
            continue
        cells = line.split(sep)
        words.append(cells[0])
        tags.append(cells[-1].strip())
    if words:
        out.append((words, tags))
    return out


def _map(tags: list[str]) -> list[str]:
    """Tags in our set; an I- that does not continue a span of its type starts one."""
    out = []
    for tag in tags:
        kind = _MAP.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
        if kind is None:
            out.append("O")
        elif tag[0] == "I" and out and out[-1][2:] == kind:
            out.append("I-" + kind)
        else:
            out.append("B-" + kind)
    return out


def _retokenise(words: list[str], tags: list[str]) -> Sentence:
    """Cut each corpus token as the recogniser will; brackets or quotes glued to a name are not part of it."""
    new_words, new_tags = [], []
    for word, tag in zip(words, tags, strict=True):
        pieces = [word[s:e] for s, e in tokenise(word)]
        if not pieces:
            continue
        if tag == "O":
            new_words += pieces
            new_tags += ["O"] * len(pieces)
            continue
        inner = [k for k, p in enumerate(pieces) if any(c.isalnum() for c in p)]
        lo, hi = (inner[0], inner[-1]) if inner else (0, len(pieces) - 1)
        for k, piece in enumerate(pieces):
            new_words.append(piece)
            if k < lo or k > hi:
                new_tags.append("O")
            elif k == lo:
                new_tags.append(tag)
            else:
                new_tags.append("I-" + tag[2:])
    return Sentence(new_words, _map(new_tags))


def load_split(data: str | Path, corpus: str, split: str) -> list[Sentence]:
    """The sentences of one split (``train``, ``valid`` or ``test``) of one corpus, re-tokenised, tags mapped."""
    files, sep = CORPORA[corpus]
    return [_retokenise(w, t) for w, t in _read(Path(data) / corpus / files[split], sep)]


def _casing_table(sentences: Iterable[Sentence]) -> tuple[dict[str, str], set[str]]:
    """The usual written form of each word (counted away from the start of sentences), and the words that the cased
    corpora tag as part of a name more often than not."""
    forms: dict[str, Counter] = defaultdict(Counter)
    tagged: Counter = Counter()
    seen: Counter = Counter()
    for s in sentences:
        for i, (w, tag) in enumerate(zip(s.words, s.tags, strict=True)):
            lw = w.lower()
            seen[lw] += 1
            tagged[lw] += tag != "O"
            if i > 0 and any(c.isalpha() for c in w):
                forms[lw][w] += 1
    # Most frequent form; ties go to the lower-case one, then alphabetically (deterministic).
    table = {lw: min(c.items(), key=lambda kv: (-kv[1], kv[0] != lw, kv[0]))[0] for lw, c in forms.items()}
    return table, {lw for lw, n in seen.items() if tagged[lw] * 2 >= n}


def _recase(s: Sentence, table: dict[str, str], names: set[str], missing: bool) -> Sentence:
    """NERP's words with their usual capitals; with ``missing``, an O on a capitalised word that the cased corpora
    usually tag as a name ("KPK", a party) becomes ``MISSING``, while an O on "Presiden" or "Kamis" stays O."""
    words, tags = [], []
    for i, (w, tag) in enumerate(zip(s.words, s.tags, strict=True)):
        form = table.get(w)
        if form is None:
            form = w[:1].upper() + w[1:] if tag != "O" and w[:1].isalpha() else w
        if i == 0:
            form = form[:1].upper() + form[1:]
        words.append(form)
        tags.append(MISSING if missing and tag == "O" and form[:1].isupper() and w in names else tag)
    return Sentence(words, tags)


def load_training(data: str | Path, nerp: str = "recased", split: str = "train") -> list[Sentence]:
    """NERGrit and idner-news-2k, plus NERP as asked: ``"none"``, ``"recased"`` (its O kept as O) or ``"missing"``
    (re-cased, and an O on a word that comes back capitalised and that the cased corpora usually tag as a name becomes
    ``MISSING``)."""
    cased = load_split(data, "nergrit", split) + load_split(data, "idner-news-2k", split)
    if nerp == "none":
        return cased
    table, names = _casing_table(cased)
    lower = load_split(data, "nerp", split)
    return cased + [_recase(s, table, names, missing=(nerp == "missing")) for s in lower]


def titlecase_copies(sentences: list[Sentence], share: float, seed: int = 0) -> list[Sentence]:
    """Copies of a seeded random ``share`` of the shorter sentences, written as a Title Case headline.

    News puts a headline first ("Wali Kota Resmikan Taman di Bogor"); the corpora have none, and without such copies a
    model reads every capitalised word there as part of a name.
    """
    rng = random.Random(seed)
    out = []
    for s in sentences:
        if len(s.words) > 25 or rng.random() >= share:
            continue
        words = [w if w.lower() in FUNCTION_WORDS or not w[:1].isalpha() else w[:1].upper() + w[1:] for w in s.words]
        out.append(Sentence(words, list(s.tags)))
    return out
