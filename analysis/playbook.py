"""The playbook: joint actions suggested for a hotspot by its kind and its themes.

The suggestions are package data (``analysis/data/playbook.yaml``) written for Rapport.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from surveys.errors import RapportError

KINDS = ("feud", "one-sided", "deteriorating", "disconnected")


class PlaybookError(RapportError):
    """The playbook file is malformed."""


@dataclass(frozen=True)
class Playbook:
    """Suggestions per hotspot kind and per theme id."""

    kinds: dict[str, tuple[str, ...]]
    themes: dict[str, tuple[str, ...]]

    def suggest(self, kind: str, themes: Sequence[str] = (), limit: int = 4) -> list[str]:
        """Suggestions for a hotspot: two for its kind, then one per theme, no repeats.

        Parameters
        ----------
        kind : str
            The hotspot kind.
        themes : sequence of str
            Theme ids, most frequent first.
        limit : int
            At most this many suggestions.
        """
        picked = list(self.kinds.get(kind, ())[:2])
        for theme in themes:
            picked.extend(self.themes.get(theme, ())[:1])
        picked.extend(self.kinds.get(kind, ())[2:])
        return list(dict.fromkeys(picked))[:limit]


def parse_playbook(text: str, source: str = "playbook.yaml") -> Playbook:
    """Parse and check a playbook (raises :class:`PlaybookError` naming the problem)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PlaybookError(f"{source}: not valid YAML ({exc}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise PlaybookError(f"{source}: needs a mapping `kinds` of hotspot kind to suggestions.")
    unknown = sorted(set(data["kinds"]) - set(KINDS))
    if unknown:
        raise PlaybookError(
            f"{source}: unknown hotspot kind(s) {', '.join(unknown)}; use {', '.join(KINDS)}."
        )
    return Playbook(
        kinds=_section(data["kinds"], "kinds", source),
        themes=_section(data.get("themes") or {}, "themes", source),
    )


def _section(raw: dict, name: str, source: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for key, items in raw.items():
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise PlaybookError(f"{source}: {name}.{key} must be a list of non-empty sentences.")
        out[str(key)] = tuple(i.strip() for i in items)
    return out


@lru_cache(maxsize=1)
def load_playbook() -> Playbook:
    """The playbook shipped with Rapport."""
    text = resources.files("analysis").joinpath("data/playbook.yaml").read_text("utf-8")
    return parse_playbook(text)
