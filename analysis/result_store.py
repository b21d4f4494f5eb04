"""The result store: analysis results kept in the workspace, keyed by its data version.

An analysis of 2 million answers takes seconds even when every comment is already
scored; the HR window wants the heatmap at once. :func:`analysis.pipeline.analyse_workspace`
stores each result it computes in the ``analysis_cache`` table (migration
``m005_dashboard_result_cache``) with:

- the workspace's *data version* (``data_version.n``, raised by triggers whenever an input
  of the analysis changes: answers, comments, HR's labels, actions, settings, ...);
- a fingerprint of the installed analysis code (:func:`code_fingerprint`, cheap: file
  sizes and times, no import);
- the analysers' versions (sentiment model, conflict markers, taxonomy, topics).

:func:`cached_result` returns a stored result while the first two still match. It imports
no SciPy, scikit-learn or NLTK, so the GUI may call it on its worker thread before the
engine is loaded; the pipeline checks the analysers' versions as well.

Thread contract: functions take an open database owned by the calling thread and never
touch Qt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from analysis import results as results_module
from analysis.results import AnalysisResult

#: ``analysis_cache.wave`` of the result for "the latest wave".
LATEST = ""


def data_version(db) -> int | None:
    """The workspace's data version, or ``None`` if its schema has none.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    int or None
        Grows whenever something an analysis reads is changed.
    """
    try:
        row = db.execute("SELECT n FROM data_version WHERE id = 1").fetchone()
    except Exception:  # noqa: BLE001 - an older schema (no table) simply has no cache
        return None
    return None if row is None else int(row[0])


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the installed analysis code and data (names, sizes, modification times).

    Returns
    -------
    str
        Changes when Rapport is upgraded or its analysis files are edited.
    """
    from surveys import __version__

    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    try:
        files = sorted(p for p in root.rglob("*") if "__pycache__" not in p.parts and p.is_file())
        for path in files:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    except OSError:
        pass  # e.g. a frozen build without a file tree: the version alone
    return digest.hexdigest()[:16]


def cached_result(db, wave: str | None, engine: str | None = None) -> AnalysisResult | None:
    """The stored result of ``wave`` if the workspace has not changed since it was computed.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    wave : str or None
        The requested wave (``None`` = the latest).
    engine : str, optional
        The analysers' versions; when given, they must match too (the pipeline passes
        them; the GUI, which does not load the analysers, leaves it out).

    Returns
    -------
    AnalysisResult or None
        ``None`` when nothing is stored or the stored result is out of date.
    """
    version = data_version(db)
    if version is None:
        return None
    row = db.execute(
        "SELECT data_version, code, engine, result FROM analysis_cache WHERE wave = ?",
        [wave or LATEST],
    ).fetchone()
    if row is None or row[0] != version or row[1] != code_fingerprint():
        return None
    if engine is not None and row[2] != engine:
        return None
    try:
        return result_from_dict(json.loads(row[3]))
    except (ValueError, TypeError, KeyError):
        return None  # written by another version: recompute


def store_result(db, wave: str | None, version: int | None, engine: str, result) -> None:
    """Keep ``result`` for ``wave`` as computed from data version ``version``.

    Nothing is stored when ``version`` is ``None`` (a schema without a data version), or
    when the data changed while the result was computed (it would be stale at once).
    """
    if version is None or data_version(db) != version:
        return
    payload = json.dumps(dataclasses.asdict(result), ensure_ascii=False, allow_nan=False)
    with db.atomic():
        db.execute(
            "INSERT INTO analysis_cache (wave, data_version, code, engine, created, result) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(wave) DO UPDATE SET "
            "data_version = excluded.data_version, code = excluded.code, "
            "engine = excluded.engine, created = excluded.created, result = excluded.result",
            [
                wave or LATEST,
                version,
                code_fingerprint(),
                engine,
                datetime.now().isoformat(timespec="seconds"),
                payload,
            ],
        )


def result_from_dict(data: dict) -> AnalysisResult:
    """Rebuild an :class:`AnalysisResult` from ``dataclasses.asdict`` output.

    Raises
    ------
    KeyError, TypeError, ValueError
        If ``data`` does not have the shape of this version's result.
    """
    return _decode(AnalysisResult, data)


def _decode(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = {f.name for f in dataclasses.fields(kind)}
        unknown = set(value) - fields
        if unknown:
            raise KeyError(f"unknown fields {sorted(unknown)} for {kind.__name__}")
        return kind(**{name: _decode(hints[name], v) for name, v in value.items()})
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return _decode(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_decode(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(kind)
        return {k: _decode(item, v) for k, v in value.items()}
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind, vars(results_module))
