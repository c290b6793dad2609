"""Read documents (plain text, Markdown, HTML, PDF) into clean :class:`~jejaring.ingest.document.Document` s.

Every reader ends in the same cleaning: NFC, ``\\n`` line ends, spaces for tabs and no-break spaces,
no trailing spaces, at most one blank line in a row, and page furniture dropped line by line with
the patterns in ``lexicon/common/boilerplate.tsv``. Paragraphs stay separated by a blank line and
list items keep their markers ("•", "-", "*", "1.", "[i]"), since the extractors use both.
"""

from __future__ import annotations

from pathlib import Path

from jejaring.errors import DocumentError
from jejaring.ingest.document import Document
from jejaring.ingest.lexicon import Lexicon, load_lexicon
from jejaring.ingest.read.html import _read_html
from jejaring.ingest.read.markdown import _read_markdown
from jejaring.ingest.read.metadata import (
    _bare_urls,
    _document_date,
    _first_line_title,
    _genre,
    _identity,
    _reference_iri,
    _unique,
)
from jejaring.ingest.read.paths import SUPPORTED_SUFFIXES, iter_paths
from jejaring.ingest.read.pdf import _read_pdf
from jejaring.ingest.read.text import (
    _drop_boilerplate,
    _normalise,
    _read_bytes,
    _read_plain,
    _rules,
    _unglue,
    detect_language,
)

__all__ = ["SUPPORTED_SUFFIXES", "detect_language", "iter_paths", "read_document"]


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
    text = _unglue(_drop_boilerplate(_normalise(found.text), rules), rules)
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
