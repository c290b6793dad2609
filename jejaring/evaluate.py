"""Score an extracted graph against a gold annotation (``shared/gold/FORMAT.md``).

The rules are those of the reference scorer (``shared/eval/score.py``), which the project is judged by;
this is the product's own implementation and is tested to agree with it:

- the graph is read whole (every named graph as one union); kinds come from classes: ``schema:Person``
  (or ``foaf:Person``), ``org:Organization`` (minus ``schema:Project`` nodes), ``schema:City``,
  ``schema:Project`` (programmes), ``schema:Event`` and any class whose local name is ``Lesson``;
- a node's labels are its ``schema:name``, ``skos:prefLabel``/``altLabel``/``hiddenLabel``, ``rdfs:label``,
  ``foaf:name``, ``schema:alternateName`` and any property whose local name is ``acronym``;
- names are compared after case folding, accent stripping, punctuation removal and removal of honorifics
  and degrees (:func:`normalise_name`) with :func:`name_score`; a match needs 90;
- each node goes to the gold entity it matches best; a node matching nothing is spurious unless it matches
  an ``optional`` name; a second node on the same gold entity is a duplicate and counts against precision;
- events with a start date on both sides must agree on it, and are then also compared without date words;
  lessons also match when most of a title's content words occur in the node's labels and description;
- posts, participation and lesson links are scored through the nodes each gold entity was matched to.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import FOAF, PROV, RDF
from rdflib.term import Node

from jejaring.errors import InputError, LexiconError
from jejaring.ontology.namespaces import LABEL_PREDICATES

__all__ = [
    "KINDS",
    "MATCH_THRESHOLD",
    "EvaluationReport",
    "KindScore",
    "evaluate",
    "evaluate_stored",
    "format_report",
    "name_score",
    "normalise_name",
    "render",
    "summarise",
]

#: The entity kinds of a gold annotation, in the order they are reported.
KINDS: tuple[str, ...] = ("persons", "organisations", "cities", "programmes", "events", "lessons")
#: The :func:`name_score` two names need to match.
MATCH_THRESHOLD = 90
# A post's role matches when the gold role is found in a role label with at least this partial ratio.
_ROLE_THRESHOLD = 85

# Both schema.org namespaces are accepted: extractors and other tools write either.
_SCHEMA = (Namespace("https://schema.org/"), Namespace("http://schema.org/"))
_ORG = Namespace("http://www.w3.org/ns/org#")

# jejaring's labels, and a name in the other schema.org namespace; an acronym counts under any namespace (below).
_LABEL_PREDICATES = (*LABEL_PREDICATES, _SCHEMA[1].name)

# The punctuation the scorer turns into spaces; other signs ("&", "+") stay part of a name.
_PUNCTUATION = str.maketrans(dict.fromkeys("()[]\"'“”‘’.,;:/-–", " "))

# Honorifics and degrees removed from names. FORMAT.md names the first ones; the rest are the forms the
# reference scorer removes, kept here so the evaluator never removes less than the scorer does. The
# lexicon (``lexicon/{id,en}/honorifics.tsv``) adds its forms to these. A form is compared as one word
# with its dots removed ("M.Si." is "msi"), as the scorer compares it.
_FORMAT_FORMS = ("Bapak", "Ibu", "Sdr.", "Dr.", "Ir.", "Prof.", "MURP", "M.Si.")
_BUILTIN_FORMS = (
    "Bpk.", "Pak", "Bu", "Sdri.", "Saudara", "Saudari", "H.", "Hj.", "Mr.", "Mrs.", "Ms.", "Drs.", "Dra.",
    "S.T.", "S.E.", "S.H.", "S.Pd.", "S.K.M.", "M.M.", "M.Sc.", "M.T.", "M.A.", "M.Pd.", "Ph.D.", "MBA",
)  # fmt: skip
_HONORIFIC_LANGUAGES = ("id", "en")

# Month names dropped from event names whose dates agree (full names only, as the scorer drops them).
_MONTH_WORDS = (
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
    "november", "desember", "january", "february", "march", "may", "june", "july", "august", "october",
    "december",
)  # fmt: skip
_DATE_WORDS = re.compile(r"\d+|\b(?:" + "|".join(_MONTH_WORDS) + r")\b")
_NUMBERS = re.compile(r"\d+")


# -- names ---------------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Return a name as names are compared: folded, unaccented, unpunctuated, without honorifics.

    Parameters
    ----------
    name : str
        Any name or label.

    Returns
    -------
    str
        Lower-case words separated by single spaces (possibly empty).

    Examples
    --------
    >>> normalise_name("Dr. Ir. Hendra Saputra, MURP")
    'hendra saputra'
    >>> normalise_name("Bapak José (Sekda)")
    'jose sekda'
    """
    return _normalise(str(name))


