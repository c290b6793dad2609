"""Read documents (plain text, Markdown, HTML, PDF) into clean :class:`~jejaring.ingest.document.Document` s.

Every reader ends in the same cleaning: NFC, ``\\n`` line ends, spaces for tabs and no-break spaces,
no trailing spaces, at most one blank line in a row, and page furniture dropped line by line with
the patterns in ``lexicon/common/boilerplate.tsv``. Paragraphs stay separated by a blank line and
list items keep their markers ("•", "-", "*", "1.", "[i]"), since the extractors use both.
"""

from __future__ import annotations

import io
import os
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path, PurePath
from urllib.parse import quote, urljoin, urlsplit

import pyoxigraph as ox

from jejaring.errors import DocumentError
from jejaring.ingest.document import Document, path_identity
from jejaring.ingest.extract.dates import find_dates
from jejaring.ingest.lexicon import Lexicon, load_lexicon

__all__ = ["SUPPORTED_SUFFIXES", "detect_language", "iter_paths", "read_document"]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}
"""File name endings :func:`read_document` reads (case-insensitive), with the media type each gets."""

_SNIFF_BYTES = 8192
_TITLE_MAX = 200
_DATE_WINDOW = 600
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'\[\]{}|\\^`]+", re.IGNORECASE)
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


