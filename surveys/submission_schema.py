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
from itertools import accumulate

from surveys.errors import NewerSubmissionError, SubmissionError
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
#: Every byte except ``[ ] { } "`` (deleted by ``bytes.translate``).
_NOT_STRUCTURE = bytes(c for c in range(256) if c not in b'[]{}"')
#: +1 for an opening bracket or brace, -1 for a closing one, by byte value.
_DEPTH_STEP = tuple(1 if c in b"[{" else -1 if c in b"]}" else 0 for c in range(256))
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: A ticket's message or signature: base64 of at most 1,024 bytes (a 8192-bit signature).
_TICKET_PART = re.compile(r"[A-Za-z0-9+/]{4,1364}={0,2}")


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


def nested_deeper_than(data: bytes, limit: int) -> bool:
    """True if the JSON ``data`` (UTF-8) nests arrays and objects more than ``limit`` deep.

    No recursion and no Python loop over the document. Escaped backslashes and escaped
    quotes are removed, then every byte but brackets, braces and quotes (a table-driven
    ``bytes.translate``; UTF-8 never uses ASCII bytes inside a multi-byte character), then
    pairs of adjacent quotes (an empty string, or the gap between two strings: either way
    nothing else changes sides), then whatever still lies between quotes. What is left are
    the structural brackets. Each round of removing ``[]`` and ``{}`` takes away at least
    one level, so a document that empties within ``limit`` rounds is shallow enough to
    parse safely (it may be up to twice as deep when brackets and braces alternate; the
    schema refuses anything deeper than a submission needs anyway). Otherwise the exact
    depth is the largest running sum of +1 per opening and -1 per closing bracket
    (``itertools.accumulate``, in C). After a quote that never closes, everything is
    inside a string, for the JSON parser too.
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in structure:
        structure = b"".join(structure.split(b'"')[::2])
    remaining = structure
    for _ in range(limit):
        if not remaining:
            return False
        remaining = remaining.replace(b"[]", b"").replace(b"{}", b"")
    if not remaining:
        return False
    return max(accumulate(map(_DEPTH_STEP.__getitem__, structure)), default=0) > limit


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
    if nested_deeper_than(plain, MAX_DEPTH):
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
        raise NewerSubmissionError(
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
        problem = check(data[name]) if check is not None else None
        if problem:
            raise SubmissionError(f"{name}: {problem}")
    sub = Submission(
        wave=data["wave"],
        department=data["department"],
        day=data["day"],
        answers=_answers(data["answers"]),
        comments=tuple(Comment(*entry) for entry in data.get("comments", ())),
        token=data.get("token"),
        id=data["id"],
        receipt=data.get("receipt"),
        counter=data.get("counter", 0),
        ticket=tuple(data["ticket"]) if "ticket" in data else None,
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
    """:func:`check_values`; ``ratings_checked``: items and values passed :func:`_answers`."""
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


def _answers(rows: object) -> tuple[Answer, ...]:
    """The ``answers`` field checked and built in one pass: ``[target, item, value]`` rows
    with the right JSON types, known rating items, values on the item's scale.

    Raises
    ------
    SubmissionError
        ``answers: ...`` for the shape, ``answer N: ...`` for an item or value.
    """
    if type(rows) is not list:
        raise SubmissionError("answers: not a list")
    if len(rows) > MAX_ANSWERS:
        raise SubmissionError(f"answers: more than {MAX_ANSWERS:,} entries")
    sizes = _SCALE_SIZES
    built = []
    for number, row in enumerate(rows, 1):
        if type(row) is not list or len(row) != 3:
            raise SubmissionError(f"answers: entry {number} is not a list of 3 values")
        target, item, value = row
        if type(target) is not str or type(item) is not str or type(value) is not int:
            raise SubmissionError(f"answers: entry {number} has a value of the wrong type")
        size = sizes.get(item)
        if size is None:
            raise SubmissionError(f"answer {number}: the item is not a rating item of Rapport")
        if not 0 < value <= size:
            raise SubmissionError(f"answer {number}: {rating_problem(value, size)}")
        built.append(Answer(target, item, value))
    return tuple(built)


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
    # A surrogate is never printable, so the common printable text skips the search.
    if value.isprintable() or not _SURROGATE.search(value):
        return None
    return "contains an invalid character"


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
    "answers": (True, None),  # checked while it is built: _answers
    "comments": (False, _rows((str, str), MAX_COMMENTS)),
}


def _ticket_problem(value: object) -> str | None:
    if (
        type(value) is not list
        or len(value) != 2
        or not all(type(part) is str and _TICKET_PART.fullmatch(part) for part in value)
    ):
        return "the participation ticket is malformed"
    return None


_V2 = {**_V1, "schema": (True, lambda v: None), "counter": (True, _counter_problem)}
#: Per schema version: field -> (required, check returning a problem or None; None when the
#: field is checked as it is built).
_FIELDS: dict[int, dict[str, tuple[bool, Callable[[object], str | None] | None]]] = {
    1: _V1,
    2: _V2,
    3: {**_V2, "ticket": (False, _ticket_problem)},
}