@cache
def _normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    text = _honorific_pattern().sub(" ", text.translate(_PUNCTUATION))
    return " ".join(text.split())


def name_score(a: str, b: str) -> int:
    """Score how alike two names are, from 0 to 101; :data:`MATCH_THRESHOLD` (90) is a match.

    101 when the normalised names are equal; else their fuzzy ratio, raised to 95 when one name's words
    all occur in the other and it has at least 0.6 of the other's length. Two names that both carry
    numbers must carry the same numbers, or they score 0.

    Parameters
    ----------
    a, b : str
        Two names, in any spelling (see :func:`normalise_name`).

    Returns
    -------
    int
        The score.

    Examples
    --------
    >>> name_score("Ibu Sri Rahayu", "sri rahayu")
    101
    >>> name_score("Plan Internasional Indonesia", "Plan International Indonesia")
    96
    >>> name_score("Pertemuan 25 Juli", "Pertemuan 27 Juli")
    0
    """
    a, b = _normalise(str(a)), _normalise(str(b))
    if not a or not b:
        return 0
    if a == b:
        return 101
    numbers_a, numbers_b = _NUMBERS.findall(a), _NUMBERS.findall(b)
    if numbers_a and numbers_b and sorted(numbers_a) != sorted(numbers_b):
        return 0
    score = fuzz.ratio(a, b)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= 0.6 * len(longer) and _word_subset(a, b):
        score = max(score, 95)
    return int(score)


def _word_subset(a: str, b: str) -> bool:
    words_a, words_b = set(a.split()), set(b.split())
    return bool(words_a & words_b) and (words_a <= words_b or words_b <= words_a)


def _best(labels: Iterable[str], names: Sequence[str]) -> int:
    return max((name_score(label, name) for label in labels for name in names), default=0)


def _matches(labels: Iterable[str], names: Sequence[str]) -> bool:
    return _best(labels, names) >= MATCH_THRESHOLD


def _strip_date_words(name: str) -> str:
    return _DATE_WORDS.sub(" ", _normalise(name))


@cache
def _honorific_pattern() -> re.Pattern[str]:
    words = {_as_word(form) for form in (*_FORMAT_FORMS, *_BUILTIN_FORMS, *_lexicon_honorifics())}
    words.discard("")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"\b(?:{alternatives})\b")


def _as_word(form: str) -> str:
    decomposed = unicodedata.normalize("NFKD", form)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return "".join(text.translate(_PUNCTUATION).split())


