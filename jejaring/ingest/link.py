"""Cross-document resolution: one entity per real-world thing across a corpus.

Runs after extraction over every document's entities and returns their canonical IRIs. It is
deterministic and a function of the corpus only (never of the order documents came in):

- persons: blocked by each name's first and last word, merged when one name is an initialled form of
  the other ("Hendra W. Saputra" = "Hendra Wibisono Saputra"), or when the names are a typo apart
  (fuzzy ratio >= :data:`AUTO_MERGE`, same number of words, same initial); people who share only a
  first name stay apart ("Sri Indah" / "Sri Rahayu Lestari");
- organisations: merged when they carry the same lexicon id, share a name (an acronym only within its
  parent: every province has a "BPBD"), or their names are a typo or a rendering apart
  ("Plan Internasional Indonesia" / "Plan International Indonesia", ratio >= :data:`AUTO_MERGE`);
- events: merged when they are of the same kind, in the same place and their dates agree (a month or
  a year agrees with a day inside it);
- lessons: merged when they come from the same city (or, where either names none, were learned on the
  same event) and say the same thing: they share a name in any language ("Inklusif (Inclusiveness)" /
  "Inclusiveness"), one name holds the other's words ("Kepemimpinan" / "Kepemimpinan yang konsisten"),
  or their titles name the same theme and neither document has another lesson of that theme from there.
  Two lessons of one document are never one.

Pairs that score between :data:`REVIEW` and :data:`AUTO_MERGE` are not merged; ``jejaring review``
lists them. Curated decisions (merge, distinct, alias) override the scores.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz
from rdflib import URIRef

from jejaring.ingest.extract.names import fold
from jejaring.ingest.mapping import entity_iri, slugify
from jejaring.ingest.records import Entity, Event, Extraction, Lesson, Organisation, Person
from jejaring.ingest.resolve import same_person
from jejaring.ontology.namespaces import ID

__all__ = ["AUTO_MERGE", "REVIEW", "Candidate", "Curation", "Resolution", "resolve_corpus"]

#: Names this alike (rapidfuzz ratio, 0-100, after case and accents are folded) are merged.
AUTO_MERGE = 90
#: Pairs from this score up to AUTO_MERGE are candidates for a person to review.
REVIEW = 80

Item = tuple[str, str]  # (document identity, entity key)


@dataclass
class Curation:
    """People's decisions: merges and distinctions name each side by its IRI and labels (so they still
    find the entity when a new document changes its IRI), aliases add a label, rejects drop facts."""

    merges: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    distinct: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    """Two entities that may be one: their IRIs, names and score."""

    score: float
    first: str
    second: str
    first_name: str
    second_name: str


@dataclass
class Resolution:
    """Canonical IRIs by (document, entity key), the candidate merges left for review, and the one date
    (start, end, precision) each mention of a merged event takes."""

    iris: dict[Item, URIRef]
    candidates: list[Candidate]
    dates: dict[Item, tuple] = field(default_factory=dict)
    _by_document: dict[str, dict[str, URIRef]] | None = field(default=None, init=False, repr=False, compare=False)

    def for_document(self, identity: str) -> dict[str, URIRef]:
        """The IRIs of one document's entities, by key (what :func:`map_extraction` takes)."""
        if self._by_document is None:
            self._by_document = defaultdict(dict)
            for (doc, key), iri in self.iris.items():
                self._by_document[doc][key] = iri
        return dict(self._by_document.get(identity, {}))

    def share_dates(self, extractions: Mapping[str, Extraction]) -> None:
        """Give each mention of a merged event in ``extractions`` the event's one date (done by
        :func:`resolve_corpus`; again for a resolution read from the cache)."""
        for (doc, key), (start, end, precision) in self.dates.items():
            event = extractions[doc].entities[key]
            event.start, event.end, event.precision = start, end, precision


