"""The extraction pipeline: a document through an ordered list of named components, into one :class:`Extraction`.

Components that find mentions live in :mod:`jejaring.ingest.mentions` (wrapping the extractors of ``extract/``),
those that link them into entities and facts in :mod:`jejaring.ingest.relate`; each is registered by name in
:mod:`jejaring.ingest.registry`. Python code can run a subset or another order:
``extract_document(doc, lexicon, pipeline=["places", "entities"])``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jejaring.ingest import mentions, relate  # noqa: F401  (registers the components)
from jejaring.ingest.document import Document
from jejaring.ingest.extract.context import Context
from jejaring.ingest.findings import Findings
from jejaring.ingest.lexicon import Lexicon
from jejaring.ingest.records import Extraction
from jejaring.ingest.registry import check_pipeline

__all__ = ["DEFAULT_PIPELINE", "extract_document"]

#: The components, in the order they run by default.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "recognise", "places", "lessons", "events", "programmes", "organisations", "settle", "acronyms",
    "recognised-organisations", "posts", "persons", "headline", "event-groups", "entities", "memberships",
    "represented", "unit-parents", "event-nodes", "lesson-nodes", "statements", "participation", "adoption",
    "person-sectors",
)


def extract_document(doc: Document, lexicon: Lexicon, pipeline: Sequence[str] | None = None,
                     disabled_rules: Iterable[str] = ()) -> Extraction:
    """Run the extraction components over a document and return its entities, facts and evidence.

    Parameters
    ----------
    doc
        The cleaned document.
    lexicon
        Domain knowledge: agencies, acronyms, posts, honorifics, places and cue words.
    pipeline
        The names of the components to run, in order (default :data:`DEFAULT_PIPELINE`).
    disabled_rules
        Rule ids (see :func:`jejaring.ingest.registry.rule_ids`) whose mentions and facts are left out.

    Raises
    ------
    InputError
        A component is unknown or would run before what it needs.

    Examples
    --------
    >>> from jejaring.ingest.document import Document
    >>> from jejaring.ingest.lexicon import load_lexicon
    >>> doc = Document("note.txt", "Kunjungan ke Surabaya berlangsung pada 3 Mei 2019.")
    >>> [e.name for e in extract_document(doc, load_lexicon(), ["places", "entities"]).entities.values()]
    ['Kota Surabaya']
    """
    findings = Findings(Context(doc, lexicon), frozenset(disabled_rules))
    for step in check_pipeline(DEFAULT_PIPELINE if pipeline is None else pipeline):
        step.func(findings)
    return findings.extraction
