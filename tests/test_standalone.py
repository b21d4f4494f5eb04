"""The repository stands on its own: nothing points at documents outside it.

What the code relies on (formats, privacy rules, the architecture) is written down in
``docs/``. Only the tests and benchmark scripts that read the shared data sets may name the
folder next to the repository that holds them.
"""

from __future__ import annotations

from pathlib import Path

from tests.repo_files import listed_files

ROOT = Path(__file__).resolve().parents[1]
# Spelled in pieces so that this file does not name them itself.
OUTSIDE_DOCUMENTS = ("DESIGN" + ".md", "STYLE" + ".md")
SHARED_FOLDER = "../" + "shared"
#: Where naming the shared data folder is allowed (reading the data sets, never text).
MAY_NAME_SHARED = ("tests/", "bench/")


def _repository_files(*suffixes: str) -> list[Path]:
    return [
        ROOT / name
        for name in listed_files()
        if name.endswith(suffixes) and (ROOT / name).is_file()
    ]


def _mentions(path: Path, needle: str) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    rel = path.relative_to(ROOT)
    return [
        f"{rel}:{n}: {line.strip()}"
        for n, line in enumerate(text.splitlines(), 1)
        if needle in line
    ]


def test_no_python_or_markdown_file_names_the_outside_design_documents() -> None:
    files = _repository_files(".py", ".md")
    assert any(f.name == "architecture.md" for f in files)  # the listing really found the docs
    found = [hit for f in files for doc in OUTSIDE_DOCUMENTS for hit in _mentions(f, doc)]
    assert found == [], "point at docs/ instead:\n" + "\n".join(found)


def test_only_tests_and_benchmarks_name_the_shared_data_folder() -> None:
    files = _repository_files(".py", ".md", ".toml", ".sh", ".yaml", ".txt", ".cfg", ".spec")
    found = [
        hit
        for f in files
        if not f.relative_to(ROOT).as_posix().startswith(MAY_NAME_SHARED)
        for hit in _mentions(f, SHARED_FOLDER)
    ]
    assert found == [], "\n".join(found)


def test_the_docs_the_code_points_at_exist() -> None:
    for page in ("architecture.md", "formats.md", "privacy.md", "csv-format.md", "analysis.md"):
        assert (ROOT / "docs" / page).is_file(), page
