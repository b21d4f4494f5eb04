"""The theme taxonomy as a form edits it: themes with a name, keywords and phrases.

HR edits themes in a form (the Themes section's "Edit themes…"), never as YAML. This
module turns the workspace's taxonomy into editable :class:`ThemeDraft` rows, checks the
rows as HR types (:func:`check_drafts`: empty names, names used twice, a theme with
nothing to match, keywords or phrases that stem to nothing, a keyword (or one-word phrase)
nearly every comment holds ("it", "we"), a word listed twice) and
writes them back as taxonomy YAML (:func:`drafts_to_yaml`), which
:func:`analysis.taxonomy_setting.save_workspace_taxonomy` validates again before storing.
YAML import and export go through :func:`drafts_from_yaml` (line-numbered errors from
:func:`analysis.themes.taxonomy_from_yaml_text`; nothing is applied when a line is wrong)
and :func:`drafts_to_yaml`.

No Qt and no NLTK: the checks run on the GUI thread while HR types.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from analysis.capitals import KEPT_CAPITALS
from analysis.text import stop_words
from analysis.themes import has_word

#: What the written file starts with.
HEADER = """\
# Rapport's themes of friction between departments, as edited in Rapport's Themes form.
#   label        the name people see
#   description  one sentence: what comments in this theme are about
#   keywords     single words, written plainly ("delay" also finds "delays", "delayed")
#   phrases      several words that must appear together ("sign off"); "*" stands for any
#                one word, "..." for up to three words
"""


@dataclass
class ThemeDraft:
    """One theme as the form shows it (``id`` is empty for a theme added in the form)."""

    name: str
    keywords: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    description: str = ""
    id: str = ""


@dataclass(frozen=True)
class FormProblem:
    """Something to fix in theme number ``theme`` (0-based), in ``field``."""

    theme: int
    field: str  # "name", "keywords" or "phrases"
    message: str


def split_entries(text: str) -> list[str]:
    """Keywords or phrases typed one per line or separated by commas, blanks dropped."""
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def drafts_from_yaml(text: str, source: str) -> tuple[str, list[ThemeDraft]]:
    """The version and the themes of taxonomy YAML, for the form.

    Parameters
    ----------
    text : str
        Taxonomy YAML (the workspace's, or a file being imported).
    source : str
        Named in error messages (the file's path).

    Returns
    -------
    tuple of (str, list of ThemeDraft)

    Raises
    ------
    analysis.themes.TaxonomyError
        Every problem with its line, field and fix; nothing is returned then.
    """
    import yaml

    from analysis.themes import taxonomy_from_yaml_text

    taxonomy = taxonomy_from_yaml_text(text, source)
    # Composed, as the check above reads it, never constructed: a tag (`!!python/name:`,
    # `!custom`) that the check passes over would stop ``safe_load`` with ConstructorError.
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    version = next((str(value.value) for key, value in root.value if key.value == "version"), "1")
    drafts = [
        ThemeDraft(t.label, list(t.keywords), list(t.phrases), t.description, t.id)
        for t in taxonomy.themes
    ]
    return version, drafts


def _words_problems(number: int, name: str, where: str, words: list[str]) -> list[FormProblem]:
    problems = []
    seen: set[str] = set()
    for word in words:
        if not has_word(word):
            problems.append(
                FormProblem(
                    number,
                    where,
                    f"“{word}” has no word in it (it stems to nothing); remove it or write a word.",
                )
            )
        elif _common(word):  # a keyword, or a phrase of that one word: not in seen
            problems.append(FormProblem(number, where, _common_message(word)))
            continue
        elif word.casefold() in seen:
            problems.append(FormProblem(number, where, f"“{word}” is listed twice; keep one."))
        seen.add(word.casefold())
    return problems


def _common(word: str) -> bool:
    """Whether a keyword (or a phrase of one word, which counts double) is a stop word
    ("it", "we", "the"), which nearly every comment holds; "IT" in capitals is the
    department (:data:`analysis.capitals.KEPT_CAPITALS`). A phrase of several common words
    ("what we do") says something of its own."""
    word = word.strip()
    return word not in KEPT_CAPITALS and word.casefold() in stop_words()


def _common_message(word: str) -> str:
    acronym = word.strip().upper()
    fix = f" For the acronym, write “{acronym}”." if acronym in KEPT_CAPITALS else ""
    return (
        f"“{word}” is in nearly every comment, so the theme would fit almost all of them; "
        f"remove it.{fix}"
    )


def check_drafts(drafts: list[ThemeDraft]) -> list[FormProblem]:
    """Every problem of the themes in the form, in theme order.

    Parameters
    ----------
    drafts : list of ThemeDraft
        The themes as HR filled them in.

    Returns
    -------
    list of FormProblem
        Empty when the themes can be saved. Each message names the theme (its number and
        name) and says what to do.
    """
    problems: list[FormProblem] = []
    if not drafts:
        return [FormProblem(-1, "name", "There are no themes; add at least one theme.")]
    first: dict[str, int] = {}
    for number, draft in enumerate(drafts):
        name = draft.name.strip()
        if not name:
            problems.append(
                FormProblem(number, "name", "The name is empty; type the name people will read.")
            )
        elif name.casefold() in first:
            other = first[name.casefold()]
            problems.append(
                FormProblem(
                    number,
                    "name",
                    f"Theme {other + 1} has the same name; give each theme its own name.",
                )
            )
        else:
            first[name.casefold()] = number
        if not draft.keywords and not draft.phrases:
            problems.append(
                FormProblem(
                    number, "keywords", "It has no keywords and no phrases, so it can never match."
                )
            )
        problems += _words_problems(number, name, "keywords", draft.keywords)
        problems += _words_problems(number, name, "phrases", draft.phrases)
    return problems


def describe(problem: FormProblem, drafts: list[ThemeDraft]) -> str:
    """A problem in words, naming the theme: 'Theme 3 “Budget”, keywords: …'."""
    if problem.theme < 0:
        return problem.message
    name = drafts[problem.theme].name.strip()
    theme = f"Theme {problem.theme + 1}" + (f" “{name}”" if name else "")
    return f"{theme}, {problem.field}: {problem.message}"


def theme_id_for(name: str, taken: set[str]) -> str:
    """A new theme's id from its name ("Vendor contracts" → ``vendor_contracts``), unique."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    base = "_".join(words) or "theme"
    base = base if base[0].isalpha() else f"theme_{base}"
    theme_id, number = base, 2
    while theme_id in taken:
        theme_id, number = f"{base}_{number}", number + 1
    return theme_id


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def drafts_to_yaml(drafts: list[ThemeDraft], version: str = "1") -> str:
    """Taxonomy YAML for the themes of the form (new themes get an id from their name).

    Parameters
    ----------
    drafts : list of ThemeDraft
        Themes that passed :func:`check_drafts`.
    version : str
        The taxonomy's version.

    Returns
    -------
    str
        Text that :func:`analysis.themes.taxonomy_from_yaml_text` reads back to the same
        themes.
    """
    taken = {d.id for d in drafts if d.id}
    lines = [HEADER, f"version: {_quoted(version)}", "", "themes:"]
    for draft in drafts:
        theme_id = draft.id or theme_id_for(draft.name, taken)
        taken.add(theme_id)
        lines.append(f"  - id: {theme_id}")
        lines.append(f"    label: {_quoted(draft.name.strip())}")
        if draft.description.strip():
            lines.append(f"    description: {_quoted(draft.description.strip())}")
        for key, words in (("keywords", draft.keywords), ("phrases", draft.phrases)):
            if words:
                lines.append(f"    {key}: [{', '.join(_quoted(w) for w in words)}]")
        lines.append("")
    return "\n".join(lines)


def next_version(version: str) -> str:
    """The version after ``version`` when it is a number (``"3"`` → ``"4"``), else itself."""
    return str(int(version) + 1) if version.isdigit() else version
