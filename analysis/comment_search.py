"""The comments explorer's search field as a safe FTS5 query (:mod:`analysis.comments_query`).

Plain Python, no database and no Qt.
"""

from __future__ import annotations

import re

_TERM = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word, as a prefix.

    Quotes, operators and brackets are dropped, so no input can be an FTS5 syntax error.

    Parameters
    ----------
    text : str
        The search field's text.

    Returns
    -------
    str
        The FTS5 query; empty when ``text`` holds no word.
    """
    return " ".join(f'"{term}"*' for term in _TERM.findall(text))
