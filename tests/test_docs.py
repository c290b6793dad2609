"""Docs stay in step with the code: every command has help with an example and appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jejaring.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"jejaring {name}" in README
