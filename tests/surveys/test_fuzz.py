"""Fuzzing the three readers of outside input: no exception but Rapport's own.

Hypothesis generates inputs for the submission parser (what ingest reads from a sealed
file), the CSV importer and the survey template validator. Each may accept the input or
refuse it with its own error type (:class:`~surveys.errors.SubmissionError`,
:class:`~surveys.csv_import.CsvImportError`, :class:`~surveys.templates.TemplateError`);
anything else (a ``TypeError``, a ``RecursionError``, an ``OverflowError``...) fails the
test. Bounded for CI: a fixed number of examples each, a per-example deadline, and no
example database on disk.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import string
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.csv_import import CsvImportError, import_csv
from surveys.errors import SubmissionError
from surveys.intake import Intake
from surveys.store import create_workspace, open_workspace
from surveys.submission_schema import parse_submission
from surveys.templates import TemplateError, parse_template
from tests.surveys.csv_helpers import HEADER

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=3),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
GOOD = {
    "schema": 2,
    "id": "a" * 32,
    "wave": "2026-10",
    "department": "Sales",
    "day": "2026-10-05",
    "token": "b" * 64,
    "counter": 1,
    "answers": [["IT", "timely", 3], ["IT", "overall", 4]],
    "comments": [["IT", "Handovers take too long."]],
}
FIELDS = st.sampled_from(sorted(GOOD) + ["extra"])


@st.composite
def mutated_submissions(draw) -> bytes:
    """A valid submission with a few fields replaced, removed or added, as JSON text."""
    data = json.loads(json.dumps(GOOD))
    for _ in range(draw(st.integers(1, 3))):
        field = draw(FIELDS)
        if draw(st.booleans()) and field in data:
            del data[field]
        else:
            data[field] = draw(JSON_VALUES)
    return json.dumps(data, allow_nan=True).encode()


@st.composite
def nested_text(draw) -> bytes:
    """Brackets, braces, quotes and backslashes in odd orders, up to deep nesting."""
    pieces = draw(
        st.lists(st.sampled_from(["[", "]", "{", "}", '"', "\\", ":", ",", "1"]), max_size=400)
    )
    depth = draw(st.integers(0, 3000))
    return ("[" * depth + "".join(pieces) + "]" * draw(st.integers(0, depth))).encode()


@pytest.fixture(scope="module")
def intake_workspace(tmp_path_factory) -> Path:
    from surveys.publish import publish_wave

    folder = tmp_path_factory.mktemp("fuzz") / "ws"
    create_workspace(folder).close()
    publish_wave(
        folder, folder.parent / "share", "2026-10", "full-pulse", passphrase="fuzz passphrase",
        create=True,
    )  # fmt: skip
    return folder


@FUZZ
@given(plain=st.binary(max_size=600) | mutated_submissions() | nested_text())
def test_the_submission_parser_and_intake_raise_only_submission_errors(plain, intake_workspace):
    try:
        sub = parse_submission(plain)
    except SubmissionError:
        return
    db = open_workspace(intake_workspace)
    try:
        Intake(db).check(sub, values_checked=True)
    except SubmissionError:
        pass
    finally:
        db.close()


CELLS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["s-1", "2026-10", "=1+2", "Sales", "IT", "timely", "comment", "3", "٣", "+4", "x" * 5001]
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=12)


def _csv_text(rows: list[list[str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(scope="module")
def csv_workspace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-csv") / "ws"
    create_workspace(folder).close()
    return folder


@FUZZ
@given(content=ROWS.map(_csv_text).map(str.encode) | st.binary(max_size=400))
def test_the_csv_importer_raises_only_csv_import_errors(content, csv_workspace, tmp_path_factory):
    folder = tmp_path_factory.mktemp("case")
    workspace = folder / "ws"
    shutil.copytree(csv_workspace, workspace)
    path = folder / "responses.csv"
    path.write_bytes(content)
    try:
        import_csv(workspace, path)
    except CsvImportError:
        pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)


TEMPLATE = {
    "key": "fuzz",
    "title": "Fuzz",
    "intro": "Hello",
    "questions": [{"item": "timely", "text": "On time?"}, {"item": "respect", "text": "Respect?"}],
    "rotation": [["timely"]],
}
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(string.printable, max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=15,
)


@st.composite
def mutated_templates(draw) -> str:
    data = json.loads(json.dumps(TEMPLATE))
    key = draw(st.sampled_from([*TEMPLATE, "questions.0", "extra"]))
    if key == "questions.0":
        data["questions"][0] = draw(YAML_VALUES)
    else:
        data[key] = draw(YAML_VALUES)
    return yaml.safe_dump(data, allow_unicode=True)


@FUZZ
@given(
    text=st.text(max_size=300)
    | mutated_templates()
    | st.text(alphabet="[]{}:- \n\t'\"&*!|>#abc", max_size=500)
)
def test_the_template_validator_raises_only_template_errors(text) -> None:
    with contextlib.suppress(TemplateError):
        parse_template(text, "fuzz.yaml")
