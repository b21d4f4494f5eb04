"""Answers that open or close with "nothing": the part of a comment the model should not read.

Rapport asks "What one thing would make working with them better?", and a content person
answers "Nothing, they are great", "No improvement needed", "Can't think of anything" or
"Keep doing what you're doing".
The learned model read "nothing" in review sites' *pros*, where it is a complaint ("Pros:
nothing"), and scores such answers strongly negative: on real patient feedback coded
"couldn't be improved", 388 of 601 answers were labelled negative. :func:`after_filler`
takes these openings off, so only what follows is scored; an answer that is nothing else
scores 0, like the fillers of :data:`~analysis.sentiment.labels.NON_ANSWERS`.

An opening is taken off only where it ends: at the end of the comment, at a clause mark
(``, . ; : !``, an ellipsis) or a spaced dash followed by more text, or right before a new
clause that starts with "it", "everything", "everyone", "everybody" or "all good" (and
the like: "Nothing it was great"). So "Nothing works", "Nothing gets fixed",
"no-incentives", "Not a thing gets done on time", "Nothing all that bad", "No improvement
in response times", "No issues with IT resolved" and "Can't think of anything good about
them" are read whole.

The same phrases, without the bare non-answers, also *close* answers ("Very responsive. No
improvement needed.", "Brilliant service, couldn't be better!"): :func:`without_fillers`
takes off both. A closing must follow a clause mark, so "It couldn't be better if they
answered on time" is read whole, and a bare "Nothing." after a complaint stays ("We asked
for help. Nothing."). Plain Python, no model: the GUI thread may import it.
"""

from __future__ import annotations

import re

from analysis.sentiment.fast import fold_apostrophes
from analysis.sentiment.labels import NON_ANSWERS

_NOTHING = (
    r"(?:nothing|none|not a (?:single )?thing|not anything)"
    r"(?: (?:really|at all|much|specific|else|whatsoever))?"
)
_COULD_BE_BETTER = (
    r"(?:(?:that|which) )?(?:(?:i|we|you|they|anyone|anybody|the team|it|staff) )?"
    r"(?:could|can|would|should|needs? to) (?:(?:have|of) )?(?:(?:be|been) )?"
    r"(?:(?:done|do|made|any) )?(?:better|differently|improved|more)"
)
_NOTHING_TAILS = (
    r"to (?:improve|change|fix|add)(?: on)?",
    r"needs? (?:improving|changing|to (?:change|improve))",
    r"wrong",
    r"at (?:present|the moment|this time|this stage)",
    r"(?:that )?(?:i|we) (?:can|could) (?:think of|suggest)"
    r"(?: at (?:the moment|present|this time))?",
    r"(?:that )?(?:comes|springs) to mind",
    _COULD_BE_BETTER,
)
#: "(There's) nothing", then what it is that is not needed ("nothing to improve").
_NOTHING_SAID = rf"(?:there(?: is|'s| was) )?{_NOTHING}"
_NOTHING_TAIL = f"(?:{'|'.join(_NOTHING_TAILS)})"
#: Phrases that say all is fine, whether they open or close an answer.
_ALL_FINE = (
    r"no (?:improvements?|changes?) (?:needed|necessary|required|to suggest|to make)",
    r"no (?:real |major |big )?issues?(?: (?:at all|whatsoever|so far))?"
    r"(?: (?:with|from)(?: [^\s,.;:!?…]+){1,3}?)?",  # "with IT", "with the ops team"
    r"(?:just )?(?:keep|carry on|continue)(?: on)? (?:doing )?(?:what|as) (?:you|they|we)"
    r"(?:'?re| are|r| have been| do)?(?: doing)?",
    r"keep it up",
    r"(?:(?:you|they|it|we|staff|the team|the staff|the service) )?(?:couldn'?t|"
    r"could not|can'?t|cannot|can not) (?:have )?(?:be|been|do|done) "
    r"(?:any(?:thing)? |much |a lot )?(?:better|more|improved)",
    r"(?:i )?(?:can'?t|cannot|can not|couldn'?t|could not) think of "
    r"(?:anything|a (?:single )?thing)(?: to (?:improve|change)"
    r"| (?:that )?(?:could|would|should) (?:have )?(?:be|been) (?:done )?better)?",
)
_PHRASES = (
    rf"{_NOTHING_SAID}(?: {_NOTHING_TAIL})?",
    *_ALL_FINE,
    r"not that (?:i|we) (?:know|can think) of",
    *(re.escape(f) for f in sorted(NON_ANSWERS - {""}, key=len, reverse=True)),
)
#: Phrases that may also close an answer ("Very responsive. No improvement needed."): those
#: above that say nothing is wrong, without the bare non-answers ("Nothing.", "No.", which
#: after a complaint can be its point: "We asked for help. Nothing.").
_CLOSING_PHRASES = (
    f"{_NOTHING_SAID} {_NOTHING_TAIL}",
    *_ALL_FINE,
    r"nothing (?:else )?to (?:add|say)|nothing further|no further comments?",
)
_ALL_WELL = r"all (?:good|fine|great|well|ok|okay|perfect|excellent|brilliant)"
#: A new clause about who helped, right after the opening with no mark between ("Nothing
#: staff are excellent", "Nothing the care was brilliant"): a subject, then a form of "be".
_PRAISED = (
    r"(?:they|you|we|all|(?:all )?(?:the )?(?:\w+ )?(?:staff|team|service|care|nurses|doctors))"
    r"(?:'re| (?:are|were|was|is|(?:have|has)(?: all)? been))"
)
#: ...or how the person feels ("Nothing very happy", "No I'm happy with everything").
_FEELING = r"(?:happy|satisfied|pleased|content|grateful)"
_CONTENT = (
    rf"(?:(?:i'm|i am|i was|been) (?:very |so |really |extremely )?"
    rf"|(?:very|so|really|extremely) ){_FEELING}|{_FEELING} with"
)
_ENDS = (
    r"\s*(?:[,.;:!…]+|\s[-–—]+)\s+(?=\S)",  # a clause mark, then the rest of the answer
    r"[\s,.;:!?…\-–—]*$",  # nothing else
    rf"\s+(?=(?:it|it's|everything|everyone|everybody|thanks?|{_ALL_WELL}|"
    rf"{_PRAISED}|{_CONTENT})\b)",
)
_OPENING = re.compile(
    rf"(?:(?:honestly|really|well|um|erm|absolutely)\W+)?(?:{'|'.join(_PHRASES)})(?:{'|'.join(_ENDS)})",
    re.IGNORECASE,
)