class _Sets:
    """Union-find with cannot-link constraints: forbidden pairs, and two lexicon ids in one set (a body the
    lexicon knows is never another it knows, however a chain of look-alike names links them)."""

    def __init__(self, items: Iterable[Item], ids: Mapping[Item, str | None]) -> None:
        self.parent = {i: i for i in items}
        self.members = {i: {i} for i in self.parent}
        self.ids = {i: {ids[i]} if ids.get(i) else set() for i in self.parent}

    def find(self, i: Item) -> Item:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: Item, b: Item, forbidden: set[frozenset[Item]], curated: bool = False) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if any(frozenset((x, y)) in forbidden for x in self.members[ra] for y in self.members[rb]):
            return
        if not curated and self.ids[ra] and self.ids[rb] and self.ids[ra] != self.ids[rb]:
            return
        ra, rb = min(ra, rb), max(ra, rb)  # deterministic roots
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.ids[ra] |= self.ids.pop(rb)

    def groups(self) -> list[list[Item]]:
        return [sorted(m) for _, m in sorted(self.members.items())]


def resolve_corpus(extractions: Mapping[str, Extraction], curation: Curation | None = None,
                   generic: Callable[[str], bool] = lambda acronym: True,
                   theme: Callable[[str], str | None] = lambda text: None,
                   place: Callable[[str], str | None] = lambda word: None) -> Resolution:
    """Canonical IRIs for every person, organisation, event and lesson of a corpus, by (document, key).

    Other entities (places, programmes) keep the IRI their document gives them, which is already a
    function of their name or lexicon id. ``generic(acronym)`` tells an acronym every region has ("BPBD"),
    which alone merges nothing, from one that names one body ("SJB"); ``theme(text)`` is the theme a
    lesson's title names (the lexicon's ``theme_for``); ``place(word)`` is the kind of place a word names, if
    any ("regency", "country"), so two bodies whose names differ in their places ("DPRD Bangli", "DPRD Bali")
    are no typo of each other.
    """
    curation = curation or Curation()
    entities: dict[Item, Entity] = {}
    for doc, ex in sorted(extractions.items()):
        for key, e in ex.entities.items():
            entities[(doc, key)] = e
    local = {item: entity_iri(e, extractions[item[0]]) for item, e in entities.items()}
    parents = {item: _parent_name(item, e, extractions) for item, e in entities.items()}
    labels = {item: _labels(e, local[item], curation) for item, e in entities.items()}
    iris: dict[Item, URIRef] = dict(local)
    dates: dict[Item, tuple] = {}
    candidates: list[Candidate] = []
    kinds = (("person", _person_score), ("organisation", _organisation_score), ("event", _event_score),
             ("lesson", _lesson_score))
    for kind, score in kinds:
        items = sorted(i for i, e in entities.items() if e.kind == kind)
        forbidden = _pairs(curation.distinct, items, labels, local)
        sets = _Sets(items, {i: getattr(entities[i], "lexicon_id", None) for i in items})
        pairs = _blocked_pairs(items, labels, kind)
        if kind == "lesson":  # after events: a lesson's source is its canonical event
            parents.update(_lesson_sources(items, entities, local, iris, theme))
            forbidden |= _same_document(items)
            pairs = _lesson_pairs(items, labels, parents)
        for a, b in pairs:
            s = score(entities[a], entities[b], labels[a], labels[b], (parents[a], parents[b]), generic, place)
            if s >= AUTO_MERGE:
                sets.union(a, b, forbidden)
            elif s >= REVIEW:
                candidates.append((a, b, s))  # type: ignore[arg-type]
        for pair in _pairs(curation.merges, items, labels, local):
            a, b = sorted(pair)
            sets.union(a, b, set(), curated=True)
        for group in sets.groups():
            if len(group) == 1:
                continue  # an entity on its own keeps its own IRI and dates
            iri = _canonical(group, entities, local, extractions)
            for item in group:
                iris[item] = iri
            if kind == "event":
                dates.update(_one_date(group, entities))
        _disambiguate(sets, items, iris)
    review = set()
    for a, b, s in candidates:
        if iris[a] != iris[b]:
            (ia, na), (ib, nb) = sorted(((str(iris[a]), entities[a].name), (str(iris[b]), entities[b].name)))
            review.add(Candidate(round(s, 1), ia, ib, na, nb))
    review = sorted(review, key=lambda c: (-c.score, c.first, c.second))
    resolution = Resolution(iris, review, dates)
    resolution.share_dates(extractions)
    return resolution


