"""Reading a sealed submission's plaintext strictly, before anything else is done with it.

Anyone can seal a file with the public key in ``SHARE/published/``, so ingest treats every
plaintext as hostile. :func:`parse_submission` checks, in this order, and raises
:class:`~surveys.errors.SubmissionError` at the first problem:

1. size (at most :data:`MAX_PLAIN` bytes) and UTF-8;
2. nesting: brackets outside strings are counted without recursion, and a document nested
   deeper than :data:`MAX_DEPTH` levels is refused before the JSON parser sees it;
3. JSON, with hooks that turn floats (``4.9``, ``1e400``), ``NaN`` and ``Infinity`` into a
   value no field accepts, and refuse repeated keys (an integer of more than 4,300 digits
   is refused by Python itself; every integer field has a range);
4. the fields of the schema version (``"schema"``, absent in version 1): each required field
   present, no unknown field, each of the right JSON type and length;
5. the value rules shared with the CSV import (:func:`check_values`, using
   :mod:`surveys.validation`).

A newer schema than this Rapport knows is refused with advice to update Rapport. Adding a
field is one entry in :data:`_FIELDS` for a new version number.

Messages never quote the content (departments, values, comments, unknown field names).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from surveys.errors import SubmissionError
from surveys.model import ITEMS
from surveys.submission import SCHEMA_VERSION, Answer, Comment, Submission
from surveys.validation import (
    comment_problem,
    day_problem,
    name_problem,
    rating_problem,
    wave_name_problem,
)

#: The largest plaintext (the sealed file's limit is a little larger: see surveys.ingest).
MAX_PLAIN = 256 * 1024
#: The deepest nesting of arrays and objects accepted (a submission needs 3).
MAX_DEPTH = 8
#: At most this many ratings and comments in one submission.
MAX_ANSWERS = 2000
MAX_COMMENTS = 200
#: The largest answer counter (JSON integers beyond 2**53 lose precision elsewhere).
MAX_COUNTER = 2**53

ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")
RECEIPT = re.compile(r"[0-9a-f]{64}")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Unusable:
    """A JSON value no field of a submission accepts (float, huge integer, NaN)."""

    __slots__ = ()


_UNUSABLE = _Unusable()


def _object(pairs: list[tuple[str, object]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("a key is repeated")
    return data


#: Floats and NaN/Infinity become a value no field accepts; a repeated key is refused.
_DECODER = json.JSONDecoder(
    parse_float=lambda _text: _UNUSABLE,
    parse_constant=lambda _text: _UNUSABLE,
    object_pairs_hook=_object,
)


def nested_deeper_than(text: str, limit: int) -> bool:
    """True if the JSON ``text`` nests arrays and objects more than ``limit`` levels deep.

    Strings are removed first (escaped backslashes, then escaped quotes, then everything
    between quotes), then innermost ``[]``/``{}`` pairs are removed once per level. No
    recursion, and only text that is still unbalanced after ``limit`` rounds is walked one
    character at a time.
    """
    unescaped = text.replace("\\\\", "").replace('\\"', "") if "\\" in text else text
    brackets = _NOT_BRACKET.sub("", "".join(unescaped.split('"')[::2]))
    remaining = brackets
    for _ in range(limit):
        if not remaining:
            return False
        remaining = _PAIR.sub("", remaining)
    if not remaining:
        return False
    depth = 0
    for char in brackets:  # unbalanced or deep: measure exactly
        depth += 1 if char in "[{" else -1
        if depth > limit:
            return True
    return False


def parse_submission(plain: bytes) -> Submission:
    """The submission in a sealed file's plaintext, checked strictly.

    Parameters
    ----------
    plain : bytes
        The unsealed bytes (JSON, padded with spaces).

    Returns
    -------
    Submission

    Raises
    ------
    SubmissionError
        Saying which check failed; the message never quotes the content.
    """
    if len(plain) > MAX_PLAIN:
        raise SubmissionError(f"its content is larger than {MAX_PLAIN // 1024} KiB")
    try:
        text = plain.decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError("its content is not UTF-8 text") from None
    if nested_deeper_than(text, MAX_DEPTH):
        raise SubmissionError(f"its content is nested more than {MAX_DEPTH} levels deep")
    try:
        data = _DECODER.decode(text)
    except ValueError:
        raise SubmissionError("its content is not valid JSON") from None
    return submission_from_data(data)


def submission_from_data(data: object) -> Submission:
    """Check decoded JSON against the schema and the value rules; build the submission.

    Raises
    ------
    SubmissionError
        For a wrong shape, type, length or value (see the module docstring).
    """
    if type(data) is not dict:
        raise SubmissionError("its content is not a JSON object")
    version = data.get("schema", 1)
    if type(version) is not int or version < 1:
        raise SubmissionError("schema: not a schema version")
    if version > SCHEMA_VERSION:
        raise SubmissionError(
            f"it was written with submission schema {version}, newer than this Rapport "
            f"knows ({SCHEMA_VERSION}); update Rapport, then retry the file"
        )
    fields = _FIELDS[version]
    if not data.keys() <= fields.keys():
        raise SubmissionError("it has a field that this version of the schema does not have")
    for name, (required, check) in fields.items():
        if name not in data:
            if required:
                raise SubmissionError(f"{name}: missing")
            continue
        problem = check(data[name])
        if problem:
            raise SubmissionError(f"{name}: {problem}")
    sub = Submission(
        wave=data["wave"],
        department=data["department"],
        day=data["day"],
        answers=tuple(Answer(*entry) for entry in data["answers"]),
        comments=tuple(Comment(*entry) for entry in data.get("comments", ())),
        token=data.get("token"),
        id=data["id"],
        receipt=data.get("receipt"),
        counter=data.get("counter", 0),
    )
    _check_values(sub, ratings_checked=True)
    return sub


def check_values(sub: Submission) -> None:
    """Apply the value rules of :mod:`surveys.validation` to every field of ``sub``.

    Also checks the types, so a :class:`Submission` built in code (single-machine mode)
    meets the same rules as one read from a file.

    Raises
    ------
    SubmissionError
        Naming the field (``answer 3: ...``), never quoting its value.
    """
    _check_values(sub, ratings_checked=False)


def _check_values(sub: Submission, *, ratings_checked: bool) -> None:
    """:func:`check_values`; ``ratings_checked``: items and values passed :func:`_answer_rows`."""
    problems = (
        ("id", _id_problem(sub.id)),
        ("token", _token_problem(sub.token)),
        ("receipt", _receipt_problem(sub.receipt)),
        ("counter", _counter_problem(sub.counter, minimum=0)),
        ("wave", _text(sub.wave) or wave_name_problem(sub.wave)),
        ("department", _text(sub.department) or name_problem(sub.department, "department")),
        ("day", _text(sub.day) or day_problem(sub.day)),
    )
    for name, problem in problems:
        if problem:
            raise SubmissionError(f"{name}: {problem}")
    if not sub.answers and not sub.comments:
        raise SubmissionError("it holds no answers (no rating and no comment)")
    if not (ratings_checked and _targets_fine(sub.answers)):
        targets: dict[str, str | None] = {}
        for number, answer in enumerate(sub.answers, 1):  # ...this names the problem
            problem = _answer_problem(answer, targets)
            if problem:
                raise SubmissionError(f"answer {number}: {problem}")
    for number, comment in enumerate(sub.comments, 1):
        problem = _text(comment.target) or name_problem(comment.target, "rated department")
        problem = problem or _text(comment.text) or _surrogate(comment.text)
        problem = problem or comment_problem(comment.text)
        if problem:
            raise SubmissionError(f"comment {number}: {problem}")


#: The number of options of each rating item (what a stored rating may be, 1 to this).
_SCALE_SIZES = {item.id: len(item.scale) for item in ITEMS.values() if not item.is_text}


def _targets_fine(answers: tuple[Answer, ...]) -> bool:
    """True if every rated department's name is plainly fine (each name checked once)."""
    return all(
        not (_text(name) or name_problem(name, "rated department"))
        for name in {answer.target for answer in answers}
    )


