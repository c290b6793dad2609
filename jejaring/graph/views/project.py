"""From the RDF knowledge graph to networkx graphs ("projections") for analysis and network views.

Every node is keyed by its IRI and keeps ``iri``, ``label``, ``kind``, ``sector``, ``start``/``end`` (events),
and for tooltips ``posts``, ``organisations``, ``documents`` (source documents) and ``quotes`` (a few evidence
quotes). Every edge stands for one relation and keeps ``relation``, ``start``/``end`` (ISO dates or ""),
``documents`` and ``weight``; the views are undirected graphs, so an edge whose relation has a direction also
keeps ``subject``, the node it goes from (the RDF property's subject: the event of an ``attendee`` edge, the
lesson of ``learned-at``, the person of a ``membership``). Only ``co-attendance`` has none.

The views:

- ``stakeholders``: persons and organisations; a ``membership`` edge per post held (``role``, period),
  ``co-attendance`` edges weighted by the number of events both took part in (attending or organising),
  and ``unit-of`` / ``sub-organisation-of`` edges between organisations;
- ``participation``: agents and events, bipartite (node attribute ``bipartite``: 0 agents, 1 events), an
  ``attendee`` and an ``organizer`` edge for an agent who did both;
- ``lessons``: lessons, the cities they were learned from or are relevant to, the programmes that exemplify
  or adopted them, the events they were learned on, and the agents who took part in those events or
  endorsed a lesson (``jj:endorses``, or a statement of theirs about it);
- ``full``: every entity and fact node (memberships, statements, posts ...), linked by the RDF properties
  between them.

Everything is read with a few SPARQL queries evaluated by the store, never by Python loops over triples; the queries
are the files `project-*.rq` in `graph/views/queries/`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

import networkx as nx
from rdflib import URIRef

from jejaring.errors import NetworkError
from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.views.names import VIEWS
from jejaring.graph.views.queries import view_query
from jejaring.ingest.mapping import SECTOR_OF_KIND
from jejaring.ontology.namespaces import PREFIXES, SHOWN_LABEL_PREDICATES

__all__ = ["KIND_OF_CLASS", "MAX_QUOTES", "VIEWS", "ego_network", "find_node", "project"]

#: Classes to node kinds, most specific first: a node takes the kind of the first class it has.
KIND_OF_CLASS: dict[str, str] = {
    "http://www.w3.org/ns/org#Membership": "membership",
    "https://w3id.org/jejaring/ns#Statement": "statement",
    "https://w3id.org/jejaring/ns#Lesson": "lesson",
    "https://schema.org/Event": "event",
    "https://schema.org/Person": "person",
    "http://xmlns.com/foaf/0.1/Person": "person",
    "http://www.w3.org/ns/org#Organization": "organisation",
    "http://www.w3.org/ns/org#Post": "post",
    "https://schema.org/Project": "programme",
    "https://schema.org/City": "city",
    "https://schema.org/Country": "country",
    "https://schema.org/AdministrativeArea": "area",
}
_AGENTS = frozenset({"person", "organisation"})
_PLACES = frozenset({"city", "country", "area"})

#: How many evidence quotes a node or edge keeps for its tooltip.
MAX_QUOTES = 3

_CLASSES = tuple(URIRef(c) for c in KIND_OF_CLASS)

_LESSON_RELATION = {
    "http://www.w3.org/ns/prov#wasGeneratedBy": "learned-at",
    "https://w3id.org/jejaring/ns#learnedFrom": "learned-from",
    "https://w3id.org/jejaring/ns#relevantTo": "relevant-to",
    "https://w3id.org/jejaring/ns#exemplifiedBy": "exemplified-by",
    "https://w3id.org/jejaring/ns#adoptedIn": "adopted-in",
}
_ORG_RELATION = {
    "http://www.w3.org/ns/org#unitOf": "unit-of",
    "http://www.w3.org/ns/org#subOrganizationOf": "sub-organisation-of",
}
_PARTICIPATION_RELATION = {"https://schema.org/attendee": "attendee", "https://schema.org/organizer": "organizer"}
#: Relations that go both ways: their edges keep no ``subject``.
_SYMMETRIC = frozenset({"co-attendance"})


# -- public API ----------------------------------------------------------------------------------
def project(
    kg: KnowledgeGraph,
    view: str = "stakeholders",
    *,
    since: str | date | None = None,
    until: str | date | None = None,
) -> nx.MultiGraph:
    """A networkx view of the knowledge graph.

    Parameters
    ----------
    kg
        An open knowledge graph.
    view
        ``stakeholders`` (a person may hold several posts in one organisation), ``participation`` (bipartite),
        ``lessons`` or ``full``: each a ``MultiGraph`` with an edge per relation, keyed by the relation (a
        membership by its IRI).
    since, until
        Keep only what was valid in this window (ISO dates; ``2019`` and ``2019-06`` mean the whole year or
        month). A fact or event is kept when its period overlaps the window; undated facts are kept; a
        membership known only at one date counts as held on that date. With a window, entities left with no
        edge are dropped.

    Returns
    -------
    networkx.MultiGraph
        Nodes keyed by IRI, added in IRI order; edges added in order. ``G.graph`` holds ``view``, ``since``,
        ``until`` and ``documents`` (the source documents of everything in the view).

    Raises
    ------
    NetworkError
        An unknown view or a malformed date.

    Examples
    --------
    >>> from jejaring.graph.store import open_graph
    >>> with open_graph("memory.trig") as kg:
    ...     G = project(kg, "stakeholders")
    >>> G.number_of_nodes(), G.graph["view"]
    (0, 'stakeholders')
    """
    if view not in VIEWS:
        raise NetworkError(f"unknown view '{view}'; choose one of {', '.join(VIEWS)}")
    window = _Window(_bound(since, "since", low=True), _bound(until, "until", low=False))
    if window.since and window.until and window.since > window.until:
        raise NetworkError(f"--since {window.since} is after --until {window.until}")
    facts = _read_facts(kg, full=view == "full")
    builder = {"stakeholders": _stakeholders, "participation": _participation,
               "lessons": _lessons, "full": _full}[view]
    G = builder(facts, window)
    if window.active:
        G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    G.graph.update(view=view, since=window.since or "", until=window.until or "",
                   documents=_documents_of(G))
    return G


def find_node(G: nx.Graph, text: str) -> str:
    """The node of ``G`` named by ``text``: its IRI, or a label (case and accents ignored).

    Raises
    ------
    NetworkError
        No node or several nodes have that label.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("https://example.org/a", label="Dinas Lingkungan Hidup")
    >>> find_node(G, "dinas lingkungan hidup")
    'https://example.org/a'
    """
    if text in G:
        return text
    wanted = _fold(text)
    hits = sorted(n for n, label in G.nodes(data="label") if _fold(str(label or "")) == wanted)
    if len(hits) == 1:
        return hits[0]
    view = G.graph.get("view", "")
    if not hits:
        raise NetworkError(f"'{text}' is not in the {view or 'network'} view; try another --view")
    raise NetworkError(f"'{text}' names {len(hits)} nodes: {', '.join(hits)}; give an IRI")


def ego_network(G: nx.Graph, node: str, *, depth: int = 1) -> nx.Graph:
    """The part of ``G`` within ``depth`` steps of ``node`` (an IRI or a label), with its graph attributes.

    Raises
    ------
    NetworkError
        ``node`` is not in ``G``, or ``depth`` is negative.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> sorted(ego_network(G, "b", depth=1))
    ['a', 'b', 'c']
    """
    if depth < 0:
        raise NetworkError(f"--depth must be 0 or more, not {depth}")
    center = find_node(G, node)
    keep = nx.single_source_shortest_path_length(G, center, cutoff=depth)
    # Built in G's order: nx.ego_graph iterates over a set, so its node order changes from run to run.
    E = G.__class__()
    E.graph.update(G.graph, focus=center, depth=depth)
    E.add_nodes_from((n, G.nodes[n]) for n in G if n in keep)
    if G.is_multigraph():
        E.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    else:
        E.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return E


# -- reading the facts ---------------------------------------------------------------------------
@dataclass
class _Membership:
    iri: str
    person: str
    org: str | None
    role: str
    start: str
    end: str
    lo: str | None
    hi: str | None


@dataclass
class _Facts:
    """Everything the views need, read with a few SPARQL queries."""

    kinds: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    person_sectors: dict[str, str] = field(default_factory=dict)  # the sector a person's post implies
    parents: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # org -> parent -> relation
    parent_docs: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    documents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    quotes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    memberships: list[_Membership] = field(default_factory=list)
    held_by: dict[str, list[_Membership]] = field(default_factory=lambda: defaultdict(list))  # person ->
    held_in: dict[str, list[_Membership]] = field(default_factory=lambda: defaultdict(list))  # organisation ->
    events: dict[str, tuple[str, str]] = field(default_factory=dict)
    # (event, agent) -> relation -> documents
    participation: dict[tuple[str, str], dict[str, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    lesson_links: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    endorsements: dict[tuple[str, str, str], dict] = field(default_factory=dict)  # (agent, lesson, relation) ->
    links: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))


def _read_facts(kg: KnowledgeGraph, *, full: bool) -> _Facts:
    f = _Facts()
    names = {r.iri: r.identity for r in kg.documents()}

    def doc(g) -> str | None:
        return names.get(g.value)

    rank = {iri: i for i, iri in enumerate(KIND_OF_CLASS)}
    best: dict[str, int] = {}
    for row in kg.query(view_query("project-kinds"), {"t": _CLASSES}):
        s, r = row["s"].value, rank[row["t"].value]
        if r < best.get(s, len(rank)):
            best[s], f.kinds[s] = r, KIND_OF_CLASS[row["t"].value]
    f.labels = _labels(kg)
    for row in kg.query(view_query("project-sources")):
        f.documents[row["s"].value].add(names.get(row["doc"].value, row["doc"].value))
    f.quotes = _quotes(kg, names)

    org_kind: dict[str, str] = {}
    declared: dict[str, str] = {}
    for row in kg.query(view_query("project-organisations")):
        o, p, v = row["o"].value, row["p"].value, row["v"].value
        if p.endswith("#sector"):
            declared[o] = min(declared.get(o, v), v)
        elif p.endswith("#classification"):
            org_kind[o] = min(org_kind.get(o, v), v)
        else:
            f.parents.setdefault(o, {}).setdefault(v, set()).add(_ORG_RELATION[p])
            if (d := doc(row["g"])) is not None:
                f.parent_docs[(o, v)].add(d)
    f.sectors = _org_sectors(f.kinds, declared, org_kind, f.parents)
    for row in kg.query(view_query("project-person-sectors")):
        person, sector = row["person"].value, _local(row["sector"].value)
        f.person_sectors[person] = min(f.person_sectors.get(person, sector), sector)

    starts: dict[str, list[str]] = defaultdict(list)
    ends: dict[str, list[str]] = defaultdict(list)
    for row in kg.query(view_query("project-events")):  # documents may disagree on dates: keep the widest period
        e = row["e"].value
        starts[e] += [row["start"].value] if row["start"] is not None else []
        ends[e] += [row["end"].value] if row["end"] is not None else []
        f.events[e] = (min(starts[e], default=""), max(ends[e], default=""))
    for row in kg.query(view_query("project-participation")):
        relations = f.participation[(row["e"].value, row["a"].value)]
        relations.setdefault(_PARTICIPATION_RELATION[row["p"].value], set()).update(filter(None, [doc(row["g"])]))
    f.memberships = _memberships(kg, f.labels)
    for m in f.memberships:
        f.held_by[m.person].append(m)
        if m.org:
            f.held_in[m.org].append(m)
    for row in kg.query(view_query("project-lesson-links")):
        key = (row["l"].value, _LESSON_RELATION[row["p"].value], row["o"].value)
        f.lesson_links[key].update(filter(None, [doc(row["g"])]))
    for row in kg.query(view_query("project-endorsements")):
        rel = "endorses" if row["st"] is None else "said"
        entry = f.endorsements.setdefault((row["agent"].value, row["lesson"].value, rel),
                                          {"quotes": set(), "events": set(), "documents": set()})
        if row["text"] is not None:
            entry["quotes"].add(" ".join(row["text"].value.split()))
        if row["event"] is not None:
            entry["events"].add(row["event"].value)
        entry["documents"].update(filter(None, [doc(row["g"])]))
    if full:  # fact nodes have no name of their own: label them by what they say
        for m in f.memberships:
            what = ", ".join(x for x in (m.role or "member", f.labels.get(m.org, "") if m.org else "") if x)
            f.labels.setdefault(m.iri, f"{f.labels.get(m.person, _local(m.person))}: {what}")
        for row in kg.query(view_query("project-statements")):
            text = " ".join(row["d"].value.split())
            f.labels.setdefault(row["s"].value, f"“{text[:59]}…”" if len(text) > 60 else f"“{text}”")
        for row in kg.query(view_query("project-links"), {"ts": _CLASSES, "to": _CLASSES}):
            key = (row["s"].value, _short(row["p"].value), row["o"].value)
            f.links[key].update(filter(None, [doc(row["g"])]))
    return f


def _labels(kg: KnowledgeGraph) -> dict[str, str]:
    """One label per resource: the preferred property first, then no language, Indonesian, English, others."""
    prop_rank = {str(p): i for i, p in enumerate(SHOWN_LABEL_PREDICATES)}
    lang_rank = {"": 0, "id": 1, "en": 2}
    best: dict[str, tuple] = {}
    for row in kg.query(view_query("project-labels"), {"p": SHOWN_LABEL_PREDICATES}):
        s, lit = row["s"].value, row["l"]
        key = (prop_rank[row["p"].value], lang_rank.get(lit.language or "", 3), lit.value)
        if s not in best or key < best[s]:
            best[s] = key
    return {s: key[2] for s, key in best.items()}


def _quotes(kg: KnowledgeGraph, names: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Each annotated node's distinct quotes as (exact, source document), in document and text order."""
    found: dict[str, set[tuple]] = defaultdict(set)
    for row in kg.query(view_query("project-quotes")):
        exact = " ".join(row["exact"].value.split())
        if not exact:
            continue
        src = names.get(row["src"].value, row["src"].value)
        start = int(row["start"].value) if row["start"] is not None else -1
        found[row["body"].value].add((src, start, exact))
    quotes: dict[str, list[tuple[str, str]]] = {}
    for body, items in found.items():
        seen: list[tuple[str, str]] = []
        for src, _, exact in sorted(items):
            if (exact, src) not in seen:
                seen.append((exact, src))
        quotes[body] = seen
    return quotes


