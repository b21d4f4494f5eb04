"""What changed since the last pulse, from the optional ``results`` HR shares with a wave.

The published survey may carry (see docs/respondent.md)::

    "results": {
        "wave": "2026-09",                      # the wave the figures come from
        "summary": "Sales and IT agreed ...",   # optional, HR's own words
        "pairs": [{"from": "Sales", "to": "IT", "index": 3.4, "previous": 3.0}, ...]
    }

Only pairs that involve the respondent's department are shown. HR publishes only pairs that
passed the anonymity threshold.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultsNote", text)


def _change(pair: dict) -> str:
    """One line of the note; ``""`` for a pair whose figures are not numbers (the published
    file can be rewritten where ``published/`` is open to colleagues: it must never stop
    the thank-you page)."""
    try:
        now, before = float(pair["index"]), pair.get("previous")
        before = None if before is None else float(before)
    except (KeyError, TypeError, ValueError):
        return ""
    if not math.isfinite(now) or (before is not None and not math.isfinite(before)):
        return ""
    if before is None:
        return _tr("{0} → {1}: {2:.1f} out of 5").format(pair["from"], pair["to"], now)
    delta = now - before
    if abs(delta) < 0.05:
        trend = _tr("unchanged")
    elif delta > 0:
        trend = _tr("up {0:.1f}").format(delta)
    else:
        trend = _tr("down {0:.1f}").format(-delta)
    return _tr("{0} → {1}: {2:.1f} out of 5 ({3} since the pulse before)").format(
        pair["from"], pair["to"], now, trend
    )


def changes_html(results: dict | None, department: str) -> str:
    """Rich text for the thank-you page, or ``""`` when HR shared nothing relevant."""
    if not isinstance(results, dict):
        return ""
    pairs = [
        p
        for p in results.get("pairs", []) or []
        if isinstance(p, dict)
        and department.casefold()
        in (str(p.get("from", "")).casefold(), str(p.get("to", "")).casefold())
    ]
    lines = [escape(line) for line in map(_change, pairs) if line]
    summary = str(results.get("summary", "") or "").strip()
    if not lines and not summary:
        return ""
    wave = escape(str(results.get("wave", "")))
    heading = (
        _tr("What changed after the last pulse ({0})").format(wave)
        if wave
        else _tr("What changed after the last pulse")
    )
    html = f"<h3>{escape(heading)}</h3>"
    if summary:
        html += f"<p>{escape(summary)}</p>"
    if lines:
        html += "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"
    return html
