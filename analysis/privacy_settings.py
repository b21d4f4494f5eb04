"""The privacy settings of a workspace: the thresholds and HR's list of names to redact.

Read here for the analysis and the screens, and stored here when HR edits them. The
store is imported when first used, so the HR window's modules stay light to import. What the
values mean, and every decision made with them, is :mod:`analysis.privacy`.

The names to redact are kept in two settings, both JSON, and :func:`redaction_names` gives
their union as a list of full names:

``redaction_names``
    A list of strings, one person each, as HR typed them in Settings (``"María García"``,
    ``"Ingrid van der Berg"``). Given names first, the family name last.
``redaction_people``
    ``{"format": 1, "people": [[given, family], ...]}``: a list imported from an HR system
    (``rapport names import``), already in the comparison form (no case, no accents:
    ``["maria", "garcia"]``). Either part may be empty; several given names are separated
    by spaces (``["jean luc", "martin"]``).

Both forms work because redaction folds every name and every comment the same way before
comparing (NFKC, case folded, accents stripped, plain apostrophes and dashes: see
:mod:`surveys.text_fold` and ``docs/privacy.md``).
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
    from surveys.workspace_reads import get_setting

    return make_thresholds(get_setting(db, "min_group"), get_setting(db, "min_comment_group"))


def redaction_names(db: Database, *, imported: bool = True) -> list[str]:
    """HR's names to redact: settings ``redaction_names`` and ``redaction_people``, sorted.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    imported : bool
        Include the imported people (``redaction_people``); ``False`` gives only the names
        typed in Settings, as the Settings section edits them.

    Returns
    -------
    list of str
        Full names, given names first (imported people as ``"given family"``), without
        blanks or repeats.
    """
    from surveys.workspace_reads import get_setting

    raw = get_setting(db, "redaction_names", []) or []
    if isinstance(raw, str):
        raw = raw.replace(";", ",").replace("\n", ",").split(",")
    names = {" ".join(str(name).split()) for name in raw if isinstance(name, str | int)}
    if imported:
        names.update(_imported_people(get_setting(db, "redaction_people")))
    return sorted(name for name in names if name)


def _imported_people(value: object) -> set[str]:
    """Full names from the ``redaction_people`` setting (see the module's description)."""
    if not isinstance(value, dict) or value.get("format") != 1:
        return set()
    people = value.get("people")
    return {
        " ".join(" ".join(str(part) for part in person).split())
        for person in (people if isinstance(people, list) else [])
        if isinstance(person, list | tuple) and all(isinstance(p, str) for p in person)
    }


def redaction_departments(db: Database) -> list[str]:
    """The workspace's department names, which redaction never takes for a person's name.

    ``Grace Ward`` or ``Florence Unit`` hold a common given name; the built-in given names
    (:mod:`surveys.given_names`) leave them alone. They are part of the redaction's stamp
    (:func:`analysis.privacy.redaction_stamp`), so renaming a department redacts again.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    list of str
        Sorted names.
    """
    from surveys.workspace_reads import departments

    return sorted(dept.name for dept in departments(db))


def typed_redaction_names(db: Database) -> list[str]:
    """HR's typed list of names (setting ``redaction_names``), as Settings edits it.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    list of str
        :func:`redaction_names` without the imported people.
    """
    return redaction_names(db, imported=False)


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
    from surveys.workspace_reads import set_setting

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
    from surveys.workspace_reads import set_setting

    cleaned = sorted({" ".join(n.split()) for n in names if n.strip()}, key=str.lower)
    with db.atomic():
        set_setting(db, "redaction_names", cleaned)
    return cleaned
