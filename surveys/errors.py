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


class NewerSubmissionError(SubmissionError):
    """A submission written with a schema newer than this Rapport knows: an update of
    Rapport takes it (the only refusal of a file's content that a retry can cure)."""


class WorkspaceError(RapportError):
    """A workspace cannot be opened or used; the message is for people."""


class SchemaTooNewError(WorkspaceError):
    """The database was written by a newer version of Rapport."""


#: errno names (``errno.errorcode``) and what to do about each kind of failed file operation.
_OS_ADVICE = (
    (
        ("ENOSPC", "EDQUOT"),
        "The disk is full: free some space there (or ask for a larger quota on the network "
        "drive), then try again.",
    ),
    (
        ("EROFS", "EACCES", "EPERM"),
        "Rapport may not write there (it is read-only, its permissions changed, or the file "
        "is open in another program, such as PowerPoint or Excel, on this computer or "
        "another): close it there, or ask for write access or choose another folder, then "
        "try again.",
    ),
    (
        ("ENOENT", "ENOTDIR"),
        "The folder is not there (was the network drive disconnected, or the folder moved?): "
        "check it, then try again.",
    ),
    (
        ("EIO", "ESTALE", "ENOTCONN", "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH",
         "ETIMEDOUT", "ECONNRESET", "ECONNABORTED"),
        "The drive stopped answering (was the network drive disconnected?): reconnect it, "
        "then try again.",
    ),
)  # fmt: skip
#: Windows: another process has the file open or locked (ERROR_SHARING_VIOLATION,
#: ERROR_LOCK_VIOLATION), such as Rapport on another computer or a program showing it.
_IN_USE = (32, 33)


def os_error_advice(exc: OSError) -> str:
    """What to do about a failed file operation, from its error number (standard library).

    Parameters
    ----------
    exc : OSError
        The failure (disk full, read-only, folder gone, share not answering, file in use).

    Returns
    -------
    str
        One or two sentences for people; never the error number.
    """
    import errno

    if getattr(exc, "winerror", None) in _IN_USE:
        return (
            "Another program (or Rapport on another computer) has the file open: close it "
            "there, then try again."
        )
    name = errno.errorcode.get(exc.errno or 0, "")
    for names, advice in _OS_ADVICE:
        if name in names:
            return advice
    return "Check that the folder exists and that you may write there, then try again."


def describe_os_error(exc: OSError, what: str = "a file") -> str:
    """``could not use FILE: REASON. ADVICE`` for a failed file operation."""
    where = exc.filename if exc.filename is not None else what
    reason = exc.strerror or exc.__class__.__name__
    return f"could not use {where}: {reason}. {os_error_advice(exc)}"
