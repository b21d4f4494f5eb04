"""Write a suggested mapping as commented YAML for the user to check.

Every line that was decided from the file carries a comment with the column's question
text and the confidence (``high``, ``medium`` or ``low`` with a number); lines that need the
user's decision say ``CHECK``. The text loads back into the same mapping
(:func:`surveys.importing.mapping.parse_mapping`).
"""

from __future__ import annotations

import json
import re

from surveys.importing.mapping import FORMAT
from surveys.importing.meaning import confidence_word
from surveys.importing.scales import SKIP, UNSET

_PLAIN = re.compile(r"^[A-Za-z][\w .()/&'-]*$")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when safe, else double-quoted (JSON style)."""
    text = str(text)
    if (
        _PLAIN.match(text)
        and text == text.strip()
        and text.lower() not in _RESERVED
        and not text.endswith(".")
        and " #" not in text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(decision, with_text: bool = True) -> str:
    if decision is None:
        return ""
    parts = []
    if decision.check or decision.confidence < 0.75:
        parts.append("CHECK")
    parts.append(f"{confidence_word(decision.confidence)} {decision.confidence:.2f}")
    if with_text and decision.text:
        text = " ".join(decision.text.split())
        parts.append(json.dumps(text if len(text) <= 90 else text[:87] + "...", ensure_ascii=False))
    if decision.note:
        parts.append(decision.note)
    return "  # " + ": ".join(parts[:2]) + ("; " + "; ".join(parts[2:]) if parts[2:] else "")


def render(suggestion) -> str:
    """The YAML text of ``suggestion`` (a :class:`surveys.importing.suggest.Suggestion`)."""
    mapping, profile = suggestion.mapping, suggestion.profile
    decisions = suggestion.decisions
    doubtful = len(suggestion.to_check())
    out = [
        # One line whatever the name: a line break in it would start YAML of its own.
        f"# Rapport import mapping for {' '.join(profile.path.name.split())}",
        f"# Detected: {profile.layout.title}; read as {profile.kind}; "
        f"{profile.rows_read()} looked at.",
        "# Check every line, above all those marked CHECK"
        + (f" ({doubtful} here)" if doubtful else " (none here)")
        + ". Confidence is given per line.",
        "# Then:  rapport import WORKSPACE FILE --mapping THIS_FILE.yaml",
        "# The same mapping imports later exports of the same survey.",
        f"format: {FORMAT}",
        f"layout: {mapping.layout}",
    ]
    if not suggestion.workspace_departments:
        out.append(
            "# Departments were taken from the file and Rapport's defaults: "
            + ", ".join(suggestion.departments)
            + "."
        )
        out.append("# Give a workspace (--workspace WS) to check them against its departments.")
    if mapping.response_id:
        out.append(
            f"response_id: {scalar(mapping.response_id)}"
            "  # hashed with the workspace's key; never stored"
        )
    out += _department(mapping, decisions.get("department"))
    out += _date_and_wave(mapping, decisions)
    out += _scales(mapping, decisions)
    out += _columns(mapping, decisions)
    out += _drop(mapping, decisions)
    return "\n".join(out) + "\n"


def _department(mapping, decision) -> list[str]:
    out = ["department:" + _comment(decision, with_text=False)]
    if mapping.department_column:
        text = (
            f"  # {json.dumps(' '.join(decision.text.split()), ensure_ascii=False)}"
            if (decision and decision.text)
            else ""
        )
        out.append(f"  column: {scalar(mapping.department_column)}{text}")
    else:
        out.append(f"  fixed: {scalar(mapping.department_fixed or '')}")
    if mapping.department_values:
        out.append("  values:  # answers that are not a department's exact name")
        for answer, name in mapping.department_values.items():
            flag = "  # CHECK: which department?" if name == "?" else ""
            out.append(f"    {scalar(answer)}: {scalar(name)}{flag}")
    if mapping.department_column:
        choice = "skip" if mapping.skip_missing_department else "error"
        out.append(f"  if_missing: {choice}  # error, or skip responses without a department")
    return out


def _date_and_wave(mapping, decisions) -> list[str]:
    out = []
    if mapping.date_column:
        out.append("date:" + _comment(decisions.get("date"), with_text=False))
        out.append(f"  column: {scalar(mapping.date_column)}")
        formats = "YYYY-MM-DD, M/D/YYYY, D/M/YYYY, D.M.YYYY or D-M-YYYY"
        out.append(f"  format: {mapping.date_format}  # {formats}")
    out.append("wave:" + _comment(decisions.get("wave"), with_text=False))
    if mapping.wave_fixed:
        out.append(f"  fixed: {scalar(mapping.wave_fixed)}")
    else:
        out.append(f"  by: {mapping.wave_by}  # month or quarter, from the date")
    return out


def _scales(mapping, decisions) -> list[str]:
    if not mapping.scales:
        return []
    out = ["scales:  # answer as exported: value (1 = lowest), or skip for no answer"]
    for name, table in mapping.scales.items():
        decision = decisions.get(f"scale:{name}")
        comment = _comment(decision, with_text=False) if decision and decision.note else ""
        out.append(f"  {scalar(name)}:{comment}")
        for answer, value in table.items():
            if value == UNSET:
                out.append(f'    {scalar(answer)}: "?"  # CHECK: a value from 1 to 5, or {SKIP}')
                continue
            shown = SKIP if value is None else value
            out.append(f"    {scalar(answer)}: {shown}")
    return out


def _columns(mapping, decisions) -> list[str]:
    out = ["columns:  # column: the department rated (target), the item, the scale"]
    if not mapping.columns:
        out[0] = "columns: {}  # CHECK: no column was recognised; map them here"
    for key, rule in mapping.columns.items():
        parts = [f"target: {scalar(rule.target)}", f"item: {rule.item}"]
        if rule.scale:
            parts.append(f"scale: {scalar(rule.scale)}")
        out.append(f"  {scalar(key)}: {{{', '.join(parts)}}}" + _comment(decisions.get(key)))
    return out


def _drop(mapping, decisions) -> list[str]:
    if not mapping.drop:
        return []
    out = ["drop:  # never imported; identity columns are always dropped"]
    for key, reason in mapping.drop.items():
        decision = decisions.get(key)
        comment = _comment(decision) if decision else ""
        out.append(f"  {scalar(key)}: {scalar(reason)}{comment}")
    return out
