"""The docs point at things that are there: links, their anchors, file paths and test ids.

README.md and ``docs/*.md`` are read as a new developer reads them. A Markdown link must
reach a file of the repository (and, with ``#anchor``, one of its headings as GitHub spells
it); a path in backticks (``surveys/store.py``, ``panels/comments_panel.py``) must name a
file or folder of the repository, written in full or as the tail of one; a test id
(``tests/x.py::test_y``) must name a test function of that file. A renamed module or a
removed heading then fails here instead of leaving the docs wrong. The code points into the
docs the same way (``docs/jobs.md, "A share that hangs"``): the page and the heading or bold
label it quotes must be there.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from tests.repo_files import listed_files

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
TICKED = re.compile(r"`([^`\s]+)`")
HEADING = re.compile(r"#{1,6}\s+(.*)")
#: File kinds whose paths the docs name; folders count when the path starts at the root.
PATH_SUFFIXES = (".py", ".md", ".toml", ".sh", ".yaml", ".spec", ".ts", ".png")
ROOT_FOLDERS = (
    "surveys/",
    "analysis/",
    "desktop_app/",
    "tests/",
    "bench/",
    "scripts/",
    "docs/",
    "packaging/",
)
#: Not in the repository on purpose: made on first use or by a build.
MADE_LATER = ("bench/.notebook-deps",)


def _doc_pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@cache
def _tracked() -> frozenset[str]:
    listed = listed_files()
    folders = {
        "/".join(name.split("/")[:k]) for name in listed for k in range(1, name.count("/") + 1)
    }
    return frozenset(listed) | frozenset(folders)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@cache
def _anchors(page: Path) -> frozenset[str]:
    found: set[str] = set()
    in_code = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        heading = HEADING.match(line)
        if heading and not in_code:
            slug = _slug(heading.group(1))
            again = sum(1 for a in found if a == slug or re.fullmatch(rf"{re.escape(slug)}-\d+", a))
            found.add(f"{slug}-{again}" if again else slug)
    return frozenset(found)


def _lines(page: Path) -> list[tuple[str, str]]:
    rel = page.relative_to(ROOT).as_posix()
    text = page.read_text(encoding="utf-8").splitlines()
    return [(f"{rel}:{n}", line) for n, line in enumerate(text, 1)]


def _link_problem(page: Path, target: str) -> str | None:
    path, _, anchor = target.partition("#")
    goal = (page.parent / path).resolve() if path else page
    if not goal.exists():
        return f"no such file: {target}"
    if anchor and goal.suffix == ".md" and anchor not in _anchors(goal):
        return f"no heading for #{anchor} in {goal.relative_to(ROOT).as_posix()}"
    return None


def test_every_link_and_anchor_in_the_docs_resolves() -> None:
    problems = [
        f"{where}: {problem}"
        for page in _doc_pages()
        for where, line in _lines(page)
        for target in LINK.findall(line)
        if not target.startswith(("http://", "https://", "mailto:"))
        if (problem := _link_problem(page, target))
    ]
    assert problems == [], "\n".join(problems)


def _is_repository_path(token: str) -> bool:
    if any(mark in token for mark in "<>*{}=$%\\") or token.startswith(("/", "~", "-", ".")):
        return False
    return token.startswith(ROOT_FOLDERS) or ("/" in token and token.endswith(PATH_SUFFIXES))


def _path_exists(page: Path, token: str) -> bool:
    """A path from the root must be there as written; a shorter one must end a real path."""
    token = token.split("::")[0].rstrip("/")
    tracked = _tracked()
    if token in tracked or token.startswith(MADE_LATER) or (page.parent / token).exists():
        return True
    return not token.startswith(ROOT_FOLDERS) and any(
        name.endswith("/" + token) for name in tracked
    )


def test_every_file_path_named_in_the_docs_exists() -> None:
    problems = [
        f"{where}: `{token}`"
        for page in _doc_pages()
        for where, line in _lines(page)
        for token in TICKED.findall(line)
        if _is_repository_path(token.rstrip(".,:;)"))
        if not _path_exists(page, token.rstrip(".,:;)"))
    ]
    assert problems == [], "named in the docs but not in the repository:\n" + "\n".join(problems)


def test_every_test_id_named_in_the_docs_is_a_test() -> None:
    problems = []
    for page in _doc_pages():
        for where, line in _lines(page):
            for token in TICKED.findall(line):
                if token.startswith("tests/") and "::" in token:
                    path, _, name = token.partition("::")
                    source = ROOT / path
                    defined = source.is_file() and re.search(
                        rf"^\s*def {re.escape(name)}\(", source.read_text(encoding="utf-8"), re.M
                    )
                    if not defined:
                        problems.append(f"{where}: `{token}`")
    assert problems == [], "\n".join(problems)


CODE_POINTER = re.compile(r'docs/([\w-]+\.md)(?:#([\w-]+)|,? "([^"]{3,80})")?')


def _labels(page: Path) -> list[str]:
    """A page's headings and its bold or italic paragraph labels, as code quotes them."""
    text = page.read_text(encoding="utf-8")
    found = re.findall(r"^#{1,6}\s+(.*)$", text, re.M) + re.findall(r"\*\*([^*]+)\*\*", text)
    found += re.findall(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])", text)
    return [_plain(label) for label in found]


