"""Events: a cue word of the lexicon ("kunjungan belajar", "diskusi publik", "workshop") and its name.

A capitalised cue starts a name that runs to the end of its run of capitalised words (in English word order the
capitalised words before the cue belong to it too: "the Green Harbour Design symposium"), may add an
English rendering in brackets, a quoted title and a destination ("ke Seoul"); an agenda item or a dated heading
line names its event with the whole line. A lowercase cue ("lokakarya ini", "the workshop"), a capitalised one
that a demonstrative or a verb follows ("Lokakarya ini", "Pelantikan berlangsung") and a word for any event with a
demonstrative ("acara tersebut") refer to an event named elsewhere; after an indefinite article ("a final
dissemination workshop") or a verb of holding ("menggelar konsultasi publik") a lowercase cue is a new event. A
verb that reports an event happening on a given day ("meluncurkan", "launched", "dilantik jadi") is an event too.

Mentions are then grouped into events, one per occurrence: a mention joins an event of its kind when their names
agree and their own dates do not differ; each event gets its dates and place.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.dates import DateMention
from jejaring.ingest.extract.text import Line, matches_at, pattern, term_starts
from jejaring.ingest.lexicon import Lexicon, load_lexicon

__all__ = ["EventCluster", "agenda_sessions", "dateline", "find_event_mentions", "group_events", "item_prefix",
           "main_event", "named_in_title", "title_case"]

#: A place name of up to three capitalised words, as a dateline gives it ("JAKARTA", "Kota Semarang").
_PLACE = r"[A-Z][^\W\d_]*(?:[ .'-]+[A-Z][^\W\d_]*){0,2}"
#: A time of day or a span of times opening an agenda line ("08.00-09.15 WIB:", "10:00-12:00").
_TIME = r"\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?(?:\s+[A-Z]{2,5})?"


@dataclass(frozen=True)
class _Rules:
    """The patterns and word sets of the rules, built from the lexicon's word lists."""

    small_words: frozenset[str]  # kept in lower case when title-casing
    document_heading: re.Pattern[str]  # "LAPORAN", "MINUTES": a heading naming the document, not an event
    dated: re.Pattern[str]  # " of July 2019" at the end of a name
    date_preposition: re.Pattern[str]  # " on ", " pada " (and spaces) before a date
    held_in: re.Pattern[str]  # " in " before the place an event is held
    to_only: re.Pattern[str]  # nothing but dashes, spaces and "to"/"ke" between places
    titled: re.Pattern[str]  # ': "Title"' after a name (group 1)
    destination: re.Pattern[str]  # " ke Seoul" after a name (group 1)
    to_rest: re.Pattern[str]  # "ke ..." to the end
    date_field: re.Pattern[str]  # "Hari/tanggal :", "Date:"
    name_break: re.Pattern[str]  # " Digelar", " Opens": the name ends before it
    demonstrative_after: re.Pattern[str]  # "ini", "tersebut" right after a cue
    demonstrative_before: re.Pattern[str]  # "this", "the" right before a cue
    indefinite: re.Pattern[str]  # "a final review " before a cue (group 1: the words between)
    quoted: re.Pattern[str]  # ' bertema "Title"' after a cue (group 1)
    holding: re.Pattern[str]  # "menggelar ", "held a " right before a cue
    generic: re.Pattern[str]  # "acara tersebut", "the event"
    object_end: re.Pattern[str]  # where the object of a verb reporting an event ends
    as_word: re.Pattern[str]  # " sebagai ", " jadi ", " as " before what a person is inaugurated as
    passive_aux: re.Pattern[str]  # "was ", "were " before an English verb
    possessive: re.Pattern[str]  # "the city's ", "its " opening the object of a verb (group 1: the article)
    definite: re.Pattern[str]  # "the " right before a mention
    articles: frozenset[str]  # the definite articles
    passive_prefix: dict[str, re.Pattern[str]]  # per language: "di" opening a passive verb
    object_joiner: dict[str, str]  # per language: the word of "Launch of X"
    ordinal: str  # "st", "th" after a number
    item_prefix: re.Pattern[str]  # a time, a date and a dash before an agenda item's name
    item_stop: str  # the words before an agenda item's date or place ("pada", "di", "on")
    dateline_place: re.Pattern[str]  # "Jakarta, " or "Jakarta, Rabu " before a dateline's date
    english_cues: frozenset[str]  # cues no Indonesian text uses for itself
    any_english_cues: frozenset[str]  # the cues of English
    next_name_words: frozenset[str]  # lowercase words that continue a name after a cue ("ke", "dengan")


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def words(name: str, space: str = r"\s+", lang: str | None = None) -> str:
        return lexicon.alternation(name, lang, space=space)

    to = words("to_words")
    field_labels = words("date_field_labels", space=r"\s*")  # "hari / tanggal" is written "hari/tanggal" too
    weekday = words("weekdays")
    the = words("definite_articles")
    holding = [c.cue for c in lexicon.participation_cues if c.role == "organiser" and c.side in ("before", "subject")]
    holding += sorted(lexicon.words("event_doing_verbs"))
    indonesian = {c.cue.lower() for c in lexicon.event_cues if c.lang != "en"}
    return _Rules(
        small_words=frozenset(w.lower() for w in lexicon.words("title_case_small_words")),
        document_heading=re.compile(rf"\b{words('document_heading_words')}\b", re.IGNORECASE),
        date_preposition=re.compile(rf"(?:\s+{words('date_prepositions')})?\s*$", re.IGNORECASE),
        dated=re.compile(rf"\s+{words('date_prepositions')}\s+[A-Z][a-z]+(?:\s+\d{{1,2}})?(?:\s+\d{{4}})?$"),
        held_in=re.compile(rf"\s+{words('event_held_prepositions')}\s+$"),
        to_only=re.compile(rf"[\s\-–]*{to}?[\s\-–]*"),
        titled=re.compile(rf"(?::\s*[“\"]?|\s*[“\"]\s*)([A-Z][^“”\"\n:.]{{3,80}}?)"
                          rf"(?:[”\"]|\s+{words('place_prepositions')}\s+[A-Z]|$|\n)"),
        destination=re.compile(rf"(?:[ \t]+[A-Z][\w]*){{0,3}}[ \t]+{to}[ \t]+"
                               rf"(?:{words('place_name_prefixes')}[ \t]+)?([A-Z][\w]+(?:[ \t]+[A-Z][\w]+)?)"),
        to_rest=re.compile(rf"{to}[ \t]+.*$"),
        date_field=re.compile(rf"\s*{field_labels}\s*:", re.IGNORECASE),
        name_break=re.compile(rf"\s+{words('event_name_breaks')}(?![\w-])", re.IGNORECASE),
        demonstrative_after=re.compile(rf"[ \t]+{words('event_demonstratives', lang='id')}(?![\w-])", re.IGNORECASE),
        demonstrative_before=re.compile(rf"(?<![\w-])(?:{words('event_demonstratives', lang='en')}|{the})[ \t]+$",
                                        re.IGNORECASE),
        indefinite=re.compile(rf"(?<![\w-]){words('indefinite_articles')}[ \t]+((?:[a-z][\w-]*[ \t]+){{0,3}})$",
                              re.IGNORECASE),
        quoted=re.compile(rf"[ \t]*(?:[:,][ \t]*)?(?:{words('event_title_words')}[ \t]*:?[ \t]*)?"
                          r"[“\"]([^“”\"\n]{3,160}?)[”\"]", re.IGNORECASE),
        holding=re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(holding, key=len, reverse=True)))})"
                           rf"[ \t]+(?:{words('indefinite_articles')}[ \t]+|{the}[ \t]+)?$" if holding else r"(?!)",
                           re.IGNORECASE),
        generic=re.compile(rf"(?<![\w-]){words('event_generic_words', lang='id')}[ \t]+"
                           rf"{words('event_demonstratives', lang='id')}(?![\w-])|(?<![\w-])(?:"
                           rf"{words('event_demonstratives', lang='en')}|{the})[ \t]+"
                           rf"{words('event_generic_words', lang='en')}(?![\w-])", re.IGNORECASE),
        object_end=re.compile(rf"[,.;:()\[\]“”\"]|\s(?:{words('event_object_ends')}|{words('date_prepositions')}|"
                              rf"{words('place_prepositions')})(?![\w-])", re.IGNORECASE),
        as_word=re.compile(rf"\s+{words('event_as_words')}\s+", re.IGNORECASE),
        passive_aux=re.compile(rf"(?<![\w-]){words('passive_auxiliaries')}[ \t]+$", re.IGNORECASE),
        possessive=re.compile(rf"^\s*({the}\s+)?(?:[\w-]+['’]s|{words('possessive_determiners')})\s+", re.IGNORECASE),
        definite=re.compile(rf"(?<![\w-]){the}[ \t]+$", re.IGNORECASE),
        articles=frozenset(w.lower() for w in lexicon.words("definite_articles")),
        passive_prefix={lang: re.compile(rf"{words('passive_prefixes', lang=lang)}\w", re.IGNORECASE)
                        for lang in lexicon.languages},
        object_joiner={lang: min(lexicon.words("object_joiners", lang), default="") for lang in lexicon.languages},
        ordinal=rf"(?:{words('ordinal_suffixes')})",
        item_prefix=re.compile(rf"(?:{_TIME}[ \t]*:?[ \t]*)?(?:(?i:{weekday})?[ \t]*,?[ \t]*[^\n]{{0,12}}?\d{{4}}"
                               rf"[ \t]*[-–:][ \t]*)?"),
        dateline_place=re.compile(rf"(?!(?i:{weekday})\b){_PLACE}(?:,\s*(?:(?i:{the})\s+)?{_PLACE}){{0,2}},\s*"
                                  rf"(?:(?i:{weekday})\s*,?\s*)?"),
        item_stop=rf"(?:{words('date_prepositions')}|{words('place_prepositions')}|{words('event_held_prepositions')})",
        english_cues=frozenset(c.cue.lower() for c in lexicon.event_cues if c.lang == "en") - indonesian,
        any_english_cues=frozenset(c.cue.lower() for c in lexicon.event_cues if c.lang == "en"),
        next_name_words=frozenset(w.lower() for w in lexicon.words("to_words") | lexicon.words("name_joiners")
                                  | lexicon.words("event_held_prepositions") | lexicon.words("date_prepositions")),
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


