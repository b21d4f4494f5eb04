"""The base of every error that Rapport reports to people.

Messages say what is wrong, where (file, line, field) and what to do. The CLI prints them
as they are; the GUI shows them in a dialog; neither shows a traceback.
"""


class RapportError(Exception):
    """An error with a message meant for the user."""


class SettingsError(RapportError):
    """A workspace setting cannot be saved; the message names the field and what to do."""


class SubmissionError(RapportError):
    """A submission does not fit the schema or the workspace; the message says which field.

    Messages never quote the submission's content (departments, values, comments): they may
    end up in ``SHARE/quarantine/``, which colleagues can read.
    """


class WorkspaceError(RapportError):
    """A workspace cannot be opened or used; the message is for people."""


class SchemaTooNewError(WorkspaceError):
    """The database was written by a newer version of Rapport."""
