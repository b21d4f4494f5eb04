"""`rapport names import` says which entries are ordinary words or department names, and
`--skip-words` leaves them out; `rapport names clear` asks first (twelfth polish round)."""

from __future__ import annotations

import io

import pytest

from desktop_app.cli import main
from surveys.importing.names import stored_names
from surveys.personal_data import find_personal_data
from surveys.store import create_workspace, open_workspace

STAFF = "Name\nSlow Rude\nNever Helpful\nSales\nAmara Okafor\nJoy Grace\n"


@pytest.fixture
def workspace(tmp_path):
    create_workspace(tmp_path / "ws", ["Sales", "IT", "Marketing"]).close()
    return tmp_path / "ws"


def _names(workspace) -> list[str]:
    db = open_workspace(workspace)
    try:
        return stored_names(db)
    finally:
        db.close()


def _staff(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text(STAFF, encoding="utf-8")
    return path


def test_the_import_names_the_entries_that_are_ordinary_words(workspace, tmp_path, capsys):
    """A list holding "Slow Rude" made every "slow" and "rude" of every comment [name],
    and the import said nothing."""
    assert main(["names", "import", str(workspace), str(_staff(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert (
        "3 entries of the file are an ordinary word or a department's name rather than a "
        "person's: Never Helpful (helpful, never: ordinary words); Sales (a department: "
        "Sales); Slow Rude (rude, slow: ordinary words)."
    ) in out
    assert "import the file again with --skip-words to leave them out" in out
    assert "Also a name in the list: Sales" not in out  # said once, with its entry
    assert "Joy Grace" not in out and "Amara" not in out  # given names are names first
    assert set(_names(workspace)) == {
        "slow rude",
        "never helpful",
        "sales",
        "amara okafor",
        "joy grace",
    }


def test_skip_words_leaves_them_out_even_once_imported(workspace, tmp_path, capsys):
    staff = _staff(tmp_path)
    assert main(["names", "import", str(workspace), str(staff)]) == 0
    assert main(["names", "import", str(workspace), str(staff), "--skip-words"]) == 0
    out = capsys.readouterr().out
    assert "They were left out." in out
    assert set(_names(workspace)) == {"amara okafor", "joy grace"}
    found = find_personal_data("Replies from Sales are slow and rude.", _names(workspace))
    assert found == []


def test_clear_without_a_terminal_needs_yes(workspace, tmp_path, capsys, monkeypatch):
    main(["names", "import", str(workspace), str(_staff(tmp_path))])
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["names", "clear", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rapport names clear: Remove the 5 imported names? Comments will")
    assert "Nothing was changed: add --yes to go ahead." in err
    assert len(_names(workspace)) == 5
    assert main(["names", "clear", str(workspace), "--yes"]) == 0
    assert "Removed 5 imported names" in capsys.readouterr().out
    assert _names(workspace) == []


@pytest.mark.parametrize(("answer", "status", "left"), [("n\n", 1, 5), ("y\n", 0, 0)])
def test_clear_on_a_terminal_asks(workspace, tmp_path, capsys, monkeypatch, answer, status, left):
    main(["names", "import", str(workspace), str(_staff(tmp_path))])
    stdin = io.StringIO(answer)
    stdin.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["names", "clear", str(workspace)]) == status
    assert "again after the next analysis (names typed in Settings stay redacted). [y/N] " in (
        capsys.readouterr().out
    )
    assert len(_names(workspace)) == left
