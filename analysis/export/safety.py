"""The anonymity rules every export goes through, as a second line of defence.

:class:`~analysis.results.AnalysisResult` objects have already been through
:mod:`analysis.privacy`; the writers still pass them through :func:`exportable` so that a
slip upstream cannot put a group under the threshold, an unredacted comment or an id into
a file that leaves the workspace.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from analysis.results import AnalysisResult, Hotspot, PairResult, TrendPoint

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s\"'<>)]+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d ()./-]{6,}\d(?![\w])")
_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_PHONE_DIGITS = 8

#: Characters that make a spreadsheet program read a cell as a formula.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def _local_redact(text: str) -> str:
    text = _EMAIL.sub("[email]", text)
    text = _URL.sub("[link]", text)
    return _PHONE.sub(_phone_or_keep, text)


def _is_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    return digits >= _PHONE_DIGITS and not _DATE.fullmatch(candidate.strip())


def _phone_or_keep(match: re.Match[str]) -> str:
    return "[phone]" if _is_phone(match.group(0)) else match.group(0)


def _privacy_redact() -> Callable[[str], str] | None:
    try:
        from analysis.privacy import redact
    except ImportError:
        return None
    return redact


def scrub(text: str) -> str:
    """Redact a quote or example once more before it is written to a file.

    Uses :func:`analysis.privacy.redact` when it is available, then Rapport's own patterns
    for e-mail addresses, links and phone numbers, so nothing slips through either one.

    Parameters
    ----------
    text : str
        A comment that should already be redacted.

    Returns
    -------
    str
        The text with any remaining e-mail address, link or phone number replaced.
    """
    redact = _privacy_redact()
    if redact is not None:
        redacted = redact(text)
        text = redacted if isinstance(redacted, str) else getattr(redacted, "text", text)
    return _local_redact(text)


def leaks(text: str) -> list[str]:
    """The e-mail addresses, links and phone numbers still present in ``text``."""
    phones = [m for m in _PHONE.findall(text) if _is_phone(m)]
    return _EMAIL.findall(text) + _URL.findall(text) + phones


def neutralise(value: object) -> object:
    """Make a spreadsheet cell safe: a string that could start a formula gets a ``'`` prefix.

    Numbers (including negative ones) and ``None`` are returned unchanged, so they stay
    numbers in the file.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def exportable(result: AnalysisResult) -> AnalysisResult:
    """A copy of ``result`` that is safe to write to a file.

    Suppressed pairs lose every score and their size; hotspots of suppressed pairs are
    dropped; quotes are kept only where the pair's comments meet the comment threshold,
    and every quote and theme example is redacted again; trend points of groups under the
    threshold lose their index.

    Parameters
    ----------
    result : AnalysisResult
        The analysis as the pipeline returned it (not modified).

    Returns
    -------
    AnalysisResult
        The copy the writers use.
    """
    safe = copy.deepcopy(result)
    k = max(3, safe.min_group)
    for pair in safe.pairs:
        if pair.suppressed or pair.n < k:
            _blank_pair(pair)
    blocked = {(p.from_dept, p.to_dept) for p in safe.pairs if p.suppressed}
    safe.suppressed_pairs = max(
        safe.suppressed_pairs, sum(1 for p in safe.pairs if p.suppressed and p.wave == safe.wave)
    )
    safe.hotspots = [
        _safe_hotspot(h, safe) for h in safe.hotspots if (h.from_dept, h.to_dept) not in blocked
    ]
    for points in safe.trends.values():
        _safe_trend(points, k)
    for theme in safe.themes:
        theme.example = scrub(theme.example) if theme.example else theme.example
    return safe


def _blank_pair(pair: PairResult) -> None:
    pair.suppressed = True
    pair.n = 0
    pair.dimensions = {}
    pair.overall = pair.index = pair.ci_low = pair.ci_high = None
    pair.band = None
    pair.comment_count = 0
    pair.sentiment = pair.negative_share = pair.conflict_rate = None
    pair.themes = []


def _safe_hotspot(hotspot: Hotspot, result: AnalysisResult) -> Hotspot:
    pair = result.pair(hotspot.from_dept, hotspot.to_dept)
    commented = pair is not None and pair.comment_count >= max(3, result.min_comment_group)
    hotspot.quotes = [scrub(q) for q in hotspot.quotes] if commented else []
    _safe_trend(hotspot.trend, max(3, result.min_group))
    return hotspot


def _safe_trend(points: list[TrendPoint], k: int) -> None:
    for point in points:
        if point.n < k:
            point.index = point.ci_low = point.ci_high = None
