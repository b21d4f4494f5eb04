"""Every module is named where the docs map its package, so a new module cannot go unlisted.

``docs/architecture.md`` maps the packages module by module (the diagram and "What each
package holds"); the respondent's files have their table in ``docs/respondent.md``. The
command modules are checked against ``COMMANDS`` by ``tests/desktop_app/test_explicit_lists.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: package folder -> the page that must name each of its modules
MAPS = {
    "surveys": "architecture.md",
    "surveys/importing": "architecture.md",
    "analysis": "architecture.md",
    "analysis/sentiment": "architecture.md",
    "analysis/export": "architecture.md",
    "desktop_app": "architecture.md",
    "desktop_app/jobs": "architecture.md",
    "desktop_app/panels": "architecture.md",
    "desktop_app/models": "architecture.md",
    "desktop_app/widgets": "architecture.md",
    "desktop_app/import_wizard": "architecture.md",
    "desktop_app/respondent": "respondent.md",
}


def _unnamed(package: str, page: str) -> list[str]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    modules = sorted(p.stem for p in (ROOT / package).glob("*.py") if p.stem != "__init__")
    assert modules, package  # the folder really holds modules
    return [f"{package}/{m}.py" for m in modules if not re.search(rf"(?<![\w-]){m}(?![\w-])", text)]


@pytest.mark.parametrize("package", sorted(MAPS))
def test_every_module_is_named_on_its_packages_page(package: str) -> None:
    page = MAPS[package]
    assert _unnamed(package, page) == [], f"name these in docs/{page}"


def test_a_module_named_only_inside_another_name_does_not_count() -> None:
    text = "`surveys/host_lock_file.py` and `analysis.topics_x`"
    assert not re.search(r"(?<![\w-])host_lock(?![\w-])", text)
    assert not re.search(r"(?<![\w-])topics(?![\w-])", text)
    assert re.search(r"(?<![\w-])host_lock_file(?![\w-])", text)
