"""The endpoint is safe by default (issue 20): other sites cannot use it, a query cannot exhaust the machine, slow
or vanishing clients are bounded and quiet, a busy port is one line."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from jejaring.cli import cli


@pytest.fixture(scope="module")
def graph(tmp_path_factory, example_graph) -> str:
    location = tmp_path_factory.mktemp("hardening") / "graph.trig"  # in memory: a CLI run holds no lock
    example_graph(location)
    return str(location)


# -- item 6: a busy port -----------------------------------------------------------------------------------
def test_hardening_serve_on_a_busy_port_is_one_line_and_exit_2(graph):
    """Issue 20, item 6: an AttributeError traceback and exit 1 before."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "-g", graph, "--port", str(port), "-q"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; "
                             "stop the other server or choose another --port\n")
