"""Lessons into entities, linked to the event they were learned on, the city they came from, their examples,
and the programmes that adopted them."""

from __future__ import annotations

import re

from jejaring.ingest.extract.context import Mention
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
    visits = any(c.event_class == "LearningVisit" for c in f.clusters)
    for item in f.lesson_items:
        # where it came from: said in the lesson or its cue; else where the visit went, a city its cue
        # sentence names, or (no visit in the document: the lessons of a city's own launch or workshop) the
        # city of the document's title block
        named = _source_city(f, item) or _cue_source_city(f, item)
        event = _lesson_event(f, item, named)
        city = named or _visited_city(f, event) or _cue_city(f, item) or (
            _title_city(f) if event is None or not visits else None)
        examples = _examples(f, item)
        theme = ctx.lexicon.theme_for(" ".join(x for x in (item.title, item.title_en or "") if x)) \
            or ctx.lexicon.theme_for(item.description or "")
        lesson = Lesson(key=f"lesson:{len(f.lesson_keys)}", name=item.title, lang=ctx.doc.language,
                        description=item.description, theme=theme, event=f.event_key(event),
                        learned_from=f.table.key_of(city), examples=examples,
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


def _examples(f: Findings, item: LessonItem) -> list[str]:
    """The programmes a lesson's description names: as mentions, or again by a name or acronym the document gave
    them ("Restoring Cheonggyecheon took ..." after "the Cheonggyecheon restoration"); a lesson named in prose takes
    those of the rest of its paragraph ("... itu contohnya")."""
    start, end = item.description_start, item.description_end
    if item.in_prose:
        line = f.ctx.layout.line_at(start)
        end = max(end, line.end) if line is not None else end
    inside = [p for p in f.programmes if start <= p.start < end]
    keys = [f.table.key_of(p) for p in inside]
    # each programme by every name the document gave it, its acronym too ("the CRI gives ...")
    keys_of = {f.table.key_of(p) for p in f.programmes} - {None}
    named = {label: key for key in keys_of for label in f.extraction.entities[key].labels()
             if len(label) > 3 or (label.isupper() and len(label) > 2)}
    for name, key in sorted(named.items()):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", f.ctx.text[start:end]):
            at = start + m.start()
            if not any(p.start <= at < p.end for p in inside):  # not a part of a longer name found there
                keys.append(key)
                break
    return [k for k in dict.fromkeys(keys) if k]


def _lesson_event(f: Findings, item: LessonItem, city: Mention | None) -> EventCluster | None:
    """The event a lesson was learned on: the visit to the city it came from, else the visit or event its cue
    sentence names ("the forum agreed on three lessons"), else the last visit before the cue, else the first
    visit or the document's event."""
    visits = [c for c in f.clusters if c.event_class == "LearningVisit"]
    if city is not None:
        there = [c for c in visits if _went_to(f, c, city)]
        if there:
            return there[0]
        # a visit to another city is not where this lesson was learned
        visits = [c for c in visits if c.place is None or c.place.entry.kind != "city"]
    sentence = f.ctx.layout.sentence_at(item.cue_start)
    in_cue = [c for c in f.clusters if any(sentence.start <= m.start < sentence.end for m in c.mentions)]
    if in_cue:
        return next((c for c in in_cue if c.event_class == "LearningVisit"), in_cue[0])
    before = [(m.start, c) for c in visits for m in c.mentions if m.start < item.cue_start]
    if before:
        return max(before, key=lambda t: t[0])[1]
    return visits[0] if visits else f.main_event


def _went_to(f: Findings, visit: EventCluster, city: Mention) -> bool:
    """A visit went to the city: its place, or a name that names it ("Pertukaran Pembelajaran Jakarta-Solo")."""
    if visit.place is not None:
        return f.table.key_of(visit.place) == f.table.key_of(city)
    surface = f.ctx.text[city.start:city.end]
    return any(re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", m.name) for m in visit.named)


def _cities(f: Findings, start: int, end: int) -> list[Mention]:
    return [p for p in f.places if start <= p.start < end and p.entry.kind == "city"]


def _source_city(f: Findings, item: LessonItem) -> Mention | None:
    """The city a lesson names as its origin: "(from Kitakyushu)", "learned from Seoul", "dipelajari dari Solo"."""
    return _after_source_word(f, item.start, max(item.end, item.description_end), bracket=True)


def _cue_source_city(f: Findings, item: LessonItem) -> Mention | None:
    """The city the sentence introducing the lessons says they came from ("Dari Rotterdam, dua pembelajaran")."""
    sentence = f.ctx.layout.sentence_at(item.cue_start)
    return _after_source_word(f, sentence.start, sentence.end, bracket=False)


def _after_source_word(f: Findings, start: int, end: int, bracket: bool) -> Mention | None:
    """The first city in the stretch right after a source word; the bare "from"/"dari" only opening a bracket
    (in a lesson: "(dari Solo)") or anywhere (in the sentence introducing lessons)."""
    lexicon = f.ctx.lexicon
    bare = (r"\(\s*" if bracket else "") + lexicon.alternation("lesson_source_brackets")
    words = rf"(?:{lexicon.alternation('lesson_source_words')}|{bare})"
    cue = pattern(rf"(?<!\w){words}\s+(?:{lexicon.alternation('place_level_words')}\s+)?$", re.IGNORECASE)
    for p in _cities(f, start, end):
        if cue.search(f.ctx.text, max(start, p.start - 40), p.start):
            return p
    return None


def _cue_city(f: Findings, item: LessonItem) -> Mention | None:
    """A city named in the sentence that introduces the lesson ("Dari Seoul, tim mencatat empat pembelajaran"),
    else one the document names elsewhere that the sentence names inside a name ("Tim Solo membagikan ...")."""
    sentence = f.ctx.layout.sentence_at(item.cue_start)
    found = _cities(f, sentence.start, sentence.end)
    if found:
        return found[0]
    elsewhere = {p.entry.name: p for p in reversed(f.places) if p.entry.kind == "city"}
    for word in re.finditer(r"\b[A-Z][\w-]+", sentence.text):
        entry = f.ctx.lexicon.place(word.group())
        if entry is not None and entry.name in elsewhere:
            return elsewhere[entry.name]
    return None


def _visited_city(f: Findings, event: EventCluster | None) -> Mention | None:
    """The city a learning visit went to: what the visitors learned came from there (the place of a forum or
    workshop is only where it met)."""
    if event is None or event.event_class != "LearningVisit" or event.place is None:
        return None
    return event.place if event.place.entry.kind == "city" else None


def _title_city(f: Findings) -> Mention | None:
    """The one city the document's title block (its lines before the first blank line) names ("Solo Riverside
    Renewal | Case note | Solo"): lessons nothing else places come from the city the document is about."""
    text = f.ctx.text
    end = text.find("\n\n", len(text) - len(text.lstrip()))
    found = _cities(f, 0, end if end >= 0 else len(text))
    return found[0] if len({f.table.key_of(p) for p in found}) == 1 else None
