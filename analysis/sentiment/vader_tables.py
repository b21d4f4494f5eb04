"""VADER's constants and lexicon file, read as NLTK reads them, without importing NLTK.

:class:`VaderTables` carries VADER's word lists and constants (shipped as
``analysis/data/vader_constants.json``, a copy of NLTK's) and :func:`parse_vader_lexicon`
reads VADER's lexicon file as NLTK's ``make_lex_dict`` does; :mod:`analysis.sentiment.fast`
scores with both. Plain Python, no Qt; safe on any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class VaderTables:
    """VADER's word lists and constants, as NLTK's ``VaderConstants`` defines them."""

    punc: frozenset[str]
    negate: frozenset[str]
    booster: Mapping[str, float]
    idioms: Mapping[str, float]
    c_incr: float
    n_scalar: float
    b_decr: float

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VaderTables:
        """The tables from ``analysis/data/vader_constants.json`` (NLTK's names as keys)."""
        return cls(
            punc=frozenset(data["PUNC_LIST"]),
            negate=frozenset(data["NEGATE"]),
            booster={str(k): float(v) for k, v in data["BOOSTER_DICT"].items()},
            idioms={str(k): float(v) for k, v in data["SPECIAL_CASE_IDIOMS"].items()},
            c_incr=float(data["C_INCR"]),
            n_scalar=float(data["N_SCALAR"]),
            b_decr=float(data["B_DECR"]),
        )

    @classmethod
    def from_constants(cls, constants: Any) -> VaderTables:
        """Copy the tables of an NLTK ``VaderConstants`` (instance or class)."""
        return cls(
            punc=frozenset(constants.PUNC_LIST),
            negate=frozenset(constants.NEGATE),
            booster=dict(constants.BOOSTER_DICT),
            idioms=dict(constants.SPECIAL_CASE_IDIOMS),
            c_incr=constants.C_INCR,
            n_scalar=constants.N_SCALAR,
            b_decr=constants.B_DECR,
        )


def parse_vader_lexicon(text: str) -> dict[str, float]:
    """VADER's lexicon file as NLTK's ``make_lex_dict`` reads it: token to mean valence.

    Parameters
    ----------
    text : str
        Lines of ``token TAB mean TAB sd TAB ratings``.

    Returns
    -------
    dict of str to float
        Each token's mean valence (a later line for the same token wins, as in NLTK).
    """
    lexicon: dict[str, float] = {}
    for line in text.split("\n"):
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon
