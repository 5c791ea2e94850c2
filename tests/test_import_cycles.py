"""No import circle among rasad's modules: not one, anywhere in the package (not only among the
modules the code-health issue names: cli/cli_batch/ingest, store.db/kb/schema, model/analyse.tokens,
sources.feeds/fetch). The graph is read from the source by scripts/import_cycles.py, where
function-local imports count as edges like module-level ones (an import moved into a function
to dodge a circle is still a circle); only `if TYPE_CHECKING:` and `if __name__ == "__main__":`
blocks are left out, since importing a module never runs them."""
from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "import_cycles.py"


@pytest.fixture(scope="module")
def checker():
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_cycles"] = module       # dataclasses look their module up here
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("import_cycles", None)


def test_rasad_has_no_import_circle(checker):
    graph = checker.import_graph()
    circles = [c for c in checker.strongly_connected(graph) if len(c) > 1]
    assert not circles, "\n".join(line for c in circles for line in checker.describe(graph, c))


def test_the_modules_the_issue_names_are_in_the_graph(checker):
    graph = checker.import_graph()
    named = {"rasad.cli", "rasad.cli_batch", "rasad.ingest", "rasad.store.db", "rasad.store.kb",
             "rasad.store.schema", "rasad.model", "rasad.analyse.tokens", "rasad.sources.feeds",
             "rasad.sources.fetch"}
    assert named <= set(graph)
    assert graph["rasad.cli"] and graph["rasad.store.db"]      # and their imports were read


def make_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, source in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return package


def test_a_function_local_import_closes_a_circle(checker, tmp_path):
    package = make_package(tmp_path, {
        "__init__.py": "",
        "a.py": "from pkg.b import thing\n",
        "b.py": "thing = 1\n\ndef later():\n    from pkg import a\n    return a\n",
    })
    [circle] = checker.cycles(package)
    assert circle == ["pkg.a", "pkg.b"]
    edge = checker.import_graph(package)["pkg.b"]["pkg.a"][0]
    assert (edge.kind, edge.line) == ("local", 4)


def test_relative_dynamic_and_package_imports_resolve(checker, tmp_path):
    package = make_package(tmp_path, {
        "__init__.py": "from pkg.sub import helper\n",
        "sub/__init__.py": "from .helper import run\n",
        "sub/helper.py": "from .. import other\nimport importlib\nimportlib.import_module('pkg.late')\n",
        "other.py": "",
        "late.py": "import pkg.sub.helper\n",
    })
    graph = checker.import_graph(package)
    assert set(graph["pkg"]) == {"pkg.sub.helper"}          # `from pkg.sub import helper`: the module
    assert set(graph["pkg.sub"]) == {"pkg.sub.helper"}
    assert set(graph["pkg.sub.helper"]) == {"pkg.other", "pkg.late"}
    assert graph["pkg.sub.helper"]["pkg.late"][0].kind == "dynamic"
    assert checker.cycles(package) == [["pkg.late", "pkg.sub.helper"]]


def test_type_checking_and_main_blocks_are_not_edges(checker, tmp_path):
    package = make_package(tmp_path, {
        "__init__.py": "",
        "a.py": "from pkg.b import B\n",
        "b.py": """\
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from pkg.a import A
            class B:
                pass
            if __name__ == "__main__":
                from pkg.a import main
                main()
            """,
    })
    assert checker.import_graph(package)["pkg.b"] == {}
    assert checker.cycles(package) == []
    assert checker.main(["--package", str(package)]) == 0
