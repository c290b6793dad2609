"""PDF: the text layer by pypdf, running headers dropped, wrapped lines joined back into paragraphs."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

from jejaring.errors import DocumentError
from jejaring.ingest.read.text import _LIST_MARKER, _Read, _Rules


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
