"""Programmes, projects and strategies: a programme cue and the name after it, and the names of
example projects inside lesson descriptions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.events import title_case
from jejaring.ingest.extract.text import matches_at, pattern, term_starts
from jejaring.ingest.lexicon import Lexicon

__all__ = ["find_programmes"]

# a capitalised word, a number or year range ("2016-2020") or a version ("4.0")
_NAME_TOKEN = r"(?:[A-Z][\w'’\-]*|\d{2,5}(?:[-–]\d{2,5})?(?![\w-])|\d{1,2}\.0(?![\d\w]))"


@dataclass(frozen=True)
class _Rules:
    """The patterns and word sets of the rules, built from the lexicon's word lists.

    Names run to at most 16 words: an unbounded run of capitalised words would be rescanned from each
    of its words (quadratic time on a long line of capitals, an all-caps table or a repeated cue).
    """

    name_run: str  # a programme's name: capitalised words, joined by lowercase ones ("menuju") (pattern source)
    name_runs: re.Pattern[str]  # the same, compiled
    after_cue: re.Pattern[str]  # lowercase words (group 1), then a name (group 2) after a cue
    cue_object: re.Pattern[str]  # "for"/"of" and a name after a cue that ends a name ("Framework for ...")
    site: re.Pattern[str]  # "Site visit: Water Square", "Visit to the ..." (group "site")
    example: re.Pattern[str]  # "contohnya X" (group "after"), "X itu contohnya" (group "before")
    post_before: re.Pattern[str]  # "Manajer " before a cue: a post title ("Manajer Program ...")
    after_name: frozenset[str]  # cues written after the name in English ("the Happiness Cafe programme")
    restoration: tuple[str, ...]  # cues after which lowercase words may come before the name
    split_and: re.Pattern[str]  # " dan " between two names
    articles: frozenset[str]  # "the", "a": set aside at a name's start
    version: re.Pattern[str]  # a version number after a name ("Kota 4.0")
    placed: re.Pattern[str]  # a name after "di"/"in" or an area noun ("kawasan X"): a place (group "place")
    org_words: frozenset[str]  # "NGO", "LSM": a name they open is an organisation's
    cue_words: frozenset[str]  # the programme cues, lower case


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def words(name: str, space: str = r"\s+") -> str:
        return lexicon.alternation(name, space=space)

    name_run = (rf"{_NAME_TOKEN}(?:[ \t]+(?:{_NAME_TOKEN}|{words('programme_name_joiners')})(?=[ \t]+{_NAME_TOKEN})"
                rf"|[ \t]+{_NAME_TOKEN}){{0,15}}")
    name = rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,15}}"
    site = (rf"\b{words('site_visit_cues', ' ')}(?:[ \t]+{words('to_words')}|[ \t]*:)[ \t]+"
            rf"(?:{words('definite_articles')}[ \t]+)?(?P<site>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,15}})")
    example = (rf"(?:\b{words('example_cues_before', ' ')}[ \t]*(?:{words('copulas')}[ \t]+)?(?P<after>{name}))"
               rf"|(?P<before>{name})[ \t]+(?:{words('demonstratives')}[ \t]+)?{words('example_cues_after', ' ')}\b")
    return _Rules(
        name_run=name_run,
        name_runs=re.compile(name_run),
        after_cue=re.compile(rf"[ \t]+((?:[a-z]+[ \t]+){{0,2}}?)({name_run})"),
        cue_object=re.compile(rf"[ \t]+{words('programme_cue_objects')}[ \t]+{name_run}"),
        site=re.compile(site),
        example=re.compile(example),
        # words that make what follows part of a post title, not a programme ("Manajer Program Ketahanan Kota")
        post_before=re.compile(rf"{words('posts_before_programme')}\s+$"),
        after_name=frozenset(w.lower() for w in lexicon.words("programme_cues_after_name")),
        restoration=tuple(sorted(w.lower() for w in lexicon.words("restoration_cues"))),
        split_and=re.compile(rf"\s+{words('and_words')}\s+"),
        articles=frozenset(w.lower() for w in lexicon.words("articles")),
        version=re.compile(r"(?<![\w.])\d{1,2}\.0(?![\w%]|[.,]\d)"),
        placed=re.compile(rf"\b(?:{words('place_prepositions')}|{words('area_nouns')})[ \t]+(?P<place>{name_run})"),
        org_words=frozenset(w.lower() for w in lexicon.words("group_heads")),
        cue_words=frozenset(c.cue.lower() for c in lexicon.programme_cues),
    )


def find_programmes(ctx: Context, lesson_spans: list[tuple[int, int]]) -> list[Mention]:
    """Programme mentions: after a programme cue, or as examples inside lesson descriptions; a name in
    brackets right after another ("Jakarta Green Plan (Rencana Hijau Jakarta)") is also that one's alias."""
    found = list(_find_programmes(ctx, lesson_spans))
    return [_with_translation(ctx.text, m, found) for m in found]


