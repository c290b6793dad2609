"""The registry of extraction components: each registered by name, with what it reads, what it sets, its rules.

A component is a function of the :class:`~jejaring.ingest.findings.Findings` of one document: it reads what
the document, the lexicon and earlier components give, and sets the fields it declares (``assigns``), as a
spaCy component sets the attributes it declares. The pipeline is an ordered list of names
(:data:`jejaring.ingest.pipeline.DEFAULT_PIPELINE`); :func:`check_pipeline` tells, before any work, when a
component would run before what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jejaring.errors import InputError

__all__ = ["COMPONENTS", "Component", "check_pipeline", "component", "rule_ids"]


@dataclass(frozen=True)
class Component:
    """One step of extraction.

    Attributes
    ----------
    name
        The name the pipeline lists it by.
    func
        ``func(findings) -> None``; sets the fields named in ``assigns``.
    requires
        Fields of the findings that earlier components must have set.
    assigns
        Fields it sets.
    rules
        The rule ids its spans and facts carry as evidence (``jj:rule``).
    """

    name: str
    func: Callable
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    rules: tuple[str, ...]


#: Every component, by name.
COMPONENTS: dict[str, Component] = {}


def component(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
              rules: Iterable[str] = ()) -> Callable[[Callable], Callable]:
    """Register the decorated function as the component ``name``."""

    def register(func: Callable) -> Callable:
        if name in COMPONENTS:
            raise ValueError(f"a component named {name!r} is registered already")
        COMPONENTS[name] = Component(name, func, tuple(requires), tuple(assigns), tuple(rules))
        return func

    return register


def check_pipeline(names: Iterable[str]) -> list[Component]:
    """The components of a pipeline, in order.

    Raises
    ------
    InputError
        A name is not registered, or a component needs a field that no earlier component sets.
    """
    chosen, set_so_far = [], set()
    for name in names:
        if name not in COMPONENTS:
            raise InputError(f"no extraction component is named {name!r}; known: {', '.join(sorted(COMPONENTS))}")
        step = COMPONENTS[name]
        missing = [r for r in step.requires if r not in set_so_far]
        if missing:
            raise InputError(f"the component {name!r} needs {', '.join(missing)}, which no earlier component sets")
        set_so_far.update(step.assigns)
        chosen.append(step)
    return chosen


def rule_ids() -> dict[str, str]:
    """Every rule id, with the component that owns it."""
    return {rule: c.name for c in COMPONENTS.values() for rule in c.rules}
