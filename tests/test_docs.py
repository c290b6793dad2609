"""Docs stay in step with the code: every command has help with an example and appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jejaring.cli import cli
from jejaring.ingest.pipeline import DEFAULT_PIPELINE
from jejaring.ingest.registry import COMPONENTS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


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
