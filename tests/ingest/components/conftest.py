"""What the component tests share: the shipped lexicon, loaded once per module, and a hand-built document."""

from __future__ import annotations

import pytest

from jejaring.ingest.document import Document
from jejaring.ingest.lexicon import load_lexicon
from jejaring.ingest.pipeline import extract_document


@pytest.fixture(scope="module")
def extract():
    """``extract(text, language="id", pipeline=None, disabled_rules=())``: the extraction of one short document."""
    lexicon = load_lexicon()

    def run(text: str, language: str = "id", **options):
        return extract_document(Document("x.txt", text, language=language), lexicon, **options)

    return run
