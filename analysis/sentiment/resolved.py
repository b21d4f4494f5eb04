"""Blame that has stopped: a part of a comment the model should not read.

Pulse comments about a relationship that improved say so in the words of the old trouble:
"We stopped blaming each other", "No more blame games", "Since we plan launches together
the blame has stopped", "Meetings are about fixing things now, not who is to blame". The
learned model knows "blame" only from review sites' *cons*, and read every one of these
as strongly negative (-0.75 to -0.87). :func:`without_resolved_blame` takes such phrases
out before scoring, so the rest of the comment decides; a comment that says nothing else
scores 0. The conflict analysis reads the same sentences as a conflict that is over
(``resolved_cues`` in ``analysis/data/conflict_markers.yaml``).

Only blame that *has* stopped is taken out: "The blame never stops", "The blame has not
stopped", "They need to stop blaming us" and "They always blame us" are read whole, and so
is blame whose end is only wished for or supposed ("I wish the blame had stopped", "If they
stopped blaming us, ...") or undone ("The blame had stopped until the reorg", "..., but now
it is back", "..., then the reorg started it again"), and so is a contrast ("They solve
problems with us instead of pointing fingers"), which the model already reads as praise
and which reads worse without its second half. Plain Python, no model: the GUI thread may
import it.
"""

from __future__ import annotations

import re

from analysis.sentiment.fast import fold_apostrophes

_BLAME = r"(?:the )?(?:blame(?: games?)?|blaming|finger[- ]?pointing|pointing fingers)"
_WHO = (
    r"(?:we|they|people|everyone|everybody|both (?:teams|sides)|the teams"
    r"|(?:sales|it|marketing|operations|ops)(?: and (?:sales|it|marketing|operations|ops))?)"
)
_AT_WHOM = r"(?: (?:each other|one another|us|them|anyone|anybody))?"
_PATTERNS = (
    # "…, not who is to blame", "not blaming each other"
    r",?\s*not (?:about )?(?:who(?:'s| is| was) to blame"
    r"|(?:blaming|pointing fingers at) (?:each other|one another|anyone|anybody))",
    # "the blame (game) has (finally) stopped"
    rf"{_BLAME} (?:has |have |had )?(?:(?:finally|now|completely|mostly|largely|really) )?"
    r"(?:stopped|ended|gone|disappeared|vanished|eased|faded|is over|are over|is gone"
    r"|are gone)",
    # "we (have) stopped blaming each other"
    rf"{_WHO} (?:have |has |had )?(?:(?:finally|now|all) )?(?:stopped|quit) {_BLAME}{_AT_WHOM}",
    # "no more blame games", "no longer any finger-pointing"
    rf"no (?:more|longer) (?:any )?{_BLAME}",
    # "nobody points fingers any more"
    r"(?:nobody|no one|no-one) (?:blames|is blaming|points fingers|is pointing fingers)"
    rf"{_AT_WHOM}(?: any ?more)?",
)
_RESOLVED = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
#: Earlier in the same sentence, a word that makes the end of the blame a wish or a
#: condition, not a fact: "I wish the blame games had ended", "If they stopped blaming us,
#: things would improve", "I hope the finger pointing is over soon".
_NOT_YET = re.compile(
    r"\b(?:wish(?:ed)?|if|hope[ds]?|hoping|unless|until|want(?:s|ed)?|need(?:s|ed)? to|"
    r"make sure|would|should|could)\b[^.!?;]*$",
    re.IGNORECASE,
)
#: After the phrase, in the rest of its sentence or the next one, words that say the blame
#: came back: "The blame had stopped until the reorg", "The blame games had ended, but now
#: they are back", "We stopped blaming each other. Then the reorg started it again."
#: "Back" and "again" count only after "but", "then" or "now" and only as something that
#: returns ("Thanks again!", "we are back on track" keep the phrase out).
_UNTIL = re.compile(r"\b(?:until|till)\b", re.IGNORECASE)
_TURN = re.compile(r"\b(?:but|then|now)\b", re.IGNORECASE)
_BACK = re.compile(
    r"\b(?:is|are|was|were|it's|they're|came|come|comes|coming|crept|creeping|got)"
    r" back\b(?! on track| to normal)"
    r"|\b(?:returned|resumed|restarted)\b",
    re.IGNORECASE,
)
_AGAIN_AFTER = re.compile(
    r"\b(?:start(?:ed|s|ing)?|began|begun|kicked off|all over)\b", re.IGNORECASE
)
_AGAIN = re.compile(r"\bagain\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]+")
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")
_DANGLING_MARK = re.compile(r"[,;:]+(?=\s*(?:[.!?]|$))")
_LEADING_MARK = re.compile(r"(^|[.!?]\s+)[,;:.]+\s*")


def _goes_on(text: str, match: re.Match[str]) -> bool:
    """Whether the blame a phrase says has stopped goes on: its end is only wished for or
    supposed (before it), or undone (after it)."""
    start = match.start()
    sentence = max(text.rfind(mark, 0, start) for mark in ".!?;") + 1  # its wish is in it
    return bool(_NOT_YET.search(text, sentence, start)) or _undone(text[match.end() :])


def _undone(rest: str) -> bool:
    """Whether ``rest`` (what follows the phrase) undoes it: "until" in its sentence, or a
    turn ("but", "then", "now") followed in its sentence or the next by the blame coming
    back. Each sentence is searched a few times from left to right: one regular expression
    with a nested search for each part took seconds on a long comment of many turns."""
    sentences = _SENTENCE_END.split(rest, maxsplit=2)[:2]
    if _UNTIL.search(sentences[0]):
        return True
    for sentence in sentences:
        turn = _TURN.search(sentence)
        if turn is None:
            continue
        if _BACK.search(sentence, turn.end()):
            return True
        start = _AGAIN_AFTER.search(sentence, turn.end())
        if start is not None and _AGAIN.search(sentence, start.end()):
            return True
    return False


def _without_stopped(text: str) -> str:
    """``text`` without the phrases of blame that stopped and stays stopped, found in the
    text with its apostrophes folded (one character for one, so the places are the same)."""
    folded = fold_apostrophes(text)
    pieces, end = [], 0
    for match in _RESOLVED.finditer(folded):
        if not _goes_on(folded, match):
            pieces.append(text[end : match.start()])
            end = match.end()
    return "".join(pieces) + text[end:]


def without_resolved_blame(text: str) -> str:
    """``text`` without the phrases that say blame has stopped.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        ``"Meetings are about fixing things now."`` for "Meetings are about fixing things
        now, not who is to blame."; ``""`` for "No more blame games."; ``text`` itself when
        it has no such phrase (most comments: a quick test for "blam" or "finger" first).
        The phrases are looked for with typographic apostrophes read as ``'``
        (:func:`~analysis.sentiment.fast.fold_apostrophes`: "not who′s to blame").
    """
    lowered = text.lower()
    if "blam" not in lowered and "finger" not in lowered:
        return text
    rest = _without_stopped(text)
    if rest == text:
        return text
    # A sentence taken out whole leaves its mark: drop it before the marks are closed up
    # (else "Great change. We stopped blaming each other." left "Great change..").
    rest = _LEADING_MARK.sub(r"\1", rest)
    rest = _SPACE_BEFORE_MARK.sub(r"\1", rest)
    rest = _DANGLING_MARK.sub("", rest)
    rest = " ".join(_LEADING_MARK.sub(r"\1", rest).split())
    return "" if not any(c.isalnum() for c in rest) else rest
