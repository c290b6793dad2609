"""Organisations: named by their head word ("Dinas ...", "... Agency"), by the lexicon, or by an acronym.

Each mention carries its ``acronym`` (defined next to it), ``locality`` (the place its name ends with, e.g.
"Provinsi DKI Jakarta"), ``org_kind``, ``unit``, ``entry`` (the lexicon row, when known) and ``aliases`` (other
names given with it, "Pemerintah Kota Seoul/Seoul Metropolitan Government").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.names import acronym_matches, fold, is_capitalised, syllable_acronym
from jejaring.ingest.extract.posts import role_at
from jejaring.ingest.extract.text import any_term, pattern
from jejaring.ingest.lexicon import (
    BUSINESS_KINDS,
    UNIT_KINDS,
    AgencyType,
    KindWord,
    Lexicon,
    alternation,
    load_lexicon,
)

__all__ = ["acronym_names_no_body", "addressed_areas", "find_acronym_definitions", "find_organisations", "names_a_kind"]

_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&\-]*[A-Z0-9]|[A-Z]{2,}")
# An acronym given in brackets right after a name: "(BPBD)", "[BPBD]", "(OPD/SKPD)".
_BRACKETED = re.compile(r"\s*[\(\[]\s*([A-Z][A-Za-z0-9&\-]{1,14}(?:\s?/\s?[A-Z][A-Za-z0-9&\-]{1,14})?)\s*[\)\]]")


@dataclass(frozen=True)
class _Rules:
    """The patterns and word sets of the rules, built from the lexicon."""

    locality: str  # a region named after a body: "Kota Semarang", "DKI Jakarta", "Jakarta Utara" (pattern source)
    localities: re.Pattern[str]  # the same, compiled
    at_end: re.Pattern[str]  # a locality ending a name (group 1)
    after_acronym: re.Pattern[str]  # a locality after an acronym: "Bappeda Kota Semarang" (group 1)
    english_locality: re.Pattern[str]  # "of (the) DKI Jakarta", "of Semarang City" after a name (group 1)
    kind_words: re.Pattern[str]  # "Duri Utara urban village": capitalised words, then a kind word (group 2)
    government_of: re.Pattern[str]  # "pemerintah Arab Saudi": a word for government, then capitalised words (group 1)
    business_named: re.Pattern[str]  # "the engineering firm Delta Rekayasa": a noun for a business, then its name (group 1)
    kind_of: dict[str, KindWord]  # the kind word's row
    government_heads: tuple[str, ...]  # heads that open a government's name ("Pemerintah", "Pem...")
    office_heads: frozenset[str]  # heads naming the office of a body named next ("Kantor")
    delegation_heads: frozenset[str]  # heads naming a place's delegation when only a place follows ("Tim")
    proper_name_heads: frozenset[str]  # heads a proper name must follow ("Bank")
    head_links: frozenset[str]  # words an English head needs after it ("of", "for")
    conjunctions: frozenset[str]  # words joining two names, or the items of a list ("dan", "serta")
    and_words: frozenset[str]  # "dan", "and"
    articles: frozenset[str]  # "the" (lower case)
    trailing: frozenset[str]  # words dropped from the end of a name (lower case)
    suffix_breaks: frozenset[str]  # words after which a suffix-head name begins
    new_body_heads: frozenset[str]  # heads that begin another body's name right after one ("... DPR Fraksi X")
    suffix_skips: frozenset[str]  # words that do not open a suffix-head name (lower case)
    level_words: frozenset[str]  # "kota", "city": words for a locality's level (lower case)
    number_words: frozenset[str]  # "nomor", "no.": words before a number a name does not hold (lower case)
    months: frozenset[str]  # month names (lower case): a year after one is a date inside a name
    acronym_locality_drop: tuple[str, ...]  # words taken out of a locality to find an acronym's body


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    def words(name: str, space: str = r"\s+") -> str:
        return lexicon.alternation(name, space=space)

    def lower(*names: str) -> frozenset[str]:
        return frozenset(w.lower() for name in names for w in lexicon.words(name))

    # a Balinese name's opener ("I Made", "Ni Luh") ends the region's name: the holder of a post follows
    no_opener = rf"(?!(?:{words('name_openers', ' ')})\b)"
    locality = (rf"{words('locality_heads', ' ')}[ \t]+[A-Z]\w*(?:[ \t]+{no_opener}[A-Z]\w*)*"
                rf"|{words('bare_provinces')}|{words('bare_cities')}")
    the = words("definite_articles")
    english = (rf"\s+{words('locality_of_words')}\s+((?:{the}\s+)?(?:{words('bare_provinces', ' ')}"
               rf"|[A-Z]\w+(?:\s+{words('locality_levels_after')})?))")
    kind_of = {w.word: w for w in lexicon.kind_words}
    conjunctions = lexicon.words("and_words") | lexicon.words("as_well_as")
    return _Rules(
        locality=locality,
        localities=re.compile(locality),
        at_end=re.compile(rf"\s({locality})$"),
        after_acronym=re.compile(rf"[ \t]+({locality})"),
        english_locality=re.compile(english),
        kind_words=re.compile(rf"((?:[A-Z][\w'’\-]*\s+){{1,3}})({alternation(kind_of, ' ')})\b"),
        kind_of=kind_of,
        business_named=re.compile(rf"(?<![\w-])(?:{words('business_nouns')})\s+"
                                  rf"([A-Z][\w&'’\-]*(?:[ \t]+[A-Z][\w&'’\-]*){{0,3}})"),
        government_of=re.compile(rf"(?<!\w)(?i:{words('government_words')})\s+((?:[A-Za-z]+\s+)?[A-Z][\w'’\-]*"
                                 rf"(?:[ \t]+[A-Z][\w'’\-]*){{0,3}})"),
        government_heads=tuple(sorted(lexicon.words("government_head_prefixes"))),
        office_heads=lexicon.words("office_heads"),
        delegation_heads=lexicon.words("delegation_heads"),
        proper_name_heads=lexicon.words("proper_name_heads"),
        head_links=lexicon.words("prefix_head_links"),
        conjunctions=conjunctions,
        and_words=lexicon.words("and_words"),
        articles=lower("definite_articles"),
        trailing=lower("name_trailing_words"),
        suffix_breaks=lower("suffix_name_breaks"),
        new_body_heads=lexicon.words("new_body_heads"),
        suffix_skips=lower("suffix_name_breaks", "definite_articles"),
        level_words=lower("locality_level_words"),
        number_words=lower("number_words"),
        months=frozenset(lexicon.month_numbers),
        acronym_locality_drop=tuple(sorted(lexicon.words("acronym_locality_drop"))),
    )


def find_organisations(ctx: Context) -> Iterator[Mention]:
    """Mentions of organisations: head-word names, lexicon names (typos included) and known acronyms."""
    yield from _by_head(ctx)
    yield from _by_lowercase_head(ctx)
    yield from _by_government_word(ctx)
    yield from _by_business_noun(ctx)
    yield from _by_lexicon(ctx)
    yield from _by_acronym(ctx)


def _by_lowercase_head(ctx: Context) -> Iterator[Mention]:
    """ "Duri Utara urban village", "Tambora sub-district": a lowercase kind word (the lexicon's
    ``kind_words``) after a name, English renderings of Indonesian units."""
    rules = _rules(ctx.lexicon)
    for m in rules.kind_words.finditer(ctx.text):
        word = rules.kind_of[m.group(2)]
        # the Indonesian name is the same body: "Duri Utara urban village" is "Kelurahan Duri Utara"
        alias = f"{word.alias_head} {m.group(1).strip()}"
        yield Mention(m.start(), m.end(), "organisation", m.group(), "org-head-lowercase", 0.8,
                      aliases=[alias], org_kind=word.kind, unit=word.unit)


def find_acronym_definitions(ctx: Context) -> dict[str, tuple[int, int, str]]:
    """Acronyms defined in the text: ``{acronym: (start, end, expansion)}`` for "Long Name (ACR)" forms."""
    out: dict[str, tuple[int, int, str]] = {}
    rules = _rules(ctx.lexicon)
    for run in ctx.runs:
        m = _BRACKETED.match(ctx.text, run.end)
        if not m:
            continue
        for acronym in re.split(r"\s?/\s?", m.group(1)):
            loc = rules.at_end.search(run.text)
            # "Dinas Perhubungan Kota Semarang (Dishub)": the locality is not abbreviated
            bare = run.words[:len(run.text[:loc.start()].split())] if loc else run.words
            start = _acronym_start(ctx, run.words, acronym)
            if start is None:
                start = _acronym_start(ctx, bare, acronym) or _generic_start(ctx, bare, acronym)
            if start is not None and acronym not in out:
                out[acronym] = (start, run.end, ctx.text[start:run.end])
    return out


def _acronym_start(ctx: Context, words: tuple[tuple[int, int, str], ...], acronym: str) -> int | None:
    """The start of the shortest tail of the words that the acronym abbreviates, if any."""
    for i in range(len(words) - 1, -1, -1):
        phrase = " ".join(w for _, _, w in words[i:])
        if acronym_matches(acronym, phrase, ctx.lexicon):
            # prefer the longest tail that still matches exactly from its first word
            j = i
            while j > 0 and acronym_matches(acronym, " ".join(w for _, _, w in words[j - 1:]), ctx.lexicon):
                j -= 1
            return words[j][0]
    return None


def _generic_start(ctx: Context, words: tuple[tuple[int, int, str], ...], acronym: str) -> int | None:
    """The start of the tail of the words that is the generic name of an agency type ("Dinas Perhubungan"
    for "Dishub"), if any."""
    for i in range(len(words)):
        if _generic_name(ctx, acronym, " ".join(w for _, _, w in words[i:])):
            return words[i][0]
    return None


def _by_business_noun(ctx: Context) -> Iterator[Mention]:
    """ "the engineering firm Delta Rekayasa", "perusahaan otobus Sinar Lestari": a lowercase noun for a business before a name
    the lexicon does not know as a place or a post; the name where the document repeats it names the firm too."""
    lex = ctx.lexicon
    names = {m.group(1) for m in _rules(lex).business_named.finditer(ctx.text)}
    for name in sorted(names):
        if lex.place(name) is not None or lex.starts_with_post(name) or lex.is_common_word(name.split()[0]):
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", ctx.text):
            yield Mention(m.start(), m.end(), "organisation", name, "org-business-noun", 0.75, org_kind="company")


def _by_government_word(ctx: Context) -> Iterator[Mention]:
    """ "pemerintah Arab Saudi", "Pemerintah Australia", "pemerintah provinsi Jawa Barat": a word for government
    before a country or a locality the lexicon knows names that place's government."""
    lex = ctx.lexicon
    for m in _rules(lex).government_of.finditer(ctx.text):
        words = list(re.finditer(r"\S+", m.group(1)))
        for k in range(len(words), 0, -1):
            place = m.group(1)[:words[k - 1].end()]
            level = place[:1].upper() + place[1:]
            found = lex.place(place)
            if found is not None and found.kind == "country":
                word = m.group()[:m.start(1) - m.start()].strip()
                name, kind = f"{word[:1].upper()}{word[1:]} {place}", "national-government"
            elif (name := lex.government_of_locality(level)) is not None:
                kind = lex.government_kind_of_locality(level)
            else:
                continue
            entries = lex.organisation_by_name(name)
            entry = entries[0] if len(entries) == 1 else None
            yield Mention(m.start(), m.start(1) + words[k - 1].end(), "organisation", name, "org-government-of-place",
                          0.8, entry=entry, org_kind=entry.kind if entry else kind)
            break