def item_prefix(ctx: Context, line: Line) -> int:
    """Where an agenda line's own words start: after its list marker, a time ("08.00-09.15 WIB:") and a date
    with its dash ("Selasa, 5 Juli 2022 - ")."""
    m = _rules(ctx.lexicon).item_prefix.match(ctx.text, line.marker_end, line.end)
    return m.end() if m else line.marker_end


def _item_begin(ctx: Context, line: Line, start: int) -> int | None:
    """Where an agenda item naming an event begins, when the cue at ``start`` opens it or stands among its first
    three words ("- 09.30: Pembukaan dan sesi pleno (...)"); None when the line is no agenda item or says more
    before the cue."""
    if not _is_agenda_line(ctx, line):
        return None
    prefix = item_prefix(ctx, line)
    lead = ctx.text[prefix:start]
    if prefix == start or re.fullmatch(r"[A-Z][\w-]*(?:[ \t]+[\w-]+)?[ \t]+", lead):
        return prefix
    return None


def _is_agenda_line(ctx: Context, line: Line) -> bool:
    """A list item, or a line opening with a time of day."""
    return line.is_item or bool(re.match(_TIME, ctx.text[line.start:line.end]))


def find_event_mentions(ctx: Context, places: list[Mention]) -> list[Mention]:
    """Every mention of an event: named ones (``named``) and references, with their class.

    Cues are read left to right; two cues side by side are one ("Youth Exchange Visit Workshop": in English word order
    the last gives the class); a capitalised cue inside a name already read ("Cross Learning Visit" in "Diskusi
    Publik Hasil Pembelajaran Cross Learning Visit Seoul") is kept as a reference to its own event.
    """
    text = ctx.text
    rules = _rules(ctx.lexicon)
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
        if any(o.start <= start < (o.cue_end or o.end) for o in out):
            continue  # the second cue of a compound
        inside = next((o for o in out if o.start <= start < o.end), None)
        if inside is not None:
            if event_class != inside.event_class and text[start:start + 1].isupper():
                out.append(Mention(start, end, "event", text[start:end], "event-nested", 0.6,
                                   event_class=event_class, cue_end=end))
            continue
        # "Youth Exchange Visit Workshop": cues side by side are one cue; in English the last gives the class
        while True:
            after = re.match(r"[ \t]+", text[end:])
            nxt = after and found.get(end + after.end())
            if not nxt:
                break
            later = text[end + after.end():nxt[0]]
            if not (later[:1].isupper() or later.lower() in rules.any_english_cues):
                break  # "sidang pleno musyawarah": the plenary of the deliberation, two mentions
            if text[start:end].lower() in rules.english_cues or later.lower() in rules.english_cues or \
                    ctx.doc.language == "en":
                event_class = nxt[1]
            end = nxt[0]
        out.append(_mention(ctx, start, end, event_class, places))
    out += _generic_references(ctx, out)
    out += _verb_events(ctx, out, places)
    return sorted(out, key=lambda m: m.start)


