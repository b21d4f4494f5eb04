"""Rapport's own translation file: the English forms of every text with a count.

Texts with a number are written once, in the plural, with ``%n``
(``self.tr("%n comments shown.", "", count)``); Qt picks the singular or the plural from
``resources/translations/rapport_en.qm``, so one comment reads "1 comment shown." and two
read "2 comments shown.": no text needs a hand-made plural.
``scripts/update_translations.py`` collects the texts (Qt's ``lupdate``), checks that each
has both English forms, and compiles the file (``lrelease``);
``tests/desktop_app/test_translations.py`` fails when a text was added without them.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

#: The compiled English forms, package data next to this module.
ENGLISH = "rapport_en"


def translations_folder() -> str:
    """The folder of Rapport's ``.ts`` and ``.qm`` files (in the package or the bundle)."""
    return str(resources.files("desktop_app") / "resources" / "translations")


def install_translations(app: QCoreApplication) -> QTranslator | None:
    """Load the English plural forms into ``app`` once; ``None`` (and a log line) if missing."""
    installed = app.findChild(QTranslator, ENGLISH)
    if installed is not None:
        return installed
    translator = QTranslator(app, objectName=ENGLISH)
    if not translator.load(ENGLISH, translations_folder()):
        log.warning("%s.qm was not found in %s", ENGLISH, translations_folder())
        return None
    app.installTranslator(translator)
    return translator
