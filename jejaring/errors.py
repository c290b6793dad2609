"""Errors a user can cause or fix, each with the exit code the CLI reports.

Exit codes: 0 done; 1 the command ran and found problems; 2 the input could not be used.
Raised deep in the API, caught once in the click group (``jejaring.cli``).
"""

from __future__ import annotations

__all__ = [
    "CurationError",
    "DocumentError",
    "GraphLocationError",
    "InputError",
    "JejaringError",
    "LexiconError",
    "NetworkError",
    "QueryError",
    "QueryMemoryError",
    "QueryTimeout",
    "StoreWriteError",
    "ValidationFailed",
]


class JejaringError(Exception):
    """Base of every error jejaring reports to a user (exit code 1)."""

    exit_code = 1


class InputError(JejaringError):
    """The input could not be used: a malformed file, option value or query (exit code 2)."""

    exit_code = 2


class DocumentError(InputError):
    """A document cannot be read: missing, empty, binary, unsupported or malformed."""


class LexiconError(InputError):
    """A lexicon file has a malformed row or an unknown column."""


class GraphLocationError(InputError):
    """A graph location is neither a directory, a dataset file (.trig, .nq) nor a SPARQL endpoint URL."""


class QueryError(InputError):
    """A SPARQL query does not parse, or names an unknown library query or parameter."""


class QueryTimeout(JejaringError):
    """A query ran past its time limit and was stopped (exit code 1)."""


class QueryMemoryError(JejaringError):
    """A query needed more memory than its worker may use (``max_memory``) and was stopped (exit code 1)."""


class CurationError(InputError):
    """A curation command names an entity that does not exist or is ambiguous."""


class StoreWriteError(JejaringError):
    """The store could not be written (a full disk, no permission); every document in it is still whole."""


class ValidationFailed(JejaringError):
    """The graph does not conform to the SHACL shapes (exit code 1)."""


class NetworkError(InputError):
    """A network view cannot be made as asked: an unknown view, measure or colouring, a malformed date
    window, or a focus entity that is not in the view."""
