"""Within-document resolution: mentions of the same thing (a typo, a surname, an acronym after its
expansion, "Hendra" after "Hendra Saputra") become one entity of the document's :class:`Extraction`."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from jejaring.ingest.extract.context import Context, Mention
from jejaring.ingest.extract.events import EventCluster
from jejaring.ingest.extract.names import BARE_ACRONYM, fold
from jejaring.ingest.extract.organisations import place_core
from jejaring.ingest.mapping import UNIT_KINDS, slugify
from jejaring.ingest.records import Event, Extraction, Organisation, Person, Place, Programme

__all__ = ["EntityTable", "same_person"]

#: Two names of one kind in one document are one entity from this fuzzy ratio up (typos, OCR slips).
TYPO_RATIO = 90


def same_person(a: str, b: str) -> bool:
    """True when two person names can name the same person: equal once initials are set aside, one an
    initialled form of the other ("Hendra W. Saputra" / "Hendra Wibisono Saputra"), or a typo apart.

    >>> same_person("Hendra W. Saputra", "Hendra Wibisono Saputra"), same_person("S. R. Lestari", "Sri Rahayu Lestari")
    (True, True)
    >>> same_person("Sri Indah", "Sri Rahayu Lestari")
    False
    """
    ta, tb = fold(a).split(), fold(b).split()
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if len(ta) > 1 and len(tb) > 1 and ta[-1] == tb[-1] and ta[0][0] == tb[0][0] and (
            ta[0] == tb[0] or len(ta[0]) == 1 or len(tb[0]) == 1):
        mid_a, mid_b = ta[1:-1], tb[1:-1]
        if not mid_a or not mid_b or all(len(x) == 1 for x in mid_a) or all(len(x) == 1 for x in mid_b):
            return all(x[0] == y[0] for x, y in zip(mid_a, mid_b, strict=False))
    # a typo slips a letter or two in a word, not a whole syllable: "Sinta Rahim" is not "Sinta Ibrahim"
    return len(ta) == len(tb) and ta[0][0] == tb[0][0] and fuzz.ratio(" ".join(ta), " ".join(tb)) >= TYPO_RATIO \
        and all(Levenshtein.distance(x, y) <= 1 or fuzz.ratio(x, y) >= 85 for x, y in zip(ta, tb, strict=True))


class EntityTable:
    """Maps mentions to entity keys, creating or merging entities in the extraction as it goes."""

    def __init__(self, ctx: Context, ex: Extraction) -> None:
        self.ctx, self.ex = ctx, ex
        self._keys: dict[int, str] = {}

    def key_of(self, m: Mention | None) -> str | None:
        """The entity key a mention resolved to."""
        return None if m is None else self._keys.get(id(m))

    # -- organisations ----------------------------------------------------------------------------
    def organisation(self, m: Mention) -> str:
        """Resolve an organisation mention: by lexicon id, by the acronym it refers to, by name or typo."""
        if m.refers_to is not None and id(m.refers_to) in self._keys:
            key = self._keys[id(m.refers_to)]
            self._evidence(key, m)
            return self._bind(m, key)
        entry = m.entry or self._entry_by_long_name(m.name)
        key = self._find_org(m, entry)
        surface = m.name
        acronym_only = bool(BARE_ACRONYM.fullmatch(surface)) and (
            m.acronym == surface or m.rule in ("org-acronym", "org-list-acronym"))
        if key is None:
            key = f"organisation:{entry.id}" if entry is not None else f"organisation:{slugify(surface)}"
            kind = entry.kind if entry is not None else m.org_kind  # the lexicon knows better than a head word
            org = Organisation(key=key, name=surface, lang=self.ctx.doc.language, org_kind=kind,
                               unit=m.unit or (kind or "") in UNIT_KINDS,
                               lexicon_id=entry.id if entry is not None else None,
                               wikidata=(entry.wikidata or None) if entry is not None else None,
                               sector=(entry.sector or None) if entry is not None else None)
            if entry is not None and acronym_only and fold(entry.name) != fold(surface):
                org.add_label(entry.name, entry.lang)
            if entry is not None and entry.acronym and not acronym_only and \
                    entry in self.ctx.lexicon.organisation_by_name(entry.acronym):
                # the lexicon supplies the short form of a body the document names in full, unless every region
                # has a body of that short form ("DLH")
                if BARE_ACRONYM.fullmatch(entry.acronym):
                    org.acronym = entry.acronym
                elif fold(entry.acronym) != fold(surface):
                    org.add_label(entry.acronym, entry.lang)
            self.ex.add(org)
        org = self.ex.entities[key]
        self._name_org(org, m, acronym_only)
        for alias in [*m.aliases, *_place_spelt_out(m.name, self.ctx.lexicon)]:
            org.add_label(alias, None)
        self._evidence(key, m)
        return self._bind(m, key)

    def _entry_by_long_name(self, name: str):
        """The lexicon's body a name with short forms ("Kementerian Keuangan RI") or its country after it names."""
        lex = self.ctx.lexicon
        long = lex.long_form(name)
        entries = lex.organisation_by_name(long) if long != name else lex.national_body_by_name(name)
        return entries[0] if len(entries) == 1 else None

    def _find_org(self, m: Mention, entry) -> str | None:
        long = fold(self.ctx.lexicon.long_form(m.name))
        for e in self.ex.entities.values():
            if not isinstance(e, Organisation):
                continue
            if entry is not None and e.lexicon_id == entry.id:
                return e.key
            labels = [fold(x) for x in e.labels()] + ([fold(e.acronym)] if e.acronym else [])
            name = fold(m.name)
            if name not in labels and self._in_another_region(e, m.name):
                continue
            if name in labels or (m.acronym and fold(m.acronym) in labels and
                                  m.rule in ("org-acronym", "org-list-acronym")):
                return e.key
            if any(fold(a) in labels for a in m.aliases):
                return e.key  # "Dinas PUPR X", spelt out, is the "Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) X" before
            if long in {fold(self.ctx.lexicon.long_form(x)) for x in e.labels()}:
                return e.key  # "Pemkab Bogor" and "Pemerintah Kabupaten Bogor"
            if len(name) >= 12 and any(fuzz.ratio(name, x) >= TYPO_RATIO + 2 for x in labels if len(x) >= 12):
                return e.key
            core = _without_locality(m.name)
            # a national body the lexicon knows is not its office in a region ("BPS" / "BPS Provinsi Jawa Tengah")
            if core != m.name and fold(core) in labels and not self._head_fragment(core) and \
                    not (e.lexicon_id and m.entry is None):
                return e.key
            if len(name.split()) >= 2 and any(x.startswith(name + " ") for x in labels) and m.rule == "org-head":
                return e.key  # "Forum Anak" after "Forum Anak Kelurahan Duri Utara"
        return None

    def _name_org(self, org: Organisation, m: Mention, acronym_only: bool) -> None:
        acronym = m.acronym
        if acronym and (not org.acronym or fold(org.acronym) == fold(acronym)) and \
                BARE_ACRONYM.fullmatch(acronym):  # as the document writes it ("UNDIP", "Undip")
            org.acronym = acronym
        surface = m.name
        if m.misspelt:
            if surface not in org.hidden_labels and fold(surface) != fold(org.name):
                org.hidden_labels.append(surface)
            return
        if acronym_only:
            if fold(surface) != fold(org.name):
                org.add_label(surface, None)
            return
        # a fuller name replaces an acronym or shorter form as the preferred name
        if BARE_ACRONYM.fullmatch(org.name) or len(surface) > len(org.name):
            old = org.name
            org.name = surface
            if fold(old) != fold(surface):
                org.add_label(old, None)
            org.alt_labels = [(label, lang) for label, lang in org.alt_labels if label != surface]
        elif fold(surface) != fold(org.name):
            org.add_label(surface, None)

    def _in_another_region(self, org: Organisation, name: str) -> bool:
        """True when ``name`` ends in a region and ``org``'s names in regions all name another: "Dinas PUPR
        Provinsi Y" or "KPU Provinsi Y" is not "Dinas PUPR Kabupaten X" or "KPU Kabupaten X"."""
        core = _without_locality(name)
        if core == name:
            return False
        theirs = {self._region(x[len(c):]) for x in org.labels() if (c := _without_locality(x)) != x}
        return bool(theirs) and self._region(name[len(core):]) not in theirs

    def _region(self, locality: str) -> str:
        place = self.ctx.lexicon.place(locality.strip())
        return place.id if place is not None else fold(place_core(locality, self.ctx.lexicon))

    def _head_fragment(self, core: str) -> bool:
        """ "Pemerintah" left of "Pemerintah Kota Surabaya": part of a head word, naming no one body."""
        return any(h.head.startswith(core + " ") for h in self.ctx.lexicon.org_heads)

    def implied_organisation(self, name: str, start: int, end: int, kind: str = "provincial-government") -> str:
        """The organisation a title implies ("Provinsi DKI Jakarta" -> its provincial government), of ``kind``
        unless the lexicon knows it."""
        entries = self.ctx.lexicon.organisation_by_name(name)
        entry = entries[0] if len(entries) == 1 else None
        m = Mention(start, end, "organisation", entry.name if entry is not None else name, "org-implied", 0.6,
                    entry=entry, org_kind=entry.kind if entry is not None else kind)
        return self.organisation(m)

    # -- places, programmes, persons, events ------------------------------------------------------
    def place(self, m: Mention) -> str:
        """Resolve a place mention by its gazetteer id."""
        entry = m.entry
        key = f"place:{entry.id}"
        kind = {"city": "city", "country": "country"}.get(entry.kind, "area")
        self.ex.add(Place(key=key, name=entry.name, place_kind=kind, lexicon_id=entry.id,
                          wikidata=entry.wikidata or None))
        surface = self.ctx.text[m.start:m.end]
        if fold(surface) != fold(entry.name):
            self.ex.entities[key].add_label(surface, None)
        self._evidence(key, m)
        return self._bind(m, key)

    def programme(self, m: Mention) -> str:
        """Resolve a programme mention by name (typos and contained names merge)."""
        name = fold(m.name)
        # a shared acronym or a bracketed alias merges a name and its translation ("Penilaian Awal (Initial
        # Assessment/IA)")
        names = {name, *(fold(x) for x in m.aliases), *([fold(m.acronym)] if m.acronym else [])}
        key = next((e.key for e in self.ex.entities.values() if isinstance(e, Programme) and
                    any(fold(x) in names or fuzz.ratio(fold(x), name) >= TYPO_RATIO for x in e.labels())), None)
        if key is None and " " not in name:
            # "Cheonggye" after "restorasi sungai Cheonggye": the one word names the programme it is part of
            owners = [e.key for e in self.ex.entities.values() if isinstance(e, Programme) and
                      any(name in fold(x).split() for x in e.labels())]
            key = owners[0] if len(owners) == 1 else None
        if key is None:
            key = f"programme:{slugify(m.name)}"
            self.ex.add(Programme(key=key, name=m.name, lang=self.ctx.doc.language))
        prog = self.ex.entities[key]
        for label in [*([m.acronym] if m.acronym else []), *m.aliases]:
            prog.add_label(label, None)
        if fold(m.name) != fold(prog.name):
            prog.add_label(m.name, None)
        self._evidence(key, m)
        return self._bind(m, key)

    def person(self, m: Mention) -> str | None:
        """Resolve a person mention: same name, initialled form, typo or a back-reference by one name."""
        target = m.same_as
        key = None
        for e in self.ex.entities.values():
            if not isinstance(e, Person):
                continue
            if target is not None and any(fold(x) == target for x in e.labels()):
                key = e.key
                break
            if target is None and any(same_person(m.name, x) for x in e.labels()):
                key = e.key
                break
        if key is None:  # "Anggraini", "Dewi Anggraini" after "Dewi Anggraini Pratiwi"
            words = fold(m.name).split()
            owners = [e.key for e in self.ex.entities.values() if isinstance(e, Person) and
                      any(_has_run(fold(x).split(), words) for x in e.labels())]
            if len(owners) == 1:
                key = owners[0]
                target = target or fold(m.name)
        if key is None and target is None:  # "Dewi Anggraini Pratiwi" after "Dewi Anggraini": the name in full
            words = fold(m.name).split()
            shorter = [e.key for e in self.ex.entities.values() if isinstance(e, Person) and
                       _opens_with(words, fold(e.name).split())]
            if len(shorter) == 1:
                key = shorter[0]
        if key is None and target is not None:
            return None
        if key is None:
            key = f"person:{slugify(m.name)}"
            self.ex.add(Person(key=key, name=m.name))
        person = self.ex.entities[key]
        for h in m.honorifics:
            if h not in person.honorifics:
                person.honorifics.append(h)
        for d in m.degrees:
            if d not in person.degrees:
                person.degrees.append(d)
        surface = m.surface
        if surface and surface not in person.hidden_labels:
            person.hidden_labels.append(surface)
        for nickname in m.aliases:
            person.add_label(nickname, None)
        if target is None and fold(m.name) != fold(person.name):
            if _fullness(m.name) > _fullness(person.name):
                person.add_label(person.name, None)
                person.name = m.name
                person.alt_labels = [(x, lang) for x, lang in person.alt_labels if x != m.name]
            else:
                person.add_label(m.name, None)
        self._evidence(key, m)
        return self._bind(m, key)

    def event(self, cluster: EventCluster, index: int) -> str:
        """An event entity for a group of event mentions."""
        key = f"event:{index}"
        ev = Event(key=key, name=cluster.name, lang=self.ctx.doc.language, event_class=cluster.event_class,
                   start=cluster.start, end=cluster.end if cluster.precision == "day" else None,
                   precision=cluster.precision)
        for m in cluster.named:
            ev.add_label(m.name, None)
            for alias in m.aliases:
                ev.add_label(alias, None)
            if m.acronym:
                ev.add_label(m.acronym, None)
        ev.spans = [self.ctx.span(m.start, m.end, "event", m.rule, m.confidence) for m in cluster.mentions]
        self.ex.add(ev)
        return key

    def merge(self, key: str, into: str) -> None:
        """Fold entity ``key`` into ``into``: labels and evidence move, mentions follow."""
        gone = self.ex.entities.pop(key)
        target = self.ex.entities[into]
        target.add_label(gone.name, gone.lang)
        for label, lang in gone.alt_labels:
            target.add_label(label, lang)
        target.spans += [s for s in gone.spans if s not in target.spans]
        for mention_id, k in self._keys.items():
            if k == key:
                self._keys[mention_id] = into

    # -- shared -----------------------------------------------------------------------------------
    def _bind(self, m: Mention, key: str) -> str:
        self._keys[id(m)] = key
        return key

    def _evidence(self, key: str, m: Mention) -> None:
        span = self.ctx.span(m.start, m.end, m.kind, m.rule, m.confidence)
        entity = self.ex.entities[key]
        if span not in entity.spans:
            entity.spans.append(span)


