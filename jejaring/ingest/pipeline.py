"""The extraction pipeline: a document through the rule extractors, into one :class:`Extraction`.

The extractors under ``extract/`` find mentions; this module settles their overlaps (longest wins),
resolves mentions of the same thing within the document into one entity, and links them into facts:
posts, participation, lessons and statements.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jejaring.ingest.document import Document
from jejaring.ingest.extract.context import Context, Mention, settle_overlaps
from jejaring.ingest.extract.events import EventCluster, find_event_mentions, group_events
from jejaring.ingest.extract.lessons import LessonItem, find_lessons, find_prose_lessons
from jejaring.ingest.extract.names import fold
from jejaring.ingest.extract.organisations import find_acronym_definitions, find_organisations
from jejaring.ingest.extract.persons import find_persons
from jejaring.ingest.extract.places import find_places
from jejaring.ingest.extract.posts import PostParse, find_post_mentions, parse_posts
from jejaring.ingest.extract.programmes import find_programmes
from jejaring.ingest.extract.statements import find_speech
from jejaring.ingest.extract.text import pattern
from jejaring.ingest.lexicon import Lexicon
from jejaring.ingest.records import (
    Event,
    Extraction,
    Lesson,
    Membership,
    Organisation,
    Participation,
    Person,
    Place,
    Programme,
    Statement,
)
from jejaring.ingest.resolve import EntityTable

__all__ = ["extract_document"]

_LOCALITY_GOVERNMENT = [
    (re.compile(r"^(?:Provinsi|Prov\.)\s+(.+)$"), "Pemerintah Provinsi {}"),
    (re.compile(r"^(DKI Jakarta)$"), "Pemerintah Provinsi {}"),
    (re.compile(r"^Kota Administrasi\s+(.+)$"), "Kota Administrasi {}"),
    (re.compile(r"^Kota\s+(.+)$"), "Pemerintah Kota {}"),
    (re.compile(r"^(?:Kabupaten|Kab\.)\s+(.+)$"), "Pemerintah Kabupaten {}"),
]


_OPENING = re.compile(r"\s*[\(\[](\s*)")
_CLOSING = re.compile(r"\s*[\)\]]")


def extract_document(doc: Document, lexicon: Lexicon) -> Extraction:
    """Run every extractor over a document and return its entities, facts and evidence.

    Parameters
    ----------
    doc
        The cleaned document.
    lexicon
        Domain knowledge: agencies, acronyms, posts, honorifics, places and cue words.
    """
    return _Extractor(Context(doc, lexicon)).run()


class _Extractor:
    """One document's extraction: mentions in, an Extraction out."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.ex = Extraction(ctx.doc)
        self.table = EntityTable(ctx, self.ex)

    # -- the steps, in order ----------------------------------------------------------------------
    def run(self) -> Extraction:
        ctx = self.ctx
        places = list(find_places(ctx))
        self.lessons = find_lessons(ctx)
        self.lessons += find_prose_lessons(ctx, self.lessons)
        lesson_blocks = [Mention(i.start, i.end, "lesson", i.title, "lesson-title") for i in self.lessons]
        events = find_event_mentions(ctx, places)
        programmes = list(find_programmes(ctx, [(i.description_start, i.description_end) for i in self.lessons]))
        orgs = list(find_organisations(ctx))
        settled = settle_overlaps(
            orgs + places + [p for p in programmes if p.rule != "programme-secretariat"]
            + [e for e in events if e.data.get("named")] + lesson_blocks
        )
        self.orgs = self._add_acronym_mentions([m for m in settled if m.kind == "organisation"], settled)
        self.places = [m for m in settled if m.kind == "place"]
        self.programmes = [m for m in settled if m.kind == "programme"]
        blocked = [m for m in settled if m.rule != "programme-example"] + self.orgs
        self.posts = find_post_mentions(ctx, self.orgs)
        # a unit named inside a post title ("Head of Tidal and Coastal Flood Control Division") is part of the
        # title, and so is a programme cue in it ("Direktur ... Strategi dan Kebijakan ...")
        self.orgs = [o for o in self.orgs if o.rule != "org-head-suffix" or not any(
            p.start <= o.start and o.end <= p.end and "," not in ctx.text[p.start:o.start] for p in self.posts)]
        self.programmes = [g for g in self.programmes if not any(p.start <= g.start < p.end for p in self.posts)]
        self.posts = find_post_mentions(ctx, self.orgs)
        self.persons = find_persons(ctx, blocked + self.posts, self.posts)
        self.programmes = [p for p in self.programmes if not any(
            p.start < m.end and m.start < p.end for m in self.persons)]
        self.clusters = group_events(ctx, [e for e in events if not e.data.get("named") or e in settled])
        self.main_event = self._main_event()
        if self.main_event is not None:
            # sessions of an agenda named only by their kind ("Workshop: ...") are parts of the main event
            cues = {c.cue.lower() for c in ctx.lexicon.event_cues}
            self.clusters = [c for c in self.clusters if c is self.main_event or c.start is not None or
                             any(x.name.lower() not in cues for x in c.named)]
        self._entities()
        self._memberships()
        self._represented()
        self._events()
        self._lessons()
        self._statements_and_speakers()
        self._participation()
        self._adoption()
        return self.ex

    # -- mentions ---------------------------------------------------------------------------------
    def _add_acronym_mentions(self, orgs: list[Mention], settled: list[Mention]) -> list[Mention]:
        """Bare acronyms the document defines for an organisation, and acronyms listed among organisations."""
        ctx = self.ctx
        out = list(orgs)
        taken = [(m.start, m.end) for m in settled]
        defined = {}
        for acronym, (start, end, _) in find_acronym_definitions(ctx).items():
            owner = next((o for o in orgs if o.start <= start < o.end or start <= o.start < end), None)
            if owner is not None:
                defined[acronym] = owner
                owner.data.setdefault("acronym", acronym)
        listed = self._listed_acronyms(orgs)
        for m in re.finditer(r"(?<![\w/])([A-Z][A-Za-z0-9]{1,14})(?![\w])", ctx.text):
            token = m.group(1)
            if any(s <= m.start() < e for s, e in taken):
                continue
            if token in defined:
                out.append(Mention(m.start(), m.end(), "organisation", token, "org-acronym-defined", 0.8,
                                   {"acronym": token, "refers_to": defined[token]}))
            elif m.start() in listed:
                out.append(Mention(m.start(), m.end(), "organisation", token, "org-list-acronym", 0.7,
                                   {"acronym": token, "kind": None}))
        return sorted(out, key=lambda m: m.start)

    def _listed_acronyms(self, orgs: list[Mention]) -> set[int]:
        """Starts of all-capitals tokens listed in brackets among organisations: "LSM/NGO (..., YKRI)"."""
        text = self.ctx.text
        out = set()
        for m in re.finditer(r"\(([^()]{3,600})\)", text):
            inside = [o for o in orgs if m.start() < o.start < m.end()]
            head = text[max(0, m.start() - 40):m.start()]
            if len(inside) < 2 and not re.search(r"(?:LSM|NGO|organisasi|lembaga|unsur|mitra|partners|agencies)\W*$",
                                                 head, re.IGNORECASE):
                continue
            for item in re.finditer(r"(?:(?<=\()|(?<=,)|(?<=;)|(?<=dan))\s*([A-Z][A-Z0-9]{1,9})\s*(?=[,;)]|dan\b)",
                                    text[m.start():m.end()]):
                out.add(m.start() + item.start(1))
        return out

    # -- entities ---------------------------------------------------------------------------------
    def _entities(self) -> None:
        t = self.table
        for m in sorted(self.orgs, key=lambda m: (m.data.get("refers_to") is not None, m.start)):
            t.organisation(m)  # an acronym used before its definition resolves once the definition has
        self._merge_bracketed_organisations()
        for m in self.places:
            t.place(m)
        for m in self.programmes:
            t.programme(m)
        for m in sorted(self.persons, key=lambda m: (m.rule == "person-back-reference", len(m.name.split()) == 1,
                                                      m.start)):
            t.person(m)

    def _merge_bracketed_organisations(self) -> None:
        """ "Resilient Jakarta Secretariat (Sekretariat Jakarta Berketahanan)": one body, two names."""
        text = self.ctx.text
        starting: dict[int, list[Mention]] = {}  # by start, so a long document is not read pair by pair
        for b in self.orgs:
            starting.setdefault(b.start, []).append(b)
        for a in self.orgs:
            opening = _OPENING.match(text, a.end)
            if opening is None:
                continue
            spaces = range(opening.start(1), opening.end(1) + 1)  # where b may start
            for b in (b for start in spaces for b in starting.get(start, [])):
                if _CLOSING.match(text, b.end):
                    ka, kb = self.table.key_of(a), self.table.key_of(b)
                    if ka and kb and ka != kb and not re.fullmatch(r"[A-Z][A-Za-z0-9]{1,14}", b.name):
                        self.table.merge(kb, ka)

    def _represented(self) -> None:
        """ "X was represented by A and B", "Bappeda diwakili oleh A": A and B belong to X."""
        text = self.ctx.text
        for m in self.persons:
            person = self.table.key_of(m)
            if person is None or m.rule == "person-back-reference":
                continue
            sentence = self.ctx.layout.sentence_at(m.start)
            before = [o for o in self.orgs if sentence.start <= o.start and o.end <= m.start]
            for o in reversed(before):
                between = text[o.end:m.start]
                if re.search(r"\b(?:represented by|diwakili(?: oleh)?|by|oleh)\b", between) and not any(
                        o.end <= p.start < m.start and p.rule not in ("person-coordinated",) and p is not m
                        and not re.match(r"\s*(?:,\s*)?(?:dan|and)", text[p.end:m.start]) for p in self.persons):
                    org = self.table.key_of(o)
                    if not any(ms.person == person and ms.organisation == org for ms in self.ex.memberships):
                        self._add_membership(Membership(person=person, organisation=org, spans=[
                            self.ctx.span(o.start, m.end, "membership", "membership-represented", 0.7)]))
                    break

    def _memberships(self) -> None:
        """Posts of persons from the text after their names, with the group they are listed under."""
        ctx = self.ctx
        for m in self.persons:
            person = self.table.key_of(m)
            if person is None:
                continue
            group = self._group_org(m)
            start_end = m.data.get("post_text")
            posts = parse_posts(ctx, *start_end, self.orgs) if start_end else []
            at = self._date_for_list(m) if m.rule == "person-list" else self._reported_date()
            for post in posts:
                if post.holder is not None and post.holder[0] != m.start:
                    continue  # "dibacakan Wira, Deputi Gubernur ... Hendra Saputra": the title is Hendra's
                self._membership(person, post, group, at, m)
            if start_end:
                self._earlier_post(person, m, *start_end)
            if not posts and start_end:
                orgs = [o for o in self.orgs if start_end[0] <= o.start < start_end[1]]
                for org in orgs:  # "Faculty of ..., Delft University of Technology": a member of each
                    self._add_membership(Membership(person=person, organisation=self.table.key_of(org), at=at,
                                                    spans=[ctx.span(m.start, start_end[1], "membership", m.rule)]))
                if orgs:
                    continue
            if not posts and group is not None:
                self._add_membership(Membership(person=person, organisation=group, at=at,
                                                spans=[ctx.span(m.start, m.end, "membership", "membership-group")]))

    def _membership(self, person: str, post: PostParse, group: str | None, at, m: Mention) -> None:
        org = self.table.key_of(post.organisation) if post.organisation is not None else None
        if org is None and post.locality:
            org = self._government_of(post.locality, post)
        if org is None and group is not None and self.ctx.lexicon.role_takes_org(post.role):
            org = group
        span = self.ctx.span(post.start, post.end, "membership", "post-title")
        start, end = self._interval_words(post.start)
        self._add_membership(Membership(person=person, organisation=org, role=post.role, role_label=post.label,
                                        role_lang=post.lang, role_names=post.names, start=start, end=end,
                                        at=None if start or end else at, spans=[span]))

    def _add_membership(self, new: Membership) -> None:
        """Add a membership, or fold it into one of the same person, role and organisation."""
        for old in self.ex.memberships:
            if old.person != new.person:
                continue
            same_role = old.role == new.role or new.role is None or old.role is None
            same_org = old.organisation == new.organisation or new.organisation is None or old.organisation is None
            if same_role and same_org and (old.role or new.role):
                old.role = old.role or new.role
                old.role_label = old.role_label or new.role_label
                old.role_lang = old.role_lang or new.role_lang
                old.role_names = old.role_names or new.role_names
                old.organisation = old.organisation or new.organisation
                old.at = old.at or new.at
                old.spans += [s for s in new.spans if s not in old.spans]
                return
            if old.role is None and new.role is None and old.organisation == new.organisation:
                return
        self.ex.memberships.append(new)

    def _earlier_post(self, person: str, m: Mention, start: int, end: int) -> None:
        """ "saat ... masih menjabat sebagai X": an earlier post, at the date of the event the clause names."""
        text = self.ctx.text
        clause = re.search(r"(?:saat|ketika|when)\b(.{0,120}?)(?:masih\s+)?(?:menjabat|menjadi|was|served as)\s+"
                           r"(?:sebagai\s+|as\s+)?", text[start:end])
        if clause is None:
            return
        pos = start + clause.end()
        posts = parse_posts(self.ctx, pos, end, self.orgs)
        event = self._event_named_in(start + clause.start(1), start + clause.end(1))
        at = event.start if event is not None else None
        for post in posts:
            self._membership(person, post, None, at, m)

    def _event_named_in(self, start: int, end: int) -> EventCluster | None:
        """The event a clause refers to: one mentioned in it, or a visit to a place it names."""
        for c in self.clusters:
            if any(start <= x.start < end for x in c.mentions):
                return c
        for p in self.places:
            if start <= p.start < end:
                for c in self.clusters:
                    if c.place is not None and c.place.name == p.name:
                        return c
        return None

    def _government_of(self, locality: str, post: PostParse) -> str | None:
        for locality_re, template in _LOCALITY_GOVERNMENT:
            m = locality_re.match(locality)
            if m:
                name = template.format(m.group(1).strip())
                return self.table.implied_organisation(name, post.start, post.end)
        return None

    def _group_org(self, m: Mention) -> str | None:
        """The organisation a listed person is grouped under: "Org ([i] A ...)" or a heading line "Org:"."""
        ctx = self.ctx
        line = ctx.layout.line_at(m.start)
        if line is None:
            return None
        opening = ctx.text.rfind("(", line.start, m.start)
        if opening > 0:
            head = [o for o in self.orgs if line.start <= o.start and o.end <= opening and
                    ctx.text[o.end:opening].strip() == ""]
            if head:
                return self.table.key_of(head[-1])
        lines = ctx.layout.lines
        i = lines.index(line)
        for prev in reversed(lines[max(0, i - 12):i]):
            if prev.is_item:
                continue
            if prev.text.rstrip().endswith(":"):
                orgs = [o for o in self.orgs if prev.start <= o.start < prev.end]
                return self.table.key_of(orgs[0]) if orgs else None
            break
        return None

    def _interval_words(self, offset: int):
        """ "Sejak Februari 2019, Siti menjabat ...", "hingga akhir 2018 ia adalah ...": the dates that open or
        close a post, said in its sentence."""
        sentence = self.ctx.layout.sentence_at(offset)
        start = end = None
        for d in self.ctx.dates:
            if sentence.start <= d.start < sentence.end:
                before = self.ctx.text[max(sentence.start, d.start - 25):d.start].lower()
                if re.search(r"\b(?:sejak|since|mulai|from)\s+(?:\w+\s+)?$", before):
                    start = d.begin
                elif re.search(r"\b(?:hingga|sampai|until|till)\s+(?:akhir\s+|end of\s+)?$", before):
                    end = d.end_date or _period_end(d)
        return start, end

    def _reported_date(self):
        """The date a post mentioned in running text is held on: the reported event's, else the dateline's."""
        if self.main_event is not None and self.main_event.start and self.main_event.precision == "day":
            return self.main_event.start
        dateline = next((d for d in self.ctx.dates if d.start < 600 and d.precision == "day"), None)
        return dateline.begin if dateline is not None else self.ctx.doc.date

    def _date_for_list(self, m: Mention):
        event = self._list_event(m)
        return event.start if event is not None and event.precision == "day" else None

    def _list_event(self, m: Mention) -> EventCluster | None:
        """The event a listed person takes part in: named in the sentence that introduces the list."""
        ctx = self.ctx
        lines = ctx.layout.lines
        line = ctx.layout.line_at(m.start)
        if line is None:
            return None
        i = lines.index(line)
        cues = self.ctx.lexicon.participation_cue_pattern()
        for prev in reversed(lines[max(0, i - 25):i + 1]):
            if prev.is_item and prev is not line:
                continue
            if cues.search(prev.text) or prev.text.rstrip().endswith(":") or prev.text.isupper():
                found = self._event_near(prev.start, prev.end)
                if found is not None:
                    return found
                if cues.search(prev.text):
                    return self.main_event
        return None

    def _event_near(self, start: int, end: int) -> EventCluster | None:
        for c in self.clusters:
            if any(start <= x.start < end for x in c.mentions):
                return c
        return None

    # -- events -----------------------------------------------------------------------------------
    def _events(self) -> None:
        ctx = self.ctx
        if (self.main_event is not None and self.main_event.precision != "day") or \
                (self.main_event is not None and self.main_event.start is None):
            dateline = next((d for d in ctx.dates if d.start < 600 and d.precision == "day"), None)
            if dateline is not None:
                # the dateline under a headline dates the event the headline names
                self.main_event.start, self.main_event.end, self.main_event.precision = dateline.begin, None, "day"
        if self.main_event is not None and self.main_event.place is None:
            self.main_event.place = self._dateline_place()
        self.event_keys: dict[int, str] = {}
        for i, c in enumerate(self.clusters):
            key = self.table.event(c, i)
            self.event_keys[id(c)] = key
        for c in self.clusters:
            ev = self.ex.entities[self.event_keys[id(c)]]
            ev.location = self.table.key_of(c.place) if c.place is not None else None
            for m in c.named:
                for other in self.clusters:
                    if other is not c and any(m.start <= x.start < m.end for x in other.mentions):
                        ev.about.append(self.event_keys[id(other)])

    def _main_event(self) -> EventCluster | None:
        """The event a document reports on: named in its title, or dated on the document's date."""
        lines = self.ctx.layout.lines[:3]
        for c in self.clusters:
            if lines and any(lines[0].start <= m.start < lines[min(2, len(lines) - 1)].end for m in c.named):
                return c
        for c in self.clusters:
            if self.ctx.doc.date and c.start == self.ctx.doc.date:
                return c
        return None

    def _dateline_place(self) -> Mention | None:
        """ "Jakarta, 13 Juni 2019." at the head of a news article."""
        for d in self.ctx.dates[:3]:
            line = self.ctx.layout.line_at(d.start)
            if line is None:
                continue
            for p in self.places:
                if line.start <= p.start < d.start and re.fullmatch(r"[\s,]*", self.ctx.text[p.end:d.start]):
                    return p
        return None

    # -- lessons ----------------------------------------------------------------------------------
    def _lessons(self) -> None:
        ctx = self.ctx
        self.lesson_keys: list[str] = []
        for item in self.lessons:
            event = self._lesson_event(item)
            city = self._lesson_city(item, event)
            examples = [self.table.key_of(p) for p in self.programmes
                        if item.description_start <= p.start < item.description_end]
            theme = ctx.lexicon.theme_for(" ".join(x for x in (item.title, item.title_en or "") if x)) \
                or ctx.lexicon.theme_for(item.description or "")
            lesson = Lesson(key=f"lesson:{len(self.lesson_keys)}", name=item.title, lang=ctx.doc.language,
                            description=item.description, theme=theme,
                            event=self.event_keys.get(id(event)) if event is not None else None,
                            learned_from=city, examples=[k for k in dict.fromkeys(examples) if k],
                            spans=[ctx.span(item.start, item.end, "lesson", "lesson-list-item", 0.85)])
            if item.title_en:
                lesson.add_label(item.title_en, "en")
            self.ex.add(lesson)
            self.lesson_keys.append(lesson.key)

    def _lesson_event(self, item: LessonItem) -> EventCluster | None:
        visits = [c for c in self.clusters if c.event_class == "LearningVisit"]
        before = [(m.start, c) for c in visits for m in c.mentions if m.start < item.cue_start]
        if before:
            return max(before, key=lambda t: t[0])[1]
        if len(visits) == 1:
            return visits[0]
        return visits[0] if visits else self.main_event

    def _lesson_city(self, item: LessonItem, event: EventCluster | None) -> str | None:
        if event is not None and event.place is not None and event.place.data["entry"].kind == "city":
            return self.table.key_of(event.place)
        sentence = self.ctx.layout.sentence_at(item.cue_start)
        for p in self.places:
            if sentence.start <= p.start < sentence.end and p.data["entry"].kind == "city":
                return self.table.key_of(p)
        return None

    # -- statements and participation -------------------------------------------------------------
    def _statements_and_speakers(self) -> None:
        ctx = self.ctx
        agents = sorted(self.persons + self.orgs + self.posts, key=lambda m: m.start)
        self.speakers: list[tuple[str, EventCluster | None, Mention]] = []
        for act in find_speech(ctx, agents):
            speaker = self._agent_key(act.speaker)
            if speaker is None:
                continue
            sentence = ctx.layout.sentence_at(act.verb_start)
            event = self._setting_event(sentence.start, act.verb_start) or self.main_event
            said = ctx.text[act.said_start:act.said_end]
            about = [k for k, item in zip(self.lesson_keys, self.lessons, strict=True) if _mentions_lesson(said, item)]
            self.ex.statements.append(Statement(
                speaker=speaker, text=said, event=self.event_keys.get(id(event)) if event is not None else None,
                about=about, stance=act.stance,
                spans=[ctx.span(sentence.start, sentence.end, "statement", "statement-speech-verb", 0.8)]))
            self.speakers.append((speaker, event, act.speaker))

    def _setting_event(self, start: int, end: int) -> EventCluster | None:
        m = re.match(r"\s*(?:Pada|Dalam|Di|At|During|In)\s([^,]{3,80}),", self.ctx.text[start:end])
        return self._event_near(start, start + m.end()) if m else None

    def _agent_key(self, m: Mention) -> str | None:
        if m.kind == "post":
            return self._holder(m)
        return self.table.key_of(m)

    def _holder(self, m: Mention) -> str | None:
        """The person of this document who holds the post a mention names (same role and body)."""
        posts: list[PostParse] = m.data["posts"]
        first = posts[0]
        org = self.table.key_of(first.organisation) if first.organisation is not None else None
        candidates = []
        for ms in self.ex.memberships:
            if ms.role != first.role:
                continue
            if org is not None and ms.organisation not in (org, None):
                continue
            candidates.append(ms.person)
        candidates = list(dict.fromkeys(candidates))
        if len(candidates) == 1:
            return candidates[0]
        return org if org is not None and first.role in ("staff",) else None

    def _participation(self) -> None:
        ctx = self.ctx
        seen: set[tuple[str, str, bool]] = set()

        def add(event: EventCluster | None, agent: str | None, start: int, end: int, rule: str, organiser=False):
            if event is None or agent is None:
                return
            key = self.event_keys[id(event)]
            if (key, agent, organiser) in seen:
                return
            seen.add((key, agent, organiser))
            self.ex.participations.append(Participation(event=key, agent=agent, organiser=organiser,
                                                        spans=[ctx.span(start, end, "participation", rule, 0.8)]))

        for m in self.persons:
            if m.rule in ("person-list", "person-label"):
                event = self._list_event(m) if m.rule == "person-list" else (self.main_event or self._only_event())
                add(event, self.table.key_of(m), m.start, m.end, "participant-list")
        cues = ctx.lexicon.participation_cue_pattern()
        for s in ctx.layout.sentences:
            for cue in cues.finditer(s.text):
                role = ctx.lexicon.participation_role(cue.group())
                event = self._event_near(s.start, s.end) or self.main_event
                after = s.start + cue.end()
                for agent in self._agents_in(after, s.end):
                    add(event, self._agent_key(agent), agent.start, agent.end, "participation-cue",
                        organiser=role == "organiser")
        for speaker, event, mention in self.speakers:
            add(event, speaker, mention.start, mention.end, "participation-speaker")
        if len(self.clusters) == 1:
            # a report on one event: everyone it introduces with a post or body took part in it
            only = self.clusters[0]
            for m in self.persons:
                if m.data.get("post_text") or m.rule in ("person-honorific", "person-after-post"):
                    add(only, self.table.key_of(m), m.start, m.end, "participation-single-event")

    def _only_event(self) -> EventCluster | None:
        return self.clusters[0] if len(self.clusters) == 1 else None

    def _agents_in(self, start: int, end: int) -> list[Mention]:
        """Agents in a stretch, leaving out an organisation that only heads a bracketed list of others."""
        text = self.ctx.text
        found = [a for a in self.persons + self.orgs + self.posts if start <= a.start < end]
        out = []
        for a in found:
            if a.kind == "organisation" and re.match(r"\s*\(", text[a.end:]):
                close = text.find(")", a.end)
                if any(o is not a and a.end < o.start < close for o in found):
                    continue
            out.append(a)
        return out

    def _adoption(self) -> None:
        ctx = self.ctx
        if not self.lesson_keys:
            return
        cues = ctx.lexicon.adoption_cue_pattern()
        for s in ctx.layout.sentences:
            if not cues.search(s.text) or not re.search(r"pembelajaran|pelajaran|lesson", s.text, re.IGNORECASE):
                continue
            for p in self.programmes:
                if s.start <= p.start < s.end:
                    key = self.table.key_of(p)
                    for lk in self.lesson_keys:
                        lesson = self.ex.entities[lk]
                        if key and key not in lesson.adopted_in:
                            lesson.adopted_in.append(key)


def _period_end(d):
    """The last day a month or year mention covers."""
    import calendar
    from datetime import date

    if d.precision == "year":
        return date(d.begin.year, 12, 31)
    if d.precision == "month":
        return date(d.begin.year, d.begin.month, calendar.monthrange(d.begin.year, d.begin.month)[1])
    return d.begin


def _mentions_lesson(said: str, item: LessonItem) -> bool:
    """A statement is about a lesson when it uses the lesson's first content word (or its English title)."""
    low = fold(said)
    words = [w for w in fold(item.title).split() if len(w) > 4]
    if words and pattern(rf"\b{re.escape(words[0])}\b").search(low):
        return True
    return bool(item.title_en) and fold(item.title_en) in low


_ = (Event, Organisation, Person, Place, Programme, replace)
