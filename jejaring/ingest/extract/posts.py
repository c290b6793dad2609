"""Posts: the grammar of Indonesian and English government titles.

"Deputi Gubernur Provinsi DKI Jakarta bidang Tata Ruang dan Lingkungan Hidup selaku CRO Jakarta
Berketahanan" reads as two posts: a role ("Deputi Gubernur") with its field ("bidang Tata Ruang ...")
in the body the locality names (the provincial government), and, after "selaku", a second role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jejaring.ingest.extract.context import Context, Mention

__all__ = ["PostParse", "find_post_mentions", "parse_posts", "role_at"]

# Words that introduce a second post held at the same time, or an earlier one.
_ALSO = re.compile(
    r"\s*(?:,\s*)?\b(?:selaku|sekaligus(?: sebagai)?|merangkap|as well as|and also|and|dan"
    r"|(?:who|yang)\s+(?:also\s+|juga\s+)?(?:acts|serves|is|menjabat|bertindak)\s+(?:as|sebagai)"
    r"(?:\s+(?:the\s+)?(?:city's|province's|its|their|kota))?)\s+", re.I)
_FIELD = re.compile(r"\s*(?:[Bb]idang|[Uu]rusan|for|of)\s+", re.I)
# English role words that end a title ("Research Manager", "Youth Engagement Officer").
_EN_ROLE_TAIL = re.compile(
    r"(?:[A-Z][\w\-]*\s+){0,3}(?:Officer|Manager|Advisor|Adviser|Director|Coordinator|Counsellor|Counselor|Specialist|"
    r"Assistant|Analyst|Researcher|Consultant|Lead|Secretary|Chair|Chairperson|Facilitator|Expert|Associate)\b"
)


_EN_ROLE_TAIL_LOWER = re.compile(
    r"(?:[a-z][\w\-]*\s+){0,2}(?:officer|manager|advisor|adviser|director|coordinator|counsellor|specialist|"
    r"analyst|researcher|consultant|secretary|facilitator|expert|staff member|member of staff)\b")


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
    m = _EN_ROLE_TAIL.match(window) or (_EN_ROLE_TAIL_LOWER.match(window) if allow_lower else None)
    if m and (window[0].isupper() or allow_lower):
        return start + m.end(), None
    return None


def parse_posts(ctx: Context, start: int, end: int, orgs: list[Mention]) -> list[PostParse]:
    """Read the posts in ``text[start:end]`` (a title after a name, or inside brackets).

    ``orgs`` are the organisation mentions of the document; the one inside a post's extent is its body.
    """
    text = ctx.text
    out: list[PostParse] = []
    pos = start
    while pos < end:
        while pos < end and text[pos] in " ,;:(":
            pos += 1
        found = role_at(ctx, pos, end)
        if found is None:
            break
        role_end, entry = found
        stop = _post_end(text, role_end, end, {o.start for o in orgs})
        holder = _trailing_name(ctx, role_end, stop)
        if holder is not None:
            stop = holder[0]
            while stop > pos and text[stop - 1] in " ,":
                stop -= 1
        org = next((o for o in orgs if pos <= o.start < stop), None)
        label_end = org.start if org is not None else stop
        locality = None
        loc = re.search(r"(?:\s(?:of|di|in))?\s(?:(?:Provinsi|Prov\.|Pemprov|Pemerintah Provinsi|Kota|Kabupaten)\s+"
                        r"[A-Z][\w ]*?(?=\s+(?:bidang|for|of)\b|\s*$)|DKI Jakarta(?=\s|$))", text[role_end:label_end])
        label = text[pos:label_end]
        if loc:
            locality = re.sub(r"^(?:of|di|in)\s+", "", loc.group().strip())
            label = text[pos:role_end + loc.start()] + text[role_end + loc.end():label_end]
        label = re.sub(r"(?:\s+(?:of|dari|pada|di|in|at|for|untuk))+\s*$", "", re.sub(r"\s+", " ", label).strip(" ,;("))
        role = entry.role if entry is not None else _slug(label)
        lang = entry.lang if entry is not None else "en"
        names = ((entry.label_id, "id"), (entry.label_en, "en")) if entry is not None else ()
        out.append(PostParse(pos, stop, role, label, lang, org, locality, names, holder))
        also = _ALSO.match(text, stop)
        if also is None or role_at(ctx, also.end(), end) is None:
            break
        pos = also.end()
    return out


# Lowercase words that may stand inside a post title ("Kepala Seksi ... pada Dinas ...", "Head of ...").
_TITLE_JOINERS = {"dan", "bidang", "urusan", "pada", "of", "for", "and", "the", "di", "in", "untuk", "serta", "&",
                  "dan/atau", "sub-bidang", "subbidang", "on"}


def _post_end(text: str, pos: int, end: int, org_starts: set[int] = frozenset()) -> int:
    """A post's extent: capitalised words and title joiners after the role; a comma continues it only
    into an organisation or locality ("Kepala Seksi X, Dinas Lingkungan Hidup"), never into a name."""
    stop = pos
    for m in re.finditer(r"[^\W_][\w'’/\-.]*|[,;()\[\]]", text[pos:end]):
        token = m.group()
        at = pos + m.start()
        gap = text[stop:at]
        if token in ";()[]" or "\n" in gap:
            break
        if token == ",":
            after = text[pos + m.end():end].lstrip()
            if end - len(after) in org_starts:
                continue
            if not re.match(r"(?:Dinas|Badan|Biro|Bagian|Kelurahan|Kecamatan|Sekretariat|Suku Dinas|Kantor|Provinsi|"
                            r"Kota|Kabupaten|Pemerintah|Pemprov|Pemkot|Pemkab|Kementerian|Yayasan)\b", after):
                break
            continue
        if token[0].isupper() or token[0].isdigit() or token.lower() in _TITLE_JOINERS:
            if token.lower() in ("selaku", "sekaligus", "merangkap"):
                break
            stop = at + len(token.rstrip("."))
            continue
        break
    while stop > pos and text[stop - 1] in " ,.":
        stop -= 1
    # trailing joiners belong to what follows, not to the title
    trimmed = re.sub(r"(?:\s+(?:dan|and|of|for|the|di|in|pada|untuk|serta|&))+$", "", text[pos:stop])
    return pos + len(trimmed)


def _trailing_name(ctx: Context, start: int, stop: int) -> tuple[int, int] | None:
    """ "Deputi Gubernur bidang Tata Ruang dan Lingkungan Hidup Hendra Saputra": the capitalised words at
    the end of a title that the lexicon does not know as words of institutions name its holder."""
    words = list(re.finditer(r"[A-Z][\w'’\-]*", ctx.text[start:stop]))
    name: list[re.Match] = []
    for w in reversed(words):
        if ctx.lexicon.is_institutional_word(w.group()) or ctx.lexicon.place(w.group()) is not None:
            break
        if name and ctx.text[start + w.end():start + name[-1].start()].strip():
            break
        name.append(w)
    if len(name) < 2 or start + name[0].end() != stop:
        return None
    return start + name[-1].start(), stop


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def find_post_mentions(ctx: Context, orgs: list[Mention]) -> list[Mention]:
    """Mentions that name a post without its holder ("Lurah Kelurahan Duri Utara menjelaskan ...")."""
    out = []
    for s in ctx.layout.sentences:
        for m in re.finditer(r"(?<![\w])[A-Z]", s.text):
            start = s.start + m.start()
            if any(p.start <= start < p.end for p in out):
                continue
            posts = parse_posts(ctx, start, s.end, orgs)
            if posts and posts[0].start == start:
                p = posts[0]
                out.append(Mention(p.start, posts[-1].end, "post", p.label, "post-mention", 0.7,
                                   {"posts": posts}))
    return out