def read_document(path: Path, root: Path | None = None, *, max_bytes: int = 20_000_000,
                  lexicon: Lexicon | None = None) -> Document:
    """Read a text, Markdown, HTML or PDF file into a clean :class:`Document`.

    Parameters
    ----------
    path : Path
        The file; its ending (``.txt``, ``.md``, ``.markdown``, ``.html``, ``.htm``, ``.pdf``,
        any case) picks the reader.
    root : Path, optional
        The folder the file was found in: the document's ``identity`` is ``path`` relative to it
        (POSIX form). Without it, or when ``path`` is not inside it, the identity is the file name.
    max_bytes : int, default 20_000_000
        Larger files are refused before reading; at most ``max_bytes + 1`` bytes are ever read.
    lexicon : Lexicon, optional
        Where the boilerplate patterns, stopwords (the languages a document may be in), month names and
        genre words come from; the shipped lexicon by default.

    Returns
    -------
    Document
        Cleaned text, language (``"id"``, ``"en"``, or another the lexicon has stopwords of), title, date,
        references (link targets),
        media type, genre (``"Report"`` or ``"NewsArticle"``) and warnings (e.g. a text read as
        cp1252 because it was not valid UTF-8).

    Raises
    ------
    DocumentError
        The file is missing, a folder, of an unsupported type, empty, binary, over ``max_bytes``,
        a PDF without a text layer (it needs OCR first), an encrypted or broken PDF, or has no text
        left once page furniture is removed. The message is one line naming the file.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "visit.txt").write_text("Show More\\nKunjungan ke Seoul\\n\\nJakarta, 13 Juni 2019.\\n")
    >>> doc = read_document(folder / "visit.txt", folder)
    >>> doc.identity, doc.title, doc.date, doc.text
    ('visit.txt', 'Kunjungan ke Seoul', datetime.date(2019, 6, 13), 'Kunjungan ke Seoul\\n\\nJakarta, 13 Juni 2019.')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    data = _read_bytes(path, suffix, max_bytes)
    rules = _rules(lexicon or load_lexicon())
    media_type = SUPPORTED_SUFFIXES[suffix]
    if media_type == "application/pdf":
        found = _read_pdf(path, data, rules)
    elif media_type == "text/html":
        found = _read_html(path, data, rules)
    elif media_type == "text/markdown":
        found = _read_markdown(path, data, rules)
    else:
        found = _read_plain(path, data)
    if not found.text.strip():
        raise DocumentError(f"{path}: no text found")
    text = _drop_boilerplate(_normalise(found.text), rules)
    if not text.strip():
        raise DocumentError(f"{path}: no text left after removing page furniture (menus, share buttons, credits)")
    title = found.title or _first_line_title(text)
    references = _unique(_reference_iri(url) for url in [*found.references, *_bare_urls(text)])
    return Document(
        identity=_identity(path, root),
        text=text,
        language=detect_language(text, rules.lexicon),
        title=title,
        date=found.date or _document_date(text, rules),
        references=references,
        media_type=media_type,
        genre=_genre(title, text, rules),
        warnings=found.warnings,
    )


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


def iter_paths(
    paths: Iterable[Path],
    *,
    follow_symlinks: bool = False,
    extra_suffixes: Iterable[str] = (),
    skipped: Callable[[Path, str], None] | None = None,
) -> Iterator[tuple[Path, Path]]:
    """Expand files and folders into ``(file, root)`` pairs for :func:`read_document`.

    A folder gives every file of a supported type under it, recursively, sorted by relative path,
    with the folder as root; hidden files and folders (names starting with ".") are skipped, and so
    are symbolic links leading outside the folder unless ``follow_symlinks``, and links that loop or lead
    nowhere; a folder reached again through a link is not walked again, so walking always ends. A named file is
    yielded as it is (root: its parent folder), whatever its type or whether it exists, so that
    :func:`read_document` reports what is wrong with it. A file reached twice is yielded once.

    Parameters
    ----------
    paths : iterable of Path
        Files and folders, in the order to read them.
    follow_symlinks : bool, default False
        Also follow links that point outside the folder being expanded.
    extra_suffixes : iterable of str
        More file endings to take from folders (curated ``.yaml`` and ``.csv`` files, say).
    skipped : callable, optional
        Called with each symbolic link not followed and the reason, and once per folder holding files of
        other types (the folder, and the files named), for the caller to report.

    Yields
    ------
    tuple of (Path, Path)
        The file and the folder its identity is relative to.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ["b.md", "a/c.pdf", "notes.docx", ".hidden.txt"]:
    ...     (folder / name).parent.mkdir(exist_ok=True)
    ...     _ = (folder / name).write_text("x")
    >>> [file.relative_to(root).as_posix() for file, root in iter_paths([folder])]
    ['a/c.pdf', 'b.md']
    """
    seen: set[Path] = set()
    suffixes = set(SUPPORTED_SUFFIXES) | {s.lower() for s in extra_suffixes}
    for given in map(Path, paths):
        if given.is_dir():
            pairs = ((file, given) for file in _walk(given, follow_symlinks, suffixes, skipped))
        else:
            pairs = iter([(given, given.parent)])
        for file, root in pairs:
            key = file.resolve() if file.exists() else file.absolute()
            if key not in seen:
                seen.add(key)
                yield file, root


def _walk(folder: Path, follow_symlinks: bool, suffixes: set[str],
          skipped: Callable[[Path, str], None] | None = None) -> list[Path]:
    top = folder.resolve()
    found: list[Path] = []
    not_followed: list[tuple[str, Path, str]] = []
    unsupported: list[str] = []
    visited = {top}
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_path = Path(entry.path)
            if entry.is_symlink():
                target, why = _link_target(entry_path, top, follow_symlinks)
                if target is None:
                    not_followed.append((entry_path.relative_to(folder).as_posix(), entry_path, why))
                    continue
                if target.is_dir():
                    if target not in visited:  # a link back up the tree would loop
                        visited.add(target)
                        pending.append(entry_path)
                    continue
            if entry.is_dir():
                resolved = entry_path.resolve()
                if resolved not in visited:
                    visited.add(resolved)
                    pending.append(entry_path)
            elif entry.is_file() and entry_path.suffix.lower() in suffixes:
                found.append(entry_path)
            elif entry.is_file():
                unsupported.append(entry_path.relative_to(folder).as_posix())
    for _, link, why in sorted(not_followed) if skipped else ():
        skipped(link, why)
    if skipped and unsupported:  # one line for them all: a folder may hold hundreds
        skipped(folder, f"{len(unsupported)} file(s) of a type not read, skipped: {', '.join(sorted(unsupported))} "
                        f"(read: {', '.join(sorted(suffixes))})")
    # A file reached through a link and directly is listed once, under its own name when it has one.
    found.sort(key=lambda p: (p.resolve() != top / p.relative_to(folder), p.relative_to(folder).as_posix()))
    unique = {p.resolve(): p for p in reversed(found)}
    return sorted(unique.values(), key=lambda p: p.relative_to(folder).as_posix())


def _link_target(link: Path, top: Path, follow_symlinks: bool) -> tuple[Path | None, str]:
    """Where a symbolic link found under ``top`` leads, or None and why it is not followed."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return None, "a symbolic link that loops or leads nowhere: skipped"
    if not follow_symlinks and not target.is_relative_to(top):
        return None, f"a symbolic link to {target}, outside {top}: not followed (--follow-symlinks follows it)"
    return target, ""


