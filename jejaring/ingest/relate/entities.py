"""Mentions into the document's entities: one entity per organisation, place, programme and person named."""

from __future__ import annotations

import re

from jejaring.ingest.extract.names import BARE_ACRONYM, fold
from jejaring.ingest.findings import Findings
from jejaring.ingest.lexicon import REGIONAL_UNIT_KINDS
from jejaring.ingest.records import Organisation
from jejaring.ingest.registry import component

_OPENING = re.compile(r"\s*[\(\[](\s*)")
_CLOSING = re.compile(r"\s*[\)\]]")


@component("entities", assigns=["entities"], rules=["org-bare-short-form"])
def entities(f: Findings) -> None:
    """Resolve the mentions found into entities; an acronym used before its definition resolves once it has one,
    and a short form every region has, alone, names the document's one body of that form ("Polres Ponorogo ...
    Polres")."""
    t = f.table
    for m in sorted(f.organisations, key=lambda m: (m.refers_to is not None, m.start)):
        t.organisation(m)
    _merge_bracketed(f, f.organisations)
    if f.allows("org-bare-short-form"):
        _bare_short_forms(f)
    for m in f.places:
        t.place(m)
    for m in f.programmes:
        t.programme(m)
    for m in sorted(f.persons, key=lambda m: (m.same_as is not None, len(m.name.split()) == 1, m.start)):
        t.person(m)
    _merge_bracketed(f, f.persons)


@component("unit-parents", requires=["entities", "memberships"], assigns=["entities"], rules=["org-unit-of-locality"])
def unit_parents(f: Findings) -> None:
    """A unit of a regional government's kind whose name ends in a locality ("Dinas Sosial Kota Palu") is a unit of
    that locality's government, unless the rest names a national body ("Badan Pusat Statistik Provinsi X")."""
    if not f.allows("org-unit-of-locality"):
        return
    lex = f.ctx.lexicon
    for org in [e for e in f.extraction.entities.values() if isinstance(e, Organisation)]:
        if not org.unit or org.parent or not org.spans or org.org_kind not in REGIONAL_UNIT_KINDS:
            continue
        words = org.name.split()
        for n in range(min(4, len(words) - 1), 1, -1):
            locality = " ".join(words[-n:])
            government, kind = lex.government_of_locality(locality), lex.government_kind_of_locality(locality)
            if government is not None and lex.organisation_by_name(" ".join(words[:-n])):
                break  # a national body's office in the region
            if government is not None and kind is not None:
                span = org.spans[0]
                org.parent = f.table.implied_organisation(government, span.start, span.end, kind)
                break


def _bare_short_forms(f: Findings) -> None:
    """Fold each organisation named only by a short form every region has ("Polres", "DPRD") into the one body of
    the document whose name opens with it, where there is one."""
    lex = f.ctx.lexicon
    orgs = [e for e in f.extraction.entities.values() if isinstance(e, Organisation)]
    for e in orgs:
        if e.lexicon_id or " " in e.name or e.alt_labels or lex.agency_type(e.name) is None:
            continue
        bodies = [o for o in orgs if o is not e and o.key in f.extraction.entities
                  and any(label.startswith(e.name + " ") for label in o.labels())]
        if len(bodies) == 1:
            f.table.merge(e.key, bodies[0].key)


def _merge_bracketed(f: Findings, mentions) -> None:
    """ "Resilient Jakarta Secretariat (Sekretariat Jakarta Berketahanan)", "Darmawan Sulaiman (Kang Bedu)",
    "Darmawan Sulaiman (Bedu)": one organisation or person, two names. A bare acronym in brackets after a body is
    left alone: the acronym rules resolve it."""
    text = f.ctx.text
    starting: dict[int, list] = {}  # by start, so a long document is not read pair by pair
    for b in mentions:
        starting.setdefault(b.start, []).append(b)
    for a in mentions:
        opening = _OPENING.match(text, a.end)
        if opening is None:
            continue
        spaces = range(opening.start(1), opening.end(1) + 1)  # where b may start
        for b in (b for start in spaces for b in starting.get(start, [])):
            if _CLOSING.match(text, b.end):
                ka, kb = f.table.key_of(a), f.table.key_of(b)
                if ka and kb and ka != kb and not (b.kind == "organisation" and BARE_ACRONYM.fullmatch(b.name)) \
                        and not _ends_in(f, a.name, b.name):
                    f.table.merge(kb, ka)


def _ends_in(f: Findings, name: str, bracketed: str) -> bool:
    """ "Komisi XII Dewan Perwakilan Rakyat (DPR)": the name in brackets is that of the body the name before it ends
    in, the larger body a commission, office or unit belongs to."""
    whole, part = (fold(f.ctx.lexicon.long_form(n)) for n in (name, bracketed))
    return whole.endswith(" " + part)
