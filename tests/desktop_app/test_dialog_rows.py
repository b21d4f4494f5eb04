"""A form's label stays beside its field when a dialog is taller than its contents.

The New wave dialog gave the room it had beyond its contents (made taller by hand, or grown
for "Loaded … into this workspace.") to its Remind row: the spin boxes drifted down, away
from their label (seen in the screenshot of a loaded template).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QLayoutItem, QWidget

from tests.desktop_app.test_dialog_mnemonics import _dialogs, context  # noqa: F401 (fixture)


def _field_widget(item: QLayoutItem) -> QWidget | None:
    """The row's field, or the first shown widget of a row that is a layout."""
    if item.widget() is not None:
        return item.widget()
    layout = item.layout()
    widgets = (layout.itemAt(i).widget() for i in range(layout.count()))
    return next((w for w in widgets if w is not None and w.isVisible()), None)


def _apart(dialog: QWidget) -> list[str]:
    """Rows of one line whose label's middle is more than 3 pixels from its field's."""
    apart = []
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.LabelRole)
            field = form.itemAt(row, QFormLayout.FieldRole)
            if label is None or field is None or label.widget() is None:
                continue
            label, widget = label.widget(), _field_widget(field)
            line = 2 * label.fontMetrics().height() + 12
            if widget is None or not label.isVisible() or widget.height() > line:
                continue  # a list or a text box: its label stands at its top
            middle = label.mapTo(dialog, label.rect().center()).y()
            if abs(middle - widget.mapTo(dialog, widget.rect().center()).y()) > 3:
                apart.append(label.text())
    return apart


def test_labels_stay_beside_their_fields_in_a_dialog_made_taller(
    request: pytest.FixtureRequest, tmp_path, qtbot
) -> None:
    opened = request.getfixturevalue("context")  # the demo workspace
    for name, dialog in _dialogs(opened, tmp_path).items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert _apart(dialog) == [], name
        dialog.resize(dialog.width(), dialog.height() + 80)
        qtbot.wait(10)
        assert _apart(dialog) == [], f"{name}, 80 pixels taller"
        dialog.close()


@pytest.mark.parametrize("kind", ["new wave", "programme"])
def test_a_dialog_made_taller_gives_its_room_to_the_departments_list(
    request: pytest.FixtureRequest, tmp_path, qtbot, kind: str
) -> None:
    """The New wave dialog gave the room beyond its contents to a blank gap above its
    buttons, and the programme dialog spread it between its rows, while the Ask about
    list (capped at a few rows) scrolled through a long list of departments."""
    from desktop_app.widgets.department_checklist import DepartmentChecklist

    dialog = _dialogs(request.getfixturevalue("context"), tmp_path)[kind]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    checklist = dialog.findChild(DepartmentChecklist)
    before = checklist.height()
    dialog.resize(dialog.width(), dialog.height() + 300)
    qtbot.waitUntil(lambda: checklist.height() >= before + 280, timeout=5_000)
    assert _apart(dialog) == []
    dialog.close()
