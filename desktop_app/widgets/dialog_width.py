"""Dialogs wide enough for their title bar and their text.

A window manager cuts a title that does not fit ("Workspac… — Rapport"), and a narrow
dialog wraps its text into a tall column. These helpers size a dialog from its font.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QGridLayout, QMessageBox, QSizePolicy, QSpacerItem


def title_width(dialog: QDialog) -> int:
    """Pixels the title bar needs for the dialog's title, " — Rapport" and its buttons."""
    metrics = dialog.fontMetrics()
    title = f"{dialog.windowTitle()} — Rapport"
    # The title bar's font is often larger and bold, and it holds the window's buttons.
    return int(metrics.horizontalAdvance(title) * 1.3) + metrics.height() * 8


def fit_to_title(dialog: QDialog, chars: int) -> None:
    """Make ``dialog`` at least as wide as its title bar needs and ``chars`` characters."""
    width = max(title_width(dialog), dialog.fontMetrics().averageCharWidth() * chars)
    dialog.setMinimumWidth(width)


def widen_message_box(box: QMessageBox, chars: int) -> None:
    """A message box sizes itself, ignoring a minimum width: a spacer row widens it."""
    width = max(title_width(box), box.fontMetrics().averageCharWidth() * chars)
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        spacer = QSpacerItem(width, 0, QSizePolicy.Minimum, QSizePolicy.Expanding)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def grow_to_fit(dialog: QDialog) -> None:
    """Make ``dialog`` as tall as its contents need at its width (never shorter, never
    taller than its screen): a message of several lines said in the dialog otherwise takes
    its room from a list, squeezed to two rows with a scroll bar."""
    layout = dialog.layout()
    if layout is None:
        return
    width = dialog.width()
    # The size hint is the text's height wrapped into a narrow column: too tall.
    needed = (
        layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
    )
    screen = dialog.screen()
    if screen is not None:
        needed = min(
            needed, screen.availableGeometry().height() - dialog.fontMetrics().height() * 3
        )
    if needed > dialog.height():
        dialog.resize(width, needed)
