"""Machine-wide defaults written by the Windows installer (/SHARE=...) reach the app.

The installer writes QSettings' system-scope INI file (C:\\ProgramData\\Rapport\\Rapport.ini);
``load_settings`` reads it through QSettings' fallback from the user's file. Here
the two scopes get separate temporary folders (``scopes``), as on a real machine.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from desktop_app.settings import (
    ROLE_RESPONDENT,
    TEAM_MODE,
    Settings,
    load_settings,
    save_settings,
)

ISS = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "rapport.iss"


def iss_escape(value: str) -> str:
    """What the installer's IniEscape does (backslashes and quotes escaped)."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def write_machine_file(folder: Path, share: str, role: str = ROLE_RESPONDENT) -> Path:
    """The file exactly as the installer's WriteMachineDefaults writes it."""
    path = folder / "Rapport" / "Rapport.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["[General]", "mode=team", f'share_folder="{iss_escape(share)}"', f"role={role}"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.fixture
def scopes(tmp_path: Path) -> tuple[Path, Path]:
    """Separate folders for the user's and the machine's QSettings files."""
    from PySide6.QtCore import QSettings

    user, machine = tmp_path / "user-config", tmp_path / "machine-config"
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(user))
    QSettings.setPath(QSettings.IniFormat, QSettings.SystemScope, str(machine))
    return user, machine


def test_unc_share_from_the_installer_is_the_default(scopes: tuple[Path, Path]) -> None:
    _user, machine = scopes
    share = r"\\fileserver\HR Surveys\rapport"
    write_machine_file(machine, share)
    settings = load_settings()  # the app's own store: the user's file, falling back
    assert settings.share_folder == share
    assert settings.mode == TEAM_MODE
    assert settings.role == ROLE_RESPONDENT


def test_a_users_own_choice_wins_over_the_machine_default(scopes: tuple[Path, Path]) -> None:
    user, machine = scopes
    write_machine_file(machine, r"\\server\rapport")
    settings = load_settings()
    settings.share_folder = r"D:\my-share"
    save_settings(settings)
    assert (user / "Rapport" / "Rapport.ini").exists()
    assert load_settings().share_folder == r"D:\my-share"
    assert "server" in (machine / "Rapport" / "Rapport.ini").read_text("utf-8")  # untouched


def test_installer_keys_are_settings_fields() -> None:
    text = ISS.read_text(encoding="utf-8")
    written = re.findall(r"Lines\[\d\] := '(\w+)=", text)
    names = {f.name for f in fields(Settings)}
    assert written == ["mode", "share_folder", "role"]
    assert set(written) <= names
    assert "mode=team" in text and TEAM_MODE == "team"
    assert "{param:ROLE|respondent}" in text and ROLE_RESPONDENT == "respondent"
    # The escaping write_machine_file copies is the one the installer does.
    assert "StringChangeEx(Result, '\\', '\\\\', True);" in text
    assert "SaveStringsToUTF8FileWithoutBOM" in text
