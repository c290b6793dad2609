"""Posts: the grammar of Indonesian and English government titles.

"Asisten Gubernur Provinsi Jawa Barat bidang Perekonomian selaku Ketua Tim Percepatan Investasi" reads as
two posts: a role ("Asisten Gubernur") with its field ("bidang Perekonomian") in the body the locality names
(the provincial government), and, after "selaku", a second role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.lexicon import BUSINESS_KINDS, Lexicon

__all__ = ["PostParse", "find_post_mentions", "name_after_comma", "parse_posts", "role_at", "said_after", "title_gap",
           "word_of_body"]


@dataclass(frozen=True)
class _Rules:
    """The patterns of the rules, built from the lexicon's word lists."""

    also: re.Pattern[str]  # what introduces a second post held at the same time ("selaku", "who also acts as")
    role_tail: re.Pattern[str]  # a title ending in a role word ("Youth Engagement Officer")
    role_tail_lower: re.Pattern[str]  # the same in lower case ("a staff member of ...")
    locality: re.Pattern[str]  # the locality inside a title ("di Kota X", "Provinsi DKI Jakarta")
    locality_preposition: re.Pattern[str]  # "di " before it
    preposition: re.Pattern[str]  # " di " inside a title's extent
    label_tail: re.Pattern[str]  # words at the end of a label that belong to what follows
    joiners: frozenset[str]  # lowercase words inside a title
    ordinal: re.Pattern[str]  # an ordinal number inside a title ("ke-7")
    body_links: frozenset[str]  # words linking a title to the organisation after it ("at")
    article: re.Pattern[str]  # a definite article and the space after it
    said_after: re.Pattern[str]  # a verb of saying after a name ("... Rina mengatakan")
    name_opener: re.Pattern[str]  # the opener of a Balinese name ("I Wayan", "Ni Luh")
    breaks: frozenset[str]  # words that end a title: a second post follows
    and_word: re.Pattern[str]  # "and" between two words
    body_after_comma: re.Pattern[str]  # a body after a comma ("..., Dinas ...")
    trailing: re.Pattern[str]  # words at the end of a title that belong to what follows


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def words(name: str, space: str = r"\s+") -> str:
        return lexicon.alternation(name, space=space)

    second = words("second_post_words", " ")
    acts_as = (rf"{words('relative_pronouns')}\s+(?:{words('also_words')}\s+)?{words('acts_as_verbs')}\s+"
               rf"{words('as_words')}(?:\s+(?:{words('definite_articles')}\s+)?{words('post_possessives')})?")
    prepositions = words("locality_prepositions")
    heads = words("post_locality_heads", " ")
    provinces = words("bare_provinces", " ")
    return _Rules(
        also=re.compile(rf"\s*(?:,\s*)?\b(?:{second}|{acts_as})\s+", re.I),
        # English role words end a title ("Research Manager", "Youth Engagement Officer")
        role_tail=re.compile(rf"(?:(?!(?i:{words('definite_articles')})\s)[A-Z][\w\-]*\s+){{0,3}}"
                             rf"{words('role_tails', ' ')}\b"),
        role_tail_lower=re.compile(rf"(?:[a-z][\w\-]*\s+){{0,2}}{words('role_tails_lower', ' ')}\b"),
        locality=re.compile(rf"(?:\s{prepositions})?\s(?:{heads}\s+[A-Z][\w ]*?(?=\s+{words('field_words')}\b|\s*$)"
                            rf"|{provinces}(?=\s|$))"),
        locality_preposition=re.compile(rf"^{prepositions}\s+"),
        preposition=re.compile(rf"\s{prepositions}\s"),
        label_tail=re.compile(rf"(?:\s+{words('post_label_trailing_words')})+\s*$"),
        joiners=frozenset(w.lower() for w in lexicon.words("title_joiners")),
        ordinal=re.compile(rf"{words('ordinal_prefixes')}\d+", re.I),
        body_links=frozenset(lexicon.words("post_body_links")),
        article=re.compile(rf"\s+(?:{words('definite_articles')}\s+)?", re.I),
        said_after=re.compile(rf"\s*,?\s+(?:{words('also_words')}\s+)?{words('verbs_after_name')}\b"),
        name_opener=re.compile(rf"(?<![\w]){words('name_openers')}\b"),
        breaks=frozenset(w.lower() for w in lexicon.words("post_breaks") | lexicon.words("weekdays")),
        and_word=re.compile(rf"\s+{words('and_words')}\s+"),
        body_after_comma=re.compile(rf"{words('post_body_heads', ' ')}\b"),
        trailing=re.compile(rf"(?:\s+{words('title_trailing_words')})+$"),
    )


