"""The respondent's side of the app: tray icon and survey wizard.

Kept free of the analysis engine and scikit-learn so it opens fast (import-linter checks).
"""
