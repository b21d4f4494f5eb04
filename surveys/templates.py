"""Survey templates: YAML files that give the instrument's items Rapport's own wording.

A template looks like this::

    key: short-pulse
    title: Short pulse
    intro: A few questions about each department you worked with.
    questions:
      - item: timely
        text: They get back to us when we need them to.
        help: Think of the last few requests you made.    # optional
    rotation:                                             # optional
      - [frequent, timely, accurate]

Loading validates everything and reports every problem at once, each as
``FILE:LINE: field: message`` so an editor can jump to it. The built-in templates live in
``surveys/templates/*.yaml`` next to this module (also inside a PyInstaller bundle, where
the folder is collected as data next to the frozen module).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from surveys.errors import RapportError
from surveys.model import DIMENSIONS, ITEMS, Question, SurveyTemplate

TEMPLATE_DIR = Path(__file__).with_name("templates")

_TOP_KEYS = ("key", "title", "intro", "questions", "rotation")
_REQUIRED_TOP = ("key", "title", "questions")
_QUESTION_KEYS = ("item", "text", "help")
_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: A template nests four levels (rotation groups); deeper documents are refused before they
#: are composed (PyYAML composes recursively, its parser does not).
MAX_DEPTH = 20
#: The largest template file read (the built-in ones are about 2 KiB).
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template file (``line`` is 1-based)."""

    source: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}: {self.message}"


class TemplateError(RapportError):
    """A template file cannot be used; the message lists every problem with its line.

    Attributes
    ----------
    problems : list of Problem
        Every problem found, in file order.
    """

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = sorted(problems, key=lambda p: p.line)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in survey template {source}"
        lines = "\n".join(f"  {p}" for p in self.problems)
        them = "it" if count == 1 else "them"
        super().__init__(f"{heading}; fix {them} and try again:\n{lines}")


class _Checker:
    """Walks the composed YAML node tree, collecting problems with line numbers."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, node: yaml.Node | None, field: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(self.source, line, field, message))

    def mapping(
        self, node: yaml.Node, field: str, allowed: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The entries of a mapping node as ``{key: (key_node, value_node)}``."""
        if not isinstance(node, yaml.MappingNode):
            self.add(node, field, f"expected a mapping with the keys {', '.join(allowed)}")
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            where = f"{field}.{key}" if field else key
            if key not in allowed:
                self.add(key_node, where, f"unknown key; allowed keys are {', '.join(allowed)}")
            elif key in entries:
                self.add(key_node, where, "given twice; keep one")
            else:
                entries[key] = (key_node, value_node)
        return entries

    def text(self, node: yaml.Node, field: str, *, required: bool = True) -> str:
        """A scalar's text; empty (with a problem when ``required``) otherwise."""
        if not isinstance(node, yaml.ScalarNode):
            self.add(node, field, "expected text")
            return ""
        value = str(node.value).strip()
        if required and not value:
            self.add(node, field, "is empty; write the text")
        return value


def parse_template(text: str, source: str = "<template>") -> SurveyTemplate:
    """Parse and validate a template from YAML text.

    Parameters
    ----------
    text : str
        The YAML document.
    source : str
        Name used in problem messages (usually the file path).

    Returns
    -------
    SurveyTemplate
        The validated template.

    Raises
    ------
    TemplateError
        Listing every problem as ``SOURCE:LINE: field: message``.
    """
    try:
        deep = _too_deep(text)
        if deep is not None:
            message = f"nested more than {MAX_DEPTH} levels deep; a template needs at most 4"
            raise TemplateError(source, [Problem(source, deep.line + 1, "YAML", message)])
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None and context_mark.line + 1 != line:
            problem += f" ({context} that starts on line {context_mark.line + 1})"
        raise TemplateError(
            source, [Problem(source, line, "YAML", f"{problem}; check indentation and quoting")]
        ) from None
    checker = _Checker(source)
    if root is None:
        checker.add(None, "template", "the file is empty; see surveys/templates/ for examples")
        raise TemplateError(source, checker.problems)
    template = _build(checker, root)
    if checker.problems or template is None:
        raise TemplateError(source, checker.problems)
    return template


def _too_deep(text: str) -> yaml.Mark | None:
    """Where the YAML ``text`` first nests deeper than :data:`MAX_DEPTH`, or ``None``.

    Walks the parser's events, which needs no recursion however deep the document is.
    """
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _build(checker: _Checker, root: yaml.Node) -> SurveyTemplate | None:
    entries = checker.mapping(root, "", _TOP_KEYS)
    if entries is None:
        return None
    for key in _REQUIRED_TOP:
        if key not in entries:
            checker.add(root, key, "is missing; every template needs it")
    key = checker.text(entries["key"][1], "key") if "key" in entries else ""
    if key and not _KEY_PATTERN.match(key):
        checker.add(entries["key"][1], "key", "use lower-case letters, digits and dashes")
    title = checker.text(entries["title"][1], "title") if "title" in entries else ""
    intro = checker.text(entries["intro"][1], "intro", required=False) if "intro" in entries else ""
    questions: list[Question] = []
    if "questions" in entries:
        questions = _questions(checker, entries["questions"][1])
    rotation: list[tuple[str, ...]] = []
    if "rotation" in entries:
        rotation = _rotation(checker, *entries["rotation"], questions)
    return SurveyTemplate(key, title, intro, tuple(questions), tuple(rotation))


