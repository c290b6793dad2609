"""Hand-curated stakeholder facts from YAML or CSV, into the same records as extraction.

The formats are documented with examples in ``examples/curated/``. Every problem is reported as one
:class:`~jejaring.errors.InputError` naming the file, the line (YAML) or row (CSV) and the field,
before anything is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from jejaring.errors import InputError
from jejaring.ingest.document import Document
from jejaring.ingest.lexicon import EVENT_CLASSES
from jejaring.ingest.mapping import slugify
from jejaring.ingest.records import (
    Citation,
    Event,
    Extraction,
    Lesson,
    Membership,
    Organisation,
    Participation,
    Person,
    Place,
    Programme,
)

__all__ = ["CSV_COLUMNS", "CURATED_SUFFIXES", "MAX_ALIAS_NODES", "parse_curated", "read_curated"]

CURATED_SUFFIXES = (".yaml", ".yml", ".csv")

_COMMON = {"source", "quote"}
_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required keys, optional keys)
    "persons": ({"id", "name"}, {"honorific", "degrees", "aliases", "misspellings"} | _COMMON),
    "organisations": ({"id", "name"}, {"acronym", "kind", "sector", "parent", "aliases", "misspellings",
                                       "lang", "unit", "wikidata"} | _COMMON),
    "places": ({"id", "name"}, {"kind", "country", "aliases", "wikidata"} | _COMMON),
    "programmes": ({"id", "name"}, {"aliases", "place", "funder", "lang"} | _COMMON),
    "posts": ({"person"}, {"organisation", "role", "start", "end", "at"} | _COMMON),
    "events": ({"id", "name"}, {"kind", "start", "end", "place", "attendees", "organisers", "aliases",
                                "lang"} | _COMMON),
    "lessons": ({"title"}, {"title_en", "description", "city", "event", "examples", "theme", "adopted_in",
                            "relevant_to", "aliases", "lang"} | _COMMON),
}
_TOP = set(_FIELDS) | {"source", "language"}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANG = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")
#: Fields that become IRIs or language tags, and what their values must look like.
_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "lang": (_LANG, "a language tag (id, en, en-GB)"),
    "language": (_LANG, "a language tag (id, en, en-GB)"),
    "sector": (_SLUG, "a sector id (a lowercase slug: a-z, 0-9, hyphens)"),
    "theme": (_SLUG, "a theme id (a lowercase slug: a-z, 0-9, hyphens)"),
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "a Wikidata Q-id (Q123)"),
}

#: Columns of the CSV form, one row per person, post, organisation or event attended.
CSV_COLUMNS = ("person", "organisation", "role", "start", "end", "event", "event_start")
_CSV_OPTIONAL = ("honorific", "acronym", "parent", "event_end", "event_place", "event_kind", "source", "quote")


def read_curated(path: Path, identity: str | None = None) -> Extraction:
    """Read a curated YAML or CSV file into an :class:`Extraction` (a document like any other).

    Raises
    ------
    InputError
        Malformed YAML or CSV, an unknown key, a missing field, a bad date or an unknown reference,
        with the file, line or row and field named.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the file: {e}") from None
    return parse_curated(raw, identity or path.name, path)


def parse_curated(raw: str, identity: str, path: Path) -> Extraction:
    """Parse the text of a curated file (``path`` gives its kind by suffix, and names it in errors)."""
    csv_file = path.suffix.lower() == ".csv"
    doc = Document(identity=identity, text=raw, title=path.stem,
                   media_type="text/csv" if csv_file else "application/yaml", genre="Dataset")
    ex = Extraction(doc, curated=True)
    if csv_file:
        _read_csv(path, raw, ex)
    else:
        _read_yaml(path, raw, ex)
    return ex


# -- YAML ----------------------------------------------------------------------------------------
#: Values that YAML aliases (``*name``) may add to a curated file once expanded. A few anchors repeated a
#: few times stay far below it; nine levels of anchors in 1 kB would add 9**9 (a "billion laughs").
MAX_ALIAS_NODES = 10_000