def _labels(e: Entity, local: URIRef, curation: Curation) -> set[str]:
    out = {fold(x) for x in e.labels() if x}
    if isinstance(e, Organisation) and e.acronym:
        out.add(fold(e.acronym))
    out |= {fold(label) for target, label in curation.aliases if target in (str(local), e.name)}
    return out


def _blocked_pairs(items: list[Item], labels: Mapping[Item, set[str]], kind: str) -> Iterable[tuple[Item, Item]]:
    """Pairs that share a block: a word of a name (persons: first or last word; others: any word)."""
    blocks: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        keys = set()
        for label in labels[item]:
            words = [w for w in label.split() if len(w) > 1]
            if not words:
                continue
            keys |= {words[0], words[-1]} if kind == "person" else set(words)
        for k in keys:
            blocks[k].append(item)
    seen: set[tuple[Item, Item]] = set()
    for members in blocks.values():
        if len(members) > 200:  # a word every entity has ("dinas") blocks nothing
            continue
        for a, b in combinations(sorted(set(members)), 2):
            if a[0] != b[0] and (a, b) not in seen:  # within a document, resolution already ran
                seen.add((a, b))
                yield a, b


def _pairs(decisions: list[tuple], items: list[Item], labels, local) -> set[frozenset[Item]]:
    """The item pairs a curated decision names; each side is an IRI and/or labels of the entity."""
    out: set[frozenset[Item]] = set()
    for x, y in decisions:
        xs = [i for i in items if _named(i, x, labels, local)]
        ys = [i for i in items if _named(i, y, labels, local)]
        out |= {frozenset((a, b)) for a in xs for b in ys if a != b}
    return out


def _named(item: Item, names: str | tuple[str, ...], labels, local) -> bool:
    names = (names,) if isinstance(names, str) else names
    return any(str(local[item]) == n or fold(n) in labels[item] for n in names)


def _person_score(a: Person, b: Person, la: set[str], lb: set[str], *_) -> float:
    if la & lb:
        return 100
    best = 0.0
    for x in a.labels():
        for y in b.labels():
            if (score := _name_score(x, y)) == 100:
                return 100
            best = max(best, score)
    return best


@lru_cache(maxsize=1 << 16)
def _name_score(x: str, y: str) -> float:
    """100 when two names can name one person, else how alike they are (0 when they differ in length or
    initial); a corpus compares the same names again and again, so the answers are kept."""
    if same_person(x, y):
        return 100
    fx, fy = fold(x).split(), fold(y).split()
    if len(fx) == len(fy) > 1 and fx[0][0] == fy[0][0]:
        return fuzz.ratio(" ".join(fx), " ".join(fy))
    return 0.0


def _organisation_score(a: Organisation, b: Organisation, la: set[str], lb: set[str],
                        parents: tuple[str | None, str | None], generic: Callable[[str], bool],
                        place: Callable[[str], str | None]) -> float:
    if a.lexicon_id and b.lexicon_id:
        return 100 if a.lexicon_id == b.lexicon_id else 0
    if parents[0] != parents[1] and a.unit and b.unit and None not in parents:
        return 0
    shared = {x for x in la & lb if not generic(x)}
    # an acronym alone joins two bodies only when one goes by nothing more and the other is of no one region:
    # "PUPR" is a ministry's and every region's public works office's, "BPS" the statistics office of the
    # nation and of each province
    if any(" " in x for x in shared) or (shared and any(
            " " not in x.name.strip() and not _regional(y.name, place) for x, y in ((a, b), (b, a)))):
        return 100
    if _same_but_admin_words(la, lb):
        return 100
    best = 0.0
    for x in la:
        for y in lb:
            if len(x) >= 12 and len(y) >= 12 and x.split()[0] == y.split()[0] and _numbers(x) == _numbers(y) \
                    and not _in_other_places(x, y, place):
                best = max(best, fuzz.ratio(x, y))
    return best


def _regional(name: str, place: Callable[[str], str | None]) -> bool:
    """True for a name that names a place below a country ("Dinas PUPR Kabupaten Boyolali")."""
    return any(place(w) not in (None, "country") for w in fold(name).split())


