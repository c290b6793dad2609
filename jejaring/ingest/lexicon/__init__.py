"""The lexicon: domain knowledge as TSV files, read once, with lookups that ignore case, accents and punctuation.

The shipped files live beside this module (``common/`` for tables shared by all languages, one folder per
language, ``id/`` and ``en/``, for the others) and are read with :mod:`importlib.resources`. Each is UTF-8,
tab-separated, its first row the header; lines starting with ``#`` are comments and ``|`` separates the
values of a multi-valued cell. A user may add rows with files of their own (:func:`load_lexicon`).

The lexicon holds general knowledge of Indonesian local government and of international urban-resilience
networks (agencies, acronyms, post titles, honorifics, degrees, places, cue words), never a person's name
and never one document's answers.

Examples
--------
>>> lex = load_lexicon()
>>> lex.agency_type("BPBD").name
'Badan Penanggulangan Bencana Daerah'
>>> [o.id for o in lex.organisation_by_name("Pemprov DKI")]
['pemprov-dki-jakarta']
>>> lex.place("Jakarta").kind, lex.place("Korea Selatan").id
('city', 'south-korea')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jejaring.errors import LexiconError

__all__ = [
    "EVENT_CLASSES",
    "HONORIFIC_KINDS",
    "ORGANISATION_KINDS",
    "PARTICIPATION_ROLES",
    "PLACE_KINDS",
    "SECTORS",
    "STANCES",
    "THEMES",
    "AdoptionCue",
    "AgencyType",
    "EventCue",
    "HonorificEntry",
    "LessonCue",
    "Lexicon",
    "OrgHead",
    "OrganisationEntry",
    "ParticipationCue",
    "PlaceEntry",
    "PostEntry",
    "ProgrammeCue",
    "SpeechVerb",
    "ThemeKeyword",
    "load_lexicon",
    "normalise",
]

#: Kinds of organisation (``kind`` in organisations.tsv, agency_types.tsv, org_heads.tsv).
ORGANISATION_KINDS = frozenset({
    "city-government", "provincial-government", "regency-government", "national-government", "ministry",
    "national-agency", "dinas", "suku-dinas", "badan", "biro", "bagian", "sekretariat", "inspektorat", "kantor",
    "unit", "kecamatan", "kelurahan", "desa", "parliament", "state-enterprise", "company", "ngo", "foundation",
    "community-group", "university", "research-institute", "international-organisation", "international-network",
    "foreign-government", "donor-agency", "programme-secretariat",
})
#: Sectors of organisations.
SECTORS = frozenset({"government", "ngo", "international", "private", "academic", "community"})
#: Kinds of place, in the order :meth:`Lexicon.place` prefers them when a name fits several.
PLACE_KINDS = ("city", "regency", "province", "country", "region")
#: Event classes (subclasses of ``schema:Event`` in the jejaring ontology).
EVENT_CLASSES = frozenset({
    "LearningVisit", "PublicDiscussion", "Workshop", "Forum", "Meeting", "PublicConsultation", "Summit",
    "Congress", "Conference", "Training", "Seminar",
})
#: Stances of speech verbs.
STANCES = frozenset({"neutral", "supports", "proposes"})
#: Theme ids of lessons.
THEMES = frozenset({
    "leadership", "integrated-planning", "participation", "inclusion", "collaboration-governance",
    "disaster-preparedness", "environment", "mobility", "housing-settlements", "water-sanitation", "public-health",
    "economy-livelihoods", "education-youth", "children", "data-technology", "capacity-building", "financing",
    "culture-heritage", "public-services",
})
#: Roles in an event that a participation cue introduces.
PARTICIPATION_ROLES = frozenset({"attendee", "organiser"})
#: Kinds of the forms around a name: before it (honorific, title) or after it (degree).
HONORIFIC_KINDS = frozenset({"honorific", "title", "degree"})

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANG = re.compile(r"[a-z]{2,3}")
_QID = re.compile(r"Q[1-9][0-9]*")
_YES_NO = {"yes": True, "no": False}


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The form lookups compare in: accents stripped, case folded, punctuation and runs of spaces to one space.

    The same as ``jejaring.ingest.extract.names.fold``, so index keys and folded mentions agree.

    Examples
    --------
    >>> normalise("  Dinas Komunikasi, Informatika dan  Statistik ")
    'dinas komunikasi informatika dan statistik'
    >>> normalise("São Paulo")
    'sao paulo'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# -- entries ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OrganisationEntry:
    """A named organisation (organisations.tsv); ``acronym`` is the preferred short form, others are aliases."""

    id: str
    name: str
    lang: str
    acronym: str | None
    kind: str
    sector: str
    parent: str | None
    aliases: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True)
class AgencyType:
    """A generic regional body found in every province, city or regency ("BPBD", "Kelurahan")."""

    acronym: str | None
    name: str
    lang: str
    kind: str
    sector: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PlaceEntry:
    """A place of the gazetteer; ``country`` and ``province`` are ids of other places."""

    id: str
    name: str
    kind: str
    country: str | None
    province: str | None
    aliases: tuple[str, ...]
    wikidata: str | None
    networks: tuple[str, ...]


@dataclass(frozen=True)
class PostEntry:
    """A post title (``pattern``) and the role it names; ``lang`` is the language of the pattern."""

    pattern: str
    role: str
    label_id: str
    label_en: str
    takes_org: bool
    public: bool
    lang: str


@dataclass(frozen=True)
class HonorificEntry:
    """A form around a name: an honorific or title before it, a degree after it."""

    form: str
    kind: str
    expansion: str | None
    lang: str


@dataclass(frozen=True)
class EventCue:
    """A word naming an event, and the event's class (column ``class``)."""

    cue: str
    event_class: str
    lang: str


