"""Programmes, projects and strategies: a programme cue and the name after it, and the names of
example projects inside lesson descriptions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.events import title_case
from jejaring.ingest.extract.text import matches_at, pattern, term_starts
from jejaring.ingest.lexicon import Lexicon

__all__ = ["find_programmes"]

_NAME_TOKEN = r"(?:[A-Z][\w'’\-]*|\d{2,5})"


@dataclass(frozen=True)
class _Rules:
    """The patterns and word sets of the rules, built from the lexicon's word lists.

    Names run to at most 16 words: an unbounded run of capitalised words would be rescanned from each
    of its words (quadratic time on a long line of capitals, an all-caps table or a repeated cue).
    """

    name_run: str  # a programme's name: capitalised words, joined by lowercase ones ("menuju") (pattern source)
    name_runs: re.Pattern[str]  # the same, compiled
    after_cue: re.Pattern[str]  # lowercase words (group 1), then a name (group 2) after a cue
    site: re.Pattern[str]  # "Site visit: Water Square", "Visit to the ..." (group "site")
    example: re.Pattern[str]  # "contohnya X" (group "after"), "X itu contohnya" (group "before")
    post_before: re.Pattern[str]  # "Manajer " before a cue: a post title ("Manajer Program ...")
    after_name: frozenset[str]  # cues written after the name in English ("the Happiness Cafe programme")
    restoration: tuple[str, ...]  # cues after which lowercase words may come before the name
    split_and: re.Pattern[str]  # " dan " between two names
    articles: frozenset[str]  # "the", "a": set aside at a name's start


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
        site=re.compile(site),
        example=re.compile(example),
        # words that make what follows part of a post title, not a programme ("Manajer Program Ketahanan Kota")
        post_before=re.compile(rf"{words('posts_before_programme')}\s+$"),
        after_name=frozenset(w.lower() for w in lexicon.words("programme_cues_after_name")),
        restoration=tuple(sorted(w.lower() for w in lexicon.words("restoration_cues"))),
        split_and=re.compile(rf"\s+{words('and_words')}\s+"),
        articles=frozenset(w.lower() for w in lexicon.words("articles")),
    )


def find_programmes(ctx: Context, lesson_spans: list[tuple[int, int]]) -> Iterator[Mention]:
    """Programme mentions: after a programme cue, or as examples inside lesson descriptions."""
    text = ctx.text
    rules = _rules(ctx.lexicon)
    cues = sorted({c.cue for c in ctx.lexicon.programme_cues}, key=len, reverse=True)
    starts = term_starts(text, tuple(cues), re.IGNORECASE)
    from jejaring.ingest.extract.posts import role_at

    for cue in cues:
        for m in matches_at(pattern(rf"(?<![\w]){re.escape(cue)}(?![\w])", re.IGNORECASE), text, starts):
            surface = m.group()
            if role_at(ctx, m.start(), min(len(text), m.start() + 60)) is not None or \
                    rules.post_before.search(text[max(0, m.start() - 20):m.start()]):
                continue  # "Programme Manager", "Manajer Program ...": a post
            before = re.search(r"((?:[A-Z][\w'’\-]*[ \t]+){1,4})$", text[max(0, m.start() - 80):m.start()])
            if (surface[0].islower() and before and ctx.doc.language == "en") or (surface[0].islower() and before and
                                                                                 cue.lower() in rules.after_name):
                # "the Resilient Jakarta programme", "Semarang's Kampung Siaga Bencana programme"
                s = m.start() - len(before.group(1))
                name = before.group(1).strip()
                words = name.split()
                while words and (ctx.lexicon.is_common_word(words[0]) or words[0].endswith(("'s", "’s"))):
                    words = words[1:]
                if words and not (len(words) == 1 and ctx.lexicon.place(words[0])):
                    start = text.index(words[0], s)
                    yield _programme(ctx, start, start + len(" ".join(words)), "programme-cue-after")
                continue
            if surface[0].isupper():
                # "Strategi Ketahanan Kota Jakarta", "Kota Layak Anak": the cue starts the name
                name = rules.name_runs.match(text[m.start():])
                if name and len(name.group().split()) >= 2 and not name.group().isupper():
                    s, e = _split_and(rules, text, m.start(), m.start() + name.end())[0]
                    if len(text[s:e].split()) >= 2 and not ctx.lexicon.organisation_by_name(text[s:e]):
                        yield _programme(ctx, s, e, "programme-cue")
                continue
            # "program Jakarta Berketahanan", "restorasi sungai Cheonggye": the name follows the cue
            after = rules.after_cue.match(text[m.end():])
            if after is None:
                continue
            lead = after.group(1)
            if lead and not cue.lower().startswith(rules.restoration):
                continue
            start = m.start() if lead else m.end() + after.start(2)
            end = m.end() + after.end(2)
            for s, e in _split_and(rules, text, start, end):
                yield _programme(ctx, s, e, "programme-cue")
    for start, end in lesson_spans:
        yield from _examples(ctx, start, end)
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
    acronym = re.match(r"\s*\(([A-Z]{2,8})\)", ctx.text[end:])
    return Mention(start, end, "programme", name, rule, 0.75, acronym=acronym.group(1) if acronym else None)


def _examples(ctx: Context, start: int, end: int) -> Iterator[Mention]:
    """Names of projects inside a lesson's description: capitalised runs that do not open a sentence
    (leading function words such as "At the" set aside), a word with digits ("Seoullo 7017") or a
    name the lexicon does not know ("Cheonggyecheon")."""
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
        yield Mention(s, e, "programme", text[s:e], "programme-example", 0.6, {})