class _AliasRefused(yaml.YAMLError):
    """An alias that is recursive, or past :data:`MAX_ALIAS_NODES`; the message says so, after the line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _LineLoader(yaml.SafeLoader):
    """A safe loader that keeps each mapping's line and leaves dates as text (checked by us), and counts
    what aliases add while the document is composed, before anything is constructed or expanded."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._count_alias(event)
            return super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        opened = self.__dict__.setdefault("_open_anchors", set())
        if anchor is not None:
            opened.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            opened.discard(anchor)

    def _count_alias(self, event: yaml.AliasEvent) -> None:
        """Add the size of the aliased value, expanded, to the document's count; refuse past the bound.

        The expanded document has one value per value written plus, for each alias, the expanded size of
        the value it names: counting those as the aliases come bounds the expansion in linear time."""
        line, name = event.start_mark.line + 1, event.anchor
        if name in self.__dict__.get("_open_anchors", ()):
            raise _AliasRefused(line, f"a YAML alias (*{name}) refers to a value containing it; write the values "
                                      "out instead")
        node = self.anchors.get(name)
        if node is None:
            return  # the composer says the alias is undefined
        added = self.__dict__.get("_alias_nodes", 0) + _expanded_size(node, self.__dict__.setdefault("_sizes", {}))
        self._alias_nodes = added
        if added > MAX_ALIAS_NODES:
            raise _AliasRefused(line, f"YAML aliases (*{name}) would add more than {MAX_ALIAS_NODES} values once "
                                      "expanded; write the values out instead of repeating anchors")

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """The number of values ``node`` stands for once its aliases are expanded (memoised in ``sizes`` by id)."""
    stack = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        if id(current) in sizes:
            continue
        if isinstance(current, yaml.ScalarNode):
            sizes[id(current)] = 1
            continue
        children = [c for pair in current.value for c in pair] if isinstance(current, yaml.MappingNode) \
            else list(current.value)
        if children_done:
            sizes[id(current)] = 1 + sum(sizes[id(c)] for c in children)
        else:
            stack.append((current, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(node)]


def _read_yaml(path: Path, raw: str, ex: Extraction) -> None:
    try:
        data = yaml.load(raw, Loader=_LineLoader)  # a SafeLoader subclass
    except _AliasRefused as e:
        raise InputError(f"{path}:{e.line}: {e}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = " ".join(str(getattr(e, "problem", None) or e).split())  # a reader error spans lines
        raise InputError(f"{path}{where}: malformed YAML: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a curated YAML file is a mapping with sections {sorted(_FIELDS)}")
    for key in data:
        if key not in _TOP and key != "__line__":
            raise InputError(f"{path}:{_line(data)}: unknown section '{key}' (expected one of {sorted(_TOP)})")
    _check_formats(path, data, "language", "source")
    ex.document.language = str(data.get("language") or "id")
    default_source = data.get("source")
    items: dict[str, list[dict]] = {}
    for section, (required, optional) in _FIELDS.items():
        rows = data.get(section) or []
        if not isinstance(rows, list):
            raise InputError(f"{path}:{_line(data)}: '{section}' must be a list")
        for row in rows:
            if not isinstance(row, dict):
                raise InputError(f"{path}: '{section}' entries must be mappings, got {row!r}")
            for key in row:
                if key != "__line__" and key not in required | optional:
                    raise InputError(f"{path}:{row['__line__']}: {section}: unknown field '{key}' "
                                     f"(expected {', '.join(sorted(required | optional))})")
            for key in sorted(required):
                if row.get(key) in (None, ""):
                    raise InputError(f"{path}:{row['__line__']}: {section}: missing required field '{key}'")
            _check_formats(path, row, *_FORMATS, "source", *(["kind"] if section == "organisations" else []))
        items[section] = rows
    _Builder(path, ex, default_source).build(items)


def _check_formats(path: Path, row: dict, *fields: str) -> None:
    """Values that become IRIs or language tags must be well-formed (an org kind is a slug, a source URL an IRI)."""
    for field in fields:
        value = row.get(field)
        if value in (None, ""):
            continue
        if field == "source":
            problem = _bad_source(str(value))
        else:
            pattern, what = _FORMATS.get(field, (_SLUG, "a lowercase slug (a-z, 0-9, hyphens)"))
            problem = None if pattern.fullmatch(str(value)) else f"'{value}' is not {what}"
        if problem:
            raise InputError(f"{path}:{row.get('__line__', 1)}: {field}: {problem}")


def _bad_source(source: str) -> str | None:
    """Why a citation's source cannot be cited: a URL that is not a valid IRI (a document path is quoted)."""
    if re.match(r"https?://", source):
        try:
            ox.NamedNode(source)
        except ValueError:
            return f"'{source}' is not a valid URL (percent-encode spaces and other special characters)"
    return None


def _line(data: dict) -> Any:
    return data.get("__line__", 1)


class _Builder:
    """Turns checked YAML sections into records, resolving ids between sections."""

    def __init__(self, path: Path, ex: Extraction, default_source: str | None) -> None:
        self.path, self.ex, self.default_source = path, ex, default_source
        self.keys: dict[str, str] = {}  # file id -> entity key

    def build(self, items: dict[str, list[dict]]) -> None:
        lang = self.ex.document.language
        for row in items["places"]:
            self._entity(row, Place(place_kind=str(row.get("kind") or "city"), wikidata=row.get("wikidata")))
        for row in items["organisations"]:
            org = Organisation(acronym=row.get("acronym"), org_kind=row.get("kind"), sector=row.get("sector"),
                               unit=bool(row.get("unit", False)), wikidata=row.get("wikidata"),
                               lang=row.get("lang") or lang)
            self._entity(row, org)
        for row in items["persons"]:
            p = Person(honorifics=_list(row.get("honorific")), degrees=_list(row.get("degrees")))
            self._entity(row, p)
        for row in items["programmes"]:
            self._entity(row, Programme(lang=row.get("lang") or lang))
        for row in items["events"]:
            kind = row.get("kind")
            if kind is not None and kind not in EVENT_CLASSES:
                self._fail(row, "kind", f"unknown event kind '{kind}' (expected {', '.join(sorted(EVENT_CLASSES))})")
            start, end = self._date(row, "start"), self._date(row, "end")
            if start and end and end < start:
                self._fail(row, "end", f"ends ({end}) before it starts ({start})")
            self._entity(row, Event(event_class=kind, start=start, end=end, lang=row.get("lang") or lang))
        # references resolve once every entity exists
        for row in items["places"]:
            self.ex.entities[self.keys[str(row["id"])]].country = self._ref(row, "country")
        for row in items["organisations"]:
            self.ex.entities[self.keys[str(row["id"])]].parent = self._ref(row, "parent")
        for row in items["organisations"]:
            key, seen = self.keys[str(row["id"])], set()
            while key is not None and key not in seen:
                seen.add(key)
                key = getattr(self.ex.entities[key], "parent", None)
            if key is not None:
                self._fail(row, "parent", "the organisation is its own parent, or its parent's parent ...")
        for row in items["programmes"]:
            prog = self.ex.entities[self.keys[str(row["id"])]]
            prog.location, prog.funder = self._ref(row, "place"), self._ref(row, "funder")
        for row in items["events"]:
            event = self.ex.entities[self.keys[str(row["id"])]]
            event.location = self._ref(row, "place")
            for field, organiser in (("attendees", False), ("organisers", True)):
                for agent in _list(row.get(field)):
                    key = self._ref(row, field, agent)
                    self.ex.participations.append(Participation(event=event.key, agent=key, organiser=organiser))
        for row in items["posts"]:
            start, end, at = self._date(row, "start"), self._date(row, "end"), self._date(row, "at")
            if start and end and end < start:
                self._fail(row, "end", f"ends ({end}) before it starts ({start})")
            role = row.get("role")
            self.ex.memberships.append(Membership(
                person=self._ref(row, "person"), organisation=self._ref(row, "organisation"),
                role=slugify(str(role)) if role else None, role_label=str(role) if role else None,
                role_lang=lang, start=start, end=end, at=at, citations=self._cite(row)))
        for row in items["lessons"]:
            self._lesson(row, lang)

    def _entity(self, row: dict, entity) -> None:
        fid = str(row["id"])
        if fid in self.keys:
            self._fail(row, "id", f"duplicate id '{fid}'")
        entity.name = str(row["name"])
        entity.key = f"{entity.kind}:{fid}"
        for alias in _list(row.get("aliases")):
            entity.add_label(alias, None)
        entity.hidden_labels = _list(row.get("misspellings"))
        entity.citations = self._cite(row)
        self.keys[fid] = entity.key
        self.ex.add(entity)

    def _lesson(self, row: dict, lang: str) -> None:
        title = str(row["title"])
        lesson = Lesson(key=f"lesson:{slugify(title)}", name=title, lang=row.get("lang") or lang,
                        description=row.get("description"), theme=row.get("theme"),
                        event=self._ref(row, "event"), learned_from=self._ref(row, "city"),
                        relevant_to=self._ref(row, "relevant_to"),
                        examples=[self._ref(row, "examples", x) for x in _list(row.get("examples"))],
                        adopted_in=[self._ref(row, "adopted_in", x) for x in _list(row.get("adopted_in"))],
                        citations=self._cite(row))
        if row.get("title_en"):
            lesson.add_label(str(row["title_en"]), "en")
        for alias in _list(row.get("aliases")):
            lesson.add_label(alias, None)
        self.ex.add(lesson)

    def _ref(self, row: dict, field: str, value: Any = None) -> str | None:
        value = row.get(field) if value is None else value
        if value in (None, ""):
            return None
        if str(value) not in self.keys:
            self._fail(row, field, f"'{value}' is not the id of any person, organisation, place, "
                                   "programme or event in this file")
        return self.keys[str(value)]

    def _date(self, row: dict, field: str) -> date | None:
        value = row.get(field)
        if value in (None, ""):
            return None
        return _parse_date(str(value), lambda msg: self._fail(row, field, msg))

    def _cite(self, row: dict) -> list[Citation]:
        source = row.get("source") or self.default_source
        if not source:
            return []
        return [Citation(str(source), str(row["quote"]) if row.get("quote") else None)]

    def _fail(self, row: dict, field: str, message: str):
        raise InputError(f"{self.path}:{row.get('__line__', '?')}: {field}: {message}")


def _list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _parse_date(text: str, fail) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"'{text}' is not a valid date (use YYYY-MM-DD)")
        raise  # unreachable: fail raises


# -- CSV -----------------------------------------------------------------------------------------
def _read_csv(path: Path, raw: str, ex: Extraction) -> None:
    reader = csv.DictReader(io.StringIO(raw))
    try:
        header = reader.fieldnames or []
    except csv.Error as e:  # a stray carriage return in the header row
        raise InputError(f"{path}: row 1: malformed CSV: {e}") from None
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{path}: row 1: missing column(s) {', '.join(missing)} "
                         f"(a curated CSV has columns {', '.join(CSV_COLUMNS)})")
    unknown = [c for c in header if c not in CSV_COLUMNS + _CSV_OPTIONAL]
    if unknown:
        raise InputError(f"{path}: row 1: unknown column(s) {', '.join(unknown)}")
    ex.document.language = "id"
    for n, row in enumerate(_rows(reader), start=2):
        _csv_row(path, n, {k: (v or "").strip() for k, v in row.items() if k}, ex)


