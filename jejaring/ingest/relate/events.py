"""Events into entities: one per event of the document, dated by the dateline when the text gives no day."""

from __future__ import annotations

import re

from jejaring.ingest.extract.context import Mention
from jejaring.ingest.extract.events import EventCluster, dateline
from jejaring.ingest.extract.text import pattern
from jejaring.ingest.findings import Findings
from jejaring.ingest.registry import component

_PLACE_BEFORE_DATE = re.compile(r"[\s,]*")


@component("event-nodes", requires=["clusters", "main_event", "entities"], assigns=["event_keys"])
def event_nodes(f: Findings) -> None:
    """An entity per event, with its place; an event named inside another's name is what that one is about."""
    main = f.main_event
    if main is not None and (main.precision != "day" or main.start is None):
        day = dateline(f.ctx)
        if day is not None:
            # the dateline under a headline dates the event the headline names
            main.start, main.end, main.precision = day.begin, day.end_date, "day"
    for c in f.clusters:
        if c.place is None:
            c.place = _held_at(f, c)
    if main is not None and main.place is None:
        main.place = _dateline_place(f) or _title_city(f)
    for c in f.clusters:
        if c.place is None and c.part_of is not None:
            c.place = c.part_of.place  # a session is held where the event whose agenda holds it is
    f.event_keys = {id(c): f.table.event(c, i) for i, c in enumerate(f.clusters)}
    for c in f.clusters:
        ev = f.extraction.entities[f.event_keys[id(c)]]
        ev.location = f.table.key_of(c.place) if c.place is not None else None
        for m in c.named:
            for other in f.clusters:
                if other is not c and any(m.start <= x.start < m.end for x in other.mentions):
                    ev.about.append(f.event_keys[id(other)])


def _dateline_place(f: Findings) -> Mention | None:
    """ "Jakarta, 13 Juni 2019." at the head of a news article; of "Medan, Indonesia, 5-6 Juli 2022" the first."""
    for d in f.ctx.dates[:3]:
        line = f.ctx.layout.line_at(d.start)
        if line is None:
            continue
        chain = None
        for p in sorted(f.places, key=lambda p: -p.start):
            if line.start <= p.start < d.start and _PLACE_BEFORE_DATE.fullmatch(
                    f.ctx.text[p.end:chain.start if chain is not None else d.start]):
                chain = p
        if chain is not None:
            return chain
    return None


def _title_city(f: Findings) -> Mention | None:
    """The one city the title block (the lines before the first blank line) names: "Resilient Solo | Project
    brief | Solo" reports on an event held there."""
    text = f.ctx.text
    end = text.find("\n\n", len(text) - len(text.lstrip()))
    found = [p for p in f.places if p.start < (end if end >= 0 else len(text)) and p.entry.kind == "city"]
    return found[0] if len({f.table.key_of(p) for p in found}) == 1 else None


def _held_at(f: Findings, c: EventCluster) -> Mention | None:
    """ "Lokakarya X digelar di Semarang", "The forum was held in Medan": a place a few words after a mention
    that names the event (or refers to it by a capitalised word), after "di"/"in", in the same clause."""
    text = f.ctx.text
    before = pattern(rf"(?<![\w-]){f.ctx.lexicon.alternation('event_held_prepositions')}\s+"
                     rf"(?:{f.ctx.lexicon.alternation('place_name_prefixes')}\s+)?$", re.IGNORECASE)
    for m in c.mentions:
        if not (m.named or m.name[:1].isupper()):
            continue
        sentence = f.ctx.layout.sentence_at(m.start)
        for p in f.places:
            between = text[m.end:p.start]
            if m.end <= p.start < sentence.end and before.search(between) and not re.search(r"[,;:(]", between) \
                    and len(between.split()) <= 6 and not any(m.end <= o.start < p.start for o in f.event_mentions):
                return p
    return None