def _lexicon_honorifics() -> list[str]:
    """The ``form`` column of every shipped ``honorifics.tsv`` (none when the lexicon has none yet)."""
    forms: list[str] = []
    for language in _HONORIFIC_LANGUAGES:
        resource = files("jejaring.ingest") / "lexicon" / language / "honorifics.tsv"
        if not resource.is_file():
            continue
        where = f"lexicon/{language}/honorifics.tsv"
        lines = [line for line in resource.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        rows = csv.DictReader(lines, delimiter="\t")
        if not rows.fieldnames or "form" not in rows.fieldnames:
            raise LexiconError(f"{where}: the header must name a 'form' column, not {rows.fieldnames}")
        for row in rows:
            form = (row.get("form") or "").strip()
            if form:
                forms.append(form)
    return forms


def _names_of(item: Any) -> list[str]:
    """A gold item's names: its name (or title), aliases and acronym."""
    if isinstance(item, str):
        return [item]
    names = [item.get("name") or item.get("title"), *(item.get("aliases") or [])]
    if item.get("acronym"):
        names.append(item["acronym"])
    return [n for n in names if n]


def _first_name(item: Any) -> str:
    names = _names_of(item)
    return names[0] if names else ""


# -- the extracted graph -------------------------------------------------------------------------


def _local_name(term: Node) -> str:
    text = str(term)
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


class _Extracted:
    """The extracted graph as one in-memory union, with labels per node cached."""

    def __init__(self, graph: Graph | Dataset) -> None:
        union = Graph()
        if isinstance(graph, Dataset):
            for s, p, o, _ in graph.quads((None, None, None, None)):
                union.add((s, p, o))
        else:
            for triple in graph.triples((None, None, None)):
                union.add(triple)
        self.graph = union
        self._labels: dict[Node, list[str]] = {}

    def labels(self, node: Node) -> list[str]:
        if node not in self._labels:
            found = [str(o) for p in _LABEL_PREDICATES for o in self.graph.objects(node, p)]
            found += [str(o) for p, o in self.graph.predicate_objects(node)
                      if _local_name(p) == "acronym" and p not in _LABEL_PREDICATES]
            self._labels[node] = found
        return self._labels[node]

    def typed(self, *classes: Node) -> list[Node]:
        return sorted({s for c in classes for s in self.graph.subjects(RDF.type, c)})

    def typed_local(self, name: str) -> list[Node]:
        return sorted({s for s, o in self.graph.subject_objects(RDF.type) if _local_name(o) == name})

    def objects(self, node: Node, *predicates: Node) -> list[Node]:
        return [o for p in predicates for o in self.graph.objects(node, p)]

    def objects_local(self, node: Node, name: str) -> list[Node]:
        return [o for p, o in self.graph.predicate_objects(node) if _local_name(p) == name]

    def nodes_of_kinds(self) -> dict[str, list[Node]]:
        projects = self.typed(*(s.Project for s in _SCHEMA))
        project_set = set(projects)
        return {
            "persons": self.typed(*(s.Person for s in _SCHEMA), FOAF.Person),
            "organisations": [n for n in self.typed(_ORG.Organization) if n not in project_set],
            "cities": self.typed(*(s.City for s in _SCHEMA)),
            "programmes": projects,
            "events": self.typed(*(s.Event for s in _SCHEMA)),
            "lessons": self.typed_local("Lesson"),
        }


def _event_score(out: _Extracted, node: Node, item: dict) -> int:
    """Name similarity, unless both sides give start dates that disagree (then 0)."""
    labels, names = out.labels(node), _names_of(item)
    starts = {str(o)[:10] for o in out.objects(node, *(s.startDate for s in _SCHEMA))}
    gold_start = item.get("start")
    if not (gold_start and starts):
        return _best(labels, names)
    # The gold may give only "2018" or "2018-03": one date must begin with the other.
    if not any(s.startswith(gold_start) or gold_start.startswith(s) for s in starts):
        return 0
    undated = _best([_strip_date_words(x) for x in labels], [_strip_date_words(x) for x in names])
    return max(_best(labels, names), undated)


def _lesson_score(out: _Extracted, node: Node, item: dict) -> int:
    """Name similarity, or word coverage: most words (> 3 letters) of a title in the labels and description."""
    labels, names = out.labels(node), _names_of(item)
    descriptions = [str(o) for o in out.objects(node, *(s.description for s in _SCHEMA))]
    present = set(_normalise(" ".join(labels + descriptions)).split())
    score = _best(labels, names)
    for name in names:
        words = [w for w in _normalise(name).split() if len(w) > 3]
        if len(words) < 2:
            continue
        coverage = sum(w in present for w in words) / len(words)
        if coverage >= 0.6:
            score = max(score, int(90 + 10 * coverage) - 1)
    return score


# -- the report ----------------------------------------------------------------------------------


def _precision(correct: int, output: int, gold: int) -> float:
    if output:
        return correct / output
    return 1.0 if gold == 0 else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


@dataclass(frozen=True)
class KindScore:
    """How one kind of entity scored.

    Recall is over gold entities (``matched_gold`` of ``gold``), precision over output nodes
    (``matched_output`` of ``output``; duplicates and spurious nodes are in ``output`` only).
    """

    kind: str
    matched_gold: int
    gold: int
    matched_output: int
    output: int
    duplicates: int = 0
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        """Matched output nodes over output nodes (1.0 with no output and no gold, 0.0 with no output)."""
        return _precision(self.matched_output, self.output, self.gold)

    @property
    def recall(self) -> float:
        """Matched gold entities over gold entities (1.0 when the gold has none)."""
        return _ratio(self.matched_gold, self.gold)

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)

    @property
    def counts(self) -> tuple[int, int, int, int]:
        """``(matched_gold, gold, matched_output, output)``, the scorer's ``counts``."""
        return (self.matched_gold, self.gold, self.matched_output, self.output)