# -- head words ----------------------------------------------------------------------------------
def names_a_kind(lex: Lexicon, head: str, after: str) -> bool:
    """True when a head a proper name must follow ("Bank") stands before a common noun, so names a kind of thing
    ("Bank Sampah", "Bank Emas"), not a body."""
    from jejaring.ingest.model import common_words

    return head in _rules(lex).proper_name_heads and not after.isupper() and after.lower() in common_words()


def _by_head(ctx: Context) -> Iterator[Mention]:
    heads = ctx.lexicon.org_heads_by_word
    rules = _rules(ctx.lexicon)
    for run in ctx.runs:
        words = run.words
        i = 0
        while i < len(words):
            head = _head_at(words, i, heads, prefix=True)
            if head is None or (head.lang == "en" and not _followed_by_of(rules, words, i + len(head.head.split()))):
                i += 1
                continue
            j = _name_end(ctx, words, i + len(head.head.split()), heads, head.kind in BUSINESS_KINDS)
            if j == i + len(head.head.split()) or _heads_alone(ctx, words[i:j], heads) or all(
                    re.fullmatch(r"[IVXLC]+|\d+", w) for _, _, w in words[i + len(head.head.split()):j]):
                i += 1  # a head word alone ("Dinas", "Kementerian/Lembaga") names nothing
                continue
            if names_a_kind(ctx.lexicon, head.head, words[i + len(head.head.split())][2]):
                i += 1  # "Bank Sampah", "Bank Emas": a kind of thing
                continue
            if _inside_place(ctx, words, i):
                i += 1  # "Kabupaten Seram Bagian Barat": a word of a place's name, not a head
                continue
            if _field_of_title(ctx, words[i][0], head.head):
                i += 1  # "Menteri Koperasi Rina ...": the title's field, which names its body (Kementerian Koperasi)
                continue
            if head.head in rules.delegation_heads and ctx.lexicon.place(
                    " ".join(w for _, _, w in words[i + len(head.head.split()):j])) is not None:
                i = j  # "Tim Kendari": a place's delegation, no body
                continue
            if head.head in rules.office_heads and i + 1 < len(words) and (
                    words[i + 1][2].isupper() or _head_at(words, i + 1, heads, True) is not None
                    or _lexicon_name_at(ctx, words, i + 1)
                    or _post_at(ctx, words, i + 1, j)):
                # "Kantor BPBD ...", "Kantor Kementan": the body's office, so the body; "Kantor Gubernur ...": the
                # building where a post's holder works, no body of its own
                i += 1
                continue
            strong = head.head.startswith(rules.government_heads)
            m = _org_mention(ctx, words[i][0], words[j - 1][1], "org-head", head.kind, head.unit, strong)
            m.confidence = max(m.confidence, 0.87)  # an organisation wins a tie with an event ("Forum Anak ...")
            yield m
            i = j
        # "Seoul Human Resource Department Center", "Resilient Jakarta Secretariat": the last suffix head of
        # each part of the run between "and"s ("J-Power Group dan Asian Development Bank")
        # an "and" the acronym in brackets after the run abbreviates is inside the name ("Food and Drug ... (FDA)")
        given = _acronym_given_start(ctx, words)
        cuts = [k for k in range(1, len(words)) if words[k][2] in rules.and_words and (given is None or k < given)]
        for a, b in pairwise([-1, *cuts, len(words)]):
            yield from _by_suffix_head(ctx, words[a + 1:b], heads)


