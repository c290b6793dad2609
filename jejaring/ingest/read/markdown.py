"""Markdown: front matter, headings, links; markup stripped, list markers kept."""

from __future__ import annotations

import re
from pathlib import Path

from jejaring.ingest.extract.dates import find_dates
from jejaring.ingest.read.text import _LIST_MARKER, _decode, _normalise, _Read, _Rules

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
