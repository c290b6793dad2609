"""Extractions (and corpus resolutions) kept on disk, so that ingesting one more document does not
extract, nor resolve, the corpus again.

Extraction is a function of a document's text, its identity, the lexicon and the extraction code; the
key of a cached extraction covers all four, so an entry is never stale, only unused. A resolution's key
covers the extraction keys of its corpus and the curated decisions. The cache lives in
``$JEJARING_CACHE`` (``off`` turns it off), else ``$XDG_CACHE_HOME/jejaring/extractions``, else
``~/.cache/jejaring/extractions``; deleting it loses nothing but time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from jejaring.ingest.lexicon import Lexicon

__all__ = ["cache_dir", "code_fingerprint", "extraction_key", "load_cached", "resolution_key", "save_cached"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where extractions are cached, or None when ``JEJARING_CACHE=off``."""
    configured = os.environ.get("JEJARING_CACHE")
    if configured:
        return None if configured.lower() in ("off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jejaring" / "extractions"


@cache
def code_fingerprint() -> str:
    """A hash of the code and shipped lexicon that extraction runs: any change to them changes every key."""
    digest = hashlib.sha256()
    root = resources.files("jejaring.ingest")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.suffix in (".py", ".tsv", ".txt", ".crfsuite") and path.is_file():
            digest.update(path.relative_to(Path(str(root))).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def extraction_key(identity: str, sha256: str, lexicon: Lexicon) -> str:
    """The cache key of a document's extraction: identity, text hash, lexicon and code."""
    parts = (code_fingerprint(), lexicon.fingerprint, identity, sha256)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def resolution_key(extraction_keys: Iterable[str], decisions: str) -> str:
    """The cache key of a corpus resolution: its documents' extraction keys and the curated decisions."""
    return hashlib.sha256("\0".join(["resolution", decisions, *sorted(extraction_keys)]).encode()).hexdigest()


def load_cached(key: str, kind: type[T]) -> T | None:
    """The cached ``kind`` under ``key``, or None (not cached, cache off, or an unreadable entry)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / key[:2] / key, "rb") as fh:
            found = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return found if isinstance(found, kind) else None


def save_cached(key: str, value: object) -> None:
    """Cache an extraction or a resolution (atomically: a reader sees the whole entry or none); a cache
    that cannot be written is skipped silently, it only costs time."""
    folder = cache_dir()
    if folder is None:
        return
    tmp = None
    try:
        target = folder / key[:2]
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target / key)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
