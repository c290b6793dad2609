"""Events: a cue word of the lexicon ("kunjungan belajar", "diskusi publik", "workshop") and its name.

A capitalised cue starts a name that runs to the end of its run of capitalised words, may add an
English rendering in brackets and a destination ("ke Seoul"); a lowercase cue ("lokakarya ini") is a
reference to an event named elsewhere. Mentions are then grouped into events, one per kind of event
unless their dates or destinations differ, and each event gets its dates and place.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.dates import DateMention
from jejaring.ingest.extract.text import matches_at, pattern, term_starts
from jejaring.ingest.lexicon import Lexicon, load_lexicon

__all__ = ["EventCluster", "find_event_mentions", "group_events", "title_case"]


@dataclass(frozen=True)
class _Rules:
    """The patterns and word sets of the rules, built from the lexicon's word lists."""

    small_words: frozenset[str]  # kept in lower case when title-casing
    document_heading: re.Pattern[str]  # "LAPORAN", "MINUTES": a heading naming the document, not an event
    dated: re.Pattern[str]  # " of July 2019" at the end of a name
    held_in: re.Pattern[str]  # " in " before the place an event is held
    to_only: re.Pattern[str]  # nothing but dashes, spaces and "to"/"ke" between places
    titled: re.Pattern[str]  # ': "Title"' after a name (group 1)
    destination: re.Pattern[str]  # " ke Seoul" after a name (group 1)
    to_rest: re.Pattern[str]  # "ke ..." to the end
    date_field: re.Pattern[str]  # "Hari/tanggal :", "Date:"


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def words(name: str, space: str = r"\s+") -> str:
        return lexicon.alternation(name, space=space)

    to = words("to_words")
    field_labels = words("date_field_labels", space=r"\s*")  # "hari / tanggal" is written "hari/tanggal" too
    return _Rules(
        small_words=frozenset(w.lower() for w in lexicon.words("title_case_small_words")),
        document_heading=re.compile(rf"\b{words('document_heading_words')}\b", re.IGNORECASE),
        dated=re.compile(rf"\s+{words('date_prepositions')}\s+[A-Z][a-z]+(?:\s+\d{{1,2}})?(?:\s+\d{{4}})?$"),
        held_in=re.compile(rf"\s+{words('event_held_prepositions')}\s+$"),
        to_only=re.compile(rf"[\s\-–]*{to}?[\s\-–]*"),
        titled=re.compile(rf"(?::\s*[“\"]?|\s*[“\"]\s*)([A-Z][^“”\"\n:.]{{3,80}}?)"
                          rf"(?:[”\"]|\s+{words('place_prepositions')}\s+[A-Z]|$|\n)"),
        destination=re.compile(rf"(?:[ \t]+[A-Z][\w]*){{0,3}}[ \t]+{to}[ \t]+"
                               rf"(?:{words('place_name_prefixes')}[ \t]+)?([A-Z][\w]+(?:[ \t]+[A-Z][\w]+)?)"),
        to_rest=re.compile(rf"{to}[ \t]+.*$"),
        date_field=re.compile(rf"\s*{field_labels}\s*:", re.IGNORECASE),
    )


def title_case(text: str, lexicon: Lexicon | None = None) -> str:
    """Title-case an all-capitals heading, keeping small words (the lexicon's ``title_case_small_words``, the
    shipped lexicon's unless ``lexicon`` is given) lowercase and acronyms as they are.

    >>> title_case("JAKARTA - ROTTERDAM LEARNING EXCHANGE ON URBAN WATER RESILIENCE")
    'Jakarta - Rotterdam Learning Exchange on Urban Water Resilience'
    """
    small = _rules(lexicon or load_lexicon()).small_words
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if i and low in small else low[:1].upper() + low[1:])
    return " ".join(out)


def find_event_mentions(ctx: Context, places: list[Mention]) -> list[Mention]:
    """Every mention of an event: named ones (``named``) and references, with their class.

    Cues are read left to right; a cue inside a name already read ("Cross Learning Visit" in "Diskusi
    Publik Hasil Pembelajaran Cross Learning Visit Seoul") is kept as a reference to its own event.
    """
    text = ctx.text
    cues = sorted(ctx.lexicon.event_cues, key=lambda c: -len(c.cue))
    starts = term_starts(text, tuple(c.cue for c in cues), re.IGNORECASE, r"(?<![\w-])", r"(?![\w-])")
    found: dict[int, tuple[int, str]] = {}
    for cue in cues:
        for m in matches_at(pattern(rf"(?<![\w-]){re.escape(cue.cue)}(?![\w-])", re.IGNORECASE), text, starts):
            if not any(s <= m.start() < e for s, (e, _) in found.items()):
                found[m.start()] = (m.end(), cue.event_class)
    out: list[Mention] = []
    for start in sorted(found):
        end, event_class = found[start]
        inside = next((o for o in out if o.start <= start < o.end), None)
        if inside is not None:
            if event_class != inside.event_class:
                out.append(Mention(start, end, "event", text[start:end], "event-nested", 0.6,
                                   event_class=event_class, cue_end=end))
            continue
        out.append(_mention(ctx, start, end, event_class, places))
    return out


