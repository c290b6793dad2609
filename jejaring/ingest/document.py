"""The unit of work of the ingest pipeline: a cleaned text and the spans found in it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

__all__ = ["Document", "Span", "path_identity"]


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of a document's text: ``text[start:end] == exact`` (code points, end-exclusive)."""

    start: int
    end: int
    label: str
    exact: str
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Document:
    """A source document after reading: NFC-normalised clean text plus metadata.

    ``identity`` is the document's path relative to the folder it was ingested from (or its URL);
    it names the document's graph, so a changed document replaces its own graph.
    """

    identity: str
    text: str
    language: str = "id"
    title: str | None = None
    date: date | None = None
    references: list[str] = field(default_factory=list)
    media_type: str = "text/plain"
    genre: str = "NewsArticle"
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        """The SHA-256 of the cleaned text, as ``sha256:<hex>``."""
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def span(self, start: int, end: int, label: str, rule: str = "", confidence: float = 1.0) -> Span:
        """Return the span ``[start, end)`` of this document, its exact text copied from the document."""
        return Span(start, end, label, self.text[start:end], rule, confidence)


def path_identity(relative: PurePath) -> str:
    """A document's identity from its path relative to the folder ingested: the path in ``/`` form, each byte
    of a file name that is not UTF-8 written ``%XX``, so that the identity, its graph's IRI and every key
    made from it are text.

    >>> import os
    >>> path_identity(PurePath("notes") / "rapat.txt"), path_identity(PurePath(os.fsdecode(b"\\xff\\xfebad.txt")))
    ('notes/rapat.txt', '%FF%FEbad.txt')
    """
    return "".join(f"%{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else c for c in relative.as_posix())