@dataclass(frozen=True)
class PostParse:
    """One post read from a title: role, its label as written, and the organisation mention inside it."""

    start: int
    end: int
    role: str
    label: str
    lang: str
    organisation: Mention | None
    locality: str | None
    names: tuple[tuple[str, str], ...] = ()
    holder: tuple[int, int] | None = None


def role_at(ctx: Context, start: int, end: int, allow_lower: bool = False) -> tuple[int, object] | None:
    """The longest post pattern of the lexicon starting at ``start``, with its end.

    A capitalised pattern matches lowercase text only with ``allow_lower`` ("Sri Indah, a staff
    member of ..."): in running text a lowercase "kepala" is rarely a title.
    """
    text = ctx.text
    window = text[start:min(end, start + 80)]
    low = window.lower()
    for entry in ctx.lexicon.post_patterns_starting(low[:low.find(" ")] if " " in low else low):
        n = len(entry.pattern)
        if low[:n] == entry.pattern.lower() and (n == len(window) or not window[n].isalnum()):
            if entry.pattern[0].isupper() and not window[0].isupper() and not allow_lower:
                continue
            return start + n, entry
    rules = _rules(ctx.lexicon)
    m = rules.role_tail.match(window) or (rules.role_tail_lower.match(window) if allow_lower else None)
    if m and (window[0].isupper() or allow_lower):
        return start + m.end(), None
    return None


def parse_posts(ctx: Context, start: int, end: int, orgs: list[Mention], allow_lower: bool = False,
                paired: bool = False) -> list[PostParse]:
    """Read the posts in ``text[start:end]`` (a title after a name, or inside brackets).

    ``orgs`` are the organisation mentions of the document; the one inside a post's extent is its body.
    ``allow_lower`` lets the first title be written in lower case, as after a name ("Rina, kepala dinas ...");
    ``paired``, that the title follows another title's holder and "and" ("Presiden Rina dan Wapres Budi").
    """
    text = ctx.text
    rules = _rules(ctx.lexicon)
    out: list[PostParse] = []
    pos = start
    while pos < end:
        while pos < end and text[pos] in " ,;:(":
            pos += 1
        found = role_at(ctx, pos, end, allow_lower=allow_lower and not out)
        if found is None:
            break
        role_end, entry = found
        extent = _post_end(rules, text, role_end, end, orgs)
        stop = _before_next_holder(ctx, role_end, extent)
        # "Presiden Rina dan Wapres Budi": two titles joined by "and" make one word after each a name
        paired = paired or stop < extent
        own = entry is not None and entry.lang == ctx.doc.language
        holder = _trailing_name(ctx, max([role_end, *(o.end for o in orgs if role_end <= o.end < stop)]), stop,
                                role_end, lone=paired, own=own) or (
            _holder_before_place(ctx, role_end, stop, orgs, paired) if own else None)
        if holder is not None and " " not in text[holder[0]:holder[1]] and any(
                o.start < holder[0] < o.end and word_of_body(ctx, text[o.start:holder[0]]) for o in orgs):
            holder = None  # "at Yayasan Sungai Lestari, presented": the one word is the body's
        if holder is not None and name_after_comma(ctx, stop):
            holder = None  # "Ketua KSM Mekar Sari, Hasnah Laode": the holder is named after the comma
        if holder is not None and any(o.start < holder[0] < o.end and _linked_body(ctx, o.start) for o in orgs):
            holder = None  # "Programme Officer at Yayasan Pesisir Lestari": the words are the body's
        if holder is not None:
            stop = _before_honorifics(ctx, pos, holder[0])
        org = next((o for o in orgs if pos <= o.start < stop), None)
        label_end = org.start if org is not None else stop
        locality = None
        loc = rules.locality.search(text[role_end:label_end])
        label = text[pos:label_end]
        if loc:
            locality = rules.locality_preposition.sub("", loc.group().strip())
            label = text[pos:role_end + loc.start()] + text[role_end + loc.end():label_end]
        label = rules.label_tail.sub("", re.sub(r"\s+", " ", _ASIDE.sub(" ", label)).strip(" ,;("))
        role = entry.role if entry is not None else _slug(label)
        lang = entry.lang if entry is not None else "en"
        names = ((entry.label_id, "id"), (entry.label_en, "en")) if entry is not None else ()
        out.append(PostParse(pos, stop, role, label, lang, org, locality, names, holder))
        also = rules.also.match(text, stop)
        if also is None or role_at(ctx, also.end(), end) is None:
            break
        pos = also.end()
    return out