@dataclass(frozen=True)
class LessonCue:
    """A word or phrase introducing a list of lessons."""

    cue: str
    lang: str


@dataclass(frozen=True)
class SpeechVerb:
    """A verb of saying or attribution, with the stance it gives to what is said."""

    verb: str
    stance: str
    lang: str


@dataclass(frozen=True)
class ProgrammeCue:
    """The head word of programme, project and strategy names."""

    cue: str
    lang: str


@dataclass(frozen=True)
class ThemeKeyword:
    """A keyword pointing to a theme of lessons."""

    keyword: str
    theme: str
    lang: str


@dataclass(frozen=True)
class ParticipationCue:
    """Words introducing who took part in an event ("dihadiri oleh", "organised by"), and their role."""

    cue: str
    role: str
    lang: str


@dataclass(frozen=True)
class AdoptionCue:
    """Words saying that lessons were taken up into a programme or strategy ("diadopsi", "integrated into")."""

    cue: str
    lang: str


@dataclass(frozen=True)
class OrgHead:
    """A word that begins (``prefix``) or ends (``suffix``) an organisation's name, and the kind it implies."""

    head: str
    position: str
    kind: str
    unit: bool
    lang: str


# -- table specifications --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Table:
    """How one table's files look and how a row becomes an entry."""

    name: str
    per_language: bool
    columns: tuple[str, ...]
    entry: type
    required: frozenset[str] = frozenset()
    multi: frozenset[str] = frozenset()
    booleans: frozenset[str] = frozenset()
    choices: Mapping[str, frozenset[str]] = field(default_factory=dict)
    patterns: Mapping[str, tuple[re.Pattern[str], str]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)  # columns a header may leave out
    renames: Mapping[str, str] = field(default_factory=dict)  # column -> field name
    suffix: str = ".tsv"

    @property
    def file(self) -> str:
        return self.name + self.suffix

    def fits(self, header: list[str]) -> bool:
        """True when ``header`` is this table's (in any order, optional columns and a lang column allowed)."""
        given = set(header)
        if len(given) != len(header):
            return False
        if self.per_language:
            given.discard("lang")
        return set(self.columns) - set(self.defaults) <= given <= set(self.columns)


