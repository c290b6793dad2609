"""Statements: "X menjelaskan bahwa ...", "ujar X", "X said ..." with the speaker and what was said."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.text import pattern

__all__ = ["SpeechAct", "find_speech"]


@dataclass(frozen=True)
class SpeechAct:
    """A verb of saying in a sentence, its speaker mention and the words said."""

    verb_start: int
    verb_end: int
    speaker: Mention
    said_start: int
    said_end: int
    stance: str


def find_speech(ctx: Context, agents: list[Mention]) -> list[SpeechAct]:
    """Speech acts: the speaker is the sentence's subject before the verb, or the name right after it.

    ``agents`` are person, organisation and post mentions.
    """
    verbs = sorted(ctx.lexicon.speech_verbs, key=lambda v: -len(v.verb))
    verb_re = pattern(r"(?<![\w])(" + "|".join(re.escape(v.verb) for v in verbs) + r")(?![\w])", re.IGNORECASE)
    stance = {v.verb.lower(): v.stance for v in verbs}
    that = pattern(rf"\s*{ctx.lexicon.alternation('complementisers')}?\s*")
    out: list[SpeechAct] = []
    for s in ctx.layout.sentences:
        for m in verb_re.finditer(ctx.text, s.start, s.end):
            speaker = _subject(ctx, agents, s.start, m.start()) or _after(agents, m.end(), s.end)
            if speaker is None:
                continue
            said = that.match(ctx.text[m.end():s.end])
            said_start = m.end() + (said.end() if said else 0)
            if said_start >= s.end:
                said_start, said_end = s.start, m.start()
            else:
                said_end = s.end
            out.append(SpeechAct(m.start(), m.end(), speaker, said_start, said_end, stance[m.group(1).lower()]))
            break
    return out


def _subject(ctx: Context, agents: list[Mention], start: int, verb: int) -> Mention | None:
    """The first agent mentioned before the verb, outside brackets and outside a "Pada X ini," setting."""
    text = ctx.text
    depth_free = [a for a in agents if start <= a.start < verb and
                  text[start:a.start].count("(") <= text[start:a.start].count(")")]
    setting = pattern(rf"\s*{ctx.lexicon.alternation('setting_prepositions')}\s[^,]{{3,80}},\s*").match(text[start:verb])
    if setting:
        depth_free = [a for a in depth_free if a.start >= start + setting.end()]
    return min(depth_free, key=lambda a: a.start) if depth_free else None


def _after(agents: list[Mention], pos: int, end: int) -> Mention | None:
    following = [a for a in agents if pos <= a.start < min(end, pos + 40)]
    return min(following, key=lambda a: a.start) if following else None