def _with_translation(text: str, m: Mention, found: list[Mention]) -> Mention:
    """``m`` with the name of the programme mention in brackets right after it as an alias."""
    for b in found:
        if b.start > m.end and re.fullmatch(r"[ \t]*\([ \t]*", text[m.end:b.start]) and \
                re.match(r"[ \t]*(?:/[A-Z]{2,8})?\)", text[b.end:]):
            return replace(m, aliases=[*m.aliases, b.name])
    return m


def _find_programmes(ctx: Context, lesson_spans: list[tuple[int, int]]) -> Iterator[Mention]:
    text = ctx.text
    rules = _rules(ctx.lexicon)
    cues = sorted({c.cue for c in ctx.lexicon.programme_cues}, key=len, reverse=True)
    starts = term_starts(text, tuple(cues), re.IGNORECASE)
    langs: dict[str, set[str]] = {}
    for c in ctx.lexicon.programme_cues:
        langs.setdefault(c.cue.lower(), set()).add(c.lang)
    from jejaring.ingest.extract.posts import role_at

    for cue in cues:
        for m in matches_at(pattern(rf"(?<![\w]){re.escape(cue)}(?![\w])", re.IGNORECASE), text, starts):
            if role_at(ctx, m.start(), min(len(text), m.start() + 60)) is None and \
                    not rules.post_before.search(text[max(0, m.start() - 20):m.start()]):
                yield from _at_cue(ctx, rules, m, langs[cue.lower()])  # not "Programme Manager", "Manajer Program"
    for m in rules.version.finditer(text):
        # "Jakarta City 4.0", "Kota 4.0": a name with a version number is a programme's or a vision's
        start = _name_before(ctx, m.start(), True)
        if start is not None and text[start:m.start()].strip() and not text[start:m.start()].isupper():
            yield _programme(ctx, start, m.end(), "programme-version")
    places = {m.group("place") for m in rules.placed.finditer(text)}
    for start, end in lesson_spans:
        yield from _examples(ctx, start, end, places)
    for m in rules.site.finditer(text):
        # an agenda's site visits: "Site visit: Water Square Benthemplein", "Visit to the Maeslantkering ..."
        name = m.group("site")
        if not ctx.lexicon.organisation_by_name(name) and ctx.lexicon.place(name) is None and \
                ctx.lexicon.place(name.split()[0]) is None:
            yield _programme(ctx, m.start("site"), m.end("site"), "programme-site")
    for m in rules.example.finditer(text):
        # "Pemulihan Sungai Cheonggyecheon itu contohnya", "contohnya adalah X", "such as X"
        s, e = (m.start("after"), m.end("after")) if m.group("after") else (m.start("before"), m.end("before"))
        if not ctx.lexicon.organisation_by_name(text[s:e]) and ctx.lexicon.place(text[s:e]) is None:
            yield _programme(ctx, s, e, "programme-example-cue")


def _at_cue(ctx: Context, rules: _Rules, m: re.Match[str], langs: set[str]) -> Iterator[Mention]:
    """The programme a cue heads: English puts the cue last ("the City Water Index", "the Green Ring
    programme"), Indonesian first ("Strategi Ketahanan Kota", "program Jakarta Hijau")."""
    text, surface, cue = ctx.text, m.group(), m.group().lower()
    head_last = ctx.doc.language == "en" or langs == {"en"}
    # "the Jakarta programme" names no programme, "the Sendai Framework" does
    before = _name_before(ctx, m.start(), head_last, place_ok=surface[0].isupper())
    if before is not None and (head_last if surface[0].isupper() else
                               ctx.doc.language == "en" or cue in rules.after_name):
        # a capitalised cue is part of the name, and "for X" may follow it ("the Sendai Framework for ..."); a
        # lowercase one is not ("the Clean Air campaign")
        more = rules.cue_object.match(text, m.end()) if surface[0].isupper() else None
        end = (more.end() if more else m.end()) if surface[0].isupper() else len(text[:m.start()].rstrip())
        yield _programme(ctx, before, end, "programme-cue-after")
    elif surface[0].isupper():
        # "Strategi Ketahanan Kota Jakarta", "Kota Layak Anak": the cue starts the name; an English cue only with
        # "of"/"for" after it ("Strategy for Clean Rivers"), not in "Strategy Partner"
        if (langs == {"en"} and not rules.cue_object.match(text, m.end())) or _in_quoted_title(text, m.start()):
            return
        name = rules.name_runs.match(text[m.start():])
        if name and len(name.group().split()) >= 2 and not name.group().isupper():
            s, e = _split_and(rules, text, m.start(), m.start() + name.end())[0]
            if len(text[s:e].split()) >= 2 and not ctx.lexicon.organisation_by_name(text[s:e]):
                yield _programme(ctx, s, e, "programme-cue")
    elif after := rules.after_cue.match(text[m.end():]):
        # "program Jakarta Berketahanan", "restorasi sungai Cheonggye": the name follows the cue
        lead = after.group(1)
        if lead and not cue.startswith(rules.restoration):
            return
        start = m.start() if lead else m.end() + after.start(2)
        for s, e in _split_and(rules, text, start, m.end() + after.end(2)):
            yield _programme(ctx, s, e, "programme-cue")


