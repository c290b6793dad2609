"""Posts and memberships: who holds which post in which organisation, when, and who belongs to whom."""

from __future__ import annotations

import calendar
import re
from datetime import date

from jejaring.ingest.extract.context import Mention
from jejaring.ingest.extract.events import EventCluster
from jejaring.ingest.extract.posts import PostParse, parse_posts, title_gap
from jejaring.ingest.extract.text import pattern
from jejaring.ingest.findings import Findings
from jejaring.ingest.lexicon import alternation
from jejaring.ingest.records import Membership, Person
from jejaring.ingest.registry import component


@component("memberships", requires=["persons", "posts", "organisations", "clusters", "entities"],
           assigns=["memberships"],
           rules=["post-title", "post-before-name", "post-earlier", "membership-affiliation", "membership-group",
                  "org-implied", "org-of-title", "org-possessive", "post-former", "membership-heading", "post-verb",
                  "post-signature"])
def memberships(f: Findings) -> None:
    """Posts of persons from the titles after their names or right before them, each with the body the title
    names (an organisation in it or after "at", the government of the place or country it names, or the owner a
    possessive before it names), or the group they are listed under; a former post ended before the report; a
    role from a verb of holding it ("..., who also coordinated the X Working Group"); a signature block (a title
    on its line, then the name alone on its line)."""
    ctx = f.ctx
    if f.allows("post-verb"):
        _posts_by_verb(f)
    for m in f.persons:
        person = f.table.key_of(m)
        if person is None:
            continue
        group = _group_org(f, m)
        start_end = m.post_text
        posts = parse_posts(ctx, *start_end, f.organisations, allow_lower=True) if start_end else []
        at = _date_for_list(f, m) if m.rule == "person-list" else f.reported_date()
        if f.allows("post-title"):
            for post in posts:
                if post.holder is not None and post.holder[0] != m.start:
                    continue  # "dibacakan Wira, Deputi Gubernur ... Hendra Saputra": the title is Hendra's
                _membership(f, person, post, group, at, "post-title")
        if start_end and f.allows("post-earlier"):
            _earlier_post(f, person, *start_end)
        if not posts and start_end:
            orgs = [o for o in f.organisations if start_end[0] <= o.start < start_end[1]]
            if f.allows("membership-affiliation"):
                for org in orgs:  # "Faculty of ..., Delft University of Technology": a member of each
                    add_membership(f, Membership(person=person, organisation=f.table.key_of(org), at=at, spans=[
                        ctx.span(m.start, start_end[1], "membership", "membership-affiliation")]))
            if orgs:
                continue
        if (not start_end or _also_after(f, m)) and f.allows("post-before-name"):
            before = _post_before(f, m)
            if before is not None:
                _membership(f, person, before, group, at, "post-before-name")
                continue
        if not start_end and f.allows("post-signature") and (signed := _signature_post(f, m)) is not None:
            _membership(f, person, signed, group, at, "post-signature")
            continue
        if not posts and group is not None and f.allows("membership-group"):
            add_membership(f, Membership(person=person, organisation=group, at=at,
                                         spans=[ctx.span(m.start, m.end, "membership", "membership-group")]))


@component("represented", requires=["persons", "organisations", "entities"], assigns=["memberships"],
           rules=["membership-represented", "membership-representing", "membership-listed"])
