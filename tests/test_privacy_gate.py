"""One privacy gate: only ``analysis/privacy.py`` redacts and decides what may be shown.

These tests read the source tree (with :mod:`ast`), so a second redaction pass, a second
set of contact patterns or a threshold compared by hand anywhere else fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("analysis", "surveys", "desktop_app")
GATE = "analysis/privacy.py"
#: The one set of rules that finds personal data (standard library only). The gate redacts
#: what it finds; the respondent's typing hint (which may not import the analysis package)
#: warns about the same spans, so neither keeps patterns of its own.
FINDER = "surveys/personal_data.py"
HINT = "desktop_app/respondent/privacy_hint.py"
PLACEHOLDERS = ("[email]", "[phone]", "[link]", "[name]")
THRESHOLDS = ("min_group", "min_comment_group")


def _sources() -> list[tuple[str, ast.Module]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            found.append((relative, ast.parse(path.read_text(encoding="utf-8"), relative)))
    return found


SOURCES = _sources()


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _calls(names: set[str]) -> list[tuple[str, int, str]]:
    return [
        (path, node.lineno, name)
        for path, tree in SOURCES
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and (name := _called_name(node)) in names
    ]


def test_the_tree_was_read() -> None:
    paths = {path for path, _ in SOURCES}
    assert {GATE, "analysis/comment_update.py", FINDER, HINT} <= paths and len(paths) > 100


def test_redaction_is_called_from_exactly_one_place() -> None:
    outside = [(p, name) for p, _, name in _calls({"redact", "Redactor"}) if p != GATE]
    assert outside == [("analysis/comment_update.py", "Redactor")]  # when a comment is analysed
    assert len([c for c in _calls({"Redactor"}) if c[0] == "analysis/comment_update.py"]) == 1


def test_no_other_module_writes_a_redaction_placeholder() -> None:
    found = [
        (path, node.lineno, node.value)
        for path, tree in SOURCES
        if path != GATE
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in PLACEHOLDERS
    ]
    assert found == []


def test_no_other_module_has_its_own_contact_patterns() -> None:
    patterns = [
        (path, node.lineno)
        for path, tree in SOURCES
        if path != FINDER
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _called_name(node) in {"compile", "search", "match", "fullmatch", "sub", "finditer"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and "@" in str(node.args[0].value)
    ]
    assert patterns == []


def test_only_the_gate_and_the_typing_hint_use_the_finder() -> None:
    users = sorted({path for path, _, _ in _calls({"find_personal_data"})})
    assert users == [GATE, HINT]


def _compares_a_threshold(node: ast.Compare) -> bool:
    operands = [node.left, *node.comparators]
    return any(isinstance(o, ast.Attribute) and o.attr in THRESHOLDS for o in operands)


def test_no_module_compares_a_group_with_a_threshold_by_hand() -> None:
    by_hand = [
        (path, node.lineno)
        for path, tree in SOURCES
        if path != GATE
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare) and _compares_a_threshold(node)
    ]
    assert by_hand == []


@pytest.mark.parametrize("module", ["analysis/export/safety.py", "analysis/summaries.py"])
def test_the_guards_ask_the_gate(module: str) -> None:
    tree = dict(SOURCES)[module]
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "analysis.privacy"
        for alias in node.names
    }
    assert any(name.startswith("may_show_") for name in imported)