def _rows(reader: csv.DictReader) -> Iterable[dict]:
    try:
        yield from reader
    except csv.Error as e:
        raise InputError(f"malformed CSV: {e}") from None


def _csv_row(path: Path, n: int, row: dict[str, str], ex: Extraction) -> None:
    def fail(field: str, message: str):
        raise InputError(f"{path}: row {n}: {field}: {message}")

    if None in row.values():
        fail("-", "wrong number of cells")
    if not row.get("person") and not row.get("organisation"):
        fail("person", "a row names a person, an organisation, or both")
    if row.get("source") and (problem := _bad_source(row["source"])):
        fail("source", problem)
    cite = [Citation(row["source"], row.get("quote") or None)] if row.get("source") else []
    org_key = person_key = None
    if row.get("organisation"):
        org = ex.add(Organisation(key=f"organisation:{slugify(row['organisation'])}", name=row["organisation"],
                                  acronym=row.get("acronym") or None, lang="id", citations=list(cite)))
        org_key = org.key
        if row.get("parent"):
            parent = ex.add(Organisation(key=f"organisation:{slugify(row['parent'])}", name=row["parent"],
                                         lang="id"))
            org.parent = parent.key
    if row.get("person"):
        person = ex.add(Person(key=f"person:{slugify(row['person'])}", name=row["person"],
                               honorifics=_list(row.get("honorific") or None), citations=list(cite)))
        person_key = person.key
        start = _parse_date(row["start"], lambda m: fail("start", m)) if row.get("start") else None
        end = _parse_date(row["end"], lambda m: fail("end", m)) if row.get("end") else None
        if start and end and end < start:
            fail("end", f"ends ({end}) before it starts ({start})")
        if row.get("role") or org_key:
            ex.memberships.append(Membership(
                person=person_key, organisation=org_key, role=slugify(row["role"]) if row.get("role") else None,
                role_label=row.get("role") or None, role_lang="id", start=start, end=end, citations=list(cite)))
    if row.get("event"):
        start = _parse_date(row["event_start"], lambda m: fail("event_start", m)) if row.get("event_start") else None
        end = _parse_date(row["event_end"], lambda m: fail("event_end", m)) if row.get("event_end") else None
        kind = row.get("event_kind") or None
        if kind and kind not in EVENT_CLASSES:
            fail("event_kind", f"unknown event kind '{kind}'")
        event = ex.add(Event(key=f"event:{slugify(row['event'])}-{start}", name=row["event"], start=start, end=end,
                             event_class=kind, lang="id"))
        if row.get("event_place"):
            place = ex.add(Place(key=f"place:{slugify(row['event_place'])}", name=row["event_place"]))
            event.location = place.key
        ex.participations.append(Participation(event=event.key, agent=person_key or org_key,
                                               citations=list(cite)))