#: A short form in brackets inside or after a title: one or two words ("(Mendagri)", "(Kasi Intel)").
_ASIDE = re.compile(r"\(\s*[^\W_][\w.&/\-]{0,15}(?: [A-Z][\w.&/\-]{0,15})?\s*\)")
_ACRONYM = re.compile(r"[A-Z][A-Z\d&\-]+")


def _post_end(rules: _Rules, text: str, pos: int, end: int, orgs: list[Mention] = ()) -> int:
    """A post's extent: capitalised words and title joiners (the lexicon's ``title_joiners``) after the role;
    a comma continues it only into an organisation or locality ("Kepala Seksi X, Dinas Lingkungan Hidup"), or
    inside an organisation's name ("Kepala Balai Karantina Hewan, Ikan, dan Tumbuhan ..."), never into a name."""
    org_starts = {o.start for o in orgs}
    stop = pos
    for m in re.finditer(rf"{_ASIDE.pattern}|[^\W_][\w'’/\-.]*|[,;()\[\]]", text[pos:end]):
        token = m.group()
        at = pos + m.start()
        gap = text[stop:at]
        if len(token) > 1 and token[0] == "(":
            after = re.match(r"\s+(\w+)", text[at + len(token):end])
            gloss = token[1:2].islower() and after and after.group(1).lower() in rules.joiners
            if (after and after.group(1)[0].isupper()) or gloss:
                continue  # "Menteri Dalam Negeri (Mendagri) ...", "the lurah (head) of ...": the title goes on
            break
        if token in ";()[]" or "\n" in gap:
            break
        if token == ",":
            after = text[pos + m.end():end].lstrip()
            if end - len(after) in org_starts or any(o.start < at < o.end for o in orgs):
                continue
            if not rules.body_after_comma.match(after):
                break
            continue
        if token.lower() in rules.body_links and rules.article.match(text, at + len(token)).end() in org_starts:
            continue  # "a researcher at the University ...": the title's body follows
        if token[0].isupper() or token[0].isdigit() or token.lower() in rules.joiners or rules.ordinal.fullmatch(token):
            if token.lower() in rules.breaks:
                break
            stop = at + len(token.rstrip("."))
            continue
        break
    while stop > pos and text[stop - 1] in " ,.":
        stop -= 1
    # trailing joiners belong to what follows, not to the title
    trimmed = rules.trailing.sub("", text[pos:stop])
    return pos + len(trimmed)


def _linked_body(ctx: Context, start: int) -> bool:
    """True when a word linking a title to its body ("at", "of the") stands right before ``start``."""
    words = ctx.text[max(0, start - 12):start].lower().split()
    if words and words[-1] in ctx.lexicon.words("definite_articles"):
        words = words[:-1]
    return bool(words) and words[-1] in _rules(ctx.lexicon).body_links


def name_after_comma(ctx: Context, end: int) -> bool:
    """True when a name stands between commas after ``end``, or between a comma and a verb of saying: two or more
    capitalised words that open no title and are no words of institutions ("..., Hasnah Laode, menjelaskan"), or
    one such word before a verb of saying ("..., Hasnah, menjelaskan")."""
    m = re.match(r"[ \t]*,[ \t]*([A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)*)", ctx.text[end:end + 80])
    if m is None or role_at(ctx, end + m.start(1), end + m.end(1)) is not None:
        return False
    words, lex = m.group(1).split(), ctx.lexicon
    said = said_after(ctx, end + m.end(1))
    if len(words) == 1 and not (said and len(words[0]) >= 4 and not words[0].isupper() and
                                not lex.is_common_word(words[0], ctx.doc.language)):
        return False
    closed = ctx.text.startswith(",", end + m.end(1)) or said
    return closed and not any(lex.is_institutional_word(w) or lex.place(w) is not None for w in words)


