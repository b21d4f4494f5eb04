"""The base of every error that Rapport reports to people.

Messages say what is wrong, where (file, line, field) and what to do. The CLI prints them
as they are; the GUI shows them in a dialog; neither shows a traceback.
"""


class RapportError(Exception):
    """An error with a message meant for the user."""


class SettingsError(RapportError):
    """A workspace setting cannot be saved; the message names the field and what to do."""
