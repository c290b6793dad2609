"""A deterministic synthetic knowledge graph in the model's exact shape, written as N-Quads.

Each generated document is one named graph, as ``jejaring ingest`` writes it: the document node, the
persons, organisations, posts, roles, memberships (with OWL-Time intervals), events with attendees and
organisers, lessons, statements, cities, programmes, and a Web Annotation (``oa:``) for every mention,
whose offsets and quotes point into the document text kept in the meta graph. The derived graph holds
the organisations' preferred labels and the endorsements.

Two ways to size it:

- :func:`for_quads` aims at a number of quads (100k, 1M ...);
- :func:`for_nodes` aims at a number of nodes in the ``stakeholders`` network view (persons and
  organisations), every one of them mentioned at least once.

Usage::

    python benchmarks/synthetic_graph.py --quads 1000000 -o graph.nq
    python benchmarks/synthetic_graph.py --nodes 2000 -o network.nq
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

JJ = "https://w3id.org/jejaring/ns#"
ID = "https://w3id.org/jejaring/id/"
DOC = "https://w3id.org/jejaring/doc/"
META = "https://w3id.org/jejaring/graph/meta"
DERIVED = "https://w3id.org/jejaring/graph/derived"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
VOID = "http://rdfs.org/ns/void#"
TYPE = f"<{RDF}type>"

#: Persons and organisations a document mentions besides its popular ones (see :func:`for_nodes`).
PERSONS_PER_DOC = 8
ORGS_PER_DOC = 6
#: Quads per generated document, measured; :func:`for_quads` sizes the corpus with it.
QUADS_PER_DOC = 1200

_SYLLABLES = ("ka", "ri", "sa", "wa", "di", "nu", "to", "ma", "la", "pe", "ra", "yo", "bu", "si", "ha", "ne")
_FIRST = ("Andi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari",
          "Made", "Nur", "Oswar", "Putri", "Rizal", "Sri", "Tri", "Wahyu", "Yanti", "Agus", "Bambang", "Rina")
_TOPICS = ("Lingkungan Hidup", "Sumber Daya Air", "Bina Marga", "Pendidikan", "Kesehatan", "Perumahan",
           "Perhubungan", "Tata Ruang", "Sosial", "Pariwisata", "Energi", "Kebencanaan")
#: Organisation kinds: classification, sector, classes, name prefix.
_ORG_KINDS = (
    ("dinas", "government", ("OrganizationalUnit", "GovernmentOrganization"), "Dinas"),
    ("bidang", "government", ("OrganizationalUnit", "GovernmentOrganization"), "Bidang"),
    ("badan", "government", ("OrganizationalUnit", "GovernmentOrganization"), "Badan"),
    ("ngo", "ngo", ("FormalOrganization", "NGO"), "Yayasan"),
    ("kelurahan", "government", ("OrganizationalUnit", "GovernmentOrganization"), "Kelurahan"),
    ("international", "international", ("FormalOrganization",), "Institute for"),
    ("university", "academic", ("FormalOrganization",), "Universitas"),
    ("company", "private", ("FormalOrganization",), "PT"),
)
_ROLES = ("head", "secretary", "head-of-division", "programme-officer", "director", "staff", "coordinator",
          "deputy-head")
_EVENT_KINDS = ("LearningVisit", "Workshop", "Seminar", "PublicDiscussion", "Forum")
_THEMES = ("leadership", "flood-management", "public-engagement", "inclusiveness", "water-governance",
           "waste", "mobility", "green-space")
_LESSON_WORDS = ("Kepemimpinan", "Ruang Air", "Pelibatan Publik", "Inklusivitas", "Tata Kelola Air",
                 "Pengelolaan Sampah", "Transportasi Publik", "Ruang Terbuka Hijau")


@dataclass(frozen=True)
class Plan:
    """The size of a synthetic graph: documents and the persons and organisations they draw from."""

    documents: int
    persons: int
    organisations: int
    seed: int = 42


@dataclass
class Summary:
    """What :func:`write_graph` wrote: counts, and parameter values for the library queries."""

    quads: int = 0
    documents: int = 0
    persons: int = 0
    organisations: int = 0
    params: dict[str, str] = field(default_factory=dict)


def for_quads(quads: int, seed: int = 42) -> Plan:
    """A plan of about ``quads`` quads; each person is mentioned by about three documents, each organisation four."""
    docs = max(1, round(quads / QUADS_PER_DOC))
    return Plan(docs, max(PERSONS_PER_DOC, docs * PERSONS_PER_DOC // 3), max(ORGS_PER_DOC, docs * ORGS_PER_DOC // 4),
                seed)


def for_nodes(nodes: int, seed: int = 42) -> Plan:
    """A plan whose stakeholder view has ``nodes`` nodes (60% persons), each mentioned at least once."""
    persons = max(PERSONS_PER_DOC, round(nodes * 0.6))
    orgs = max(ORGS_PER_DOC, nodes - persons)
    docs = math.ceil(max(persons / PERSONS_PER_DOC, orgs / ORGS_PER_DOC))
    return Plan(docs, persons, orgs, seed)


def write_graph(plan: Plan, path: str | Path) -> Summary:
    """Write the graph of ``plan`` to ``path`` as N-Quads; the same plan always gives the same bytes."""
    world = _World(plan)
    summary = Summary(documents=plan.documents, persons=plan.persons, organisations=plan.organisations)
    with open(path, "w", encoding="utf-8") as out:
        for d in range(plan.documents):
            lines = world.document(d)
            summary.quads += len(lines)
            out.write("".join(lines))
        lines = world.derived()
        summary.quads += len(lines)
        out.write("".join(lines))
    summary.params = world.params()
    return summary


# -- terms -------------------------------------------------------------------------------------------------------
def _lit(text: str, lang: str = "") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _word(i: int) -> str:
    """A made-up word, unique for each ``i``."""
    letters = []
    while True:
        letters.append(_SYLLABLES[i % len(_SYLLABLES)])
        i //= len(_SYLLABLES)
        if i == 0 and len(letters) >= 3:
            break
    return "".join(letters).capitalize()


def _slug(text: str) -> str:
    return "-".join("".join(c for c in w.lower() if c.isalnum()) for w in text.split())


def _cycle(rng: random.Random, n: int) -> Iterator[int]:
    """0..n-1 in a fresh shuffled order, again and again: every index comes once per round."""
    while True:
        order = list(range(n))
        rng.shuffle(order)
        yield from order


@dataclass(frozen=True)
class _Event:
    iri: str
    name: str
    kind: str
    start: str
    end: str
    city: int


class _Text:
    """A document's text, built sentence by sentence, with the offsets of every mention in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.mentions: list[tuple[str, str, int]] = []

    def say(self, *pieces: str | tuple[str, str]) -> None:
        """Append a sentence: plain strings, and ``(iri, surface)`` pairs that are mentions of ``iri``."""
        for piece in pieces:
            if isinstance(piece, tuple):
                self.mentions.append((piece[0], piece[1], self.length))
                piece = piece[1]
            self.parts.append(piece)
            self.length += len(piece)
        self.parts.append("\n")
        self.length += 1

    def value(self) -> str:
        return "".join(self.parts)


