"""From an :class:`~jejaring.ingest.records.Extraction` to RDF: a function per kind, plus evidence.

IRIs are a deterministic function of what the documents say (MODEL.md, "Instance IRIs"): the lexicon's
id where the entity is in the lexicon, else a slug of its preferred name; fact nodes (memberships,
statements, annotations) get a short hash of what identifies them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, TIME, XSD

from jejaring.graph.store import document_iri
from jejaring.ingest.document import Span
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
from jejaring.ontology.namespaces import ID, JJ, OA, ORG, SCHEMA

__all__ = ["entity_iri", "map_extraction", "role_iri", "slugify", "theme_iri"]

Triple = tuple[URIRef, URIRef, object]

#: Organisation kinds that are units of a larger body (org:OrganizationalUnit), by kind id.
UNIT_KINDS = frozenset({
    "dinas", "suku-dinas", "badan", "biro", "bagian", "sekretariat", "inspektorat", "kantor", "unit",
    "kecamatan", "kelurahan", "desa", "parliament", "programme-secretariat",
})
#: The sector an organisation kind implies when the lexicon gives none.
SECTOR_OF_KIND = {
    "ngo": "ngo", "foundation": "ngo", "programme-secretariat": "ngo", "community-group": "community",
    "company": "private", "state-enterprise": "government", "university": "academic",
    "research-institute": "academic", "international-organisation": "international",
    "international-network": "international", "donor-agency": "international",
    "foreign-government": "government",
}
_PLACE_CLASS = {"city": SCHEMA.City, "country": SCHEMA.Country}


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
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:n]


def theme_iri(theme_id: str) -> URIRef:
    """The IRI of a lesson theme concept."""
    return ID[f"theme/{theme_id}"]


def role_iri(role_id: str) -> URIRef:
    """The IRI of a role concept (shared by every organisation)."""
    return ID[f"role/{slugify(role_id)}"]


def entity_iri(entity: Entity, extraction: Extraction, iris: Mapping[str, URIRef] | None = None) -> URIRef:
    """The IRI of an entity: the lexicon's id when known, else a slug of its name (scoped where needed)."""
    if iris and entity.key in iris:
        return iris[entity.key]
    kind = entity.kind
    if entity.lexicon_id:
        return ID[f"{kind}/{entity.lexicon_id}"]
    slug = slugify(entity.name)
    if isinstance(entity, Organisation) and entity.parent and entity.unit:
        parent = extraction.entities.get(entity.parent)
        if parent is not None:
            slug = f"{slug}--{entity_iri(parent, extraction, iris).rsplit('/', 1)[-1]}"[:120]
    elif isinstance(entity, Event) and entity.start:
        slug = f"{entity.start.isoformat()[:10 if entity.precision == 'day' else 7]}-{slug}"
    elif isinstance(entity, Lesson):
        anchor = entity.event or entity.learned_from or extraction.document.identity
        slug = f"{slugify(entity.name, 60)}-{_hash(anchor, n=6)}"
    return ID[f"{kind}/{slug}"]


def map_extraction(extraction: Extraction, iris: Mapping[str, URIRef] | None = None) -> Graph:
    """The triples of one document's named graph: its description, entities, facts and evidence.

    Parameters
    ----------
    extraction
        What was found in the document.
    iris
        Canonical IRIs by entity key, when cross-document resolution has chosen them.
    """
    g = Graph()
    doc = document_iri(extraction.document.identity)

    def iri(key: str | None) -> URIRef | None:
        if key is None or key not in extraction.entities:
            return None
        return entity_iri(extraction.entities[key], extraction, iris)

    for t in _document_triples(extraction, doc):
        g.add(t)
    for entity in extraction.entities.values():
        node = iri(entity.key)
        for t in MAPPERS[type(entity)](entity, node, iri):
            g.add(t)
        for t in _labels(entity, node):
            g.add(t)
        for t in _evidence(extraction, node, entity, doc):
            g.add(t)
    for m in extraction.memberships:
        for t in _membership(m, iri, extraction, doc):
            g.add(t)
    for p in extraction.participations:
        event, agent = iri(p.event), iri(p.agent)
        if event is not None and agent is not None:
            g.add((event, SCHEMA.organizer if p.organiser else SCHEMA.attendee, agent))
    for s in extraction.statements:
        for t in _statement(s, iri, extraction, doc):
            g.add(t)
    return g


# -- document ------------------------------------------------------------------------------------
def _document_triples(extraction: Extraction, doc: URIRef) -> Iterator[Triple]:
    d = extraction.document
    yield doc, RDF.type, FOAF.Document
    yield doc, RDF.type, SCHEMA[d.genre]
    yield doc, DCTERMS.identifier, Literal(d.sha256)
    yield doc, DCTERMS.language, Literal(d.language)
    yield doc, DCTERMS.format, Literal(d.media_type)
    if d.title:
        yield doc, DCTERMS.title, Literal(d.title, lang=d.language)
    if d.date:
        yield doc, DCTERMS.date, Literal(d.date, datatype=XSD.date)
    for url in d.references:
        yield doc, DCTERMS.references, URIRef(url)


