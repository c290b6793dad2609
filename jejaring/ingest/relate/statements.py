"""Statements: who said what (about which lesson), at which event."""

from __future__ import annotations

import re

from jejaring.ingest.extract.events import EventCluster
from jejaring.ingest.extract.lessons import LessonItem
from jejaring.ingest.extract.names import fold
from jejaring.ingest.extract.statements import find_speech
from jejaring.ingest.extract.text import pattern
from jejaring.ingest.findings import Findings
from jejaring.ingest.records import Statement
from jejaring.ingest.registry import component


@component("statements", requires=["persons", "organisations", "posts", "event_keys", "lesson_keys"],
           assigns=["statements", "speakers"], rules=["statement-speech-verb"])
def statements(f: Findings) -> None:
    """A statement per speech verb with a speaker, about the lessons whose words it uses."""
    ctx = f.ctx
    if not f.allows("statement-speech-verb"):
        return
    agents = sorted(f.persons + f.organisations + f.posts, key=lambda m: m.start)
    for act in find_speech(ctx, agents):
        speaker = f.agent_key(act.speaker)
        if speaker is None:
            continue
        sentence = ctx.layout.sentence_at(act.verb_start)
        event = _setting_event(f, sentence.start, act.verb_start) or f.main_event
        said = ctx.text[act.said_start:act.said_end]
        about = [k for k, item in zip(f.lesson_keys, f.lesson_items, strict=True) if _mentions_lesson(said, item)]
        f.extraction.statements.append(Statement(
            speaker=speaker, text=said, event=f.event_key(event), about=about, stance=act.stance,
            spans=[ctx.span(sentence.start, sentence.end, "statement", "statement-speech-verb", 0.8)]))
        f.speakers.append((speaker, event, act.speaker))


def _setting_event(f: Findings, start: int, end: int) -> EventCluster | None:
    m = pattern(rf"\s*{f.ctx.lexicon.alternation('setting_prepositions')}\s([^,]{{3,80}}),").match(f.ctx.text[start:end])
    return f.event_near(start, start + m.end()) if m else None


def _mentions_lesson(said: str, item: LessonItem) -> bool:
    """A statement is about a lesson when it uses the lesson's first content word (or its English title)."""
    low = fold(said)
    words = [w for w in fold(item.title).split() if len(w) > 4]
    if words and pattern(rf"\b{re.escape(words[0])}\b").search(low):
        return True
    return bool(item.title_en) and fold(item.title_en) in low
