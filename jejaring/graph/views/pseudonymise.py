"""Pseudonyms for persons who hold no public post, in exports and network views meant to be shared.

Who keeps their name
    A person *holds a public post* when one of their memberships (``org:Membership``) is in an organisation of
    the government sector (as the network views reckon sectors) and its post title is one the lexicon of posts
    marks public (the ``public`` column of ``ingest/lexicon/{id,en}/posts.tsv``: Gubernur, Wali Kota, Lurah,
    Kepala (Dinas, Bidang ...), Asisten Deputi, Governor, Mayor, Head of ...). The longest title a post begins
    with decides, so "Staf Khusus Gubernur" is special staff, not a governor. Everyone else (staff, members,
    participants, youth representatives, people of NGOs, companies and universities, persons with no known
    post) gets a pseudonym.

The pseudonym
    ``Person`` and ten hex digits of an HMAC-SHA-256 of the person's IRI, and the IRI ``jjid:person/p-<digits>``:
    the same person has the same pseudonym in every run, export format and network view. Without a ``key``
    anyone can hash a guessed name's IRI and compare; with a secret key they cannot.

What is replaced
    Every name of the person (``schema:name``, ``rdfs:label``, ``skos:*Label``, ``foaf:name``,
    ``schema:alternateName`` ...) and their IRI (and IRIs it retired). In every text (evidence quotes with their
    prefix and suffix, statements, titles, labels of other nodes, tooltips), each of those names becomes the
    pseudonym, and so does each word of them on its own ("Pak Wicaksono") unless it is a stopword, a word of a
    public person's name or of another entity's name; a word shared by several pseudonymised persons becomes
    ``[name]``. Spellings the extractor did not record are caught too: a capitalised word (or run of words) that
    reads as a name once OCR and old-spelling confusions are folded (``I``/``l``/``1``, ``0``/``o``, ``rn``/``m``,
    ``q``/``g``, ``j``/``y``, ``oe``/``u`` ...: "BaIlo" for "Ballo", "Wachju" for "Wachyu"), and, at the cut ends
    of an evidence quote's prefix and suffix, a piece of a name word ("...arharum" of "Sunarharum").
    RDF exports also drop the documents' full texts (``schema:text`` in the meta graph): they may
    name persons the extractor did not recognise. Text offsets (``oa:start``/``oa:end``) then point into texts
    that are not shipped. Names the extractor did not recognise as persons are not replaced anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from jejaring.errors import NetworkError
from jejaring.graph.store.base import union_update
from jejaring.graph.store.local import KnowledgeGraph
from jejaring.graph.store.meta import META_GRAPH
from jejaring.graph.views.queries import view_query
from jejaring.ingest.lexicon import Lexicon, load_lexicon, normalise
from jejaring.ontology.namespaces import ID, LABEL_PREDICATES, PREFIXES, SCHEMA

__all__ = [
    "PUBLIC_SECTOR",
    "SHARED_WORD",
    "Pseudonyms",
    "fold_spelling",
    "is_public_title",
    "pseudonymise_graph",
    "pseudonymise_network",
    "public_persons",
    "read_pseudonyms",
]

#: The sector whose organisations hold public posts.
PUBLIC_SECTOR = "government"
#: Stands for a word shared by the names of several pseudonymised persons.
SHARED_WORD = "[name]"

#: Every label, and the parts of a person's name, which name them as well.
_NAME_PROPS = (*LABEL_PREDICATES, SCHEMA.givenName, SCHEMA.familyName)
_NAME_IRIS = frozenset(map(str, _NAME_PROPS))
_RDF_TYPE = str(PREFIXES["rdf"]) + "type"
_SAME_AS = str(PREFIXES["owl"]) + "sameAs"
_SCHEMA_NAME = ox.NamedNode(str(PREFIXES["schema"]) + "name")
_TEXT = str(PREFIXES["schema"]) + "text"
_STRING_TYPES = frozenset({str(PREFIXES["xsd"]) + "string", str(PREFIXES["rdf"]) + "langString"})
_WORD = re.compile(r"\w+")
_MIN_WORD = 3
#: A spelling is caught from this many letters (folded): "Ali" must not catch "All".
_MIN_SLIP = 4
#: A word cut by an evidence window is taken for a piece of a name from this many letters ("han" of "Kelurahan"
#: would otherwise be taken for a piece of "Farhan"; three letters give little away).
_MIN_PIECE = 4
#: Letter runs OCR reads one for another, and the old Indonesian spelling's digraphs (before 1972).
_CONFUSED_RUNS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("oe", "u"), ("dj", "j"), ("tj", "c"), ("ch", "kh"))
_CONFUSED_LETTERS = str.maketrans({"i": "l", "1": "l", "|": "l", "!": "l", "0": "o", "5": "s", "q": "g", "j": "y"})
_PREFIX_IRI = str(PREFIXES["oa"]) + "prefix"
_SUFFIX_IRI = str(PREFIXES["oa"]) + "suffix"


# -- who holds a public post ---------------------------------------------------------------------
def is_public_title(title: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a post title names a public office: the longest lexicon title it begins with is marked public.

    Examples
    --------
    >>> is_public_title("Kepala Bidang Pengendalian Banjir"), is_public_title("Head of the Planning Agency")
    (True, True)
    >>> is_public_title("Staf"), is_public_title("Staf Khusus Gubernur"), is_public_title("Youth Representative")
    (False, False, False)
    """
    words = normalise(title).split()
    for pattern, public in _titles(lexicon or load_lexicon()):
        if words[:len(pattern)] == pattern:
            return public
    return False


