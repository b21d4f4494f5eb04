"""The taxonomy of friction themes and matching comments to it.

The taxonomy is YAML (``analysis/data/taxonomy.yaml`` by default; HR may edit a copy):
theme id -> label, description, keywords and phrases written plainly. Words are stemmed
when the file is loaded, with the same tokenizer and stemmer as the comments
(:mod:`analysis.text`), so "delay" also finds "delays" and "delayed".

Loading validates the file and reports problems with file, line and field, so the GUI
can show an HR user exactly what to fix (:func:`taxonomy_from_yaml_text`). Discovery of
new themes lives in :mod:`analysis.topics`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from analysis.text import PhraseMatcher, normalise, stems
from surveys.errors import RapportError
from surveys.progress import Progress, map_distinct

DEFAULT_NAME = "taxonomy.yaml"
PHRASE_WEIGHT = 2.0
KEYWORD_WEIGHT = 1.0
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: A version is a number or a short word (it names the taxonomy in stored results).
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
#: Text in which the tokenizer finds a word, so its stems are not empty (no NLTK needed
#: to tell): clause punctuation alone ("!!!") or wildcards alone stem to nothing.
_HAS_WORD = re.compile(r"[^\W_]")
_FIELDS = {"id", "label", "description", "keywords", "phrases"}
_TOP_FIELDS = {"version", "themes"}


class TaxonomyError(RapportError):
    """A taxonomy file cannot be used; the message gives file, line, field and the fix.

    Attributes
    ----------
    problems : list of str
        Every problem found, one per line of the message, in file order.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or [message]
        super().__init__(message)


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy, as written in the file."""

    id: str
    label: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()


@dataclass
class Taxonomy:
    """A validated taxonomy with its phrase matcher.

    Parameters
    ----------
    themes : list of Theme
        In file order (the order breaks ties between equally strong themes).
    version : str
        ``"<source>-<version>"``; stored with matched comments.
    """

    themes: list[Theme]
    version: str = "custom"
    _matcher: PhraseMatcher | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self._order = {t.id: i for i, t in enumerate(self.themes)}
        self._by_id = {t.id: t for t in self.themes}

    @property
    def ids(self) -> list[str]:
        """Theme ids in file order."""
        return [t.id for t in self.themes]

    def label(self, theme_id: str) -> str:
        """The label people see for ``theme_id`` (the id itself if it is unknown)."""
        theme = self._by_id.get(theme_id)
        return theme.label if theme else theme_id

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with ``theme_id``, if the taxonomy has it."""
        return self._by_id.get(theme_id)

    def scores(self, text: str | None) -> dict[str, float]:
        """Strength of each matching theme in ``text``: keywords count 1, phrases 2.

        Each distinct word or phrase counts once per comment, so a repeated word does
        not outweigh a second, different one.
        """
        scores: dict[str, float] = {}
        seen: set[tuple[str, tuple[str, ...]]] = set()
        if self._matcher is None:  # built on first use: stemming loads NLTK
            self._matcher = PhraseMatcher({t.id: [*t.keywords, *t.phrases] for t in self.themes})
        for match in self._matcher.find(stems(text)):
            if (match.key, match.phrase) in seen:
                continue
            seen.add((match.key, match.phrase))
            weight = PHRASE_WEIGHT if len(match.phrase) > 1 else KEYWORD_WEIGHT
            scores[match.key] = scores.get(match.key, 0.0) + weight
        return scores

    def match(self, text: str | None) -> list[str]:
        """Theme ids found in ``text``, strongest first (ties in file order)."""
        scores = self.scores(text)
        return sorted(scores, key=lambda k: (-scores[k], self._order[k]))


def taxonomy_from_yaml_text(text: str, source: str = DEFAULT_NAME) -> Taxonomy:
    """Parse and validate the YAML text of a taxonomy.

    Parameters
    ----------
    text : str
        The whole file.
    source : str
        The file name used in error messages.

    Returns
    -------
    Taxonomy

    Raises
    ------
    TaxonomyError
        Naming the file, line and field, and what to do.
    """
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, line {mark.line + 1}" if mark else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise TaxonomyError(
            f"{where}: this is not valid YAML ({problem}). Check the indentation and that "
            "lists are written like [word, other word]."
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise TaxonomyError(f"{source}: expected 'version' and 'themes' at the top of the file.")
    top = _mapping(root)
    problems = _top_problems(root, top, source)
    themes_node = top.get("themes")
    if not isinstance(themes_node, yaml.SequenceNode) or not themes_node.value:
        line = _line(themes_node or root)
        problems.append(
            f"{source}, line {line}, field 'themes': expected a list of themes, each starting "
            "with '- id: ...'."
        )
        _raise(problems)
    themes = []
    for node in themes_node.value:
        try:
            themes.append(_theme(node, source))
        except TaxonomyError as exc:  # every theme is checked, so all problems are said
            problems.append(str(exc))
    _raise(problems)
    _check_unique(themes, themes_node, source)
    version = _scalar(top["version"]) if "version" in top else "1"
    return Taxonomy(themes, version=f"{Path(source).stem}-{version}")


def _raise(problems: list[str]) -> None:
    if problems:
        raise TaxonomyError("\n".join(problems), problems)


