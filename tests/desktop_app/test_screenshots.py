"""The screenshot scripts' shared set-up (desktop_app/screenshots.py): the command line every
script keeps, a home that is never the user's, and the file names the docs name."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from desktop_app import screenshots


def test_the_command_line_keeps_suffix_and_dark_and_takes_a_scripts_own_options() -> None:
    parser = screenshots.command_line("Screenshots of something.\n\nMore.")
    parser.add_argument("--only")
    args = parser.parse_args(["--dark", "--suffix=-dark", "--only", "pair"])
    assert (args.dark, args.suffix, args.only) == (True, "-dark", "pair")
    assert parser.description == "Screenshots of something."
    plain = screenshots.command_line().parse_args(["--suffix", "-150"])
    assert (plain.dark, plain.suffix) == (False, "-150")


def test_the_home_is_a_new_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first, second = screenshots.temporary_home(), screenshots.temporary_home()
    assert first != second and first.parent == second.parent == tmp_path
    assert os.environ["RAPPORT_HOME"] == str(second / "home")
    assert os.environ["XDG_CONFIG_HOME"] == str(second / "config")


def test_a_fixed_home_is_emptied_so_every_run_prints_the_same_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    left = tmp_path / "hr" / "Documents" / "an earlier run"
    left.mkdir(parents=True)
    home = screenshots.temporary_home("hr")
    assert home == tmp_path / "hr" and not left.exists()
    assert os.environ["RAPPORT_HOME"] == str(tmp_path / "hr" / "home")


def test_a_shot_is_named_with_the_runs_suffix(qapp) -> None:  # noqa: ANN001
    args = screenshots.command_line().parse_args(["--suffix=-dark-150", "--dark"])
    run = screenshots.Run(args, Path("unused"), qapp)
    assert run.path("hr-pair") == screenshots.FOLDER / "hr-pair-dark-150.png"
    assert (screenshots.FOLDER / "take_welcome.py").exists()  # the scripts' own folder


def test_the_fixed_share_is_emptied_first_and_removed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "S-drive" / "rapport"
    monkeypatch.setattr(screenshots, "SHARE", share)
    (share / "inbox").mkdir(parents=True)
    (share / "inbox" / "stale.rapport").write_bytes(b"from a run stopped half way")
    with screenshots.fixed_share() as folder:
        assert folder == share and not share.exists()
        (share / "published").mkdir(parents=True)
    assert not share.parent.exists()
