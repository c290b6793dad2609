"""The rule ablation: proof that every extraction rule is tested.

Usage::

    python benchmarks/rule_ablation.py                      # every rule of the registry (a few minutes)
    python benchmarks/rule_ablation.py --rules person-label,org-head --jobs 1
    python benchmarks/rule_ablation.py --all                # count every failing test, not just the first

For each rule id of :func:`jejaring.ingest.registry.rule_ids`, the extraction tests (``tests/ingest``) run once
with that rule switched off: ``python -m pytest tests/ingest -x -q -p no:cacheprovider -p tests.rule_switch`` with
``JEJARING_DISABLE_RULES=<rule>``, so every extraction in the test process leaves the rule's mentions and facts out
(``tests/rule_switch.py``), and ``JEJARING_CACHE=off`` (the suite's own conftest then caches in a fresh folder of
its session, so no extraction made with the rule on is reused). A rule is tested when some test fails without it;
``-x`` stops each run at its first failure. Tests that fail with every rule on (a baseline run first) are
deselected, and a failure counts only when the test, run again alone, fails again with the rule off and passes with
it on (a timing test that failed under load is set aside and the run made again without it), so neither passes for
proof. The table goes to standard output, progress to standard error; the exit status is 1 when a rule leaves every
test green (or a run could not be made), else 0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jejaring.ingest.pipeline import DEFAULT_PIPELINE
from jejaring.ingest.registry import rule_ids

ROOT = Path(__file__).resolve().parent.parent
TESTS = "tests/ingest"


@dataclass
class Outcome:
    """One run of the tests: the failing node ids (in order), pytest's exit status, and its last output lines."""

    failing: list[str]
    status: int
    seconds: float
    tail: str


def run_tests(rule: str | None, tests: list[str], stop_first: bool, deselect: list[str]) -> Outcome:
    """Run the tests (paths or node ids) in a fresh interpreter with ``rule`` switched off (None: every rule on)."""
    with tempfile.TemporaryDirectory(prefix="rule-ablation-") as work:
        report = Path(work) / "failing.txt"
        env = {**os.environ, "JEJARING_CACHE": "off", "JEJARING_RULE_SWITCH_REPORT": str(report),
               "JEJARING_DISABLE_RULES": rule or ""}
        cmd = [sys.executable, "-m", "pytest", *tests, "-q", "-p", "no:cacheprovider", "-p", "tests.rule_switch",
               *(["-x"] if stop_first else []), *(f"--deselect={node}" for node in deselect)]
        began = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - began
        failing = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
    return Outcome(list(dict.fromkeys(failing)), done.returncode, seconds, tail)


def ablate(rule: str, tests: str, stop_first: bool, deselect: list[str]) -> tuple[Outcome, list[str]]:
    """The run with ``rule`` switched off, and the tests set aside on the way.

    A failure counts only when the failing test, run again alone, fails again with the rule off and passes with
    it on: a test that failed under load (a timing test, with other runs in parallel) or that fails whatever the
    rule (the code changed under the run) is set aside and the run made again without it.
    """
    set_aside: list[str] = []
    for _ in range(3):
        outcome = run_tests(rule, [tests], stop_first, [*deselect, *set_aside])
        if outcome.status not in (0, 1) or not outcome.failing:
            break
        off = run_tests(rule, outcome.failing, False, []).failing
        on = run_tests(None, outcome.failing, False, []).failing
        confirmed = [node for node in outcome.failing if node in off and node not in on]
        if confirmed:
            outcome.failing = confirmed
            break
        set_aside += outcome.failing
    return outcome, set_aside


def short(nodeid: str, width: int = 120) -> str:
    """A node id cut to ``width`` characters inside its parameters: ``file::test[first params…]``."""
    if len(nodeid) <= width or "[" not in nodeid:
        return nodeid
    head = nodeid[:nodeid.index("[") + 1]
    return head + nodeid[len(head):max(len(head), width - 2)] + "…]"


def table(rows: list[list[str]]) -> str:
    """An aligned Markdown table; the first row is the header."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", help="comma-separated rule ids to run (default: every rule of the registry)")
    parser.add_argument("--jobs", type=int, default=2, help="rules run in parallel (default 2)")
    parser.add_argument("--tests", default=TESTS, help=f"the tests to run per rule (default {TESTS})")
    parser.add_argument("--all", action="store_true", help="run every test per rule (no -x): count every failure")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the run with every rule on (then a test failing anyway counts as proof)")
    args = parser.parse_args(argv)
    owners = rule_ids()
    order = {name: i for i, name in enumerate(DEFAULT_PIPELINE)}
    rules = sorted(owners, key=lambda r: (order.get(owners[r], len(order)), r))
    if args.rules:
        wanted = [r.strip() for r in args.rules.split(",") if r.strip()]
        unknown = [r for r in wanted if r not in owners]
        if unknown:
            parser.error(f"no component has the rule(s) {', '.join(unknown)}")
        rules = [r for r in rules if r in wanted]
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    began = time.perf_counter()
    deselect: list[str] = []
    if not args.no_baseline:
        print(f"baseline: {args.tests} with every rule on ...", file=sys.stderr, flush=True)
        base = run_tests(None, [args.tests], stop_first=False, deselect=[])
        if base.status not in (0, 1):
            print(f"error: the baseline run did not complete (pytest exit {base.status}):\n{base.tail}", file=sys.stderr)
            return 1
        deselect = base.failing
        print(f"baseline: {len(deselect)} test(s) fail with every rule on and are left out"
              + "".join(f"\n  {node}" for node in deselect) + f" ({base.seconds:.0f} s)", file=sys.stderr, flush=True)

    done = 0

    flaky: dict[str, list[str]] = {}

    def one(rule: str) -> tuple[str, Outcome]:
        nonlocal done
        outcome, flaky[rule] = ablate(rule, args.tests, stop_first=not args.all, deselect=deselect)
        done += 1
        print(f"[{done}/{len(rules)}] {rule}: {len(outcome.failing)} failing ({outcome.seconds:.0f} s)"
              + "".join(f"\n  set aside, not confirmed when run again alone: {node}" for node in flaky[rule]),
              file=sys.stderr, flush=True)
        return rule, outcome

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = dict(pool.map(one, rules))
    set_aside = sorted({node for nodes in flaky.values() for node in nodes})

    rows = [["rule", "component", "tests failing", "first failing test"]]
    untested, broken = [], []
    for rule in rules:
        o = outcomes[rule]
        if o.status not in (0, 1):
            broken.append(rule)
            first = f"(pytest exit {o.status}: {o.tail.splitlines()[-1] if o.tail else 'no output'})"
        elif not o.failing:
            untested.append(rule)
            first = "NONE: no test fails without this rule"
        else:
            first = short(o.failing[0])
        rows.append([rule, owners[rule], str(len(o.failing)), first])
    print(table(rows))
    print()
    how = "every failing test counted" if args.all else "each run stops at its first failure (-x)"
    print(f"{len(rules)} rule(s), {len(rules) - len(untested) - len(broken)} tested, {len(untested)} untested"
          + (f" ({', '.join(untested)})" if untested else "")
          + (f", {len(broken)} not run ({', '.join(broken)})" if broken else "")
          + f"; {how}; {time.perf_counter() - began:.0f} s with --jobs {args.jobs}")
    for node in set_aside:
        print(f"set aside (its failure was not confirmed when run again alone): {short(node)}")
    return 1 if untested or broken else 0


if __name__ == "__main__":
    sys.exit(main())
