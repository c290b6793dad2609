"""Persons: participant lists, honorifics, "Name (Post)", "Post, Name", labels such as "Host:", attributions.

A person mention carries its ``honorifics``, ``degrees``, the ``post_text`` extent that follows
the name in a list item or brackets (read by ``posts``), and ``surface`` (the name as written, when
an OCR slip was mended).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.names import NamePart, fold, mend_ocr, split_titles
from jejaring.ingest.extract.text import matches_at, pattern, term_starts
from jejaring.ingest.lexicon import Lexicon, alternation

__all__ = ["attributed", "find_persons"]

# Possessive, and a mixed-case word split at its first lower-case letter: a run of capitalised words
# not followed by a bracket would otherwise backtrack through every way of splitting each word.
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’\-]++(?![A-Za-z])|[a-z]?[A-Z][A-Zà-ÿ'’\-]*+[a-z][A-Za-zà-ÿ'’\-]*+|l[bcdfghjkmnpqrstvwxz][a-z]++)"
# an initial, with its full stop or (as Indonesian news often writes them) without it, before another word of the name
_INITIAL = r"[A-Z]\.|[A-Z](?=[ \t]+[A-Z][a-zà-ÿ])"
# a nickname in quotes between the words of a name ("Darmawan 'Bedu' Sulaiman"): no part of the name, another label
_NICKNAME = r"['‘\"“][A-Z][a-zà-ÿ]+['’\"”]"
_NICKNAME_INSIDE = re.compile(rf"[ \t]+{_NICKNAME}(?=[ \t]+[A-Z])")
# initials standing for a name ("RM", "R.M"): one to five capitals, full stops between them
_INITIALS = r"[A-Z](?:\.?[A-Z]){0,4}(?![\w'’\-])"
_YEAR = r"(?:1[89]|20)\d\d[a-z]?\b"
_INLINE_MARKER = re.compile(r"\[(?:[ivxlc]+|\d{1,3})\]\s*|\((?:[ivx]+|\d{1,2})\)\s+")


@dataclass(frozen=True)
class _Rules:
    """The patterns of the rules, built from the lexicon's word lists."""

    name: re.Pattern[str]  # a name: capitalised words, initials, particles ("van der")
    name_anywhere: re.Pattern[str]  # a name not inside a word (group 1)
    name_before_bracket: re.Pattern[str]  # a name before "(...)" that is not an acronym (group 1)
    labels: re.Pattern[str]  # "Moderator:", "Disusun oleh :"
    attribution_before: re.Pattern[str]  # "..., ujar [Pak] " before a name
    post_comma: re.Pattern[str]  # ", [Bapak] Name," ...
    post_before: re.Pattern[str]  # ... after a post word ("Kepala Dinas X, Budi,")
    speech_after: re.Pattern[str]  # "juga menjelaskan" after a name
    by_before: re.Pattern[str]  # "oleh " before a name
    degrees_after: re.Pattern[str]  # ", S.T., MURP" after a name
    strong_degree: re.Pattern[str]  # a degree that makes a run a name ("Anna Lee, MURP")
    any_degree: re.Pattern[str]  # a degree that ends a name already known as one
    before_post: re.Pattern[str]  # ", selaku " between a name and its post
    degrees_before_post: re.Pattern[str]  # the same after degrees (the comma optional)
    from_org: re.Pattern[str]  # " dari " between a name and an organisation
    and_name: re.Pattern[str]  # ", dan Name" after a name
    alias_after: re.Pattern[str]  # " alias ", " yang akrab disapa " after a name (group 1: "or")
    segment_end: re.Pattern[str]  # where a list item's person segment ends
    cited_after: re.Pattern[str]  # " dkk. (2021)" after an author's name
    cited_inside: re.Pattern[str]  # " dan Wiratmo, 2021)" after an author's name in brackets
    initials: re.Pattern[str]  # "berinisial RM, AS, dan TK" (group 1: the initials)


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def words(name: str, space: str = r"\s+") -> str:
        return lexicon.alternation(name, space=space)

    particle = words("name_particles")
    # "I Wayan ...", "Ni Luh ..."; an initial ("M Rina ...", "R. Rina ...")
    opener = rf"(?:(?={words('name_openers')}\b)[A-Z][a-z]?[ \t]+|(?:{_INITIAL})[ \t]+)?"
    name = (rf"{opener}{_NAME_WORD}(?:[ \t]+(?:{_INITIAL}|{_NAME_WORD}|(?:{particle}|{_NICKNAME})(?=[ \t]+[A-Z])))"
            r"{0,4}")
    labels = (rf"(?:{words('person_labels', ' ')}|{words('person_labels_before_place', ' ')} [A-Z]\w+)"
              r"\s*:\s*")
    before_name = alternation(v.verb for v in lexicon.speech_verbs if v.before_name)
    honorifics = alternation(lexicon.honorific_forms())
    bare = lexicon.words("bare_degrees")
    strong = bare - lexicon.words("weak_bare_degrees")
    and_words = words("and_words")
    co_authors = words("co_author_words")
    before_post = words("before_post")
    return _Rules(
        name=re.compile(name),
        name_anywhere=re.compile(rf"(?<![\w])({name})"),
        name_before_bracket=re.compile(rf"(?<![\w])({name})(?=\s*\((?!\s*[A-Z]{{2,}}\s*\)))"),
        labels=re.compile(labels),
        attribution_before=re.compile(rf"\b{before_name}\s+(?:{honorifics}\s+)?$"),
        post_comma=re.compile(rf",\s+(?:{honorifics}\s+)*({name})\s*(?:,|[.!?](?=\s|$)|{words('relative_pronouns')}\b)"),
        post_before=re.compile(rf"{words('post_words', ' ')}\b[^,.\n]*$"),
        speech_after=re.compile(rf"\s+(?:{words('also_words')}\s+)?{words('verbs_after_name')}\b"),
        by_before=re.compile(rf"\b{words('by_words')}\s+$", re.IGNORECASE),
        degrees_after=re.compile(rf"(?:,?\s*(?:(?:[A-Z][A-Za-z]{{0,3}}\.){{1,4}}(?:[A-Za-z]+\.?)?|"
                                 rf"{alternation(bare)}))+(?=[\s,;)]|$)"),
        strong_degree=re.compile(rf"[A-Z]\.|{alternation(strong)}"),
        any_degree=re.compile(rf"[A-Z]\.|{alternation(bare)}"),
        # "..., the centre's director": a possessive between the article and the title
        before_post=re.compile(rf"\s*,\s*(?:{before_post}\s+)?(?:[a-z]+['’]s\s+)?|\s+{before_post}\s+(?:[a-z]+['’]s\s+)?"),
        degrees_before_post=re.compile(rf"\s*,?\s*(?:{before_post}\s+)?"),
        from_org=re.compile(rf"\s+{words('from_words')}\s+(?:{words('definite_articles')}\s+)?(?=[A-Z])"),
        and_name=re.compile(rf"(?:\s*\([^()\n]{{1,80}}\))?\s*(?:,\s*(?:(?:{and_words}|&)\s+)?|(?:{and_words}|&)\s+)"
                            rf"({name})"),
        alias_after=re.compile(rf"\s*,?\s+(?:{words('alias_words')}|({words('or_words')}))\s+(?=[A-Z])"),
        segment_end=re.compile(rf";|\)\s*[;,.]?\s*{and_words}?\s*$|\s+{and_words}\s*$"),
        cited_after=re.compile(rf"\s*(?:{co_authors}\s*)?,?\s*\(\s*{_YEAR}\s*[),;:]"),
        cited_inside=re.compile(rf"(?:\s*{co_authors})?(?:\s+(?:{and_words}|&)\s+{name})?\s*,\s*{_YEAR}\s*[;)]"),
        initials=re.compile(rf"(?<![\w])(?i:{words('initials_cues')})[ \t]+({_INITIALS}(?:(?:[ \t]*,[ \t]*"
                            rf"(?:{and_words}[ \t]+)?|[ \t]+{and_words}[ \t]+){_INITIALS})*)"),
    )