def _by_suffix_head(ctx: Context, words, heads: dict) -> Iterator[Mention]:
    """The name ending in the last suffix head of ``words``, if any."""
    from jejaring.ingest.model import common_words

    rules = _rules(ctx.lexicon)
    last = None
    for j in range(1, len(words)):
        head = _head_at(words, j, heads, prefix=False)
        if head is not None and last is not None and j <= last[2]:
            continue  # "Working Group": its "Group" is part of the longer head
        after = j + len(head.head.split()) if head is not None else j
        if head is not None and head.lang != ctx.doc.language and after < len(words) and \
                words[after][2][:1].isupper() and ctx.lexicon.place(words[after][2]) is None and \
                _head_at(words, after, heads, prefix=True) is None:
            continue  # "PT Bank Sentosa Indonesia" in Indonesian: the name goes on after the head, unless a place or a
            # new name follows ("Economic Development Board Singapore", "Banking Group PT Bank ...")
        if head is not None and not _followed_by_of(rules, words, after):
            last = (j, head, after - 1)
        elif head is not None and head.lang == "en" and (named := _name_end(ctx, words, after + 1, heads)) > after + 1:
            last = (j, head, named - 1)  # "Asian Institute of Technology": the name goes on after "of"
    if last is not None:
        j, head, end = last
        start = _suffix_name_start(ctx, words, j, head.kind in BUSINESS_KINDS)
        given = _acronym_given_start(ctx, words[:end + 1])
        if given is not None and (start is None or given < start):
            start = given  # "Food and Drug Administration (FDA)": the acronym's words are the name's
        while start is not None and given is not None and start < given and (
                words[start][2].lower() in ctx.lowercase_words or words[start][2].lower() in common_words()):
            start += 1  # "[Data] World Meteorological Organization (WMO)", but "IGLA Kendari Urban Centre (KUC)"
        if start is not None:
            yield _org_mention(ctx, words[start][0], words[end][1], "org-head-suffix", head.kind, head.unit)


