"""Persons: participant lists, honorifics, "Name (Post)", "Post, Name", labels such as "Host:", attributions.

A person mention's ``data`` holds ``honorifics``, ``degrees``, the ``post_text`` extent that follows
the name in a list item or brackets (read by ``posts``), and ``surface`` (the name as written, when
an OCR slip was mended).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.names import NamePart, fold, mend_ocr, split_titles
from jejaring.ingest.extract.text import matches_at, pattern, term_starts

__all__ = ["find_persons"]

# Possessive, and a mixed-case word split at its first lower-case letter: a run of capitalised words
# not followed by a bracket would otherwise backtrack through every way of splitting each word.
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’\-]++|[a-z]?[A-Z][A-Zà-ÿ'’\-]*+[a-z][A-Za-zà-ÿ'’\-]*+|l[bcdfghjkmnpqrstvwxz][a-z]++)"
_INITIAL = r"[A-Z]\."
_PARTICLE = r"(?:de|van|der|den|von|da|bin|binti|al|el|la|le|ter|te)"
_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \t]+(?:{_INITIAL}|{_NAME_WORD}|{_PARTICLE}(?=[ \t]+[A-Z]))){{0,4}}"
)
_LABELS = re.compile(
    r"(?:Host|Hosts|Presenter|Speaker|Speakers|Moderator|Facilitator|Fasilitator|Narasumber|Pembicara|Moderator"
    r"|Penanggung jawab|Disusun oleh|Diperiksa oleh|Dilaporkan oleh|Disetujui oleh|Contact|Kontak|Liaison in [A-Z]\w+"
    r"|Prepared by|Reported by|Checked by|Chair|Ketua|Notulis|Rapporteur|Opening remarks|Closing remarks|Keynote"
    r"|Also present|Hadir pula|Turut hadir|Present)\s*:\s*",
)
_ATTRIBUTION_BEFORE = re.compile(r"\b(?:ujar|ujarnya|kata|katanya|tutur|tuturnya|ungkap|ungkapnya|jelas|jelasnya"
                                 r"|tegas|tegasnya|imbuh|imbuhnya|said|says|added|explained|noted)\s+(?:Pak\s+|Bu\s+)?$")
_INLINE_MARKER = re.compile(r"\[(?:[ivxlc]+|\d{1,3})\]\s*|\((?:[ivx]+|\d{1,2})\)\s+")


def find_persons(ctx: Context, blocked: list[Mention], posts: list[Mention] = ()) -> list[Mention]:
    """Person mentions, with honorifics and degrees recorded apart from the name.

    ``blocked`` are mentions of other kinds (organisations, places, posts): a name never overlaps them.
    ``posts`` are post mentions; a name right after a title ("Deputi Gubernur ... Hendra Saputra") holds it.
    """
    found: list[Mention] = []
    holders = [("person-after-post", *p.data["posts"][-1].holder, p.start, p.end) for p in posts
               if p.data["posts"][-1].holder is not None]
    for rule, start, end, post_start, post_end in [*_candidates(ctx), *holders]:
        part = _name_part(ctx, start, end)
        if part is None or _overlaps(part, blocked) or not _plausible(ctx, part, rule):
            continue
        name = mend_ocr(part.name)
        data = {"honorifics": list(part.honorifics), "degrees": list(part.degrees)}
        if name != part.name:
            data["surface"] = part.name
        if post_start is not None and post_end > post_start:
            data["post_text"] = (post_start, post_end)
        found.append(Mention(part.start, part.end, "person", name, rule, _CONFIDENCE.get(rule, 0.7), data))
    found += _coordinated(ctx, found, blocked)
    found += _back_references(ctx, found, blocked)
    return found


def _coordinated(ctx: Context, found: list[Mention], blocked: list[Mention]) -> list[Mention]:
    """Names joined by "dan"/"and" to a name already found ("represented by A and B")."""
    text = ctx.text
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in found + blocked]
    for m in list(found):
        if m.rule == "person-back-reference":
            continue
        nxt = re.match(r"(?:\s*\([^()\n]{1,80}\))?\s*(?:,\s*(?:(?:dan|and|&)\s+)?|(?:dan|and|&)\s+)(" + _NAME.pattern + ")",
                       text[m.end:])
        if nxt is None or len(nxt.group(1).split()) < 2:
            continue
        s, e = m.end + nxt.start(1), m.end + nxt.end(1)
        if any(a < e and s < b for a, b in taken):
            continue
        part = _name_part(ctx, s, e)
        if part is None or not _plausible(ctx, part, "person-name-org"):
            continue
        out.append(Mention(part.start, part.end, "person", mend_ocr(part.name), "person-coordinated", 0.7,
                           {"honorifics": [], "degrees": []}))
        taken.append((s, e))
    return out


_CONFIDENCE = {"person-name-post": 0.8, "person-name-org": 0.75, "person-context": 0.7, "person-after-post": 0.8,
               "person-list": 0.9, "person-honorific": 0.9, "person-label": 0.85, "person-bracket-post": 0.85,
               "person-degree": 0.85, "person-post-comma": 0.8, "person-attribution": 0.75,
               "person-back-reference": 0.7}


def _candidates(ctx: Context) -> Iterator[tuple[str, int, int, int | None, int]]:
    """(rule, name start, name end, post start, post end) for every place a name may stand."""
    text = ctx.text
    honorifics = ctx.lexicon.honorific_forms()
    for line in ctx.layout.lines:
        content = line.content
        # list items and [i]-enumerations: "Name, Post" segments
        segments = _segments(text, content.start, content.end) if (line.is_item or _INLINE_MARKER.search(content.text)) \
            else []
        for s, e, enumerated in segments:
            m = _name_with_titles(text, s, e, honorifics)
            if m is None:
                continue
            name_end = m
            rest = text[name_end:e]
            post = re.match(r"\s*,\s*", rest)
            if post or enumerated or _only_closing(rest):
                ps = name_end + (post.end() if post else 0)
                yield "person-list", s, name_end, ps, e
    for m in _LABELS.finditer(text):
        end = _name_with_titles(text, m.end(), min(len(text), m.end() + 120), honorifics)
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
            end = _name_with_titles(text, m.start(), min(len(text), m.start() + 150), honorifics)
            if end is not None:
                bracket = re.match(r"\s*\(", text[end:])
                if bracket:
                    close = text.find(")", end)
                    yield "person-honorific", m.start(), end, end + bracket.end(), close if close > 0 else end
                else:
                    yield "person-honorific", m.start(), end, None, end
    from jejaring.ingest.extract.posts import role_at

    for m in re.finditer(r"(?<![\w])(" + _NAME.pattern + r")(?=\s*\((?!\s*[A-Z]{2,}\s*\)))", text):
        close = text.find(")", m.end())
        opening = text.index("(", m.end()) + 1
        if close > 0 and "\n" not in text[m.end():close] and (role_at(ctx, opening, close) is not None or (
                len(m.group().split()) >= 2 and _org_at(ctx, opening, close))):
            yield "person-bracket-post", m.start(), m.end(), opening, close
    for m in re.finditer(r"(?<![\w])(" + _NAME.pattern + r")", text):
        degrees = _DEGREES_AFTER.match(text, m.end())
        if degrees and degrees.group().lstrip().startswith(",") and re.search(r"[A-Z]\.|MURP|MPA|MPP|PhD|MBA", degrees.group()):
            yield "person-degree", m.start(), degrees.end(), None, degrees.end()
    for m in re.finditer(r",\s+(?:(?:Bapak|Ibu|Pak|Bu|Mr\.|Mrs\.|Ms\.|Dr\.|Ir\.)\s+)*(" + _NAME.pattern + r")\s*,", text):
        before = text[max(0, m.start() - 120):m.start()]
        if re.search(r"(?:Kepala|Direktur|Ketua|Wali Kota|Walikota|Bupati|Camat|Lurah|Gubernur|Head|Director|Mayor|"
                     r"Officer|Manager|Coordinator|Koordinator|Sekretaris|Menteri|Minister)\b[^,.\n]*$", before):
            yield "person-post-comma", m.start(1), m.end(1), None, m.end(1)
    for m in re.finditer(r"(?<![\w])(" + _NAME.pattern + r")", text):
        if _ATTRIBUTION_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            yield "person-attribution", m.start(), m.end(), None, m.end()
    yield from _in_context(ctx)


_SPEECH_AFTER = re.compile(r"\s+(?:juga\s+|also\s+|pun\s+)?(?:menjelaskan|menyampaikan|mengatakan|menyatakan|menegaskan|"
                           r"mengungkapkan|menuturkan|menekankan|menambahkan|memaparkan|menyebut|menilai|mengusulkan|"
                           r"berharap|mengaitkan|menceritakan|mengingatkan|said|says|told|added|argued|explained|noted|"
                           r"stressed|emphasi[sz]ed|recalled|warned|agreed|presented|proposed)\b")
_BY_BEFORE = re.compile(r"\b(?:by|oleh)\s+$", re.IGNORECASE)
_DEGREES_AFTER = re.compile(r"(?:,?\s*(?:(?:[A-Z][A-Za-z]{0,3}\.){1,4}(?:[A-Za-z]+\.?)?|MURP|MPA|MPP|PhD|MBA|MSc|MA))+"
                            r"(?=[\s,;)]|$)")


def _in_context(ctx: Context) -> Iterator[tuple[str, int, int, int | None, int]]:
    """Names in running text, known by what stands next to them: a post after a comma ("X, Assistant
    Deputy for ..."), an organisation after "dari"/"of" ("X dari Plan Internasional Indonesia"), a verb of
    saying ("X menjelaskan", "X said"), or "led by X"; and names joined to these by "dan"/"and"."""
    from jejaring.ingest.extract.posts import role_at

    text = ctx.text
    for s in ctx.layout.sentences:
        for m in re.finditer(r"(?<![\w])(" + _NAME.pattern + r")", text[s.start:s.end]):
            start, end = s.start + m.start(), s.start + m.end()
            degrees = _DEGREES_AFTER.match(text, end, s.end)
            after = text[degrees.end() if degrees else end:s.end]
            clause_end = end + (re.search(r"[;]|$", text[end:s.end]).start())
            comma = re.match(r"\s*,\s*(?:(?:a|an|the|seorang|selaku|sebagai)\s+)?", after)
            if degrees:
                comma = re.match(r"\s*,?\s*(?:(?:a|an|the|seorang|selaku|sebagai)\s+)?", after)
            post_start = (degrees.end() if degrees else end) + (comma.end() if comma else 0)
            if comma and role_at(ctx, post_start, clause_end, allow_lower=True) is not None:
                yield "person-name-post", start, end, post_start, clause_end
                continue
            of = re.match(r"\s+(?:dari|of|from)\s+(?:the\s+)?(?=[A-Z])", after)
            if of and len(m.group().split()) >= 2:
                yield "person-name-org", start, end, end + of.end(), clause_end
                continue
            by = len(m.group().split()) >= 2 and _BY_BEFORE.search(text[max(s.start, start - 25):start])
            if _SPEECH_AFTER.match(after) or by:
                yield "person-context", start, end, None, end


def _org_at(ctx: Context, start: int, end: int) -> bool:
    """True when an organisation name the lexicon or the head words know fills ``text[start:end]``."""
    inside = ctx.text[start:end].strip()
    lex = ctx.lexicon
    return bool(lex.organisation_by_name(inside) or lex.organisation_by_acronym(inside) or lex.agency_type(inside)
                or any(inside.startswith(h.head + " ") for h in lex.org_heads if h.position == "prefix"))


def _segments(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split a list item into person segments at inline markers ("[i] A, Post; [ii] B")."""
    marks = list(_INLINE_MARKER.finditer(text, start, end))
    if not marks:
        return [(start, end, False)]
    out = []
    for i, m in enumerate(marks):
        seg_end = marks[i + 1].start() if i + 1 < len(marks) else end
        stop = re.search(r";|\)\s*[;,.]?\s*(?:dan|and)?\s*$|\s+(?:dan|and)\s*$", text[m.end():seg_end])
        out.append((m.end(), m.end() + stop.start() if stop else seg_end, True))
    return out


def _only_closing(rest: str) -> bool:
    return bool(re.fullmatch(r"[\s);.]*", rest))


def _name_with_titles(text: str, start: int, end: int, honorifics: list[str]) -> int | None:
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
    m = _NAME.match(text, pos, end)
    if m is None:
        return None
    stop = m.end()
    degrees = _DEGREES_AFTER.match(text, stop, end)
    if degrees and re.search(r"[A-Z]\.|MURP|MPA|MPP|PhD|MBA|MSc|MA", degrees.group()):
        stop = degrees.end()
    return stop


def _name_part(ctx: Context, start: int, end: int) -> NamePart | None:
    lex = ctx.lexicon
    part = split_titles(ctx.text, start, end, lex.honorific_forms(), lex.degree_forms())
    if not part.name or not _NAME.fullmatch(part.name):
        # trim anything after the name proper (a stray word the candidate swallowed)
        m = _NAME.match(ctx.text, part.start, part.end)
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
    if any(lex.is_common_word(w) for w in words) and not part.honorifics:
        return False
    if part.name in lex.degree_forms() or part.name in lex.honorific_forms():
        return False  # "Laura Sutton, MSc, Programme Manager": the degree is no second person
    if lex.place(part.name) is not None or lex.organisation_by_name(part.name) or lex.organisation_by_acronym(part.name):
        return False
    if lex.starts_with_post(part.name):
        return False
    if len(words) == 1 and rule in ("person-attribution", "person-bracket-post", "person-degree", "person-name-org"):
        return False  # a lone word here is too often not a name; back-references pick up surnames
    if rule.startswith(("person-name", "person-context")) and (
            lex.is_institutional_word(words[0]) or all(lex.is_institutional_word(w) for w in words)):
        return False
    if len(words) == 1 and rule == "person-context" and (lex.is_institutional_word(words[0]) or len(words[0]) < 4):
        return False
    if len(words) == 1 and rule == "person-list" and not part.honorifics:
        return len(words[0]) >= 5
    return True


def _back_references(ctx: Context, found: list[Mention], blocked: list[Mention]) -> list[Mention]:
    """Later mentions by one part of a known name ("Hendra", "Pak Hendra", "Saputra")."""
    parts: dict[str, set[str]] = {}
    for m in found:
        words = [w for w in m.name.split() if not re.fullmatch(r"[A-Z]\.", w)]
        for w in words if len(words) > 1 or len(m.name) >= 5 else []:
            if len(w) >= 4:
                parts.setdefault(fold(w), set()).add(fold(m.name))
    taken = [(m.start, m.end) for m in found] + [(b.start, b.end) for b in blocked]
    out = []
    for m in re.finditer(r"(?<![\w])([A-Z][a-zà-ÿ'’\-]{3,})(?![\w])", ctx.text):
        owners = parts.get(fold(m.group(1)))
        if not owners or len(owners) != 1:
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        out.append(Mention(m.start(), m.end(), "person", m.group(1), "person-back-reference", 0.7,
                           {"honorifics": [], "degrees": [], "refers_to": next(iter(owners))}))
    return out