@dataclass(frozen=True)
class EvaluationReport:
    """The score of one extracted graph against one gold annotation (unrounded; see :meth:`to_dict`)."""

    document: str | None
    kinds: dict[str, KindScore]
    posts_found: int = 0
    posts_with_role: int = 0
    posts_total: int = 0
    posts_missed: tuple[str, ...] = ()
    participation_found: int = 0
    participation_total: int = 0
    participation_correct: int = 0
    participation_output: int = 0
    participation_missed: tuple[str, ...] = ()
    lesson_links_found: int = 0
    lesson_links_total: int = 0
    graph: str | None = field(default=None, compare=False)

    @property
    def duplicates(self) -> int:
        """Output nodes matched to a gold entity another node already matched, over all kinds."""
        return sum(k.duplicates for k in self.kinds.values())

    @property
    def posts_recall(self) -> float:
        """Gold posts with a membership of the person in the organisation."""
        return _ratio(self.posts_found, self.posts_total)

    @property
    def post_role_recall(self) -> float:
        """Gold posts found with their role (partial ratio of at least 85 in a role label)."""
        return _ratio(self.posts_with_role, self.posts_total)

    @property
    def participation_recall(self) -> float:
        """Gold participations found as ``schema:attendee`` or ``schema:organizer``."""
        return _ratio(self.participation_found, self.participation_total)

    @property
    def participation_precision(self) -> float:
        """Attendee links of matched events that are gold participations."""
        return _precision(self.participation_correct, self.participation_output, self.participation_total)

    @property
    def participation_f1(self) -> float:
        """The harmonic mean of participation precision and recall."""
        return _f1(self.participation_precision, self.participation_recall)

    @property
    def lesson_link_recall(self) -> float:
        """Gold lesson links (city learned from, event, examples) found on the matched lessons."""
        return _ratio(self.lesson_links_found, self.lesson_links_total)

    @property
    def entity_precision(self) -> float:
        """Micro precision over all kinds (0.0 when there is no output at all)."""
        output = sum(k.output for k in self.kinds.values())
        return sum(k.matched_output for k in self.kinds.values()) / output if output else 0.0

    @property
    def entity_recall(self) -> float:
        """Micro recall over all kinds."""
        return _ratio(sum(k.matched_gold for k in self.kinds.values()), sum(k.gold for k in self.kinds.values()))

    @property
    def entity_f1(self) -> float:
        """Micro F1 over all kinds, as the scorer's summary computes it."""
        return _f1(self.entity_precision, self.entity_recall)

    @property
    def relations_recall(self) -> float:
        """Posts, participation and lesson links found, over their gold totals together."""
        hits = self.posts_found + self.participation_found + self.lesson_links_found
        return _ratio(hits, self.posts_total + self.participation_total + self.lesson_links_total)

    def to_dict(self) -> dict:
        """The report as the reference scorer's JSON shows a document, values rounded to 3 decimals."""
        kinds = {
            name: {
                "precision": round(k.precision, 3),
                "recall": round(k.recall, 3),
                "f1": round(k.f1, 3),
                "counts": list(k.counts),
                "missed": list(k.missed),
                "spurious": list(k.spurious),
                "duplicates": k.duplicates,
            }
            for name, k in self.kinds.items()
        }
        return {
            "document": self.document,
            "graph": self.graph,
            "kinds": kinds,
            "relations": {
                "posts": {
                    "recall": round(self.posts_recall, 3),
                    "counts": [self.posts_found, self.posts_total],
                    "role_recall": round(self.post_role_recall, 3),
                    "missed": list(self.posts_missed),
                },
                "participation": {
                    "precision": round(self.participation_precision, 3),
                    "recall": round(self.participation_recall, 3),
                    "f1": round(self.participation_f1, 3),
                    "counts": [self.participation_found, self.participation_total,
                               self.participation_correct, self.participation_output],
                    "missed": list(self.participation_missed),
                },
                "lesson_links": {
                    "recall": round(self.lesson_link_recall, 3),
                    "counts": [self.lesson_links_found, self.lesson_links_total],
                },
            },
            "entities": {
                "precision": round(self.entity_precision, 3),
                "recall": round(self.entity_recall, 3),
                "f1": round(self.entity_f1, 3),
            },
            "relations_recall": round(self.relations_recall, 3),
        }


# -- scoring -------------------------------------------------------------------------------------


