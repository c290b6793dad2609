"""What the graph knows about one entity, with each piece of evidence quoted in its sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef

from jejaring.errors import CurationError
from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.views.queries import view_query
from jejaring.ingest.extract.names import fold
from jejaring.ingest.extract.text import layout_of
from jejaring.ontology.namespaces import LABEL_PREDICATES

__all__ = ["Description", "Evidence", "describe_entity", "entity_labels", "find_entity", "list_entities"]

_LABEL_RANK = {str(p): i for i, p in enumerate(LABEL_PREDICATES)}



@dataclass(frozen=True)
class Evidence:
    """One annotation: where the words are, the words, and the sentence around them."""

    document: str
    start: int | None
    end: int | None
    exact: str
    sentence: str
    rule: str
    about: str


@dataclass
class Description:
    """An entity's label, types, statements about it (as readable pairs), a person's posts ("role, organisation
    (period)") and its evidence."""

    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def find_entity(kg: KnowledgeGraph, text: str) -> str:
    """The IRI of the entity named by an IRI or by a label (case and accents ignored).

    Raises
    ------
    CurationError
        No entity has that label, or several do (their IRIs are listed).
    """
    if text.startswith(("http://", "https://")):
        if not kg.query(view_query("describe-exists"), {"iri": URIRef(text)}):
            raise CurationError(f"no entity {text} in the graph")
        return text
    wanted = fold(text)
    hits = sorted({
        row["s"].value for row in kg.query(view_query("describe-labels"), {"lp": LABEL_PREDICATES})
        if fold(row["l"].value) == wanted
    })
    if not hits:
        raise CurationError(f"no entity is called '{text}'; " + _did_you_mean(kg, wanted))
    if len(hits) > 1:
        raise CurationError(f"'{text}' names {len(hits)} entities: {', '.join(hits)}; give an IRI")
    return hits[0]


def _did_you_mean(kg: KnowledgeGraph, wanted: str, limit: int = 5) -> str:
    """The closest labels to a name that matched none (rapidfuzz, case and accents ignored), as advice."""
    from rapidfuzz import fuzz, process

    labels = {row["l"].value for row in kg.query(view_query("describe-labels"), {"lp": LABEL_PREDICATES})}
    close = process.extract(wanted, {label: fold(label) for label in sorted(labels)}, scorer=fuzz.WRatio,
                            limit=limit, score_cutoff=80)
    if not close:
        return "try 'jejaring entities --search TEXT' or an IRI"
    names = [f"'{label}'" for _, _, label in close]
    return "did you mean " + (f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]) + "?"


def describe_entity(kg: KnowledgeGraph, iri: str) -> Description:
    """Types, facts (predicate, object label) and quoted evidence of an entity and of the facts about it."""
    label = _label(kg, iri)
    d = Description(iri, label)
    posts = _posts(kg, iri)
    d.posts = list(posts.values())
    for row in kg.query(view_query("describe-facts"), {"iri": URIRef(iri)}):
        p, o = row["p"].value, row["o"]
        if p.endswith("#type"):
            d.types.append(_short(o.value))
        else:
            d.facts.append((_short(p), _label(kg, o.value) if isinstance(o, ox.NamedNode) else o.value))
    for row in kg.query(view_query("describe-facts-about"), {"iri": URIRef(iri)}):
        if row["s"].value not in posts:  # a post is shown as one line of its own, not as the membership's IRI
            d.facts.append((f"^{_short(row['p'].value)}", _label(kg, row["s"].value)))
    texts: dict[str, str | None] = {}
    for row in kg.query(view_query("describe-evidence"), {"iri": URIRef(iri)}):
        src = row["src"].value
        identity = _identity(kg, src)
        if identity not in texts:
            texts[identity] = kg.document_text(identity) if identity else None
        start = int(row["start"].value) if row["start"] else None
        end = int(row["end"].value) if row["end"] else None
        exact = row["exact"].value if row["exact"] else ""
        sentence = _sentence(texts[identity], start, end) if start is not None else exact
        d.evidence.append(Evidence(identity or src, start, end, exact, sentence,
                                   row["rule"].value if row["rule"] else "",
                                   posts.get(row["body"].value) or _label(kg, row["body"].value)))
    return d