def _pick_quotes(quotes: list[tuple[str, str]], label: str) -> list[str]:
    """A few quotes, those saying more than the node's own name first."""
    name = _fold(label)
    ranked = sorted(quotes, key=lambda q: _fold(q[0]) == name)  # stable: keeps document order within each
    return [f"“{exact}” ({src})" for exact, src in ranked[:MAX_QUOTES]]


def _memberships(kg: KnowledgeGraph, labels: dict[str, str]) -> list[_Membership]:
    rows: dict[str, dict] = {}
    for row in kg.query(view_query("project-memberships")):
        m = row["m"].value
        r = rows.setdefault(m, {"person": row["person"].value, "org": None, "role": "", "begin": "", "end": "",
                                "at": ""})
        if row["org"] is not None:
            r["org"] = min(filter(None, [r["org"], row["org"].value]))
        for name in ("post", "role"):
            if row[name] is not None and not r["role"]:
                r["role"] = labels.get(row[name].value, "")
        for name in ("begin", "end", "at"):
            if row[name] is not None:
                value = row[name].value
                r[name] = (min if name == "begin" else max)(filter(None, [r[name], value]))
    out = []
    for m, r in sorted(rows.items()):
        start, end = r["begin"] or r["at"], r["end"] or r["at"]
        lo = start or None
        hi = r["end"] or (r["at"] if not r["begin"] else "") or None
        out.append(_Membership(m, r["person"], r["org"], r["role"], start, end, lo, hi))
    return out