def public_persons(G: nx.Graph, lexicon: Lexicon | None = None) -> set[str]:
    """The persons of a stakeholders view (:func:`jejaring.graph.views.project.project`) who hold a public post.

    A membership edge counts when its organisation's ``sector`` is :data:`PUBLIC_SECTOR` and its ``role``
    is a public title (:func:`is_public_title`).

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("p:gov", kind="person"); G.add_node("p:staff", kind="person")
    >>> G.add_node("o:dinas", kind="organisation", sector="government")
    >>> _ = G.add_edge("p:gov", "o:dinas", relation="membership", role="Kepala Dinas")
    >>> _ = G.add_edge("p:staff", "o:dinas", relation="membership", role="Staf")
    >>> sorted(public_persons(G))
    ['p:gov']
    """
    lexicon = lexicon or load_lexicon()
    public = set()
    for u, v, data in G.edges(data=True):
        if data.get("relation") != "membership":
            continue
        person, org = (u, v) if G.nodes[u].get("kind") == "person" else (v, u)
        if G.nodes[org].get("sector") == PUBLIC_SECTOR and is_public_title(str(data.get("role") or ""), lexicon):
            public.add(person)
    return public


def _titles(lexicon: Lexicon) -> list[tuple[list[str], bool]]:
    """The lexicon's post titles as folded words, longest first."""
    titles = {tuple(normalise(p.pattern).split()): p.public for p in lexicon.post_patterns()}
    return sorted(((list(t), public) for t, public in titles.items() if t), key=lambda item: -len(item[0]))