def find_persons(ctx: Context, blocked: list[Mention], posts: list[Mention] = (),
                 recognised: list[Mention] | None = None, aliases: bool = True) -> list[Mention]:
    """Person mentions, with honorifics and degrees recorded apart from the name.

    ``blocked`` are mentions of other kinds (organisations, places, posts): a name never overlaps them.
    ``posts`` are post mentions; a name right after a title ("Deputi Gubernur ... Hendra Saputra") holds it.
    ``recognised`` are the persons the trained recogniser found, when it ran: in a language it learned, it
    confirms what a weak rule read as a name ("Menurutnya, ..."); in any, it adds the names no rule reached
    (``person-model``). With ``aliases``, another name of a person after "alias" and the like is theirs
    (``person-alias``).
    """
    from jejaring.ingest.model import LANGUAGES

    found: list[Mention] = []
    holders = [("person-after-post", *p.posts[-1].holder, p.start, p.end) for p in posts
               if p.posts[-1].holder is not None]
    for rule, start, end, post_start, post_end in [*_candidates(ctx), *holders]:
        part = _name_part(ctx, start, end)
        if part is None or _overlaps(part, blocked) or not _plausible(ctx, part, rule):
            continue
        name, nicknames = _without_nicknames(mend_ocr(part.name))
        post_text = (post_start, post_end) if post_start is not None and post_end > post_start else None
        found.append(Mention(part.start, part.end, "person", name, rule, _CONFIDENCE.get(rule, 0.7),
                             aliases=nicknames, honorifics=list(part.honorifics), degrees=list(part.degrees),
                             surface=part.name if name != part.name and not nicknames else None, post_text=post_text))
    if recognised is not None and ctx.doc.language in LANGUAGES:
        found = [m for m in found if _confirmed(m, recognised)]
    found += _coordinated(ctx, found, blocked)
    found += _by_initials(ctx, blocked + found)
    model = _recognised(ctx, recognised, blocked + found) if recognised is not None and \
        ctx.doc.language in LANGUAGES else []
    found, model = _uncited(ctx, found), _uncited(ctx, model)
    # a later part of a name refers back to it, whether a rule or only the recogniser read the name; a lone word
    # the recogniser read there is that back-reference
    if aliases:
        found, model = _aliases(ctx, found + model, blocked)
    names = found + [m for m in model if " " in m.name]
    back = _back_references(ctx, names, names + blocked)
    return _pairs_apart(found + back + [m for m in model if not _overlaps(m, back)])