def _before_next_holder(ctx: Context, role_end: int, stop: int) -> int:
    """ "Presiden Rina Marlina dan Wakil Presiden Budi ...": a title whose holder's name comes before "and" and a
    second title ends at that "and"; the second title makes one word a name ("Presiden Rina dan Wapres Budi")."""
    for m in _rules(ctx.lexicon).and_word.finditer(ctx.text, role_end, stop):
        if role_at(ctx, m.end(), stop) is not None and \
                _trailing_name(ctx, role_end, m.start(), role_end, lone=True) is not None:
            return m.start()
    return stop


def _before_honorifics(ctx: Context, start: int, end: int) -> int:
    """Where a title ends before its holder's name at ``end``: ranks and honorifics ("AKBP", "Dr.") and commas
    between them belong to neither."""
    forms = ctx.lexicon.honorific_forms()
    while True:
        while end > start and ctx.text[end - 1] in " ,":
            end -= 1
        form = next((f for f in forms if ctx.text.endswith(f, start, end) and (
            end - len(f) == start or ctx.text[end - len(f) - 1] in " ,")), None)
        if form is None or end - len(form) == start:
            return end
        end -= len(form)


def word_of_body(ctx: Context, before: str) -> bool:
    """True when the word after ``before`` (the start of a body's name) goes on with that name: unless the
    lexicon knows ``before`` as a body (by name or acronym), or it ends in a place, an acronym, a number or a rank, as names of
    government bodies do ("Kejati Jatim", "SMPN 33", "Polda Bali Kombes")."""
    lex = ctx.lexicon
    words = before.split()
    last = words[-1] if words else ""
    return not (lex.organisation_by_name(before.strip()) or lex.organisation_by_acronym(before.strip())
                or any(lex.place(" ".join(words[-n:])) is not None for n in range(1, min(3, len(words)) + 1))
                or _ACRONYM.fullmatch(last)
                or last.isdigit() or last in lex.honorific_forms())


def title_gap(gap: str, honorifics: list[str], then_words: frozenset[str] = frozenset()) -> bool:
    """True when ``gap`` may stand between a title and its holder's name: nothing on another line but commas,
    honorifics, a short form in brackets ("Menteri Keuangan (Menkeu), Bapak ...") and words saying the title was
    held then ("Presiden saat itu, ...")."""
    if "\n" in gap:
        return False
    rest = f" {_ASIDE.sub(' ', gap).replace(',', ' ')} "
    for form in sorted(then_words, key=len, reverse=True):
        rest = re.sub(rf"(?i) {re.escape(form)} ", " ", rest)
    for form in sorted(honorifics, key=len, reverse=True):
        rest = rest.replace(f" {form} ", " ")
    return not rest.strip()


def _trailing_name(ctx: Context, start: int, stop: int, role_end: int, lone: bool = False,
                   own: bool = False) -> tuple[int, int] | None:
    """ "Deputi Gubernur bidang Tata Ruang dan Lingkungan Hidup Hendra Saputra": the capitalised words at
    the end of a title that the lexicon does not know as words of institutions name its holder; one such word
    does when the title names its body before it and a verb of saying follows ("Menteri Sosial Rosmini
    mengatakan"), right after the role when ``lone`` says the title is one of two joined by "and", or right
    after a title of the document's language (``own``) before a word in lower case ("Menko Rahmat menegaskan")."""
    words = list(re.finditer(r"[A-Z][\w'’\-]*", ctx.text[start:stop]))
    name: list[re.Match] = []
    for w in reversed(words):
        if ctx.lexicon.is_institutional_word(w.group()) or ctx.lexicon.place(w.group()) is not None or \
                _ACRONYM.fullmatch(w.group()) or w.group() in ctx.lexicon.honorific_forms():
            break  # a rank before the name ends the title too ("Kapolsek Kuta Kompol Agus ...")
        if name and ctx.text[start + w.end():start + name[-1].start()].strip(" \t'‘\"“"):
            break  # a nickname in quotes may stand between the words ("Darmawan 'Bedu' Sulaiman")
        name.append(w)
    if not name or start + name[0].end() != stop or ctx.lexicon.place(ctx.text[start + name[-1].start():stop]):
        return None  # "Bupati Kuantan Singingi": a place of two words the lexicon knows is no holder
    # "Kejari Kuantan Singingi Rina": the place of several words that opens the run ends the title
    place = next((i for i in range(len(name) - 1, 0, -1)
                  if ctx.lexicon.place(ctx.text[start + name[-1].start():start + name[i].end()])), None)
    name = name[:place] if place is not None else name
    before = ctx.text[role_end:start + name[0].start()]
    if len(name) == 1 and not (lone and not before.strip()) and not _lone_name(ctx, name[0].group(), before, stop, own):
        return None
    first = start + name[-1].start()
    # "Ketua DPRD Bangli I Ketut ...": a Balinese name's opener is a word of institutions too (Komisi I)
    opener = _rules(ctx.lexicon).name_opener.search(ctx.text, max(role_end, first - 3))
    return (opener.start() if opener is not None and opener.start() < first < opener.end() else first), stop


