"""Names shown as they are on buttons, check boxes, menus and labels with a buddy.

Qt reads an ``&`` in such a text as the mark of the next letter's Alt shortcut: a department
called "Customer Success & Renewals" showed as "Customer Success _Renewals" (and took
Alt+Space). A name, path or scale label that comes from data goes through
:func:`no_mnemonic` first; ``&&`` is how Qt shows one ``&``.
"""

from __future__ import annotations


def no_mnemonic(text: str) -> str:
    """``text`` for a widget that reads ``&`` as a shortcut mark: every ``&`` shown as is."""
    return text.replace("&", "&&")