def _mention(ctx: Context, start: int, cue_end: int, event_class: str, places: list[Mention]) -> Mention:
    text = ctx.text
    rules = _rules(ctx.lexicon)
    surface = text[start:cue_end]
    typed = {"event_class": event_class, "cue_end": cue_end}
    line = ctx.layout.line_at(start)
    shouting = line is not None and line.text.isupper() and len(line.text) > 12
    if shouting and not rules.document_heading.search(line.text) and not _section_heading(line.content.text, surface):
        # an all-capitals heading: the whole heading (without a list marker) is the name
        content = line.content
        name = title_case(content.text.strip(), ctx.lexicon)
        return Mention(content.start, content.end, "event", name, "event-heading", 0.85, named=True, **typed)
    quoted = rules.quoted.match(text, cue_end)
    if quoted and not surface[:1].isupper():
        # 'lokakarya "Drainase Kota: Belajar dari Medan"', 'a session titled "..."': the title names the event
        title = quoted.group(1).strip()
        return Mention(start, cue_end, "event", title, "event-titled", 0.8, named=True,
                       aliases=[f"{surface} {title}"], **typed)
    item_begin = _item_begin(ctx, line, start) if line is not None and not shouting else None
    if item_begin is not None and item_begin < start and len(text[item_begin:_item_end(ctx, line, cue_end)].split()) > 6:
        item_begin = None  # "- Jadwal lokakarya berbenturan dengan ...": a sentence, no name
    item = item_begin is not None
    if shouting:
        # a cue in a heading that names no event ("LAPORAN FORUM", "OPENING / WORKSHOP"): a reference at most
        return Mention(start, cue_end, "event", surface.lower(), "event-reference", 0.6, **typed)
    if not surface[:1].isupper() and not item:
        return _lowercase(ctx, start, cue_end, typed, places)
    if not item and _refers_back(ctx, start, cue_end):
        # "Lokakarya ini ...", "Pelantikan berlangsung di ...": the event named elsewhere
        return Mention(start, cue_end, "event", surface, "event-reference", 0.6, **typed)
    sentence = ctx.layout.sentence_at(start)
    begin, end = start, cue_end
    if item and not quoted:
        begin, end = item_begin, _item_end(ctx, line, cue_end)
    else:
        # a capitalised cue: the name runs on through its run of capitalised words
        run = next((r for r in ctx.runs if r.start <= start < r.end), None)
        end = run.end if run is not None and run.end > cue_end else cue_end
        end = cue_end + _cut(rules, text[cue_end:end])
        day = next((d for d in ctx.dates if cue_end <= d.start < end), None)
        if day is not None:
            # "the Healthy Cities Congress on 3 May 2022": the date and its preposition are not part of the name
            end = cue_end + len(rules.date_preposition.sub("", text[cue_end:day.start]))
        dated = rules.dated.search(text[cue_end:end])
        if dated:
            end = cue_end + dated.start()  # "Workshop of July 2019", "... on May 5": the date is not part of the name
        held = next((p for p in places if cue_end < p.start and p.end == end), None)
        where = rules.held_in.search(text[cue_end:held.start]) if held is not None else None
        if where and dated:
            end = cue_end + where.start()  # "Workshop on Flood Management in Medan on May 5": the place is where
        if run is not None and run.start < start and _english(ctx, surface) and \
                re.fullmatch(r"(?:\s+(?:\d{4}|[IVX]+))?", text[cue_end:end]):
            # English word order, the cue last: "Youth for Resilient Cities Forum 2019", "Semarang City Resilience
            # Workshop"; leading function words ("The", "Pada") stay out
            words = [(s, w) for s, _, w in run.words if s < start]
            while words and (ctx.lexicon.is_common_word(words[0][1]) or words[0][1].isdigit()):
                words = words[1:]
            if words:
                begin = words[0][0]
        elif run is not None and run.start < start and not _english(ctx, surface):
            # "Jakarta - Rotterdam Learning Exchange": place names before the cue belong to the name
            lead = [p for p in places if run.start <= p.start < start]
            if lead and rules.to_only.fullmatch(text[lead[-1].end:start]) and all(
                    rules.to_only.fullmatch(text[a.end:b.start]) for a, b in itertools.pairwise(lead)):
                begin = lead[0].start
        if _english(ctx, surface) and not re.match(r"[ \t]+[A-Z]", text[cue_end:]):
            # "the Riverside Cities Conference on ...", "the 3rd Asia-Pacific Water & Sanitation Summit" (not
            # "Ketua Forum Anak ...": a capitalised word after the cue makes it no English name's head)
            begin = _english_begin(ctx, sentence.start, begin)
    name = text[begin:end]
    aliases: list[str] = []
    acronym = destination = None
    titled = quoted or rules.titled.match(text[end:])
    if titled and end == cue_end:
        # "Diskusi Publik “Pemuda dan Ketahanan Kelurahan”", "Diskusi Publik: Pemuda dan ..." (a title line), 'Sesi
        # "Kota dan Sungai"': the cue and its title name the event
        title = titled.group(1).strip()
        aliases.append(title)
        name = f"{text[begin:end]}: {title}"
    bracket = re.match(r"\s*\(([^()]{3,60})\)", text[end:])
    if item and bracket and not text[end + bracket.end():line.end].strip():
        bracket = None  # a title line's closing bracket says more about something in it: "(KBRI Den Haag)"
    late = rules.quoted.match(text, end + bracket.end()) if bracket and not titled else None
    if late:
        # 'Diskusi Panel (panel discussion) bertema "Air Bersih ..."'
        aliases.append(late.group(1).strip())
        name = f"{text[begin:end]}: {late.group(1).strip()}"
    if bracket and any(end < d.start < end + bracket.end() for d in ctx.dates):
        bracket = None  # "(Januari-Maret 2019)": when, not another name
    if bracket and bracket.group(1)[:1].isupper() and not re.fullmatch(r"[A-Z]{2,}", bracket.group(1)):
        aliases.append(bracket.group(1).strip())
    elif bracket and item and bracket.group(1)[:1].islower() and len(bracket.group(1).split()) <= 4 and \
            bracket.start() == 0:
        aliases.append(bracket.group(1).strip())  # an agenda item's English rendering: "(gala dinner)"
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
    if item:
        # an agenda item's mention spans its cue only: the bodies, places and programmes its name holds ("Pertemuan
        # dengan Lembaga X (LX) ...", "Diskusi Penyusunan Strategi X") are read too, and it is kept (``event-groups``)
        # even where a longer mention overlaps its cue
        return Mention(begin, cue_end, "event", re.sub(r"\s+", " ", name), "event-item", 0.95,
                       acronym=acronym, aliases=aliases, named=True, destination=destination, **typed)
    return Mention(begin, end, "event", re.sub(r"\s+", " ", name), "event-name", 0.85, acronym=acronym,
                   aliases=aliases, named=True, destination=destination, **typed)