def represented(f: Findings) -> None:
    """ "X was represented by A and B", "Bappeda diwakili oleh A": A and B belong to X; so do "A, sebagai wakil X",
    "A, representing X" and "tim X, yaitu A, B dan C"."""
    if f.allows("membership-representing"):
        _representing(f)
    if f.allows("membership-listed"):
        _listed_members(f)
    if not f.allows("membership-represented"):
        return
    text, lex = f.ctx.text, f.ctx.lexicon
    represented_by = pattern(rf"\b{lex.alternation('represented_by')}\b")
    coordinated = pattern(rf"\s*(?:,\s*)?{lex.alternation('and_words')}")
    for m in f.persons:
        person = f.table.key_of(m)
        if person is None or m.rule == "person-back-reference":
            continue
        sentence = f.ctx.layout.sentence_at(m.start)
        before = [o for o in f.organisations if sentence.start <= o.start and o.end <= m.start]
        for o in reversed(before):
            if represented_by.search(text[o.end:m.start]) and not any(
                    o.end <= p.start < m.start and p.rule != "person-coordinated" and p is not m
                    and not coordinated.match(text[p.end:m.start]) for p in f.persons):
                org = f.table.key_of(o)
                if not any(ms.person == person and ms.organisation == org for ms in f.extraction.memberships):
                    add_membership(f, Membership(person=person, organisation=org, spans=[
                        f.ctx.span(o.start, m.end, "membership", "membership-represented", 0.7)]))
                break


@component("person-sectors", requires=["memberships"], rules=["person-sector-of-post"])
def person_sectors(f: Findings) -> None:
    """A person whose posts in the document name no body takes the sector their current post implies: a public
    office's holder is of government ("Presiden ..."), a researcher's or analyst's academic ("Pengamat ...")."""
    if not f.allows("person-sector-of-post"):
        return
    held: dict[str, list[Membership]] = {}
    for m in f.extraction.memberships:
        held.setdefault(m.person, []).append(m)
    for key, posts in held.items():
        person = f.extraction.entities.get(key)
        if not isinstance(person, Person) or any(m.organisation for m in posts):
            continue
        current = [m.role for m in posts if m.role and m.end is None and m.before is None
                   and not any(_former(f, s.start, s.end) for s in m.spans)]
        sectors = {f.ctx.lexicon.role_sector(role) for role in current}
        if len(sectors) == 1:
            person.sector = sectors.pop()


def _representing(f: Findings) -> None:
    """ "A sebagai wakil LIPI", "A, representing the Foundation": A belongs to the organisation named next."""
    text = f.ctx.text
    words = pattern(rf"\s*,?\s*(?:{f.ctx.lexicon.alternation('representing')})\s+"
                    rf"(?:{f.ctx.lexicon.alternation('definite_articles')}\s+)?", re.IGNORECASE)
    starts = {o.start: o for o in f.organisations}
    for m in f.persons:
        person, said = f.table.key_of(m), words.match(text, m.end)
        org = starts.get(said.end()) if said else None
        if person is None or org is None or f.table.key_of(org) is None:
            continue
        add_membership(f, Membership(person=person, organisation=f.table.key_of(org), at=f.reported_date(), spans=[
            f.ctx.span(m.start, org.end, "membership", "membership-representing", 0.7)]))


def _posts_by_verb(f: Findings) -> None:
    """ "Rina, who also coordinated the X Working Group", "Rina, yang memimpin Dinas X": the role the verb names,
    in the body named right after it."""
    lex, text = f.ctx.lexicon, f.ctx.text
    clause = pattern(rf"\s*,?\s*{lex.alternation('relative_pronouns')}\s+(?:{lex.alternation('also_words')}\s+)?"
                     rf"(\w+)\s+(?:{lex.alternation('definite_articles')}\s+)?", re.IGNORECASE)
    for m in f.persons:
        said = clause.match(text, m.end)
        # the body's name as read may leave out capitalised words it begins with
        org = next((o for o in f.organisations if said and said.end() <= o.start and
                    re.fullmatch(r"(?:[A-Z][\w\-]*\s+)*", text[said.end():o.start])), None)
        post = lex.role_verb(said.group(1)) if org is not None else None
        person = f.table.key_of(m)
        if post is None or person is None or f.table.key_of(org) is None:
            continue
        label = post.label_id if f.ctx.doc.language == "id" else post.label_en
        add_membership(f, Membership(person=person, organisation=f.table.key_of(org), role=post.role, role_label=label,
                                     role_lang=f.ctx.doc.language, role_names=((post.label_id, "id"), (post.label_en, "en")),
                                     role_forms=lex.role_forms(post.role), at=f.reported_date(),
                                     spans=[f.ctx.span(m.start, org.end, "membership", "post-verb")]))