def evaluate(graph: Graph | Dataset, gold: dict) -> EvaluationReport:
    """Score an extracted graph against a gold annotation, by the rules of ``shared/gold/FORMAT.md``.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The extracted graph; a ``Dataset`` is read whole, every named graph as one union.
    gold : dict
        A gold annotation as FORMAT.md describes it (``persons``, ``organisations``, ``cities``,
        ``programmes``, ``events``, ``lessons``, ``posts``, ``participation``, ``optional``).

    Returns
    -------
    EvaluationReport
        Precision, recall and F1 per kind and for all entities, the recall of posts, participation and
        lesson links, and what was missed, spurious or duplicated.

    Raises
    ------
    InputError
        ``gold`` is not a mapping.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''
    ...     @prefix schema: <https://schema.org/> .
    ...     <urn:x:1> a schema:Person ; schema:name "Dr. Hendra Saputra" .
    ...     <urn:x:2> a schema:Person ; schema:name "Budi" .''', format="turtle")
    >>> report = evaluate(g, {"persons": [{"name": "Hendra Saputra"}, {"name": "Sri Indah"}]})
    >>> report.kinds["persons"].counts, report.kinds["persons"].missed, report.kinds["persons"].spurious
    ((1, 2, 1, 2), ('Sri Indah',), ('Budi',))
    >>> round(report.entity_f1, 3)
    0.5
    """
    if not isinstance(gold, dict):
        raise InputError(f"a gold annotation is a JSON object (see FORMAT.md), not {type(gold).__name__}")
    out = _Extracted(graph)
    optional = gold.get("optional") or {}
    nodes = out.nodes_of_kinds()
    kinds: dict[str, KindScore] = {}
    assigned: dict[str, dict[Node, int]] = {}
    for kind in KINDS:
        kinds[kind], assigned[kind] = _score_kind(out, kind, nodes[kind], gold.get(kind) or [],
                                                  optional.get(kind) or [])
    links = _Links(out, gold, assigned)
    posts = _score_posts(out, gold.get("posts") or [], links)
    participation = _score_participation(out, gold, nodes["events"], links)
    lesson_links = _score_lesson_links(out, gold.get("lessons") or [], links)
    return EvaluationReport(
        document=gold.get("document"),
        kinds=kinds,
        posts_found=posts[0],
        posts_with_role=posts[1],
        posts_total=posts[2],
        posts_missed=tuple(posts[3]),
        participation_found=participation[0],
        participation_total=participation[1],
        participation_correct=participation[2],
        participation_output=participation[3],
        participation_missed=tuple(participation[4]),
        lesson_links_found=lesson_links[0],
        lesson_links_total=lesson_links[1],
    )


def _score_kind(
    out: _Extracted, kind: str, nodes: list[Node], items: list, optional: list
) -> tuple[KindScore, dict[Node, int]]:
    """Assign each node to its best gold item; returns the score and the assignment."""
    names = [_names_of(item) for item in items]
    optional_names = [n for item in optional for n in _names_of(item)]
    assignment: dict[Node, int] = {}
    claimed: set[int] = set()
    spurious: list[str] = []
    duplicates = 0
    for node in nodes:
        labels = out.labels(node)
        if kind == "events":
            scores = [_event_score(out, node, item) for item in items]
        elif kind == "lessons":
            scores = [_lesson_score(out, node, item) for item in items]
        else:
            scores = [_best(labels, item_names) for item_names in names]
        top = max(scores, default=0)
        if top < MATCH_THRESHOLD:
            # Optional names are neither rewarded nor penalised.
            if not any(_matches(labels, [name]) for name in optional_names):
                spurious.append(labels[0] if labels else str(node))
            continue
        index = scores.index(top)  # ties go to the first gold item
        duplicates += index in claimed
        claimed.add(index)
        assignment[node] = index
    score = KindScore(
        kind=kind,
        matched_gold=len(claimed),
        gold=len(items),
        matched_output=len(assignment) - duplicates,
        output=len(assignment) + len(spurious),
        duplicates=duplicates,
        missed=tuple(_first_name(item) for i, item in enumerate(items) if i not in claimed),
        spurious=tuple(spurious),
    )
    return score, assignment


class _Links:
    """From a gold name to the output nodes matched to that gold entity."""

    def __init__(self, out: _Extracted, gold: dict, assigned: dict[str, dict[Node, int]]) -> None:
        self.out, self.gold, self.assigned = out, gold, assigned

    def gold_index(self, kind: str, name: str) -> int | None:
        scores = [_best([name], _names_of(item)) for item in self.gold.get(kind) or []]
        top = max(scores, default=0)
        return scores.index(top) if top >= MATCH_THRESHOLD else None

    def nodes(self, kind: str, name: str) -> set[Node]:
        index = self.gold_index(kind, name)
        if index is None:
            return set()
        return {node for node, i in self.assigned[kind].items() if i == index}

    def agents(self, name: str) -> set[Node]:
        return self.nodes("persons", name) | self.nodes("organisations", name) | self.nodes("programmes", name)


def _score_posts(out: _Extracted, posts: list[dict], links: _Links) -> tuple[int, int, int, list[str]]:
    """(found, found with role, total, missed): a membership of the person in the organisation."""
    memberships = out.typed(_ORG.Membership)
    found_total = role_total = 0
    missed: list[str] = []
    for post in posts:
        person_nodes = links.nodes("persons", post["person"])
        organisation, role = post.get("organisation"), post.get("role")
        found = with_role = False
        for membership in memberships:
            if not set(out.objects(membership, _ORG.member)) & person_nodes:
                continue
            if not _organisation_agrees(out, out.objects(membership, _ORG.organization), organisation, links):
                continue
            role_ok = role is None or any(
                fuzz.partial_ratio(_normalise(role), _normalise(label)) >= _ROLE_THRESHOLD
                for label in _role_labels(out, membership)
            )
            if organisation is None and not role_ok:
                continue  # with no organisation to check, the role is what identifies the post
            found = True
            with_role = with_role or role_ok
        found_total += found
        role_total += found and with_role
        if not found:
            missed.append(f"{post['person']} @ {organisation} ({role})")
    return found_total, role_total, len(posts), missed