_KIND_CHOICE = {"kind": ORGANISATION_KINDS}
_TABLES = (
    _Table("organisations", False, ("id", "name", "lang", "acronym", "kind", "sector", "parent", "aliases", "wikidata"),
           OrganisationEntry, frozenset({"id", "name", "lang", "kind", "sector"}), frozenset({"aliases"}),
           choices={"kind": ORGANISATION_KINDS, "sector": SECTORS},
           patterns={"id": (_SLUG, "a lowercase slug (a-z, 0-9, hyphens)"), "lang": (_LANG, "a language code"),
                     "parent": (_SLUG, "the id of another row"), "wikidata": (_QID, "a Wikidata Q-id")}),
    _Table("agency_types", False, ("acronym", "name", "lang", "kind", "sector", "aliases"), AgencyType,
           frozenset({"name", "lang", "kind", "sector"}), frozenset({"aliases"}),
           choices={"kind": ORGANISATION_KINDS, "sector": SECTORS},
           patterns={"lang": (_LANG, "a language code")}),
    _Table("places", False, ("id", "name", "kind", "country", "province", "aliases", "wikidata", "networks"),
           PlaceEntry, frozenset({"id", "name", "kind"}), frozenset({"aliases", "networks"}),
           choices={"kind": frozenset(PLACE_KINDS)},
           patterns={"id": (_SLUG, "a lowercase slug (a-z, 0-9, hyphens)"), "country": (_SLUG, "a place id"),
                     "province": (_SLUG, "a place id"), "wikidata": (_QID, "a Wikidata Q-id"),
                     "networks": (_SLUG, "a lowercase slug")}),
    _Table("posts", True, ("pattern", "role", "label_id", "label_en", "takes_org", "public"), PostEntry,
           frozenset({"pattern", "role", "label_id", "label_en", "takes_org", "public"}),
           booleans=frozenset({"takes_org", "public"}), patterns={"role": (_SLUG, "a lowercase slug")}),
    _Table("honorifics", True, ("form", "kind", "expansion"), HonorificEntry, frozenset({"form", "kind"}),
           choices={"kind": HONORIFIC_KINDS}),
    _Table("event_cues", True, ("cue", "class"), EventCue, frozenset({"cue", "class"}),
           choices={"class": EVENT_CLASSES}, renames={"class": "event_class"}),
    _Table("lesson_cues", True, ("cue",), LessonCue, frozenset({"cue"})),
    _Table("speech_verbs", True, ("verb", "stance"), SpeechVerb, frozenset({"verb", "stance"}),
           choices={"stance": STANCES}),
    _Table("programme_cues", True, ("cue",), ProgrammeCue, frozenset({"cue"})),
    _Table("themes", True, ("keyword", "theme"), ThemeKeyword, frozenset({"keyword", "theme"}),
           choices={"theme": THEMES}),
    _Table("participation_cues", True, ("cue", "role"), ParticipationCue, frozenset({"cue", "role"}),
           choices={"role": PARTICIPATION_ROLES}),
    _Table("adoption_cues", True, ("cue",), AdoptionCue, frozenset({"cue"})),
    _Table("org_heads", True, ("head", "position", "kind", "unit"), OrgHead,
           frozenset({"head", "position", "kind", "unit"}), booleans=frozenset({"unit"}),
           choices={**_KIND_CHOICE, "position": frozenset({"prefix", "suffix"})}, defaults={"position": "prefix"}),
)
_BY_NAME = {t.name: t for t in _TABLES}
# the key a row must not share with another row of the same table (and language)
_KEYS: dict[str, Callable[[Any], object]] = {
    "agency_types": lambda e: e.name.casefold(),
    "posts": lambda e: e.pattern.casefold(),
    "honorifics": lambda e: (e.form, e.kind),
    "event_cues": lambda e: e.cue.casefold(),
    "lesson_cues": lambda e: e.cue.casefold(),
    "speech_verbs": lambda e: e.verb.casefold(),
    "programme_cues": lambda e: e.cue.casefold(),
    "themes": lambda e: e.keyword.casefold(),
    "participation_cues": lambda e: e.cue.casefold(),
    "adoption_cues": lambda e: e.cue.casefold(),
    "org_heads": lambda e: (e.head, e.position),
}


@dataclass(frozen=True)
class _Row:
    """An entry with where it was read, for messages about it."""

    table: str
    entry: Any
    where: str
    line: int


def _fail(where: str, line: int, column: str, problem: str) -> LexiconError:
    return LexiconError(f"{where}:{line}: {column}: {problem}")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines that are neither blank nor comments."""
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _parse(table: _Table, where: str, text: str, lang: str | None, header: list[str] | None = None,
           header_line: int = 0) -> list[_Row]:
    """The rows of one file of ``table``; ``lang`` is the folder's language for per-language tables."""
    lines = _lines(text)
    if header is None:
        first = next(lines, None)
        if first is None:
            return []
        header_line, line = first
        header = [c.strip() for c in line.split("\t")]
        _check_header(table, where, header_line, header)
    rows = []
    for number, line in lines:
        if number <= header_line:
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(header):
            raise _fail(where, number, "row", f"{len(cells)} cells, expected {len(header)} "
                                               f"({', '.join(header)}); cells are separated by tabs")
        values = dict(zip(header, cells, strict=True))
        row_lang = values.pop("lang", None) if table.per_language else None
        if table.per_language:
            row_lang = row_lang or lang
            if not row_lang or not _LANG.fullmatch(row_lang):
                raise _fail(where, number, "lang", f"{row_lang or 'empty'!r} is not a language code (id, en, ...)")
        rows.append(_Row(table.name, _entry(table, where, number, values, row_lang), where, number))
    return rows