def _pairs_apart(persons: list[Mention]) -> list[Mention]:
    """The mentions, two persons joined by a hyphen ("Rina Marlina-Budi Santoso", or "Rina-Budi" when the document
    names both: a ticket, a government) read as the two; a double-barrelled name stays whole."""
    def halves(m: Mention) -> list[str]:
        return re.split(r"(?<=[a-z])-(?=[A-Z])", m.name)

    words = {w for m in persons if len(halves(m)) == 1 for w in m.name.split()}
    out = []
    for m in persons:
        parts = halves(m)
        if len(parts) == 2 and (all(" " in p for p in parts) or all(p.split()[0] in words for p in parts)):
            second = m.start + len(parts[0]) + 1
            out += [replace(m, end=m.start + len(parts[0]), name=parts[0], surface=None),
                    replace(m, start=second, name=parts[1], surface=None)]
        else:
            out.append(m)
    return out


def _uncited(ctx: Context, persons: list[Mention]) -> list[Mention]:
    """The mentions that are no author's name in a citation of a work ("Wiratmo dkk. (2021)", "(Hakim dan Wiratmo,
    2021)"): a work's author is its source, not a party to what the text reports."""
    rules, text = _rules(ctx.lexicon), ctx.text

    def in_brackets(m: Mention) -> bool:
        line = text[text.rfind("\n", 0, m.start) + 1:m.start]
        return line.rfind("(") > line.rfind(")")

    return [m for m in persons if not (rules.cited_after.match(text, m.end) or (
        rules.cited_inside.match(text, m.end) and in_brackets(m)))]