def _org_sectors(kinds: dict[str, str], declared: dict[str, str], org_kind: dict[str, str],
                 parents: dict[str, dict[str, set[str]]]) -> dict[str, str]:
    """Sector of each organisation: ``jj:sector``, else its kind's, else its parent's, else "unknown"."""
    own: dict[str, str | None] = {}
    for o in (n for n, k in kinds.items() if k == "organisation"):
        if o in declared:
            own[o] = _local(declared[o])
        else:
            own[o] = SECTOR_OF_KIND.get(_local(org_kind.get(o, "")))

    def sector(o: str, seen: frozenset[str]) -> str:
        if own.get(o):
            return own[o]
        for parent in sorted(parents.get(o, {})):
            if parent not in seen:
                s = sector(parent, seen | {parent})
                if s != "unknown":
                    return s
        return "unknown"

    return {o: sector(o, frozenset({o})) for o in sorted(own)}


# -- the views -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Window:
    since: str | None
    until: str | None

    @property
    def active(self) -> bool:
        return bool(self.since or self.until)

    def keeps(self, lo: str | None, hi: str | None) -> bool:
        """Whether a period [lo, hi] (None: unknown, open) overlaps the window."""
        if self.until and lo and lo > self.until:
            return False
        return not (self.since and hi and hi < self.since)

    def keeps_event(self, period: tuple[str, str]) -> bool:
        start, end = period
        return self.keeps(_pad(start, low=True) if start else None, _pad(end or start, low=False) or None)


