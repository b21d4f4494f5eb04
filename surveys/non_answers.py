"""What people type when they have nothing to say ("n/a", "none", "-"), and the apostrophes.

Kept in the survey layer, standard library only, because two layers read them: the
sentiment scorers (``analysis.sentiment.labels`` re-exports them), which score a non-answer
0, and ingest's repeat checks (:mod:`surveys.anomalies`), which compare a non-answer as no
comment: two people's same ratings with "n/a" are no likelier one person's than the same
ratings without a comment.
"""

from __future__ import annotations

#: Characters typed as apostrophes (Word, Outlook, Teams, phones): right and left single
#: quotation marks, the modifier letter apostrophe, the prime and the reversed quotation
#: mark; the acute accent and the backtick of European keyboards' dead keys ("don´t"),
#: the full-width apostrophe and the Armenian one, which the name and personal-data fold
#: (``surveys.text_fold``) reads as ``'`` too. Every scorer reads them as ``'``
#: (``analysis.sentiment.fast.fold_apostrophes``).
APOSTROPHES = "\u2019\u2018\u02bc\u2032\u201b\u00b4`\uff07\u055a"
_AS_ASCII = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))


#: What people type when they have nothing to say. The learned model read such texts in
#: review sites' pros and cons, where "none" under *pros* is a complaint; in a pulse
#: comment they say nothing, so they score 0 (neutral).
NON_ANSWERS = frozenset(
    {
        "", "na", "n a", "n.a", "n/a", "none", "nothing", "nil", "null", "no comment",
        "no comments", "nothing to add", "nothing to say", "nothing further",
        "not applicable", "nope", "nothing else", "no further comments", "none really",
        "no", "not really", "nothing really", "nothing at all", "nothing much", "none at all",
        "nothing specific", "nothing in particular", "nothing comes to mind", "not sure",
        "can't think of anything", "cannot think of anything", "don't know", "dont know",
        "i don't know", "i dont know", "do not know", "i do not know", "don't think so",
        "i don't think so", "no i don't think so", "i dont think so", "no thanks",
        "no thank you", "nothing thanks", "nothing thank you", "nothing for me",
        "nothing right now", "not at the moment", "no not really",
    }
)  # fmt: skip


def is_non_answer(text: str) -> bool:
    """Whether ``text`` says nothing ("n/a", "none", "-", "No comment.").

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    bool
        ``True`` for text without a letter or digit, and for the fillers in
        :data:`NON_ANSWERS` (case, surrounding punctuation and spaces ignored, every
        form of :data:`APOSTROPHES` read as ``'``: "I donʼt know").
    """
    folded = " ".join(text.lower().translate(_AS_ASCII).split()).strip(" .!?,;:-–—_*'\"()[]")
    return folded in NON_ANSWERS or not any(ch.isalnum() for ch in folded)