# ---------------------------------------------------------------------------------------------
# Reading bytes: checks at the door


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


# ---------------------------------------------------------------------------------------------
# Cleaning shared by every format


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


def _first_line_title(text: str) -> str | None:
    """The first line, when it reads as a heading: short and not a sentence ending in a full stop."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not first or len(first) >= _TITLE_MAX or first.endswith(".") or _LIST_MARKER.match(first):
        return None
    return first


def _document_date(text: str, rules: _Rules) -> date | None:
    """The first single day written near the top (a dateline), else the first day anywhere.

    Month and year mentions do not date a document: a headline naming "Maret 2018" tells what the
    text is about, not when it was written.
    """
    days = [m for m in find_dates(text, rules.lexicon) if m.precision == "day"]
    near_top = [m for m in days if m.start < _DATE_WINDOW and m.end_date is None]
    chosen = near_top[0] if near_top else days[0] if days else None
    return chosen.begin if chosen else None


def _genre(title: str | None, text: str, rules: _Rules) -> str:
    first_lines = [line for line in text.split("\n") if line.strip()][:3]
    return "Report" if rules.genre.search("\n".join([title or "", *first_lines])) else "NewsArticle"


def _bare_urls(text: str) -> list[str]:
    urls = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?'\"’”")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(".,;:!?'\"’”")
        urls.append(url)
    return urls


def _reference_iri(url: str) -> str:
    """``url`` as an absolute IRI the graph store accepts (characters it refuses percent-encoded), else ``""``.

    A relative link (a Markdown file has no base) or a malformed one ("http://a:port/") is no reference.
    """
    escaped = quote(re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url.strip()), safe=":/?#[]@!$&'()*+,;=~%")
    for candidate in (url.strip(), escaped):
        try:
            ox.NamedNode(candidate)
        except ValueError:
            continue
        return candidate
    return ""


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _identity(path: Path, root: Path | None) -> str:
    if root is not None:
        for candidate, base in ((path, root), (path.absolute(), root.absolute())):
            try:
                return path_identity(candidate.relative_to(base))
            except ValueError:
                continue
    return path_identity(PurePath(path.name))


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown


def _read_plain(path: Path, data: bytes) -> _Read:
    text, warnings = _decode(path, data)
    return _Read(text, warnings=warnings)


_MD_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_ATX = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_ATX_EMPTY = re.compile(r"^[ ]{0,3}#{1,6}[ \t]*$", re.MULTILINE)
_MD_SETEXT = re.compile(r"^(?P<title>[^\n]*\S[^\n]*)\n[ ]{0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$", re.MULTILINE)
_MD_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~).*$", re.MULTILINE)
_MD_REF_DEF = re.compile(
    r"^[ ]{0,3}\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<url>\S+?)>?(?:[ \t]+[\"'(].*[\"')])?[ \t]*$", re.MULTILINE
)
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+[\"'][^\"']*[\"'])?\)")
_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\(<?(?P<url>[^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\)")
_MD_REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[(?P<label>[^\]]*)\]")
_MD_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^>\s]+|mailto:[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_MD_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?!\w)")
_MD_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_CODE = re.compile(r"`+([^`\n]+?)`+")
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _read_markdown(path: Path, data: bytes, rules: _Rules) -> _Read:
    text, warnings = _decode(path, data)
    text = _normalise(text)
    meta: dict[str, str] = {}
    front = _MD_FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).split("\n"):
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end() :]
    plain, references = _strip_markdown(text)
    title = meta.get("title") or _markdown_title(text)
    found_date = next((m.begin for m in find_dates(meta.get("date", ""), rules.lexicon) if m.precision == "day"), None)
    title = _strip_markdown(title)[0].strip() if title else None
    return _Read(plain, title=title, date=found_date, references=references, warnings=warnings)


def _markdown_title(text: str) -> str | None:
    candidates = [(m.start(), m.group(2)) for m in _MD_ATX.finditer(text)]
    candidates += [
        (m.start(), m.group("title").strip())
        for m in _MD_SETEXT.finditer(text)
        if not _MD_RULE.fullmatch(m.group("title")) and not _LIST_MARKER.match(m.group("title").strip())
    ]
    return min(candidates)[1].strip() if candidates else None


def _strip_markdown(text: str) -> tuple[str, list[str]]:
    """Markdown to plain text: markup gone, list markers kept, link targets returned."""
    references: list[str] = []
    labels = {m.group("label").lower(): m.group("url") for m in _MD_REF_DEF.finditer(text)}
    text = _MD_COMMENT.sub("", text)
    text = _MD_REF_DEF.sub("", text)
    text = _MD_FENCE.sub("", text)
    text = _MD_SETEXT.sub(lambda m: m.group("title") if not _MD_RULE.fullmatch(m.group("title")) else m.group(), text)
    text = _MD_RULE.sub("", text)
    text = _MD_ATX.sub(lambda m: m.group(2), text)
    text = _MD_ATX_EMPTY.sub("", text)
    text = _MD_TABLE_RULE.sub("", text)
    text = re.sub(r"^[ ]{0,3}(?:>[ ]?)+", "", text, flags=re.MULTILINE)  # block quotes

    def link(match: re.Match[str]) -> str:
        references.append(match.group("url"))
        return match.group("text")

    def ref_link(match: re.Match[str]) -> str:
        label = (match.group("label") or match.group("text")).lower()
        if label not in labels:
            return match.group()
        references.append(labels[label])
        return match.group("text")

    def autolink(match: re.Match[str]) -> str:
        references.append(match.group("url"))
        return match.group("url")

    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(link, text)
    text = _MD_REF_LINK.sub(ref_link, text)
    text = _MD_AUTOLINK.sub(autolink, text)
    text = _MD_CODE.sub(r"\1", text)
    for pattern in (_MD_STRONG, _MD_STRIKE):
        text = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
    text = _MD_EMPHASIS_STAR.sub(r"\1", text)
    text = _MD_EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = re.sub(
        r"^([ \t]*)\|(.*)\|[ \t]*$",
        lambda m: m.group(1) + " | ".join(c.strip() for c in m.group(2).split("|")),
        text,
        flags=re.MULTILINE,
    )
    text = _MD_ESCAPE.sub(r"\1", text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    refs = [r for r in references if r and not r.startswith("#")]
    return text, refs


# ---------------------------------------------------------------------------------------------
# HTML


_BLOCK_TAGS = frozenset({"p", "head", "quote", "code", "table", "list"})  # in trafilatura's XML
_HTML_BLOCKS = frozenset(  # lxml.html tags that start a new line in the fallback text
    ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "pre", "br", "dd"]
)  # fmt: skip


def _read_html(path: Path, data: bytes, rules: _Rules) -> _Read:
    import lxml.html
    import trafilatura
    from lxml import etree

    declared = _declared_charset(data[:4096])
    text, warnings = _decode(path, data, declared)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)  # lxml refuses control characters
    if not text.strip():
        raise DocumentError(f"{path}: only whitespace, no text")
    try:
        page = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as e:
        raise DocumentError(f"{path}: unreadable HTML ({e})") from e
    title = _html_title(page)
    published = _html_date(page)
    base = _html_base(page)

    xml = trafilatura.extract(
        text,
        favor_recall=True,
        include_comments=False,  # reader comments are not the document
        include_tables=True,
        include_links=True,  # kept as <ref target> in the XML, for references
        include_formatting=False,
        deduplicate=False,
        output_format="xml",
    )
    references: list[str] = []
    if xml:
        body = etree.fromstring(xml.encode("utf-8"))
        main = body.find("main")
        blocks = _xml_blocks(main if main is not None else body)
        references = [ref.get("target", "") for ref in body.iter("ref")]
        plain = "\n\n".join(b for b in blocks if b.strip())
    else:
        plain = _html_fallback_text(page)
    plain = _normalise(plain)
    if plain and title and not any(_same_line(title, line) for line in plain.split("\n")[:5]):
        plain = f"{title}\n\n{plain}"  # the headline tells what the page is about: keep it in the text
    references = _unique(_absolute(url, base) for url in [*_html_links(page, _drop_boilerplate(plain, rules), rules),
                                                          *references])
    return _Read(plain, title=title, date=published, references=references, warnings=warnings)


def _html_links(page, text: str, rules: _Rules) -> list[str]:
    """Targets of the page's links whose words are in the article text and not in page furniture.

    Trafilatura keeps links only on its main path; when it falls back to another extractor the
    links are gone, so they are also read from the page itself.
    """
    words = " ".join(text.split()).casefold()
    targets = []
    for anchor in page.iter("a"):
        href, label = anchor.get("href"), " ".join(anchor.text_content().split()).casefold()
        if not href or len(label) < 2 or label not in words:
            continue
        furniture = False
        for parent in anchor.iterancestors():
            if parent.tag in ("body", "html"):
                break
            tokens = f"{parent.get('class') or ''} {parent.get('id') or ''}".split()
            if parent.tag in ("nav", "header", "footer", "aside", "form") or any(
                rules.furniture_class.search(token) for token in tokens
            ):
                furniture = True
                break
        if not furniture:
            targets.append(href)
    return targets


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _declared_charset(head: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", head, re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None


def _html_title(page) -> str | None:
    def clean(value: str | None) -> str | None:
        value = " ".join((value or "").split())
        return value or None

    og = page.xpath("//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content")
    if og and clean(og[0]):
        return clean(og[0])
    for h1 in page.xpath("//article//h1 | //main//h1 | //*[@role='main']//h1"):
        if clean(h1.text_content()):
            return clean(h1.text_content())
    titles = page.xpath("//title")
    if titles and clean(titles[0].text_content()):
        title = clean(titles[0].text_content())
        site = page.xpath("//meta[@property='og:site_name']/@content")
        for separator in (" | ", " - ", " – ", " — ", " :: ", " » "):
            head, sep, tail = (title or "").rpartition(separator)
            if sep and head and (not site or tail.strip().casefold() == site[0].strip().casefold()):
                return head.strip()
        return title
    for h1 in page.xpath("//h1"):
        if clean(h1.text_content()):
            return clean(h1.text_content())
    return None


def _html_date(page) -> date | None:
    values = page.xpath(
        "//meta[@property='article:published_time' or @name='article:published_time' or @itemprop='datePublished'"
        " or @name='date' or @name='DC.date' or @name='dcterms.date' or @name='pubdate']/@content"
        " | //*[@itemprop='datePublished']/@datetime | //time/@datetime"
    )
    for value in values:
        match = re.match(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})", value)
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                continue
    return None


def _html_base(page) -> str | None:
    for xpath in ("//base/@href", "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        values = page.xpath(xpath)
        if values and _scheme(values[0]) in ("http", "https"):
            return values[0]
    return None


def _absolute(url: str, base: str | None) -> str:
    url = url.strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:  # a malformed base or link ("http://[")
            return ""
    return url if _scheme(url) in ("http", "https", "ftp") else ""


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def _xml_blocks(element) -> list[str]:
    """Trafilatura's XML body as text blocks: paragraphs, headings, list items with "•", table rows."""
    blocks = [element.text.strip()] if element.text and element.text.strip() else []
    for child in element:
        tag = child.tag
        if tag == "list":
            blocks.append("\n".join(_list_lines(child, 0)))
        elif tag == "table":
            rows = []
            for row in child.iter("row"):
                cells = [" ".join(_inline(cell).split()) for cell in row if cell.tag == "cell"]
                rows.append(" | ".join(c for c in cells if c))
            blocks.append("\n".join(r for r in rows if r))
        elif tag in ("graphic", "comments"):
            continue
        elif tag in ("div", "main"):
            blocks.extend(_xml_blocks(child))
        else:
            blocks.append(_inline(child).strip())
        if child.tail and child.tail.strip():
            blocks.append(child.tail.strip())
    return blocks


