"""The components that link mentions into entities and facts: posts held, events, lessons, statements, participation.

Importing the package registers them (see :mod:`jejaring.ingest.registry`).
"""

from jejaring.ingest.relate import entities, events, lessons, memberships, participation, statements

__all__ = ["entities", "events", "lessons", "memberships", "participation", "statements"]