def _stakeholders(f: _Facts, window: _Window) -> nx.MultiGraph:
    G = nx.MultiGraph()
    agents = sorted(n for n, k in f.kinds.items() if k in _AGENTS)
    for n in agents:
        G.add_node(n, **_node(f, n, window))
    edges: list[tuple[str, str, str, dict]] = []
    for m in f.memberships:
        if m.org is None or m.person not in G or m.org not in G or not window.keeps(m.lo, m.hi):
            continue
        edges.append((m.person, m.org, m.iri, _edge("membership", m.start, m.end, f.documents.get(m.iri, ()),
                                                     role=m.role, quotes=_pick_quotes(f.quotes.get(m.iri, []), ""))))
    for o, ps in f.parents.items():
        for parent, relations in ps.items():
            if o in G and parent in G:
                for rel in sorted(relations):
                    edges.append((o, parent, rel, _edge(rel, "", "", f.parent_docs.get((o, parent), ()))))
    edges += _co_attendance(f, window, set(agents))
    _add_edges(G, edges)
    return G


def _co_attendance(f: _Facts, window: _Window, agents: set[str]) -> list[tuple[str, str, str, dict]]:
    by_event: dict[str, list[str]] = defaultdict(list)
    for event, agent in sorted(f.participation):  # events in order, each one's agents in order
        if agent in agents and event in f.events and window.keeps_event(f.events[event]):
            by_event[event].append(agent)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, people in by_event.items():
        for pair in combinations(people, 2):
            shared[pair].append(event)
    span = {e: (f.events[e][0], f.events[e][1] or f.events[e][0]) for e in by_event}
    edges = []
    for (a, b), events in sorted(shared.items()):
        docs: set[str] = set()
        for e in events:
            for agent in (a, b):
                docs.update(*f.participation[(e, agent)].values())
        attrs = _edge("co-attendance", min((span[e][0] for e in events if span[e][0]), default=""),
                      max((span[e][1] for e in events if span[e][1]), default=""), docs, weight=len(events),
                      events=[f.labels.get(e, e) for e in events])
        edges.append((a, b, "co-attendance", attrs))
    return edges


