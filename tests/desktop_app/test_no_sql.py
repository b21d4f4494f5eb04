"""No SQL in the GUI: ``desktop_app/`` reads and writes the workspace only through
``surveys/`` and ``analysis/`` functions.

The check reads the source (with :mod:`ast`): an SQL statement in a string literal, or a
call of ``execute``, ``executemany`` or ``executescript``, anywhere under ``desktop_app/``
fails it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "desktop_app"
SQL = re.compile(
    r"\b(SELECT\b.*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(TEMP\s+)?(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE"
    r"|PRAGMA\s+\w+|REPLACE\s+INTO)\b",
    re.DOTALL,
)
CALLS = {"execute", "executemany", "executescript"}


def _findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL.search(node.value):
                found.append((node.lineno, f"SQL {node.value[:40]!r}"))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) in CALLS:
            found.append((node.lineno, f".{node.func.attr}("))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def _gui_files() -> dict[str, Path]:
    return {p.relative_to(ROOT).as_posix(): p for p in sorted(GUI.rglob("*.py"))}


def test_the_check_sees_sql_and_execute_calls(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'def f(db):\n    db.execute("SELECT name " f"FROM {TABLE} WHERE id = ?", [1])\n'
        'Q = "INSERT INTO t(a) VALUES (1)"\n'
        'U = """UPDATE waves\n SET status = 1"""\n'
        'OK = "Select a wave from the list, then update the settings."\n',
        encoding="utf-8",
    )
    found = _findings(sample)
    assert [f.split(":")[0] for f in found] == ["line 2", "line 2", "line 3", "line 4"]


def test_no_sql_under_desktop_app() -> None:
    files = _gui_files()
    assert len(files) > 50  # the tree was found
    offending = {name: found for name, path in files.items() if (found := _findings(path))}
    assert offending == {}, "move data access into surveys/ or analysis/"