def _check_header(table: _Table, where: str, line: int, header: list[str]) -> None:
    allowed = set(table.columns) | ({"lang"} if table.per_language else set())
    for column in header:
        if column not in allowed:
            raise _fail(where, line, column, f"unknown column; the columns of {table.file} are "
                                             f"{', '.join(table.columns)}")
        if header.count(column) > 1:
            raise _fail(where, line, column, "column given twice")
    for column in table.columns:
        if column not in header and column not in table.defaults:
            raise _fail(where, line, column, f"missing column; the columns of {table.file} are "
                                             f"{', '.join(table.columns)}")


def _entry(table: _Table, where: str, line: int, values: dict[str, str], lang: str | None) -> Any:
    kwargs: dict[str, Any] = {}
    for column in table.columns:
        value = values.get(column, table.defaults.get(column, ""))
        if not value and column in table.required:
            raise _fail(where, line, column, "empty, but required")
        items = [v.strip() for v in value.split("|") if v.strip()] if column in table.multi else [value]
        for item in items if value else []:
            if column in table.choices and item not in table.choices[column]:
                raise _fail(where, line, column, f"unknown value {item!r}; expected one of "
                                                 f"{', '.join(sorted(table.choices[column]))}")
            if column in table.patterns and not table.patterns[column][0].fullmatch(item):
                raise _fail(where, line, column, f"{item!r} is not {table.patterns[column][1]}")
            if column in table.booleans and item not in _YES_NO:
                raise _fail(where, line, column, f"{item!r} is neither yes nor no")
        name = table.renames.get(column, column)
        if column in table.multi:
            kwargs[name] = tuple(items)
        elif column in table.booleans:
            kwargs[name] = _YES_NO[value]
        else:
            kwargs[name] = value or None
    if table.per_language:
        kwargs["lang"] = lang
    return table.entry(**kwargs)


# -- reading -----------------------------------------------------------------------------------------------------
def _shipped_files() -> Iterator[tuple[_Table, str, Traversable, str | None]]:
    """(table, name for messages, resource, language) of every shipped lexicon file."""
    root = files(__name__)
    folders = sorted((f for f in root.iterdir() if f.is_dir() and (f.name == "common" or _LANG.fullmatch(f.name))),
                     key=lambda f: f.name)
    for folder in folders:
        for table in _TABLES:
            if table.per_language == (folder.name == "common"):
                continue
            resource = folder / table.file
            if resource.is_file():
                yield table, f"lexicon/{folder.name}/{table.file}", resource, (
                    folder.name if table.per_language else None)


@cache
def _shipped_rows() -> tuple[tuple[_Row, ...], frozenset[str]]:
    """The rows of every shipped table, and the shipped stopwords (folded)."""
    rows: list[_Row] = []
    for table, where, resource, lang in _shipped_files():
        rows += _parse(table, where, resource.read_text(encoding="utf-8"), lang)
    stopwords: set[str] = set()
    for folder in files(__name__).iterdir():
        resource = folder / "stopwords.txt"
        if folder.is_dir() and resource.is_file():
            stopwords |= {normalise(w) for _, w in _lines(resource.read_text(encoding="utf-8"))}
    return tuple(rows), frozenset(stopwords)


def _user_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(path.rglob("*.tsv"))
        elif path.is_file():
            yield path
        else:
            raise LexiconError(f"{path}: no such lexicon file or folder")