def _top_problems(root: yaml.MappingNode, top: dict[str, yaml.Node], source: str) -> list[str]:
    """Unknown fields at the top, and a version that is not a number or a short word."""
    problems = [
        f"{source}, line {_line(key)}: unknown field {key.value!r} at the top; a taxonomy "
        "has 'version' and 'themes' (is a line indented too little?)."
        for key, _value in root.value
        if str(key.value) not in _TOP_FIELDS
    ]
    if "version" in top:
        node = top["version"]
        version = _scalar(node)
        if not _VERSION.match(version):
            problems.append(
                f"{source}, line {_line(node)}, field 'version': {version!r} is not a version; "
                "write a number or a short word (letters, digits, '.', '-', '_'), e.g. 2."
            )
    return problems


def _mapping(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    return {str(k.value): v for k, v in node.value}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _theme(node: yaml.Node, source: str) -> Theme:
    if not isinstance(node, yaml.MappingNode):
        raise TaxonomyError(
            f"{source}, line {_line(node)}: each theme must be written as fields "
            "(id, label, description, keywords, phrases)."
        )
    fields = _mapping(node)
    theme_id = _scalar(fields["id"]) if "id" in fields else ""
    where = f"{source}, line {_line(node)}"
    if not _ID.match(theme_id):
        raise TaxonomyError(
            f"{where}, field 'id': {theme_id!r} is not a valid theme id; use lower-case "
            "letters, digits and underscores, starting with a letter (e.g. 'budget')."
        )
    for key, _value in node.value:
        if key.value not in _FIELDS:
            raise TaxonomyError(
                f"{source}, line {_line(key)}, theme '{theme_id}': unknown field "
                f"{key.value!r}; the fields are {', '.join(sorted(_FIELDS))}."
            )
    label = _scalar(fields["label"]) if "label" in fields else ""
    if not label:
        line = _line(fields.get("label", node))
        raise TaxonomyError(
            f"{source}, line {line}, theme '{theme_id}', field 'label': give the theme a "
            "name people will read, e.g. label: Budget."
        )
    keywords = _words(fields.get("keywords"), theme_id, "keywords", source)
    phrases = _words(fields.get("phrases"), theme_id, "phrases", source)
    if not keywords and not phrases:
        raise TaxonomyError(
            f"{where}, theme '{theme_id}': it has no keywords and no phrases, so it can "
            "never match; add some words."
        )
    description = _scalar(fields["description"]) if "description" in fields else ""
    return Theme(theme_id, label, description, keywords, phrases)


def _words(node: yaml.Node | None, theme_id: str, name: str, source: str) -> tuple[str, ...]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise TaxonomyError(
            f"{source}, line {_line(node)}, theme '{theme_id}', field '{name}': expected a "
            "list, written like [word, other word]."
        )
    out = []
    for item in node.value:
        word = _scalar(item)
        if not has_word(word):
            raise TaxonomyError(
                f"{source}, line {_line(item)}, theme '{theme_id}', field '{name}': "
                f"{item.value if isinstance(item, yaml.ScalarNode) else 'this entry'!r} "
                "contains no word (it stems to nothing); remove it or write a word."
            )
        out.append(word)
    return tuple(out)


def has_word(text: str) -> bool:
    """Whether a keyword or phrase has a word in it, so it stems to something.

    Punctuation alone ("!!!", "?") and wildcards alone ("*", "...") stem to nothing and
    could never match. No NLTK is loaded to tell (the GUI checks as HR types).
    """
    return bool(text) and bool(
        _HAS_WORD.search(normalise(text.replace("...", " ").replace("*", " ")))
    )


def _check_unique(themes: list[Theme], node: yaml.SequenceNode, source: str) -> None:
    seen: set[str] = set()
    for theme, item in zip(themes, node.value, strict=True):
        if theme.id in seen:
            raise TaxonomyError(
                f"{source}, line {_line(item)}, field 'id': the theme id '{theme.id}' is used "
                "twice; give each theme its own id."
            )
        seen.add(theme.id)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load a taxonomy file (the one shipped with Rapport when ``path`` is ``None``).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file an HR user edited.

    Returns
    -------
    Taxonomy

    Raises
    ------
    TaxonomyError
        If the file cannot be read or is invalid (with file, line and field).
    """
    if path is None:
        return default_taxonomy()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: no such taxonomy file; check the path.") from None
    except IsADirectoryError:
        raise TaxonomyError(
            f"{path} is a folder; give the taxonomy file (.yaml) inside it."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(
            f"{path}: cannot be read ({exc}); save it as UTF-8 text and try again."
        ) from None
    return taxonomy_from_yaml_text(text, source=str(path))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with Rapport, loaded once.

    Returns
    -------
    Taxonomy
    """
    text = resources.files("analysis").joinpath(f"data/{DEFAULT_NAME}").read_text("utf-8")
    return taxonomy_from_yaml_text(text, DEFAULT_NAME)


def match_themes(
    texts: Iterable[str | None],
    taxonomy: Taxonomy | None = None,
    progress: Progress | None = None,
) -> list[list[str]]:
    """The taxonomy themes of each text, strongest first.

    Runs on a worker thread in the app; identical texts are matched once.

    Parameters
    ----------
    texts : Iterable of str or None
        Comments (redacted text is fine).
    taxonomy : Taxonomy, optional
        Defaults to the shipped taxonomy.
    progress : Progress, optional
        Called with the fraction done; may raise
        :class:`~surveys.progress.Cancelled`.

    Returns
    -------
    list of list of str
        Theme ids per text (an empty list when no theme fits).
    """
    taxonomy = taxonomy or default_taxonomy()
    found = map_distinct(taxonomy.match, list(texts), progress, "Matching themes")
    return [list(themes) for themes in found]


#: The version of the shipped taxonomy; stored with matched comments.
THEMES_VERSION: str = default_taxonomy().version