def _aliases(ctx: Context, persons: list[Mention], blocked: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """ "Darmawan Sulaiman alias Bedu", "Rina Marlina yang akrab disapa Bu Rina": the name after a word for
    another name is the same person's, one more label of theirs (after "atau", only a name that opens with an
    honorific or shares a word with the first); the rules' persons and the recogniser's, apart as given."""
    rules = _rules(ctx.lexicon)
    by_start = {m.start: m for m in persons}
    renamed: dict[int, Mention] = {}
    for a in sorted(persons, key=lambda m: m.start):
        link = rules.alias_after.match(ctx.text, a.end)
        if link is None or a.same_as is not None:
            continue
        b = by_start.get(link.end())
        if b is None:
            line = ctx.layout.line_at(link.end())
            part = _name_part(ctx, link.end(), line.end if line is not None else len(ctx.text))
            if part is None or _overlaps(part, blocked + persons) or not _plausible(ctx, part, "person-alias"):
                continue
            b = Mention(part.start, part.end, "person", mend_ocr(part.name), "person-alias", 0.7,
                        honorifics=list(part.honorifics))
        if link.group(1) and not b.honorifics and not set(fold(b.name).split()) & set(fold(a.name).split()):
            continue  # "Rina atau Budi": two persons
        first = renamed.get(id(a), a)
        renamed[id(a)] = replace(first, aliases=[*first.aliases, b.name])
        renamed[id(b)] = replace(b, same_as=fold(a.name))
    out = [renamed.pop(id(m), m) for m in persons]
    new = list(renamed.values())  # the names after a word for another name that no rule read
    everyone = out + new
    return [m for m in everyone if m.rule != "person-model"], [m for m in everyone if m.rule == "person-model"]


def _without_nicknames(name: str) -> tuple[str, list[str]]:
    """The name without the nicknames in quotes between its words, and the nicknames."""
    nicknames = [m.group().strip(" \t'‘\"“’”") for m in _NICKNAME_INSIDE.finditer(name)]
    return _NICKNAME_INSIDE.sub("", name), nicknames


def _confirmed(m: Mention, recognised: list[Mention]) -> bool:
    """False for what a weak rule took for a name and the recogniser does not read as a person: a run of words
    the weakest rules gathered or a list item holds alone ("1. Genjot Produksi Garam"), or a lone word the
    training corpora use as a common word ("Misalnya")."""
    from jejaring.ingest.model import common_words

    if m.honorifics or m.rule not in _WEAK_RULES or any(r.start < m.end and m.start < r.end for r in recognised):
        return True
    if len(m.name.split()) > 1:
        return m.rule not in _WEAKEST_RULES and (m.rule != "person-list" or m.post_text is not None)
    return m.name.lower() not in common_words()


def _recognised(ctx: Context, recognised: list[Mention], taken: list[Mention]) -> list[Mention]:
    """The recogniser's persons that no rule found, without the titles before them ("Mayor ...")."""
    out = []
    for r in recognised:
        if r.start and not (ctx.text[r.start - 1].isspace() or ctx.text[r.start - 1] in "([\"'“‘"):
            continue  # the recogniser's tokens split a word ("S&P"): no name starts inside one
        start = _after_titles(ctx, r.start, r.end)
        part = _name_part(ctx, start, r.end) if start < r.end else None
        if part is None or _overlaps(part, taken + out) or not _plausible(ctx, part, "person-model"):
            continue
        name = mend_ocr(part.name)
        out.append(Mention(part.start, part.end, "person", name, "person-model", _CONFIDENCE["person-model"],
                           honorifics=list(part.honorifics), degrees=list(part.degrees),
                           surface=part.name if name != part.name else None, post_text=_post_after(ctx, part.end)))
    return out


def _post_after(ctx: Context, end: int) -> tuple[int, int] | None:
    """The extent of a post title after a name and a comma ("..., Kepala Dinas Sosial, ..."), if one follows."""
    from jejaring.ingest.extract.posts import role_at

    sentence = ctx.layout.sentence_at(end)
    comma = _rules(ctx.lexicon).before_post.match(ctx.text, end, sentence.end)
    if comma is None:
        return None
    clause_end = end + re.search(r"[;]|$", ctx.text[end:sentence.end]).start()
    return (comma.end(), clause_end) if role_at(ctx, comma.end(), clause_end, allow_lower=True) is not None else None


def _after_titles(ctx: Context, start: int, end: int) -> int:
    """Where a name starts after the post titles and places before it ("Mayor of Bogor Rina ...")."""
    from jejaring.ingest.extract.posts import role_at

    text = ctx.text
    while start < end:
        role = role_at(ctx, start, end)
        word = re.match(r"\S+", text[start:end])
        if role is not None and role[0] < end:
            start = role[0]
        elif word and (ctx.lexicon.place(word.group()) is not None or word.group() in ctx.lexicon.words("locality_of_words")):
            start += word.end()
        else:
            return start
        start += len(text[start:end]) - len(text[start:end].lstrip())
    return start


def _coordinated(ctx: Context, found: list[Mention], blocked: list[Mention]) -> list[Mention]:
    """Names joined by "dan"/"and" to a name already found ("represented by A and B")."""
    text = ctx.text
    rules = _rules(ctx.lexicon)
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in found + blocked]
    for m in list(found):
        if m.rule == "person-back-reference":
            continue
        nxt = rules.and_name.match(text[m.end:])
        if nxt is None or len(nxt.group(1).split()) < 2:
            continue
        s, e = m.end + nxt.start(1), m.end + nxt.end(1)
        if any(a < e and s < b for a, b in taken):
            continue
        part = _name_part(ctx, s, e)
        if part is None or not _plausible(ctx, part, "person-name-org"):
            continue
        out.append(Mention(part.start, part.end, "person", mend_ocr(part.name), "person-coordinated", 0.7))
        taken.append((s, e))
    return out


