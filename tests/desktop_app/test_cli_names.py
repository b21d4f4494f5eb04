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
    assert "import the file again with --skip-words to leave them all out" in out
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
    assert main(["names", "import", str(workspace), str(staff), "--skip-words", "--yes"]) == 0
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
        capsys.readouterr().err
    )
    assert len(_names(workspace)) == left


def _terminal(monkeypatch, answer: str = "", interrupt: bool = False) -> None:
    stdin = io.StringIO(answer)
    stdin.isatty = lambda: True
    if interrupt:
        stdin.readline = lambda *_: (_ for _ in ()).throw(KeyboardInterrupt)
    monkeypatch.setattr("sys.stdin", stdin)


def test_skip_words_asks_before_names_an_earlier_import_stored_show_again(
    workspace, tmp_path, capsys, monkeypatch
):
    """`--skip-words` took "Jane Best", stored by the first import, out of the list and
    said only "They were left out.": every comment redacted of her showed her again after
    the next analysis, without a question or a word (review 48)."""
    staff = tmp_path / "staff.csv"
    staff.write_text("Given,Family\nJane,Best\nAmara,Okafor\n", encoding="utf-8")
    assert main(["names", "import", str(workspace), str(staff)]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: refused, unchanged
    assert main(["names", "import", str(workspace), str(staff), "--skip-words"]) == 2
    question = (
        "Take 1 name out of the list, where an earlier import stored it (Jane Best)? "
        "Comments will show it again after the next analysis."
    )
    assert f"rapport names import: {question} Nothing was changed: add --yes" in (
        capsys.readouterr().err
    )
    _terminal(monkeypatch, "n\n")
    assert main(["names", "import", str(workspace), str(staff), "--skip-words"]) == 1
    captured = capsys.readouterr()
    assert f"{question} [y/N] " in captured.err and "Nothing was changed." in captured.out
    assert set(_names(workspace)) == {"jane best", "amara okafor"}
    _terminal(monkeypatch, "y\n")
    assert main(["names", "import", str(workspace), str(staff), "--skip-words"]) == 0
    assert (
        "Taken out of the list, where an earlier import had stored it: Jane Best; comments "
        "show this name again after the next analysis."
    ) in capsys.readouterr().out
    assert _names(workspace) == ["amara okafor"]


def test_skip_words_asks_nothing_when_none_was_stored(workspace, tmp_path, capsys):
    args = ["names", "import", str(workspace), str(_staff(tmp_path)), "--skip-words"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "They were left out." in out and "Taken out of the list" not in out


def test_the_question_is_seen_with_the_output_redirected(workspace, tmp_path, capsys, monkeypatch):
    """The question went to standard output: `rapport names clear WS > log.txt` wrote it
    into the file and waited, the terminal blank; Ctrl+D and Ctrl+C left the cursor after
    "[y/N] ", the next message on the same line (review 48)."""
    main(["names", "import", str(workspace), str(_staff(tmp_path))])
    capsys.readouterr()
    _terminal(monkeypatch, "")  # Ctrl+D
    assert main(["names", "clear", str(workspace)]) == 1
    captured = capsys.readouterr()
    assert "[y/N] " not in captured.out and captured.err.endswith("[y/N] \n")
    _terminal(monkeypatch, interrupt=True)
    assert main(["names", "clear", str(workspace)]) == 130
    assert capsys.readouterr().err.endswith(
        "[y/N] \nrapport names clear: interrupted; nothing was half-written.\n"
    )
    assert len(_names(workspace)) == 5


def test_rapport_help_says_what_exit_status_1_of_a_question_means(capsys):
    """`names clear` answered no exits 1, which `rapport --help` and the README listed only
    for --self-test and a reader gone away (review 48)."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    # Since stop 36 (cli2) a fault of Rapport's own is status 1 too, named after the question.
    assert "or a question was answered no (names clear, names import --skip-words), or a " in out
    assert "fault in Rapport itself" in out


def test_thousands_of_entries_taken_out_are_named_twenty_and_counted(workspace, tmp_path, capsys):
    staff = tmp_path / "staff.csv"
    rows = "".join(f"Person{n},Best\n" for n in range(1000))
    staff.write_text(f"Given,Family\n{rows}", encoding="utf-8")
    main(["names", "import", str(workspace), str(staff)])
    capsys.readouterr()
    assert main(["names", "import", str(workspace), str(staff), "--skip-words", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "had stored them: Person0 Best, Person1 Best, " in out
    assert " and 980 more; comments show these names again" in out and len(out) < 3000


def test_the_summary_says_keeping_a_real_name_is_safe(workspace, tmp_path, capsys):
    """ "Jane Best" was listed as an ordinary word with "If they are not people, import the
    file again with --skip-words": nothing said that keeping her is safe, nor that
    --skip-words leaves out every listed entry, the real people too (review 48)."""
    staff = tmp_path / "staff.csv"
    staff.write_text("Given,Family\nJane,Best\nSlow,Rude\n", encoding="utf-8")
    assert main(["names", "import", str(workspace), str(staff)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Keeping a real person's name is safe: it costs only those words." in out
    assert "--skip-words leaves out the real people among them too." in out
