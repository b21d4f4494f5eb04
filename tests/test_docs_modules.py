"""Every module is named where the docs map its package, so a new module cannot go unlisted.

``docs/architecture.md`` maps the packages module by module (the diagram and "What each
package holds"); the respondent's files, the sentiment modules and the job modules also have
a table in their own page (``respondent.md``, ``sentiment.md``, ``jobs.md``). A module counts
as named in code: inside backticks or a fenced block, not as a word of the prose. The command
modules are checked against ``COMMANDS`` by ``tests/desktop_app/test_explicit_lists.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: packages that docs/architecture.md maps module by module
MAPPED = (
    "surveys",
    "surveys/importing",
    "analysis",
    "analysis/sentiment",
    "analysis/export",
    "desktop_app",
    "desktop_app/jobs",
    "desktop_app/panels",
    "desktop_app/models",
    "desktop_app/widgets",
    "desktop_app/import_wizard",
)
#: packages whose page has a table of their modules (one row per module or two)
TABLES = {
    "analysis/sentiment": "sentiment.md",
    "desktop_app/jobs": "jobs.md",
    "desktop_app/respondent": "respondent.md",
}


def _code_of(markdown: str) -> str:
    """The fenced blocks and the inline code spans of a page, the prose left out."""
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, re.M | re.S)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", markdown, flags=re.M | re.S)
    return "\n".join(fenced + re.findall(r"`([^`\n]+)`", prose))


def _table_rows(markdown: str) -> str:
    return "\n".join(line for line in markdown.splitlines() if line.startswith("|"))


def _unnamed(package: str, text: str) -> list[str]:
    modules = sorted(p.stem for p in (ROOT / package).glob("*.py") if p.stem != "__init__")
    assert modules, package  # the folder really holds modules
    return [f"{package}/{m}.py" for m in modules if not re.search(rf"(?<![\w-]){m}(?![\w-])", text)]


@pytest.mark.parametrize("package", MAPPED)
def test_every_module_is_named_in_the_architecture(package: str) -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert _unnamed(package, _code_of(page)) == [], "name these in docs/architecture.md"


@pytest.mark.parametrize("package", sorted(TABLES))
def test_every_module_has_a_row_in_its_pages_table(package: str) -> None:
    page = (ROOT / "docs" / TABLES[package]).read_text(encoding="utf-8")
    assert _unnamed(package, _code_of(_table_rows(page))) == [], f"docs/{TABLES[package]}"


def test_a_module_named_only_inside_another_name_does_not_count() -> None:
    text = "`surveys/host_lock_file.py` and `analysis.topics_x`"
    assert not re.search(r"(?<![\w-])host_lock(?![\w-])", text)
    assert not re.search(r"(?<![\w-])topics(?![\w-])", text)
    assert re.search(r"(?<![\w-])host_lock_file(?![\w-])", text)


def test_a_module_named_in_prose_does_not_count() -> None:
    code = _code_of("The background work.\n\n```\nfast · lexicon\n```\n`model_file.py`\n")
    assert "background" not in code
    assert "lexicon" in code and "model_file.py" in code


def test_every_script_is_named_in_the_docs() -> None:
    """A script nobody can find is a script nobody runs: bench/, scripts/, packaging/."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    text = _code_of("\n".join(page.read_text(encoding="utf-8") for page in pages))
    scripts = [
        path
        for folder in ("bench", "scripts", "packaging", "docs/screenshots")
        for path in sorted((ROOT / folder).glob("*"))
        if path.suffix in (".py", ".sh") and path.stem != "__init__"
    ]
    assert len(scripts) > 30
    unnamed = [p.relative_to(ROOT).as_posix() for p in scripts if p.name not in text]
    assert unnamed == [], "say what these are for in docs/ (benchmarks.md, deploy.md...)"