def _in_other_places(x: str, y: str, place: Callable[[str], str | None]) -> bool:
    """True when two names differ in a place: one names a place where the other names another or none."""
    wx, wy = set(x.split()) - set(y.split()), set(y.split()) - set(x.split())
    px, py = any(map(place, wx)), any(map(place, wy))
    return (px and py) or (px and not wy) or (py and not wx)


@lru_cache(maxsize=1 << 16)
def _numbers(label: str) -> frozenset[str]:
    """The numbers of a name, Roman or not: "Komisi XI" and "Komisi XII" are two bodies however alike."""
    return frozenset(w for w in label.split() if w.isdigit() or _ROMAN.fullmatch(w))


_ROMAN = re.compile(r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


_ADMIN_WORDS = {"kelurahan", "kecamatan", "provinsi", "kota", "kabupaten", "administrasi", "kantor"}


def _same_but_admin_words(la: set[str], lb: set[str]) -> bool:
    """ "Karang Taruna Kelurahan Duri Utara" / "Karang Taruna Duri Utara": equal once words that only say
    what level of government a place is are set aside (and both keep at least three words)."""
    sa = {w for w in map(_without_admin_words, la) if len(w) >= 3}
    return any(w in sa for w in map(_without_admin_words, lb) if len(w) >= 3)


@lru_cache(maxsize=1 << 16)
def _without_admin_words(label: str) -> tuple[str, ...]:
    return tuple(w for w in label.split() if w not in _ADMIN_WORDS)


def _parent_name(item: Item, entity: Entity, extractions: Mapping[str, Extraction]) -> str | None:
    """The folded name of the body an organisational unit belongs to, in its own document."""
    parent = getattr(entity, "parent", None)
    entities = extractions[item[0]].entities
    return fold(entities[parent].name) if parent in entities else None


def _event_score(a: Event, b: Event, la: set[str], lb: set[str], *_) -> float:
    if a.event_class != b.event_class or a.start is None or b.start is None:
        return 0
    da, db = _date_text(a), _date_text(b)
    if not (da.startswith(db) or db.startswith(da)):
        return 0
    if a.location and b.location and a.location != b.location:
        return 0
    if da == db and a.precision == b.precision == "day":
        return 100
    return 100 if a.location and a.location == b.location else max(
        (fuzz.token_set_ratio(x, y) for x in la for y in lb), default=0)


@dataclass(frozen=True)
class _Source:
    """Where a lesson came from (its city's and event's IRIs) and the theme its title names, when no other
    lesson of its document from there names that theme."""

    city: str | None
    event: str | None
    theme: str | None


def _lesson_sources(items: list[Item], entities: Mapping[Item, Entity], local: Mapping[Item, URIRef],
                    iris: Mapping[Item, URIRef], theme: Callable[[str], str | None]) -> dict[Item, _Source]:
    """Each lesson's source; ``iris`` already holds the canonical events."""
    raw: dict[Item, tuple[str | None, str | None, str | None]] = {}
    for item in items:
        lesson: Lesson = entities[item]  # type: ignore[assignment]  (the items are lessons)
        doc = item[0]
        city = str(local[(doc, lesson.learned_from)]) if (doc, lesson.learned_from) in local else None
        event = str(iris[(doc, lesson.event)]) if (doc, lesson.event) in iris else None
        titles = [lesson.name, *(label for label, _ in lesson.alt_labels)]
        raw[item] = (city, event, theme(" ".join(titles)))
    seen = defaultdict(int)
    for (doc, _), (city, event, named) in raw.items():
        seen[(doc, city or event, named)] += 1
    return {item: _Source(city, event, named if named and seen[(item[0], city or event, named)] == 1 else None)
            for item, (city, event, named) in raw.items()}


def _same_document(items: list[Item]) -> set[frozenset[Item]]:
    """Pairs of lessons of one document: a document that lists two lessons means two."""
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_doc[item[0]].append(item)
    return {frozenset(pair) for members in by_doc.values() for pair in combinations(members, 2)}


def _lesson_pairs(items: list[Item], labels: Mapping[Item, set[str]], sources) -> Iterable[tuple[Item, Item]]:
    """Lessons of different documents from one source that share a word of a name or a title's theme."""
    blocks: dict[tuple, list[Item]] = defaultdict(list)
    for item in items:
        source = sources[item]
        keys = {w for label in labels[item] for w in label.split() if len(w) > 3}
        if source.theme:
            keys.add(f"theme:{source.theme}")
        for where in {source.city, source.event} - {None}:
            for key in keys:
                blocks[(where, key)].append(item)
    seen: set[tuple[Item, Item]] = set()
    for members in blocks.values():
        if len(members) > 200:
            continue
        for a, b in combinations(sorted(set(members)), 2):
            if a[0] != b[0] and (a, b) not in seen:
                seen.add((a, b))
                yield a, b


def _lesson_score(a: Lesson, b: Lesson, la: set[str], lb: set[str], sources: tuple, *_) -> float:
    sa, sb = sources
    same_place = sa.city == sb.city if sa.city and sb.city else sa.event is not None and sa.event == sb.event
    if not same_place:
        return 0
    if la & lb or (sa.theme and sa.theme == sb.theme):
        return 100
    return max((_words_held(x, y) for x in la for y in lb), default=0)


def _words_held(x: str, y: str) -> float:
    """How far one folded name holds the other's words ("kepemimpinan" in "kepemimpinan yang konsisten"); names
    that share no word of four letters or more are not alike at all."""
    if not {w for w in x.split() if len(w) > 3} & {w for w in y.split() if len(w) > 3}:
        return 0
    return fuzz.token_set_ratio(x, y)


def _one_date(group: list[Item], entities: Mapping[Item, Entity]) -> dict[Item, tuple]:
    """One event, one date: the most precise any document gives (then the earliest) goes to every mention."""
    dated = [e for e in (entities[i] for i in group) if e.start is not None]
    if not dated:
        return {}
    best = min(dated, key=lambda e: ({"day": 0, "month": 1}.get(e.precision, 2), e.start, e.end or e.start))
    return {item: (best.start, best.end, best.precision) for item in group}


def _date_text(e: Event) -> str:
    iso = e.start.isoformat()
    return {"day": iso, "month": iso[:7]}.get(e.precision, iso[:4])


def _canonical(group: list[Item], entities: Mapping[Item, Entity], local, extractions) -> URIRef:
    """The IRI of a merged group: the lexicon's id when a member has one, else the fullest name's."""
    members = [entities[i] for i in group]
    ids = sorted({e.lexicon_id for e in members if e.lexicon_id})
    kind = members[0].kind
    if ids:
        return ID[f"{kind}/{ids[0]}"]
    if kind == "event":
        best = max(members, key=lambda e: ({"day": 2, "month": 1}.get(e.precision, 0), len(e.name), e.name))
        return local[group[members.index(best)]]
    best_item = max(group, key=lambda i: _fullness(entities[i].name))
    if kind in ("organisation", "lesson"):
        return local[best_item]  # keeps the scoping of units by their parent, of lessons by their source
    return ID[f"{kind}/{slugify(entities[best_item].name)}"]


def _fullness(name: str) -> tuple[int, int, str]:
    words = name.split()
    full = sum(1 for w in words if len(w.rstrip(".")) > 1)
    return full, len(name), "".join(chr(0x10FFFF - ord(c)) for c in name)  # ties: the first in code-point order


def _disambiguate(sets: _Sets, items: list[Item], iris: dict[Item, URIRef]) -> None:
    """Groups kept apart (by a curated "distinct", or by different parents) that would share an IRI: the
    first keeps it, the others get a short hash of their members."""
    groups: dict[URIRef, list[list[Item]]] = defaultdict(list)
    for members in sets.groups():  # sorted: deterministic
        groups[iris[members[0]]].append(members)
    for iri, member_groups in groups.items():
        for members in member_groups[1:]:
            digest = hashlib.sha256("|".join(f"{d}#{k}" for d, k in members).encode()).hexdigest()[:6]
            for m in members:
                iris[m] = URIRef(f"{iri}-{digest}")
