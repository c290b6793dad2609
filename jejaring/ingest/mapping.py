"""From an :class:`~jejaring.ingest.records.Extraction` to RDF: a function per kind, plus evidence.

IRIs are a deterministic function of what the documents say (MODEL.md, "Instance IRIs"): the lexicon's
id where the entity is in the lexicon, else a slug of its preferred name; fact nodes (memberships,
statements, annotations) get a short hash of what identifies them.

Triples are made of Oxigraph terms, the store's own, and serialised by Oxigraph (:func:`to_ntriples`):
no rdflib graph is built on the way, which at corpus scale cost as much as extraction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef

from jejaring.ingest.document import Span
from jejaring.ingest.lexicon import UNIT_KINDS  # noqa: F401  (kinds that are units: org:OrganizationalUnit)
from jejaring.ingest.records import (
    Entity,
    Event,
    Extraction,
    Lesson,
    Membership,
    Organisation,
    Person,
    Place,
    Programme,
    Statement,
)
from jejaring.ontology import namespaces as ns
from jejaring.ontology.namespaces import document_iri

__all__ = ["entity_iri", "map_extraction", "role_iri", "slugify", "theme_iri", "to_ntriples"]

Node = ox.NamedNode
Triple = tuple[Node, Node, Node | ox.Literal]


class _Vocabulary:
    """A namespace's IRIs as Oxigraph terms, each made once: ``_Vocabulary(ns.SCHEMA).Person``."""

    def __init__(self, namespace: str) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> Node:
        if name.startswith("_"):
            raise AttributeError(name)
        node = self[name]
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> Node:
        return Node(self._base + name)


DCTERMS, FOAF, ID, JJ, OA, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD = (_Vocabulary(n) for n in (
    ns.DCTERMS, ns.FOAF, ns.ID, ns.JJ, ns.OA, ns.ORG, ns.PROV, ns.RDF, ns.RDFS, ns.SCHEMA, ns.SKOS, ns.TIME, ns.XSD))

#: The sector an organisation kind implies when the lexicon gives none, for every kind. Governments, their units,
#: legislatures, courts, prosecutors, police, armed forces and political parties (they fill the legislatures and the
#: cabinet) are government; companies, state- and regionally owned enterprises (businesses, as readers of the news
#: count them) and business associations are private; universities and research institutes academic; organisations
#: that work for a cause or for others (NGOs, foundations) ngo; organisations of their members (community groups,
#: mass and religious organisations, professional associations, trade unions) community.
SECTOR_OF_KIND = {
    **dict.fromkeys((
        "city-government", "provincial-government", "regency-government", "national-government", "ministry",
        "national-agency", "dinas", "suku-dinas", "badan", "biro", "bagian", "sekretariat", "inspektorat", "kantor",
        "unit", "kecamatan", "kelurahan", "desa", "parliament", "court", "prosecutor", "police", "military",
        "political-party", "foreign-government"), "government"),
    "company": "private", "state-enterprise": "private", "business-association": "private",
    "university": "academic", "research-institute": "academic",
    "ngo": "ngo", "foundation": "ngo", "programme-secretariat": "ngo",
    "community-group": "community", "association": "community", "religious-organisation": "community",
    "trade-union": "community",
    "international-organisation": "international", "international-network": "international",
    "donor-agency": "international",
}
_PLACE_CLASS = {"city": SCHEMA.City, "country": SCHEMA.Country}


@lru_cache(maxsize=1 << 16)
def slugify(text: str, max_length: int = 80) -> str:
    """A lowercase ASCII slug of a name, for IRIs.

    >>> slugify("Badan Penanggulangan Bencana Daerah (BPBD) — DKI Jakarta")
    'badan-penanggulangan-bencana-daerah-bpbd-dki-jakarta'
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:max_length].rstrip("-") or "x"


def _hash(*parts: object, n: int = 12) -> str:
    text = "\x1f".join(p.value if isinstance(p, Node) else str(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def _part(node: Node, name: str) -> Node:
    """A node's part (``#interval``, ``#target`` ...): an IRI of its own, named after the node's."""
    return Node(f"{node.value}#{name}")


def _literal(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang or None)


def _typed(value: object, datatype: Node) -> ox.Literal:
    """A typed literal with rdflib's lexical form of a Python value (ISO dates, ``str`` of numbers)."""
    return ox.Literal(value.isoformat() if isinstance(value, date) else str(value), datatype=datatype)


