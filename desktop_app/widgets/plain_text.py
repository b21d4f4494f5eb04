"""Names shown as they are on buttons, check boxes, menus, labels with a buddy and tooltips.

Qt reads an ``&`` in such a text as the mark of the next letter's Alt shortcut: a department
called "Customer Success & Renewals" showed as "Customer Success _Renewals" (and took
Alt+Space). A name, path or scale label that comes from data goes through
:func:`no_mnemonic` first; ``&&`` is how Qt shows one ``&``.
"""

from __future__ import annotations


def no_mnemonic(text: str) -> str:
    """``text`` for a widget that reads ``&`` as a shortcut mark: every ``&`` shown as is."""
    return text.replace("&", "&&")


def plain_tip(text: str | None) -> str | None:
    """``text`` for a tooltip, shown as written.

    Qt reads a tooltip as HTML when a tag begins its first line (``Qt.mightBeRichText``),
    and item views' tooltips repeat data: a respondent's comment, a department from a
    roster, an action's title. Such a text is given as escaped rich text
    (``Qt.convertFromPlainText``), which shows every character and line break as written
    (and wraps a long comment); any other text is returned unchanged.
    """
    if not text:
        return text
    from PySide6.QtGui import Qt as QtText  # lazily: the respondent imports this module

    if not QtText.mightBeRichText(text):
        return text
    return QtText.convertFromPlainText(text, QtText.WhiteSpaceMode.WhiteSpaceNormal)


def wrapped_tip(text: str) -> str:
    """``text`` for a tooltip that wraps: Qt shows a plain text tooltip on one line however
    long it is (a wave's note of 200 characters ran off the screen), and wraps rich text;
    so it is given as escaped rich text, every character shown as written."""
    if not text:
        return text
    from PySide6.QtGui import Qt as QtText  # lazily: the respondent imports this module

    return QtText.convertFromPlainText(text, QtText.WhiteSpaceMode.WhiteSpaceNormal)
