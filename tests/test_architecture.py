"""The shape ARCHITECTURE.md promises, checked on the code itself: stages import
only earlier stages, no module imports itself back through others, modules stay
short, and nothing is keyed by object identity."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
# Each layer may import its own and the earlier layers, never a later one.
LAYERS = (
    ("pipeline.errors", "pipeline.fileio", "pipeline.languages", "pipeline.lock"),
    ("pipeline.progress",),
    ("pipeline.source",),
    ("pipeline.memory",),
    ("pipeline.project",),
    ("pipeline.mt",),
    ("pipeline.glossary",),
    ("pipeline.site",),
    (
        "pipeline.plan",
        "pipeline.cache",
        "pipeline.cache_glossary",
        "pipeline.settled",
        "pipeline.archive",
        "pipeline.rendering",
        "pipeline.publish",
        "pipeline.evaluate",
    ),
    ("pipeline.cli", "pipeline.commands", "pipeline.__main__"),
)
LONGEST = 260  # lines: "about 250"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The pipeline modules ``name`` imports, deferred imports included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                package = name.split(".")[: -node.level + (path.name == "__init__.py")]
                base = ".".join(package + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and target != "pipeline":
                found.add(target)
    return found


def _layer(module: str) -> int:
    for n, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return n
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


MODULES = _modules()
GRAPH = {name: _imports(name, path, MODULES) for name, path in MODULES.items()}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_a_stage_imports_only_earlier_stages(module: str) -> None:
    later = sorted(t for t in GRAPH[module] if _layer(t) > _layer(module))
    assert not later, f"{module} imports a later stage: {later}"


def test_no_import_circles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                raise AssertionError("import circle: " + " → ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_short(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= LONGEST, f"{module}: {lines} lines"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_is_keyed_by_object_identity(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    calls = [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "id"
    ]
    assert not calls, f"{module}: id() at lines {calls}"


def test_the_checks_see_the_code() -> None:
    """The graph is not empty by mistake: the layers really are connected."""
    assert "pipeline.source.document" in GRAPH["pipeline.source.transcript"]
    assert "pipeline.publish" in GRAPH["pipeline.cli"]
    assert _layer("pipeline.site.build") > _layer("pipeline.glossary.model")