def _mention(ctx: Context, start: int, cue_end: int, event_class: str, places: list[Mention]) -> Mention:
    text = ctx.text
    rules = _rules(ctx.lexicon)
    surface = text[start:cue_end]
    typed = {"event_class": event_class, "cue_end": cue_end}
    line = ctx.layout.line_at(start)
    shouting = line is not None and line.text.isupper() and len(line.text) > 12
    if shouting and not rules.document_heading.search(line.text):
        # an all-capitals heading: the whole heading (without a list marker) is the name
        content = line.content
        name = title_case(content.text.strip(), ctx.lexicon)
        return Mention(content.start, content.end, "event", name, "event-heading", 0.85, named=True, **typed)
    if not surface[:1].isupper() or shouting:
        return Mention(start, cue_end, "event", surface, "event-reference", 0.6, **typed)
    # a capitalised cue: the name runs on through its run of capitalised words
    run = next((r for r in ctx.runs if r.start <= start < r.end), None)
    end = run.end if run is not None and run.end > cue_end else cue_end
    dated = rules.dated.search(text[cue_end:end])
    if dated:
        end = cue_end + dated.start()  # "Workshop of July 2019", "... on May 5": the date is not part of the name
    held = next((p for p in places if cue_end < p.start and p.end == end), None)
    where = rules.held_in.search(text[cue_end:held.start]) if held is not None else None
    if where and dated:
        end = cue_end + where.start()  # "Workshop on Flood Management in Medan on May 5": the place is where
    begin = start
    if run is not None and run.start < start and re.fullmatch(r"(?:\s+(?:\d{4}|[IVX]+))?", text[cue_end:end]):
        # English word order, the cue last: "Youth for Resilient Cities Forum 2019", "Semarang City Resilience
        # Workshop"; leading function words ("The", "Pada") stay out
        words = [(s, w) for s, _, w in run.words if s < start]
        while words and (ctx.lexicon.is_common_word(words[0][1]) or words[0][1].isdigit()):
            words = words[1:]
        if words:
            begin = words[0][0]
    elif run is not None and run.start < start:
        # "Jakarta - Rotterdam Learning Exchange": place names before the cue belong to the name
        lead = [p for p in places if run.start <= p.start < start]
        if lead and rules.to_only.fullmatch(text[lead[-1].end:start]) and all(
                rules.to_only.fullmatch(text[a.end:b.start]) for a, b in itertools.pairwise(lead)):
            begin = lead[0].start
    name = text[begin:end]
    aliases: list[str] = []
    acronym = destination = None
    titled = rules.titled.match(text[end:])
    if titled and end == cue_end:
        # "Diskusi Publik “Pemuda dan Ketahanan Kelurahan”", "Diskusi Publik: Pemuda dan ..." (a title line)
        aliases.append(f"{text[begin:end]}: {titled.group(1).strip()}")
    bracket = re.match(r"\s*\(([^()]{3,60})\)", text[end:])
    if bracket and bracket.group(1)[:1].isupper() and not re.fullmatch(r"[A-Z]{2,}", bracket.group(1)):
        aliases.append(bracket.group(1).strip())
    elif bracket and re.fullmatch(r"[A-Z]{2,}", bracket.group(1)):
        acronym = bracket.group(1)
        more = re.match(r"[ \t]+((?:[A-Z][\w/\-]*[ \t]*)+)", text[end + bracket.end():])
        if more:
            # "Focus Group Discussion (FGD) Pilar Kesiapsiagaan Bencana": the name goes on after the acronym
            rest = more.group(1).strip()
            aliases += [f"{bracket.group(1)} {rest}", f"{name} {rest}"]
    after = end + (bracket.end() if bracket else 0)
    dest = rules.destination.match(text[after:])
    if dest:
        place = next((p for p in places if p.start <= after + dest.start(1) < p.end), None)
        if place is not None:
            destination = place
            if not name.endswith(place.name):
                to = rules.to_rest.search(text[after:after + dest.end()]).group()
                aliases.append(f"{name} {to}")
    return Mention(begin, end, "event", re.sub(r"\s+", " ", name), "event-name", 0.85, acronym=acronym, aliases=aliases,
                   named=True, destination=destination, **typed)