# -- pseudonyms ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pseudonyms:
    """The pseudonyms of a graph's non-public persons and the replacements of their names in texts.

    ``iris`` maps each such person's IRI (and the IRIs it retired) to a pseudonymous IRI, ``names`` each
    person's IRI to its pseudonym; ``words`` maps name forms (tuples of lower-case words) to their replacement,
    or to None for a public person's name, which is left as it is.
    """

    iris: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    words: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    slips: dict[tuple[str, ...], str] = field(default_factory=dict)
    pieces: dict[str, str] = field(default_factory=dict)
    common: frozenset[str] = frozenset()

    def iri(self, iri: str) -> str:
        """The pseudonymous IRI of a pseudonymised person, any other IRI as it is."""
        return self.iris.get(iri, iri)

    def text(self, text: str) -> str:
        """``text`` with every name of a pseudonymised person replaced (longest name first).

        >>> p = Pseudonyms(words={("arif", "wicaksono"): "Person 1", ("wicaksono",): "Person 1", ("arif",): None})
        >>> p.text("Pak Wicaksono (Arif  Wicaksono) and Arif Lestiani")
        'Pak Person 1 (Person 1) and Arif Lestiani'
        """
        found = list(_WORD.finditer(text))
        longest = max(map(len, [*self.words, *self.slips]), default=0)
        out: list[str] = []
        last = i = 0
        while i < len(found):
            match = self._match(found, i, longest)
            if match is None:
                i += 1
                continue
            n, replacement = match
            if replacement is not None:
                out += [text[last:found[i].start()], replacement]
                last = found[i + n - 1].end()
            i += n
        return "".join(out) + text[last:]

    def _match(self, found: list[re.Match], i: int, longest: int) -> tuple[int, str | None] | None:
        """The longest name form at word ``i``: (its length in words, its replacement), or None."""
        for n in range(min(longest, len(found) - i), 0, -1):
            words = [m.group() for m in found[i:i + n]]
            key = tuple(w.lower() for w in words)
            if key in self.words:
                return n, self.words[key]
            if all(w[:1].isupper() for w in words):
                folded = tuple(fold_spelling(w) for w in words)
                if folded in self.slips:
                    return n, self.slips[folded]
        return None

    def window(self, text: str, *, cut_at_start: bool) -> str:
        """An evidence window (an ``oa:prefix``, cut at its start, or an ``oa:suffix``, cut at its end) with its
        names replaced, and the word at the cut too when it is a piece of a name word.

        >>> p = Pseudonyms(words={("sunarharum",): "Person 1"}, pieces={"sunarharum": "Person 1"})
        >>> p.window("arharum of the Secretariat. ", cut_at_start=True), p.window(" said Sunar", cut_at_start=False)
        ('Person 1 of the Secretariat. ', ' said Person 1')
        """
        text = self.text(text)
        words = list(_WORD.finditer(text))
        if not words:
            return text
        edge = words[0] if cut_at_start else words[-1]
        piece = fold_spelling(edge.group())
        if len(piece) < _MIN_PIECE or piece in self.common or (edge.group().lower(),) in self.words:
            return text
        owners = {name for word, name in self.pieces.items()
                  if (word.endswith(piece) if cut_at_start else word.startswith(piece))}
        if not owners:
            return text
        replacement = owners.pop() if len(owners) == 1 else SHARED_WORD
        return text[:edge.start()] + replacement + text[edge.end():]

    def value(self, value):
        """An attribute value with IRIs mapped and names replaced in every string (lists and sets too)."""
        if isinstance(value, str):
            return self.iris[value] if value in self.iris else self.text(value)
        if isinstance(value, list | tuple | set | frozenset):
            return type(value)(self.value(v) for v in value)
        return value


def read_pseudonyms(kg: KnowledgeGraph, *, key: str = "", lexicon: Lexicon | None = None) -> Pseudonyms:
    """The pseudonyms of every person of ``kg`` who holds no public post (see the module's docstring).

    Parameters
    ----------
    kg
        An open knowledge graph.
    key
        A secret that keys the pseudonyms' hash; the same key gives the same pseudonyms.
    lexicon
        The lexicon whose post titles say which posts are public (the shipped one by default).

    Raises
    ------
    NetworkError
        Two persons got the same pseudonym (change the key).
    """
    from jejaring.graph.views.project import project

    lexicon = lexicon or load_lexicon()
    G = project(kg, "stakeholders")
    persons = {n for n, kind in G.nodes(data="kind") if kind == "person"}
    public = public_persons(G, lexicon)
    hidden = sorted(persons - public)
    digests = {p: hmac.new(key.encode(), p.encode(), hashlib.sha256).hexdigest()[:10] for p in hidden}
    if len(set(digests.values())) < len(digests):
        raise NetworkError("two persons got the same pseudonym; set another JEJARING_PSEUDONYM_KEY")
    names = {p: f"Person {d}" for p, d in digests.items()}
    iris = {p: str(ID[f"person/p-{d}"]) for p, d in digests.items()}
    for row in kg.query(view_query("pseudonymise-same-as")):
        a, b = row["a"].value, row["b"].value
        for old, new in ((a, b), (b, a)):
            if new in iris and old not in persons:
                iris[old] = iris[new]
    forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    other_words: set[str] = set()
    for row in kg.query(view_query("pseudonymise-names"), {"p": _NAME_PROPS}):
        words = tuple(w.lower() for w in _WORD.findall(row["l"].value))
        if row["person"].value == "true" and row["s"].value in persons:
            forms[row["s"].value].add(words)
        else:
            other_words.update(words)
    common = other_words | lexicon.stopwords
    words = _replacements(forms, names, public, common)
    return Pseudonyms(iris, names, words, *_spellings(words, common), frozenset(map(fold_spelling, common)))


