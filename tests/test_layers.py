"""The package's layers (README, Layout): each module imports only modules of its own layer or of the layers
below it, and no module imports itself back through others. Function-level imports count as much as those at
the top of a file; the package root (``jejaring/__init__.py``: the version, and names loaded on first use by
their module's name, which is no import) is the bottom, since every module imports it as its parent."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "jejaring"

#: Bottom to top; a module belongs to the first layer one of whose names is the module or a package holding it.
LAYERS = (
    # workers: the one worker-process mechanism, for extraction (service) and for queries (graph.sparql)
    ("foundation", ("jejaring", "jejaring.errors", "jejaring.ontology", "jejaring.queries", "jejaring.workers")),
    ("ingest", ("jejaring.ingest",)),
    ("graph.store", ("jejaring.graph", "jejaring.graph.store")),
    ("graph.sparql", ("jejaring.graph.sparql",)),
    ("graph.views", ("jejaring.graph.views",)),
    ("service", ("jejaring.service",)),
    ("interface", ("jejaring.evaluate", "jejaring.cli", "jejaring.__main__")),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    """The index in :data:`LAYERS` of the most specific layer name holding ``module``."""
    best = max(((len(name), i) for i, (_, names) in enumerate(LAYERS) for name in names
                if module == name or module.startswith(name + ".")), default=None)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_layers.py")
    return best[1]


def imports(module: str) -> list[tuple[int, str]]:
    """Every import of a jejaring module in ``module``'s file, wherever it stands: (line, imported module)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # ``from a import b`` imports the module a.b when there is one, else a name of a
                submodule = f"{base}.{alias.name}"
                found.append((node.lineno, submodule if submodule in MODULES else base))
    return [(line, target) for line, target in found if target == "jejaring" or target.startswith("jejaring.")]


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for module in MODULES:
        graph.add_node(module)
        for line, target in imports(module):
            if target != module:
                graph.add_edge(module, target, where=f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}")
    return graph


def test_layers_every_module_has_a_layer():
    for module in MODULES:
        layer(module)


def test_layers_imports_go_to_the_same_layer_or_below():
    wrong = []
    for module, target, where in import_graph().edges(data="where"):
        if layer(target) > layer(module):
            wrong.append(f"{where}: {module} ({LAYERS[layer(module)][0]}) imports {target} "
                         f"({LAYERS[layer(target)][0]}, a layer above)")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_layers_no_import_cycle():
    graph = import_graph()
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, "import cycles:\n" + "\n".join(
        ", then ".join(f"{graph.edges[a, b]['where']} imports {b}" for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True))
        for cycle in cycles)


@pytest.mark.parametrize(("module", "expected"), [
    ("jejaring.ingest.mapping", "ingest"),
    ("jejaring.graph.store.local", "graph.store"),
    ("jejaring.graph.views.export.gexf", "graph.views"),
    ("jejaring.cli", "interface"),
])
def test_layers_a_module_is_in_the_layer_its_folder_names(module, expected):
    assert LAYERS[layer(module)][0] == expected
