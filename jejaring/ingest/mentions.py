"""The components that find mentions: places, lessons, events, programmes, organisations, posts, persons.

Each wraps an extractor of ``extract/`` and sets its field of the :class:`~jejaring.ingest.findings.Findings`;
``settle`` keeps the longest of overlapping mentions of different kinds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import partial

from jejaring.ingest.extract.context import Mention, settle_overlaps
from jejaring.ingest.extract.events import agenda_sessions, find_event_mentions, group_events, main_event
from jejaring.ingest.extract.lessons import find_lessons, find_prose_lessons
from jejaring.ingest.extract.names import acronym_matches
from jejaring.ingest.extract.organisations import (
    UNIT_KINDS,
    acronym_names_no_body,
    addressed_areas,
    find_acronym_definitions,
    find_organisations,
    names_a_kind,
)
from jejaring.ingest.extract.persons import attributed, find_persons
from jejaring.ingest.extract.places import find_places
from jejaring.ingest.extract.posts import (
    find_post_mentions,
    name_after_comma,
    parse_posts,
    role_at,
    said_after,
    title_gap,
    word_of_body,
)
from jejaring.ingest.extract.programmes import find_programmes
from jejaring.ingest.extract.text import pattern
from jejaring.ingest.findings import Findings
from jejaring.ingest.lexicon import BUSINESS_KINDS, Lexicon
from jejaring.ingest.model import KINDS, LANGUAGES, common_words
from jejaring.ingest.model import recognise as recognise_names
from jejaring.ingest.registry import component

_ACRONYM = re.compile(r"(?<![\w/])([A-Z][A-Za-z0-9]{1,14})(?![\w])")
_BRACKETED = re.compile(r"\(([^()]{3,600})\)")
_WORD_START = re.compile(r"(?<!\S)\S")


@component("recognise", assigns=["recognised"],
           rules=["name-across-initial", "name-after-common-words", "name-after-place", "name-after-title"])
def recognise(f: Findings) -> None:
    """Persons, organisations and places the trained recogniser (:mod:`jejaring.ingest.model`) reads; a body's
    name starts after the post title it began inside ("Direktur [Eksekutif] Survekta Indonesia"); a person's name
    starts after the common words the recogniser took with it ("[Lingkungan] Hidup Rina Marlina") and after a
    place ("Bupati [Pulau Taliabu] Rosmini"); two persons with only an initial between them are one ("Rina C.
    Marlina")."""
    found = [Mention(s, e, KINDS[label], f.ctx.text[s:e], "recognised") for s, e, label in recognise_names(f.ctx.text)]
    if f.allows("name-across-initial"):
        found = _across_initials(f.ctx.text, found)
    if f.allows("name-after-title"):
        found = [m for m in (_after_title(f, m) if m.kind == "organisation" else m for m in found) if m is not None]
    if f.allows("name-after-common-words"):
        found = [_after_common_words(m) if m.kind == "person" else m for m in found]
    if f.allows("name-after-place"):
        found = [_after_place(f, m) if m.kind == "person" else m for m in found]
    f.recognised = found


def _across_initials(text: str, found: list[Mention]) -> list[Mention]:
    """The recogniser's mentions, two persons with only a middle initial between them joined into one."""
    out: list[Mention] = []
    for m in found:
        last = out[-1] if out else None
        gap = text[last.end:m.start] if last is not None else ""
        # the recogniser may end the first at the initial's letter ("Rina C" "." "Marlina")
        if last is not None and last.kind == m.kind == "person" and (_MIDDLE_INITIAL.fullmatch(gap) or (
                re.fullmatch(r"\.[ \t]+", gap) and re.search(r"(?<!\S)[A-Z]$", last.name))):
            out[-1] = replace(last, end=m.end, name=text[last.start:m.end])
        else:
            out.append(m)
    return out


#: A middle initial between two words of a name: " C. ".
_MIDDLE_INITIAL = re.compile(r"[ \t]+[A-Z]\.[ \t]+")


def _after_title(f: Findings, m: Mention) -> Mention | None:
    """The mention without the words of a post title it starts inside, or with; None when the title is all of it."""
    text = f.ctx.text
    start = max(text.rfind("\n", max(0, m.start - 60), m.start) + 1, m.start - 60)
    before = [w.start() for w in _WORD_START.finditer(text, start, m.start)]
    for s in [*before[-3:], m.start]:
        found = role_at(f.ctx, s, m.end)
        if found is not None and found[0] > m.start:
            return _from(m, found[0] - m.start)
    return m


def _from(m: Mention, offset: int) -> Mention | None:
    """The recogniser's mention from ``offset`` code points into its name on, spaces skipped; None when nothing
    is left."""
    rest = re.search(r"\S", m.name[offset:])
    if rest is None:
        return None
    return replace(m, start=m.start + offset + rest.start(), name=m.name[offset + rest.start():])


def _after_place(f: Findings, m: Mention) -> Mention:
    """The person mention without a leading place the gazetteer knows: one of two words or more, a province ("Kajati
    [Sumsel] Wiratmo": no one's name), or of one word when two words or more are left ("Bupati [Solok] Rina
    Marlina"; a city's name may be a person's: "Bima")."""
    words = list(re.finditer(r"\S+", m.name))
    for k in range(len(words) - 1, 0, -1):
        place = f.ctx.lexicon.place(m.name[:words[k - 1].end()])
        if place is not None and (k > 1 or len(words) > 2 or place.kind == "province"):
            return _from(m, words[k].start())
    return m


def _after_common_words(m: Mention) -> Mention:
    """The person mention without its leading words that the training corpora never use in a name, when two
    words or more are left (one could be the place of a title: "Camat Tambora")."""
    words = list(re.finditer(r"\S+", m.name))
    k = next((i for i, w in enumerate(words) if w.group().lower() not in common_words()), None)
    if k is None or k == 0 or len(words) - k < 2:
        return m
    return _from(m, words[k].start())


@component("places", assigns=["places"], rules=["place-gazetteer"])
def places(f: Findings) -> None:
    """Places of the gazetteer (lexicon ``places.tsv``)."""
    f.places = f.kept(find_places(f.ctx))


@component("lessons", assigns=["lesson_items"], rules=["lesson-title"])
def lessons(f: Findings) -> None:
    """Lessons listed under a lesson cue, then lessons stated in prose."""
    listed = find_lessons(f.ctx)
    f.lesson_items = listed + find_prose_lessons(f.ctx, listed) if f.allows("lesson-title") else []


@component("events", requires=["places"], assigns=["event_mentions"],
           rules=["event-heading", "event-held", "event-indefinite", "event-item", "event-name", "event-nested",
                  "event-reference", "event-titled", "event-verb"])
def events(f: Findings) -> None:
    """Mentions of events: named events, headings, agenda items, quoted titles, new events after "a" or a verb of
    holding, verbs reporting an event, and references back to them."""
    f.event_mentions = f.kept(find_event_mentions(f.ctx, f.places))


@component("programmes", requires=["lesson_items"], assigns=["programmes"],
           rules=["programme-cue", "programme-cue-after", "programme-example", "programme-example-cue",
                  "programme-site", "programme-version", "programme-not-person"])
def programmes(f: Findings) -> None:
    """Programmes, projects and strategies, and the examples a lesson gives; one read from a Title Case headline
    only as far as the body names it too (a headline capitalises every word: "Paparkan Kebijakan Parkir"); a
    name that opens with a title or post ("strategi Presiden Nama"), or an example the recogniser reads as a person
    ("tokoh seperti Nama"), names a person, not a programme."""
    spans = [(i.description_start, i.description_end) for i in f.lesson_items]
    found = f.kept(find_programmes(f.ctx, spans))
    if f.allows("programme-not-person"):
        found = [m for m in found if not _names_person(f, m)]
    line = _title_case_headline(f)
    if line is not None:
        body = " ".join(f.ctx.text[line.end:].split()).casefold()
        found = [m for m in found if m.start >= line.end or
                 re.search(rf"(?<!\w){re.escape(' '.join(m.name.split()).casefold())}(?!\w)", body)]
    f.programmes = found


def _names_person(f: Findings, m: Mention) -> bool:
    """True when ``m`` opens with an honorific or a post, or is an example ("seperti X") around a person the
    recogniser reads in a language it learned."""
    lex = f.ctx.lexicon
    if m.name.lower().startswith(tuple(h.lower() + " " for h in lex.honorific_forms())) or \
            lex.starts_with_post(m.name, then=" "):
        return True
    return m.rule == "programme-example-cue" and f.ctx.doc.language in LANGUAGES and any(
        r.kind == "person" and m.start <= r.start and r.end <= m.end for r in f.recognised or ())


@component("organisations", assigns=["organisations"],
           rules=["org-head", "org-head-lowercase", "org-head-suffix", "org-lexicon", "org-acronym", "org-ends-at-name",
                  "org-government-of-place", "org-business-noun"])
def organisations(f: Findings) -> None:
    """Organisations from the lexicon and from head words (Dinas, Badan, Foundation ...); a name read from head
    words ends where a person the recogniser reads begins."""
    found = f.kept(find_organisations(f.ctx))
    f.organisations = [_before_person(f, m) for m in found] if f.allows("org-ends-at-name") else found


def _before_person(f: Findings, m: Mention) -> Mention:
    """ "Kementerian Keuangan Rina Marlina menegaskan ...": the head word's run of capitalised words stops before
    the person after it (and the ranks or honorifics before the person), keeping two words at least."""
    if not _may_run_on(m):
        return m
    lex = f.ctx.lexicon
    for r in f.recognised or ():
        if r.kind != "person" or not m.start < r.start < m.end or len(r.name.split()) < 2 or \
                (lex.is_institutional_word(r.name.split()[0]) and not _after_rank(f, r.start)) or \
                lex.place(r.name) is not None:
            continue
        if (cut := _cut_before(f, m, r.start)) is not None:
            return cut
    return m


def _after_rank(f: Findings, start: int) -> bool:
    """True when a rank or honorific stands right before ``start`` ("Kombes Ferry ..."): a name follows, whatever
    bodies' names its first word also opens."""
    before = f.ctx.text[max(0, start - 30):start]
    return any(before.endswith(f" {form} ") or before == f"{form} " for form in f.ctx.lexicon.honorific_forms())


#: Rules whose organisation names run on over capitalised words, so may end where a name begins: head words, and
#: an acronym with its locality ("Bappeda Provinsi Jawa Tengah ...").
_CUT_RULES = ("org-head", "org-head-suffix", "org-acronym")


def _may_run_on(m: Mention) -> bool:
    """True for an organisation name that may have run on into a person's name: one read from head words, or an
    acronym with its locality; a name the lexicon knows as written ends where it ends."""
    return m.rule in _CUT_RULES and (m.entry is None or m.rule == "org-acronym")


def _cut_before(f: Findings, m: Mention, name_start: int) -> Mention | None:
    """The organisation mention ``m`` ending before a name that starts inside it, ranks and honorifics left out;
    None when fewer than two words would be left, unless the one is an acronym the lexicon knows ("KPU")."""
    words = list(re.finditer(r"[^\s,]+", f.ctx.text[m.start:name_start]))
    while words and words[-1].group() in f.ctx.lexicon.honorific_forms():
        words.pop()
    name = " ".join(w.group() for w in words)
    acronym = len(words) == 1 and f.ctx.lexicon.organisation_by_acronym(name)
    if len(words) < 2 and not acronym:
        return None
    entries = acronym or f.ctx.lexicon.organisation_by_name(name)
    entry = entries[0] if len(entries) == 1 else None
    known = {"entry": entry, "org_kind": entry.kind, "unit": entry.kind in UNIT_KINDS} if entry else {}
    # the names the mention's locality gave it ran on into the person's name too
    return replace(m, end=m.start + words[-1].end(), name=name, aliases=[], **known)


@component("settle", requires=["places", "event_mentions", "programmes", "organisations", "lesson_items"],
           assigns=["settled", "blocked"], rules=["org-address-area", "org-inside-event", "place-in-body-name"])
def settle(f: Findings) -> None:
    """Keep the longest of overlapping mentions (organisations, places, programmes, named events, lessons); an
    area an address names ("di Desa ...") stays a stretch no other name takes, but names no organisation; a body
    the lexicon knows, named inside an event's name, is named all the same; so is a city abroad named inside a
    body's name ("KBRI Den Haag")."""
    blocks = [Mention(i.start, i.end, "lesson", i.title, "lesson-title") for i in f.lesson_items]
    named_events = [e for e in f.event_mentions if e.named]
    f.settled = settle_overlaps(f.organisations + f.places + f.programmes + named_events + blocks)
    # "Rapat Berkala KSSK": a body the lexicon knows, named inside an event's name, is named all the same
    in_events = [o for o in f.organisations if o.entry is not None and o not in f.settled and any(
        e in f.settled and e.start <= o.start and o.end <= e.end for e in named_events)] \
        if f.allows("org-inside-event") else []
    f.organisations = sorted([m for m in f.settled if m.kind == "organisation"] + in_events, key=lambda m: m.start)
    if f.allows("org-address-area"):
        addressed = addressed_areas(f.ctx, f.organisations)
        f.organisations = [m for m in f.organisations if m not in addressed]
    inside = _cities_in_body_names(f) if f.allows("place-in-body-name") else []
    f.places = sorted([m for m in f.settled if m.kind == "place"] + inside, key=lambda m: m.start)
    f.programmes = [m for m in f.settled if m.kind == "programme"]
    f.blocked = [m for m in f.settled if m.rule != "programme-example"]


def _cities_in_body_names(f: Findings) -> list[Mention]:
    """Cities outside the gazetteer's provinces named inside the name of a body other than their government
    ("KBRI Den Haag", "University of Chicago"): the body stands there. A city of a province names the body's
    region, which its government stands for, as a city's government does."""
    return [p for p in f.places if p not in f.settled and p.entry.kind == "city" and p.entry.province is None
            and any(o.start <= p.start and p.end <= o.end and not (o.org_kind or "").endswith("government")
                    for o in f.organisations)]


@component("acronyms", requires=["settled"], assigns=["organisations"],
           rules=["org-acronym-defined", "org-list-acronym"])
def acronyms(f: Findings) -> None:
    """Bare acronyms the document defines for an organisation, and acronyms listed among organisations."""
    text, orgs = f.ctx.text, f.organisations
    out = list(orgs)
    taken = [(m.start, m.end) for m in f.settled]
    defined = {}
    for acronym, (start, end, _) in find_acronym_definitions(f.ctx).items():
        owner = next((o for o in orgs if o.start <= start < o.end or start <= o.start < end), None)
        if owner is not None:
            defined[acronym] = owner
            owner.acronym = owner.acronym or acronym
    for o in orgs:
        if o.acronym and o.rule in ("org-head", "org-head-suffix"):
            defined.setdefault(o.acronym, o)  # given in brackets though the name does not spell it ("... (NASA)")
    listed = _listed_acronyms(f.ctx.lexicon, text, orgs)
    for m in _ACRONYM.finditer(text):
        token = m.group(1)
        if any(s <= m.start() < e for s, e in taken):
            continue
        if token in defined:
            out.append(Mention(m.start(), m.end(), "organisation", token, "org-acronym-defined", 0.8,
                               acronym=token, refers_to=defined[token]))
        elif m.start() in listed:
            out.append(Mention(m.start(), m.end(), "organisation", token, "org-list-acronym", 0.7, acronym=token))
    f.organisations = f.kept(sorted(out, key=lambda m: m.start))
    f.blocked = f.blocked + f.organisations


def _listed_acronyms(lex: Lexicon, text: str, orgs: list[Mention]) -> set[int]:
    """Starts of all-capitals tokens listed in brackets among organisations: "LSM/NGO (..., YKRI)"."""
    out = set()
    heads = pattern(rf"{lex.alternation('group_heads')}\W*$", re.IGNORECASE)
    after_and = "".join(f"|(?<={re.escape(w)})" for w in sorted(lex.words("and_words")))
    items = pattern(rf"(?:(?<=\()|(?<=,)|(?<=;){after_and})\s*([A-Z][A-Z0-9]{{1,9}})\s*"
                    rf"(?=[,;)]|{lex.alternation('and_words')}\b)")
    for m in _BRACKETED.finditer(text):
        inside = [o for o in orgs if m.start() < o.start < m.end()]
        if len(inside) < 2 and not heads.search(text[max(0, m.start() - 40):m.start()]):
            continue
        for item in items.finditer(text[m.start():m.end()]):
            out.add(m.start() + item.start(1))
    return out


@component("recognised-organisations", requires=["settled"], assigns=["organisations", "blocked"],
           rules=["org-model", "org-model-repeated"])
def recognised_organisations(f: Findings) -> None:
    """Organisations the recogniser reads where no rule found anything, when the lexicon confirms them (it knows
    the name or acronym, or the name has a head word that says what kind of body it is: "Pengadilan ...") or
    the recogniser reads the same name as an organisation twice or more ("Sinar Lestari ... Sinar Lestari"),
    a name of words rather than a bare acronym, which is as often a person's initials or a tax's, and not one word
    of a name it reads as a person's elsewhere ("Kepala Dinas Wiratmi ... Wiratmi")."""
    if f.recognised is None or not f.allows("org-model"):
        return
    found = []
    defined = find_acronym_definitions(f.ctx)
    named = Counter(" ".join(o.name.split()) for o in f.recognised if o.kind == "organisation")
    person_words = {w for p in f.recognised if p.kind == "person" for w in p.name.split()}
    learned = f.ctx.doc.language in LANGUAGES  # unconfirmed, the recogniser is trusted in its own language only
    for r in f.recognised:
        if r.kind == "organisation" and not any(r.start < m.end and m.start < r.end for m in f.settled + f.organisations):
            typed = _typed_organisation(f.ctx.lexicon, r)
            name = " ".join(r.name.split())
            # "Grup Lintas Samudra ... Lintas Samudra": a body a head word named already
            if typed is None and named[name] >= 2 and f.allows("org-model-repeated") and learned and \
                    _may_name_a_body(f.ctx.lexicon, name) and not any(m.name.endswith(" " + name) for m in f.organisations) \
                    and name not in person_words:
                typed = Mention(r.start, r.end, "organisation", name, "org-model-repeated", 0.6)
            # "Public-Private Partnership (PPP)": a known acronym the document gives another meaning names no body
            if typed is not None and not (" " not in typed.name and acronym_names_no_body(f.ctx, r.start, r.end, defined,
                                                                                           typed.entry)):
                found.append(typed)
    f.organisations = sorted(f.organisations + found, key=lambda m: m.start)
    f.settled = sorted(f.settled + found, key=lambda m: m.start)
    f.blocked = f.blocked + found


def _may_name_a_body(lex: Lexicon, name: str) -> bool:
    """True for a name in Latin letters, capitalised, that is no place and opens with no post ("CRO Jakarta ...")
    and neither opens nor ends with a word of the lexicon's cues ("... Learning Visit"): of two words or more, or
    of one that is no acronym and no word the training corpora use as a common word ("Sinar", not "SPT")."""
    words = name.split()
    one_word = len(words) == 1 and len(name) >= 4 and not name.isupper() and name.lower() not in common_words()
    return (len(words) > 1 or one_word) and name.isascii() and name[:1].isupper() and lex.place(name) is None and \
        not lex.starts_with_post(name, longer_than=1, then=" ") and \
        not lex.is_common_word(words[0]) and not lex.is_common_word(words[-1])


def _typed_organisation(lex: Lexicon, r: Mention) -> Mention | None:
    """The recognised name as an organisation mention, typed by the lexicon; None when the lexicon cannot
    confirm it or it names a place, a post or a bare head word."""
    name = " ".join(r.name.split())
    words = name.split()
    if not name[:1].isupper() or lex.place(name) is not None or lex.starts_with_post(name):
        return None
    entries = lex.organisation_by_name(name) or lex.organisation_by_acronym(name)
    if len(entries) == 1:
        entry = entries[0]
        return Mention(r.start, r.end, "organisation", name, "org-model", 0.75, entry=entry, org_kind=entry.kind)
    agency = lex.agency_type(words[0])
    heads = [h for h in lex.org_heads_by_word.get((True, words[0]), ()) if (name.startswith(h.head + " ") and
             not names_a_kind(lex, h.head, name[len(h.head) + 1:].split()[0])) or (name == h.head and " " in h.head)]
    heads += lex.suffix_heads(name)
    if len(words) < 2 or not (heads or agency):
        return None
    kind, unit = (heads[0].kind, heads[0].unit) if heads else (agency.kind, True)
    return Mention(r.start, r.end, "organisation", name, "org-model", 0.7, org_kind=kind, unit=unit, agency=agency)


@component("posts", requires=["organisations", "blocked"], assigns=["posts", "organisations", "blocked"],
           rules=["post-mention", "org-ends-at-holder", "org-between-title-and-holder"])
def posts(f: Findings) -> None:
    """Post titles ("Kepala Dinas ...", "Head of ..."); a unit or programme named inside one is part of it, a
    body named inside one ends where the title's holder begins, and the words between a title and its holder
    name its body ("Managing Director Lumora Indonesia Rina Marlina")."""
    ctx = f.ctx
    found = find_post_mentions(ctx, f.organisations)
    if f.allows("org-ends-at-holder"):
        _end_bodies_at_holders(f, found)
        found = find_post_mentions(ctx, f.organisations)
    if f.allows("org-between-title-and-holder") and (named := _bodies_before_holders(f, found)):
        f.organisations = sorted(f.organisations + named, key=lambda m: m.start)
        f.blocked = f.blocked + named
        found = find_post_mentions(ctx, f.organisations)
    # "Head of Tidal and Coastal Flood Control Division, Dinas ...": a unit named inside a title that goes on to
    # the body holding it is part of the title; "Director of the Asian Center for ..." names its body
    f.organisations = [o for o in f.organisations if o.rule != "org-head-suffix" or o.org_kind != "unit" or not any(
        p.start <= o.start and o.end <= p.end and "," not in ctx.text[p.start:o.start] and
        any(q is not o and o.end <= q.start < p.end for q in f.organisations) for p in found)]
    f.programmes = [g for g in f.programmes if not any(p.start <= g.start < p.end for p in found)]
    f.posts = f.kept(_ending_before_names(f, find_post_mentions(ctx, f.organisations)))


def _bodies_before_holders(f: Findings, posts: list[Mention]) -> list[Mention]:
    """The capitalised words between a title that takes a body and its holder, when the lexicon gives the title no
    body of its own ("Menteri Sosial") and they are two or more, not all words of institutions or places: one is
    as often a unit ("Kasat Reskrim") or a part of the title."""
    lex, text = f.ctx.lexicon, f.ctx.text
    out = []
    for q in (q for p in posts for q in p.posts):
        role = role_at(f.ctx, q.start, q.end)
        if q.organisation is not None or q.locality is not None or role is None or \
                (q.holder is None and not name_after_comma(f.ctx, q.end)) or \
                role[1] is None or not role[1].takes_org or lex.title_has_body(role[1].pattern):
            continue
        run = _CAPITALISED_RUN.fullmatch(text, role[0], q.end)
        # "Manager Operasional Griya Asri Estate": a common word after the role is the title's
        words = list(re.finditer(r"\S+", run.group(1))) if run else []
        while words and words[0].group().lower() in common_words():
            words.pop(0)
        name = run.group(1)[words[0].start():] if words else ""
        if len(words) > 1 and any(_name_like(lex, w.group()) or w.group().isupper() for w in words) and \
                lex.place(name) is None and role_at(f.ctx, run.end(1) - len(name), run.end(1)) is None:
            out.append(Mention(run.end(1) - len(name), run.end(1), "organisation", name,
                               "org-between-title-and-holder", 0.6))
    return out


#: A run of capitalised words (and "&") between spaces, a comma after it.
_CAPITALISED_RUN = re.compile(r"\s+([A-Z][\w'’.\-]*(?:\s+(?:&\s+)?[A-Z][\w'’.\-]*)*)\s*,?\s*")


def _end_bodies_at_holders(f: Findings, posts: list[Mention]) -> None:
    """ "Kepala Kejari Palu Rina Marlina": the title's grammar puts its holder at the end, so an organisation read
    from head words that ran on into the holder's name ends before it."""
    holders = [p.posts[-1].holder[0] for p in posts if p.posts[-1].holder is not None]
    cut = {}
    for o in f.organisations:
        start = next((h for h in holders if o.start < h < o.end), None)
        if start is not None and _may_run_on(o):
            cut[id(o)] = _cut_before(f, o, start) or o
        elif (inside := _holder_inside_body(f, o, posts)) is not None:
            cut[id(o)] = _cut_before(f, o, inside) or o
    f.organisations = [cut.get(id(o), o) for o in f.organisations]
    f.blocked = [cut.get(id(m), m) for m in f.blocked]


#: Spaces and tabs; what ends a clause (or the text).
_SPACES = re.compile(r"[ \t]*")
_CLAUSE_END = re.compile(r"[.,;:!?]|$")


def _holder_inside_body(f: Findings, o: Mention, posts: list[Mention]) -> int | None:
    """ "Ketua Bawaslu Rina mengatakan", "kata Sekretaris Kementerian Pariwisata Rina Wulandari.": after a title, the
    unknown words that end a body's name read from head words after a place, an acronym, a rank or a body the
    lexicon knows are the holder's name, or its first words when the holder the title found follows; one word
    before a verb of saying or the holder, two or three before the end of a clause; where the name starts."""
    words = list(re.finditer(r"\S+", o.name))
    if not _may_run_on(o) or o.entry is not None or len(words) < 2 or not any(p.start < o.start <= p.end for p in posts):
        return None
    after = _SPACES.match(f.ctx.text, o.end).end()
    one = said_after(f.ctx, o.end) or any(q.holder is not None and q.holder[0] == after for p in posts for q in p.posts)
    if not one and (o.org_kind in BUSINESS_KINDS or not _CLAUSE_END.match(f.ctx.text, o.end)):
        return None  # a firm's name may end in any words ("PT Sinar Berkah Energi, ...")
    lex = f.ctx.lexicon
    for n in range(1 if one else 2, 4):
        tail = words[-n:]
        first = tail[0].group()
        if len(words) - n < (1 if n == 1 else 2) or not first[:1].isupper() or lex.place(first) is not None:
            return None
        # a name's later word may be a word of institutions too ("... Wening Aji")
        if _name_like(lex, first) and len("".join(w.group() for w in tail)) >= 4 and \
                not word_of_body(f.ctx, o.name[:tail[0].start()]):
            return o.start + tail[0].start()
    return None


def _ending_before_names(f: Findings, posts: list[Mention]) -> list[Mention]:
    """A title that ran on into the name after it ("Menteri Keuangan Rina Marlina pada Senin") ends where a
    person the recogniser reads begins, and that person holds it; so does a title whose holder the rules read
    shorter than the recogniser ("Wali Kota Palu Agung Prasetyo": Agung is a word of institutions too)."""
    lex = f.ctx.lexicon
    place_ends = {m.end for m in f.places}
    # a word of institutions opens a name only right after the place or the short form in brackets that ends the
    # title ("Wali Kota X Agung ...", "Menteri Koordinator Bidang X (Menko X) Agung ..."), or in a name of two words
    # or more, not all words of institutions ("Tata Ruang"), that ends no body's name the lexicon knows ("Menteri
    # Koordinator Bidang Pangan Diponegoro Santoso")
    people = [r for r in map(partial(_after_bodies, f), f.recognised or ()) if r.kind == "person"
              and r.name.split()[0].lower() not in common_words()
              and (not lex.is_institutional_word(r.name.split()[0]) or r.start - 1 in place_ends
                   or f.ctx.text[:r.start].endswith(") ") or _after_rank(f, r.start)
                   or (" " in r.name and not all(map(lex.is_institutional_word, r.name.split()))
                       and not _ends_known_body(f, r)))]
    out = []
    for p in posts:
        role_end = role_at(f.ctx, p.start, p.end)
        holder = p.posts[-1].holder
        name = next((r for r in people if role_end and role_end[0] < r.start < p.end and (
            holder is None or (r.start < holder[0] and r.end == holder[1]))), None)
        start = _first_name_word(f, role_end[0], name.start) if name is not None else 0
        parsed = parse_posts(f.ctx, p.start, start, f.organisations) if name is not None else []
        if parsed and title_gap(f.ctx.text[parsed[-1].end:start], lex.honorific_forms(), lex.words("then_words")):
            parsed[-1] = replace(parsed[-1], holder=(start, name.end))
            p = replace(p, end=parsed[-1].end, name=parsed[0].label, posts=parsed)
        out.append(p)
    return out


def _ends_known_body(f: Findings, r: Mention) -> bool:
    """True when the first words of the recogniser's person end, with the words before it (short forms in brackets
    left out), a body's name the lexicon knows ("Rektor Universitas [Airlangga] ...", "Badan Pengelola Investasi
    (BPI) [Daya Anagata Nusantara]"), so may be the body's rather than the name's."""
    before = re.sub(r"\([^()]*\)", " ", f.ctx.text[max(0, r.start - 80):r.start]).split()
    words = r.name.split()
    return any(f.ctx.lexicon.organisation_by_name(" ".join([*before[-n:], *words[:k]]))
               for n in range(1, min(5, len(before)) + 1) for k in range(1, len(words) + 1))


def _after_bodies(f: Findings, r: Mention) -> Mention:
    """The recogniser's mention starting after the organisation it opens inside, when a name is left ("[Griya Asri
    Estate] Rina Marlina")."""
    body = next((o for o in f.organisations if o.start <= r.start < o.end < r.end), None)
    return (_from(r, body.end - r.start) if body is not None else None) or r


def _first_name_word(f: Findings, role_end: int, start: int) -> int:
    """Where the name the recogniser reads from ``start`` begins: earlier, over the capitalised words between the
    title and it that are no words of institutions, places, ranks or common words ("Sekretaris Kabinet Tedi
    Arya Wijaya", the recogniser reading "Arya Wijaya")."""
    lex = f.ctx.lexicon
    for w in reversed(list(re.finditer(r"\S+", f.ctx.text[role_end:start]))):
        word = w.group()
        if not _may_open_a_name(lex, word) or f.ctx.text[role_end + w.end():start].strip():
            break
        start = role_end + w.start()
    return start


def _may_open_a_name(lex: Lexicon, word: str) -> bool:
    return word.isalpha() and _name_like(lex, word) and word not in lex.honorific_forms()


def _name_like(lex: Lexicon, word: str) -> bool:
    """True for a capitalised word (not all capitals) that is no common word, word of institutions or place."""
    return word[:1].isupper() and not word.isupper() and word.lower() not in common_words() and \
        not lex.is_common_word(word) and not lex.is_institutional_word(word) and lex.place(word) is None


@component("persons", requires=["blocked", "posts"], assigns=["persons"],
           rules=["person-after-post", "person-alias", "person-attribution", "person-back-reference", "person-bracket-post",
                  "person-context", "person-coordinated", "person-degree", "person-honorific", "person-initials", "person-label",
                  "person-list", "person-model", "person-name-org", "person-name-post",
                  "person-post-comma"])
def persons(f: Findings) -> None:
    """Persons, outside the stretches other kinds hold, confirmed and completed by the recogniser where it ran;
    a programme a person's name overlaps is dropped; a nickname in quotes between the words of a name ("Darmawan
    'Bedu' Sulaiman") is another label, and a later mention by it refers back; so is a name after "alias", "yang
    akrab disapa" ("Darmawan Sulaiman alias Bedu")."""
    # a programme example ("... such as Resilient Rooftop") is no person, whatever the recogniser reads
    recognised = [m for m in f.recognised if m.kind == "person" and not any(
        m.start < p.end and p.start < m.end for p in f.programmes)] if f.recognised is not None else None
    # "Penerimaan Peserta Didik Baru (PPDB)": a name inside one an acronym abbreviates is no person's, unless the
    # acronym is the person's initials ("... Rina Marlina (RM)")
    defined = [(s, e, a) for a, (s, e, _) in find_acronym_definitions(f.ctx).items()]
    f.persons = f.kept(m for m in find_persons(f.ctx, f.blocked + f.posts, f.posts, recognised, f.allows("person-alias"))
                       if not any(s <= m.start and m.end <= e and not acronym_matches(a, m.name, f.ctx.lexicon)
                                  for s, e, a in defined))
    f.programmes = [p for p in f.programmes if not any(p.start < m.end and m.start < p.end for m in f.persons)]


@component("event-groups", requires=["event_mentions", "settled"], assigns=["clusters", "main_event"])
def event_groups(f: Findings) -> None:
    """Mentions of one event grouped; the event the document reports on found, its agenda's sessions parts of it."""
    f.clusters = group_events(f.ctx, [e for e in f.event_mentions
                                      if not e.named or e in f.settled or e.rule == "event-item"])
    f.main_event = main_event(f.ctx, f.clusters)
    f.clusters = agenda_sessions(f.ctx, f.clusters, f.main_event)


@component("headline", requires=["persons", "organisations"], assigns=["persons", "organisations"],
           rules=["headline-evidence", "subheading-evidence"])
def headline(f: Findings) -> None:
    """A Title Case headline names what its body names: a person or an unlisted organisation read from it is
    kept only as far as the body names it too ("Darmono Diperiksa Kejaksaan" -> Darmono, when the body names him);
    in a Title Case subheading the rest of the text is the evidence, and a known body's name is cut to what the
    rest names too ("Upaya Pemprov X Atasi Kemiskinan" -> "Pemprov X")."""
    line = _title_case_headline(f)
    if line is not None and f.allows("headline-evidence"):
        # a later mention by one part of a name the headline gave is evidence of it only as a speaker ("ujar
        # Rina"), not in a run of words ("... Surat Edaran")
        _read_with_evidence(f, line, f.ctx.text[line.end:], [
            m for m in f.persons if m.start >= line.end and (
                m.rule != "person-back-reference" or attributed(f.ctx, m.start, m.end))])
    if f.allows("subheading-evidence"):
        for sub in _title_case_subheadings(f, line):
            rest = f.ctx.text[:sub.start] + "\n" + f.ctx.text[sub.end:]
            _read_with_evidence(f, sub, rest, [m for m in f.persons if not sub.start <= m.start < sub.end], cut_known=True)


def _read_with_evidence(f: Findings, line, evidence: str, others: list[Mention], cut_known: bool = False) -> None:
    """Keep the persons and organisations read from ``line`` as far as ``evidence`` (the text around it, and the
    persons read there) names them."""
    body = " ".join(evidence.split())
    names = " | ".join(m.name for m in others)
    f.persons = [kept for m in f.persons
                 if (kept := _as_the_body_names(f, m, line, names, 1, cut_known)) is not None]
    f.organisations = [kept for m in f.organisations if (kept := _as_the_body_names(
        f, m, line, body, 2 if m.rule == "org-head" else None, cut_known)) is not None]


#: How many of a document's first lines may hold its headline (after a label such as "SIARAN PERS" and a note).
_HEADLINE_LINES = 4


def _title_case_headline(f: Findings):
    """The first of the document's first lines that heads a body: set apart by blank lines, in Title Case (three
    words or more, most capitalised); below the first line, no field ("Moderator: ...")."""
    lines, text = f.ctx.layout.lines, f.ctx.text
    for k, line in enumerate(lines[:min(_HEADLINE_LINES, len(lines) - 1)]):
        apart = k == 0 or (re.search(r"\n[ \t]*\r?\n[ \t]*$", text[:line.start]) and ":" not in line.text)
        if apart and re.match(r"[ \t]*\r?\n[ \t]*\r?\n", text[line.end:]) and _in_title_case(f, line):
            return line
    return None


def _in_title_case(f: Findings, line, fewest: int = 3) -> bool:
    """True for a line of ``fewest`` words or more, most capitalised, that is no sentence, label or list item."""
    small = {w.lower() for w in f.ctx.lexicon.words("title_case_small_words")}
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line.text) if w.lower() not in small]
    if len(words) < fewest or line.is_item or line.text.rstrip()[-1:] in ".:;,":  # a sentence, a label, a list
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _as_the_body_names(f: Findings, m: Mention, line, evidence: str, shortest: int | None,
                       cut_known: bool = False) -> Mention | None:
    """The mention as far as ``evidence`` (body text, spaces normalised) names it too, or as far as a body's kind
    and a place ("Polresta Kendari [Senin Sore]"), cut to no fewer than ``shortest`` words (None: never cut); None
    when the body does not confirm it. A body the lexicon knows is kept, cut only with ``cut_known``."""
    if not line.start <= m.start < line.end or (m.entry is not None and not cut_known):
        return m
    words = list(re.finditer(r"\S+", f.ctx.text[m.start:m.end]))
    for n in range(len(words), (shortest or len(words)) - 1, -1):
        text = " ".join(w.group() for w in words[:n])
        if len(text) >= 3 and (re.search(rf"(?<!\w){re.escape(text)}(?!\w)", evidence) or (
                m.kind == "organisation" and _kind_and_place(f.ctx.lexicon, text))):
            # the names the mention's head words or locality gave it ran on as far as it did
            return m if n == len(words) else replace(m, end=m.start + words[n - 1].end(), name=text, aliases=[])
    return m if m.entry is not None else None


