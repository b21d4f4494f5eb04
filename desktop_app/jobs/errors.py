"""A job's failure in words for people, with the traceback kept for the log only.

Qt-free on purpose: the worker process builds these too (:mod:`desktop_app.jobs.worker`).
"""

from __future__ import annotations

import sqlite3
import traceback


class UserFacingError:
    """What went wrong, in words for people; the traceback is kept for the log only."""

    def __init__(self, message: str, details: str = "", kind: str = "") -> None:
        self.message = message
        self.details = details
        self.kind = kind  # the RapportError's class name, for a page that acts on it

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"UserFacingError({self.message!r})"

    @classmethod
    def from_exception(cls, label: str, exc: BaseException) -> UserFacingError:
        """Describe ``exc``, raised by the job called ``label``, in plain words."""
        from surveys.errors import RapportError

        details = "".join(traceback.format_exception(exc))
        if isinstance(exc, RapportError):
            return cls(str(exc), details, type(exc).__name__)
        if isinstance(exc, sqlite3.Error):  # a damaged workspace, or a long lock elsewhere
            from surveys.store import describe_database_error

            return cls(describe_database_error(exc), details)
        if isinstance(exc, MemoryError):
            return cls(f"{label} ran out of memory. Close other programs and try again.", details)
        if isinstance(exc, OSError):
            from surveys.errors import os_error_advice

            where = f" ({exc.filename})" if exc.filename else ""
            reason = exc.strerror or str(exc)
            advice = os_error_advice(exc)
            return cls(f"{label} could not use a file{where}: {reason}. {advice}", details)
        return cls(
            f"{label} stopped because of an unexpected problem ({type(exc).__name__}: {exc}). "
            "Your data was not changed by the unfinished step. Please report this.",
            details,
        )

    @classmethod
    def worker_ended(cls, label: str, exitcode: int | None) -> UserFacingError:
        """The worker process running ``label`` ended without an answer (crash, killed)."""
        if exitcode is not None and exitcode < 0:
            how = f"was stopped by the system (signal {-exitcode})"
        else:
            how = f"ended unexpectedly (exit code {exitcode})"
        return cls(
            f"{label} stopped because its worker process {how}, perhaps for lack of memory. "
            "The unfinished step was not saved. Run it again; if this keeps happening, close other "
            "programs or report it.",
            f"worker process exit code: {exitcode}",
        )
