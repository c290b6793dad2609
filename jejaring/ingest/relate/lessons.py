"""Lessons into entities, linked to the event they were learned on, the city they came from, their examples,
and the programmes that adopted them."""

from __future__ import annotations

import re

from jejaring.ingest.extract.events import EventCluster
from jejaring.ingest.extract.lessons import LessonItem
from jejaring.ingest.extract.text import pattern
from jejaring.ingest.findings import Findings
from jejaring.ingest.records import Lesson
from jejaring.ingest.registry import component


@component("lesson-nodes", requires=["lesson_items", "event_keys"], assigns=["lesson_keys"],
           rules=["lesson-list-item"])
def lesson_nodes(f: Findings) -> None:
    """A lesson entity per lesson found, with its theme, event, city and examples."""
    ctx = f.ctx
    if not f.allows("lesson-list-item"):
        return
    for item in f.lesson_items:
        event = _lesson_event(f, item)
        examples = [f.table.key_of(p) for p in f.programmes if item.description_start <= p.start < item.description_end]
        theme = ctx.lexicon.theme_for(" ".join(x for x in (item.title, item.title_en or "") if x)) \
            or ctx.lexicon.theme_for(item.description or "")
        lesson = Lesson(key=f"lesson:{len(f.lesson_keys)}", name=item.title, lang=ctx.doc.language,
                        description=item.description, theme=theme, event=f.event_key(event),
                        learned_from=_lesson_city(f, item, event), examples=[k for k in dict.fromkeys(examples) if k],
                        spans=[ctx.span(item.start, item.end, "lesson", "lesson-list-item", 0.85)])
        if item.title_en:
            lesson.add_label(item.title_en, "en")
        f.extraction.add(lesson)
        f.lesson_keys.append(lesson.key)


@component("adoption", requires=["lesson_keys"], assigns=["adoption"])
def adoption(f: Findings) -> None:
    """A programme named in a sentence that says a lesson was taken up adopted the document's lessons."""
    if not f.lesson_keys:
        return
    cues = f.ctx.lexicon.adoption_cue_pattern()
    lesson_words = pattern(f.ctx.lexicon.alternation("lesson_words"), re.IGNORECASE)
    for s in f.ctx.layout.sentences:
        if not cues.search(s.text) or not lesson_words.search(s.text):
            continue
        for p in f.programmes:
            if s.start <= p.start < s.end:
                key = f.table.key_of(p)
                for lk in f.lesson_keys:
                    lesson = f.extraction.entities[lk]
                    if key and key not in lesson.adopted_in:
                        lesson.adopted_in.append(key)


def _lesson_event(f: Findings, item: LessonItem) -> EventCluster | None:
    visits = [c for c in f.clusters if c.event_class == "LearningVisit"]
    before = [(m.start, c) for c in visits for m in c.mentions if m.start < item.cue_start]
    if before:
        return max(before, key=lambda t: t[0])[1]
    return visits[0] if visits else f.main_event


def _lesson_city(f: Findings, item: LessonItem, event: EventCluster | None) -> str | None:
    if event is not None and event.place is not None and event.place.entry.kind == "city":
        return f.table.key_of(event.place)
    sentence = f.ctx.layout.sentence_at(item.cue_start)
    for p in f.places:
        if sentence.start <= p.start < sentence.end and p.entry.kind == "city":
            return f.table.key_of(p)
    return None
