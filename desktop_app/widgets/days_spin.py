"""A spin box of days that reads right for one day too ("1 day", not "1 days")."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget


class DaysSpinBox(QSpinBox):
    """Whole days; its text is "1 day", "3 days" (a special value text still wins at 0)."""

    def __init__(self, parent: QWidget | None = None, objectName: str = "") -> None:  # noqa: N803
        super().__init__(parent, objectName=objectName)

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt API)
        return self.tr("%n days", "", value)

    def valueFromText(self, text: str) -> int:  # noqa: N802 (Qt API)
        digits = "".join(c for c in text if c.isdigit())
        return int(digits) if digits else self.minimum()

    def validate(self, text: str, pos: int):  # noqa: ANN201 (Qt API)
        from PySide6.QtGui import QValidator

        digits = "".join(c for c in text if c.isdigit())
        if not digits:
            return QValidator.Intermediate, text, pos
        value = int(digits)
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.Acceptable if ok else QValidator.Invalid), text, pos
