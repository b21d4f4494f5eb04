"""Rapport's desktop application: the Qt GUI and the `rapport` command line (the top layer).

What belongs here: the HR window (:mod:`.main_window`, a frame around :mod:`.panels`, with
:mod:`.models`, :mod:`.widgets` and the dialogs), the state its panels share
(:mod:`.context`), running long work off the GUI thread (:mod:`.jobs`), the respondent's
app (:mod:`.respondent`), user settings (:mod:`.settings`), and the command line
(:mod:`.cli` and :mod:`.commands`).

Only this package imports Qt. It holds no SQL (reads and writes go through :mod:`surveys`
and :mod:`analysis`) and no analysis of its own. Its GUI modules and the command line load
no heavy package (nltk, scikit-learn, scipy, python-pptx, openpyxl) when imported: they
import them inside the functions that need them (import-linter contracts in
``pyproject.toml``; see ``docs/architecture.md``).
"""