def fold_spelling(word: str) -> str:
    """A word with the letters that OCR and the old Indonesian spelling confuse made one, in lower case: two
    spellings of a name fold the same ("BaIlo" and "Ballo", "Wachju" and "Wachyu", "Soekarno" and "Sukarno").

    >>> fold_spelling("BaIlo") == fold_spelling("Ballo"), fold_spelling("Wachju") == fold_spelling("Wachyu")
    (True, True)
    >>> fold_spelling("Arnin") == fold_spelling("Amin"), fold_spelling("Maqatani") == fold_spelling("Magatani")
    (True, True)
    """
    word = word.lower()
    for a, b in _CONFUSED_RUNS:
        word = word.replace(a, b)
    return word.translate(_CONFUSED_LETTERS)


def _spellings(words: dict[tuple[str, ...], str | None], common: set[str]) -> tuple[dict, dict]:
    """The folded forms and words to be replaced (:attr:`Pseudonyms.slips`, :attr:`Pseudonyms.pieces`); none
    that folds like a form or word left as it is (a public person's, a common word, another entity's)."""
    kept = {tuple(fold_spelling(w) for w in form) for form, name in words.items() if name is None}
    kept |= {(fold_spelling(w),) for w in common}
    slips: dict[tuple[str, ...], str] = {}
    for form, name in words.items():
        folded = tuple(fold_spelling(w) for w in form)
        if name is None or folded in kept or sum(map(len, folded)) < _MIN_SLIP:
            continue
        slips[folded] = name if slips.get(folded, name) == name else SHARED_WORD
    pieces = {folded[0]: name for folded, name in slips.items() if len(folded) == 1}
    return slips, pieces


def _replacements(forms: dict[str, set[tuple[str, ...]]], names: dict[str, str], public: set[str],
                  common: set[str]) -> dict[tuple[str, ...], str | None]:
    """Name forms to their pseudonym; their words alone too, unless common or part of a public name."""
    keep = {f for p in public for f in forms.get(p, ())}
    keep |= {(w,) for f in keep for w in f}
    whole: dict[tuple[str, ...], str] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for person, name in names.items():
        for form in forms.get(person, ()):
            if any(len(w) >= _MIN_WORD for w in form):
                whole.setdefault(form, name)
            for w in form:
                if len(w) >= _MIN_WORD and w not in common:
                    owners[w].add(name)
    words: dict[tuple[str, ...], str | None] = {
        (w,): next(iter(who)) if len(who) == 1 else SHARED_WORD for w, who in owners.items()}
    words.update(whole)
    words.update(dict.fromkeys(keep))
    return words