def _by_initials(ctx: Context, taken: list[Mention]) -> list[Mention]:
    """Persons the text names by their initials after a cue ("tersangka berinisial RM, AS, dan TK"), and the other
    mentions of initials of two letters or more ("tersangka RM"), which refer back to them."""
    out: list[Mention] = []
    for cue in _rules(ctx.lexicon).initials.finditer(ctx.text):
        for m in re.finditer(_INITIALS, cue.group(1)):
            start = cue.start(1) + m.start()
            mention = Mention(start, start + len(m.group()), "person", m.group(), "person-initials",
                              _CONFIDENCE["person-initials"])
            if not _overlaps(mention, taken + out):
                out.append(mention)
    named = {m.name for m in out if len(m.name.replace(".", "")) >= 2}
    if named:
        # a full stop after the initials ends the sentence unless a capital follows it ("R.M" of "R.M.A")
        again = re.compile(rf"(?<![\w.]){alternation(named)}(?![\w'’\-]|\.[A-Z])")
        for m in again.finditer(ctx.text):
            mention = Mention(m.start(), m.end(), "person", m.group(), "person-back-reference", 0.7,
                              same_as=fold(m.group()))
            if not _overlaps(mention, taken + out):
                out.append(mention)
    return out


#: Rules that read a lone capitalised word as a name from its neighbours alone.
_WEAK_RULES = frozenset({"person-context", "person-name-post", "person-post-comma", "person-list", "person-after-post",
                         "person-name-org", "person-coordinated"})
#: Of these, rules that read a run of capitalised words as a name without a name-like neighbour.
_WEAKEST_RULES = frozenset({"person-name-org", "person-coordinated"})
_CONFIDENCE = {
    "person-model": 0.7, "person-name-post": 0.8, "person-name-org": 0.75, "person-context": 0.7, "person-after-post": 0.8,
    "person-list": 0.9, "person-honorific": 0.9, "person-label": 0.85, "person-bracket-post": 0.85, "person-degree": 0.85,
    "person-post-comma": 0.8, "person-attribution": 0.75, "person-back-reference": 0.7, "person-initials": 0.8,
}


