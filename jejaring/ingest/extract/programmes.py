"""Programmes, projects and strategies: a programme cue and the name after it, and the names of
example projects inside lesson descriptions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.events import title_case
from jejaring.ingest.extract.text import matches_at, pattern, term_starts

__all__ = ["find_programmes"]

_NAME_TOKEN = r"(?:[A-Z][\w'’\-]*|\d{2,5})"
# Names run to at most 16 words: an unbounded run of capitalised words would be rescanned from each
# of its words (quadratic time on a long line of capitals, an all-caps table or a repeated cue).
_SITE_CUE = re.compile(
    rf"\b(?:[Ss]ite visit|[Vv]isit|[Ww]alk|[Tt]our|[Kk]unjungan lapangan|[Kk]unjungan)"
    rf"(?:[ \t]+(?:to|ke)|[ \t]*:)[ \t]+(?:the[ \t]+)?"
    rf"(?P<site>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,15}})")
_EXAMPLE_CUE = re.compile(
    rf"(?:\b(?:contohnya|misalnya|seperti|for example|for instance|such as|e\.g\.)[ \t]*(?:adalah[ \t]+|is[ \t]+)?"
    rf"(?P<after>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,15}}))"
    rf"|(?P<before>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,15}})[ \t]+(?:itu[ \t]+|ini[ \t]+)?"
    rf"(?:contohnya|salah satu contohnya)\b")
# Cues written after the name in English ("the Happiness Cafe programme").
_AFTER_NAME = {"programme", "program", "project", "strategy", "initiative", "campaign", "movement", "plan"}
_NAME_RUN = (rf"{_NAME_TOKEN}(?:[ \t]+(?:{_NAME_TOKEN}|di|of|the|for|dan|and|menuju)(?=[ \t]+{_NAME_TOKEN})"
             rf"|[ \t]+{_NAME_TOKEN}){{0,15}}")
# Words that make what follows part of a post title, not a programme ("Manajer Program Ketahanan Kota").
_POST_BEFORE = re.compile(r"(?:Manajer|Manager|Koordinator|Coordinator|Direktur|Director|Officer|Kepala|Head|Staf|Staff"
                          r"|Ketua|Chair|Spesialis|Specialist|Asisten|Assistant)\s+$")


def find_programmes(ctx: Context, lesson_spans: list[tuple[int, int]]) -> Iterator[Mention]:
    """Programme mentions: after a programme cue, or as examples inside lesson descriptions."""
    text = ctx.text
    cues = sorted({c.cue for c in ctx.lexicon.programme_cues}, key=len, reverse=True)
    starts = term_starts(text, tuple(cues), re.IGNORECASE)
    from jejaring.ingest.extract.posts import role_at

    for cue in cues:
        for m in matches_at(pattern(rf"(?<![\w]){re.escape(cue)}(?![\w])", re.IGNORECASE), text, starts):
            surface = m.group()
            if role_at(ctx, m.start(), min(len(text), m.start() + 60)) is not None or \
                    _POST_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
                continue  # "Programme Manager", "Manajer Program ...": a post
            before = re.search(r"((?:[A-Z][\w'’\-]*[ \t]+){1,4})$", text[max(0, m.start() - 80):m.start()])
            if (surface[0].islower() and before and ctx.doc.language == "en") or (surface[0].islower() and before and
                                                                                 cue.lower() in _AFTER_NAME):
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
                name = re.match(_NAME_RUN, text[m.start():])
                if name and len(name.group().split()) >= 2 and not name.group().isupper():
                    s, e = _split_and(text, m.start(), m.start() + name.end())[0]
                    if len(text[s:e].split()) >= 2 and not ctx.lexicon.organisation_by_name(text[s:e]):
                        yield _programme(ctx, s, e, "programme-cue")
                continue
            # "program Jakarta Berketahanan", "restorasi sungai Cheonggye": the name follows the cue
            after = pattern(rf"[ \t]+((?:[a-z]+[ \t]+){{0,2}}?)({_NAME_RUN})").match(text[m.end():])
            if after is None:
                continue
            lead = after.group(1)
            if lead and not cue.lower().startswith(("restorasi", "revitalisasi", "normalisasi", "rehabilitasi",
                                                    "pemulihan")):
                continue
            start = m.start() if lead else m.end() + after.start(2)
            end = m.end() + after.end(2)
            for s, e in _split_and(text, start, end):
                yield _programme(ctx, s, e, "programme-cue")
    for start, end in lesson_spans:
        yield from _examples(ctx, start, end)
    for m in _SITE_CUE.finditer(text):
        # an agenda's site visits: "Site visit: Water Square Benthemplein", "Visit to the Maeslantkering ..."
        name = m.group("site")
        if not ctx.lexicon.organisation_by_name(name) and ctx.lexicon.place(name) is None and \
                ctx.lexicon.place(name.split()[0]) is None:
            yield _programme(ctx, m.start("site"), m.end("site"), "programme-site")
    for m in _EXAMPLE_CUE.finditer(text):
        # "Pemulihan Sungai Cheonggyecheon itu contohnya", "contohnya adalah X", "such as X"
        s, e = (m.start("after"), m.end("after")) if m.group("after") else (m.start("before"), m.end("before"))
        if not ctx.lexicon.organisation_by_name(text[s:e]) and ctx.lexicon.place(text[s:e]) is None:
            yield _programme(ctx, s, e, "programme-example-cue")


def _split_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A dan B" into two names."""
    out, pos = [], start
    for m in re.finditer(r"\s+(?:dan|and)\s+", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s]


def _programme(ctx: Context, start: int, end: int, rule: str) -> Mention:
    surface = ctx.text[start:end]
    name = surface[:1].upper() + surface[1:]
    if surface[:1].islower():
        name = title_case(surface)
    data: dict = {}
    acronym = re.match(r"\s*\(([A-Z]{2,8})\)", ctx.text[end:])
    if acronym:
        data["acronym"] = acronym.group(1)
    return Mention(start, end, "programme", name, rule, 0.75, data)


def _examples(ctx: Context, start: int, end: int) -> Iterator[Mention]:
    """Names of projects inside a lesson's description: capitalised runs that do not open a sentence
    (leading function words such as "At the" set aside), a word with digits ("Seoullo 7017") or a
    name the lexicon does not know ("Cheonggyecheon")."""
    text = ctx.text
    lex = ctx.lexicon
    for m in re.finditer(_NAME_RUN, text[start:end]):
        s, e = start + m.start(), start + m.end()
        words = m.group().split()
        while words and (lex.is_common_word(words[0]) or words[0].lower() in ("the", "a", "an")):
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
