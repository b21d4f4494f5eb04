"""Comments for the demo workspace, combined from fragments written for Rapport.

A comment is an optional opener, a specific complaint or compliment, an optional
consequence and an optional suggestion, chosen by topic and tone from
``surveys/data/demo_comments.yaml``. Placeholders (the rated department, a request, a
system, a campaign...) are filled in, a few comments get a typo, and a few give away a
person's name, an e-mail address or a phone number so that redaction has work to do.
"""

from __future__ import annotations

import random
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

#: Probability that a comment gets a sentence with a listed name / e-mail / phone number.
PERSONAL_RATES: dict[str, float] = {"name": 0.03, "email": 0.025, "phone": 0.025}
#: Probability that a comment gets one typo.
TYPO_RATE = 0.06
#: Domain of the demo organisation's e-mail addresses (reserved for examples, RFC 2606).
EMAIL_DOMAIN = "northwind-dx.example"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def phrases() -> dict[str, Any]:
    """The comment fragments, loaded once from the package data."""
    text = resources.files("surveys").joinpath("data/demo_comments.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def redaction_names() -> list[str]:
    """The people's names that demo comments may mention (HR's redaction list)."""
    return list(phrases()["personal"]["names"])


def email_of(name: str) -> str:
    """The demo e-mail address of a person, e.g. ``priya.raman@northwind-dx.example``."""
    return f"{name.lower().replace(' ', '.')}@{EMAIL_DOMAIN}"


class CommentWriter:
    """Writes demo comments; all randomness comes from the generator it is given.

    Parameters
    ----------
    rng : random.Random
        Seeded by the caller, so the same seed gives the same comments.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._data = phrases()

    def write(self, target: str, topic: str | None, tone: str) -> str:
        """A comment about department ``target``.

        Parameters
        ----------
        target : str
            The rated department (fills ``{them}``).
        topic : str or None
            A key of ``topics`` in the phrase file; ``None`` for a short neutral remark.
        tone : str
            ``negative``, ``mixed`` or ``positive``: picks the opener.
        """
        rng = self._rng
        if topic is None:
            text = rng.choice(self._data["neutral"])
        else:
            text = self._compose(target, topic, tone)
        if rng.random() < TYPO_RATE:
            text = self._typo(text)
        return self._add_personal(text)

    def _compose(self, target: str, topic: str, tone: str) -> str:
        rng = self._rng
        parts = self._data["topics"][topic]
        length = rng.choices(("short", "medium", "long"), weights=(35, 40, 25))[0]
        sentences = [self._fill(rng.choice(parts["specifics"]), target)]
        if length != "short" or rng.random() < 0.3:
            opener = rng.choice(self._data["openers"][tone])
            sentences[0] = _join_opener(opener, sentences[0])
        extras = [key for key in ("consequences", "suggestions") if parts.get(key)]
        if length == "medium" and extras:
            extras = [rng.choice(extras)]
        elif length == "short":
            extras = []
        for key in extras:
            sentences.append(_capitalise(self._fill(rng.choice(parts[key]), target)))
        return " ".join(sentences)

    def _fill(self, fragment: str, target: str) -> str:
        def replace(match: re.Match[str]) -> str:
            key = match.group(1)
            if key == "them":
                return self._rng.choice(self._data["them"][target])
            return self._rng.choice(self._data["fill"][key])

        return _capitalise(_PLACEHOLDER.sub(replace, fragment))

    def _typo(self, text: str) -> str:
        rng = self._rng
        words = [m for m in re.finditer(r"[a-z]{5,}", text)]
        kind = rng.choice(("swap", "drop", "double", "lower", "period"))
        if kind == "lower" or not words:
            return text[:1].lower() + text[1:]
        if kind == "period":
            return text.rstrip(".") if text.endswith(".") else text + ".."
        match = rng.choice(words)
        word = match.group(0)
        i = rng.randrange(1, len(word) - 1)
        if kind == "swap":
            word = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        elif kind == "drop":
            word = word[:i] + word[i + 1 :]
        else:
            word = word[:i] + word[i] + word[i:]
        return text[: match.start()] + word + text[match.end() :]

    def _add_personal(self, text: str) -> str:
        rng = self._rng
        personal = self._data["personal"]
        for kind in ("name", "email", "phone"):
            if rng.random() >= PERSONAL_RATES[kind]:
                continue
            name = rng.choice(personal["names"])
            values = {
                "name": name,
                "email": email_of(name),
                "phone": rng.choice(personal["phones"]),
            }
            sentence = rng.choice(personal[f"with_{kind}"]).format(**values)
            text = f"{text.rstrip()} {sentence}"
        return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join_opener(opener: str, sentence: str) -> str:
    """Join an opener to a sentence: "Honestly," + "they..." or "Not great." + "They..."."""
    if opener.endswith((".", "!", "?")):
        return f"{opener} {sentence}"
    first = sentence.split(" ", 1)[0]
    keep_case = first.isupper() or first in {"I", "I'll"}
    return f"{opener} {sentence if keep_case else sentence[:1].lower() + sentence[1:]}"
