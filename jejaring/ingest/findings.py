"""What the components have found so far in one document, and the lookups several of them share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.events import EventCluster
from jejaring.ingest.extract.lessons import LessonItem
from jejaring.ingest.records import Extraction
from jejaring.ingest.resolve import EntityTable

__all__ = ["Findings"]


@dataclass
class Findings:
    """One document under extraction: its context, the mentions and facts found, and the rules switched off.

    The mention fields hold what a component found, after the overlaps were settled where ``settle`` has run;
    ``extraction`` collects the entities and facts that become the document's graph.
    """

    ctx: Context
    disabled: frozenset[str] = frozenset()
    extraction: Extraction = field(init=False)
    table: EntityTable = field(init=False)
    places: list[Mention] = field(default_factory=list)
    lesson_items: list[LessonItem] = field(default_factory=list)
    event_mentions: list[Mention] = field(default_factory=list)
    programmes: list[Mention] = field(default_factory=list)
    organisations: list[Mention] = field(default_factory=list)
    settled: list[Mention] = field(default_factory=list)
    blocked: list[Mention] = field(default_factory=list)  # stretches of other kinds no person's name overlaps
    posts: list[Mention] = field(default_factory=list)
    recognised: list[Mention] | None = None  # None: the recogniser did not run
    persons: list[Mention] = field(default_factory=list)
    clusters: list[EventCluster] = field(default_factory=list)
    main_event: EventCluster | None = None
    event_keys: dict[int, str] = field(default_factory=dict)  # id(cluster) -> entity key
    lesson_keys: list[str] = field(default_factory=list)
    speakers: list[tuple[str, EventCluster | None, Mention]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.extraction = Extraction(self.ctx.doc)
        self.table = EntityTable(self.ctx, self.extraction)

    def allows(self, rule: str) -> bool:
        """False when the rule is switched off for this run."""
        return rule not in self.disabled

    def kept(self, mentions) -> list[Mention]:
        """The mentions whose rule is not switched off."""
        return [m for m in mentions if m.rule not in self.disabled]

    # -- lookups shared by the components -------------------------------------------------------------
    def event_near(self, start: int, end: int) -> EventCluster | None:
        """The first event with a mention in the stretch."""
        for c in self.clusters:
            if any(start <= x.start < end for x in c.mentions):
                return c
        return None

    def event_key(self, cluster: EventCluster | None) -> str | None:
        """The entity key of an event, None for no event."""
        return self.event_keys.get(id(cluster)) if cluster is not None else None

    def only_event(self) -> EventCluster | None:
        """The document's event, when it names exactly one."""
        return self.clusters[0] if len(self.clusters) == 1 else None

    def list_event(self, m: Mention) -> EventCluster | None:
        """The event a listed person takes part in: named in the sentence that introduces the list."""
        ctx = self.ctx
        lines = ctx.layout.lines
        line = ctx.layout.line_at(m.start)
        if line is None:
            return None
        i = lines.index(line)
        cues = ctx.lexicon.participation_cue_pattern()
        for prev in reversed(lines[max(0, i - 25):i + 1]):
            if prev.is_item and prev is not line:
                continue
            if cues.search(prev.text) or prev.text.rstrip().endswith(":") or prev.text.isupper():
                found = self.event_near(prev.start, prev.end)
                if found is not None:
                    return found
                if cues.search(prev.text):
                    return self.main_event
        return None

    def dateline(self):
        """A day-precise date near the head of the document (a news dateline), if any."""
        return next((d for d in self.ctx.dates if d.start < 600 and d.precision == "day"), None)

    def reported_date(self):
        """The date a post mentioned in running text is held on: the reported event's, else the dateline's."""
        if self.main_event is not None and self.main_event.start and self.main_event.precision == "day":
            return self.main_event.start
        dateline = self.dateline()
        return dateline.begin if dateline is not None else self.ctx.doc.date

    def agent_key(self, m: Mention) -> str | None:
        """The entity an agent mention stands for; a post stands for the one person of the document holding it."""
        if m.kind == "post":
            return self._holder(m)
        return self.table.key_of(m)

    def _holder(self, m: Mention) -> str | None:
        first = m.posts[0]
        org = self.table.key_of(first.organisation) if first.organisation is not None else None
        candidates = list(dict.fromkeys(
            ms.person for ms in self.extraction.memberships
            if ms.role == first.role and (org is None or ms.organisation in (org, None))))
        if len(candidates) == 1:
            return candidates[0]
        return org if org is not None and first.role in ("staff",) else None

    def agents_in(self, start: int, end: int) -> list[Mention]:
        """Agents in a stretch, leaving out an organisation that only heads a bracketed list of others."""
        text = self.ctx.text
        found = [a for a in self.persons + self.organisations + self.posts if start <= a.start < end]
        out = []
        for a in found:
            if a.kind == "organisation" and re.match(r"\s*\(", text[a.end:]):
                close = text.find(")", a.end)
                if any(o is not a and a.end < o.start < close for o in found):
                    continue
            out.append(a)
        return out