def _participation(f: _Facts, window: _Window) -> nx.MultiGraph:
    G = nx.MultiGraph()
    pairs = sorted((e, a) for e, a in f.participation
                   if f.kinds.get(a) in _AGENTS and e in f.events and window.keeps_event(f.events[e]))
    nodes = {a for _, a in pairs} | {e for e, _ in pairs}
    if not window.active:  # every agent and event, even those with no participation known
        nodes |= {n for n, k in f.kinds.items() if k in _AGENTS or k == "event"}
    for n in sorted(nodes):
        G.add_node(n, **_node(f, n, window), bipartite=1 if f.kinds.get(n) == "event" else 0)
    _add_edges(G, [edge for e, a in pairs for edge in _took_part(f, e, a)])
    return G


def _took_part(f: _Facts, event: str, agent: str) -> list[tuple[str, str, str, dict]]:
    """An edge per relation of an agent to an event (``schema:attendee``, ``schema:organizer``), from the event."""
    start, end = f.events[event]
    return [(event, agent, rel, _edge(rel, start, end or start, docs))
            for rel, docs in sorted(f.participation[(event, agent)].items())]


def _lessons(f: _Facts, window: _Window) -> nx.MultiGraph:
    G = nx.MultiGraph()
    edges: list[tuple[str, str, str, dict]] = []
    lessons = sorted(n for n, k in f.kinds.items() if k == "lesson")
    events: set[str] = set()
    for (lesson, rel, target), docs in sorted(f.lesson_links.items()):
        kind = f.kinds.get(target)
        if kind is None:
            continue
        start = end = ""
        if kind == "event":
            if target not in f.events or not window.keeps_event(f.events[target]):
                continue
            events.add(target)
            start, end = f.events[target]
            end = end or start
        edges.append((lesson, target, rel, _edge(rel, start, end, docs)))
    for (agent, lesson, rel), entry in sorted(f.endorsements.items()):
        if f.kinds.get(lesson) != "lesson" or f.kinds.get(agent) is None:
            continue
        dated = [f.events[e] for e in sorted(entry["events"]) if e in f.events]
        if dated and not any(window.keeps_event(p) for p in dated):
            continue
        start = min((p[0] for p in dated if p[0]), default="")
        end = max((p[1] or p[0] for p in dated if p[1] or p[0]), default="")
        edges.append((agent, lesson, rel, _edge(rel, start, end, entry["documents"],
                                                quotes=sorted(entry["quotes"])[:MAX_QUOTES])))
    for event, agent in sorted(f.participation):
        if event in events and f.kinds.get(agent) in _AGENTS:
            edges += _took_part(f, event, agent)
    nodes = set(lessons) | {u for u, _, _, _ in edges} | {v for _, v, _, _ in edges}
    for n in sorted(nodes):
        G.add_node(n, **_node(f, n, window))
    _add_edges(G, edges)
    return G