def _acronym_given_start(ctx: Context, words) -> int | None:
    """The index of the first word the acronym in brackets after ``words`` abbreviates, if one follows ("[Data] World
    Meteorological Organization (WMO)", "Food and Drug Administration (FDA)")."""
    given = _BRACKETED.match(ctx.text, words[-1][1])
    start = _acronym_start(ctx, words, given.group(1).split("/")[0]) if given else None
    k = next((k for k, w in enumerate(words) if w[0] == start), None)
    articles = _rules(ctx.lexicon).articles
    while k is not None and k < len(words) - 1 and (not is_capitalised(words[k][2]) or words[k][2].lower() in articles):
        k += 1  # "J-Power Group [and] Asian Development Bank (ADB)", "[The] Kendari Water Agency (KWA)"
    return k


def _lexicon_name_at(ctx: Context, words, k: int) -> bool:
    """True when a name or acronym the lexicon knows starts at ``words[k]``, as written."""
    lex = ctx.lexicon
    for n in range(min(6, len(words) - k), 0, -1):
        phrase = " ".join(w for _, _, w in words[k:k + n])
        if any(phrase in _written_forms(e) for e in lex.organisation_by_name(phrase) + lex.organisation_by_acronym(phrase)):
            return True
    return False


def _heads_alone(ctx: Context, words, heads: dict) -> bool:
    """True for head words given as alternatives ("Kementerian/Lembaga"): kinds of body, no one body."""
    return len(words) > 1 and all(ctx.text[a[1]:b[0]] == "/" for a, b in pairwise(words)) and all(
        any(h.head == w for h in heads.get((True, w), ())) for _, _, w in words)


def _followed_by_of(rules: _Rules, words, k: int) -> bool:
    return k < len(words) and words[k][2] in rules.head_links


def _head_at(words, i: int, heads: dict, prefix: bool):
    """The longest head (``Lexicon.org_heads_by_word``) whose words start at ``words[i]``, or None."""
    if i >= len(words):
        return None
    for head in heads.get((prefix, words[i][2]), ()):
        parts = head.head.split()
        if [w for _, _, w in words[i:i + len(parts)]] == parts:
            return head
    return None


def _name_end(ctx: Context, words, i: int, heads, business: bool = False) -> int:
    """Where a head-word name whose words start at ``i`` ends: before "dan" and a new name, at a comma before a new
    name or a post title ("Dewan Perwakilan Rakyat, Dewan Perwakilan Daerah", "DPRD X Rina, Kepala Dinas ..."); a
    business's name before "dan" and any capitalised word ("PT Sinar Konsultindo dan Ruang Kota" names two firms)."""
    j = i
    index = ctx.lexicon.organisation_name_index()
    rules = _rules(ctx.lexicon)
    while j < len(words):
        w = words[j][2]
        if j > i and w in rules.new_body_heads:
            break  # "Komisi II DPR [Fraksi X]": a second body
        # a comma right after the head ("SPKT Polda, Gedung ..."), or before a number, ends the name
        if j > 0 and "," in ctx.text[words[j - 1][1]:words[j][0]] and (
                j == i or w[0].isdigit()
                or _head_at(words, j, heads, True) is not None or fold(w) in index or ctx.lexicon.agency_type(w)
                or _post_at(ctx, words, j)
                or not _comma_list_ahead(ctx, rules, words, j)):
            break
        if w.lower() in rules.number_words and re.match(r"\.?\s*(?:\d|[IVX]+\b)", ctx.text[words[j][1]:words[j][1] + 8]):
            break  # "KPU Nomor 731 Tahun 2025", "Bank Indonesia No. 24/105": the body's decree, not its name
        if (w in rules.conjunctions or w == "&") and j + 1 < len(words):
            k = j + 2 if words[j + 1][2].lower() in rules.articles and j + 2 < len(words) else j + 1
            nxt = words[k][2]
            if nxt[:1].isupper() and (business or _head_at(words, k, heads, True) is not None or fold(nxt) in index
                                      or ctx.lexicon.place(nxt) or _suffix_head_ahead(words, k, heads, rules)
                                      or _post_at(ctx, words, k)):
                break  # "City of Kitakyushu and the Surabaya City Government": a second body; "... dan Gubernur"
        j += 1
    while j > i and (words[j - 1][2].lower() in rules.trailing or _score_or_year(ctx, rules, words, j - 1)):
        j -= 1
    return j