def theme_iri(theme_id: str) -> URIRef:
    """The IRI of a lesson theme concept."""
    return ns.ID[f"theme/{theme_id}"]


def role_iri(role_id: str) -> URIRef:
    """The IRI of a role concept (shared by every organisation)."""
    return ns.ID[f"role/{slugify(role_id)}"]


def entity_iri(entity: Entity, extraction: Extraction, iris: Mapping[str, URIRef] | None = None) -> URIRef:
    """The IRI of an entity: the lexicon's id when known, else a slug of its name (scoped where needed)."""
    if iris and entity.key in iris:
        return iris[entity.key]
    kind = entity.kind
    if entity.lexicon_id:
        return ns.ID[f"{kind}/{entity.lexicon_id}"]
    slug = slugify(entity.name)
    if isinstance(entity, Organisation) and entity.parent and entity.unit:
        parent = extraction.entities.get(entity.parent)
        if parent is not None:
            slug = f"{slug}--{entity_iri(parent, extraction, iris).rsplit('/', 1)[-1]}"[:120]
    elif isinstance(entity, Event) and entity.start:
        slug = f"{entity.start.isoformat()[:10 if entity.precision == 'day' else 7]}-{slug}"
    elif isinstance(entity, Lesson):
        slug = f"{slugify(entity.name, 60)}-{_hash(_lesson_anchor(entity, extraction, iris), n=6)}"
    return ns.ID[f"{kind}/{slug}"]


def _lesson_anchor(lesson: Lesson, extraction: Extraction, iris: Mapping[str, URIRef] | None) -> str:
    """What scopes a lesson's IRI: the IRI of the city it came from, else of the event it was learned on (the
    same in every document that names them), else the document."""
    for key in (lesson.learned_from, lesson.event):
        if key in extraction.entities:
            return str(entity_iri(extraction.entities[key], extraction, iris))
    return extraction.document.identity


def map_extraction(extraction: Extraction, iris: Mapping[str, URIRef] | None = None) -> set[ox.Triple]:
    """The triples of one document's named graph: its description, entities, facts and evidence.

    Parameters
    ----------
    extraction
        What was found in the document.
    iris
        Canonical IRIs by entity key, when cross-document resolution has chosen them.

    Returns
    -------
    set of pyoxigraph.Triple
        The graph's triples (write them with :func:`to_ntriples`).

    Examples
    --------
    >>> from jejaring.ingest.document import Document
    >>> triples = map_extraction(Extraction(Document("note.txt", "Hari ini.")))
    >>> sorted(str(t.object) for t in triples if t.predicate.value.endswith("format"))
    ['"text/plain"']
    """
    doc = Node(str(document_iri(extraction.document.identity)))
    nodes: dict[str, Node] = {}

    def iri(key: str | None) -> Node | None:
        if key is None or key not in extraction.entities:
            return None
        if key not in nodes:
            nodes[key] = Node(str(entity_iri(extraction.entities[key], extraction, iris)))
        return nodes[key]

    triples = [*_document_triples(extraction, doc)]
    for entity in extraction.entities.values():
        node = iri(entity.key)
        triples += MAPPERS[type(entity)](entity, node, iri)
        triples += _labels(entity, node)
        triples += _evidence(extraction, node, entity, doc)
    for m in extraction.memberships:
        triples += _membership(m, iri, extraction, doc)
    for p in extraction.participations:
        event, agent = iri(p.event), iri(p.agent)
        if event is not None and agent is not None:
            triples.append((event, SCHEMA.organizer if p.organiser else SCHEMA.attendee, agent))
    for s in extraction.statements:
        triples += _statement(s, iri, extraction, doc)
    return {ox.Triple(*t) for t in triples}