def _organisation_agrees(out: _Extracted, organisations: list[Node], name: str | None, links: _Links) -> bool:
    if name is None:
        return True
    if set(organisations) & links.agents(name):
        return True
    return bool(name) and any(_matches(out.labels(o), [name]) for o in organisations)


def _role_labels(out: _Extracted, membership: Node) -> list[str]:
    roles = out.objects(membership, _ORG.role) + out.objects_local(membership, "post")
    return [label for r in roles for label in out.labels(r)] + out.labels(membership)


def _score_participation(
    out: _Extracted, gold: dict, events: list[Node], links: _Links
) -> tuple[int, int, int, int, list[str]]:
    """(found, total, correct, output, missed); attendees or organisers for recall, attendees for precision."""
    participation = gold.get("participation") or []
    linked: set[tuple[Node, Node]] = set()
    attending: set[tuple[Node, Node]] = set()
    for event in events:
        for agent in out.objects(event, *(s.attendee for s in _SCHEMA)):
            linked.add((event, agent))
            attending.add((event, agent))
        for agent in out.objects(event, *(s.organizer for s in _SCHEMA)):
            linked.add((event, agent))
    found = 0
    missed: list[str] = []
    for p in participation:
        event_nodes, agent_nodes = links.nodes("events", p["event"]), links.agents(p["agent"])
        if any((e, a) in linked for e in event_nodes for a in agent_nodes):
            found += 1
        else:
            missed.append(f"{p['agent']} -> {p['event']}")
    # Precision: an attendee link of a matched event whose agent's labels name a gold participant of it
    # (by the name written in the participation, or any name of the gold entity that name stands for).
    gold_pairs = {(links.gold_index("events", p["event"]), p["agent"]) for p in participation}
    agent_items = [item for k in ("persons", "organisations", "programmes") for item in gold.get(k) or []]
    agent_names = {
        agent: [agent, *(n for item in agent_items if name_score(agent, _first_name(item)) >= MATCH_THRESHOLD
                         for n in _names_of(item))]
        for _, agent in gold_pairs
    }
    correct = output = 0
    for event, agent in attending:
        if event not in links.assigned["events"]:
            continue
        event_index = links.assigned["events"][event]
        output += 1
        labels = out.labels(agent)
        if any(index == event_index and _matches(labels, agent_names[name]) for index, name in gold_pairs):
            correct += 1
    return found, len(participation), correct, output, missed


def _score_lesson_links(out: _Extracted, lessons: list[dict], links: _Links) -> tuple[int, int]:
    """(found, total) over each gold lesson's city learned from, event and examples."""
    found = total = 0
    for index, lesson in enumerate(lessons):
        nodes = {node for node, i in links.assigned["lessons"].items() if i == index}
        checks: list[bool] = []
        if lesson.get("learned_from"):
            checks.append(any(_matches(out.labels(city), [lesson["learned_from"]])
                              for node in nodes for city in out.objects_local(node, "learnedFrom")))
        if lesson.get("event"):
            events = links.nodes("events", lesson["event"])
            checks.append(any(set(out.objects(node, PROV.wasGeneratedBy)) & events
                              or set(out.objects_local(node, "learnedAt")) & events for node in nodes))
        for example in lesson.get("examples") or []:
            programmes = links.nodes("programmes", example)
            checks.append(any(set(out.objects_local(node, "exemplifiedBy")) & programmes for node in nodes))
        total += len(checks)
        found += sum(checks)
    return found, total


# -- several documents ---------------------------------------------------------------------------


