"""Lessons: the items of a list introduced by a lesson cue ("beberapa pembelajaran ..., yaitu:").

Each item's first line is its title, the lines under it its description; a title written
"Indonesian (English)" gives the Indonesian title as the name and the English one as a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jejaring.ingest.extract.context import Context
from jejaring.ingest.extract.text import Line

__all__ = ["LessonItem", "find_lessons", "split_title"]


@dataclass(frozen=True)
class LessonItem:
    """A lesson as written: title span, Indonesian and English titles, description span."""

    start: int
    end: int
    title: str
    title_en: str | None
    description: str | None
    description_start: int
    description_end: int
    cue_start: int


def split_title(title: str) -> tuple[str, str | None]:
    """Split "Indonesian (English)" titles; the bracket may sit anywhere in the title.

    >>> split_title("Kepemimpinan (leadership), komitmen pemerintah, dan konsistensi")
    ('Kepemimpinan, komitmen pemerintah, dan konsistensi', 'leadership')
    >>> split_title("Perencanaan Terpadu (Integrated planning)")
    ('Perencanaan Terpadu', 'Integrated planning')
    """
    m = re.search(r"\s*\(([^()]{3,80})\)", title)
    if not m:
        return title.strip(" :.-–"), None
    main = (title[:m.start()] + title[m.end():]).strip(" :.-–")
    return re.sub(r"\s+,", ",", re.sub(r"\s+", " ", main)), m.group(1).strip()


def find_lessons(ctx: Context) -> list[LessonItem]:
    """Lesson items under every lesson cue that introduces a list."""
    lines = ctx.layout.lines
    cues = sorted({c.cue.lower() for c in ctx.lexicon.lesson_cues}, key=len, reverse=True)
    out: list[LessonItem] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        low = line.text.lower()
        last = re.split(r"(?<=[.!?])\s+", low.strip())[-1]
        if not line.is_item and _introduces_list(last, cues) and i + 1 < len(lines) and lines[i + 1].is_item:
            items, i = _items(lines, i + 1)
            for title_line, body in items:
                if not title_line.content.text.isupper():
                    out.append(_lesson(ctx, title_line, body, line.start))
            continue
        i += 1
    return out


def _introduces_list(low: str, cues: list[str]) -> bool:
    """A line that names lessons and is followed by a list introduces the lessons (the caller checks
    that list items follow)."""
    return any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", low) for c in cues)


def _items(lines: list[Line], i: int) -> tuple[list[tuple[Line, list[Line]]], int]:
    """The list items from ``lines[i]`` on, each with the deeper lines under it."""
    indent = lines[i].indent
    items: list[tuple[Line, list[Line]]] = []
    while i < len(lines):
        line = lines[i]
        if line.is_item and line.indent == indent:
            items.append((line, []))
        elif items and line.indent > indent and not line.is_item:
            items[-1][1].append(line)
        else:
            break
        i += 1
    return items, i


def _lesson(ctx: Context, title_line: Line, body: list[Line], cue_start: int) -> LessonItem:
    content = title_line.content
    text = content.text
    # "Title: description" or "Title. Description" on one line
    split = re.match(r"([^:.]{3,120}?)(?:\s*[:–—]\s+|\.\s+)(.+)$", text) if not body else None
    if split and len(split.group(1).split()) <= 12:
        title_text = split.group(1)
        desc_start = content.start + split.start(2)
        desc_end = content.end
    else:
        title_text = text
        desc_start = body[0].start if body else content.end
        desc_end = body[-1].end if body else content.end
    title, title_en = split_title(title_text)
    description = ctx.text[desc_start:desc_end].strip() or None
    title_end = content.start + len(title_text)
    return LessonItem(content.start, title_end, title, title_en, description, desc_start, desc_end, cue_start)