def _candidates(ctx: Context) -> Iterator[tuple[str, int, int, int | None, int]]:
    """(rule, name start, name end, post start, post end) for every place a name may stand."""
    text = ctx.text
    rules = _rules(ctx.lexicon)
    honorifics = ctx.lexicon.honorific_forms()
    for line in ctx.layout.lines:
        content = line.content
        # list items and [i]-enumerations: "Name, Post" segments
        segments = _segments(rules, text, content.start, content.end) if (line.is_item or _INLINE_MARKER.search(content.text)) \
            else []
        for s, e, enumerated in segments:
            m = _name_with_titles(rules, text, s, e, honorifics)
            if m is None:
                continue
            name_end = m
            rest = text[name_end:e]
            post = re.match(r"\s*,\s*|\s+[-–—]\s+", rest)  # "Name, Post" or "Name - Post"
            if post or enumerated or _only_closing(rest):
                ps = name_end + post.end() if post else name_end if enumerated else None
                yield "person-list", s, name_end, ps, e
    for m in rules.labels.finditer(text):
        end = _name_with_titles(rules, text, m.end(), min(len(text), m.end() + 120), honorifics)
        if end is not None:
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            bracket = re.match(r"\s*\(([^()]*)\)", text[end:line_end])
            if bracket and _org_at(ctx, end + bracket.start(1), end + bracket.end(1)) and \
                    len(text[m.end():end].split()) == 1:
                continue  # "Host: Rijkswaterstaat (Ministry of ...)": a body, not a person
            rest = re.match(r"\s*,\s*", text[end:line_end])
            if bracket:
                yield "person-label", m.end(), end, end + bracket.start(1), end + bracket.end(1)
            else:
                yield "person-label", m.end(), end, (end + rest.end()) if rest else None, line_end
    starts = term_starts(text, tuple(honorifics), 0, r"(?<![\w.])", r"(?=[\s])")
    for form in honorifics:
        for m in matches_at(pattern(rf"(?<![\w.]){re.escape(form)}(?=[\s])"), text, starts):
            end = _name_with_titles(rules, text, m.start(), min(len(text), m.start() + 150), honorifics)
            if end is not None:
                bracket = re.match(r"\s*\(", text[end:])
                if bracket:
                    close = text.find(")", end)
                    yield "person-honorific", m.start(), end, end + bracket.end(), close if close > 0 else end
                else:
                    post = _post_after(ctx, end)  # "Ms. Rina Marlina, Director of ..."
                    yield "person-honorific", m.start(), end, *(post or (None, end))
    from jejaring.ingest.extract.posts import role_at

    for m in rules.name_before_bracket.finditer(text):
        close = text.find(")", m.end())
        opening = text.index("(", m.end()) + 1
        if close > 0 and "\n" not in text[m.end():close] and (role_at(ctx, opening, close) is not None or (
                len(m.group().split()) >= 2 and _org_at(ctx, opening, close))):
            yield "person-bracket-post", m.start(), m.end(), opening, close
    for m in rules.name_anywhere.finditer(text):
        degrees = rules.degrees_after.match(text, m.end())
        if degrees and degrees.group().lstrip().startswith(",") and rules.strong_degree.search(degrees.group()):
            yield "person-degree", m.start(), degrees.end(), None, degrees.end()
    for m in rules.post_comma.finditer(text):
        before = text[max(0, m.start() - 120):m.start()]
        if rules.post_before.search(before):
            yield "person-post-comma", m.start(1), m.end(1), None, m.end(1)
    for m in rules.name_anywhere.finditer(text):
        if rules.attribution_before.search(text[max(0, m.start() - 30):m.start()]):
            yield "person-attribution", m.start(), m.end(), None, m.end()
    yield from _in_context(ctx)


def attributed(ctx: Context, start: int, end: int) -> bool:
    """True when a verb of saying stands right before the name at ``start:end`` or after it ("ujar Rina",
    "Rina mengatakan")."""
    rules = _rules(ctx.lexicon)
    return bool(rules.attribution_before.search(ctx.text[max(0, start - 30):start]) or
                rules.speech_after.match(ctx.text, end))