def summarise(reports: Sequence[EvaluationReport]) -> dict:
    """Micro-average reports over documents, as the reference scorer's summary does.

    Parameters
    ----------
    reports : sequence of EvaluationReport
        One report per document.

    Returns
    -------
    dict
        ``{"entities": {"precision", "recall", "f1"}, "relations_recall": float,
        "per_kind": {kind: {"precision", "recall", "f1"}}}``, values rounded to 3 decimals.

    Examples
    --------
    >>> a = EvaluationReport("a.txt", {"persons": KindScore("persons", 1, 2, 1, 1)}, posts_found=1, posts_total=1)
    >>> b = EvaluationReport("b.txt", {"persons": KindScore("persons", 2, 2, 2, 3)})
    >>> summarise([a, b])
    {'entities': {'precision': 0.75, 'recall': 0.75, 'f1': 0.75}, 'relations_recall': 1.0, \
'per_kind': {'persons': {'precision': 0.75, 'recall': 0.75, 'f1': 0.75}}}
    """
    totals: dict[str, list[int]] = {}
    for report in reports:
        for kind, score in report.kinds.items():
            row = totals.setdefault(kind, [0, 0, 0, 0])
            for i, count in enumerate(score.counts):
                row[i] += count
    per_kind = {}
    for kind, (matched_gold, n_gold, matched_output, n_output) in totals.items():
        precision = _precision(matched_output, n_output, n_gold)
        recall = _ratio(matched_gold, n_gold)
        per_kind[kind] = {"precision": round(precision, 3), "recall": round(recall, 3),
                          "f1": round(_f1(precision, recall), 3)}
    matched_gold, n_gold, matched_output, n_output = (sum(row[i] for row in totals.values()) for i in range(4))
    recall = _ratio(matched_gold, n_gold)
    precision = matched_output / n_output if n_output else 0.0
    hits = sum(r.posts_found + r.participation_found + r.lesson_links_found for r in reports)
    total = sum(r.posts_total + r.participation_total + r.lesson_links_total for r in reports)
    return {
        "entities": {"precision": round(precision, 3), "recall": round(recall, 3),
                     "f1": round(_f1(precision, recall), 3)},
        "relations_recall": round(_ratio(hits, total), 3),
        "per_kind": per_kind,
    }


def format_report(report: EvaluationReport) -> str:
    """Render a report as a readable table: a row per kind, then relations, then what was missed.

    Parameters
    ----------
    report : EvaluationReport
        The report of one document.

    Returns
    -------
    str
        Lines without a final newline. Counts are ``matched/total`` for gold and output.

    Examples
    --------
    >>> print(format_report(EvaluationReport("a.txt", {"persons": KindScore("persons", 1, 2, 1, 1, 0, ("Tri",))})))
    == a.txt
    kind                P      R     F1   gold  output  dup
    persons         1.000  0.500  0.667    1/2     1/1    0
    entities        1.000  0.500  0.667    1/2     1/1    0
    posts                  1.000           0/0
    participation   1.000  1.000  1.000    0/0     0/0
    lesson links           1.000           0/0
    relations              1.000
    missed   persons: Tri
    """
    header = f"== {report.document or '(no document)'}" + (f"  [{report.graph}]" if report.graph else "")
    lines = [header, f"{'kind':14s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s} {'output':>7s} {'dup':>4s}"]

    def row(name: str, p: float, r: float, f: float, gold: str, output: str, dup: int) -> str:
        return f"{name:14s} {p:6.3f} {r:6.3f} {f:6.3f} {gold:>6s} {output:>7s} {dup:4d}"

    for kind, k in report.kinds.items():
        lines.append(row(kind, k.precision, k.recall, k.f1, f"{k.matched_gold}/{k.gold}",
                         f"{k.matched_output}/{k.output}", k.duplicates))
    kinds = report.kinds.values()
    lines.append(row("entities", report.entity_precision, report.entity_recall, report.entity_f1,
                     f"{sum(k.matched_gold for k in kinds)}/{sum(k.gold for k in kinds)}",
                     f"{sum(k.matched_output for k in kinds)}/{sum(k.output for k in kinds)}", report.duplicates))
    lines.append(f"{'posts':14s} {'':6s} {report.posts_recall:6.3f} {'':6s} "
                 f"{f'{report.posts_found}/{report.posts_total}':>6s}"
                 + (f"  role {report.post_role_recall:.3f}" if report.posts_total else ""))
    lines.append(f"{'participation':14s} {report.participation_precision:6.3f} {report.participation_recall:6.3f} "
                 f"{report.participation_f1:6.3f} {f'{report.participation_found}/{report.participation_total}':>6s} "
                 f"{f'{report.participation_correct}/{report.participation_output}':>7s}")
    lines.append(f"{'lesson links':14s} {'':6s} {report.lesson_link_recall:6.3f} {'':6s} "
                 f"{f'{report.lesson_links_found}/{report.lesson_links_total}':>6s}")
    lines.append(f"{'relations':14s} {'':6s} {report.relations_recall:6.3f}")
    for kind, k in report.kinds.items():
        if k.missed:
            lines.append(f"missed   {kind}: " + "; ".join(k.missed))
        if k.spurious:
            lines.append(f"spurious {kind}: " + "; ".join(k.spurious))
    if report.posts_missed:
        lines.append("missed   posts: " + "; ".join(report.posts_missed))
    if report.participation_missed:
        lines.append("missed   participation: " + "; ".join(report.participation_missed))
    return "\n".join(lines)