def _post_at(ctx: Context, words, k: int, end: int | None = None) -> bool:
    """True when a post title the lexicon knows opens the words from ``words[k]`` (to ``end``)."""
    return ctx.lexicon.starts_with_post(" ".join(w for _, _, w in words[k:end]))


def _inside_place(ctx: Context, words, i: int) -> bool:
    """True when ``words[i]`` is inside a place's name the gazetteer knows that starts before it."""
    return any(ctx.lexicon.place(" ".join(w for _, _, w in words[a:b])) is not None
               for a in range(max(0, i - 2), i) for b in range(i + 1, min(len(words), i + 3) + 1))


def _field_of_title(ctx: Context, start: int, head: str) -> bool:
    """True when the head word at ``start`` follows a title that names its body by the field after it, a body of
    another head ("Menteri Koperasi": Kementerian Koperasi; not "Lurah Kelurahan ...")."""
    before = ctx.text[max(0, start - 40):start]
    return any(row.rest == "field" and before.endswith(f" {row.pattern} ") and not row.body.startswith(f"{head} ")
               for row in ctx.lexicon.post_bodies)


def _suffix_head_ahead(words, k: int, heads, rules: _Rules) -> bool:
    """True when the capitalised words from ``words[k]`` end in a suffix head before any conjunction."""
    for m in range(k + 1, len(words)):
        if words[m][2] in rules.conjunctions or not words[m][2][:1].isupper():
            return False
        if _head_at(words, m, heads, prefix=False) is not None:
            return True
    return False


def _score_or_year(ctx: Context, rules: _Rules, words, k: int) -> bool:
    """True for a number after a name that is no part of it: a score ("Kementerian Kesehatan 62,9") or a year
    ("PT Sinar Maju 2016-2019"), unless a month makes the year a date of the name ("Universitas 17 Agustus 1945")."""
    word, end = words[k][2], words[k][1]
    if word.isdigit() and re.match(r"[,.]\d", ctx.text[end:end + 2]):
        return True
    return bool(re.fullmatch(r"(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?", word)) and (
        k == 0 or words[k - 1][2].lower() not in rules.months)


def _comma_list_ahead(ctx: Context, rules: _Rules, words, j: int) -> bool:
    """After a comma, "B, dan C" must follow for the comma to stay inside one name."""
    for k in range(j, min(len(words), j + 5)):
        if words[k][2] in rules.conjunctions:
            return True
        if k > j and "," in ctx.text[words[k - 1][1]:words[k][0]] and words[k][2] not in rules.and_words:
            return False
    return False


def _suffix_name_start(ctx: Context, words, j: int, business: bool = False) -> int | None:
    """The first word of a name ending in a suffix head: from the run's start (or after its last "and"
    or "of"), the first word that can open the name of an institution (a place, an acronym, a word of
    known institutions), so a person's name before "of the Secretariat" stays out; a business ("... Group")
    may open with any word that is no common word ("Wilmar Group", not "Rinciannya untuk Sinar Tani Group")."""
    from jejaring.ingest.model import is_common

    start = 0
    rules = _rules(ctx.lexicon)
    possessive = False
    for k in range(j):
        # "X of the Y Secretariat"; "NUSA's Karimata Learning Centre": a possessive ends its owner's name
        if (words[k][2].lower() in rules.suffix_breaks or re.search(r"['’]s$", words[k][2])) and k + 1 < j:
            start, possessive = k + 1, words[k][2].lower() not in rules.suffix_breaks
    lex = ctx.lexicon
    # "Direktur Utama Bank Mega ...": a post title before the head is the title's, not the name's
    title = role_at(ctx, words[start][0], words[j][0]) if start < j else None
    while title is not None and start < j and words[start][0] < title[0]:
        start += 1
    before = ctx.text[max(0, words[start][0] - 5):words[start][0]].split()
    if start < j and title is None and (possessive or (before and before[-1].lower() in rules.articles)):
        return start  # "at the Coastal Care Foundation": after "the" or a possessive, the capitalised words are the name
    while start < j:
        w = words[start][2]
        if w.lower() not in rules.suffix_skips and not lex.is_common_word(w) and (
                lex.is_institutional_word(w) or lex.place(w) is not None or w.isupper() or w[0].isdigit()
                or (business and not is_common(w))):
            break
        start += 1
    return start if start < j else None