def _in_context(ctx: Context) -> Iterator[tuple[str, int, int, int | None, int]]:
    """Names in running text, known by what stands next to them: a post after a comma ("X, Assistant
    Deputy for ..."), an organisation after "dari"/"of" ("X dari Plan Internasional Indonesia"), a verb of
    saying ("X menjelaskan", "X said"), or "led by X"; and names joined to these by "dan"/"and"."""
    from jejaring.ingest.extract.posts import role_at

    text = ctx.text
    rules = _rules(ctx.lexicon)
    for s in ctx.layout.sentences:
        for m in rules.name_anywhere.finditer(text[s.start:s.end]):
            start, end = s.start + m.start(), s.start + m.end()
            degrees = rules.degrees_after.match(text, end, s.end)
            after = text[degrees.end() if degrees else end:s.end]
            clause_end = end + (re.search(r"[;]|$", text[end:s.end]).start())
            comma = rules.before_post.match(after)
            if degrees:
                comma = rules.degrees_before_post.match(after)
            post_start = (degrees.end() if degrees else end) + (comma.end() if comma else 0)
            if comma and role_at(ctx, post_start, clause_end, allow_lower=True) is not None:
                yield "person-name-post", start, end, post_start, clause_end
                continue
            of = rules.from_org.match(after)
            if of and len(m.group().split()) >= 2:
                yield "person-name-org", start, end, end + of.end(), clause_end
                continue
            by = len(m.group().split()) >= 2 and rules.by_before.search(text[max(s.start, start - 25):start])
            if rules.speech_after.match(after) or by:
                yield "person-context", start, end, None, end


def _org_at(ctx: Context, start: int, end: int) -> bool:
    """True when an organisation name the lexicon or the head words know fills ``text[start:end]``."""
    inside = ctx.text[start:end].strip()
    lex = ctx.lexicon
    return bool(lex.organisation_by_name(inside) or lex.organisation_by_acronym(inside) or lex.agency_type(inside)
                or any(inside.startswith(h.head + " ") for h in lex.org_heads if h.position == "prefix"))


