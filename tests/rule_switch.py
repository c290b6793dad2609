"""A pytest plugin that switches extraction rules off for a whole test run: the lever of the rule ablation.

Load it with ``-p tests.rule_switch`` (from the repository's root, ``python -m pytest``) and name the rules in
``JEJARING_DISABLE_RULES``, comma-separated: every extraction of the run leaves them out, as
``extract_document(..., disabled_rules=[...])`` would, because every :class:`~jejaring.ingest.findings.Findings`
made in this process adds them to its ``disabled`` set. Extractions in worker processes (``--jobs``) start from a
fresh interpreter and keep every rule. With ``JEJARING_RULE_SWITCH_REPORT=<file>`` the node id of each failing
test (or of a file that failed to collect) is appended to that file, one a line. ``benchmarks/rule_ablation.py``
runs the suite once per rule this way.
"""

from __future__ import annotations

import os

import pytest

DISABLE = "JEJARING_DISABLE_RULES"
REPORT = "JEJARING_RULE_SWITCH_REPORT"


def switched_off() -> frozenset[str]:
    """The rules ``JEJARING_DISABLE_RULES`` names."""
    return frozenset(r.strip() for r in os.environ.get(DISABLE, "").split(",") if r.strip())


def pytest_configure(config: pytest.Config) -> None:
    rules = switched_off()
    if not rules:
        return
    from jejaring.ingest.findings import Findings
    from jejaring.ingest.pipeline import DEFAULT_PIPELINE  # noqa: F401  (registers the components and their rules)
    from jejaring.ingest.registry import rule_ids

    unknown = sorted(rules - set(rule_ids()))
    if unknown:
        raise pytest.UsageError(f"{DISABLE} names rules no component has: {', '.join(unknown)}")
    original = Findings.__post_init__

    def post_init(self: Findings) -> None:
        original(self)
        self.disabled = self.disabled | rules

    Findings.__post_init__ = post_init
    config.stash[_ORIGINAL] = original


def pytest_unconfigure(config: pytest.Config) -> None:
    original = config.stash.get(_ORIGINAL, None)
    if original is not None:
        from jejaring.ingest.findings import Findings

        Findings.__post_init__ = original


def pytest_report_header(config: pytest.Config) -> str | None:
    rules = switched_off()
    return f"extraction rules switched off: {', '.join(sorted(rules))}" if rules else None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed:
        _record(report.nodeid)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        _record(report.nodeid or "<collection>")


def _record(nodeid: str) -> None:
    path = os.environ.get(REPORT)
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(nodeid + "\n")


_ORIGINAL = pytest.StashKey[object]()