def _user_rows(path: Path) -> list[_Row]:
    """The rows of a user file, its table told by its header (and, where headers are alike, by its name)."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise LexiconError(f"{where}: not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8") from None
    except OSError as e:
        raise LexiconError(f"{where}: cannot be read ({e.strerror})") from None
    first = next(_lines(text), None)
    if first is None:
        return []
    line, header_text = first
    header = [c.strip() for c in header_text.split("\t")]
    candidates = [t for t in _TABLES if t.fits(header)]
    if len(candidates) > 1:
        candidates = [t for t in candidates if t.name in path.stem] or candidates
    if not candidates:
        best = max(_TABLES, key=lambda t: len(set(header) & set(t.columns)) - len(set(t.columns) - set(header)))
        _check_header(best, where, line, header)
        raise _fail(where, line, "header", f"matches no lexicon table; expected the header of one of "
                                           f"{', '.join(t.file for t in _TABLES)}")
    if len(candidates) > 1:
        names = " or ".join(t.file for t in candidates)
        raise _fail(where, line, "header", f"fits {names}; put the table's name in the file name ({names})")
    table = candidates[0]
    lang = None
    if table.per_language and "lang" not in header:
        lang = path.parent.name
        if not _LANG.fullmatch(lang):
            raise _fail(where, line, "lang", f"{table.file} is per language: add a lang column, or put the file "
                                             f"in a folder named after its language (id, en, ...)")
    return _parse(table, where, text, lang, header, line)


def _check_references(rows: list[_Row]) -> None:
    """Unique ids and keys; parents, countries and provinces that exist and are of the right kind."""
    firsts: dict[tuple[str, object], _Row] = {}
    for row in rows:
        if row.table in ("organisations", "places"):
            key: object = row.entry.id
            column = "id"
        elif row.table in _KEYS:
            key = (getattr(row.entry, "lang", None), _KEYS[row.table](row.entry))
            column = _BY_NAME[row.table].columns[0]
        else:
            continue
        first = firsts.setdefault((row.table, key), row)
        if first is not row:
            raise _fail(row.where, row.line, column, f"duplicate of the row at {first.where}:{first.line}")
    orgs = {r.entry.id for r in rows if r.table == "organisations"}
    place_kind = {r.entry.id: r.entry.kind for r in rows if r.table == "places"}
    for row in rows:
        e = row.entry
        if row.table == "organisations" and e.parent is not None:
            if e.parent not in orgs:
                raise _fail(row.where, row.line, "parent", f"no organisation has the id {e.parent!r}")
            if e.parent == e.id:
                raise _fail(row.where, row.line, "parent", "an organisation cannot be its own parent")
        if row.table == "places":
            if e.country is None and e.kind not in ("country", "region"):
                raise _fail(row.where, row.line, "country", f"empty, but required for a {e.kind}")
            for column, kind in (("country", "country"), ("province", "province")):
                ref = getattr(e, column)
                if ref is not None and place_kind.get(ref) != kind:
                    raise _fail(row.where, row.line, column, f"no place of kind {kind} has the id {ref!r}")


def _lexicon(rows: Iterable[_Row], stopwords: frozenset[str]) -> Lexicon:
    rows = list(rows)
    _check_references(rows)
    tables: dict[str, list[Any]] = {t.name: [] for t in _TABLES}
    for row in rows:
        tables[row.table].append(row.entry)
    return Lexicon(**{name: tuple(entries) for name, entries in tables.items()}, stopwords=stopwords)


@cache
def _shipped_lexicon() -> Lexicon:
    rows, stopwords = _shipped_rows()
    return _lexicon(rows, stopwords)


def load_lexicon(extra: Iterable[Path] = ()) -> Lexicon:
    """The shipped lexicon, plus the rows of the user's files in ``extra``.

    A user file is a TSV like the shipped ones; its header row tells which table its rows join (the
    columns of exactly one table, in any order; an optional column, such as org_heads' ``position``,
    may be left out). Where tables have the same header (lesson_cues, programme_cues and
    adoption_cues), the file's name must contain the table's name. A per-language table's file takes
    its language from a ``lang`` column, or else from the name of its folder (``id/``, ``en/``). A
    folder in ``extra`` stands for every ``.tsv`` file under it. The shipped lexicon is read once and
    cached.

    Parameters
    ----------
    extra : iterable of Path
        User lexicon files or folders, read in order after the shipped files.

    Returns
    -------
    Lexicon
        Every table, shipped rows first.

    Raises
    ------
    LexiconError
        A file cannot be read, has an unknown or missing column, a row with the wrong number of cells,
        an empty required cell, an unknown kind, sector, class, stance or theme, a duplicate id or key,
        or a parent, country or province id that does not exist. The message names the file, the
        line and the column: ``file:line: column: what is wrong``.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex is load_lexicon()
    True
    >>> lex.posts[0].lang in ("id", "en")
    True
    """
    paths = list(extra)
    if not paths:
        return _shipped_lexicon()
    rows, stopwords = _shipped_rows()
    added: list[_Row] = []
    for path in _user_files(paths):
        added += _user_rows(path)
    return _lexicon([*rows, *added], stopwords)


# -- the lexicon and its lookups ---------------------------------------------------------------------------------
def _index(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    """Normalised key -> entries, in the order given, each entry once per key."""
    out: dict[str, list[Any]] = {}
    for key, entry in pairs:
        key = normalise(key)
        if key:
            found = out.setdefault(key, [])
            if not any(e is entry for e in found):
                found.append(entry)
    return out


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every table of the lexicon, with lookups that ignore case, accents, punctuation and extra spaces.

    ``organisations``, ``agency_types`` and ``places`` are shared by all languages; the other tables hold
    entries of every language, each carrying its ``lang``. ``stopwords`` are the folded words of the
    shipped ``stopwords.txt`` files.
    """

    organisations: tuple[OrganisationEntry, ...] = ()
    agency_types: tuple[AgencyType, ...] = ()
    places: tuple[PlaceEntry, ...] = ()
    posts: tuple[PostEntry, ...] = ()
    honorifics: tuple[HonorificEntry, ...] = ()
    event_cues: tuple[EventCue, ...] = ()
    lesson_cues: tuple[LessonCue, ...] = ()
    speech_verbs: tuple[SpeechVerb, ...] = ()
    programme_cues: tuple[ProgrammeCue, ...] = ()
    themes: tuple[ThemeKeyword, ...] = ()
    participation_cues: tuple[ParticipationCue, ...] = ()
    adoption_cues: tuple[AdoptionCue, ...] = ()
    org_heads: tuple[OrgHead, ...] = ()
    stopwords: frozenset[str] = frozenset()

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every entry: two lexicons with the same fingerprint extract the same facts."""
        tables = [repr(getattr(self, f.name)) for f in fields(self) if f.name != "stopwords"]
        return hashlib.sha256("\n".join([*tables, *sorted(self.stopwords)]).encode()).hexdigest()

    # indexes, built on first use
    @cached_property
    def org_heads_by_word(self) -> dict[tuple[bool, str], tuple[OrgHead, ...]]:
        """Head words by (is a prefix head, first word), longest head first."""
        index: dict[tuple[bool, str], list[OrgHead]] = {}
        for head in sorted(self.org_heads, key=lambda h: -len(h.head.split())):
            index.setdefault((head.position == "prefix", head.head.split()[0]), []).append(head)
        return {key: tuple(heads) for key, heads in index.items()}

    @cached_property
    def _generic_forms(self) -> frozenset[str]:
        return frozenset(normalise(f) for a in self.agency_types for f in (a.acronym or "", a.name, *a.aliases))

    def _org_names(self, entry: OrganisationEntry) -> list[str]:
        """The names an organisation goes by: name, aliases, and an acronym that is not a generic type's."""
        names = [entry.name, *entry.aliases]
        if entry.acronym and normalise(entry.acronym) not in self._generic_forms:
            names.append(entry.acronym)
        return names

    @cached_property
    def _orgs_by_name(self) -> dict[str, list[OrganisationEntry]]:
        return _index((n, o) for o in self.organisations for n in self._org_names(o))

    @cached_property
    def _orgs_by_acronym(self) -> dict[str, list[OrganisationEntry]]:
        return _index((o.acronym, o) for o in self.organisations if o.acronym)

    @cached_property
    def _orgs_by_id(self) -> dict[str, OrganisationEntry]:
        return {o.id: o for o in self.organisations}

    @cached_property
    def _agency_index(self) -> dict[str, list[AgencyType]]:
        return _index((f, a) for a in self.agency_types for f in (a.acronym or "", a.name, *a.aliases))

    @cached_property
    def _place_index(self) -> dict[str, list[PlaceEntry]]:
        return _index((n, p) for p in self.places for n in (p.name, *p.aliases))

    @cached_property
    def _places_by_id(self) -> dict[str, PlaceEntry]:
        return {p.id: p for p in self.places}

    @cached_property
    def _theme_pattern(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        theme_of: dict[str, str] = {}
        for t in self.themes:
            theme_of.setdefault(normalise(t.keyword), t.theme)
        words = sorted((k for k in theme_of if k), key=lambda k: (-len(k), k))
        if not words:
            return None, theme_of
        return re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, words)) + r")(?!\S)"), theme_of

    @cached_property
    def _common_words(self) -> frozenset[str]:
        cues = [*(c.cue for c in self.event_cues), *(c.cue for c in self.lesson_cues),
                *(c.cue for c in self.programme_cues), *(c.cue for c in self.participation_cues),
                *(c.cue for c in self.adoption_cues), *(v.verb for v in self.speech_verbs)]
        return self.stopwords | {w for w in map(normalise, cues) if w and " " not in w}

    # lookups
    def organisation_by_name(self, name: str) -> list[OrganisationEntry]:
        """The organisations named ``name``: by name, alias, or an acronym that is not a generic agency type.

        An acronym every region has ("BPBD", "Satpol PP") names no one organisation: look it up with
        :meth:`organisation_by_acronym` and :meth:`agency_type`.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> [o.id for o in lex.organisation_by_name("pemprov dki")]
        ['pemprov-dki-jakarta']
        >>> [o.id for o in lex.organisation_by_name("BPBD")]
        []
        """
        return list(self._orgs_by_name.get(normalise(name), ()))

    def organisation_by_acronym(self, acronym: str) -> list[OrganisationEntry]:
        """The organisations whose (preferred) acronym is ``acronym``.

        Examples
        --------
        >>> [o.id for o in load_lexicon().organisation_by_acronym("Bappenas")]
        ['bappenas']
        """
        return list(self._orgs_by_acronym.get(normalise(acronym), ()))

    def organisation_by_id(self, id: str) -> OrganisationEntry | None:
        """The organisation with the lexicon id ``id``, if any."""
        return self._orgs_by_id.get(id)

    def organisation_name_index(self) -> dict[str, dict[int, list[tuple[str, OrganisationEntry]]]]:
        """Organisation names for matching runs of words: first word -> word count -> (name, entry) pairs.

        Keys and names are normalised; a name's first word and its word count are those of its
        space-separated words ("UN-Habitat Indonesia": first word ``un habitat``, two words).

        Examples
        --------
        >>> index = load_lexicon().organisation_name_index()
        >>> [name for name, _ in index["pemprov"][2]][:1]
        ['pemprov dki']
        """
        return self._name_index

    @cached_property
    def _name_index(self) -> dict[str, dict[int, list[tuple[str, OrganisationEntry]]]]:
        out: dict[str, dict[int, list[tuple[str, OrganisationEntry]]]] = {}
        for entry in self.organisations:
            for name in dict.fromkeys(self._org_names(entry)):
                words = name.split()
                key, folded = normalise(words[0]) if words else "", normalise(name)
                if key:
                    out.setdefault(key, {}).setdefault(len(words), []).append((folded, entry))
        return out

    def agency_type(self, name_or_acronym: str) -> AgencyType | None:
        """The generic regional body named by ``name_or_acronym`` (its acronym, name or an alias).

        Examples
        --------
        >>> load_lexicon().agency_type("Regional Disaster Management Agency").acronym
        'BPBD'
        """
        found = self._agency_index.get(normalise(name_or_acronym))
        return found[0] if found else None

    def place_candidates(self, name: str) -> list[PlaceEntry]:
        """Every place called ``name``, the preferred first: cities, regencies, provinces, countries, regions;
        within a kind, a place so named before one with it as an alias, then file order."""
        key = normalise(name)
        found = self._place_index.get(key, [])
        return sorted(found, key=lambda p: (PLACE_KINDS.index(p.kind), normalise(p.name) != key))

    def place(self, name: str) -> PlaceEntry | None:
        """The place called ``name`` (name or alias); a city wins over a province or country of the same name.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.place("Jakarta").id, lex.place("DKI Jakarta").id
        ('jakarta', 'provinsi-dki-jakarta')
        >>> lex.place("Seoul").wikidata
        'Q8684'
        """
        found = self.place_candidates(name)
        return found[0] if found else None

    def place_by_id(self, id: str) -> PlaceEntry | None:
        """The place with the lexicon id ``id``, if any."""
        return self._places_by_id.get(id)

    def post_patterns(self, lang: str | None = None) -> list[PostEntry]:
        """Post titles, longest pattern first (of one language, or of all when ``lang`` is None).

        Examples
        --------
        >>> [p.pattern for p in load_lexicon().post_patterns("id") if p.pattern.startswith("Kepala")][-2:]
        ['Kepala Unit', 'Kepala']
        """
        return [p for p in self._posts_longest_first if lang is None or p.lang == lang]

    def starts_with_post(self, text: str, longer_than: int = 3, then: str = "") -> bool:
        """True when ``text`` starts (in any case) with a post title longer than ``longer_than`` characters,
        followed by ``then``.

        >>> load_lexicon().starts_with_post("Kepala Dinas Sosial Budi"), load_lexicon().starts_with_post("Budi")
        (True, False)
        """
        key = (longer_than, then)
        if key not in self._post_prefixes:
            self._post_prefixes[key] = tuple(p.pattern.lower() + then for p in self.posts if len(p.pattern) > longer_than)
        return text.lower().startswith(self._post_prefixes[key])

    @cached_property
    def _post_prefixes(self) -> dict[tuple[int, str], tuple[str, ...]]:
        return {}

    @cached_property
    def _posts_longest_first(self) -> list[PostEntry]:
        return sorted(self.posts, key=lambda p: (-len(p.pattern), p.pattern))

    def theme_for(self, text: str) -> str | None:
        """The theme whose keywords occur most often in ``text`` (the earliest on a tie), or None.

        Keywords match whole words, ignoring case, accents and punctuation; at one place the longest
        keyword wins ("mitigasi bencana" over "bencana").

        Examples
        --------
        >>> load_lexicon().theme_for("Kesiapsiagaan warga menghadapi banjir rob")
        'disaster-preparedness'
        """
        pattern, theme_of = self._theme_pattern
        if pattern is None:
            return None
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in pattern.finditer(normalise(text)):
            theme = theme_of[m.group()]
            counts[theme] = counts.get(theme, 0) + 1
            first.setdefault(theme, m.start())
        if not counts:
            return None
        return min(counts, key=lambda t: (-counts[t], first[t]))

    @cached_property
    def _participation(self) -> tuple[re.Pattern[str], dict[str, str]]:
        roles: dict[str, str] = {}
        for c in self.participation_cues:
            roles.setdefault(normalise(c.cue), c.role)
        return _cue_pattern(c.cue for c in self.participation_cues), roles

    def participation_cue_pattern(self) -> re.Pattern[str]:
        """A pattern finding participation cues in text: whole words, any case, longest cue first.

        Examples
        --------
        >>> m = load_lexicon().participation_cue_pattern().search("Acara ini dihadiri oleh 40 peserta")
        >>> m.group()
        'dihadiri oleh'
        """
        return self._participation[0]

    def participation_role(self, cue: str) -> str | None:
        """The role (attendee or organiser) a participation cue gives to whom it introduces.

        Examples
        --------
        >>> load_lexicon().participation_role("Diselenggarakan  oleh")
        'organiser'
        """
        return self._participation[1].get(normalise(cue))

    @cached_property
    def _adoption(self) -> re.Pattern[str]:
        return _cue_pattern(c.cue for c in self.adoption_cues)

    def adoption_cue_pattern(self) -> re.Pattern[str]:
        """A pattern finding adoption cues ("diadopsi", "integrated into") in text: whole words, any case."""
        return self._adoption

    @cached_property
    def _roles_taking_org(self) -> dict[str, bool]:
        out: dict[str, bool] = {}
        for p in self.posts:
            out[p.role] = out.get(p.role, False) or p.takes_org
        return out

    def role_takes_org(self, role: str) -> bool:
        """True when a post of this role is normally followed by its body (any of its titles is).

        A role the lexicon does not know is taken to name a post in some body, as most titles do.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.role_takes_org("head"), lex.role_takes_org("chief-resilience-officer")
        (True, False)
        """
        return self._roles_taking_org.get(role, True)

    def honorific_forms(self) -> list[str]:
        """Forms that stand before a name (honorifics and titles), of every language, longest first."""
        return self._title_forms[0]

    def degree_forms(self) -> list[str]:
        """Degrees that stand after a name, of every language, longest first."""
        return self._title_forms[1]

    @cached_property
    def _title_forms(self) -> tuple[list[str], list[str]]:
        return (_longest_first(h.form for h in self.honorifics if h.kind != "degree"),
                _longest_first(h.form for h in self.honorifics if h.kind == "degree"))

    @cached_property
    def _institutional_words(self) -> frozenset[str]:
        names = [*(o.name for o in self.organisations), *(a for o in self.organisations for a in o.aliases),
                 *(a.name for a in self.agency_types), *(p.pattern for p in self.posts),
                 *(p.label_id for p in self.posts), *(p.label_en for p in self.posts), *(h.head for h in self.org_heads),
                 *(c.cue for c in self.event_cues), *(c.cue for c in self.programme_cues),
                 *(t.keyword for t in self.themes)]
        return frozenset(w for name in names for w in normalise(name).split() if len(w) > 1)

    @cached_property
    def _posts_by_first_word(self) -> dict[str, list[PostEntry]]:
        out: dict[str, list[PostEntry]] = {}
        for entry in self.post_patterns():
            out.setdefault(entry.pattern.split()[0].lower(), []).append(entry)
        return out

    def post_patterns_starting(self, word: str) -> list[PostEntry]:
        """The post patterns whose first word is ``word`` (lowercase), longest first."""
        return self._posts_by_first_word.get(word.lower().rstrip(",.;:"), [])

    def is_institutional_word(self, word: str) -> bool:
        """True for a word of the names of organisations, posts, events or themes the lexicon knows
        ("Tata", "Ruang", "Lingkungan"): in a title it belongs to the post, not to a person's name.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.is_institutional_word("Lingkungan"), lex.is_institutional_word("Saputra")
        (True, False)
        """
        return normalise(word) in self._institutional_words

    def is_common_word(self, word: str) -> bool:
        """True for a stopword, or a one-word cue or speech verb: a word that is not part of a name.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.is_common_word("Lokakarya"), lex.is_common_word("Semarang")
        (True, False)
        """
        return normalise(word) in self._common_words


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternatives, longest first; spaces in a cue match any run of spaces."""
    words = sorted({c.strip() for c in cues if c.strip()}, key=lambda c: (-len(c), c))
    if not words:
        return re.compile(r"(?!)")
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _longest_first(forms: Iterable[str]) -> list[str]:
    return sorted(set(forms), key=lambda f: (-len(f), f))
