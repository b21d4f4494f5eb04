"""Screenshots of tracked actions, the pulse programme and editing without YAML (issue 19,
items 11 to 13) on the demo workspace: the Overview's overdue actions, the action dialog,
the pair's change since an action, the Pulses section's programme and calendar, the
programme dialog, the themes form, New workspace and the New wave dialog.

Run under Xvfb with a window manager (a focus ring needs one)::

    Xvfb :97 -noreset -screen 0 1440x900x24 &  DISPLAY=:97 openbox &
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_hr_plans.py
    DISPLAY=:97 QT_SCALE_FACTOR=1.5 .venv/bin/python docs/screenshots/take_hr_plans.py --suffix -150
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_hr_plans.py --dark --suffix=-dark
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from desktop_app.screenshots import (
    PASSPHRASE,
    command_line,
    open_and_wait,
    resize_in_lines,
    save,
    spin,
    start,
)

OUR_PULSE = """\
key: our-pulse
title: Our four-question pulse
questions:
  - item: timely
    text: They answer in time.
  - item: respect
    text: They value our work.
  - item: overall
    text: Overall, working with them is…
  - item: comment
    text: One thing that would help?
"""


def _prepare(folder: Path, share: Path) -> None:
    """The demo, an overdue action and a monthly programme whose first wave is published."""
    from analysis.export.schedule import run_schedule
    from analysis.pipeline import analyse_workspace
    from surveys.actions import Action, save_action
    from surveys.demo import build_demo
    from surveys.programme import Programme, save_programme
    from surveys.store import open_workspace, set_setting

    build_demo(folder, seed=0)
    today = date.today()
    db = open_workspace(folder)
    due = (today - timedelta(days=12)).isoformat()
    save_action(db, Action("Marketing", "IT", "Tool requests through one queue", "Dana Weiss",
                           "Lee Carter", due, "in progress", "2026-10"))  # fmt: skip
    save_programme(
        db, Programme("monthly", 10, "short-pulse", (today - timedelta(days=3)).isoformat())
    )
    set_setting(db, "share", str(share))
    db.close()
    run_schedule(folder, share, passphrase=PASSPHRASE, create=True)  # a new shared folder
    analyse_workspace(folder, wave="2026-10")
    analyse_workspace(folder)


def main() -> int:
    parser = command_line(__doc__)
    parser.add_argument(
        "--only", help="take only these shots (comma-separated: " + ", ".join(n for n, _ in _SHOTS)
    )
    run = start(parser)
    folder, share = run.temp / "northwind", run.temp / "share"
    _prepare(folder, share)

    from desktop_app.main_window import MainWindow

    window = MainWindow()
    resize_in_lines(window, 80, 52)
    window.show()
    open_and_wait(window, folder)
    window.context.select_wave("2026-10")

    def shot(widget, name: str) -> None:  # noqa: ANN001
        save(widget, run.path(f"hr-{name}"), rounds=8)

    only = run.args.only
    wanted = set(only.split(",")) if only else {name for name, _ in _SHOTS}
    for name, take in _SHOTS:
        if name in wanted:
            take(window, shot)
    window.close()
    return 0


def _overview(window, shot) -> None:
    window.show_section("overview")
    shot(window, "overview-overdue")


def _action_dialog(window, shot) -> None:
    window.show_section("actions")
    shot(window, "actions-tracked")
    overdue = window.panel("overview").overdue.actions[0]
    dialog = window.show_action(overdue.id)
    shot(dialog, "action-dialog")
    dialog.close()


def _pair(window, shot) -> None:
    from PySide6.QtWidgets import QScrollArea

    window.show_section("relationships")
    window.open_pair("Sales", "Marketing")
    page = window.pair_page
    spin()
    page.findChildren(QScrollArea)[0].ensureWidgetVisible(page.actions.recorded_list, 0, 200)
    shot(window, "pair-action-change")
    window.go_back()


def _pulses(window, shot) -> None:
    from PySide6.QtWidgets import QScrollArea

    window.show_section("pulses")
    panel = window.panel("pulses")
    spin()
    # The programme box is at the foot of the section, under the waves: scroll to it.
    panel.findChildren(QScrollArea)[0].ensureWidgetVisible(panel.programme_box, 0, 0)
    shot(window, "pulses-programme")
    box = window.panel("pulses").programme_box
    dialog = _opened(box.edit(), box, "ProgrammeDialog")
    shot(dialog, "programme-dialog")
    dialog.close()
    pulses = window.panel("pulses")
    wave = _opened(pulses.new_wave(), pulses, "WaveDialog")
    template = Path(tempfile.mkdtemp()) / "our-pulse.yaml"
    template.write_text(OUR_PULSE, encoding="utf-8")
    wave.load_template(str(template))
    shot(wave, "new-wave-template")
    wave.close()


def _opened(dialog, parent, kind: str):
    """The dialog ``edit()``/``new_wave()`` opened: ``None`` from them means it opens once
    its read answers (a loaded machine can pass the 0.3 s wait), so wait for it."""
    from PySide6.QtWidgets import QApplication, QDialog

    while dialog is None:
        QApplication.processEvents()
        found = [d for d in parent.findChildren(QDialog) if type(d).__name__ == kind]
        dialog = next((d for d in found if d.isVisible()), None)
    return dialog


def _themes(window, shot) -> None:
    window.show_section("themes")
    dialog = window.panel("themes").edit_taxonomy()
    dialog.add_theme()
    dialog.name_edit.setText("Vendor contracts")
    dialog.keywords_edit.setPlainText("vendor\ncontract\nprocurement")
    dialog.phrases_edit.setPlainText("purchase order\nsign off")
    dialog.description_edit.setText("Buying from outside suppliers and the approvals it needs.")
    dialog._on_form_edited()
    shot(dialog, "themes-form")
    dialog.list.setCurrentRow(2)
    dialog.name_edit.setText("Responsiveness")
    dialog.phrases_edit.setPlainText(dialog.phrases_edit.toPlainText() + "\n!!!")
    dialog._on_form_edited()
    shot(dialog, "themes-form-problems")
    dialog.reject()


def _new_workspace(window, shot) -> None:
    from desktop_app.new_workspace_dialog import NewWorkspaceDialog

    dialog = NewWorkspaceDialog(window, "/home/hr/Documents/Rapport")
    dialog.organisation_edit.setText("Riverside Clinic")
    dialog.table.item(0, 1).setText("40")
    dialog.table.item(1, 1).setText("25")
    dialog.table.item(3, 1).setText("60")
    row = dialog.add_department("Pharmacy")
    dialog.table.item(row, 1).setText("4")  # under the threshold: the note says what it means
    dialog.show()
    shot(dialog, "new-workspace")
    dialog.reject()


_SHOTS = [
    ("overview", _overview),
    ("actions", _action_dialog),
    ("pair", _pair),
    ("pulses", _pulses),
    ("themes", _themes),
    ("new workspace", _new_workspace),
]


if __name__ == "__main__":
    raise SystemExit(main())