def to_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    r"""Triples as N-Triples, written by Oxigraph (which escapes every term as the format requires).

    >>> to_ntriples([ox.Triple(ID["person/x"], SCHEMA.name, _literal('Ani "A"'))]).decode()
    '<https://w3id.org/jejaring/id/person/x> <https://schema.org/name> "Ani \\"A\\"" .\n'
    """
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


# -- document ------------------------------------------------------------------------------------
def _document_triples(extraction: Extraction, doc: Node) -> Iterator[Triple]:
    d = extraction.document
    yield doc, RDF.type, FOAF.Document
    yield doc, RDF.type, SCHEMA[d.genre]
    yield doc, DCTERMS.identifier, _literal(d.sha256)
    yield doc, DCTERMS.language, _literal(d.language)
    yield doc, DCTERMS.format, _literal(d.media_type)
    if d.title:
        yield doc, DCTERMS.title, _literal(d.title, d.language)
    if d.date:
        yield doc, DCTERMS.date, _typed(d.date, XSD.date)
    for url in d.references:
        yield doc, DCTERMS.references, Node(url)


# -- entities ------------------------------------------------------------------------------------
IriOf = Callable[[str | None], Node | None]


def _labels(entity: Entity, node: Node) -> Iterator[Triple]:
    for label, lang in entity.alt_labels:
        yield node, SKOS.altLabel, _literal(label, lang)
    for label in entity.hidden_labels:
        yield node, SKOS.hiddenLabel, _literal(label)
    if entity.wikidata:
        yield node, SCHEMA.sameAs, Node(f"http://www.wikidata.org/entity/{entity.wikidata}")