def _name_before(ctx: Context, end: int, head_last: bool, place_ok: bool = True) -> int | None:
    """Where the capitalised words right before ``end`` start, sentence-opening words and possessives set
    aside; None when there are none, or (unless ``place_ok``) only a place's name. Outside English they must
    follow "the" or a possessive ("the Green Ring programme"), since there "Tahap II program" is the programme's
    second phase."""
    text, lex = ctx.text, ctx.lexicon
    before = re.search(r"(?<![\w'’\-])((?:[A-Z][\w'’\-]*[ \t]+){1,4})$", text[max(0, end - 80):end])
    if before is None:
        return None
    start = end - len(before.group(1))
    words = before.group(1).split()
    english = head_last or re.search(rf"\b{lex.alternation('definite_articles')}[ \t]+$", text[max(0, start - 8):start],
                                     re.IGNORECASE)
    # a cue word is kept ("the Kampung Hijau Programme"), other common words and possessives are not
    cue_words = _rules(lex).cue_words
    while words and ((lex.is_common_word(words[0]) and words[0].lower() not in cue_words) or
                     words[0].endswith(("'s", "’s"))):
        english = english or words[0].endswith(("'s", "’s"))
        words = words[1:]
    if not words or not english or (len(words) == 1 and not place_ok and lex.place(words[0])):
        return None
    return text.index(words[0], start)


def _in_quoted_title(text: str, pos: int) -> bool:
    """True inside a quoted title that opened with other words ('tema "Advokasi dan Strategi Warga Pesisir"'):
    a cue there is a word of the title, not the head of a programme's name. A title is short and mostly
    capitalised, unlike quoted speech ('"... melalui Program Kampung Iklim," katanya')."""
    quoted = re.search(r'["“]([^"“”\n]*)$', text[text.rfind("\n", 0, pos) + 1:pos])
    rest = re.match(r'([^"“”\n]*)["”]', text[pos:])
    if quoted is None or rest is None or not quoted.group(1).strip():
        return False
    words = re.findall(r"[^\W\d_][\w'’\-]*", quoted.group(1) + rest.group(1))
    return len(words) <= 15 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _split_and(rules: _Rules, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A dan B" into two names."""
    out, pos = [], start
    for m in rules.split_and.finditer(text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s]


def _programme(ctx: Context, start: int, end: int, rule: str) -> Mention:
    surface = ctx.text[start:end]
    name = surface[:1].upper() + surface[1:]
    if surface[:1].islower():
        name = title_case(surface, ctx.lexicon)
    # "X (ABC)", "X (Other Name/ABC)", and the other name itself: "(Other Name/ABC)"
    acronym = re.match(r"\s*\((?:[^()/\n]{3,80}/)?([A-Z]{2,8})\)|/([A-Z]{2,8})\)", ctx.text[end:])
    return Mention(start, end, "programme", name, rule, 0.75,
                   acronym=(acronym.group(1) or acronym.group(2)) if acronym else None)


def _examples(ctx: Context, start: int, end: int, places: set[str]) -> Iterator[Mention]:
    """Names of projects inside a lesson's description: capitalised runs that do not open a sentence
    (leading function words such as "At the" set aside), a word with digits ("Seoullo 7017") or a
    name the lexicon does not know ("Cheonggyecheon"); not the end of a name the document puts after "di"/"in"
    or an area noun (``places``: "warga di Kampung Sukamaju"), nor an organisation's ("LSM Bina Warga", "... Centre")."""
    text = ctx.text
    lex = ctx.lexicon
    rules = _rules(lex)
    for m in rules.name_runs.finditer(text[start:end]):
        s, e = start + m.start(), start + m.end()
        words = m.group().split()
        while words and (lex.is_common_word(words[0]) or words[0].lower() in rules.articles):
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        if not words or not re.search(r"[A-Za-z]", " ".join(words)) or re.search(r"['’]s$", words[-1]):
            continue
        if s == start or re.search(r"[.:!?]\s$", text[max(0, s - 2):s]) or text[s - 1:s] == "\n":
            continue
        if len(words) == 1:
            num = re.match(r"\s+\d{2,5}\b", text[e:])
            if num:
                e += num.end()
            elif len(words[0]) < 6 or lex.is_institutional_word(words[0]) or words[0].isupper():
                continue
        if all(lex.is_institutional_word(w) or lex.is_common_word(w) for w in words) and len(words) > 1:
            continue
        name = " ".join(words)
        if words[0].lower() in rules.org_words or lex.suffix_heads(name) or \
                any(p == name or p.endswith(" " + name) for p in places):
            continue  # "LSM Bina Warga", "Karimata Learning Centre": an organisation's name
        if any(d.start <= s and e <= d.end for d in ctx.dates):
            continue  # "pada Maret 2018": a date
        yield Mention(s, e, "programme", text[s:e], "programme-example", 0.6, {})