def _segments(rules: _Rules, text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split a list item into person segments at inline markers ("[i] A, Post; [ii] B")."""
    marks = list(_INLINE_MARKER.finditer(text, start, end))
    if not marks:
        return [(start, end, False)]
    out = []
    for i, m in enumerate(marks):
        seg_end = marks[i + 1].start() if i + 1 < len(marks) else end
        stop = rules.segment_end.search(text[m.end():seg_end])
        out.append((m.end(), m.end() + stop.start() if stop else seg_end, True))
    return out


def _only_closing(rest: str) -> bool:
    return bool(re.fullmatch(r"[\s);.]*", rest))


def _name_with_titles(rules: _Rules, text: str, start: int, end: int, honorifics: list[str]) -> int | None:
    """The end of "[titles] Name[, degrees]" starting at ``start``, or None when no name stands there."""
    pos = start
    changed = True
    while changed:
        changed = False
        for form in honorifics:
            if text.startswith(form, pos) and pos + len(form) < end and text[pos + len(form)] == " ":
                pos += len(form) + 1
                changed = True
                break
    m = rules.name.match(text, pos, end)
    if m is None:
        return None
    stop = m.end()
    degrees = rules.degrees_after.match(text, stop, end)
    if degrees and rules.any_degree.search(degrees.group()):
        stop = degrees.end()
    return stop


def _name_part(ctx: Context, start: int, end: int) -> NamePart | None:
    lex = ctx.lexicon
    name = _rules(lex).name
    part = split_titles(ctx.text, start, end, lex.honorific_forms(), lex.degree_forms())
    if not part.name or not name.fullmatch(part.name):
        # trim anything after the name proper (a stray word the candidate swallowed)
        m = name.match(ctx.text, part.start, part.end)
        if m is None:
            return None
        part = NamePart(part.start, m.end(), m.group(), part.honorifics, part.degrees)
    return part


def _overlaps(part: NamePart, blocked: list[Mention]) -> bool:
    return any(part.start < b.end and b.start < part.end for b in blocked)


def _plausible(ctx: Context, part: NamePart, rule: str) -> bool:
    """Reject names that are known words: cue words, places, post titles, months, organisations."""
    words = part.name.split()
    lex = ctx.lexicon
    if any(lex.is_common_word(w, ctx.doc.language) for w in words) and not part.honorifics:
        return False
    if words[0].lower() in lex.words("locality_level_words"):
        return False  # "Ibu Kota Nusantara" is a capital, not Mrs Kota
    if _only_common_words(words) and not _rules(lex).attribution_before.search(ctx.text[max(0, part.start - 30):part.start]):
        return False  # "Alhamdulillah", "Efisiensi Anggaran", "Pak Wali"; but "..., ujar Muslim" names him
    if part.name in lex.degree_forms() or part.name in lex.honorific_forms():
        return False  # "Laura Sutton, MSc, Programme Manager": the degree is no second person
    if lex.place(part.name) is not None or lex.organisation_by_name(part.name) or lex.organisation_by_acronym(part.name):
        return False
    if lex.starts_with_post(part.name):
        return False
    if _pair_of_names(ctx, part.name):
        return False  # "Rahmat-Wulan": two people the text also names on their own
    if _names_a_street(ctx, part.start):
        return False  # "Jalan KH Wiratmo Hadi": a street named after someone
    if rule == "person-model" and not part.honorifics and words[0].lower() in ctx.lowercase_words:
        return False  # "Jasad Wartini", "Pengemudi Fortuna": the document writes the first word as a common word
    if len(words) == 1 and rule in ("person-attribution", "person-bracket-post", "person-degree", "person-name-org"):
        return False  # a lone word here is too often not a name; back-references pick up surnames
    if rule.startswith(("person-name", "person-context")) and (
            lex.is_institutional_word(words[0]) or all(lex.is_institutional_word(w) for w in words)):
        return False
    if rule == "person-bracket-post" and all(lex.is_institutional_word(w) for w in words):
        return False  # "... Child Protection and Population Control (Dinas PPAPP)": a body's name before its acronym
    if len(words) == 1 and rule == "person-context" and (lex.is_institutional_word(words[0]) or len(words[0]) < 4):
        return False
    if len(words) == 1 and rule == "person-list" and not part.honorifics:
        return len(words[0]) >= 5
    return True


def _names_a_street(ctx: Context, start: int) -> bool:
    """True when a word that opens a street's name stands before the name and its honorifics ("Jalan [KH] ...")."""
    words = ctx.text[max(0, start - 60):start].split()
    forms = ctx.lexicon.honorific_forms()
    while words and words[-1] in forms:
        words.pop()
    return bool(words) and words[-1] in ctx.lexicon.words("address_street_heads")


def _pair_of_names(ctx: Context, name: str) -> bool:
    """True for capitalised words joined by a hyphen that the document also writes each on its own ("Rahmat-Wulan"
    beside "Rahmat" and "Wulan"); a double name ("Jean-Pierre") is never written apart."""
    for m in re.finditer(r"([A-Z][\w'’]+)-([A-Z][\w'’]+)", name):
        if all(re.search(rf"(?<![\w\-]){re.escape(side)}(?![\w\-])", ctx.text) for side in m.groups()):
            return True
    return False


def _only_common_words(words: list[str]) -> bool:
    """True when every word is one the recogniser's training corpora use often and never in a person's name."""
    from jejaring.ingest.model import common_words

    return all(w.strip("'’-").lower() in common_words() for w in words)


def _back_references(ctx: Context, names: list[Mention], taken: list[Mention]) -> list[Mention]:
    """Later mentions by one part of a name in ``names`` ("Hendra", "Pak Hendra", "Saputra") or its nickname,
    outside ``taken``;
    a noun for a group of people that a name read wrongly took in ("Mahasiswa Khawatirkan") is no part of one."""
    groups = {fold(w) for w in ctx.lexicon.words("group_nouns")}
    parts: dict[str, set[str]] = {}
    for m in names:
        words = [w for w in m.name.split() if not re.fullmatch(r"[A-Z]\.", w)]
        for w in [*words, *m.aliases] if len(words) > 1 or len(m.name) >= 5 else []:
            if len(w) >= 4 and fold(w) not in groups:
                parts.setdefault(fold(w), set()).add(fold(m.name))
    spans = [(m.start, m.end) for m in taken]
    out = []
    for m in re.finditer(r"(?<![\w])([A-Z][a-zà-ÿ'’\-]{3,})(?![\w])", ctx.text):
        owners = parts.get(fold(m.group(1)))
        if not owners or len(owners) != 1:
            continue
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue
        out.append(Mention(m.start(), m.end(), "person", m.group(1), "person-back-reference", 0.7,
                           same_as=next(iter(owners))))
    return out