def _full(f: _Facts, window: _Window) -> nx.MultiGraph:
    G = nx.MultiGraph()
    periods: dict[str, tuple[str, str, bool]] = {}  # node -> (start, end, kept)
    for e, period in f.events.items():
        periods[e] = (period[0], period[1] or period[0], window.keeps_event(period))
    for m in f.memberships:
        periods[m.iri] = (m.start, m.end, window.keeps(m.lo, m.hi))
    for n in sorted(f.kinds):
        if periods.get(n, ("", "", True))[2]:
            G.add_node(n, **_node(f, n, window))
    edges = []
    for (s, rel, o), docs in sorted(f.links.items()):
        if s not in G or o not in G:
            continue
        start, end, _ = periods.get(s) or periods.get(o) or ("", "", True)
        edges.append((s, o, rel, _edge(rel, start, end, docs)))
    _add_edges(G, edges)
    return G


# -- nodes and edges -----------------------------------------------------------------------------
def _node(f: _Facts, n: str, window: _Window) -> dict:
    kind = f.kinds.get(n, "unknown")
    posts: list[str] = []
    organisations: list[str] = []
    if kind == "person":
        held = [m for m in f.held_by.get(n, ()) if window.keeps(m.lo, m.hi)]
        posts = _posts(held, lambda m: ", ".join(x for x in (m.role, f.labels.get(m.org, "") if m.org else "") if x))
        organisations = sorted({f.labels.get(m.org, m.org) for m in held if m.org})
    elif kind == "organisation":
        held = [m for m in f.held_in.get(n, ()) if window.keeps(m.lo, m.hi)]
        posts = _posts(held, lambda m: f"{m.role or 'member'}: {f.labels.get(m.person, m.person)}")
        organisations = sorted(f.labels.get(p, p) for p in f.parents.get(n, {}))
    start, end = f.events.get(n, ("", ""))
    label = f.labels.get(n) or _local(n)
    return {
        "iri": n,
        "label": label,
        "kind": kind,
        "sector": _sector(f, n, kind),
        "start": start,
        "end": end or start,
        "posts": posts,
        "organisations": organisations,
        "documents": sorted(f.documents.get(n, ())),
        "quotes": _pick_quotes(f.quotes.get(n, []), label),
    }