# -- the command's body ----------------------------------------------------------------------------


def evaluate_stored(graph_location: str, gold_paths: list[str]) -> list[EvaluationReport]:
    """Score a stored graph against gold annotation files, one report per gold annotation.

    With one gold file the graph is read whole, unless it holds several documents and one of them has the
    gold's name; with several gold files each is scored against the named graph of its document (a
    document whose identity ends with the gold's ``"document"``), or the whole graph when it holds just
    that document. A gold file whose document is not in the graph is scored against an empty graph.

    Parameters
    ----------
    graph_location : str
        A graph directory or ``.trig``/``.nq`` file, opened with :func:`jejaring.graph.store.open_graph`.
    gold_paths : list of str
        Gold annotation files (JSON, ``shared/gold/FORMAT.md``), or folders standing for the gold annotations in
        them (their ``.json`` files with a ``"document"``).

    Raises
    ------
    InputError
        A gold file cannot be read, is not valid JSON or lacks ``"document"``; or its name fits several
        documents of the graph.
    GraphLocationError
        The graph does not exist.
    """
    from jejaring.graph.store import open_graph

    if not gold_paths:
        raise InputError("give at least one gold annotation file (JSON, see FORMAT.md)")
    golds = [(path, _read_gold(path)) for given in gold_paths for path in _gold_files(given)]
    with open_graph(graph_location, create=False) as kg:
        return _score(kg, golds)  # its rdflib views are gone when the store closes, and so is its lock


def render(reports: list[EvaluationReport], as_json: bool = False) -> str:
    """The reports as text (a table per document, then the totals) or as JSON in the reference scorer's shape
    (``{"summary": ..., "documents": [...]}``)."""
    summary = summarise(reports)
    if as_json:
        return json.dumps({"summary": summary, "documents": [r.to_dict() for r in reports]},
                          indent=1, ensure_ascii=False)
    entities = summary["entities"]
    return "\n\n".join(format_report(r) for r in reports) + (
        f"\n\nentities P={entities['precision']:.3f} R={entities['recall']:.3f} F1={entities['f1']:.3f}; "
        f"relations recall={summary['relations_recall']:.3f}"
    )


def _score(kg, golds: list[tuple[str, dict]]) -> list[EvaluationReport]:
    """One report per gold annotation, each against its document's graph in ``kg``."""
    dataset = kg.dataset()
    identities = [d.identity for d in kg.documents()]
    reports = []
    for path, gold in golds:
        graph, scope = _document_graph(dataset, identities, gold["document"], path, several=len(golds) > 1)
        reports.append(replace(evaluate(graph, gold), graph=scope))
    return reports


def _gold_files(path: str) -> list[str]:
    """A gold file, or the gold annotations of a folder: its ``.json`` files but those that are JSON objects
    without a ``"document"`` (other annotations, such as ``entities.json``)."""
    if not Path(path).is_dir():
        return [path]
    found = []
    for file in sorted(Path(path).glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None  # _read_gold says what is wrong with it
        if not isinstance(data, dict) or "document" in data:
            found.append(str(file))
    if not found:
        raise InputError(f"{path}: no gold annotation (a .json file with a \"document\") in this folder")
    return found


def _read_gold(path: str) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the gold annotation: {getattr(e, 'strerror', None) or e}") from None
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: the gold annotation is not valid JSON (line {e.lineno}, column {e.colno}: "
                         f"{e.msg})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("document"), str) or not gold["document"]:
        raise InputError(f'{path}: a gold annotation is a JSON object with a "document" field naming its '
                         "document (see FORMAT.md)")
    return gold


def _document_graph(
    dataset: Dataset, identities: list[str], name: str, path: str, *, several: bool
) -> tuple[Graph | Dataset, str | None]:
    """The graph to score one gold against, and a description of it for the report."""
    from jejaring.ontology.namespaces import document_iri

    fitting = [i for i in identities if i == name or i.endswith("/" + name)]
    if fitting and len(identities) == 1:
        return dataset, "whole graph"
    if len(fitting) == 1:
        return dataset.graph(document_iri(fitting[0])), f"document {fitting[0]}"
    if len(fitting) > 1:
        raise InputError(f"{path}: the document {name!r} fits several documents of the graph "
                         f"({', '.join(fitting)}); name it by its full identity in the gold file")
    if not several:
        return dataset, "whole graph"
    return Graph(), f"no document {name} in the graph: scored as empty"
