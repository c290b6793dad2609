"""Shared fixtures: the project's example data and the shared reference material beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def curated_dir() -> Path:
    """The folder of hand-curated example facts (YAML and CSV)."""
    return EXAMPLES / "curated"


@pytest.fixture
def shared() -> Path:
    """``../shared`` beside the repository (reference document, gold, scorer); skip when absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (reference corpus and gold) is not beside the repository")
    return SHARED