def _answer_rows(rows: object) -> str | None:
    """Check the ``answers`` field in one pass: ``[target, item, value]`` rows, known rating
    items, values on the item's scale. Returns a problem with the rows' shape; raises for a
    problem with one answer's item or value."""
    if type(rows) is not list:
        return "not a list"
    if len(rows) > MAX_ANSWERS:
        return f"more than {MAX_ANSWERS:,} entries"
    sizes = _SCALE_SIZES
    for number, row in enumerate(rows, 1):
        if type(row) is not list or len(row) != 3:
            return f"entry {number} is not a list of 3 values"
        target, item, value = row
        if type(target) is not str or type(item) is not str or type(value) is not int:
            return f"entry {number} has a value of the wrong type"
        size = sizes.get(item)
        if size is None or not 1 <= value <= size:
            problem = "the item is not a rating item of Rapport"
            raise SubmissionError(
                f"answer {number}: {rating_problem(value, size) if size else problem}"
            )
    return None


def _answer_problem(answer: Answer, targets: dict[str, str | None]) -> str | None:
    target, item, value = answer.target, answer.item, answer.value
    if type(target) is not str:
        return "not text"
    if target in targets:
        problem = targets[target]
    else:
        problem = targets[target] = _text(target) or name_problem(target, "rated department")
    if problem:
        return problem
    size = _SCALE_SIZES.get(item) if type(item) is str else None
    if size is None:
        return "the item is not a rating item of Rapport"
    if type(value) is int and 1 <= value <= size:
        return None
    return rating_problem(value, size)


