"""Names the command line lists before it loads networkx: the network views."""

from __future__ import annotations

__all__ = ["VIEWS"]

#: The network views :func:`jejaring.graph.views.project.project` makes and the network formats export.
VIEWS = ("stakeholders", "participation", "lessons", "full")
