"""Participation: who attended or organised which event."""

from __future__ import annotations

from jejaring.ingest.extract.events import EventCluster
from jejaring.ingest.findings import Findings
from jejaring.ingest.records import Participation
from jejaring.ingest.registry import component


@component("participation", requires=["persons", "event_keys"], assigns=["participations"],
           rules=["participant-list", "participation-cue", "participation-speaker", "participation-single-event"])
def participation(f: Findings) -> None:
    """Attendees from lists and cues ("hadir", "attended", "hosted by"), speakers, and those a one-event
    report introduces with a post."""
    ctx = f.ctx
    seen: set[tuple[str, str, bool]] = set()

    def add(event: EventCluster | None, agent: str | None, start: int, end: int, rule: str, organiser=False):
        if event is None or agent is None or not f.allows(rule):
            return
        key = f.event_keys[id(event)]
        if (key, agent, organiser) in seen:
            return
        seen.add((key, agent, organiser))
        f.extraction.participations.append(Participation(event=key, agent=agent, organiser=organiser,
                                                         spans=[ctx.span(start, end, "participation", rule, 0.8)]))

    for m in f.persons:
        if m.rule in ("person-list", "person-label"):
            event = f.list_event(m) if m.rule == "person-list" else (f.main_event or f.only_event())
            add(event, f.table.key_of(m), m.start, m.end, "participant-list")
    cues = ctx.lexicon.participation_cue_pattern()
    for s in ctx.layout.sentences:
        for cue in cues.finditer(s.text):
            role = ctx.lexicon.participation_role(cue.group())
            event = f.event_near(s.start, s.end) or f.main_event
            for agent in f.agents_in(s.start + cue.end(), s.end):
                add(event, f.agent_key(agent), agent.start, agent.end, "participation-cue",
                    organiser=role == "organiser")
    for speaker, event, mention in f.speakers:
        add(event, speaker, mention.start, mention.end, "participation-speaker")
    only = f.only_event()
    if only is not None:
        # a report on one event: everyone it introduces with a post or body took part in it
        for m in f.persons:
            if m.post_text or m.rule in ("person-honorific", "person-after-post"):
                add(only, f.table.key_of(m), m.start, m.end, "participation-single-event")
