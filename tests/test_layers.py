"""The import contracts of ``pyproject.toml`` (docs/architecture.md), checked with import-linter."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


HEAVY = ("nltk", "sklearn", "scipy", "pptx", "openpyxl")


def _import_time_contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return [c for c in contracts if c["type"] == "import_time_forbidden"]


def _modules_under(name: str) -> list[str]:
    path = ROOT.joinpath(*name.split("."))
    if not path.is_dir():
        return [name]
    found = []
    for file in sorted(path.rglob("*.py")):
        parts = file.relative_to(ROOT).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


IMPORT_ALL = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.stdin.read())))
print(json.dumps(heavy))
"""


def test_the_import_time_contracts_cover_the_gui_and_the_command_line() -> None:
    sources = {m for c in _import_time_contracts() for m in c["source_modules"]}
    assert {"desktop_app.main_window", "desktop_app.panels", "desktop_app.models"} <= sources
    assert {"desktop_app.cli", "desktop_app.commands", "desktop_app.respondent"} <= sources
    for contract in _import_time_contracts():
        assert set(HEAVY) <= set(contract["forbidden_modules"])
        assert not contract.get("allow_indirect_imports", False)


def test_importing_every_module_of_those_contracts_loads_no_heavy_package(tmp_path) -> None:
    """What the contracts promise, checked at run time in a fresh interpreter."""
    modules = sorted(
        {
            m
            for c in _import_time_contracts()
            for s in c["source_modules"]
            for m in _modules_under(s)
        }
    )
    assert "desktop_app.panels.themes_panel" in modules and "desktop_app.main_window" in modules
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RAPPORT_HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, *modules],
        input=json.dumps(HEAVY),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# The import_time_forbidden contract type itself, on a small package written for the test.

TOY = {
    "toy/__init__.py": "",
    "toy/heavy.py": "",
    "toy/gui.py": "from toy import middle\n",
    "toy/sub/__init__.py": "",
    "toy/sub/leaf.py": "",
}
MIDDLE = {
    "module level": ("import toy.heavy\n", True),
    "class body": ("class Panel:\n    import toy.heavy\n", True),
    "parent package runs first": ("import toy.sub.leaf\n", True),
    "inside a function": ("def run():\n    import toy.heavy\n", False),
    "inside a method": ("class Panel:\n    def run(self):\n        import toy.heavy\n", False),
    "type checking only": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import toy.heavy\n",
        False,
    ),
    "else branch of type checking": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\n"
        "else:\n    import toy.heavy\n",
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(MIDDLE))
def test_the_import_time_contract_counts_only_imports_that_run_on_import(
    case, tmp_path, monkeypatch
) -> None:
    from tests import import_contracts

    middle, runs = MIDDLE[case]
    files = dict(TOY, **{"toy/middle.py": middle})
    if case == "parent package runs first":
        files["toy/sub/__init__.py"] = "import toy.heavy\n"
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import_contracts._package_root.cache_clear()
    import_contracts.import_time_lines.cache_clear()
    try:
        graph = grimp.build_graph("toy", cache_dir=None)
        assert graph.chain_exists("toy.gui", "toy.heavy") == (case != "parent package runs first")
        pruned = import_contracts.import_time_graph(graph)
        assert pruned.chain_exists("toy.gui", "toy.heavy") is runs
    finally:
        import_contracts._package_root.cache_clear()
        import_contracts.import_time_lines.cache_clear()
