"""The shape of the code: every module lives in a subpackage, and no two modules import each other, directly or
round a circle, counting every import (module level, inside functions, under TYPE_CHECKING)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "equity"
TOP_LEVEL = {"__init__.py", "__main__.py"}


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, str]:
    return {_name(path): path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")}


def imports(source: str, modules: set[str]) -> set[str]:
    """The equity modules a module's `source` imports anywhere in its body: `from equity.x import y` counts as
    equity.x.y when y is a module, else as equity.x."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
    return {name for name in found if name in modules and name != "equity"}


def graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Each module's imports of other modules, from its source."""
    return {name: imports(source, set(sources)) - {name} for name, source in sources.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each strongly connected group of modules (Tarjan's algorithm, then a path round it)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_round(group, edges) for group in groups]


def _round(group: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest circle from the group's first module back to itself, inside the group (breadth first)."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges[node] & group):
            if nxt == start:
                return paths[node] + [start]
            if nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    raise AssertionError(f"no circle in {group}")


def test_every_module_lives_in_a_subpackage():
    stray = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in TOP_LEVEL)
    assert not stray, f"modules directly in equity/ (move each into a subpackage): {stray}"


def test_no_import_circles():
    found = circles(graph(_sources()))
    assert not found, "import circles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_a_circle_closed_inside_a_function_is_found():
    sources = {"equity.a": "import equity.b\n", "equity.b": "def f():\n    from equity.a import thing\n"}
    assert circles(graph(sources)) == [["equity.a", "equity.b", "equity.a"]]


def test_a_circle_through_from_package_import_module_is_found():
    sources = {"equity.p": "", "equity.p.c": "from equity.d import x\n", "equity.d": "from equity.p import c\n",
               "equity.e": "from equity.p import d_name\n"}
    assert graph(sources)["equity.e"] == {"equity.p"}
    assert circles(graph(sources)) == [["equity.d", "equity.p.c", "equity.d"]]


def test_no_circle_where_imports_go_one_way():
    sources = {"equity.a": "from equity.b import x\n", "equity.b": "if True:\n    import os\n"}
    assert circles(graph(sources)) == []