def _listed_members(f: Findings) -> None:
    """ "tim Sekretariat X, yaitu A, B, dan C": the persons listed right after a body's name belong to it."""
    lex, text = f.ctx.lexicon, f.ctx.text
    titles = rf"(?:(?:{alternation(lex.honorific_forms())})\s+)*"
    intro = pattern(rf"\s*,?\s*(?:{lex.alternation('members_intro')})\s*:?\s+{titles}", re.IGNORECASE)
    between = pattern(rf"\s*(?:,\s*(?:{lex.alternation('and_words')}\s+)?|\s+{lex.alternation('and_words')}\s+)"
                      rf"{titles}")
    persons = {m.start: m for m in f.persons}
    for o in f.organisations:
        key, listed = f.table.key_of(o), intro.match(text, o.end)
        m = persons.get(listed.end()) if listed else None
        while key is not None and m is not None:
            person = f.table.key_of(m)
            if person is not None:
                add_membership(f, Membership(person=person, organisation=key, at=f.reported_date(), spans=[
                    f.ctx.span(o.start, m.end, "membership", "membership-listed", 0.7)]))
            gap = between.match(text, m.end)
            m = persons.get(gap.end()) if gap else None


def _signature_post(f: Findings, m: Mention) -> PostParse | None:
    """A signature block: a title on its own line, blank lines, then the name alone on its line ("Kepala Dinas
    ...\n\nDr. Rina Marlina, M.T.")."""
    layout, text = f.ctx.layout, f.ctx.text
    name_line = layout.line_at(m.start)
    # the name alone on its line: honorifics before it, degrees after it, no sentence
    if name_line is None or re.search(r"(?<![\w.])[a-z]", text[m.end:name_line.end]) or any(
            w not in f.ctx.lexicon.honorific_forms() for w in text[name_line.start:m.start].split()):
        return None
    for p in f.posts:
        title_line = layout.line_at(p.start)
        if p.posts[-1].holder is None and title_line is not None and p.start == title_line.start and \
                not _ASIDE_END.sub("", text[p.end:title_line.end]).strip() and \
                not text[title_line.end:name_line.start].strip() and 2 <= text.count("\n", p.end, name_line.start) <= 3:
            return p.posts[-1]
    return None


#: What may stand after a title on its line: a short form in brackets ("... (CRO)").
_ASIDE_END = re.compile(r"\s*\([^()]{1,20}\)\s*$")


def _also_after(f: Findings, m: Mention) -> bool:
    """ "..., Rina Marlina, yang juga Gubernur ...": the post after the name is a second one, so a title before
    the name may be hers too."""
    also = pattern(rf"\b{f.ctx.lexicon.alternation('also_words')}\b", re.IGNORECASE)
    return bool(m.post_text and also.search(f.ctx.text[m.end:m.post_text[0]]))


def _post_before(f: Findings, m: Mention) -> PostParse | None:
    """The post whose title ends right before a name, honorifics and a comma aside ("Menteri Keuangan Rina Marlina",
    "the Mayor of Bogor, Mrs. Rina Marlina"), unless the title already has another holder."""
    for p in f.posts:
        gap = f.ctx.text[p.end:m.start]
        holder = p.posts[-1].holder
        if p.end <= m.start and holder is None and title_gap(gap, m.honorifics, f.ctx.lexicon.words("then_words")):
            return p.posts[-1]
        if holder is not None and holder[0] < m.start and m.end <= holder[1]:
            return p.posts[-1]  # "Wakil Bupati Bangli I Wayan Diar": the name read inside the holder's
    return None


