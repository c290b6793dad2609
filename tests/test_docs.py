"""Docs stay in step with the code: every command has help with an example and appears in the README, and every
command line the README and the help show runs as written."""

from __future__ import annotations

import contextlib
import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.graph.sparql import workers as query_workers
from jejaring.ingest.pipeline import DEFAULT_PIPELINE
from jejaring.ingest.registry import COMPONENTS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Commands that change the graph's decisions or documents: their help examples run last, ``remove`` at the very end.
CHANGING = ("merge", "distinct", "alias", "reject", "review", "remove")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"jejaring {name}" in README


@pytest.mark.parametrize("name", DEFAULT_PIPELINE)
def test_docs_every_component_is_in_the_readme_with_its_rule_ids(name):
    table = README[README.index("| component | what it does | rule ids |"):].split("\n\n")[0]
    row = next((line for line in table.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert row is not None, f"README's pipeline table has no row for {name}"
    assert all(f"`{rule}`" in row for rule in COMPONENTS[name].rules)


def readme_command_lines() -> list[str]:
    """The ``jejaring`` lines of the README's shell blocks, in order, but ``serve`` (it runs until stopped)."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    return [line for block in blocks for line in block.splitlines()
            if line.startswith("jejaring ") and not line.startswith("jejaring serve")]


def help_command_lines() -> list[str]:
    """The ``jejaring`` lines of every command's help examples (the group's first), but ``serve``'s."""
    names = ["", *sorted(set(cli.commands) - set(CHANGING) - {"serve"}), *CHANGING]
    lines = []
    for name in names:
        text = CliRunner().invoke(cli, [name, "-h"] if name else ["-h"]).output
        lines += [line.strip() for line in text.split("Example:", 1)[1].splitlines()
                  if line.strip().startswith("jejaring ")]
    return lines


#: Characters that bash treats as syntax outside quotes (pipes, redirections, globs, expansions, escapes ...).
SHELL_SYNTAX = set("|&;<>()$`\\*?[]{}~!")


def simple_command_words(line: str) -> list[str] | None:
    """The words bash would pass to the command of a line made of words and quotes only (a trailing comment
    dropped); None for a line with any other shell syntax."""
    quote, command = None, ""
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
            elif quote == '"' and char in "$`\\!":
                return None
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            break
        elif char in SHELL_SYNTAX:
            return None
        command += char
    return None if quote else shlex.split(command)


def stop_query_workers() -> None:
    """What the exit of a ``jejaring`` process does: its query workers stop and their checkpoints beside the
    graph are removed."""
    workers, query_workers._DEFAULT_WORKERS = query_workers._DEFAULT_WORKERS, None
    if workers is not None:
        workers.close()


def run_lines(lines: list[str], cwd: Path) -> list[tuple[str, int, str]]:
    """Run each line in ``cwd``, as a user would from the repository root; the line, its exit code and its
    standard error. A line of words and quotes runs in this process through click's runner (what the
    ``jejaring`` script does, without a new interpreter each time); any other line is run by bash, with the venv's
    ``jejaring`` first on the PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = []
    for line in lines:
        words = simple_command_words(line)
        if words is None:
            result = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True)
            done.append((line, result.returncode, result.stderr))
            continue
        with contextlib.chdir(cwd):
            result = CliRunner().invoke(cli, words[1:], prog_name="jejaring")
            stop_query_workers()
        error = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            error += "".join(traceback.format_exception(result.exception))
        done.append((line, result.exit_code, error))
    return done


def repository_root_at(folder: Path) -> Path:
    """A folder that looks like the repository root to the commands: ``examples`` and ``jejaring`` in it."""
    folder.mkdir()
    for name in ("examples", "jejaring"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    return folder


@pytest.fixture(scope="module")
def readme_run(tmp_path_factory) -> tuple[Path, list[tuple[str, int, str]]]:
    """The README's command lines run in order from a fresh repository root."""
    root = repository_root_at(tmp_path_factory.mktemp("readme") / "repo")
    return root, run_lines(readme_command_lines(), root)


def test_docs_readme_command_lines_run_as_written_in_order(readme_run):
    root, done = readme_run
    assert len(done) >= 15 and done[0][0].startswith("jejaring ingest examples/corpus")
    failed = [(line, code, stderr[-500:]) for line, code, stderr in done if code != 0]
    assert not failed
    assert (root / "graph").is_dir() and (root / "centrality.csv").stat().st_size > 0


@pytest.fixture(scope="module")
def help_run(readme_run, tmp_path_factory) -> tuple[Path, list[tuple[str, int, str]]]:
    """Every help example run in order from another fresh repository root, on a copy of the README's graph."""
    root = repository_root_at(tmp_path_factory.mktemp("help") / "repo")
    shutil.copytree(readme_run[0] / "graph", root / "graph")
    return root, run_lines(help_command_lines(), root)


def test_docs_every_help_example_runs(help_run):
    _, done = help_run
    assert done[0][0] == "jejaring ingest examples/corpus examples/curated -g graph/"
    assert done[-1][0].startswith("jejaring remove ")
    failed = [(line, code, stderr[-500:]) for line, code, stderr in done if code != 0]
    assert not failed


def test_docs_outputs_of_the_readme_and_help_commands_are_git_ignored(readme_run, help_run):
    written = {p.name + ("/" if p.is_dir() else "") for folder in (readme_run[0], help_run[0])
               for p in folder.iterdir() if p.name not in ("examples", "jejaring")}
    assert {"graph/", "graph.trig", "centrality.csv", "curation.yaml", "neo4j-import/"} <= written
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *sorted(written)], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert sorted(ignored) == sorted(written)


def test_docs_readme_python_examples_run(readme_run, monkeypatch):
    section = README.split("### Python\n", 1)[1].split("\n### ", 1)[0]
    examples = "\n".join(re.findall(r"```python\n(.*?)```", section, re.S))
    monkeypatch.chdir(readme_run[0])
    test = doctest.DocTestParser().get_doctest(examples, {}, "README, Python", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.tries >= 10 and runner.failures == 0


def test_docs_readme_and_help_name_no_person_of_the_shared_documents(shared):
    import json

    names = {person["name"] for gold in sorted((shared / "gold").glob("*.json"))
             for person in json.loads(gold.read_text(encoding="utf-8")).get("persons", [])}
    helps = "".join(CliRunner().invoke(cli, [*([name] if name else []), "-h"]).output for name in ["", *cli.commands])
    assert len(names) > 10
    assert sorted(name for name in names if name in README or name in helps) == []