def _org_mention(ctx: Context, start: int, end: int, rule: str, kind: str | None, unit: bool,
                 strong: bool = False) -> Mention:
    text = ctx.text
    lex = ctx.lexicon
    rules = _rules(lex)
    # the name may be followed by its acronym and then by a locality: "... Daerah [BPBD] Provinsi DKI Jakarta"
    acronym_given = locality = entry = None
    aliases: list[str] = []
    end_name = end
    m = _BRACKETED.match(text, end)
    named = text[start:end]
    acronym = m.group(1).split("/")[0] if m else ""
    bare = rules.at_end.sub("", named)
    if m and (acronym_matches(acronym, named, lex) or acronym_matches(acronym, named.split(" ", 1)[-1], lex)
              or any(acronym_matches(acronym, n, lex) or _generic_name(ctx, acronym, n) for n in (named, bare))
              or syllable_acronym(acronym, named)
              # "Badan Antariksa Amerika Serikat (NASA)": abbreviated in its own language
              or _own_acronym(ctx, acronym, named)):
        acronym_given = m.group(1)
        after = m.end()
        # a unit's region may follow without a level word ("Balai ... (BPJN) Aceh")
        loc = pattern(rf"\s+({rules.locality})").match(text[after:]) or (
            _region_after(ctx, after) if kind in UNIT_KINDS else None)
        if loc:
            locality = loc.group(1)
            end = after + loc.end()
    core = text[start:end_name]
    # "Badan Usaha Milik Daerah (BUMD) ...": a generic body's name says its kind better than its head word
    agency = lex.agency_type(bare) or (lex.agency_type(acronym_given) if acronym_given else None)
    if agency is not None and agency.kind != kind:
        kind, unit = agency.kind, agency.kind in UNIT_KINDS
    loc_in_name = rules.at_end.search(core)
    if loc_in_name and locality is None:
        locality = loc_in_name.group(1)
    after_name = m.end() if m and acronym_given and locality is None else end
    english = rules.english_locality.match(text[after_name:])
    if english and locality is None and (acronym_given or kind in UNIT_KINDS):
        locality = english.group(1)  # "Regional Disaster Management Agency (BPBD) of DKI Jakarta"
        end = after_name + english.end()
    name = core if end == end_name else f"{core} {locality}"
    if acronym_given and locality:
        aliases = [f"{acronym_given} {place_core(locality, lex)}"]
    expanded = _expand_abbreviations(ctx, core)
    if expanded != core:
        aliases.append(expanded if end == end_name else f"{expanded} {locality}")
    entry = _lexicon_entry(ctx, name)
    national = _lexicon_entry(ctx, core) if entry is None else None
    if national is not None and name != core and national.kind not in UNIT_KINDS:
        # "Komisi Pemilihan Umum (KPU) Kabupaten Tabanan": a national body's name with a region after it names
        # the body's branch there, not the body
        kind, unit = national.kind, False
    else:
        entry = entry or national or _entry_in_region(ctx, core)
    if entry is None and national is None and acronym_given and (locality or _generic_name(ctx, acronym_given, core)):
        entry = _entry_by_acronym(ctx, acronym_given, locality)
    return Mention(start, end, "organisation", _clean(name), rule, 0.95 if strong else 0.85, entry=entry,
                   acronym=acronym_given, aliases=aliases, org_kind=kind, unit=unit, locality=locality)


def _entry_in_region(ctx: Context, name: str):
    """A unit named without its region ("Dinas Pemuda dan Olahraga") is the region's own when the
    document names that region and the lexicon knows exactly one such unit there."""
    found = []
    for region in _regions(ctx):
        found += ctx.lexicon.organisation_by_name(f"{name} {region}")
    return found[0] if len({e.id for e in found}) == 1 else None


def _regions(ctx: Context) -> list[str]:
    return sorted({m.group() for m in _rules(ctx.lexicon).localities.finditer(ctx.text)})


def place_core(locality: str, lexicon: Lexicon | None = None) -> str:
    """A locality without the words for its level (the lexicon's ``locality_level_words``, the shipped
    lexicon's unless ``lexicon`` is given): "Kota Semarang", "Semarang City" -> "Semarang".

    >>> place_core("Kota Administrasi Jakarta Utara"), place_core("the Semarang City")
    ('Jakarta Utara', 'Semarang')
    """
    level_words = _rules(lexicon or load_lexicon()).level_words
    words = [w for w in locality.split() if w.lower() not in level_words]
    return " ".join(words)


def _expand_abbreviations(ctx: Context, name: str) -> str:
    """ "Suku Dinas LH Jakarta Utara" -> "Suku Dinas Lingkungan Hidup Jakarta Utara": a short form of an agency
    type inside a name, written out."""
    shorts = _short_forms(ctx.lexicon)
    if not any_term(tuple(short for _, short in shorts)).search(name):
        return name  # most names hold none: one pass tells
    for agency, short in shorts:
        if (word := pattern(rf"(?<!\w){re.escape(short)}(?!\w)")).search(name):
            return word.sub(agency.name, name)
    return name


@cache
def _short_forms(lexicon: Lexicon) -> list[tuple[AgencyType, str]]:
    """The short forms of agency types that a name may hold for the full one ("LH" in "Suku Dinas LH"), in
    lexicon order."""
    return [(agency, short) for agency in lexicon.agency_types for short in (agency.acronym, *agency.aliases)
            if short and len(short) < len(agency.name) and short.split()[-1].isupper()]


def _generic_name(ctx: Context, acronym: str, name: str) -> bool:
    """True when a name is just the generic expansion of an acronym ("Regional Disaster Management Agency"
    for BPBD), with no place of its own ("Semarang Regional ...")."""
    agency = ctx.lexicon.agency_type(acronym)
    return agency is not None and fold(name) in {fold(agency.name), *map(fold, agency.aliases)}


def _entry_by_acronym(ctx: Context, acronym: str, locality: str | None):
    """ "BPBD" of DKI Jakarta: the lexicon's body with that acronym in that region, if there is one."""
    entries = ctx.lexicon.organisation_by_acronym(acronym)
    if locality:
        for word in _rules(ctx.lexicon).acronym_locality_drop:
            locality = locality.replace(word, "")
        wanted = fold(locality)
        entries = [e for e in entries if wanted in fold(e.name)]
    return entries[0] if len(entries) == 1 else None