def _questions(checker: _Checker, node: yaml.Node) -> list[Question]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        checker.add(node, "questions", "expected a list of questions (- item: ..., text: ...)")
        return []
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    for index, q_node in enumerate(node.value):
        field = f"questions[{index + 1}]"
        entries = checker.mapping(q_node, field, _QUESTION_KEYS)
        if entries is None:
            continue
        if "item" not in entries:
            checker.add(q_node, f"{field}.item", "is missing; say which item this question asks")
            continue
        item_node = entries["item"][1]
        item = checker.text(item_node, f"{field}.item")
        if item and item not in ITEMS:
            checker.add(
                item_node,
                f"{field}.item",
                f"unknown item {item!r}; valid items are {', '.join(ITEMS)}",
            )
        elif item in first_line:
            checker.add(
                item_node,
                f"{field}.item",
                f"{item!r} is already asked on line {first_line[item]}; ask each item once",
            )
        if "text" not in entries:
            checker.add(q_node, f"{field}.text", f"is missing; write the question for {item!r}")
            text = ""
        else:
            text = checker.text(entries["text"][1], f"{field}.text")
        help_text = ""
        if "help" in entries:
            help_text = checker.text(entries["help"][1], f"{field}.help", required=False)
        if item in ITEMS and item not in first_line:
            first_line[item] = item_node.start_mark.line + 1
            questions.append(Question(item, text, help_text))
    return questions


def _rotation(
    checker: _Checker, key_node: yaml.Node, node: yaml.Node, questions: list[Question]
) -> list[tuple[str, ...]]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        checker.add(node, "rotation", "expected a list of groups, e.g. - [timely, accurate]")
        return []
    asked = {q.item for q in questions}
    groups: list[tuple[str, ...]] = []
    for index, g_node in enumerate(node.value):
        field = f"rotation[{index + 1}]"
        if not isinstance(g_node, yaml.SequenceNode) or not g_node.value:
            checker.add(g_node, field, "expected a non-empty list of item ids")
            continue
        group: list[str] = []
        for i_node in g_node.value:
            item = checker.text(i_node, field)
            if not item:
                continue
            if item not in asked:
                checker.add(
                    i_node,
                    field,
                    f"{item!r} is not one of the questions; add a question for it or remove it",
                )
            elif item in group:
                checker.add(i_node, field, f"{item!r} is listed twice in this group")
            else:
                group.append(item)
        groups.append(tuple(group))
    _check_coverage(checker, key_node, questions, groups)
    return groups


def _check_coverage(
    checker: _Checker, node: yaml.Node, questions: list[Question], groups: list[tuple[str, ...]]
) -> None:
    """With rotation, every dimension must be asked in at least one wave of the cycle."""
    rotating = {item for group in groups for item in group}
    always = {q.item for q in questions} - rotating
    covered = always | rotating
    missing = [d for d in DIMENSIONS if d not in covered]
    if missing:
        checker.add(
            node,
            "rotation",
            f"the rotation never asks {', '.join(missing)}; a rotating pulse must cover "
            "all seven dimensions within its cycle",
        )


#: What to do when a template file cannot be read, by the error.
_HINTS = {
    FileNotFoundError: "; check the file name and folder",
    IsADirectoryError: "; it is a folder: give the template file (.yaml) inside it",
    PermissionError: "; check its permissions",
}


def load_template(path: str | Path) -> SurveyTemplate:
    """Load and validate the template file at ``path``.

    Raises
    ------
    TemplateError
        When the file cannot be read or has problems (each with its line).
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            message = f"is larger than {MAX_BYTES // 1024} KiB; a survey template is a few KiB"
            raise TemplateError(str(path), [Problem(str(path), 1, "file", message)])
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = (
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 text; save the file as UTF-8 "
            "(in Notepad: Save As, Encoding UTF-8) and try again"
        )
        raise TemplateError(str(path), [Problem(str(path), line, "encoding", message)]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        hint = _HINTS.get(type(exc), "")
        raise TemplateError(
            str(path), [Problem(str(path), 1, "file", f"cannot be read ({reason}){hint}")]
        ) from None
    return parse_template(text, source=str(path))


def builtin_templates() -> dict[str, SurveyTemplate]:
    """The templates shipped with Rapport, by key (``full-pulse``, ``short-pulse``, ...).

    Returns
    -------
    dict of str to SurveyTemplate
        In file-name order.
    """
    templates: dict[str, SurveyTemplate] = {}
    for path in sorted(TEMPLATE_DIR.glob("*.yaml")):
        template = load_template(path)
        templates[template.key] = template
    return templates
