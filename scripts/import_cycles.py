#!/usr/bin/env python3
"""Import circles among rasad's own modules, found by reading the source (nothing is imported).

    .venv/bin/python scripts/import_cycles.py            # every circle, with the imports that make it
    .venv/bin/python scripts/import_cycles.py --edges    # also every import between rasad modules

Each module of rasad/ is parsed with `ast` and every import of another rasad module is an edge:

  * module-level imports (including those in class bodies and try/except blocks), AND
  * function-local imports: they count too. An import put inside a function so that two modules
    can import each other is still a circle; it only moves the failure from import time to the
    first call, and the two modules still cannot be understood or tested apart;
  * dynamic imports: `importlib.import_module("rasad.x")` with a literal name is an edge to
    rasad.x; a module calling `import_module` with a computed name has an edge to every module
    whose dotted name ("rasad.x", not the bare "rasad", which is also the program's name)
    appears in it as a string literal (the table it picks from).

Two kinds of import are not edges, because importing the module never executes them:
  * those under `if TYPE_CHECKING:`, which exist for annotations only;
  * those under `if __name__ == "__main__":`, which run only when the file is executed as a
    script (`python -m rasad.ingest`). The script is then the module `__main__`, a different
    module object from rasad.ingest: what it imports may import rasad.ingest without a circle.

Which module an import points at: `import rasad.a.b` and `from rasad.a.b import name` point at
rasad.a.b; `from rasad.a import b` points at rasad.a.b when that is a module, else at rasad.a (the
package's `__init__`, which defines or re-exports `b`). Relative imports are resolved the same way.
The parent packages that Python initialises on the way (rasad, rasad.a) are not edges: otherwise
every package whose `__init__` re-exports a submodule would be in a circle with all its children.

The strongly connected components of that graph (Tarjan's algorithm) with more than one module are
the circles. The exit status is 1 when there is one, 0 when there is none.
"""
from __future__ import annotations

import argparse
import ast
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rasad"


@dataclass(frozen=True)
class Edge:
    source: str          # the importing module
    target: str          # the imported module
    path: str            # the importing file, relative to the package's parent
    line: int
    kind: str            # "module" (runs at import), "local" (inside a function) or "dynamic"

    def __str__(self) -> str:
        where = "" if self.kind == "module" else f" ({self.kind})"
        return f"{self.source} -> {self.target}  {self.path}:{self.line}{where}"


def module_files(package: Path = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under the package (packages by __init__)."""
    base = package.parent
    modules: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(base).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
           (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _is_main_guard(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(x, ast.Name) and x.id == "__name__" for x in sides) and \
        any(isinstance(x, ast.Constant) and x.value == "__main__" for x in sides)


def _is_import_module(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    return name in ("import_module", "__import__")


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, modules: set[str]):
        self.module = module
        self.root = module.partition(".")[0]        # the top package: only its modules matter
        self.package = module if is_package else module.rpartition(".")[0]
        self.modules = modules
        self.depth = 0                      # > 0 inside a function or lambda
        self.found: list[tuple[str, int, str]] = []
        self.computed_import_line: int | None = None
        self.literals: list[tuple[str, int]] = []

    def _add(self, target: str | None, line: int, kind: str | None = None) -> None:
        if target and target in self.modules and target != self.module:
            self.found.append((target, line, kind or ("local" if self.depth else "module")))

    def _longest_module(self, dotted: str) -> str | None:
        parts = dotted.split(".")
        for n in range(len(parts), 0, -1):
            if ".".join(parts[:n]) in self.modules:
                return ".".join(parts[:n])
        return None

    def _function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test) or _is_main_guard(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == self.root or alias.name.startswith(self.root + "."):
                self._add(self._longest_module(alias.name), node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            if node.level > 1:
                base = base[: len(base) - (node.level - 1)]
            origin = ".".join(base + ([node.module] if node.module else []))
        else:
            origin = node.module or ""
        if not (origin == self.root or origin.startswith(self.root + ".")):
            return
        for alias in node.names:
            submodule = f"{origin}.{alias.name}"
            self._add(submodule if submodule in self.modules else self._longest_module(origin), node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        if _is_import_module(node) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self._add(first.value, node.lineno, "dynamic")
            elif self.computed_import_line is None:
                self.computed_import_line = node.lineno
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and "." in node.value and node.value in self.modules:
            self.literals.append((node.value, node.lineno))


def imports_of(module: str, path: Path, modules: set[str]) -> list[Edge]:
    """Every import of another module of the package by `module` (one Edge per statement and target)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    visitor = _Imports(module, path.name == "__init__.py", modules)
    visitor.visit(tree)
    found = list(visitor.found)
    if visitor.computed_import_line is not None:
        found += [(name, line, "dynamic") for name, line in visitor.literals if name != module]
    shown = str(path.relative_to(path.parents[module.count(".") + (path.name == "__init__.py")]))
    seen: set[tuple[str, int, str]] = set()
    edges = []
    for target, line, kind in found:
        if (target, line, kind) not in seen:
            seen.add((target, line, kind))
            edges.append(Edge(module, target, shown, line, kind))
    return edges


def import_graph(package: Path = PACKAGE) -> dict[str, dict[str, list[Edge]]]:
    """module -> {imported module -> the imports that make the edge}, for every module of the package."""
    files = module_files(package)
    names = set(files)
    graph: dict[str, dict[str, list[Edge]]] = {name: {} for name in files}
    for name, path in files.items():
        for edge in imports_of(name, path, names):
            graph[name].setdefault(edge.target, []).append(edge)
    return graph


def strongly_connected(graph: dict[str, dict[str, list[Edge]]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative), each sorted, in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return sorted(components, key=lambda c: (-len(c), c))


def cycles(package: Path = PACKAGE) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module."""
    return [c for c in strongly_connected(import_graph(package)) if len(c) > 1]


def shortest_loop(graph: dict[str, dict[str, list[Edge]]], start: str, within: set[str]) -> list[str]:
    """The shortest path start -> ... -> start inside one component (breadth first)."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child not in within:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start] + path[::-1][1:] + [start] if len(path) > 1 else [start, start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return [start]


def describe(graph: dict[str, dict[str, list[Edge]]], component: list[str]) -> list[str]:
    """Lines describing one circle: an example loop, then every import inside the component."""
    members = set(component)
    lines = [f"{len(component)} modules: " + ", ".join(component)]
    loops = []
    for module in component:
        loop = shortest_loop(graph, module, members)
        if not any(set(loop) == set(other) and len(loop) == len(other) for other in loops):
            loops.append(loop)
    for loop in sorted(loops, key=len):
        lines.append("  loop: " + " -> ".join(loop))
    for module in component:
        for target in sorted(graph[module]):
            if target in members:
                lines.extend(f"    {edge}" for edge in graph[module][target])
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", default=str(PACKAGE), help="the package directory (default: rasad/)")
    ap.add_argument("--edges", action="store_true", help="also list every import between its modules")
    args = ap.parse_args(argv)
    graph = import_graph(Path(args.package))
    if args.edges:
        for module in sorted(graph):
            for target in sorted(graph[module]):
                for edge in graph[module][target]:
                    print(edge)
        print()
    found = [c for c in strongly_connected(graph) if len(c) > 1]
    for number, component in enumerate(found, 1):
        print(f"circle {number}: " + "\n".join(describe(graph, component)))
    edges = sum(len(targets) for targets in graph.values())
    print(f"{len(graph)} modules, {edges} module-to-module imports, {len(found)} import circle(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
