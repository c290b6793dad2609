"""What the cleaned text tells about its document: title, date, genre, references, identity."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path, PurePath
from urllib.parse import quote

import pyoxigraph as ox

from jejaring.ingest.document import path_identity
from jejaring.ingest.extract.dates import find_dates
from jejaring.ingest.read.text import _LIST_MARKER, _Rules

_TITLE_MAX = 200
_DATE_WINDOW = 600
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'\[\]{}|\\^`]+", re.IGNORECASE)


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
