"""What was typed in a form and not saved yet, kept when the form is read again.

A settings page saves each group on its own button (the organisation's name, the anonymity
thresholds and names, the shared folder), and reads everything back after any save. Without
this, saving the organisation's name put back the stored names to redact, and a name HR had
just typed (but not saved yet) was gone without a word.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.widgets.dialog_width import widen_message_box

Getter = Callable[[], object]
Setter = Callable[[object], None]


class KeptEdits:
    """Fields of a form, each read with a getter and shown with a setter.

    Call :meth:`loaded` when the form has just shown the stored values; reload the form with
    :meth:`reload` to keep what was typed since in the fields whose stored value did not
    change meanwhile (a field that was itself saved shows what was stored: it may have been
    cleaned).
    """

    def __init__(self, fields: dict[str, tuple[Getter, Setter]]) -> None:
        self._fields = fields
        self._loaded: dict[str, object] = {}

    def loaded(self) -> None:
        """Remember the values the form shows as the stored ones."""
        self._loaded = {name: get() for name, (get, _set) in self._fields.items()}

    def typed(self) -> dict[str, object]:
        """The fields changed since :meth:`loaded`, with their values."""
        current = {name: get() for name, (get, _set) in self._fields.items()}
        return {
            name: value
            for name, value in current.items()
            if name in self._loaded and value != self._loaded[name]
        }

    def reload(self, read_again: Callable[[], None]) -> None:
        """Run ``read_again`` (which shows the stored values and calls :meth:`loaded`), then
        put back what was typed where the stored value is the one it was typed over."""
        typed = self.typed()
        before = dict(self._loaded)
        read_again()
        for name, value in typed.items():
            if self._loaded.get(name) == before.get(name):
                self._fields[name][1](value)


def discard_typed(parent: QWidget, where: str, typed: list[str]) -> bool:
    """Ask before what was typed (``typed``: what it is, e.g. "the names to redact") is
    lost by closing; True to go on without it. Cancel (the default, and Escape) keeps it."""
    text = (
        QCoreApplication.translate("KeptEdits", "Changes you typed in %1 are not saved: %2.")
        .replace("%1", where)
        .replace("%2", ", ".join(typed))
    )
    box = QMessageBox(
        QMessageBox.Warning,
        QCoreApplication.translate("KeptEdits", "Discard unsaved changes?"),
        text,
        parent=parent,
    )
    box.setObjectName("discardTypedBox")
    box.setInformativeText(
        QCoreApplication.translate(
            "KeptEdits", "Go back to save them with their Save button, or discard them."
        )
    )
    discard = box.addButton(
        QCoreApplication.translate("KeptEdits", "&Discard changes"), QMessageBox.DestructiveRole
    )
    back = box.addButton(
        QCoreApplication.translate("KeptEdits", "&Go back"), QMessageBox.RejectRole
    )
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    widen_message_box(box, chars=60)
    box.exec()
    return box.clickedButton() is discard