@dataclass
class EventCluster:
    """One event: its mentions, name, class, dates and place."""

    event_class: str
    mentions: list[Mention] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    precision: str = "day"
    place: Mention | None = None

    @property
    def named(self) -> list[Mention]:
        """The mentions that name the event (not mere references)."""
        return [m for m in self.mentions if m.named]

    @property
    def name(self) -> str:
        """The fullest name the document gives (the longest named mention), else the cue."""
        named = self.named
        return max(named, key=lambda m: (len(m.name), -m.start)).name if named else self.mentions[0].name


def group_events(ctx: Context, mentions: list[Mention]) -> list[EventCluster]:
    """Group event mentions into events and give each its dates and place.

    A named mention joins an event of its kind when one of its names contains, or is contained in,
    one of the event's names (an English rendering in brackets counts as a name), or when it is
    little more than the cue ("Diskusi Publik"); a reference joins the latest event of its kind.
    """
    clusters: list[EventCluster] = []
    for m in mentions:
        same_kind = [c for c in clusters if c.event_class == m.event_class]
        if not m.named:
            if same_kind:
                same_kind[-1].mentions.append(m)
            elif m.rule == "event-nested" or m.name[:1].isupper():
                clusters.append(EventCluster(m.event_class, [m]))
            continue
        cluster = next((c for c in reversed(same_kind) if _same_event(c, m)), None)
        if cluster is None:
            cluster = EventCluster(m.event_class)
            clusters.append(cluster)
        cluster.mentions.append(m)
    for c in clusters:
        if not c.named:
            # only nested references: the cue words of the outer name are its name
            c.mentions[0].named = True
    for c in clusters:
        _date_event(ctx, c, clusters)
        for m in c.mentions:
            if m.destination is not None and c.place is None:
                c.place = m.destination
    return clusters


def _names(m: Mention) -> list[str]:
    return [m.name.lower(), *(a.lower() for a in m.aliases)]


def _same_event(cluster: EventCluster, m: Mention) -> bool:
    a = m.destination
    b = next((x.destination for x in cluster.mentions if x.destination is not None), None)
    if a is not None and b is not None and a.name != b.name:
        return False
    if len(m.name.split()) <= 3 and not m.destination:
        return True
    ours = [n for x in cluster.mentions for n in _names(x)]
    return any(n in o or o in n for n in _names(m) for o in ours)


def _date_event(ctx: Context, cluster: EventCluster, clusters: list[EventCluster]) -> None:
    """Dates said next to a mention of this event and nearer to it than to another event's mention."""
    every = sorted(((m.start, id(c), m) for c in clusters for m in c.mentions), key=lambda t: t[0])
    candidates: list[DateMention] = []
    fallback: list[DateMention] = []
    for d in ctx.dates:
        sentence = ctx.layout.sentence_at(d.start)
        before = [(s, cid, m) for s, cid, m in every if sentence.start <= s <= d.start]
        after = [(s, cid, m) for s, cid, m in every if d.start < s < sentence.end]
        # the nearest mention before the date; failing that ("Jakarta, Selasa (16/7/2019) - BPPBJ menggelar
        # Sosialisasi ..."), the first one after it in the same sentence
        owner = before[-1][1] if before else _heading_owner(ctx, d, every)
        if owner == id(cluster):
            candidates.append(d)
        elif owner is None and after and after[0][1] == id(cluster):
            fallback.append(d)
    candidates = candidates or fallback
    day = [d for d in candidates if d.precision == "day"]
    chosen = day[0] if day else (candidates[0] if candidates else None)
    if chosen is not None:
        cluster.start, cluster.end, cluster.precision = chosen.begin, chosen.end_date, chosen.precision


def _heading_owner(ctx: Context, d: DateMention, every) -> int | None:
    """A date on a line like "Hari/tanggal : ..." below a list item that names an event belongs to it."""
    line = ctx.layout.line_at(d.start)
    # a line that gives an event's date as a field: "Hari/tanggal : Selasa (6/11/2018)", "Date: 8 July 2019"
    date_field = _rules(ctx.lexicon).date_field
    if line is None or (not date_field.match(line.content.text) and line.text.strip() != ctx.text[d.start:d.end]):
        return None
    lines = ctx.layout.lines
    i = lines.index(line)
    for prev in reversed(lines[max(0, i - 3):i]):
        owners = [cid for s, cid, m in every if prev.start <= s < prev.end and m.named]
        if owners:
            return owners[0]
        if prev.is_item and prev.indent <= line.indent:
            break
    return None
