"""Survey templates HR loads into a workspace, next to the built-in ones.

A template file is validated with the line-numbered problems of :mod:`surveys.templates`
and stored in the workspace's ``surveys`` table, so it no longer depends on the file: the
New wave dialog and the pulse programme offer it with the built-in templates.

Rules that keep published waves what they were:

- a loaded template may not take a built-in template's key (``full-pulse``...);
- loading a changed template under a key that a published wave already asked is refused
  (that wave's survey would change afterwards): give the new version its own key. The
  same file loaded again changes nothing.

Public API: :class:`TemplateChoice`, :func:`available_templates`, :func:`load_custom_template`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.model import SurveyTemplate
from surveys.templates import TemplateError, builtin_templates

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class TemplateChoice:
    """A template a wave may ask: built in, or loaded into the workspace."""

    key: str
    template: SurveyTemplate
    builtin: bool

    @property
    def per_wave(self) -> int:
        """Questions asked in one wave (fewer than all when items rotate)."""
        return len(self.template.questions_for_wave(0))


def available_templates(db: Database) -> list[TemplateChoice]:
    """The built-in templates, then those loaded into the workspace (by title).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    list of TemplateChoice
    """
    import json

    builtin = builtin_templates()
    choices = [TemplateChoice(key, template, True) for key, template in builtin.items()]
    rows = db.execute("SELECT key, definition FROM surveys ORDER BY title, key").fetchall()
    for key, definition in rows:
        if key not in builtin:
            template = SurveyTemplate.from_dict(json.loads(definition))
            choices.append(TemplateChoice(key, template, False))
    return choices


def load_custom_template(db: Database, path: str | Path) -> SurveyTemplate:
    """Validate the template file at ``path`` and store it in the workspace.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    path : path
        A YAML template file.

    Returns
    -------
    SurveyTemplate
        The stored template.

    Raises
    ------
    TemplateError
        Every problem of the file as ``FILE:LINE: field: message`` (see
        :mod:`surveys.templates`), a built-in key, or a changed template under a key a
        published wave asked; nothing is stored.
    """
    import json

    from surveys.templates import Problem, load_template
    from surveys.waves import save_survey

    template = load_template(path)
    source = str(path)
    line = _key_line(path)
    if template.key in builtin_templates():
        raise TemplateError(
            source,
            [Problem(source, line, "key", f"{template.key!r} is the key of a built-in "
                     "template; give yours its own key, e.g. our-pulse")],
        )  # fmt: skip
    row = db.execute(
        "SELECT s.definition, (SELECT min(w.name) FROM waves w WHERE w.survey_id = s.id "
        "AND w.status != 'draft') FROM surveys s WHERE s.key = ?",
        [template.key],
    ).fetchone()
    if row is not None:
        stored = SurveyTemplate.from_dict(json.loads(row[0]))
        if stored != template and row[1] is not None:
            message = (
                f"wave {row[1]} already asked the template {template.key!r} as it was; give "
                "the changed version its own key (e.g. "
                f"{template.key}-2) so that wave keeps its questions"
            )
            raise TemplateError(source, [Problem(source, line, "key", message)])
    with db.atomic():
        save_survey(db, template)
    return template


def _key_line(path: str | Path) -> int:
    """The line of ``key:`` in the file (1 when it cannot be found)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, text in enumerate(lines, 1) if text.startswith("key:")), 1)