# -- entities ------------------------------------------------------------------------------------
IriOf = Callable[[str | None], URIRef | None]


def _labels(entity: Entity, node: URIRef) -> Iterator[Triple]:
    for label, lang in entity.alt_labels:
        yield node, SKOS.altLabel, Literal(label, lang=lang)
    for label in entity.hidden_labels:
        yield node, SKOS.hiddenLabel, Literal(label)
    if entity.wikidata:
        yield node, SCHEMA.sameAs, URIRef(f"http://www.wikidata.org/entity/{entity.wikidata}")


def _person(p: Person, node: URIRef, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, SCHEMA.Person
    yield node, RDF.type, FOAF.Person
    yield node, SCHEMA.name, Literal(p.name)
    for h in p.honorifics:
        yield node, SCHEMA.honorificPrefix, Literal(h)
    for d in p.degrees:
        yield node, SCHEMA.honorificSuffix, Literal(d)


def _organisation(o: Organisation, node: URIRef, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, ORG.Organization
    yield node, RDF.type, ORG.OrganizationalUnit if o.unit else ORG.FormalOrganization
    sector = o.sector or SECTOR_OF_KIND.get(o.org_kind or "", "government" if o.unit else None)
    if sector == "government":
        yield node, RDF.type, SCHEMA.GovernmentOrganization
    elif sector in ("ngo", "community"):
        yield node, RDF.type, SCHEMA.NGO
    # each document gives its own preferred name; the corpus-wide skos:prefLabel is derived (graph/derive.py)
    yield node, RDFS.label, Literal(o.name, lang=o.lang)
    if o.acronym:
        yield node, JJ.acronym, Literal(o.acronym)
    if o.org_kind:
        yield node, ORG.classification, ID[f"org-kind/{o.org_kind}"]
    if sector:
        yield node, JJ.sector, ID[f"sector/{sector}"]
    parent = iri(o.parent)
    if parent is not None:
        yield node, ORG.unitOf if o.unit else ORG.subOrganizationOf, parent


def _place(p: Place, node: URIRef, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, _PLACE_CLASS.get(p.place_kind, SCHEMA.AdministrativeArea)
    yield node, SCHEMA.name, Literal(p.name)
    country = iri(p.country)
    if country is not None:
        yield node, SCHEMA.containedInPlace, country


def _programme(p: Programme, node: URIRef, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, SCHEMA.Project
    yield node, SCHEMA.name, Literal(p.name, lang=p.lang)
    for prop, key in ((SCHEMA.location, p.location), (SCHEMA.funder, p.funder)):
        if (target := iri(key)) is not None:
            yield node, prop, target


def _event(e: Event, node: URIRef, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, SCHEMA.Event
    yield node, RDF.type, PROV.Activity
    if e.event_class:
        yield node, RDF.type, JJ[e.event_class]
    yield node, SCHEMA.name, Literal(e.name, lang=e.lang)
    if e.start and e.precision != "day":
        # "Maret 2018": the month (or year) is all the text gives; never invent a day
        text, datatype = (e.start.isoformat()[:7], XSD.gYearMonth) if e.precision == "month" else \
            (str(e.start.year), XSD.gYear)
        yield node, SCHEMA.startDate, Literal(text, datatype=datatype)
    elif e.start:
        yield node, SCHEMA.startDate, Literal(e.start, datatype=XSD.date)
        yield node, SCHEMA.endDate, Literal(e.end or e.start, datatype=XSD.date)
    if (place := iri(e.location)) is not None:
        yield node, SCHEMA.location, place
    for key in e.about:
        if (about := iri(key)) is not None:
            yield node, SCHEMA.about, about


def _lesson(le: Lesson, node: URIRef, iri: IriOf) -> Iterator[Triple]:
    yield node, RDF.type, JJ.Lesson
    yield node, RDF.type, PROV.Entity
    yield node, SCHEMA.name, Literal(le.name, lang=le.lang)
    if le.description:
        yield node, SCHEMA.description, Literal(le.description, lang=le.lang)
    if le.theme:
        yield node, DCTERMS.subject, theme_iri(le.theme)
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
def _membership(m: Membership, iri: IriOf, extraction: Extraction, doc: URIRef) -> Iterator[Triple]:
    person, org = iri(m.person), iri(m.organisation)
    if person is None:
        return
    node = ID[f"membership/{_hash(person, org, m.role, m.start, m.end, m.at)}"]
    yield node, RDF.type, ORG.Membership
    yield node, ORG.member, person
    if org is not None:
        yield node, ORG.organization, org
    if m.role:
        role = role_iri(m.role)
        yield node, ORG.role, role
        yield role, RDF.type, ORG.Role
        yield role, RDF.type, SKOS.Concept
        for name, lang in m.role_names or ((m.role_label or m.role, m.role_lang),):
            yield role, SKOS.prefLabel, Literal(name, lang=lang)
        post = ID[f"post/{slugify(m.role)}--{org.rsplit('/', 1)[-1] if org else 'none'}"]
        yield node, JJ.post, post
        yield post, RDF.type, ORG.Post
        yield post, RDFS.label, Literal(m.role_label or m.role, lang=m.role_lang)
        yield post, ORG.role, role
        if org is not None:
            yield post, ORG.postIn, org
    if m.start or m.end or m.at:
        interval = URIRef(f"{node}#interval")
        yield node, ORG.memberDuring, interval
        yield interval, RDF.type, TIME.ProperInterval
        for prop, day, suffix in ((TIME.hasBeginning, m.start, "start"), (TIME.hasEnd, m.end, "end"),
                                  (TIME.inside, m.at, "at")):
            if day is not None:
                yield from _instant(interval, prop, day, URIRef(f"{node}#{suffix}"))
    yield from _provenance(extraction, node, doc)
    yield from _evidence(extraction, node, m, doc)


def _instant(interval: URIRef, prop: URIRef, day: date, node: URIRef) -> Iterator[Triple]:
    yield interval, prop, node
    yield node, RDF.type, TIME.Instant
    yield node, TIME.inXSDDate, Literal(day, datatype=XSD.date)


def _statement(s: Statement, iri: IriOf, extraction: Extraction, doc: URIRef) -> Iterator[Triple]:
    speaker = iri(s.speaker)
    if speaker is None:
        return
    anchor = s.spans[0].start if s.spans else s.text
    node = ID[f"statement/{_hash(doc, anchor, speaker)}"]
    yield node, RDF.type, JJ.Statement
    yield node, RDF.type, PROV.Entity
    yield node, PROV.wasAttributedTo, speaker
    yield node, SCHEMA.description, Literal(s.text, lang=extraction.document.language)
    if (event := iri(s.event)) is not None:
        yield node, PROV.wasGeneratedBy, event
    for key in s.about:
        if (about := iri(key)) is not None:
            yield node, SCHEMA.about, about
    if s.stance:
        yield node, JJ.stance, Literal(s.stance)
    yield from _provenance(extraction, node, doc)
    yield from _evidence(extraction, node, s, doc)


# -- provenance and evidence ---------------------------------------------------------------------
def _provenance(extraction: Extraction, node: URIRef, doc: URIRef) -> Iterator[Triple]:
    yield node, PROV.wasDerivedFrom if extraction.curated else JJ.extractedFrom, doc


def _evidence(extraction: Extraction, node: URIRef, item, doc: URIRef) -> Iterator[Triple]:
    if isinstance(item, Entity):
        yield from _provenance(extraction, node, doc)
    text = extraction.document.text
    best: dict[tuple[int, int], Span] = {}
    for span in item.spans:  # one annotation per stretch of text: the most confident rule's
        old = best.get((span.start, span.end))
        if old is None or (span.confidence, span.rule) > (old.confidence, old.rule):
            best[(span.start, span.end)] = span
    for span in sorted(best.values()):
        yield from _annotation(node, doc, span, text)
    for c in item.citations:
        ann = ID[f"annotation/{_hash(node, c.source, c.quote, n=16)}"]
        target = URIRef(f"{ann}#target")
        yield ann, RDF.type, OA.Annotation
        yield ann, OA.hasBody, node
        yield ann, OA.hasTarget, target
        yield ann, JJ.rule, Literal("curated")
        yield ann, JJ.confidence, Literal(1.0, datatype=XSD.decimal)
        yield target, RDF.type, OA.SpecificResource
        source = URIRef(c.source) if re.match(r"https?://", c.source) else document_iri(c.source)
        yield target, OA.hasSource, source
        if c.quote:
            quote = URIRef(f"{ann}#quote")
            yield target, OA.hasSelector, quote
            yield quote, RDF.type, OA.TextQuoteSelector
            yield quote, OA.exact, Literal(c.quote)


def _annotation(node: URIRef, doc: URIRef, span: Span, text: str) -> Iterator[Triple]:
    ann = ID[f"annotation/{_hash(doc, span.start, span.end, node, n=16)}"]
    target, position, quote = (URIRef(f"{ann}#{part}") for part in ("target", "position", "quote"))
    yield ann, RDF.type, OA.Annotation
    yield ann, OA.hasBody, node
    yield ann, OA.hasTarget, target
    yield ann, JJ.rule, Literal(span.rule or span.label)
    yield ann, JJ.confidence, Literal(round(span.confidence, 3), datatype=XSD.decimal)
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, doc
    yield target, OA.hasSelector, position
    yield target, OA.hasSelector, quote
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)
    yield position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, Literal(span.exact)
    yield quote, OA.prefix, Literal(text[max(0, span.start - 32):span.start])
    yield quote, OA.suffix, Literal(text[span.end:span.end + 32])

