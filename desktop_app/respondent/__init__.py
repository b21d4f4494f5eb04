"""The respondent's side of the app: first run, tray icon and survey wizard.

What belongs here: everything a member of staff sees when answering a pulse: the first-run
dialog, the tray icon and its reminders, the wizard and its pages, the warning about what
will be redacted, the "what changed" note, and where open surveys come from
(:mod:`.source`: the shared folder in team mode, the workspace on a single machine).

It never imports the analysis engine or scikit-learn, not even lazily, so the survey opens
fast (import-linter contracts; ``bench/startup_bench.py`` measures it).
"""