def _text(value: object) -> str | None:
    if type(value) is not str:
        return "not text"
    return _surrogate(value)


def _surrogate(value: str) -> str | None:
    return "contains an invalid character" if _SURROGATE.search(value) else None


def _id_problem(value: object) -> str | None:
    if type(value) is not str or ID.fullmatch(value) is None:
        return "the submission id is missing or malformed"
    return None


def _token_problem(value: object) -> str | None:
    if value is not None and (type(value) is not str or TOKEN.fullmatch(value) is None):
        return "the participation token is malformed"
    return None


def _receipt_problem(value: object) -> str | None:
    if value is not None and (type(value) is not str or RECEIPT.fullmatch(value) is None):
        return "the receipt hash is malformed"
    return None


def _counter_problem(value: object, minimum: int = 1) -> str | None:
    if type(value) is not int or not minimum <= value <= MAX_COUNTER:
        return "the answer counter is not a whole number from 1 to 2**53"
    return None


def _string(limit: int) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if type(value) is not str:
            return "not text"
        return f"longer than {limit} characters" if len(value) > limit else None

    return check


def _rows(kinds: tuple[type, ...], limit: int) -> Callable[[object], str | None]:
    """A list of at most ``limit`` lists whose items have the types ``kinds``."""
    size = len(kinds)

    def check(value: object) -> str | None:
        if type(value) is not list:
            return "not a list"
        if len(value) > limit:
            return f"more than {limit:,} entries"
        for number, row in enumerate(value, 1):
            if type(row) is not list or len(row) != size:
                return f"entry {number} is not a list of {size} values"
            if tuple(map(type, row)) != kinds:
                return f"entry {number} has a value of the wrong type"
        return None

    return check


_V1 = {
    "id": (True, _id_problem),
    "wave": (True, _string(64)),
    "department": (True, _string(200)),
    "day": (True, _string(10)),
    "token": (False, _token_problem),
    "receipt": (False, _receipt_problem),  # SHA-256 of the respondent's receipt code
    "answers": (True, _answer_rows),
    "comments": (False, _rows((str, str), MAX_COMMENTS)),
}
#: Per schema version: field -> (required, check returning a problem or None).
_FIELDS: dict[int, dict[str, tuple[bool, Callable[[object], str | None]]]] = {
    1: _V1,
    2: {**_V1, "schema": (True, lambda v: None), "counter": (True, _counter_problem)},
}