def _list_lines(element, depth: int) -> list[str]:
    lines: list[str] = []
    ordered = element.get("rend", "") == "ol"
    indent = "  " * depth
    for number, item in enumerate((c for c in element if c.tag == "item"), start=1):
        marker = f"{number}." if ordered else "•"
        nested = [c for c in item if c.tag == "list"]
        for sub in nested:
            item.remove(sub)
        text_lines = [line.strip() for line in _inline(item).split("\n") if line.strip()]
        if text_lines:
            lines.append(f"{indent}{marker} {text_lines[0]}")
            lines.extend(f"{indent}  {line}" for line in text_lines[1:])
        for sub in nested:
            lines.extend(_list_lines(sub, depth + 1))
    return lines


def _inline(element) -> str:
    """Text of an element, ``<lb/>`` as a line break, nested blocks on their own lines."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "list":
            parts.append("\n" + "\n".join(_list_lines(child, 1)) + "\n")
        elif child.tag in _BLOCK_TAGS:
            parts.append("\n" + _inline(child) + "\n")
        elif child.tag != "graphic":
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _html_fallback_text(page) -> str:
    """The visible text of the page minus scripts, menus, headers, footers and forms."""
    for bad in page.xpath(
        "//script | //style | //noscript | //template | //nav | //header | //footer | //aside | //form"
        " | //iframe | //svg | //button | //select | //*[@role='navigation'] | //*[@aria-hidden='true']"
    ):
        bad.drop_tree()
    for element in page.iter():
        if isinstance(element.tag, str) and element.tag in _HTML_BLOCKS:
            if element.tag == "li":
                element.text = "• " + (element.text or "")
            element.tail = "\n\n" + (element.tail or "") if element.tag != "br" else "\n" + (element.tail or "")
    body = page.find("body")
    return (body if body is not None else page).text_content()


# ---------------------------------------------------------------------------------------------
# PDF


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float


def _read_pdf(path: Path, data: bytes, rules: _Rules) -> _Read:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{path}: not a PDF (no %PDF- header in the first 1 KB)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{path}: encrypted PDF (needs a password); decrypt it first, e.g. qpdf --decrypt")
        pages = list(reader.pages)
    except DocumentError:
        raise
    except (DependencyError, FileNotDecryptedError) as e:
        raise DocumentError(
            f"{path}: encrypted PDF that cannot be opened here ({e}); decrypt it first, e.g. qpdf --decrypt"
        ) from e
    except Exception as e:  # pypdf raises many kinds on broken files; each means the same to the user
        raise DocumentError(f"{path}: broken PDF ({type(e).__name__}: {e})") from e
    if not pages:
        raise DocumentError(f"{path}: PDF without pages")

    warnings: list[str] = []
    page_lines: list[list[_Line]] = []
    references: list[str] = []
    unreadable: list[int] = []
    for number, page in enumerate(pages, start=1):
        try:
            page_lines.append(_pdf_lines(page))
        except Exception:  # a broken page should not lose the rest of the document
            unreadable.append(number)
            page_lines.append([])
        references += _pdf_links(page)
    letters = sum(ch.isalpha() for lines in page_lines for line in lines for ch in line.text)
    if len(unreadable) == len(pages):
        raise DocumentError(f"{path}: broken PDF (no page could be read)")
    if letters == 0:
        raise DocumentError(
            f"{path}: the PDF has no text layer (scanned?); it needs OCR first, e.g. ocrmypdf, then read its output"
        )
    if unreadable:
        warnings.append(f"pages {_ranges(unreadable)} could not be read and were skipped")
    empty = [n for n, lines in enumerate(page_lines, start=1) if not lines and n not in unreadable]
    if empty and len(empty) < len(pages):
        warnings.append(f"pages {_ranges(empty)} have no text layer (scanned?); OCR would add their text")
    page_lines = _drop_running_lines(page_lines, rules)
    return _Read(_reflow(page_lines), title=_pdf_title(reader), references=references, warnings=warnings)


def _pdf_lines(page) -> list[_Line]:
    """The page's text lines as pypdf orders them, each with the position and size of its first glyphs."""
    lines: list[_Line] = []
    current: list[str] = []
    where: list[tuple[float, float, float]] = []

    def finish() -> None:
        text = " ".join("".join(current).split())
        if text and where:
            x, y, size = where[0]
            lines.append(_Line(text, x, y, size))
        current.clear()
        where.clear()

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                finish()
            if piece.strip() and not where:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[3] * cm[3]) or abs(tm[1] * cm[2]) or 1.0
                where.append((x, y, float(font_size or 1.0) * scale))
            current.append(piece)

    page.extract_text(visitor_text=visit)
    finish()
    return lines


