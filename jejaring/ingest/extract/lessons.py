"""Lessons: the items of a list introduced by a lesson cue ("beberapa pembelajaran ..., yaitu:").

Each item's first line is its title, the lines under it its description; a title written
"Indonesian (English)" gives the Indonesian title as the name and the English one as a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jejaring.ingest.extract.context import Context
from jejaring.ingest.extract.text import Line, any_term, pattern
from jejaring.ingest.lexicon import Lexicon

__all__ = ["LessonItem", "find_lessons", "find_prose_lessons", "split_title"]


@dataclass(frozen=True)
class _Rules:
    """The patterns of the prose rule, built from the lexicon's word lists.

    In running text, what follows a marker ("adalah", "namely") after a lesson cue names the lesson(s):
    "salah satu pembelajaran penting dari Seoul adalah sikap inklusif", "... bukan soal X, melainkan Y",
    "pembelajaran dari ..., khususnya soal X serta Y".
    """

    marker: re.Pattern[str]  # "adalah ", "namely "
    end: re.Pattern[str]  # punctuation, or a word that ends the lesson's phrase ("perlu", "should")
    generic_heads: re.Pattern[str]  # "sikap ", "the " at the start of a lesson's phrase
    parts: re.Pattern[str]  # " serta " between two lessons
    source_bracket: re.Pattern[str]  # "from ", "dari " opening a bracket that names the lesson's city


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def words(name: str, space: str = r"\s+") -> str:
        return lexicon.alternation(name, space=space)

    return _Rules(
        marker=re.compile(rf"\b{words('lesson_markers')}\s+", re.IGNORECASE),
        end=re.compile(rf"[,;:.!?\"“”()]|\s{words('lesson_end_words')}\b"),
        generic_heads=re.compile(rf"^(?:{words('lesson_generic_heads')}\s+)+", re.IGNORECASE),
        parts=re.compile(rf"\s+{words('as_well_as', ' ')}\s+"),
        source_bracket=re.compile(rf"(?:{words('lesson_source_words')}|{words('lesson_source_brackets')})\s",
                                  re.IGNORECASE),
    )


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
    in_prose: bool = False  # named in running text: its description is its sentence


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
            items, i = _items(lines, i + 1, ctx.text)
            # the cue's own sentence (the line's last) is where the lessons' city and event are named
            cue_start = max(line.start, ctx.layout.sentence_at(line.start + len(line.text.rstrip()) - 1).start)
            for title_line, body in items:
                if not title_line.content.text.isupper():
                    out.append(_lesson(ctx, title_line, body, cue_start))
            continue
        i += 1
    return out


def _introduces_list(low: str, cues: list[str]) -> bool:
    """A line that names lessons and is followed by a list introduces the lessons (the caller checks
    that list items follow)."""
    return any_term(tuple(cues)).search(low) is not None


def _items(lines: list[Line], i: int, text: str) -> tuple[list[tuple[Line, list[Line]]], int]:
    """The list items from ``lines[i]`` on, each with the lines under it: deeper-indented ones, or ones
    that follow without a blank line (a PDF or a web page loses the indentation, not the line breaks). After a
    blank line, an item marked another way ("6." after "(c)") is a new section, not the list's next item."""
    indent = lines[i].indent
    style = _marker_style(lines[i], text)
    items: list[tuple[Line, list[Line]]] = []
    while i < len(lines):
        line = lines[i]
        previous = lines[i - 1]
        close = "\n\n" not in text[previous.end:line.start]
        if line.is_item and line.indent == indent and (close or _marker_style(line, text) == style):
            items.append((line, []))
        elif items and not line.is_item and (line.indent > indent or close):
            items[-1][1].append(line)
        else:
            break
        i += 1
    return items, i


def _marker_style(line: Line, text: str) -> str:
    """A list marker's shape: "(a)" and "(b)" alike, "6." another."""
    marker = text[line.start:line.marker_end].strip()
    return re.sub(r"[ivxlc]+|[a-z]", "a", re.sub(r"\d+", "9", marker.lower()))


def _lesson(ctx: Context, title_line: Line, body: list[Line], cue_start: int) -> LessonItem:
    content = title_line.content
    text = content.text
    # "Title: description" or "Title. Description" on one line
    split = re.match(r"([^:.]{3,120}?)(?:\s*[:–—]\s+|\s+-\s+|\.\s+)(.+)$", text) if not body else None
    if split and len(split.group(1).split()) <= 12:
        title_text = split.group(1)
        desc_start = content.start + split.start(2)
        desc_end = content.end
    else:
        title_text = text
        desc_start = body[0].start if body else content.end
        desc_end = body[-1].end if body else content.end
    title, title_en = split_title(title_text)
    title_end = content.start + len(title_text)
    if title_en and _names_a_source(ctx.lexicon, title_en):
        # "(from Kitakyushu)" says where the lesson came from: neither an English title nor part of the title
        title_end = content.start + re.search(r"\s*\(\s*" + re.escape(title_en), title_text).start()
        title_en = None
    description = ctx.text[desc_start:desc_end].strip() or None
    return LessonItem(content.start, title_end, title, title_en, description, desc_start, desc_end, cue_start)


def _names_a_source(lexicon: Lexicon, bracket: str) -> bool:
    """A bracket that opens with a source word and goes on with a short name ("from Kitakyushu", "dari Kota
    Solo"), unlike an English title that starts with "from" ("From data to decisions")."""
    m = _rules(lexicon).source_bracket.match(bracket)
    rest = bracket[m.end():].split() if m else []
    return 1 <= len(rest) <= 4 and all(w[:1].isupper() for w in rest)


def find_prose_lessons(ctx: Context, listed: list[LessonItem]) -> list[LessonItem]:
    """Lessons named in running text after a lesson cue, outside the lesson lists already found."""
    cues = sorted({c.cue.lower() for c in ctx.lexicon.lesson_cues}, key=len, reverse=True)
    cue_re = pattern(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + r")(?!\w)", re.IGNORECASE)
    text = ctx.text
    rules = _rules(ctx.lexicon)
    out: list[LessonItem] = []
    for s in ctx.layout.sentences:
        if any(i.cue_start <= s.start < i.description_end or i.start <= s.start < i.end for i in listed):
            continue
        cue = cue_re.search(text, s.start, s.end)
        if cue is None:
            continue
        marker = rules.marker.search(text, cue.end(), s.end)
        if marker is None or marker.start() - cue.end() > 80:
            continue
        stop = rules.end.search(text, marker.end(), s.end)
        phrase_end = stop.start() if stop else s.end
        for start, end in _parts(rules, text, marker.end(), phrase_end):
            title = rules.generic_heads.sub("", text[start:end]).strip()
            if not 1 <= len(title.split()) <= 8:
                continue
            start = end - len(title)
            out.append(LessonItem(start, end, title[:1].upper() + title[1:], None, text[s.start:s.end].strip(),
                                  s.start, s.end, cue.start(), in_prose=True))
    return out


def _parts(rules: _Rules, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "X serta Y" (never at "dan", which joins words inside one lesson)."""
    out, pos = [], start
    for m in rules.parts.finditer(text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]