def _plain(label: str) -> str:
    """A label as compared: no code marks, emphasis or quotes, lower case."""
    return re.sub(r"[`*\"“”]", "", label).strip().lower().rstrip(".")


def _pointer_problem(page_name: str, anchor: str | None, section: str | None) -> str | None:
    page = ROOT / "docs" / page_name
    if not page.is_file():
        return f"no docs/{page_name}"
    if anchor and anchor not in _anchors(page):
        return f"no heading for #{anchor} in docs/{page_name}"
    wanted = _plain(section or "")
    if section and not any(label.startswith(wanted) for label in _labels(page)):
        return f'no "{section}" in docs/{page_name}'
    return None


def test_what_the_code_points_at_in_the_docs_is_there() -> None:
    problems = []
    for path in _tracked():
        if path.endswith(".py") and path != "tests/test_docs_links.py":
            # a pointer may wrap onto the next line of a docstring or a comment
            text = re.sub(r"\n\s*(?:#\s*)?", " ", (ROOT / path).read_text(encoding="utf-8"))
            for match in CODE_POINTER.finditer(text):
                if problem := _pointer_problem(*match.groups()):
                    problems.append(f"{path}: {problem}")
    assert problems == [], "\n".join(problems)


DOC_POINTER = re.compile(r'(?:docs/)?([\w-]+\.md)(?:\]\([^)]*\))?,? "([^"]{3,80})"')


def test_what_the_docs_quote_of_each_other_is_there() -> None:
    """`docs/jobs.md, "A share that hangs"` in README, CHANGELOG or a page names a real label."""
    problems = []
    for page in [ROOT / "CHANGELOG.md", *_doc_pages()]:
        text = re.sub(r"\n\s*", " ", page.read_text(encoding="utf-8"))
        for name, section in DOC_POINTER.findall(text):
            if (ROOT / "docs" / name).is_file() and (
                problem := _pointer_problem(name, None, section)
            ):
                problems.append(f"{page.name}: {problem}")
    assert problems == [], "\n".join(problems)


def test_the_checks_see_the_docs_links_and_paths() -> None:
    """Guards the guards: the patterns really find what the docs hold."""
    readme = ROOT / "README.md"
    assert any(LINK.findall(line) for _, line in _lines(readme))
    assert "hr-panels.md" in {p.name for p in _doc_pages()}
    assert _link_problem(readme, "docs/privacy.md#no-such-heading-here") is not None
    assert _link_problem(readme, "docs/no-such-page.md") is not None
    assert not _path_exists(readme, "surveys/no_such_module.py")
    assert not _path_exists(readme, "surveys/test_store.py")  # it is tests/surveys/...
    assert _path_exists(readme, "panels/comments_panel.py")
    assert _pointer_problem("jobs.md", None, "A share that hangs") is None  # a bold label
    assert _pointer_problem("import-tools.md", None, "Exports as the tools") is None  # a heading
    assert _pointer_problem("import.md", None, "Variants") is not None


def _unlisted_pages(readme: str, pages: list[str]) -> list[str]:
    index = readme.split("## Documentation", 1)[1].split("\n## ", 1)[0]
    return [page for page in pages if f"]({page})" not in index]


def test_every_docs_page_is_in_the_readme_index() -> None:
    """A newcomer finds every page from README's Documentation list, not only from a
    sentence somewhere else (import.md and csv-format.md were linked only from the
    command line section)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pages = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "docs").glob("*.md"))]
    assert _unlisted_pages(readme, pages) == []
    assert _unlisted_pages("## Documentation\n- [x](docs/a.md)\n## Next", ["docs/b.md"]) == [
        "docs/b.md"
    ]


def test_readme_names_every_screenshot_script() -> None:
    """README's list of the scripts that take the screenshots is whole (take_hr_files.py
    and take_slow_share.py were missing), so a newcomer can retake any shot it shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    scripts = sorted((ROOT / "docs" / "screenshots").glob("take_*.py"))
    missing = [p.name for p in scripts if f"docs/screenshots/{p.name}" not in readme]
    assert scripts and missing == []