def _section_heading(heading: str, cue: str) -> bool:
    """ "OPENING / PEMBUKAAN": a heading whose part holding the cue is nothing but the cue names a section."""
    return any(part.strip().lower() == cue.lower() for part in re.split(r"\s+/\s+", heading))


def _cut(rules: _Rules, rest: str) -> int:
    """How much of the capitalised words after a cue belong to the name: up to a comma or a verb of taking
    place ("Lokakarya X Digelar, ...")."""
    cut = len(rest)
    comma = rest.find(",")
    if comma >= 0:
        cut = comma
    brk = rules.name_break.search(rest[:cut])
    return brk.start() if brk else cut


def _item_end(ctx: Context, line: Line, cue_end: int) -> int:
    """Where an agenda item's name ends: at the end of a title line ("A. Selasa, 5 Juli 2022 - Rapat Koordinasi
    Strategi ..."; a closing bracket at its end left out), else at its first bracket, colon, comma or full stop, or
    the word before its date or place ("Jamuan makan siang (...)", "Forum X pada Kamis, ...")."""
    text = ctx.text
    rules = _rules(ctx.lexicon)
    rest = text[cue_end:line.end].rstrip()
    if not re.search(r"[.!?;:]", rest):
        bracket = re.search(r"\s*\((?![A-Z]{2,}\))[^()]*\)$", rest)
        return cue_end + (bracket.start() if bracket else len(rest))
    stop = re.search(rf"\s*[(:,.;]|\s+[-–]\s|\s+{rules.item_stop}(?![\w-])", rest, re.IGNORECASE)
    return cue_end + (stop.start() if stop else len(rest))