def _fullness(name: str) -> tuple[int, int]:
    words = name.split()
    return (sum(1 for w in words if not re.fullmatch(r"[A-Z]\.", w)), len(name))


def _without_locality(name: str) -> str:
    return re.sub(r"\s+(?:Provinsi|Prov\.|Kota|Kabupaten)\s+.+$|\s+DKI Jakarta$", "", name)


def _opens_with(words: list[str], first: list[str]) -> bool:
    """True when ``words`` open with ``first``, a name of two words or more."""
    return len(first) > 1 and words[:len(first)] == first


def _has_run(words: list[str], run: list[str]) -> bool:
    """True when ``run`` stands in ``words`` as consecutive words."""
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def _place_spelt_out(name: str, lexicon) -> list[str]:
    """The name again with the short form of the region it ends in spelt out ("Polda Kaltim" -> "Polda
    Kalimantan Timur"), so a search by either finds the body; a country's name in the gazetteer is English, so
    it is left as written ("Partai Demokrat AS")."""
    words = name.split()
    for n in range(min(3, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:])
        place = lexicon.place(tail)
        if place is not None and place.kind != "country":
            spelt = re.sub(r"^(?:Provinsi|Kabupaten|Kota)(?:\s+Administrasi)?\s+", "", place.name)
            return [] if fold(spelt) in fold(name) else [" ".join([*words[:-n], spelt])]
    return []
