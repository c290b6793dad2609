"""What extraction and curated files produce, before it becomes RDF: entities and facts with evidence.

Both the rule-based extractor and the curated YAML/CSV reader fill an :class:`Extraction`; ``mapping``
turns it into triples. Entities refer to each other by ``key`` (unique within one extraction).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from jejaring.ingest.document import Document, Span

__all__ = [
    "Citation",
    "Entity",
    "Event",
    "Extraction",
    "Lesson",
    "Membership",
    "Organisation",
    "Participation",
    "Person",
    "Place",
    "Programme",
    "Statement",
]


@dataclass(frozen=True)
class Citation:
    """Evidence cited by hand in a curated file: a source document and, optionally, a quote from it."""

    source: str
    quote: str | None = None


@dataclass
class _Evidence:
    spans: list[Span] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Entity(_Evidence):
    """Something a document names: its preferred name, other labels and where it is mentioned."""

    key: str = ""
    name: str = ""
    lang: str | None = None
    alt_labels: list[tuple[str, str | None]] = field(default_factory=list)
    hidden_labels: list[str] = field(default_factory=list)
    lexicon_id: str | None = None
    wikidata: str | None = None

    kind = "entity"

    def add_label(self, label: str, lang: str | None = None) -> None:
        """Record another surface form (not the preferred name, no duplicates)."""
        if label and label != self.name and (label, lang) not in self.alt_labels:
            self.alt_labels.append((label, lang))

    def labels(self) -> list[str]:
        """Every name this entity goes by: preferred, alternative and hidden."""
        return [self.name, *(label for label, _ in self.alt_labels), *self.hidden_labels]


@dataclass
class Person(Entity):
    """A person; honorifics and degrees are recorded but are not part of the name. ``sector`` is the one the
    posts the document gives them imply where none names a body (a public office: government)."""

    honorifics: list[str] = field(default_factory=list)
    degrees: list[str] = field(default_factory=list)
    sector: str | None = None
    kind = "person"


@dataclass
class Organisation(Entity):
    """A government body, unit, NGO, network or company."""

    acronym: str | None = None
    org_kind: str | None = None
    sector: str | None = None
    parent: str | None = None
    unit: bool = False
    kind = "organisation"


@dataclass
class Place(Entity):
    """A city, administrative area or country (the place, never its government)."""

    place_kind: str = "city"
    country: str | None = None
    kind = "place"


@dataclass
class Programme(Entity):
    """A programme, project or strategy."""

    location: str | None = None
    funder: str | None = None
    kind = "programme"


@dataclass
class Event(Entity):
    """An event: a learning visit, public discussion, workshop, forum, meeting ..."""

    event_class: str | None = None
    start: date | None = None
    end: date | None = None
    precision: str = "day"
    location: str | None = None
    about: list[str] = field(default_factory=list)
    kind = "event"


@dataclass
class Lesson(Entity):
    """A lesson learned: on an event, from a city, with example projects and a theme."""

    description: str | None = None
    theme: str | None = None
    event: str | None = None
    learned_from: str | None = None
    relevant_to: str | None = None
    examples: list[str] = field(default_factory=list)
    adopted_in: list[str] = field(default_factory=list)
    kind = "lesson"


@dataclass
class Membership(_Evidence):
    """A person holding a post in (or belonging to) an organisation, over time.

    ``role`` is the role's id, ``role_label`` the post's title as written, ``role_names`` the role's
    names by language from the lexicon, ``role_forms`` the other titles the lexicon writes for it; ``at``
    is a date the text places the post at when it gives no interval; ``before`` a date the post had ended by
    ("mantan", "former" in a text of that date).
    """

    person: str = ""
    organisation: str | None = None
    role: str | None = None
    role_label: str | None = None
    role_lang: str | None = None
    role_names: tuple[tuple[str, str], ...] = ()
    role_forms: tuple[tuple[str, str], ...] = ()
    start: date | None = None
    end: date | None = None
    at: date | None = None
    before: date | None = None


@dataclass
class Participation(_Evidence):
    """An agent attending or organising an event."""

    event: str = ""
    agent: str = ""
    organiser: bool = False


@dataclass
class Statement(_Evidence):
    """Someone (a person, organisation or a post) said something, possibly about lessons."""

    speaker: str = ""
    text: str = ""
    event: str | None = None
    about: list[str] = field(default_factory=list)
    stance: str | None = None


@dataclass
class Extraction:
    """Everything found in one document."""

    document: Document
    entities: dict[str, Entity] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    curated: bool = False

    def add(self, entity: Entity) -> Entity:
        """Add an entity, or merge its labels and evidence into the one already under its key."""
        old = self.entities.get(entity.key)
        if old is None:
            self.entities[entity.key] = entity
            return entity
        for label, lang in entity.alt_labels:
            old.add_label(label, lang)
        if entity.name != old.name:
            old.add_label(entity.name, entity.lang)
        old.hidden_labels += [h for h in entity.hidden_labels if h not in old.hidden_labels]
        old.spans += [s for s in entity.spans if s not in old.spans]
        old.citations += [c for c in entity.citations if c not in old.citations]
        return old
