"""Events into entities: one per event of the document, dated by the dateline when the text gives no day."""

from __future__ import annotations

import re

from jejaring.ingest.extract.context import Mention
from jejaring.ingest.findings import Findings
from jejaring.ingest.registry import component

_PLACE_BEFORE_DATE = re.compile(r"[\s,]*")


@component("event-nodes", requires=["clusters", "main_event", "entities"], assigns=["event_keys"])
def event_nodes(f: Findings) -> None:
    """An entity per event, with its place; an event named inside another's name is what that one is about."""
    main = f.main_event
    if main is not None and (main.precision != "day" or main.start is None):
        dateline = f.dateline()
        if dateline is not None:
            # the dateline under a headline dates the event the headline names
            main.start, main.end, main.precision = dateline.begin, None, "day"
    if main is not None and main.place is None:
        main.place = _dateline_place(f)
    f.event_keys = {id(c): f.table.event(c, i) for i, c in enumerate(f.clusters)}
    for c in f.clusters:
        ev = f.extraction.entities[f.event_keys[id(c)]]
        ev.location = f.table.key_of(c.place) if c.place is not None else None
        for m in c.named:
            for other in f.clusters:
                if other is not c and any(m.start <= x.start < m.end for x in other.mentions):
                    ev.about.append(f.event_keys[id(other)])


def _dateline_place(f: Findings) -> Mention | None:
    """ "Jakarta, 13 Juni 2019." at the head of a news article."""
    for d in f.ctx.dates[:3]:
        line = f.ctx.layout.line_at(d.start)
        if line is None:
            continue
        for p in f.places:
            if line.start <= p.start < d.start and _PLACE_BEFORE_DATE.fullmatch(f.ctx.text[p.end:d.start]):
                return p
    return None