def _posts(held: list[_Membership], describe) -> list[str]:
    """Each post once, as ``describe`` words it, with its periods in order: "Kepala, DLH (2017 – 2018; 2020)".

    >>> m = [_Membership("m1", "p", "o", "Kepala", "2020", "2020", "2020", "2020"),
    ...      _Membership("m2", "p", "o", "Kepala", "2017", "2018", "2017", "2018"),
    ...      _Membership("m3", "p", "o", "Staf", "", "", None, None)]
    >>> _posts(m, lambda m: m.role)
    ['Kepala (2017 – 2018; 2020)', 'Staf']
    """
    periods: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for m in held:
        periods[describe(m)].update([(m.start, m.end)] if m.start or m.end else [])
    return [f"{text} ({'; '.join(_period(*p) for p in sorted(periods[text]))})" if periods[text] else text
            for text in sorted(periods)]


def _sector(f: _Facts, n: str, kind: str) -> str:
    """An organisation's own sector; a person's is the one most of their organisations share (over all time,
    so colours stay the same across time windows), else the one their post implies."""
    if kind == "organisation":
        return f.sectors.get(n, "unknown")
    if kind == "person":
        counts = Counter(f.sectors.get(m.org, "unknown") for m in f.held_by.get(n, ()) if m.org)
        counts.pop("unknown", None)
        if counts:
            return min(counts, key=lambda s: (-counts[s], s))
        return f.person_sectors.get(n, "unknown")
    return "unknown"


def _edge(relation: str, start: str, end: str, documents: Iterable[str], *, weight: int = 1, **extra) -> dict:
    return {"relation": relation, "start": start, "end": end, "documents": sorted(set(documents)),
            "weight": weight, **extra}


def _add_edges(G: nx.MultiGraph, edges: list[tuple[str, str, str, dict]]) -> None:
    """Add edges ``(subject, object, key, attributes)`` in the order of their ends, each keeping its ``subject``
    unless its relation has no direction."""
    rows = sorted(((min(u, v), max(u, v), k, u, a) for u, v, k, a in edges), key=lambda r: r[:3])
    for u, v, k, subject, attrs in rows:
        G.add_edge(u, v, key=k, **attrs, **({} if attrs["relation"] in _SYMMETRIC else {"subject": subject}))


def _documents_of(G: nx.Graph) -> list[str]:
    docs: set[str] = set()
    for _, d in G.nodes(data="documents"):
        docs.update(d or ())
    for *_, d in G.edges(data="documents"):
        docs.update(d or ())
    return sorted(docs)


# -- small helpers -------------------------------------------------------------------------------
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _bound(value: str | date | None, name: str, *, low: bool) -> str | None:
    """A window bound as an ISO date; a year or month stands for its first (since) or last (until) day."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not _DATE.match(text):
        raise NetworkError(f"--{name} '{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    padded = _pad(text, low=low)
    try:
        date.fromisoformat(padded)
    except ValueError:
        raise NetworkError(f"--{name} '{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return padded


def _pad(text: str, *, low: bool) -> str:
    """An xsd:date, gYearMonth or gYear as the first or last day it covers.

    >>> _pad("2019", low=True), _pad("2020-02", low=False), _pad("2019-06-13", low=False)
    ('2019-01-01', '2020-02-29', '2019-06-13')
    """
    text = text[:10]
    if len(text) == 4:
        return f"{text}-01-01" if low else f"{text}-12-31"
    if len(text) == 7 and text[5:7].isdigit() and 1 <= int(text[5:7]) <= 12:
        last = calendar.monthrange(int(text[:4]), int(text[5:7]))[1]
        return f"{text}-01" if low else f"{text}-{last:02d}"
    return text


def _period(start: str, end: str) -> str:
    if start and start == end:
        return start
    return f"{start or '…'} – {end or '…'}"


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1] if iri else ""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())
