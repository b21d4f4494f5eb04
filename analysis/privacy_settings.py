"""The privacy settings of a workspace: the thresholds and HR's list of names to redact.

Read here for the analysis and the screens, and stored here when HR edits them. The
store is imported when first used, so the HR window's modules stay light to import. What the
values mean, and every decision made with them, is :mod:`analysis.privacy`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from analysis.privacy import FLOOR, Thresholds, make_thresholds
from surveys.errors import SettingsError

if TYPE_CHECKING:
    from sqlite_utils import Database


def thresholds_from_settings(db: Database) -> Thresholds:
    """Read the thresholds of a workspace (settings ``min_group``, ``min_comment_group``).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    Thresholds
        Clamped to :data:`analysis.privacy.FLOOR`, with notes on any correction.
    """
    from surveys.store import get_setting

    return make_thresholds(get_setting(db, "min_group"), get_setting(db, "min_comment_group"))


def redaction_names(db: Database) -> list[str]:
    """HR's list of names to redact (setting ``redaction_names``), cleaned and sorted.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    """
    from surveys.store import get_setting

    raw = get_setting(db, "redaction_names", []) or []
    if isinstance(raw, str):
        raw = raw.replace(";", ",").replace("\n", ",").split(",")
    return sorted({str(name).strip() for name in raw if str(name).strip()})


def save_thresholds(db: Database, min_group: int, min_comment_group: int) -> None:
    """Store the anonymity thresholds; refuses anything below :data:`~analysis.privacy.FLOOR`.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    min_group, min_comment_group : int
        The smallest group for scores and for comments.

    Raises
    ------
    SettingsError
        If a value is below the floor; nothing is stored then.
    """
    from surveys.store import set_setting

    for field, value in (("Scores", min_group), ("Comments", min_comment_group)):
        if int(value) < FLOOR:
            raise SettingsError(
                f"{field}: {value} is below {FLOOR}. Rapport never shows a group of fewer "
                f"than {FLOOR} people; choose {FLOOR} or more."
            )
    with db.atomic():
        set_setting(db, "min_group", int(min_group))
        set_setting(db, "min_comment_group", int(min_comment_group))


def save_redaction_names(db: Database, names: Iterable[str]) -> list[str]:
    """Store HR's redaction list (one name per entry; blanks and repeats dropped).

    The next analysis redacts every comment again with it; until then the screens skip
    comments redacted with the old list (:func:`analysis.privacy.redacted_with_sql`).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    names : iterable of str
        People's names as HR typed them.

    Returns
    -------
    list of str
        The names stored, sorted without case.
    """
    from surveys.store import set_setting

    cleaned = sorted({n.strip() for n in names if n.strip()}, key=str.lower)
    with db.atomic():
        set_setting(db, "redaction_names", cleaned)
    return cleaned
