"""An import-linter contract type for what a module loads *at import time*.

import-linter's graph (grimp) holds every ``import`` statement in a module, including the
ones inside functions. Rapport keeps its GUI fast to open by importing heavy packages
(scikit-learn, NLTK, SciPy, python-pptx, openpyxl) only inside the functions that need them,
so a plain ``forbidden`` contract would report those deferred imports as if they ran when
the window opens. This contract is a ``forbidden`` contract checked on the graph of what
Python actually runs while importing a module:

- an import inside a function (or lambda) body is left out: it runs when the function is
  called, not when the module is imported;
- an import under ``if TYPE_CHECKING:`` is left out: it never runs;
- an import at module level or in a class body is kept, and importing ``a.b.c`` also counts
  as importing the packages ``a`` and ``a.b`` (Python runs their ``__init__`` first).

Indirect imports are followed as in any ``forbidden`` contract (``allow_indirect_imports``
stays false), so a chain such as GUI module → ``analysis.x`` → ``sklearn`` breaks it when
every link runs at import time. It is registered in ``pyproject.toml`` (``contract_types``)
and run by ``lint-imports`` from the project root (``tests/test_layers.py``).
"""

from __future__ import annotations

import ast
import copy
import importlib.util
from functools import cache
from pathlib import Path

from grimp import ImportGraph
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.domain.contract import ContractCheck

_DEFERRED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


@cache
def _package_root(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _source_file(module: str) -> Path | None:
    top, *rest = module.split(".")
    root = _package_root(top)
    if root is None:
        return None
    base = root.joinpath(*rest)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _is_type_checking_test(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@cache
def import_time_lines(module: str) -> frozenset[int] | None:
    """Line numbers of the import statements of ``module`` that run when it is imported.

    ``None`` when the module's source cannot be found (its imports are then all kept).
    """
    path = _source_file(module)
    if path is None:
        return None
    lines: set[int] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _DEFERRED_SCOPES):
                continue
            if isinstance(child, ast.If) and _is_type_checking_test(child):
                for stmt in child.orelse:
                    visit(ast.Module(body=[stmt], type_ignores=[]))
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                lines.add(child.lineno)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return frozenset(lines)


def import_time_graph(graph: ImportGraph) -> ImportGraph:
    """A copy of ``graph`` holding only the imports that run at import time."""
    pruned = copy.deepcopy(graph)
    for importer in sorted(graph.modules):
        lines = import_time_lines(importer)
        for imported in graph.find_modules_directly_imported_by(importer):
            details = graph.get_import_details(importer=importer, imported=imported)
            deferred = not any(d["line_number"] in (lines or ()) for d in details)
            if lines is not None and details and deferred:
                pruned.remove_import(importer=importer, imported=imported)
                continue
            _add_parent_packages(pruned, importer, imported)
    return pruned


def _add_parent_packages(graph: ImportGraph, importer: str, imported: str) -> None:
    parts = imported.split(".")
    for end in range(1, len(parts)):
        package = ".".join(parts[:end])
        if (
            package != importer
            and package in graph.modules
            and not graph.is_module_squashed(package)
        ):
            graph.add_import(importer=importer, imported=package)


class ImportTimeForbiddenContract(ForbiddenContract):
    """A ``forbidden`` contract over the imports that run when a module is imported."""

    type_name = "import_time_forbidden"

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        return super().check(import_time_graph(graph), verbose)