def _region_entry(ctx: Context, entries: list, agency: AgencyType):
    """Of the lexicon's bodies of a kind every region has, the one whose region the document names, if one."""
    text = fold(ctx.text)
    drop = _rules(ctx.lexicon).acronym_locality_drop
    named = []
    for e in entries:
        region = e.name.replace(agency.name, "")
        for word in drop:
            region = region.replace(word, "")
        if region.strip() and fold(region.strip()) in text:
            named.append(e)
    return named[0] if len(named) == 1 else None


def _own_acronym(ctx: Context, acronym: str, named: str) -> bool:
    """True for a short form in brackets after a body's name that can only be the body's acronym, though its words do
    not spell it: in capitals ("Badan Antariksa ... (NASA)"), or of syllables opening with the name's first letter
    ("Dinas Kepemudaan, Olahraga, dan Pariwisata (Disporapar)"); no place's ("(AS)"), no other body's the lexicon
    knows ("Satgas ... (Polri)"), and not the initials of the name's last words, a holder's the name will lose
    ("Komisi X DPR Rina Dewi Sari (RDS)")."""
    lex = ctx.lexicon
    words = tuple((w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", named))
    return ((acronym.isupper() or acronym[0] == named[0]) and lex.place(acronym) is None
            and not lex.organisation_by_acronym(acronym) and _acronym_start(ctx, words, acronym) is None)


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace(" ,", ",")).strip(" ,")


def _lexicon_entry(ctx: Context, name: str):
    found = ctx.lexicon.organisation_by_name(name)
    return found[0] if len(found) == 1 else None


# -- addresses -----------------------------------------------------------------------------------
# one part of an address: capitalised words, numbers, "RT 03/02", ending in a comma ("Jalan Kaligawe, ")
_ADDRESS_WORDS = r"[A-Z0-9][\w/.'’\-]*(?:[ \t]+[A-Z0-9][\w/.'’\-]*)*"
_ADDRESS_PART = re.compile(rf"(?<!\w)({_ADDRESS_WORDS}),[ \t]*$")


def addressed_areas(ctx: Context, orgs: list[Mention]) -> list[Mention]:
    """The areas ("Desa ...", "Kecamatan ...") an address names: after a word that opens one ("di", "wilayah")
    or after other parts of one ("di Jalan Kaligawe, Kelurahan Tambakrejo, Kecamatan Gayamsari"). Such an area
    says where something happened, not which government acted; after a body's name ("Kantor Kelurahan Duri Utara,
    Kecamatan Tambora") the chain is that body's, and its areas stay organisations."""
    lex = ctx.lexicon
    heads = tuple(h + " " for h in lex.words("address_area_heads"))
    opener = pattern(rf"(?<!\w){lex.alternation('address_openers')}[ \t]+$", re.IGNORECASE)
    street = pattern(rf"(?<!\w){lex.alternation('address_street_heads')}[ \t]+{_ADDRESS_WORDS},?[ \t]*$")
    places: list[Mention] = []
    for m in sorted(orgs, key=lambda o: o.start):
        if m.name.startswith(heads) and _after_address(ctx, m.start, opener, street, orgs, places):
            places.append(m)
    return places


def _after_address(ctx: Context, start: int, opener: re.Pattern[str], street: re.Pattern[str], orgs: list[Mention],
                   places: list[Mention]) -> bool:
    """True when the text before ``start`` opens an address, directly, with a street ("Jalan Melati, ...") or
    through parts of one."""
    while True:
        before = ctx.text[max(0, start - 200):start]
        if opener.search(before) or street.search(before):
            return True
        part = _ADDRESS_PART.search(before)
        if part is None:
            return False
        part_start = start - len(before) + part.start(1)
        if any(part_start < o.end and o.start < start and o not in places for o in orgs):
            return False  # a body's name: what follows is its address, not a place said for itself
        start = part_start


# -- lexicon names -------------------------------------------------------------------------------
def _by_lexicon(ctx: Context) -> Iterator[Mention]:
    """Organisations the lexicon names, matched on runs of words (exactly, or within a typo or two)."""
    index = ctx.lexicon.organisation_name_index()
    defined = find_acronym_definitions(ctx)
    for run in ctx.runs:
        words = run.words
        for i in range(len(words)):
            first = fold(words[i][2])
            for n, names in index.get(first, {}).items():
                if i + n > len(words) or not is_capitalised(words[i + n - 1][2]):
                    continue  # a name never ends in a joiner: "Dewan Perwakilan Daerah, dan" is no typo of "... RI"
                surface = " ".join(w for _, _, w in words[i:i + n])
                best = max(names, key=lambda pair: fuzz.ratio(fold(surface), pair[0]))
                score = fuzz.ratio(fold(surface), best[0])
                if n == 1 and surface not in _written_forms(best[1]):
                    continue  # one word matches only as written: "Who" is not the WHO
                if n == 1 and acronym_names_no_body(ctx, words[i][0], words[i][1], defined, best[1]):
                    continue
                if score >= 90 and (score == 100 or len(best[0]) >= 12) and not _starts_with_post(ctx, surface):
                    yield Mention(words[i][0], words[i + n - 1][1], "organisation", surface, "org-lexicon",
                                  0.95 if score == 100 else 0.8, entry=best[1], org_kind=best[1].kind,
                                  unit=best[1].kind in UNIT_KINDS, misspelt=score < 100)


def acronym_names_no_body(ctx: Context, start: int, end: int, defined: dict | None = None, entry=None) -> bool:
    """True where a known acronym names no body: the document defines it as something else ("Public-Private
    Partnership (PPP)"), it counts units ("4.965 RT"), or it stands among a list of initials ("DS, ZF dan MA")."""
    token, text = ctx.text[start:end], ctx.text
    if defined and token in defined and (entry is None or fold(defined[token][2]) not in map(fold, _written_forms(entry))):
        return True
    if re.search(r"\d\s+$", text[max(0, start - 12):start]):
        return True
    listed = _listed_with(ctx, start, end)
    return len(token) <= 3 and token.isupper() and bool(listed) and not any(_known_acronym(ctx, o) for o in listed)


def _listed_with(ctx: Context, start: int, end: int) -> list[str]:
    """The short all-capitals tokens (initials' length) right before and after one in a list ("DS, ARH, ZF dan MA")."""
    text, and_words = ctx.text, _rules(ctx.lexicon).and_words
    joined = rf"(?:\s*,\s*(?:{alternation(and_words)}\s+)?|\s+{alternation(and_words)}\s+)"
    before = re.search(rf"(?<![\w/])([A-Z]{{2,3}}){joined}$", text[max(0, start - 20):start])
    after = re.match(rf"{joined}([A-Z]{{2,3}})(?![\w/])", text[end:end + 20])
    return [m.group(1) for m in (before, after) if m]


def _known_acronym(ctx: Context, token: str) -> bool:
    lex = ctx.lexicon
    return bool(lex.organisation_by_acronym(token) or lex.organisation_by_name(token) or lex.agency_type(token)
                or lex.place(token))


def _written_forms(entry) -> set[str]:
    return {entry.name, *entry.aliases, *([entry.acronym] if entry.acronym else [])}


def _starts_with_post(ctx: Context, name: str) -> bool:
    """ "Deputi Gubernur ... Bidang Tata Ruang" names a post (and its holder), not the office."""
    return ctx.lexicon.starts_with_post(name, longer_than=4, then=" ")


# -- acronyms ------------------------------------------------------------------------------------
@cache
def _acronym_tokens(lexicon: Lexicon) -> re.Pattern[str]:
    """An acronym: one token, or an agency type's acronym of two ("Satpol PP"), tried first."""
    spaced = [a for agency in lexicon.agency_types for a in (agency.acronym, *agency.aliases)
              if a and " " in a and a.split()[-1].isupper()]
    return re.compile(rf"(?<![\w/])({alternation(spaced)}|[A-Z][A-Za-z0-9]{{1,14}})(?![\w/])")


def _region_after(ctx: Context, pos: int) -> re.Match[str] | None:
    """The region the gazetteer knows right after ``pos`` without a level word ("BPBD Jateng", "Satpol PP Jawa
    Barat"), longest first, as a match whose group 1 is its name; a country is no region of a generic body."""
    words = _REGION_WORDS.match(ctx.text[pos:pos + 60])
    for n in range(len(words.group(1).split()) if words else 0, 0, -1):
        name = " ".join(words.group(1).split()[:n])
        place = ctx.lexicon.place(name)
        if place is not None and place.kind != "country":
            return re.match(rf"[ \t]+({re.escape(name)})", ctx.text[pos:])
    return None


#: Up to three capitalised words right after an acronym.
_REGION_WORDS = re.compile(r"[ \t]+([A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2})")


def _by_acronym(ctx: Context) -> Iterator[Mention]:
    """Bare acronyms the lexicon knows as organisations; an acronym the document defines itself
    ("Semarang Regional Disaster Management Agency (BPBD)") means what the document says."""
    defined = find_acronym_definitions(ctx)
    for m in _acronym_tokens(ctx.lexicon).finditer(ctx.text):
        token = m.group(1)
        agency = ctx.lexicon.agency_type(token)
        if agency is not None and token not in (agency.acronym, *agency.aliases):
            agency = None
        # a generic body's own acronym ("Disperindag") names it; its other names may be words or titles ("Sekda")
        if not _ACRONYM.fullmatch(token) and not ctx.lexicon.organisation_by_acronym(token) and (
                agency is None or token != agency.acronym):
            continue
        if re.match(r"\s*\d", ctx.text[m.end():]) or token in defined or acronym_names_no_body(ctx, m.start(), m.end()):
            continue  # "RW 05", "RT 03": an address, not a body
        if token in ctx.lexicon.words("address_units"):
            continue  # "Ketua RW": a unit of some address, no particular body
        entries = [e for e in ctx.lexicon.organisation_by_acronym(token) if token in _written_forms(e)]
        if entries or agency:
            # an acronym every region has ("BPBD") names the body of the one region the document names
            entry = _region_entry(ctx, entries, agency) if agency is not None else entries[0] if len(entries) == 1 \
                else None
            end, name = m.end(), token
            loc = _rules(ctx.lexicon).after_acronym.match(ctx.text[m.end():]) or (
                _region_after(ctx, m.end()) if agency is not None else None)
            if loc:  # "Bappeda Kota Semarang": that region's body, not the one the lexicon knows elsewhere
                end, name = m.end() + loc.end(), f"{token} {loc.group(1)}"
                entry = _entry_by_acronym(ctx, token, loc.group(1))
            kind = entry.kind if entry else agency.kind if agency else None
            aliases = [f"{token} {place_core(loc.group(1), ctx.lexicon)}"] if loc else []
            yield Mention(m.start(), end, "organisation", name, "org-acronym", 0.7, entry=entry, acronym=token,
                          aliases=aliases, org_kind=kind, unit=(kind or "") in UNIT_KINDS, agency=agency)