def _membership(f: Findings, person: str, post: PostParse, group: str | None, at, rule: str) -> None:
    org = f.table.key_of(post.organisation) if post.organisation is not None else None
    if org is None and post.locality and f.allows("org-implied"):
        # "Kadis Sosial Kota Palu": the dinas the short title names, in the locality; else its government
        body = f.ctx.lexicon.body_of_post(post.label) if f.allows("org-of-title") else None
        org = f.table.implied_organisation(f"{body[0]} {post.locality}", post.start, post.end, body[1]) \
            if body is not None and not body[1].endswith("-government") else _government_of(f, post.locality, post)
    if org is None and not post.locality and f.allows("org-of-title"):
        body = f.ctx.lexicon.body_of_post(post.label)
        if body is not None:
            name, kind = body
            org = f.table.implied_organisation(name, post.start, post.end, kind)
    if org is None and not post.locality and f.allows("org-possessive"):
        org = _possessor(f, post)
    if org is None and group is not None and f.ctx.lexicon.role_takes_org(post.role):
        org = group
    span = f.ctx.span(post.start, post.end, "membership", rule)
    start, end = _interval_words(f, post.start)
    before = at if at is not None and f.allows("post-former") and _former(f, post.start, post.end) else None
    add_membership(f, Membership(person=person, organisation=org, role=post.role, role_label=post.label,
                                 role_lang=post.lang, role_names=post.names,
                                 role_forms=f.ctx.lexicon.role_forms(post.role) if post.names else (), start=start, end=end,
                                 at=None if start or end or before else at, before=before, spans=[span]))


def _former(f: Findings, start: int, end: int) -> bool:
    """ "mantan Kepala Dinas ...", "former Mayor of ...", "Presiden ... saat itu": the title is one its holder no
    longer holds."""
    lex, text = f.ctx.lexicon, f.ctx.text
    words = pattern(rf"\b{lex.alternation('former_words')}[\s-]+$", re.IGNORECASE)
    then = pattern(rf"\s+{lex.alternation('then_words')}\b", re.IGNORECASE)
    return bool(words.search(text[max(0, start - 20):start]) or then.match(text, end))


def add_membership(f: Findings, new: Membership) -> None:
    """Add a membership, or fold it into one of the same person, role and organisation."""
    for old in f.extraction.memberships:
        if old.person != new.person:
            continue
        same_role = old.role == new.role or new.role is None or old.role is None
        same_org = old.organisation == new.organisation or new.organisation is None or old.organisation is None
        if same_role and same_org and (old.role or new.role):
            old.role = old.role or new.role
            old.role_label = old.role_label or new.role_label
            old.role_lang = old.role_lang or new.role_lang
            old.role_names = old.role_names or new.role_names
            old.role_forms = old.role_forms or new.role_forms
            old.organisation = old.organisation or new.organisation
            old.at = old.at or new.at
            old.spans += [s for s in new.spans if s not in old.spans]
            return
        if old.role is None and new.role is None and old.organisation == new.organisation:
            return
    f.extraction.memberships.append(new)


def _earlier_post(f: Findings, person: str, start: int, end: int) -> None:
    """ "saat ... masih menjabat sebagai X": an earlier post, at the date of the event the clause names."""
    lex = f.ctx.lexicon
    clause = pattern(rf"{lex.alternation('earlier_post_when')}\b(.{{0,120}}?){lex.alternation('earlier_post_verb')}\s+"
                     rf"(?:{lex.alternation('as_words')}\s+)?").search(f.ctx.text[start:end])
    if clause is None:
        return
    event = _event_named_in(f, start + clause.start(1), start + clause.end(1))
    at = event.start if event is not None else None
    for post in parse_posts(f.ctx, start + clause.end(), end, f.organisations):
        _membership(f, person, post, None, at, "post-earlier")


def _event_named_in(f: Findings, start: int, end: int) -> EventCluster | None:
    """The event a clause refers to: one mentioned in it, or a visit to a place it names."""
    found = f.event_near(start, end)
    if found is not None:
        return found
    for p in f.places:
        if start <= p.start < end:
            for c in f.clusters:
                if c.place is not None and c.place.name == p.name:
                    return c
    return None


