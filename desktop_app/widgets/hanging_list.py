"""Lines that begin with a marker ("•", "▲", "▼") and wrap under their text, not the marker.

In a plain-text label a reason that wraps (a 1024 × 768 screen, 150 % scaling, long names)
went on at the left edge, under its bullet, so the next line read as a new reason. Each
line becomes a paragraph indented by its marker's width, with the first line pulled back.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import QLabel


def set_hanging_lines(label: QLabel, lines: list[str]) -> None:
    """Show ``lines`` (each "marker text") in ``label``, wrapped lines under the text."""
    metrics = label.fontMetrics()
    paragraphs = []
    for line in lines:
        marker = line.split(" ", 1)[0] + " "
        indent = metrics.horizontalAdvance(marker)
        paragraphs.append(
            f'<p style="margin:0; margin-left:{indent}px; text-indent:-{indent}px">'
            f"{html.escape(line, quote=False)}</p>"
        )
    label.setTextFormat(Qt.RichText)  # labels are plain unless they ask (plain_labels)
    label.setText("".join(paragraphs))  # every line escaped: names come from files


def set_hanging_items(label: QLabel, items: list[tuple[str, str | None]]) -> None:
    """Show ``items`` (each a "marker text" line and an optional note) in ``label``: the
    line wraps under its text, and its note stands under that text too (a recorded action
    and what changed since it: both went on at the left edge, under the bullet)."""
    metrics = label.fontMetrics()
    paragraphs = []
    for line, note in items:
        indent = metrics.horizontalAdvance(line.split(" ", 1)[0] + " ")
        paragraphs.append(
            f'<p style="margin:0; margin-left:{indent}px; text-indent:-{indent}px">'
            f"{html.escape(line, quote=False)}</p>"
        )
        if note:
            paragraphs.append(
                f'<p style="margin:0; margin-left:{indent}px">{html.escape(note, quote=False)}</p>'
            )
    label.setTextFormat(Qt.RichText)
    label.setText("".join(paragraphs))


def set_plain_text(label: QLabel, text: str) -> None:
    """Show ``text`` as written in a label that :func:`set_hanging_lines` may have made rich."""
    label.setTextFormat(Qt.PlainText)
    label.setText(text)


def shown_text(label: QLabel) -> str:
    """What ``label`` shows, as plain text (its lines, for rich text too)."""
    if label.textFormat() != Qt.RichText:
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()
