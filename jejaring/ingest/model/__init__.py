"""The trained recogniser: persons, organisations and places in Indonesian (and English) text, by a CRF.

A linear-chain CRF (python-crfsuite) over hand-made features (:mod:`jejaring.ingest.model.features`), trained on
the public corpora NERGrit, idner-news-2k and NERP re-cased (:mod:`jejaring.ingest.model.corpora`) by
``python -m jejaring.ingest.model.train`` (``make model``). The model file ships with the package and is read once
per process. The same text always gives the same spans.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jejaring.ingest.model.features import sentence_features
from jejaring.ingest.model.tokens import sentences

__all__ = ["COMMON_WORDS_FILE", "KINDS", "LANGUAGES", "MODEL_FILE", "common_words", "is_common", "load_tagger", "recognise",
           "spans_from_tags"]

MODEL_FILE = "ner.crfsuite"
#: Words the training corpora use often and never in a person's name, written by ``make model`` beside the model.
COMMON_WORDS_FILE = "common_words.txt"
#: The pipeline's kind of mention for each label the model gives.
KINDS = {"PERSON": "person", "ORG": "organisation", "PLACE": "place"}
#: The languages of the corpora the model learned from: where its silence says something.
LANGUAGES = ("id",)


@lru_cache(maxsize=4)
def load_tagger(path: str | None = None):
    """The crfsuite tagger of the model at ``path`` (the shipped model by default), opened once per process.

    Raises
    ------
    FileNotFoundError
        When the model file is missing: run ``make model``.
    """
    import pycrfsuite

    if path is None:
        path = str(resources.files(__name__).joinpath(MODEL_FILE))
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(path)
    except OSError as err:
        raise FileNotFoundError(f"recogniser model not found at {path}: run `make model` to train it") from err
    return tagger


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The words (lower case) the training corpora use at least three times and never in a person's name.

    >>> "misalnya" in common_words(), "blessmiyanda" in common_words()
    (True, False)
    """
    text = resources.files(__name__).joinpath(COMMON_WORDS_FILE).read_text(encoding="utf-8")
    return frozenset(text.split())


def is_common(word: str) -> bool:
    """True for a common word of the training corpora, also with the possessive "-nya" ("Rinciannya").

    >>> is_common("Rinciannya"), is_common("Misalnya"), is_common("Wulandari")
    (True, True, False)
    """
    folded = word.lower()
    return folded in common_words() or folded.removesuffix("nya") in common_words()


def spans_from_tags(offsets: list[tuple[int, int]], tags: list[str]) -> list[tuple[int, int, str]]:
    """Join BIO tags over token offsets into ``(start, end, label)`` spans; an I- without its B- starts a span.

    Examples
    --------
    >>> spans_from_tags([(0, 4), (5, 9), (10, 13)], ["B-PERSON", "I-PERSON", "O"])
    [(0, 9, 'PERSON')]
    """
    out: list[tuple[int, int, str]] = []
    current: list | None = None
    for (s, e), tag in zip(offsets, tags, strict=True):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if kind and tag[0] == "I" and current and current[2] == kind:
            current[1] = e
            continue
        if current:
            out.append(tuple(current))
            current = None
        if kind:
            current = [s, e, kind]
    if current:
        out.append(tuple(current))
    return out


def recognise(text: str, model: str | None = None) -> list[tuple[int, int, str]]:
    """Find the persons, organisations and places named in ``text``.

    Parameters
    ----------
    text : str
        Any text; a line break ends a sentence, so a headline on its own line is read on its own.
    model : str, optional
        Path of a crfsuite model file; the model shipped with the package by default.

    Returns
    -------
    list of (start, end, label)
        Code-point offsets into ``text`` (end-exclusive) in text order, ``label`` one of ``PERSON``, ``ORG``,
        ``PLACE``. Titles and posts are not part of a person's span.

    Examples
    --------
    >>> text = "Wali Kota Bogor Rina Wulandari meresmikan taman kota."
    >>> [(text[s:e], label) for s, e, label in recognise(text) if label == "PERSON"]
    [('Rina Wulandari', 'PERSON')]
    >>> recognise("")
    []
    """
    tagger = load_tagger(model)
    out: list[tuple[int, int, str]] = []
    for sent in sentences(text):
        words = [text[s:e] for s, e in sent]
        out += spans_from_tags(sent, tagger.tag(sentence_features(words)))
    return out