def _refers_back(ctx: Context, start: int, cue_end: int) -> bool:
    """A capitalised cue that a demonstrative follows ("Lokakarya ini", "Kongres yang ..."), or one starting a
    sentence and followed by a lowercase verb ("Pelantikan berlangsung ...", "Pertemuan dipimpin ...")."""
    text = ctx.text
    rules = _rules(ctx.lexicon)
    if rules.demonstrative_after.match(text, cue_end):
        return True
    following = re.match(r"[ \t]+([a-z][\w-]*)", text[cue_end:cue_end + 40])
    if following is None or following.group(1) in rules.next_name_words:
        return False
    sentence = ctx.layout.sentence_at(start)
    return sentence.start == start


def _lowercase(ctx: Context, start: int, cue_end: int, typed: dict, places: list[Mention]) -> Mention:
    """A lowercase cue: named by the capitalised words before it in English ("the GIS workshop"), a new event after
    an indefinite article ("a final review workshop") or a verb of holding ("menggelar konsultasi publik"),
    else a reference back."""
    text = ctx.text
    rules = _rules(ctx.lexicon)
    surface = text[start:cue_end]
    sentence = ctx.layout.sentence_at(start)
    before = text[sentence.start:start]
    if _english(ctx, surface) and re.search(r"[A-Z0-9][\w'’&\-]*[ \t]+$", before) and \
            not rules.demonstrative_before.search(before):
        begin = _english_begin(ctx, sentence.start, start)
        if begin < start:
            name = re.sub(r"\s+", " ", text[begin:cue_end])
            return Mention(begin, cue_end, "event", name, "event-name", 0.8, named=True, **typed)
    indefinite = rules.indefinite.search(before)
    if indefinite and _reported(ctx, sentence):
        words = indefinite.group(1)
        end = cue_end
        if not _english(ctx, surface):
            # "sebuah lokakarya evaluasi yang ...": in Indonesian the words after the cue say which
            after = re.match(r"(?:[ \t]+[a-z][\w-]*){1,3}", text[cue_end:sentence.end])
            stop = rules.object_end.search(after.group()) if after else None
            end = cue_end + (stop.start() if stop else (after.end() if after else 0))
        return Mention(start - len(words), end, "event", re.sub(r"\s+", " ", words + text[start:end]).strip(),
                       "event-indefinite", 0.7, named=True, **typed)
    if rules.holding.search(before):
        # "menggelar konsultasi publik", "melakukan studi banding ke Kendari": a new event when none of its kind was
        # named before, held where it goes to
        dest = rules.destination.match(text[cue_end:sentence.end])
        destination = next((p for p in places if dest and p.start <= cue_end + dest.start(1) < p.end), None)
        return Mention(start, cue_end, "event", surface, "event-held", 0.6, destination=destination, **typed)
    return Mention(start, cue_end, "event", surface, "event-reference", 0.6, **typed)


def _reported(ctx: Context, sentence) -> bool:
    """A sentence that reports an event taking place: it gives a day, or who took part."""
    return any(sentence.start <= d.start < sentence.end and d.precision == "day" for d in ctx.dates) or bool(
        ctx.lexicon.participation_cue_pattern().search(sentence.text))


def _english(ctx: Context, cue: str) -> bool:
    """True when the cue is English: it does, or the document's language does."""
    return cue.lower() in _rules(ctx.lexicon).english_cues or ctx.doc.language == "en"


def _english_begin(ctx: Context, floor: int, start: int) -> int:
    """Where the capitalised words right before an English cue begin: capitalised words, numbers and ordinals, and
    "&" or a joiner between two of them; leading function words ("The", "From") stay out."""
    text = ctx.text
    joiners = {w.lower() for w in ctx.lexicon.words("name_joiners")}
    kept: list[tuple[int, str]] = []  # right to left
    nxt = start
    for tok in reversed(list(re.finditer(r"\S+", text[floor:start]))):
        s, e, w = floor + tok.start(), floor + tok.end(), tok.group()
        if not re.fullmatch(r"[ \t]+", text[e:nxt]):
            break
        right = kept[-1][1] if kept else text[start:start + 1]  # the word after this one
        if re.fullmatch(rf"[A-Z][\w'’\-]*|\d+{_rules(ctx.lexicon).ordinal}?|[A-Z0-9][\w\-]*", w) or (
                w.lower() in joiners and right[:1].isupper()):
            kept.append((s, w))
            nxt = s
        else:
            break
    while kept and (ctx.lexicon.is_common_word(kept[-1][1]) or kept[-1][1].lower() in joiners):
        kept.pop()
    return kept[-1][0] if kept else start