def _holder_before_place(ctx: Context, role_end: int, stop: int, orgs: list[Mention],
                         lone: bool) -> tuple[int, int] | None:
    """ "Ketua Majelis Hakim Rina Marlina di Ruang Cakra": the holder's name ending a title of the document's
    language before the place where the holder is, which the title's capitalised words ran on into."""
    for m in reversed(list(_rules(ctx.lexicon).preposition.finditer(ctx.text, role_end, stop))):
        start = max([role_end, *(o.end for o in orgs if role_end <= o.end < m.start())])
        holder = _trailing_name(ctx, start, m.start(), role_end, lone=lone, own=True)
        if holder is not None:
            return holder
    return None


def _lone_name(ctx: Context, word: str, before: str, stop: int, own: bool = False) -> bool:
    """One word ends a title as its holder's name when the title names its body or place before it, and a verb of
    saying follows or that body or place is one the lexicon knows ("Ketua KPU RI Hasanuddin dalam ...", "Bupati
    Pulau Taliabu Rosmini hadir"); right after a title of the document's language (``own``), when it is no common
    word, not even with "-nya" ("Menteri Keuangannya"), and a word in lower case follows."""
    from jejaring.ingest.model import is_common

    if len(word) < 4 or ctx.lexicon.is_common_word(word):
        return False
    if not before.strip():
        return own and not is_common(word) and bool(re.match(r"\s+[a-z]", ctx.text[stop:stop + 3]))
    words = before.split()
    lex = ctx.lexicon
    if any(h.kind in BUSINESS_KINDS for h in lex.org_heads_by_word.get((True, words[0]), ())):
        return said_after(ctx, stop)  # "Direktur PT Kendari Lestari sejak 2006": a firm's name goes on after a place
    known = any(lex.organisation_by_name(" ".join(words[-n:])) or lex.organisation_by_acronym(" ".join(words[-n:]))
                or lex.place(" ".join(words[-n:])) is not None for n in range(1, min(4, len(words)) + 1))
    return known or said_after(ctx, stop)


def said_after(ctx: Context, end: int) -> bool:
    """True when a verb of saying follows ``end`` ("... Rina mengatakan")."""
    return bool(_rules(ctx.lexicon).said_after.match(ctx.text, end))


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def find_post_mentions(ctx: Context, orgs: list[Mention]) -> list[Mention]:
    """Mentions that name a post without its holder ("Lurah Kelurahan Duri Utara menjelaskan ..."), and titles in
    lower case that name their body and stand before a name ("kata juru bicara KPK, Rina Marlina")."""
    out = []
    for s in ctx.layout.sentences:
        for m in re.finditer(r"(?<![\w])(?:[A-Z]|([a-z]+))", s.text):
            start = s.start + m.start()
            lower = m.group(1) is not None
            if any(p.start <= start < p.end for p in out) or (lower and not ctx.lexicon.post_patterns_starting(m.group(1))):
                continue
            holder = out[-1].posts[-1].holder if out else None
            paired = holder is not None and bool(_rules(ctx.lexicon).and_word.fullmatch(ctx.text[holder[1]:start]))
            posts = parse_posts(ctx, start, s.end, orgs, allow_lower=lower, paired=paired)
            if posts and posts[0].start == start and (not lower or _names_body_and_holder(ctx, posts[-1], s.end)):
                p = posts[0]
                out.append(Mention(p.start, posts[-1].end, "post", p.label, "post-mention", 0.7, posts=posts))
    return out


def _names_body_and_holder(ctx: Context, post: PostParse, end: int) -> bool:
    """A title in lower case is one only when it names a body and a name follows it ("jubir KPK, Rina ..."): alone,
    "kepala" or "menteri" in running text is a common noun."""
    if post.organisation is None and post.locality is None and ctx.lexicon.body_of_post(post.label) is None:
        return False
    return post.holder is not None or bool(re.match(r"[\s,]*[A-Z]", ctx.text[post.end:end]))
