"""Start-up weight of `rapport respond`: nothing heavy is imported before the window shows.

sqlite-utils imports numpy and pandas when they are installed, and cryptography takes a
noticeable time to load; scikit-learn and the analysis engine are far heavier. The team-mode
respondent needs none of them until a submission is sealed. Each check runs a fresh Python
process, because this test process has long since imported all of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.settings import Settings, save_settings

#: Top-level packages the respondent's start-up must not import.
HEAVY = ("sqlite_utils", "numpy", "pandas", "cryptography", "sklearn", "scipy", "nltk")
#: ... nor may the command line's parser (every command imports these inside ``run``).
PARSER_HEAVY = (*HEAVY, "analysis", "PySide6", "yaml", "pptx", "openpyxl")

# The real `rapport respond --share DIR` (desktop_app.cli.main), without a system tray so
# the survey window opens at once. When it is shown, report what is loaded and stop.
RESPOND = """
import json, os, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSystemTrayIcon
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, sys.argv[2])
QSystemTrayIcon.isSystemTrayAvailable = staticmethod(lambda: False)
from desktop_app.respondent.wizard import SurveyWizard
shown = SurveyWizard.showEvent
def report(self, event):
    shown(self, event)
    loaded = sorted({name.split(".")[0] for name in sys.modules})
    qt_built = "Qt" in sys.modules["PySide6.QtCore"].__dict__
    report = {"title": self.windowTitle(), "loaded": loaded, "qt_namespace_built": qt_built}
    print(json.dumps(report), flush=True)
    os._exit(0)
SurveyWizard.showEvent = report
from desktop_app.cli import main
sys.exit(main(["respond", "--share", sys.argv[1]]))
"""

PARSER = """
import json, sys
from desktop_app.cli import build_parser
build_parser()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _python(code: str, *args: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_team_mode_window_opens_without_heavy_imports(share: Path, isolated_qsettings) -> None:
    from desktop_app.respondent.source import TeamSource

    save_settings(Settings(department="Sales"))
    # The app has read this survey before (the tray noticed it, or a first start): its
    # signature was verified then and is remembered by its hash, so no start after that
    # loads cryptography (surveys/survey_signature.py).
    assert TeamSource(share, "Sales", hold=False).problem() is None
    report = json.loads(_python(RESPOND, str(share), str(isolated_qsettings)))
    assert report["title"]  # the survey window really was shown
    assert "PySide6" in report["loaded"] and "surveys" in report["loaded"]
    assert [name for name in HEAVY if name in report["loaded"]] == []
    assert "analysis" not in report["loaded"]
    # PySide6 builds all of the Qt namespace's enums on its first use (20-30 ms): the first
    # page must not need it (desktop_app/respondent/intro_page.py).
    assert report["qt_namespace_built"] is False


def test_first_page_enum_values_are_the_qt_ones(qtbot, share: Path) -> None:
    """The numbers the first page sets through Qt properties mean what their names say."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    from desktop_app.respondent import intro_page
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.wizard import SurveyWizard

    assert Qt.NoFocus.value == intro_page.NO_FOCUS
    assert Qt.TextSelectableByMouse.value == intro_page.TEXT_SELECTABLE_BY_MOUSE
    assert Qt.RichText.value == intro_page.RICH_TEXT
    assert Qt.PlainText.value == intro_page.PLAIN_TEXT
    [survey] = TeamSource(share).unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: None)
    qtbot.addWidget(wizard)
    note = wizard.intro.findChild(intro_page.QLabel, "privacyNote")
    assert note.textFormat() == Qt.RichText
    assert note.textInteractionFlags() == Qt.TextSelectableByMouse
    assert {s.focusPolicy() for s in wizard.findChildren(QScrollArea)} == {Qt.NoFocus}
    with pytest.raises(AttributeError, match="textFormatt"):  # a typo must not pass silently
        intro_page.set_qt_property(note, "textFormatt", intro_page.RICH_TEXT)


def test_command_line_parser_imports_no_heavy_module() -> None:
    loaded = json.loads(_python(PARSER))
    assert "desktop_app" in loaded
    assert [name for name in PARSER_HEAVY if name in loaded] == []


def test_light_modules_still_seal_when_asked(share: Path, workspace: Path) -> None:
    """The lazy import of cryptography happens at sealing and the file opens with the key."""
    from surveys.keys import load_private_key, unseal
    from surveys.outbox import deliver
    from surveys.published import list_open_surveys
    from surveys.submission import Answer, Submission

    (published,) = list_open_surveys(share)
    sub = Submission("2026-10", "Sales", "2026-10-02", (Answer("IT", "timely", 2),))
    result = deliver(sub, published, share)
    assert result.delivered
    key = load_private_key(workspace, "correct horse battery staple")
    data = json.loads(unseal(result.path.read_bytes(), key))
    assert (data["id"], data["answers"]) == (sub.id, [["IT", "timely", 2]])