_CLOSING = re.compile(
    rf"(?:(?:honestly|really|so|and|just)\s+)?(?:{'|'.join(_CLOSING_PHRASES)})", re.IGNORECASE
)
_MARKS = ",.;:!…"
_SPACED_DASHES = (" -", " –", " —")


def without_fillers(text: str) -> str:
    """``text`` without the openings and closings that say nothing is wrong.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        :func:`after_filler`'s text, then without a closing clause such as "No improvement
        needed." or ", couldn't be better": ``"Very responsive."`` for "Very responsive.
        No improvement needed."; ``text`` itself when it has neither. Typographic
        apostrophes are read as ``'`` (:func:`~analysis.sentiment.fast.fold_apostrophes`):
        ", couldnʼt be better" closes an answer too.
    """
    rest = after_filler(text)
    while rest and (cut := _closing_start(rest)) is not None:
        mark = rest[cut:].lstrip()[:1]  # a sentence keeps its full stop, a clause not
        rest = rest[:cut] + (mark if mark in ".!" else "")
    return rest


def _closing_start(text: str) -> int | None:
    """Where the clause mark before a closing phrase starts, or ``None`` without one.

    A closing holds no clause mark, so it is whatever follows the last one (trailing marks
    aside); one regular-expression match per comment.
    """
    body = text.rstrip(" ,.;:!?…-–—")
    last = max(max(body.rfind(c) for c in _MARKS), max(body.rfind(d) + 1 for d in _SPACED_DASHES))
    if last <= 0 or not _CLOSING.fullmatch(fold_apostrophes(body[last + 1 :].strip(" -–—"))):
        return None
    start = last
    while start > 0 and body[start - 1] in _MARKS + " -–—":
        start -= 1
    return start if body[:start].strip() else None


def after_filler(text: str) -> str:
    """``text`` without the openings that say nothing is wrong ("Nothing, ", "No - ").

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    str
        What follows the openings (whitespace collapsed): ``"all good with IT."`` for
        "Nothing, all good with IT.", ``""`` for "No improvement needed."; ``text`` itself
        when it does not open with one. Typographic apostrophes are read as ``'``
        (:func:`~analysis.sentiment.fast.fold_apostrophes`): "Couldnʼt be better, thanks"
        opens with one.
    """
    collapsed = " ".join(text.split())
    rest = fold_apostrophes(collapsed)  # the same length: one character for one
    size = len(rest)
    while rest and (match := _OPENING.match(rest)):
        rest = rest[match.end() :]
    return text if len(rest) == size else collapsed[size - len(rest) :]