class _World:
    """The entities every document draws from, and the writer of each document's quads."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        rng = random.Random(plan.seed)
        self.rng = rng
        self.person_order = _cycle(rng, plan.persons)
        self.org_order = _cycle(rng, plan.organisations)
        self.cities = [f"Kota {_word(7 + i)}" for i in range(max(8, plan.organisations // 20))]
        self.programmes = [f"Program {_word(11 + i)}" for i in range(max(5, plan.persons // 10))]
        self.events = [self._event(i) for i in range(max(1, plan.documents * 2 // 3))]
        self.orgs_seen: set[int] = set()
        self._endorsements: list[tuple[str, str]] = []

    # -- the entities --------------------------------------------------------------------------------------------
    def person_name(self, i: int) -> str:
        return f"{_FIRST[i % len(_FIRST)]} {_word(i)}"

    def org_name(self, j: int) -> str:
        kind = _ORG_KINDS[j % len(_ORG_KINDS)]
        return f"{kind[3]} {_TOPICS[j % len(_TOPICS)]} {_word(j)}"

    def person_iri(self, i: int) -> str:
        return f"{ID}person/{_slug(self.person_name(i))}"

    def org_iri(self, j: int) -> str:
        return f"{ID}organisation/{_slug(self.org_name(j))}"

    def city_iri(self, c: int) -> str:
        return f"{ID}place/{_slug(self.cities[c])}"

    def programme_iri(self, p: int) -> str:
        return f"{ID}programme/{_slug(self.programmes[p])}"

    def _event(self, i: int) -> _Event:
        rng = random.Random(self.plan.seed * 1_000_003 + i)
        kind = _EVENT_KINDS[i % len(_EVENT_KINDS)]
        year, month, day = 2015 + i % 10, 1 + rng.randrange(12), 1 + rng.randrange(25)
        start = f"{year}-{month:02d}-{day:02d}"
        end = f"{year}-{month:02d}-{day + rng.randrange(4):02d}"
        name = f"{kind} {_TOPICS[i % len(_TOPICS)]} {_word(3 + i)}"
        city = rng.randrange(len(self.cities))
        return _Event(f"{ID}event/{start}-{_slug(name)}", name, kind, start, end, city)

    def _popular(self, n: int) -> int:
        """A few entities are mentioned by many documents, as the officials everyone quotes."""
        return int(n * self.rng.random() ** 4)

    # -- a document ----------------------------------------------------------------------------------------------
    def document(self, d: int) -> list[str]:
        """The quads of document ``d``'s named graph and of its meta record."""
        rng, plan = self.rng, self.plan
        persons = list(dict.fromkeys([next(self.person_order) for _ in range(PERSONS_PER_DOC)]
                                     + [self._popular(plan.persons) for _ in range(2)]))
        orgs = list(dict.fromkeys([next(self.org_order) for _ in range(ORGS_PER_DOC)]
                                  + [self._popular(plan.organisations) for _ in range(2)]))
        self.orgs_seen.update(orgs)
        events = list(dict.fromkeys(self.events[rng.randrange(len(self.events))] for _ in range(1 + d % 2)))
        identity = f"synthetic/doc-{d:06d}.txt"
        doc = f"{DOC}{identity}"
        g = f" <{doc}> .\n"
        q: list[str] = []

        def add(s: str, p: str, o: str) -> None:
            q.append(f"<{s}> <{p}> {o}{g}")

        text = _Text()
        ev = events[0]
        text.say("Laporan kegiatan ", (ev.iri, ev.name), " di ", (self.city_iri(ev.city), self.cities[ev.city]), ".")
        for i in persons:
            add(self.person_iri(i), RDF + "type", f"<{SCHEMA}Person>")
            add(self.person_iri(i), RDF + "type", f"<{FOAF}Person>")
            add(self.person_iri(i), SCHEMA + "name", _lit(self.person_name(i)))
            add(self.person_iri(i), JJ + "extractedFrom", f"<{doc}>")
        for j in orgs:
            self._organisation(j, add, doc)
        for e in events:
            self._event_quads(e, persons, orgs, add, doc, text)
        for k, i in enumerate(persons[:5]):
            self._membership(d, k, i, orgs[k % len(orgs)], events[0], add, doc, text)
        lessons = [self._lesson(d, k, events[0], persons[k], add, doc, text) for k in range(2)]
        for k, lesson in enumerate(lessons):
            st = f"{ID}statement/{d:06x}{k:06x}"
            quote = f"Menurut kami {_LESSON_WORDS[(d + k) % len(_LESSON_WORDS)].lower()} adalah kunci keberhasilan."
            add(st, RDF + "type", f"<{JJ}Statement>")
            add(st, RDF + "type", f"<{PROV}Entity>")
            add(st, PROV + "wasAttributedTo", f"<{self.person_iri(persons[k + 2])}>")
            add(st, SCHEMA + "about", f"<{lesson}>")
            add(st, PROV + "wasGeneratedBy", f"<{events[0].iri}>")
            add(st, SCHEMA + "description", _lit(quote, "id"))
            add(st, JJ + "stance", _lit("support"))
            add(st, JJ + "extractedFrom", f"<{doc}>")
            text.say((self.person_iri(persons[k + 2]), self.person_name(persons[k + 2])), " mengatakan: ", quote)
        for i in persons[5:]:
            text.say("Hadir pula ", (self.person_iri(i), self.person_name(i)), ".")
        for j in orgs:
            text.say("Perwakilan ", (self.org_iri(j), self.org_name(j)), " ikut serta.")
        for k, i in enumerate(persons):  # the closing summary names everyone again, as reports do
            j = orgs[k % len(orgs)]
            text.say((self.person_iri(i), self.person_name(i)), " dari ", (self.org_iri(j), self.org_name(j)),
                     " menyampaikan pandangannya.")
        body = text.value()
        sha = hashlib.sha256(body.encode()).hexdigest()
        add(doc, RDF + "type", f"<{SCHEMA}NewsArticle>")
        add(doc, RDF + "type", f"<{FOAF}Document>")
        add(doc, DCT + "title", _lit(f"Laporan {ev.name}", "id"))
        add(doc, DCT + "date", _typed(ev.end, "date"))
        add(doc, DCT + "identifier", _lit(f"sha256:{sha}"))
        add(doc, DCT + "format", _lit("text/plain"))
        add(doc, DCT + "language", _lit("id"))
        self._annotations(d, text, doc, add)
        quads = list(dict.fromkeys(q))
        return quads + self._meta(d, doc, identity, body, sha, len(quads))

    def _organisation(self, j: int, add, doc: str) -> None:
        kind, sector, classes, _ = _ORG_KINDS[j % len(_ORG_KINDS)]
        o = self.org_iri(j)
        add(o, RDF + "type", f"<{ORG}Organization>")
        for c in classes:
            add(o, RDF + "type", f"<{SCHEMA if c in ('GovernmentOrganization', 'NGO') else ORG}{c}>")
        add(o, RDFS + "label", _lit(self.org_name(j), "id"))
        add(o, SKOS + "altLabel", _lit(self.org_name(j).split(" ", 1)[1]))
        add(o, JJ + "acronym", _lit(f"{kind[:3].upper()}{_word(j)[:3].upper()}{j}"))
        add(o, ORG + "classification", f"<{ID}org-kind/{kind}>")
        add(o, JJ + "sector", f"<{ID}sector/{sector}>")
        add(o, JJ + "extractedFrom", f"<{doc}>")
        if kind == "bidang":  # a unit of the Dinas just before it
            add(o, ORG + "unitOf", f"<{self.org_iri(j - 1)}>")

    def _event_quads(self, e: _Event, persons: list[int], orgs: list[int], add, doc: str, text: _Text) -> None:
        add(e.iri, RDF + "type", f"<{SCHEMA}Event>")
        add(e.iri, RDF + "type", f"<{PROV}Activity>")
        add(e.iri, RDF + "type", f"<{JJ}{e.kind}>")
        add(e.iri, SCHEMA + "name", _lit(e.name, "id"))
        add(e.iri, SCHEMA + "startDate", _typed(e.start, "date"))
        add(e.iri, SCHEMA + "endDate", _typed(e.end, "date"))
        add(e.iri, SCHEMA + "location", f"<{self.city_iri(e.city)}>")
        add(e.iri, JJ + "extractedFrom", f"<{doc}>")
        for i in persons:
            add(e.iri, SCHEMA + "attendee", f"<{self.person_iri(i)}>")
        for j in orgs[1:4]:
            add(e.iri, SCHEMA + "attendee", f"<{self.org_iri(j)}>")
        add(e.iri, SCHEMA + "organizer", f"<{self.org_iri(orgs[0])}>")
        c = self.city_iri(e.city)
        add(c, RDF + "type", f"<{SCHEMA}City>")
        add(c, SCHEMA + "name", _lit(self.cities[e.city]))
        add(c, SCHEMA + "sameAs", f"<http://www.wikidata.org/entity/Q{900_000 + e.city}>")
        add(c, JJ + "extractedFrom", f"<{doc}>")
        text.say((e.iri, e.name), " diselenggarakan oleh ", (self.org_iri(orgs[0]), self.org_name(orgs[0])), ".")

    def _membership(self, d: int, k: int, i: int, j: int, e: _Event, add, doc: str, text: _Text) -> None:
        m = f"{ID}membership/{d:06x}{k:06x}"
        role = _ROLES[(i + k) % len(_ROLES)]
        post = f"{ID}post/{role}--{_slug(self.org_name(j))}"
        add(m, RDF + "type", f"<{ORG}Membership>")
        add(m, ORG + "member", f"<{self.person_iri(i)}>")
        add(m, ORG + "organization", f"<{self.org_iri(j)}>")
        add(m, ORG + "role", f"<{ID}role/{role}>")
        add(m, JJ + "post", f"<{post}>")
        add(m, ORG + "memberDuring", f"<{m}#interval>")
        add(m, JJ + "extractedFrom", f"<{doc}>")
        add(f"{m}#interval", RDF + "type", f"<{TIME}ProperInterval>")
        if k % 2:
            year = int(e.start[:4])
            for edge, at in (("hasBeginning", f"{year - 2}-01-01"), ("hasEnd", f"{year + 1}-12-31")):
                add(f"{m}#interval", TIME + edge, f"<{m}#{edge[3:].lower()}>")
                add(f"{m}#{edge[3:].lower()}", RDF + "type", f"<{TIME}Instant>")
                add(f"{m}#{edge[3:].lower()}", TIME + "inXSDDate", _typed(at, "date"))
        else:
            add(f"{m}#interval", TIME + "inside", f"<{m}#at>")
            add(f"{m}#at", RDF + "type", f"<{TIME}Instant>")
            add(f"{m}#at", TIME + "inXSDDate", _typed(e.start, "date"))
        title = f"{role.replace('-', ' ').title()} {self.org_name(j)}"
        add(post, RDF + "type", f"<{ORG}Post>")
        add(post, RDFS + "label", _lit(title, "id"))
        add(post, ORG + "role", f"<{ID}role/{role}>")
        add(post, ORG + "postIn", f"<{self.org_iri(j)}>")
        add(f"{ID}role/{role}", RDF + "type", f"<{ORG}Role>")
        add(f"{ID}role/{role}", RDF + "type", f"<{SKOS}Concept>")
        add(f"{ID}role/{role}", SKOS + "prefLabel", _lit(role.replace("-", " ").title(), "en"))
        text.say((self.person_iri(i), self.person_name(i)), ", ", (m, title), ", membuka acara.")

    def _lesson(self, d: int, k: int, e: _Event, endorser: int, add, doc: str, text: _Text) -> str:
        name = _LESSON_WORDS[(d + k) % len(_LESSON_WORDS)]
        lesson = f"{ID}lesson/{_slug(name)}-{d:06x}{k}"
        source = (e.city + 1 + k) % len(self.cities)
        programme = (d * 2 + k) % len(self.programmes)
        add(lesson, RDF + "type", f"<{JJ}Lesson>")
        add(lesson, RDF + "type", f"<{PROV}Entity>")
        add(lesson, SCHEMA + "name", _lit(name, "id"))
        add(lesson, SCHEMA + "description", _lit(f"Pelajaran tentang {name.lower()} dari {self.cities[source]}.", "id"))
        add(lesson, DCT + "subject", f"<{ID}theme/{_THEMES[(d + k) % len(_THEMES)]}>")
        add(lesson, PROV + "wasGeneratedBy", f"<{e.iri}>")
        add(lesson, JJ + "learnedFrom", f"<{self.city_iri(source)}>")
        add(lesson, JJ + "exemplifiedBy", f"<{self.programme_iri(programme)}>")
        if k == 0:
            add(lesson, JJ + "adoptedIn", f"<{self.programme_iri((programme + 1) % len(self.programmes))}>")
        add(lesson, JJ + "extractedFrom", f"<{doc}>")
        for p in {programme, (programme + 1) % len(self.programmes)}:
            add(self.programme_iri(p), RDF + "type", f"<{SCHEMA}Project>")
            add(self.programme_iri(p), SCHEMA + "name", _lit(self.programmes[p], "id"))
            add(self.programme_iri(p), JJ + "extractedFrom", f"<{doc}>")
        c = self.city_iri(source)
        add(c, RDF + "type", f"<{SCHEMA}City>")
        add(c, SCHEMA + "name", _lit(self.cities[source]))
        add(c, JJ + "extractedFrom", f"<{doc}>")
        self._endorsements.append((self.person_iri(endorser), lesson))
        text.say("Pelajaran ", (lesson, name), " dari ", (c, self.cities[source]), " dicontohkan oleh ",
                 (self.programme_iri(programme), self.programmes[programme]), ".")
        return lesson

    def _annotations(self, d: int, text: _Text, doc: str, add) -> None:
        """Each mention's evidence as ingest writes it (jejaring.ingest.mapping): 13 triples."""
        for n, (iri, exact, start) in enumerate(text.mentions):
            a = f"{ID}annotation/{d:08x}{n:08x}"
            end = start + len(exact)
            add(a, RDF + "type", f"<{OA}Annotation>")
            add(a, OA + "hasBody", f"<{iri}>")
            add(a, OA + "hasTarget", f"<{a}#target>")
            add(a, JJ + "rule", _lit("synthetic"))
            add(a, JJ + "confidence", _typed("0.9", "decimal"))
            add(f"{a}#target", OA + "hasSource", f"<{doc}>")
            add(f"{a}#target", OA + "hasSelector", f"<{a}#position>")
            add(f"{a}#target", OA + "hasSelector", f"<{a}#quote>")
            add(f"{a}#position", RDF + "type", f"<{OA}TextPositionSelector>")
            add(f"{a}#position", OA + "start", _typed(start, "integer"))
            add(f"{a}#position", OA + "end", _typed(end, "integer"))
            add(f"{a}#quote", RDF + "type", f"<{OA}TextQuoteSelector>")
            add(f"{a}#quote", OA + "exact", _lit(exact))

    def _meta(self, d: int, doc: str, identity: str, body: str, sha: str, size: int) -> list[str]:
        run = f"<{ID}run/{d:032x}>"
        g = f" <{META}> .\n"
        return [
            f"<{doc}> <{DCT}source> {_lit(identity)}{g}",
            f"<{doc}> <{DCT}identifier> {_lit(f'sha256:{sha}')}{g}",
            f"<{doc}> <{DCT}language> {_lit('id')}{g}",
            f"<{doc}> <{SCHEMA}text> {_lit(body)}{g}",
            f"<{doc}> <{SCHEMA}sha256> {_lit('sha256:' + hashlib.sha256(sha.encode()).hexdigest())}{g}",
            f"<{doc}> <{VOID}triples> {_typed(size, 'integer')}{g}",
            f"<{doc}> <{PROV}wasGeneratedBy> {run}{g}",
            f"{run} {TYPE} <{PROV}Activity>{g}",
            f"{run} <{PROV}startedAtTime> {_typed('2024-01-01T00:00:00Z', 'dateTime')}{g}",
            f"{run} <{SCHEMA}softwareVersion> {_lit('0.1.0')}{g}",
        ]

    # -- after the documents -------------------------------------------------------------------------------------
    def derived(self) -> list[str]:
        """The derived graph: a preferred label per organisation mentioned, and the endorsements."""
        g = f" <{DERIVED}> .\n"
        lines = [f"<{self.org_iri(j)}> <{SKOS}prefLabel> {_lit(self.org_name(j), 'id')}{g}"
                 for j in sorted(self.orgs_seen)]
        lines += [f"<{p}> <{JJ}endorses> <{lesson}>{g}" for p, lesson in self._endorsements]
        return lines

    def params(self) -> dict[str, str]:
        """A value for every library query parameter, taken from the graph (the most mentioned person ...)."""
        e = self.events[0]
        person = self.person_name(0)
        return {
            "person": person, "entity": person, "organisation": self.org_name(0), "node": self.person_iri(0),
            "label": person.split()[1][:5].lower(), "date": e.start, "city": self.cities[e.city],
            "theme": _THEMES[0], "about": _LESSON_WORDS[0].lower(), "year": e.start[:4], "kind": "jj:" + e.kind,
            "event": e.name.split()[-1],
        }


def main() -> None:
    """The command line: write a synthetic graph sized by quads or by network nodes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--quads", type=int, help="About this many quads.")
    size.add_argument("--nodes", type=int, help="About this many nodes in the stakeholders view.")
    parser.add_argument("-o", "--output", required=True, help="The N-Quads file to write.")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    plan = for_quads(args.quads, args.seed) if args.quads else for_nodes(args.nodes, args.seed)
    summary = write_graph(plan, args.output)
    print(f"{summary.quads} quads, {summary.documents} documents, {summary.persons} persons, "
          f"{summary.organisations} organisations -> {args.output}")


if __name__ == "__main__":
    main()