def _posts(kg: KnowledgeGraph, iri: str) -> dict[str, str]:
    """A person's memberships and each as "role, organisation (period)", read with the library's career trail."""
    from jejaring.graph.sparql.run import run_query

    names = [row["n"].value for row in kg.query(view_query("describe-name"), {"iri": URIRef(iri)})]
    if not names:
        return {}
    posts = {}
    for row in run_query(kg, "career-trail", person=names[0]).records():
        if row["who"] != iri:  # another person with the same name
            continue
        text = ", ".join(row[k] for k in ("post", "organisationName") if row[k])
        period = f"{row['since'] or '…'} – {row['until'] or '…'}" if row["since"] or row["until"] else row["on"]
        posts[row["membership"]] = f"{text or 'member'} ({period})" if period else text or "member"
    return posts


def _label(kg: KnowledgeGraph, iri: str) -> str:
    if not iri.startswith(("http://", "https://")):
        return iri
    rows = kg.query(view_query("describe-entity-labels"), {"iri": URIRef(iri), "lp": LABEL_PREDICATES})
    best = min(rows, key=lambda row: _LABEL_RANK[row["lp"].value], default=None)  # the first of the best property
    return best["l"].value if best is not None else _short(iri)


def _short(iri: str) -> str:
    from jejaring.ontology.namespaces import PREFIXES

    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def _identity(kg: KnowledgeGraph, doc_iri: str) -> str | None:
    for row in kg.query(view_query("describe-document"), {"doc": URIRef(doc_iri)}):
        return row["id"].value
    return None


def _sentence(text: str | None, start: int, end: int | None) -> str:
    """The sentence around an evidence span, with the quoted words marked »like this«."""
    if not text:
        return ""
    layout = layout_of(text)
    s = layout.sentence_at(start)
    stop = max(s.end, end or start)
    return (text[s.start:start] + "»" + text[start:end] + "«" + text[end:stop]).replace("\n", " ")


def entity_labels(kg: KnowledgeGraph, iri: str) -> list[str]:
    """Every label of an entity, sorted."""
    return sorted({row["l"].value for row in kg.query(view_query("describe-entity-labels"),
                                                      {"iri": URIRef(iri), "lp": LABEL_PREDICATES})})


#: Entity kinds ``jejaring entities --kind`` knows, and their classes.
KINDS = {
    "person": "https://schema.org/Person", "organisation": "http://www.w3.org/ns/org#Organization",
    "event": "https://schema.org/Event", "city": "https://schema.org/City", "programme": "https://schema.org/Project",
    "lesson": "https://w3id.org/jejaring/ns#Lesson",
}


def list_entities(kg: KnowledgeGraph, kind: str | None = None, search: str | None = None) -> list[dict]:
    """Entities with their labels, kind and number of documents; ``search`` keeps those a label of which
    contains it (case and accents ignored)."""
    kinds = {kind: KINDS[kind]} if kind else KINDS
    kind_of = {iri: name for name, iri in kinds.items()}
    rows = kg.query(view_query("describe-entities"), {"c": tuple(URIRef(c) for c in kind_of), "lp": LABEL_PREDICATES})
    out = []
    wanted = fold(search) if search else None
    for row in rows:
        labels = sorted(set(row["labels"].value.split("\u001f")))
        if wanted and not any(wanted in fold(label) for label in labels):
            continue
        out.append({"iri": row["s"].value, "kind": kind_of[row["c"].value], "labels": labels,
                    "documents": int(row["docs"].value)})
    return sorted(out, key=lambda e: (e["kind"], e["iri"]))
