"""Places: cities, provinces and countries from the shipped gazetteer ("Kota Seoul" is the city Seoul)."""

from __future__ import annotations

from collections.abc import Iterator

from jejaring.ingest.extract.context import Context, Mention

__all__ = ["find_places"]


def find_places(ctx: Context) -> Iterator[Mention]:
    """Mentions of places the gazetteer knows, longest first within each run of capitalised words; a level
    word before a place that belongs to its mention (the lexicon's ``place_name_prefixes``: "Kota Seoul")
    is taken in."""
    text = ctx.text
    prefixes = [p + " " for p in sorted(ctx.lexicon.words("place_name_prefixes"))]
    for run in ctx.runs:
        words = run.words
        i = 0
        while i < len(words):
            for n in range(min(5, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + n - 1][1]
                entry = ctx.lexicon.place(text[start:end])
                if entry is None and n == 1 and "-" in words[i][2]:
                    yield from _hyphenated(ctx, start, words[i][2])
                    break
                if entry is None or (n == 1 and not words[i][2][0].isupper()):
                    continue
                if n == 1 and _inside_longer_name(ctx, words, i):
                    break
                prefix = next((p for p in prefixes if text[max(0, start - len(p)):start] == p), "")
                yield Mention(start - len(prefix), end, "place", entry.name, "place-gazetteer", 0.9, entry=entry)
                i += n - 1
                break
            i += 1


def _inside_longer_name(ctx: Context, words, i: int) -> bool:
    """A one-word place inside a longer name is part of that name ("Surat Pertanggung Jawaban",
    "Jakarta Berketahanan"), unless the words around it only say what kind of place it is."""
    before = words[i - 1][2] if i > 0 else None
    after = words[i + 1][2] if i + 1 < len(words) else None
    if before is not None and before[:1].isupper() and before not in ctx.lexicon.words("place_level_words") \
            and not ctx.lexicon.is_common_word(before):
        return True
    return after is not None and after[:1].isupper() and ctx.lexicon.place(after) is None


def _hyphenated(ctx: Context, start: int, word: str) -> Iterator[Mention]:
    """ "Jakarta-Rotterdam": places joined by a hyphen, each its own mention."""
    pos = start
    for part in word.split("-"):
        entry = ctx.lexicon.place(part) if part[:1].isupper() else None
        if entry is not None:
            yield Mention(pos, pos + len(part), "place", entry.name, "place-gazetteer", 0.85, entry=entry)
        pos += len(part) + 1
