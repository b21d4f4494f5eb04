"""Cancel that asks once before typed work is thrown away (a mixin of a ``QDialog`` with an
``error`` label and a ``buttons`` box).

The first Cancel, Escape or title-bar close with something typed only says what would be
lost and turns Cancel into Discard; a second one closes. Typing again puts Cancel back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox


class DiscardGuard:
    """``discarding`` is true between the first Cancel with typed work and the next edit."""

    discarding = False

    def _keep_editing(self, *_args) -> None:
        """Connected to the dialog's edits: the user went back to work."""
        if self.discarding:
            self.discarding = False
            self.error.clear()
            self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))

    def may_close(self, unchanged: bool, warning: str, discard: str) -> bool:
        """Whether the dialog may close now: ``unchanged`` or asked once already; else say
        ``warning`` and label Cancel ``discard``."""
        if self.discarding or unchanged:
            return True
        self.discarding = True
        self.error.setText(warning)
        self.buttons.button(QDialogButtonBox.Cancel).setText(discard)
        return False