# -- applying them -------------------------------------------------------------------------------
def pseudonymise_network(G: nx.Graph, pseudonyms: Pseudonyms) -> nx.Graph:
    """A copy of a network view with its non-public persons pseudonymised: the same shape, other ids and text.

    Node ids and ``iri`` attributes become pseudonymous IRIs, labels pseudonyms, and every other string
    attribute of nodes, edges and the graph has the names replaced (:meth:`Pseudonyms.text`).

    Examples
    --------
    >>> p = Pseudonyms({"jj:arif": "jj:p-1"}, {"jj:arif": "Person 1"}, {("arif", "wicaksono"): "Person 1"})
    >>> G = nx.Graph([("jj:arif", "jj:bpbd")], quote="Arif Wicaksono")
    >>> G.nodes["jj:arif"].update(label="Arif Wicaksono", iri="jj:arif")
    >>> H = pseudonymise_network(G, p)
    >>> sorted(H), H.nodes["jj:p-1"], H.graph
    (['jj:bpbd', 'jj:p-1'], {'label': 'Person 1', 'iri': 'jj:p-1'}, {'quote': 'Person 1'})
    """
    H = G.__class__()
    H.graph.update((k, pseudonyms.value(v)) for k, v in G.graph.items())
    for n, data in G.nodes(data=True):
        attrs = {k: pseudonyms.value(v) for k, v in data.items()}
        if n in pseudonyms.names:
            attrs["label"] = pseudonyms.names[n]
        H.add_node(pseudonyms.iri(n), **attrs)
    if G.is_multigraph():
        H.add_edges_from((pseudonyms.iri(u), pseudonyms.iri(v), k, {a: pseudonyms.value(x) for a, x in d.items()})
                         for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((pseudonyms.iri(u), pseudonyms.iri(v), {a: pseudonyms.value(x) for a, x in d.items()})
                         for u, v, d in G.edges(data=True))
    return H


def pseudonymise_graph(kg: KnowledgeGraph, pseudonyms: Pseudonyms) -> KnowledgeGraph:
    """An in-memory copy of ``kg`` with its non-public persons pseudonymised, for the RDF exports.

    Each such person keeps their types and links to other entities under a pseudonymous IRI; their names
    become one ``schema:name`` pseudonym in each graph that named them, and their other literals and external
    links (``schema:sameAs`` ...) go. Names are replaced in every other string literal; the documents' full
    texts (``schema:text`` in the meta graph) are left out. Named graphs are kept.
    """
    store = ox.Store()
    store.extend(sorted(_pseudonymised_quads(kg, pseudonyms), key=str))
    store.update(union_update())  # the union a triple format (Turtle, N-Triples, RDF/XML) writes
    return KnowledgeGraph(f"{kg.location} (pseudonymised)", store)


def _pseudonymised_quads(kg: KnowledgeGraph, pseudonyms: Pseudonyms) -> Iterator[ox.Quad]:
    meta = ox.NamedNode(str(META_GRAPH))
    for q in kg.quads():
        if q.graph_name == meta and q.predicate.value == _TEXT:
            continue
        subject = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
        if subject in pseudonyms.names and not _kept_link(q):
            if q.predicate.value in _NAME_IRIS:
                yield ox.Quad(_term(q.subject, pseudonyms), _SCHEMA_NAME, ox.Literal(pseudonyms.names[subject]),
                              q.graph_name)
            continue
        s, o = _term(q.subject, pseudonyms), _term(q.object, pseudonyms)
        if q.predicate.value == _SAME_AS and s == o:
            continue
        if q.predicate.value in (_PREFIX_IRI, _SUFFIX_IRI) and isinstance(q.object, ox.Literal):
            o = ox.Literal(pseudonyms.window(q.object.value, cut_at_start=q.predicate.value == _PREFIX_IRI))
        yield ox.Quad(s, q.predicate, o, q.graph_name)


def _kept_link(q: ox.Quad) -> bool:
    """A triple about a pseudonymised person that stays: a type, or a link to an entity of the graph."""
    return q.predicate.value == _RDF_TYPE or (isinstance(q.object, ox.NamedNode) and q.object.value.startswith(str(ID)))


def _term(term, pseudonyms: Pseudonyms):
    if isinstance(term, ox.NamedNode):
        return ox.NamedNode(pseudonyms.iri(term.value))
    if isinstance(term, ox.Literal) and term.datatype.value in _STRING_TYPES:
        text = pseudonyms.text(term.value)
        return ox.Literal(text, language=term.language) if term.language else ox.Literal(text)
    return term
