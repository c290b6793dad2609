"""Participation: who attended or organised which event.

Each sentence is about an event: one it mentions, else the event mentioned last before it (a heading between them
ends that), else the event the document reports on. Agents take part in it when a cue says so, on the side of the
cue the lexicon gives ("dihadiri oleh X", "X menghadiri", "X hadir", "Hadir antara lain X"); when they are listed
under a line with a cue ("Instansi yang hadir:") or by their number in a numbered list ("personel nomor 1, 2 dan
7"); when they speak; and when the report introduces them with a post. A stand-in takes part, not the official
stood in for ("mewakili Wali Kota X", "diwakili oleh", "on behalf of"); an organisation stood for takes part
through its stand-in. Who takes part in a session of an agenda takes part in the event whose agenda it is.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from jejaring.ingest.extract.context import Mention
from jejaring.ingest.extract.events import EventCluster, named_in_title
from jejaring.ingest.extract.text import Segment
from jejaring.ingest.findings import Findings
from jejaring.ingest.records import Participation
from jejaring.ingest.registry import component

#: What each side of a cue of a role makes its agents: attendee, organiser, or absent (stood in for).
_SIDES = {
    "attendee": ("attendee", "attendee"),
    "organiser": ("organiser", "organiser"),
    "host": ("organiser", "attendee"),
    "represents": ("attendee", "absent"),
    "represented-by": ("absent", "attendee"),
}


@component("participation", requires=["persons", "event_keys"], assigns=["participations"],
           rules=["participant-list", "participation-cue", "participation-named", "participation-number",
                  "participation-speaker", "participation-single-event", "participation-session"])
def participation(f: Findings) -> None:
    """Attendees and organisers from cues on either side of them ("hadir", "attended", "hosted by", "menyambut"),
    lists and list numbers under a cue, speakers, those a report introduces with a post, and the sessions of an
    agenda; stand-ins instead of the officials they stand in for."""
    _Participation(f).run()


class _Participation:
    def __init__(self, f: Findings) -> None:
        self.f = f
        self.ctx = f.ctx
        self.text = f.ctx.text
        self.lex = f.ctx.lexicon
        self.seen: set[tuple[str, str, bool]] = set()
        self.absent: set[int] = set()  # ids of the mentions of officials stood in for
        self.used: set[int] = set()  # ids of the mentions a participation was read from

    def run(self) -> None:
        f = self.f
        if not f.clusters:
            return
        self._lists()
        self._cues()
        self._verbs()
        self._numbers()
        self._named()
        for speaker, _event, mention in f.speakers:
            if id(mention) not in self.absent and not self._quoted(mention) and self.add(
                    self.speaking_at(mention.start), speaker, mention, "participation-speaker"):
                self.take_part(self.speaking_at(mention.start), mention, "participation-speaker")
        for m in f.persons:
            # a report on an event: everyone it introduces with a post or an honorific took part in it (where no
            # other rule read the mention, and not in a list of something else: "1. Bpk. X - Staf")
            line = self.ctx.layout.line_at(m.start)
            listed = line is not None and line.is_item and self._list_event(m) is None and not any(
                line.start <= s < line.end for s, _ in self._mentions)
            if (m.post_text or m.rule in ("person-honorific", "person-after-post")) and id(m) not in self.absent \
                    and id(m) not in self.used and not listed:
                self.add(self.speaking_at(m.start), f.table.key_of(m), m, "participation-single-event")
        self._sessions()
        # an organiser is no attendee besides
        organisers = {(p.event, p.agent) for p in f.extraction.participations if p.organiser}
        f.extraction.participations[:] = [p for p in f.extraction.participations
                                          if p.organiser or (p.event, p.agent) not in organisers]

    def _quoted(self, m: Mention) -> bool:
        """True for a mention inside a quotation ("... memimpin Bappeda ...," kata X): not who speaks."""
        sentence = self.ctx.layout.sentence_at(m.start)
        before = self.text[sentence.start:m.start]
        return before.count('"') % 2 == 1 or before.count("“") > before.count("”")

    # -- adding ---------------------------------------------------------------------------------------------
    def add(self, event: EventCluster | None, agent: str | None, m: Mention, rule: str, organiser: bool = False,
            start: int | None = None, end: int | None = None) -> bool:
        f = self.f
        if event is None or agent is None or not f.allows(rule) or id(event) not in f.event_keys:
            return False
        key = f.event_keys[id(event)]
        self.used.add(id(m))
        if (key, agent, organiser) in self.seen:
            return False
        self.seen.add((key, agent, organiser))
        span = self.ctx.span(m.start if start is None else start, m.end if end is None else end, "participation",
                             rule, 0.8)
        f.extraction.participations.append(Participation(event=key, agent=agent, organiser=organiser, spans=[span]))
        return True

    def agent_keys(self, m: Mention) -> list[str]:
        """The entities an agent mention stands for: a post the one person of the document holding it, else the
        organisation named in the title ("Direktur ... BNPB")."""
        key = self.f.agent_key(m)
        if key is not None:
            return [key]
        if m.kind == "post":
            inner = [o for o in self.f.organisations if m.start <= o.start < m.end]
            return [k for o in inner[:1] if (k := self.f.table.key_of(o)) is not None]
        return []

    def agents(self, start: int, end: int) -> list[Mention]:
        """Agents in a stretch; an organisation inside a post's title is the post's body, no agent of its own."""
        found = sorted(self.f.agents_in(start, end), key=lambda a: a.start)
        posts = [a for a in found if a.kind == "post"]
        return [a for a in found if a.kind == "post" or not any(p.start <= a.start < p.end for p in posts)]

    def take_part(self, event: EventCluster | None, m: Mention, rule: str, organiser: bool = False) -> None:
        """The agent takes part, and so does the organisation it comes from ("X from Y Foundation", "X dari Y")."""
        for key in self.agent_keys(m):
            self.add(event, key, m, rule, organiser)
        if m.kind == "person":
            after = re.match(rf"[ \t]*,?[ \t]*{self.lex.alternation('from_words')}[ \t]+"
                             rf"(?:{self.lex.alternation('definite_articles')}[ \t]+)?",
                             self.text[m.end:], re.IGNORECASE)
            if after:
                org = next((o for o in self.f.organisations if o.start == m.end + after.end()), None)
                if org is not None and (key := self.f.table.key_of(org)) is not None:
                    self.add(event, key, org, rule, organiser)

    # -- which event ----------------------------------------------------------------------------------------
    @cached_property
    def _mentions(self) -> list[tuple[int, EventCluster]]:
        return sorted(((m.start, c) for c in self.f.clusters for m in c.mentions), key=lambda t: t[0])

    @cached_property
    def _breaks(self) -> list[int]:
        """Where a heading starts a new stretch of the document: a line in capitals, a short line that ends in no
        punctuation, or a line ending in a colon that names no event and no one taking part ("Catatan:")."""
        cues = self.lex.participation_cue_pattern()
        starts = [s for s, _ in self._mentions]
        return [line.start for line in self.ctx.layout.lines if self._heading(line, starts, cues)]

    def _heading(self, line, starts: list[int], cues) -> bool:
        t = line.content.text.strip()
        i = bisect.bisect_left(starts, line.start)
        if i < len(starts) and starts[i] < line.end:
            return False  # it names an event
        letters = [c for c in re.sub(r"\([^()]*\)", "", t) if c.isalpha()]  # "PESERTA (institutions)"
        if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and len(letters) > 3:
            return True
        if line.is_item:
            return False
        if t.endswith(":"):
            return not cues.search(t)
        return len(t.split()) <= 8 and not re.search(r"[.!?;,:\"”)]$", t)

    def scope(self, pos: int) -> EventCluster | None:
        """The event a stretch of text is about: the one mentioned last before it, no heading between them; else
        the one the document reports on, else its only event."""
        starts = [s for s, _ in self._mentions]
        i = bisect.bisect_left(starts, pos)
        if i > 0:
            start, cluster = self._mentions[i - 1]
            j = bisect.bisect_right(self._breaks, start)
            if j >= len(self._breaks) or self._breaks[j] > pos:
                return cluster
        return self.f.main_event or self.f.only_event()

    def speaking_at(self, pos: int) -> EventCluster | None:
        """The event someone speaks at or is introduced at: the one mentioned before them in their sentence or
        agenda item ("Pada Diskusi Publik ini, X menjelaskan ..."), or referred back to after them ("lokakarya
        ini"; an event named after them is what they speak about), else the one the document's title names (unless
        a heading since its last mention opened a part about another event), else the one in scope."""
        line = self.ctx.layout.line_at(pos)
        floor = line.start if line is not None and line.is_item else self.ctx.layout.sentence_at(pos).start
        before = [c for s, c in self._mentions if floor <= s < pos]
        if before:
            return before[-1]
        sentence = self.ctx.layout.sentence_at(pos)
        back = [c for c in self.f.clusters for m in c.mentions if pos < m.start < sentence.end and not m.named]
        if back:
            return back[0]  # "X mengatakan lokakarya lanjutan ini ...": the event in hand
        main = self.f.main_event
        if main is not None and named_in_title(self.ctx, main):
            # the report's own event, unless a heading since its last mention opened a part about another one
            last = max((m.start for m in main.mentions if m.start < pos), default=-1)
            scoped = self.scope(pos)
            if scoped is main or not any(last < b < pos for b in self._breaks):
                return main
            return scoped
        return self.scope(pos)

    def event_at(self, sentence: Segment, pos: int) -> EventCluster | None:
        """The event a cue at ``pos`` is about: the one its sentence mentions last before it, else one named a few
        words after it ("menghadiri Lokakarya X", "narasumber Diskusi Y"; one named further on is what the
        sentence talks about), else the one in scope."""
        here = [(s, c) for s, c in self._mentions if sentence.start <= s < sentence.end]
        before = [c for s, c in here if s <= pos]
        if before:
            return before[-1]
        cue_end = re.match(r"\S+", self.text[pos:])
        after = [(s, c) for s, c in here if s > pos and len(self.text[pos + cue_end.end():s].split()) <= 3]
        return after[0][1] if after else self.scope(sentence.start)

    # -- cues -----------------------------------------------------------------------------------------------
    def _clause_start(self, sentence: Segment, pos: int) -> int:
        """Where the subject of a verb at ``pos`` may start: the sentence, or after its last semicolon."""
        semi = self.text.rfind(";", sentence.start, pos)
        return semi + 1 if semi >= 0 else sentence.start

    def _event_follows(self, sentence: Segment, pos: int) -> bool:
        """True when an event is named within three words after ``pos`` ("membuka lokakarya", "attended the
        forum", "menggelar "Lokakarya ...""), in the same sentence."""
        return any(pos <= s < sentence.end and len(self.text[pos:s].split()) <= 3 for s, _ in self._mentions)

    def _clause_end(self, start: int, end: int) -> int:
        """Where the agents after a cue end: at a relative clause about the last of them (", who also ...",
        ", yang ...")."""
        rel = re.search(rf",\s*(?:{self.lex.alternation('relative_pronouns')}|who|which)(?![\w-])",
                        self.text[start:end], re.IGNORECASE)
        return start + rel.start() if rel else end

    def _subject(self, sentence: Segment, pos: int) -> list[Mention]:
        """The agents before a verb at ``pos``; for a verb opening the sentence ("Speaking at X, he ..."), the
        subject after the comma that closes its clause; a pronoun stands for the person named last."""
        clause = self._clause_start(sentence, pos)
        subject = self.agents(clause, pos)
        if subject:
            return subject
        stretch = (clause, pos)
        if not re.search(r"\w", self.text[clause:pos]):
            comma = self.text.find(",", pos, sentence.end)
            if comma < 0:
                return []
            following = re.match(r",\s*(\S+(?:\s+\S+){0,5})", self.text[comma:sentence.end])
            stretch = (comma, comma + (following.end() if following else 1))
            subject = self.agents(*stretch)[:1]
            if subject:
                return subject
        pronouns = re.compile(rf"(?<![\w-]){self.lex.alternation('subject_pronouns')}(?![\w-])", re.IGNORECASE)
        return self._last_person(sentence.start) if pronouns.search(self.text[stretch[0]:stretch[1]]) else []

    def _cues(self) -> None:
        ctx, f = self.ctx, self.f
        pattern = self.lex.participation_cue_pattern()
        negation = re.compile(rf"(?<![\w-]){self.lex.alternation('negations')}(?:\s+\S+)?\s+$", re.IGNORECASE)
        if not f.allows("participation-cue"):
            return
        for s in ctx.layout.sentences:
            cues = [c for c in pattern.finditer(self.text, s.start, s.end)]
            if not cues:
                continue
            plan = []  # (event, [(mention, what it makes them)])
            for i, cue in enumerate(cues):
                row = self.lex.participation_cue(cue.group())
                if row is None:
                    continue
                if negation.search(self.text[max(s.start, cue.start() - 24):cue.start()]):
                    # "X tidak hadir", "X did not attend": X took no part
                    self.absent.update(id(a) for a in self.agents(s.start, cue.start()) if a.kind != "organisation")
                    continue
                if row.side == "subject" and not self._event_follows(s, cue.end()):
                    continue  # "X membuka peluang": no event opened
                before_what, after_what = _SIDES[row.role]
                nxt = cues[i + 1].start() if i + 1 < len(cues) else s.end
                event = self.event_at(s, cue.start())
                found = []
                if row.side in ("after", "around"):
                    end = self._clause_end(cue.end(), nxt)
                    if after_what == "absent":  # the one stood in for is named right after the cue, up to a comma
                        phrase = re.search(rf",|\s{self.lex.alternation('and_words')}\s", self.text[cue.end():end])
                        end = cue.end() + phrase.start() if phrase else end
                    found += [(a, after_what) for a in self.agents(cue.end(), end)]
                if row.side != "after":
                    if before_what == "absent":  # "Wali Kota X Rina diwakili oleh ...": the phrase before the cue
                        clause = max(self.text.rfind(",", s.start, cue.start()) + 1, s.start)
                        found += [(a, before_what) for a in self.agents(clause, cue.start())]
                    else:
                        found += [(a, before_what) for a in self._subject(s, cue.start())]
                plan.append((event, found))
            for _, found in plan:
                for a, what in found:
                    if what == "absent" and a.kind != "organisation":
                        self.absent.add(id(a))
            for event, found in plan:
                for a, what in found:
                    if id(a) not in self.absent:
                        self.take_part(event, a, "participation-cue", what == "organiser")

    def _last_person(self, before: int) -> list[Mention]:
        """The person named last in the two sentences before ``before`` ("..., Mr. X. Speaking at ..., he ...")."""
        sentences = self.ctx.layout.sentences
        starts = [s.start for s in sentences]
        i = bisect.bisect_left(starts, before)
        floor = sentences[max(0, i - 2)].start if sentences else 0
        people = [m for m in self.f.persons if floor <= m.start < before]
        return people[-1:]

    def _verbs(self) -> None:
        """A verb reporting an event ("Wali Kota X melantik Y", "the Mayor launched ..."): who acts and who is acted
        on take part in it."""
        if not self.f.allows("participation-cue"):
            return
        for c in self.f.clusters:
            for m in c.mentions:
                if m.rule != "event-verb":
                    continue
                s = self.ctx.layout.sentence_at(m.start)
                for a in self._subject(s, m.start) + self.agents(m.end, s.end):
                    if id(a) not in self.absent:
                        self.take_part(c, a, "participation-cue")

    def _named(self) -> None:
        """An organisation named in an event's name takes part in it ("Pertemuan dengan Yayasan X tentang ...",
        "Kongres ke-3 Asosiasi X")."""
        if not self.f.allows("participation-named"):
            return
        for c in self.f.clusters:
            for m in c.named:
                end = m.start + len(m.name) if self.text[m.start:m.start + len(m.name)] == m.name else m.end
                ordinal = re.match(rf"[ \t]+(?:{self.lex.alternation('ordinal_prefixes')}\d+|\d+"
                                   rf"{self.lex.alternation('ordinal_suffixes')})[ \t]+",
                                   self.text[m.end:])
                if ordinal:
                    end = max(end, m.end + ordinal.end() + 1)
                for o in self.f.organisations:
                    if m.start <= o.start < end and (key := self.f.table.key_of(o)) is not None:
                        self.add(c, key, o, "participation-named")

    # -- lists ----------------------------------------------------------------------------------------------
    def _lists(self) -> None:
        """Agents listed under a line with a cue: the items below a line ending in a colon ("Instansi yang hadir:",
        "Panelis:"), the lines below a heading ("PESERTA"); an item that starts with a person lists that person (the
        rest of it is theirs: "X, Staf BPBD ..."). Persons listed or labelled under an event ("Narasumber: X")."""
        f, ctx = self.f, self.ctx
        lines = ctx.layout.lines
        pattern = self.lex.participation_cue_pattern()
        breaks = set(self._breaks)
        for i, line in enumerate(lines):
            cue = pattern.search(line.text)
            heading = line.start in breaks
            if cue is None or not (line.text.rstrip().endswith(":") or heading):
                continue
            row = self.lex.participation_cue(cue.group())
            organiser = row is not None and row.role == "organiser"
            event = self.event_at(ctx.layout.sentence_at(line.start + cue.start()), line.start + cue.start())
            indent = None
            starts = [s for s, _ in self._mentions]
            for item in lines[i + 1:]:
                if (not heading and not item.is_item) or (heading and item.start in breaks):
                    break
                indent = item.indent if indent is None else indent
                j = bisect.bisect_left(starts, item.start)
                if item.indent < indent or (j < len(starts) and starts[j] < item.end):
                    break  # the list is over: "B. Rabu, 6 Juli 2022 - Rapat ..."
                found = self.agents(item.marker_end, item.end)
                if item.is_item and found and found[0].kind == "person":
                    found = [a for a in found if a.kind == "person"]
                for a in found:
                    if id(a) not in self.absent:
                        self.take_part(event, a, "participant-list", organiser)
        for m in f.persons:
            if m.rule in ("person-list", "person-label") and id(m) not in self.absent:
                self.add(self._list_event(m), f.table.key_of(m), m, "participant-list")

    def _list_event(self, m: Mention) -> EventCluster | None:
        """The event a person listed on an item or labelled ("Narasumber: X") takes part in: for an item, the one
        named by the line introducing the list or a heading above it (a line with a cue, a colon or in capitals),
        or the one in scope of such a line with a cue ("JAKARTA DELEGATION"); else none. A label's: the one in
        scope."""
        lines = self.ctx.layout.lines
        line = self.ctx.layout.line_at(m.start)
        if line is None or not line.is_item:
            return self.scope(m.start)  # "Narasumber: X"
        cues = self.lex.participation_cue_pattern()
        i = lines.index(line)
        for prev in reversed(lines[max(0, i - 25):i]):
            if prev.is_item:
                continue
            cue = cues.search(prev.text)
            if cue or prev.text.rstrip().endswith(":") or prev.text.isupper():
                named = [c for s, c in self._mentions if prev.start <= s < prev.end]
                if named:
                    return named[0]
                if cue:
                    return self.scope(prev.start)
        return None

    def _numbers(self) -> None:
        """ "Peserta: ... personel nomor 1, 2, dan 4", "semua staf nomor 1 sampai 5": the persons of
        the numbered list those numbers are of."""
        ctx = self.ctx
        lex = self.lex
        number = r"\d{1,3}"
        joiner = rf"\s*(?:,|{lex.alternation('and_words')}|{lex.alternation('as_well_as')})\s*"
        span = rf"\s*(?:{lex.alternation('range_words')}|[-–])\s*"
        refs = re.compile(rf"(?<![\w-]){lex.alternation('list_number_words')}\.?\s+({number}(?:(?:{joiner}|{span})"
                          rf"(?:{lex.alternation('and_words')}\s+)?{number})*)", re.IGNORECASE)
        cues = lex.participation_cue_pattern()
        for s in ctx.layout.sentences:
            if not cues.search(s.text):
                continue
            for ref in refs.finditer(self.text, s.start, s.end):
                numbered = self._numbered_list(ref.start())
                if not numbered:
                    continue
                event = self.event_at(s, ref.start())
                for n in _numbers(ref.group(1), joiner, span):
                    for m in numbered.get(n, ()):
                        for key in self.agent_keys(m):
                            self.add(event, key, m, "participation-number", start=ref.start(), end=ref.end())

    def _numbered_list(self, before: int) -> dict[int, list[Mention]]:
        """The persons of the last numbered list ("1. Bpk. X - ...") before an offset that lists persons (on half
        its items at least), by number."""
        lists: list[tuple[int, dict[int, list[Mention]]]] = []  # (number of items, persons by number)
        for line in self.ctx.layout.lines:
            if line.start >= before:
                break
            marker = re.match(r"\s*(\d{1,3})[.)]\s", self.text[line.start:line.marker_end + 1])
            if not line.is_item or marker is None:
                continue
            n = int(marker.group(1))
            if n == 1 or not lists:
                lists.append((0, {}))
            count, persons = lists[-1]
            found = [m for m in self.f.persons if line.start <= m.start < line.end]
            if found:
                persons[n] = found[:1]
            lists[-1] = (count + 1, persons)
        return next((persons for count, persons in reversed(lists) if 2 * len(persons) >= count), {})

    # -- sessions -------------------------------------------------------------------------------------------
    def _sessions(self) -> None:
        """Who takes part in a session of an agenda takes part in the event whose agenda it is."""
        f = self.f
        parents = {f.event_keys[id(c)]: c.part_of for c in f.clusters
                   if c.part_of is not None and id(c) in f.event_keys and id(c.part_of) in f.event_keys}
        for p in list(f.extraction.participations):
            parent = parents.get(p.event)
            if parent is None or not f.allows("participation-session"):
                continue
            key = f.event_keys[id(parent)]
            if (key, p.agent, p.organiser) not in self.seen:
                self.seen.add((key, p.agent, p.organiser))
                span = p.spans[0]
                f.extraction.participations.append(Participation(
                    event=key, agent=p.agent, organiser=p.organiser,
                    spans=[self.ctx.span(span.start, span.end, "participation", "participation-session", 0.7)]))


def _numbers(text: str, joiner: str, span: str) -> list[int]:
    """ "1, 2, dan 4" -> [1, 2, 4]; "1 sampai 5" -> [1 ... 5]."""
    out: list[int] = []
    for part in re.split(joiner, text, flags=re.IGNORECASE):
        rng = re.fullmatch(rf"(\d+){span}(\d+)", part.strip(), re.IGNORECASE)
        if rng:
            a, b = int(rng.group(1)), int(rng.group(2))
            out += list(range(a, b + 1)) if 0 < b - a < 100 else []
        elif part.strip().isdigit():
            out.append(int(part))
    return out