def _generic_references(ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "acara tersebut", "kegiatan ini", "the event": a reference back to the event in scope, of any class."""
    out = []
    for m in _rules(ctx.lexicon).generic.finditer(ctx.text):
        if not any(o.start <= m.start() < o.end for o in found):
            out.append(Mention(m.start(), m.end(), "event", m.group(), "event-reference", 0.5, event_class=None,
                               cue_end=m.end()))
    return out


def _verb_events(ctx: Context, found: list[Mention], places: list[Mention]) -> list[Mention]:
    """A verb reporting an event on a given day ("Wali Kota meluncurkan X pada Senin (5/5/2025)", "the Mayor
    launched X on May 5, 2022") or in the headline ("X Dilantik Jadi Kepala Dinas ..."): an event named by the
    cue and what the verb acts on ("Peluncuran X", "Launch of X", "Pelantikan Kepala Dinas ...")."""
    text = ctx.text
    rules = _rules(ctx.lexicon)
    verbs = {v.lower(): c for c in ctx.lexicon.event_cues for v in c.verbs}
    if not verbs:
        return []
    out = []
    verb_re = pattern(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(verbs, key=len, reverse=True)))})(?![\w-])",
                      re.IGNORECASE)
    # a headline: one of the first lines, short and ending in no full stop (not a paragraph)
    lines = [line for line in ctx.layout.lines[:3] if len(line.text) <= 160 and not line.text.rstrip().endswith(".")]
    for m in verb_re.finditer(text):
        word = m.group().lower()
        cue = verbs[word]
        sentence = ctx.layout.sentence_at(m.start())
        headline = any(line.start <= m.start() < line.end for line in lines)
        dated = any(sentence.start <= d.start < sentence.end and d.precision == "day" for d in ctx.dates)
        if not (dated or headline) or any(o.start <= m.start() < o.end for o in found):
            continue
        # "dilantik", "was launched": what the verb acts on stands before it
        prefix = rules.passive_prefix.get(cue.lang)
        passive = bool((prefix is not None and prefix.match(word)) or
                       rules.passive_aux.search(text[sentence.start:m.start()]))
        rest = text[m.end():sentence.end]
        as_post = rules.as_word.match(rest)
        if as_post:
            rest = rest[as_post.end():]  # "dilantik jadi Kepala Dinas Sosial": what the person is made
        elif passive:
            rest = ""
        else:
            # "launched the city's strategy": "Launch of the strategy"
            rest = rules.possessive.sub(lambda p: " " + (p.group(1) or ""), rest)
        end = rules.object_end.search(rest)
        obj = " ".join(rest[:end.start() if end else len(rest)].split()[:10])
        if not as_post and not passive and obj.split()[:1] and ctx.lexicon.is_common_word(obj.split()[0]) and \
                obj.split()[0].lower() not in rules.articles:
            obj = ""
        nominal = cue.cue[:1].upper() + cue.cue[1:]
        joiner = f" {rules.object_joiner[cue.lang]} " if obj and rules.object_joiner.get(cue.lang) else " "
        name = f"{nominal}{joiner}{obj}".strip()
        # "mengunjungi Kota Kendari", "berkunjung ke Kendari": the place visited is where the event is
        to = rules.to_only.match(text, m.end())  # the spaces and the "ke" / "to" after the verb
        destination = next((p for p in places if p.start == to.end()), None) if obj else None
        out.append(Mention(m.start(), m.end(), "event", name, "event-verb", 0.7, named=True,
                           event_class=cue.event_class, cue_end=m.end(), destination=destination))
    return out


@dataclass
class EventCluster:
    """One event: its mentions, name, class, dates and place."""

    event_class: str
    mentions: list[Mention] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    precision: str = "day"
    place: Mention | None = None
    part_of: EventCluster | None = None  # the event whose agenda holds this one

    @property
    def named(self) -> list[Mention]:
        """The mentions that name the event (not mere references)."""
        return [m for m in self.mentions if m.named]

    @property
    def name(self) -> str:
        """The fullest name the document gives (the longest named mention, one read from a verb only when no
        other names it), else the cue."""
        named = [m for m in self.named if m.rule != "event-verb"] or self.named
        return max(named, key=lambda m: (len(m.name), -m.start)).name if named else self.mentions[0].name


def group_events(ctx: Context, mentions: list[Mention]) -> list[EventCluster]:
    """Group event mentions into events and give each its dates and place.

    A named mention joins an event of its kind when one of its names contains, or is contained in,
    one of the event's names (an English rendering in brackets counts as a name), or when it is
    nothing but the cue ("Diskusi Publik"), unless the dates said with each differ; a reference joins the latest
    event of its kind (of any kind for "acara tersebut", or when none of its kind was named and a demonstrative
    goes with it). A verb reporting an event joins the event named in its sentence, else the latest of its kind.
    """
    owned = _date_owners(ctx, mentions)
    cues = {c.cue.lower() for c in ctx.lexicon.event_cues}
    clusters: list[EventCluster] = []
    verbs = []
    rules = _rules(ctx.lexicon)
    for m in mentions:
        if m.rule == "event-verb":
            verbs.append(m)
            continue
        same_kind = [c for c in clusters if c.event_class == m.event_class]
        if not m.named:
            if m.event_class is None or (not same_kind and m.name[:1].islower() and (
                    rules.demonstrative_after.match(ctx.text, m.cue_end or m.end) or
                    rules.demonstrative_before.search(ctx.text[max(0, m.start - 12):m.start]))):
                if clusters:
                    _latest(clusters, m.start).mentions.append(m)
            elif same_kind:
                _latest(same_kind, m.start).mentions.append(m)
            elif m.rule in ("event-nested", "event-held") or m.name[:1].isupper():
                clusters.append(EventCluster(m.event_class, [m]))
            continue
        cluster = None if m.rule == "event-indefinite" else next(
            (c for c in reversed(same_kind) if _same_event(c, m, owned, cues)), None)
        if cluster is None and same_kind and _definite_short(ctx, m, cues):
            cluster = _latest(same_kind, m.start)  # "a final workshop ... the GIS workshop"
        if cluster is None:
            cluster = EventCluster(m.event_class)
            clusters.append(cluster)
        cluster.mentions.append(m)
    for m in verbs:
        sentence = ctx.layout.sentence_at(m.start)
        here = next((c for c in clusters for x in c.mentions if sentence.start <= x.start < sentence.end), None)
        same_kind = [c for c in clusters if c.event_class == m.event_class and not _dates_differ(
            [d for x in c.mentions for d in owned.get(id(x), ())], owned.get(id(m), []))]
        cluster = here or (same_kind[-1] if same_kind else None)
        if cluster is None:
            cluster = EventCluster(m.event_class)
            clusters.append(cluster)
        cluster.mentions.append(m)
        cluster.mentions.sort(key=lambda x: x.start)
    # "Sesi kreatif ...", "From Workshop to Action": a kind of event named, no date, place or name of its own
    clusters = [c for c in clusters if _is_an_event(c, cues, owned)]
    for c in clusters:
        if not c.named:
            # only nested references: the cue words of the outer name are its name ("menggelar konsultasi
            # publik": "Konsultasi publik")
            first = c.mentions[0]
            first.named, first.name = True, first.name[:1].upper() + first.name[1:]
    for c in clusters:
        _date_event(c, owned)
        for m in c.mentions:
            if m.destination is not None and c.place is None:
                c.place = m.destination
    return clusters


def _is_an_event(c: EventCluster, cues: set[str], owned: dict[int, list[DateMention]]) -> bool:
    """True when the mentions say more than a kind of event: a name of its own, a date, a destination, an agenda
    item, or (but for a session) a capitalised reference opening its sentence ("Pelantikan berlangsung ...")."""
    for m in c.mentions:
        if owned.get(id(m)) or owned.get(-id(m)):
            return True
        if m.named and (m.name.lower() not in cues or m.aliases or m.destination or m.rule == "event-item"):
            return True
    return c.event_class != "Session" and any(not m.named and m.name[:1].isupper() for m in c.mentions)


def _latest(clusters: list[EventCluster], before: int) -> EventCluster:
    """The event mentioned last before an offset (the first one when none is)."""
    best, where = clusters[0], -1
    for c in clusters:
        for x in c.mentions:
            if where < x.start < before:
                best, where = c, x.start
    return best


def _definite_short(ctx: Context, m: Mention, cues: set[str]) -> bool:
    """ "the GIS workshop": a lowercase cue after one word and "the" refers back to the event of its kind."""
    words = m.name.split()
    return len(words) == 2 and words[1] in cues and bool(_rules(ctx.lexicon).definite.search(ctx.text, 0, m.start))


def _names(m: Mention) -> list[str]:
    return [m.name.lower(), *(a.lower() for a in m.aliases)]


def _same_event(cluster: EventCluster, m: Mention, owned: dict[int, list[DateMention]], cues: set[str]) -> bool:
    a = m.destination
    b = next((x.destination for x in cluster.mentions if x.destination is not None), None)
    if a is not None and b is not None and a.name != b.name:
        return False
    if _dates_differ([d for x in cluster.mentions for d in owned.get(id(x), ())], owned.get(id(m), [])):
        return False  # "Pertemuan Rutin Mingguan" on 25 July and again on 27 July: two meetings
    if m.name.lower() in cues and not m.destination:
        return True  # nothing but the cue ("Diskusi Publik")
    ours = [n for x in cluster.named for n in _names(x)]
    return any(n in o or o in n or _shortened(n, o) for n in _names(m) for o in ours)


def _shortened(short: str, full: str) -> bool:
    """ "second workshop" of "second drainage workshop": every word of a name of two words or more, in order."""
    words, rest = short.split(), iter(full.split())
    return len(words) >= 2 and all(w in rest for w in words)


def _dates_differ(ours: list[DateMention], theirs: list[DateMention]) -> bool:
    """True when both give a day and no two of their days overlap."""
    ours = [d for d in ours if d.precision == "day"]
    theirs = [d for d in theirs if d.precision == "day"]
    if not ours or not theirs:
        return False
    return not any(a.begin <= (b.end_date or b.begin) and b.begin <= (a.end_date or a.begin)
                   for a in ours for b in theirs)


def _date_owners(ctx: Context, mentions: list[Mention]) -> dict[int, list[DateMention]]:
    """The dates said with each mention: a date belongs to the nearest named mention before it in its sentence,
    else to the first named one after it ("pada 5-7 Mei 2022 berlangsung Lokakarya Air Bersih"), else to
    the nearest reference; a date on a field line ("Hari/tanggal : ...") to the event named in the lines above. A
    dateline's date ("JAKARTA, 12 April 2018 - A delegation ... Cross Learning Visit") is kept apart, under the key
    ``-id(mention)``: it dates an event only when nothing else does."""
    owned: dict[int, list[DateMention]] = {}
    rules = _rules(ctx.lexicon)
    every = sorted(mentions, key=lambda m: m.start)
    generic = [m for m in every if m.event_class is None]
    every = [m for m in every if m.event_class is not None]
    for d in ctx.dates:
        sentence = ctx.layout.sentence_at(d.start)
        here = [m for m in every if sentence.start <= m.start < sentence.end]
        named = [m for m in here if m.named]
        line = ctx.layout.line_at(d.start)
        on_dateline = line is not None and bool(rules.dateline_place.fullmatch(ctx.text[line.marker_end:d.start]))
        before = [m for m in named if m.start <= d.start]
        after = [m for m in named if m.start > d.start]
        refs_before = [m for m in here if m.start <= d.start]
        refs_after = [m for m in here if m.start > d.start]
        owner, weak = None, False
        if before:
            owner = before[-1]
        elif after or refs_after:
            owner, weak = (after or refs_after)[0], on_dateline or not after
            if refs_before and not after:
                owner, weak = refs_before[-1], False
        elif refs_before:
            owner = refs_before[-1]
        else:
            owner = _heading_owner(ctx, d, every) or next(
                (m for m in generic if sentence.start <= m.start < sentence.end), None)
        if owner is not None:
            owned.setdefault(-id(owner) if weak else id(owner), []).append(d)
    return owned


def _date_event(cluster: EventCluster, owned: dict[int, list[DateMention]]) -> None:
    """The event's dates: the first day its mentions are said with, else the first month or year; a dateline's
    date only when no other is said."""
    for key in (id, lambda m: -id(m)):
        candidates = [d for m in cluster.mentions for d in owned.get(key(m), ())]
        day = [d for d in candidates if d.precision == "day"]
        chosen = day[0] if day else (candidates[0] if candidates else None)
        if chosen is not None:
            cluster.start, cluster.end, cluster.precision = chosen.begin, chosen.end_date, chosen.precision
            return


def _heading_owner(ctx: Context, d: DateMention, every: list[Mention]) -> Mention | None:
    """A date on a line like "Hari/tanggal : ..." below a list item that names an event belongs to it."""
    line = ctx.layout.line_at(d.start)
    # a line that gives an event's date as a field: "Hari/tanggal : Selasa (6/11/2018)", "Date: 8 July 2019"
    date_field = _rules(ctx.lexicon).date_field
    if line is None or (not date_field.match(line.content.text) and line.text.strip() != ctx.text[d.start:d.end]):
        return None
    lines = ctx.layout.lines
    i = lines.index(line)
    for prev in reversed(lines[max(0, i - 3):i]):
        owners = [m for m in every if prev.start <= m.start < prev.end and m.named]
        if owners:
            return owners[0]
        if prev.is_item and prev.indent <= line.indent:
            break
    return None


def main_event(ctx: Context, clusters: list[EventCluster]) -> EventCluster | None:
    """The event a document reports on: named in its title (the first three lines, a page's navigation left out),
    else dated on the day its dateline gives."""
    for c in clusters:
        if named_in_title(ctx, c):
            return c
    day = dateline(ctx)
    for c in clusters:
        if day is not None and c.start == day.begin:
            return c
    return None


def named_in_title(ctx: Context, cluster: EventCluster) -> bool:
    """True when the document's title (its first three lines, a page's navigation left out) names the event."""
    lines = [line for line in ctx.layout.lines[:8] if not re.search(r"\s[|/›»]\s", line.text)][:3]
    return any(line.start <= m.start < line.end and len(line.text) <= 160 for line in lines for m in cluster.named)


def dateline(ctx: Context) -> DateMention | None:
    """The day a news article's dateline gives near its head: "Medan, Kamis (5/5/2022) - ..." (a place, a comma,
    the date), or a line that is nothing but the date."""
    for d in ctx.dates:
        if d.start >= 800:
            break
        line = ctx.layout.line_at(d.start)
        if d.precision == "day" and line is not None and (
                _rules(ctx.lexicon).dateline_place.fullmatch(ctx.text[line.marker_end:d.start])
                or not ctx.text[line.marker_end:line.end].replace(ctx.text[d.start:d.end], "").strip(" .,-–")):
            return d
    return None


def agenda_sessions(ctx: Context, clusters: list[EventCluster], main: EventCluster | None) -> list[EventCluster]:
    """The events of a document reporting on ``main``, its agenda's sessions made parts of it (``part_of``).

    A session named only by its kind ("Workshop: drawing risk maps") is no event of its own; an item without a
    time below one with a time ("- Diskusi panel ..." below "- 09.30-12.00: Pembukaan ...") is part of that one.
    """
    if main is None:
        return clusters
    cues = {c.cue.lower() for c in ctx.lexicon.event_cues}
    text = ctx.text
    lines = ctx.layout.lines
    at_line = {}
    for c in clusters:
        for m in c.mentions:
            if m.rule == "event-item":
                at_line.setdefault(lines.index(ctx.layout.line_at(m.start)), c)
    out = []
    for c in clusters:
        if c is main:
            out.append(c)
            continue
        items = [m for m in c.named if m.rule == "event-item"]
        if items and len(items) == len(c.named):
            i = lines.index(ctx.layout.line_at(items[0].start))
            line = lines[i]
            timed = re.match(rf"\s*{_TIME}", text[line.marker_end:line.end])
            prev = next((j for j in range(i - 1, max(-1, i - 12), -1)
                         if lines[j].is_item and lines[j].indent <= line.indent), None)
            owner = at_line.get(prev) if prev is not None else None
            if not timed and owner is not None and owner is not c and owner in out and \
                    re.match(rf"\s*{_TIME}", text[lines[prev].marker_end:lines[prev].end]):
                for m in c.mentions:
                    m.named = False
                owner.mentions = sorted(owner.mentions + c.mentions, key=lambda m: m.start)
                continue
            c.part_of = main
        elif all(ctx.layout.line_at(m.start) is not None and _is_agenda_line(ctx, ctx.layout.line_at(m.start))
                 for m in c.named):
            c.part_of = main
        if c.start is None and all(x.name.lower() in cues and not x.aliases for x in c.named):
            continue  # named only by its kind
        if c.part_of is main:
            c.event_class = "Session"  # a field trip or a dinner on the agenda is one of its sessions
            if c.start is None:
                _date_by_day_heading(ctx, c, main)
        out.append(c)
    return out


def _date_by_day_heading(ctx: Context, session: EventCluster, main: EventCluster) -> None:
    """A session of an agenda is held on the day its day heading gives ("HARI KE-2 - Rabu, 6 Juli 2022")."""
    first = min(m.start for m in session.mentions)
    heads = [d for d in ctx.dates if d.start < first and d.precision == "day" and d.end_date is None]
    for d in reversed(heads):
        line = ctx.layout.line_at(d.start)
        if line is None or line.is_item or any(line.start <= m.start < line.end for m in main.mentions):
            continue
        if main.start is not None and not (main.start <= d.begin <= (main.end or main.start)):
            return
        session.start, session.end, session.precision = d.begin, None, "day"
        return