def _person(p: Person, node: Node, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, SCHEMA.Person
    yield node, RDF.type, FOAF.Person
    yield node, SCHEMA.name, _literal(p.name)
    for h in p.honorifics:
        yield node, SCHEMA.honorificPrefix, _literal(h)
    for d in p.degrees:
        yield node, SCHEMA.honorificSuffix, _literal(d)
    if p.sector:
        yield node, JJ.sector, ID[f"sector/{p.sector}"]


def _organisation(o: Organisation, node: Node, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, ORG.Organization
    yield node, RDF.type, ORG.OrganizationalUnit if o.unit else ORG.FormalOrganization
    sector = o.sector or SECTOR_OF_KIND.get(o.org_kind or "", "government" if o.unit else None)
    if sector == "government":
        yield node, RDF.type, SCHEMA.GovernmentOrganization
    elif sector in ("ngo", "community"):
        yield node, RDF.type, SCHEMA.NGO
    # each document gives its own preferred name; the corpus-wide skos:prefLabel is derived (graph/store/derive.py)
    yield node, RDFS.label, _literal(o.name, o.lang)
    if o.acronym:
        yield node, JJ.acronym, _literal(o.acronym)
    if o.org_kind:
        yield node, ORG.classification, ID[f"org-kind/{o.org_kind}"]
    if sector:
        yield node, JJ.sector, ID[f"sector/{sector}"]
    parent = iri(o.parent)
    if parent is not None:
        yield node, ORG.unitOf if o.unit else ORG.subOrganizationOf, parent


def _place(p: Place, node: Node, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, _PLACE_CLASS.get(p.place_kind, SCHEMA.AdministrativeArea)
    yield node, SCHEMA.name, _literal(p.name)
    country = iri(p.country)
    if country is not None:
        yield node, SCHEMA.containedInPlace, country


def _programme(p: Programme, node: Node, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, SCHEMA.Project
    yield node, SCHEMA.name, _literal(p.name, p.lang)
    for prop, key in ((SCHEMA.location, p.location), (SCHEMA.funder, p.funder)):
        if (target := iri(key)) is not None:
            yield node, prop, target


def _event(e: Event, node: Node, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, SCHEMA.Event
    yield node, RDF.type, PROV.Activity
    if e.event_class:
        yield node, RDF.type, JJ[e.event_class]
    yield node, SCHEMA.name, _literal(e.name, e.lang)
    if e.start and e.precision != "day":
        # "Maret 2018": the month (or year) is all the text gives; never invent a day
        text, datatype = (e.start.isoformat()[:7], XSD.gYearMonth) if e.precision == "month" else \
            (str(e.start.year), XSD.gYear)
        yield node, SCHEMA.startDate, _typed(text, datatype)
    elif e.start:
        yield node, SCHEMA.startDate, _typed(e.start, XSD.date)
        yield node, SCHEMA.endDate, _typed(e.end or e.start, XSD.date)
    if (place := iri(e.location)) is not None:
        yield node, SCHEMA.location, place
    for key in e.about:
        if (about := iri(key)) is not None:
            yield node, SCHEMA.about, about


def _lesson(le: Lesson, node: Node, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, JJ.Lesson
    yield node, RDF.type, PROV.Entity
    yield node, SCHEMA.name, _literal(le.name, le.lang)
    if le.description:
        yield node, SCHEMA.description, _literal(le.description, le.lang)
    if le.theme:
        yield node, DCTERMS.subject, Node(str(theme_iri(le.theme)))
    links = [(PROV.wasGeneratedBy, le.event), (JJ.learnedFrom, le.learned_from), (JJ.relevantTo, le.relevant_to)]
    links += [(JJ.exemplifiedBy, k) for k in le.examples] + [(JJ.adoptedIn, k) for k in le.adopted_in]
    for prop, key in links:
        if (target := iri(key)) is not None:
            yield node, prop, target


MAPPERS: dict[type, Callable[..., Iterator[Triple]]] = {
    Person: _person, Organisation: _organisation, Place: _place, Programme: _programme,
    Event: _event, Lesson: _lesson,
}


# -- facts ---------------------------------------------------------------------------------------
def _membership(m: Membership, iri: IriOf, extraction: Extraction, doc: Node) -> Iterator[Triple]:
    person, org = iri(m.person), iri(m.organisation)
    if person is None:
        return
    node = ID[f"membership/{_hash(person, org, m.role, m.start, m.end, m.at, *([m.before] if m.before else []))}"]
    yield node, RDF.type, ORG.Membership
    yield node, ORG.member, person
    if org is not None:
        yield node, ORG.organization, org
    if m.role:
        role = Node(str(role_iri(m.role)))
        yield node, ORG.role, role
        yield role, RDF.type, ORG.Role
        yield role, RDF.type, SKOS.Concept
        for name, lang in m.role_names or ((m.role_label or m.role, m.role_lang),):
            yield role, SKOS.prefLabel, _literal(name, lang)
        for name, lang in m.role_forms:
            if (name, lang) not in m.role_names:
                yield role, SKOS.altLabel, _literal(name, lang)
        post = ID[f"post/{slugify(m.role)}--{org.value.rsplit('/', 1)[-1] if org else 'none'}"]
        yield node, JJ.post, post
        yield post, RDF.type, ORG.Post
        yield post, RDFS.label, _literal(m.role_label or m.role, m.role_lang)
        yield post, ORG.role, role
        if org is not None:
            yield post, ORG.postIn, org
    if m.start or m.end or m.at or m.before:
        interval = _part(node, "interval")
        yield node, ORG.memberDuring, interval
        yield interval, RDF.type, TIME.ProperInterval
        for prop, day, suffix in ((TIME.hasBeginning, m.start, "start"), (TIME.hasEnd, m.end, "end"),
                                  (TIME.inside, m.at, "at"), (TIME.before, m.before, "before")):
            if day is not None:
                yield from _instant(interval, prop, day, _part(node, suffix))
    yield from _provenance(extraction, node, doc)
    yield from _evidence(extraction, node, m, doc)


def _instant(interval: Node, prop: Node, day: date, node: Node) -> Iterator[Triple]:
    yield interval, prop, node
    yield node, RDF.type, TIME.Instant
    yield node, TIME.inXSDDate, _typed(day, XSD.date)


def _statement(s: Statement, iri: IriOf, extraction: Extraction, doc: Node) -> Iterator[Triple]:
    speaker = iri(s.speaker)
    if speaker is None:
        return
    anchor = s.spans[0].start if s.spans else s.text
    node = ID[f"statement/{_hash(doc, anchor, speaker)}"]
    yield node, RDF.type, JJ.Statement
    yield node, RDF.type, PROV.Entity
    yield node, PROV.wasAttributedTo, speaker
    yield node, SCHEMA.description, _literal(s.text, extraction.document.language)
    if (event := iri(s.event)) is not None:
        yield node, PROV.wasGeneratedBy, event
    for key in s.about:
        if (about := iri(key)) is not None:
            yield node, SCHEMA.about, about
    if s.stance:
        yield node, JJ.stance, _literal(s.stance)
    yield from _provenance(extraction, node, doc)
    yield from _evidence(extraction, node, s, doc)


# -- provenance and evidence ---------------------------------------------------------------------
def _provenance(extraction: Extraction, node: Node, doc: Node) -> Iterator[Triple]:
    yield node, PROV.wasDerivedFrom if extraction.curated else JJ.extractedFrom, doc


def _evidence(extraction: Extraction, node: Node, item, doc: Node) -> Iterator[Triple]:
    """The Web Annotations that trace ``node`` to the spans (or, if curated, the sources) it was found in.

    Each is what the Web Annotation Data Model requires and no more: the target is not typed
    ``oa:SpecificResource`` (a SHOULD; its ``oa:hasSource`` and ``oa:hasSelector`` say what it is) and the quote
    has no ``oa:prefix``/``oa:suffix`` (MAYs; the position selector locates the quote, and the document's
    cleaned text, kept in the meta graph, shows it in context). Evidence is most of a document graph's quads.
    """
    if isinstance(item, Entity):
        yield from _provenance(extraction, node, doc)
    best: dict[tuple[int, int], Span] = {}
    for span in item.spans:  # one annotation per stretch of text: the most confident rule's
        old = best.get((span.start, span.end))
        if old is None or (span.confidence, span.rule) > (old.confidence, old.rule):
            best[(span.start, span.end)] = span
    for span in sorted(best.values()):
        yield from _annotation(node, doc, span)
    for c in item.citations:
        ann = ID[f"annotation/{_hash(node, c.source, c.quote, n=16)}"]
        target = _part(ann, "target")
        yield ann, RDF.type, OA.Annotation
        yield ann, OA.hasBody, node
        yield ann, OA.hasTarget, target
        yield ann, JJ.rule, _literal("curated")
        yield ann, JJ.confidence, _typed(1.0, XSD.decimal)
        source = Node(c.source if re.match(r"https?://", c.source) else str(document_iri(c.source)))
        yield target, OA.hasSource, source
        if c.quote:
            quote = _part(ann, "quote")
            yield target, OA.hasSelector, quote
            yield quote, RDF.type, OA.TextQuoteSelector
            yield quote, OA.exact, _literal(c.quote)


def _annotation(node: Node, doc: Node, span: Span) -> Iterator[Triple]:
    """One span's annotation: 13 triples (5 of the annotation, 2 of its target, 3 of each selector)."""
    ann = ID[f"annotation/{_hash(doc, span.start, span.end, node, n=16)}"]
    target, position, quote = (_part(ann, part) for part in ("target", "position", "quote"))
    yield ann, RDF.type, OA.Annotation
    yield ann, OA.hasBody, node
    yield ann, OA.hasTarget, target
    yield ann, JJ.rule, _literal(span.rule or span.label)
    yield ann, JJ.confidence, _typed(round(span.confidence, 3), XSD.decimal)
    yield target, OA.hasSource, doc
    yield target, OA.hasSelector, position
    yield target, OA.hasSelector, quote
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, _typed(span.start, XSD.nonNegativeInteger)
    yield position, OA.end, _typed(span.end, XSD.nonNegativeInteger)
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, _literal(span.exact)

