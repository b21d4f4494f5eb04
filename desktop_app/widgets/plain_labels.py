"""Labels show their text as written unless they say they hold rich text.

A ``QLabel`` left at ``Qt.AutoText`` (Qt's default) decides by itself whether its text is
HTML: a tag in the first line is enough (``Qt.mightBeRichText``). The HR window shows many
names that come from files (department names from a roster, the organisation, action
titles and owners, theme names from a taxonomy), so a department called ``<s>Sales</s>``
or ``<img src=…>`` was drawn as markup in every headline, hotspot and caption that began
with it (fifth hostile round, docs/qa.md). :func:`install` makes every label that has not
chosen a format plain when it is first shown; a label that is meant to hold markup sets
``Qt.RichText`` itself (and escapes what it shows from data). Message boxes are labels
too: an error that names a file or a department is shown as written, and a box meant to
hold markup (About) sets ``Qt.RichText`` on itself. Tooltips are left alone: Qt draws
every tip in one label of its own (``QTipLabel``) that reads each tip as rich or plain, and
data tooltips are escaped by :func:`desktop_app.widgets.plain_text.plain_tip` as rich text;
made plain, they showed their ``<p>`` and ``&lt;``.

The filter sees every event of the application; it looks only at the event's type, which
cost about 4 µs per event on the shared test machine under ``nice`` (1.9 µs → 6.3 µs for
an event sent to a widget), a few milliseconds a second while the mouse moves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel


class _PlainLabels(QObject):
    """An application-wide event filter: a label still at ``AutoText`` becomes plain."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Polish
            and isinstance(watched, QLabel)
            and watched.textFormat() == Qt.AutoText
            and not watched.inherits("QTipLabel")  # tooltips: plain_tip decides per tip
        ):
            watched.setTextFormat(Qt.PlainText)
        return False


def install(app: QApplication | None = None) -> None:
    """Make the labels of ``app`` (default: the running application) plain unless rich.

    Runs on the GUI thread; installing twice changes nothing.
    """
    app = app or QApplication.instance()
    if app is None or app.findChild(_PlainLabels, "plainLabels") is not None:
        return
    guard = _PlainLabels(app)
    guard.setObjectName("plainLabels")
    app.installEventFilter(guard)
