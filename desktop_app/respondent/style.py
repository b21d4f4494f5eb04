"""The respondent windows' look: calm, readable, spacious enough at 150 % scaling.

The note boxes are tinted to match the desktop: light tints on a light palette, deep ones
on a dark palette (a light box with the dark palette's light text would be unreadable).
The keyboard focus shows as a ring (``ring``, at least 3:1 against the window and the focus
tint, :mod:`desktop_app.contrast`) around the option, check box or text that has it; a
transparent ring of the same width keeps the layout still as the focus moves.
"""

from __future__ import annotations

_TEMPLATE = """
QLabel#pageHeading {{ font-size: 17pt; font-weight: 600; margin: 0 0 4px 0; padding: 0; }}
QLabel#stepLabel {{ color: {muted}; margin-right: 8px; }}
QLabel#questionText {{ font-weight: 600; }}
QLabel#questionHelp, QLabel#pageHint, QLabel#commentCount {{ color: {soft}; }}
QLabel#commentCount[over="true"] {{ color: {error}; font-weight: 600; }}
QLabel#privacyNote, QLabel#draftNote, QLabel#deliveryNotice, QLabel#folderStatus {{
    background: {note}; border: 1px solid {note_border}; border-radius: 6px; padding: 10px;
}}
QLabel#privacyWarning, QLabel#folderProblem {{
    background: {warn}; border: 1px solid {warn_border}; border-radius: 6px; padding: 8px;
}}
QLabel#inlineError {{ color: {error}; font-weight: 600; }}
QLabel#deliveryStatus {{ font-size: 12pt; }}
QLabel#receiptCode {{
    border: 1px dashed {note_border}; border-radius: 6px; padding: 8px;
}}
QRadioButton, QCheckBox {{
    spacing: 6px; padding: 1px 3px; border: 2px solid transparent; border-radius: 4px;
}}
QRadioButton#notApplicable {{ color: {soft}; }}
QPushButton {{ padding: 5px 16px; }}
QFrame#pageRule {{ background: {rule}; border: none; }}
QRadioButton:focus, QCheckBox:focus {{ background: {focus}; border-color: {ring}; }}
QRadioButton#notApplicable:focus {{ color: palette(window-text); }}
QLabel#reviewSummary, QLabel#deliveryStatus {{ border: 2px solid transparent; border-radius: 4px; }}
QLabel#reviewSummary:focus, QLabel#deliveryStatus:focus {{ border-color: {ring}; }}
"""

LIGHT = {
    "muted": "#444",
    "soft": "#555",
    "note": "#eef4fb",
    "note_border": "#c9dbef",
    "warn": "#fff6dd",
    "warn_border": "#e8cf86",
    "error": "#a4262c",
    "focus": "#dde9f7",
    "ring": "#1a5fb4",
    "rule": "#c3c6ca",
}
DARK = {
    "muted": "#b8bcc2",
    "soft": "#a9aeb5",
    "note": "#1f3347",
    "note_border": "#35577a",
    "warn": "#4a3b12",
    "warn_border": "#8a6d1e",
    "error": "#ff8a80",
    "focus": "#2c4a6b",
    "ring": "#8ab4f8",
    "rule": "#4b5057",
}

#: The light style sheet (kept for callers that want it regardless of the palette).
STYLE_SHEET = _TEMPLATE.format(**LIGHT)


def style_sheet() -> str:
    """The style sheet for the application's current palette (light or dark)."""
    from PySide6.QtGui import QGuiApplication

    # palette().window() rather than color(QPalette.Window): no enum type to build first.
    window = QGuiApplication.palette().window().color()
    return _TEMPLATE.format(**(DARK if window.lightness() < 128 else LIGHT))