def _pdf_links(page) -> list[str]:
    uris: list[str] = []
    try:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                uri = str(action.get_object().get("/URI", ""))
                if urlsplit(uri).scheme in ("http", "https", "ftp"):
                    uris.append(uri)
    except Exception:  # links are a bonus; a malformed annotation must not stop the reading
        pass
    return uris


def _pdf_title(reader) -> str | None:
    try:
        title = " ".join(str((reader.metadata or {}).get("/Title") or "").split())
    except Exception:
        return None
    if not title or re.search(r"\.(?:docx?|pdf|pptx?|odt|rtf|indd)$|^microsoft |^untitled$", title, re.IGNORECASE):
        return None
    return title


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    for n in numbers:
        if parts and parts[-1].split("-")[-1] == str(n - 1):
            parts[-1] = parts[-1].split("-")[0] + f"-{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def _drop_running_lines(pages: list[list[_Line]], rules: _Rules) -> list[list[_Line]]:
    """Drop page numbers and headers/footers repeated at the top or bottom of most pages."""

    def key(line: _Line) -> str:
        return re.sub(r"[0-9]+", "#", line.text.casefold())

    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({key(line) for line in lines[:2] + lines[-2:]})
    threshold = max(3, len(pages) // 2 + 1)
    running = {k for k, n in edges.items() if n >= threshold}
    cleaned = []
    for lines in pages:
        edge_ids = {id(line) for line in lines[:2] + lines[-2:]}
        cleaned.append([
            line for line in lines
            if not (id(line) in edge_ids and (key(line) in running or rules.page_number.fullmatch(line.text)))
        ])  # fmt: skip
    return cleaned


def _reflow(pages: list[list[_Line]]) -> str:
    """Join the lines a PDF wrapped back into paragraphs; a paragraph break is a blank line.

    Lines are joined unless the next starts a list item, the vertical gap is larger than the usual
    line pitch, the font size changes, or the line ends short of the usual width. A line ending in
    a hyphen before a lower-case word is rejoined without it (unless the halves repeat, as in
    Indonesian "anak-anak"); a URL broken over lines is rejoined without a space.
    """
    all_lines = [line for lines in pages for line in lines]
    if not all_lines:
        return ""
    pitches = [a.y - b.y for lines in pages for a, b in pairwise(lines) if 0 < a.y - b.y <= 2.5 * max(a.size, 1.0)]
    pitch = statistics.median(pitches) if pitches else max(all_lines[0].size, 1.0) * 1.2
    doc_width = _full_width(all_lines)

    out: list[str] = []
    previous: _Line | None = None
    previous_width = doc_width
    for lines in pages:
        width = _full_width(lines) if len(lines) >= 6 else doc_width
        for index, line in enumerate(lines):
            separator = None if previous is None else _separator(previous, line, pitch, previous_width, index == 0)
            if separator == "":
                out[-1] = _join(out[-1], line.text)
            else:
                out += [separator, line.text] if separator else [line.text]
            previous, previous_width = line, width
    return "".join(out)


def _full_width(lines: list[_Line]) -> float:
    lengths = sorted(len(line.text) for line in lines)
    return float(lengths[int(0.9 * (len(lengths) - 1))]) if lengths else 0.0


def _separator(a: _Line, b: _Line, pitch: float, width: float, new_page: bool) -> str:
    """``""`` to join ``b`` onto ``a``'s paragraph, ``"\\n"`` for a new line, ``"\\n\\n"`` for a new paragraph.

    A line ending short of the usual width ends its paragraph only if the next line's first word
    would have fitted on it: a long word or URL pushed to the next line leaves a short line too.
    """
    fits = len(a.text) + 1 + len(b.text.split(" ", 1)[0]) <= width
    short = fits and len(a.text) < 0.75 * width
    ends_sentence = a.text.endswith((".", "!", "?", ":", ";", ".”", '."', ".)"))
    if new_page or a.y - b.y <= 0:  # a new page or column: a sentence running over goes on
        return "\n\n" if short or ends_sentence else ""
    if a.y - b.y > 1.35 * pitch:
        return "\n\n"
    if _LIST_MARKER.match(b.text):
        return "\n"
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return "\n"
    if short or b.x < a.x - max(a.size, 1.0):
        return "\n"
    if ends_sentence and fits and (len(a.text) < 0.9 * width or b.x > a.x + 0.5 * max(a.size, 1.0)):
        return "\n"
    return ""


def _join(left: str, right: str) -> str:
    last_word = left.rsplit(" ", 1)[-1]
    first_word = right.split(" ", 1)[0]
    if "://" in last_word and (
        last_word.endswith(("/", "-", "_", ".", "=", "&", "?", "#")) or re.search(r"[/_.=&?#%]\w", first_word)
    ):
        return left + right
    if re.search(r"[^\W\d_]-$", left) and right[:1].islower():
        stem = re.search(r"([^\W\d_]+)-$", left)
        head = re.match(r"[^\W\d_]+", right)
        if stem and head and stem.group(1).casefold() == head.group().casefold():
            return left + right  # reduplication: anak-anak
        return left[:-1] + right
    if re.search(r"[^\W\d_]-$", left):
        return left + right  # a compound broken at its hyphen: Jakarta-Bogor
    return f"{left} {right}"
