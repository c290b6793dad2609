"""Bytes to clean text: checks at the door, decoding, the cleaning every format shares, boilerplate, language."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from jejaring.errors import DocumentError
from jejaring.ingest.lexicon import Lexicon, load_lexicon
from jejaring.ingest.model import common_words
from jejaring.ingest.read.paths import SUPPORTED_SUFFIXES

__all__ = ["detect_language"]

_SNIFF_BYTES = 8192
_LIST_MARKER = re.compile(r"(?:[•●▪◦○■□►▸‣⁃∙·*–—-]|[0-9]{1,2}[.)]|[a-zA-Z][.)]|\([0-9]{1,2}\)|\([a-z]\))\s")
_SPACES = dict.fromkeys(
    [0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000], " "
)  # tab and the Unicode space separators
_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n"}
_INVISIBLE = dict.fromkeys([0x00AD, 0x200B, 0x2060, 0xFEFF])  # soft hyphen, zero-width space, BOM


@dataclass
class _Read:
    """What a format reader found, before the shared cleaning."""

    text: str
    title: str | None = None
    date: date | None = None
    references: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


#: The language of a text that has no stopword of any language, or as many of two (or more) languages.
_DEFAULT_LANGUAGE = "id"


def detect_language(text: str, lexicon: Lexicon | None = None) -> str:
    """Return the language whose stopwords ``text`` holds most: ``"id"``, ``"en"``, or another that the
    lexicon has stopwords of.

    The stopwords are data (``stopwords.tsv`` of each language of the lexicon); a word in the lists of
    two languages counts for neither. A tie, including a text with no stopword at all, gives ``"id"``
    when it is among the tied, else the first of them in alphabetical order.

    Parameters
    ----------
    text : str
        Any text.
    lexicon : Lexicon, optional
        Whose stopwords count; the shipped lexicon's by default.

    Returns
    -------
    str
        A language code: ``"id"`` or ``"en"`` with the shipped lexicon.

    Examples
    --------
    >>> detect_language("The city learned from the visit to Seoul.")
    'en'
    >>> detect_language("Kota ini belajar dari kunjungan ke Seoul.")
    'id'
    >>> detect_language("")
    'id'
    """
    unique = _rules(lexicon or load_lexicon()).own_stopwords
    counts = Counter(word.lower() for word in re.findall(r"[^\W\d_]+", text))
    hits = {lang: sum(n for word, n in counts.items() if word in words) for lang, words in unique.items()}
    return max(sorted(hits), key=lambda lang: (hits[lang], lang == _DEFAULT_LANGUAGE), default=_DEFAULT_LANGUAGE)


def _read_bytes(path: Path, suffix: str, max_bytes: int) -> bytes:
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if path.is_dir():
        raise DocumentError(
            f"{path}: a folder, not a file (name the files, or give the folder to a command that expands folders)"
        )
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"'{path.suffix}'" if path.suffix else "(no file name ending)"
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise DocumentError(f"{path}: unsupported file type {kind}; supported: {supported}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(_too_big(path, size, max_bytes))
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # a file growing, or a device, is still read no further
    except OSError as e:
        raise DocumentError(f"{path}: cannot read it ({e.strerror or e})") from e
    if len(data) > max_bytes:
        raise DocumentError(_too_big(path, len(data), max_bytes, at_least=True))
    if not data.strip():
        raise DocumentError(f"{path}: empty file" if not data else f"{path}: only whitespace, no text")
    return data


def _too_big(path: Path, size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return (
        f"{path}: {more}{_human(size)} ({size} bytes) is over the limit of {_human(limit)} ({limit} bytes); "
        f"split the document or raise --max-size"
    )


def _human(size: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def _check_not_binary(path: Path, data: bytes) -> None:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise DocumentError(f"{path}: a binary file, not text (NUL bytes in the first 8 KB)")
    controls = sum(1 for byte in head if (byte < 0x20 and byte not in b"\t\n\r\f\x1b") or byte == 0x7F)
    if controls > 0.1 * len(head):
        raise DocumentError(f"{path}: a binary file, not text (mostly control bytes in the first 8 KB)")


def _decode(path: Path, data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode text bytes: UTF-16 by its BOM, else UTF-8, else a declared charset, else cp1252, else latin-1.

    Valid UTF-8 wins over a declared charset: text that decodes as UTF-8 almost always is.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        warnings = ["bytes that are not UTF-16 were replaced by U+FFFD"] if "\ufffd" in text else []
        return text, warnings
    _check_not_binary(path, data)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        offset = e.start
    if declared:
        try:
            return data.decode(declared), []
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: go by the bytes
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [f"not valid UTF-8 (bad byte at offset {offset}); read as {encoding}"]
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, plain spaces, no invisible or control characters, no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACES).translate(_LINE_BREAKS).translate(_INVISIBLE)
    text = "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


@dataclass(frozen=True)
class _Rules:
    """What reading takes from the lexicon: boilerplate, genre and page-number patterns, stopwords."""

    lexicon: Lexicon
    line: re.Pattern[str] | None  # boilerplate lines dropped anywhere
    top: re.Pattern[str] | None  # ... above the first content line
    tail: re.Pattern[str] | None  # ... with the rest of the text, in its second half
    genre: re.Pattern[str]  # words that make a document a report
    page_number: re.Pattern[str]  # a PDF line that is only a page number
    furniture_class: re.Pattern[str]  # a class or id of page furniture
    own_stopwords: dict[str, frozenset[str]]  # each language's stopwords that are no other language's


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def boilerplate(where: str) -> re.Pattern[str] | None:
        patterns = lexicon.boilerplate_patterns(where)
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None

    stopwords = lexicon.stopwords_by_language
    return _Rules(
        lexicon, boilerplate("line"), boilerplate("top"), boilerplate("tail"),
        genre=re.compile(rf"\b(?<![0-9] ){lexicon.alternation('report_genre_words')}\b", re.IGNORECASE),
        page_number=re.compile(
            rf"[-–]?\s*(?i:{lexicon.alternation('page_words')})?\s*(?:[0-9]{{1,4}}|[ivxlc]{{1,6}}|[IVXLC]{{1,6}})"
            rf"(?:\s*(?i:{lexicon.alternation('page_of_words')}|/)\s*[0-9]{{1,4}})?\s*[-–]?"),
        furniture_class=re.compile(rf"(?:^|[-_]){lexicon.alternation('furniture_classes')}(?:$|[-_])", re.IGNORECASE),
        own_stopwords={lang: words.difference(*(other for o, other in stopwords.items() if o != lang))
                       for lang, words in stopwords.items()},
    )


def _unglue(text: str, rules: _Rules) -> str:
    """Part two words a web page glued together ("kataRina", "SutarmiBendahara"): a capitalised word after an
    Indonesian common word in lower case, or an Indonesian stopword or post title after any word, and two
    sentences glued at a full stop ("tersebut.Selain"). Brand names ("IndoStrategi", "YouTube", "JavaScript")
    and web addresses stay whole."""
    stopwords = rules.own_stopwords.get("id", frozenset())

    def part(m: re.Match[str]) -> str:
        first, second = m.group(1), m.group(2)
        if (first.islower() and (first in stopwords or first in common_words())) or second.lower() in stopwords or \
                rules.lexicon.starts_with_post(second, longer_than=3):
            return f"{first} {second}"
        return m.group()

    return _GLUED.sub(part, _NO_SPACE_AFTER_STOP.sub(". ", text))


#: Two words without a space between them, the second capitalised.
_GLUED = re.compile(r"(?<![\w])([A-Za-z][a-z]{2,})([A-Z][a-z]{2,})(?![\w])")
#: A full stop between two words with no space after it ("tersebut.Selain"); not inside an address ("www.Situs.go.id").
_NO_SPACE_AFTER_STOP = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,}(?![\w.@/]))")


def _drop_boilerplate(text: str, rules: _Rules) -> str:
    """Drop furniture lines; at a related-articles heading in the second half, drop the rest too."""
    kept: list[str] = []
    seen_content = False
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        start, offset = offset, offset + len(line) + 1
        if not stripped:
            kept.append("")
            continue
        if rules.tail and rules.tail.fullmatch(stripped):
            if start >= len(text) / 2:
                break
            continue
        if rules.line and rules.line.fullmatch(stripped):
            continue
        if not seen_content and rules.top and rules.top.fullmatch(stripped):
            continue
        seen_content = True
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def _read_plain(path: Path, data: bytes) -> _Read:
    text, warnings = _decode(path, data)
    return _Read(text, warnings=warnings)