def _possessor(f: Findings, post: PostParse) -> str | None:
    """ "Semarang's Chief Resilience Officer", "UCLG's president": the place (its government) or organisation
    whose possessive stands right before the title."""
    before = re.search(r"([A-Z][\w\-]*(?: [A-Z][\w\-]*){0,3})['’]s\s+$", f.ctx.text[max(0, post.start - 60):post.start])
    if before is None:
        return None
    end = post.start - len(before.group()) + len(before.group(1))
    org = next((o for o in f.organisations if o.end == end), None)
    if org is not None:
        return f.table.key_of(org)
    # the title with its possessor after it, as titles name their body: "Chief Resilience Officer Semarang"
    body = f.ctx.lexicon.body_of_post(f"{post.label} {before.group(1)}")
    return f.table.implied_organisation(body[0], post.start, post.end, body[1]) if body is not None else None


def _government_of(f: Findings, locality: str, post: PostParse) -> str | None:
    name = f.ctx.lexicon.government_of_locality(locality)
    return f.table.implied_organisation(name, post.start, post.end) if name is not None else None


def _group_org(f: Findings, m: Mention) -> str | None:
    """The organisation a listed person is grouped under: "Org ([i] A ...)" or a heading line "Org:"."""
    ctx = f.ctx
    line = ctx.layout.line_at(m.start)
    if line is None:
        return None
    opening = ctx.text.rfind("(", line.start, m.start)
    if opening > 0:
        head = [o for o in f.organisations if line.start <= o.start and o.end <= opening and
                ctx.text[o.end:opening].strip() == ""]
        if head:
            return f.table.key_of(head[-1])
    lines = ctx.layout.lines
    i = lines.index(line)
    for prev in reversed(lines[max(0, i - 12):i]):
        if prev.is_item:
            continue
        if prev.text.rstrip().endswith(":"):
            orgs = [o for o in f.organisations if prev.start <= o.start < prev.end]
            return f.table.key_of(orgs[0]) if orgs else None
        if f.allows("membership-heading") and prev.text.isupper():
            return _body_of_heading(f, prev.text)
        break
    return None


def _body_of_heading(f: Findings, heading: str) -> str | None:
    """ "DAFTAR PERSONEL SEKRETARIAT": a heading in capitals that names a kind of body by its head word stands for
    the one body of that kind the document names."""
    heads = {h.head.casefold() for h in f.ctx.lexicon.org_heads if h.position == "prefix"}
    named = set(heading.casefold().split()) & heads
    keys = {f.table.key_of(o) for o in f.organisations if o.name.split()[0].casefold() in named}
    keys.discard(None)
    return keys.pop() if len(keys) == 1 else None


def _interval_words(f: Findings, offset: int):
    """ "Sejak Februari 2019, Siti menjabat ...", "hingga akhir 2018 ia adalah ...": the dates that open or
    close a post, said in its sentence."""
    lex = f.ctx.lexicon
    opens = pattern(rf"\b{lex.alternation('interval_start')}\s+(?:\w+\s+)?$")
    closes = pattern(rf"\b{lex.alternation('interval_end')}\s+(?:{lex.alternation('period_end_words')}\s+)?$")
    sentence = f.ctx.layout.sentence_at(offset)
    start = end = None
    for d in f.ctx.dates:
        if sentence.start <= d.start < sentence.end:
            before = f.ctx.text[max(sentence.start, d.start - 25):d.start].lower()
            if opens.search(before):
                start = d.begin
            elif closes.search(before):
                end = d.end_date or _period_end(d)
    return start, end


def _date_for_list(f: Findings, m: Mention):
    event = f.list_event(m)
    return event.start if event is not None and event.precision == "day" else None


def _period_end(d) -> date:
    """The last day a month or year mention covers."""
    if d.precision == "year":
        return date(d.begin.year, 12, 31)
    if d.precision == "month":
        return date(d.begin.year, d.begin.month, calendar.monthrange(d.begin.year, d.begin.month)[1])
    return d.begin