def _kind_and_place(lex: Lexicon, name: str) -> bool:
    """True for a body's name that is only a kind of body and a place the gazetteer knows ("Polrestabes Makassar",
    "Dinas Pendidikan Kota Bogor"): Title Case added no word to it."""
    words = name.split()
    for k in range(1, len(words)):
        kind, place = " ".join(words[:k]), " ".join(words[k:])
        if lex.place(place) is not None and (lex.agency_type(kind) is not None or any(
                h.head == kind for h in lex.org_heads_by_word.get((True, words[0]), ()))):
            return True
    return False


def _title_case_subheadings(f: Findings, headline) -> list:
    """Lines below the headline that head a part of the text: in Title Case, alone between line breaks, after a
    blank line or between two paragraphs (news pages often set paragraphs apart by one line break)."""
    text, lines = f.ctx.text, f.ctx.layout.lines
    return [line for k, line in enumerate(lines) if (headline is None or line.start >= headline.end)
            and re.search(r"\n[ \t]*$", text[:line.start]) and text[line.end:line.end + 1] in ("\n", "\r")
            and (re.search(r"\n[ \t]*\r?\n[ \t]*$", text[:line.start]) or (
                0 < k < len(lines) - 1 and _paragraph(lines[k - 1]) and _paragraph(lines[k + 1])))
            and ":" not in line.text and _in_title_case(f, line, 2)]


def _paragraph(line) -> bool:
    """True for a line of running text: ten words or more, ending a sentence."""
    return len(line.text.split()) >= 10 and line.text.rstrip()[-1:] in '.!?"”'
