"""Which columns of an export identify a person, and which are the tool's bookkeeping.

Identity never enters a workspace. Columns that hold e-mail addresses, names, IP
addresses, locations, recipient fields, respondent or collector ids, panel or custom
data, tokens or user agents are *identity*: they are always dropped, and a mapping may not
use them for anything else. The tool's response id is the one exception: it is read only
to make a keyed hash (:mod:`surveys.importing.response_keys`), so a re-import is recognised, and is
never stored.

Dates and times are *dates*: one of them may give the wave (by month or quarter) and the
submission's day; the time of day is never kept. The rest of the tool's bookkeeping
(progress, duration, language, status...) is *metadata*, dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from surveys.importing.layouts import Column
from surveys.importing.text import plain

_IDENTITY: tuple[tuple[str, str], ...] = (
    (r"(recipient |respondent |your |contact )?e ?mail( address)?|recipientemail", "e-mail"),
    (r"what is your e ?mail( address)?|email address", "e-mail"),
    (
        r"(recipient |respondent |your )?(first |last |full |given |family |middle |sur)?name",
        "name",
    ),
    (r"recipient(first|last)name|firstname|lastname|surname|what is your name", "name"),
    (r"(respondent|employee|staff|staff member|participant|person)( name)?", "name"),
    (r"ip( address)?|ipaddress|ipaddr|ip addr", "IP address"),
    (r"location ?(latitude|longitude)?|latitude|longitude|geo ?location", "location"),
    (r"recipient.*", "recipient field"),
    (r"respondent ?id|collector ?id|collectorid|respondentid", "respondent or collector id"),
    (
        r"custom ?data ?\d*|external ?(data )?reference|externalreference|externaldatareference",
        "custom data",
    ),
    (
        r"token|participant ?id|user ?id|user ?name|login|employee ?(id|number|no)|staff ?id",
        "personal id",
    ),
    (
        r"(phone|mobile|telephone)( number)?|user ?agent|refurl|referr?er( url)?|browser.*",
        "contact or device",
    ),
)
_RESPONSE_ID = r"response ?id|responseid|id|respondent ?id|respondentid"
_DATES: tuple[str, ...] = (
    # best first: the moment a response was completed
    r"recorded ?date|recordeddate",
    r"completion ?time|end ?date|enddate|date submitted|submitdate|submitted|timestamp",
    r"marca temporal|horodateur|zeitstempel",
    r"date last action|datestamp|last modified time",
    r"start ?date|startdate|start time|date started",
    r"date|day|time|when",
)
_METADATA = (
    r"status|progress|duration.*|finished|distribution ?channel|distributionchannel",
    r"user ?language|userlanguage|response type|last ?page|lastpage|start ?language",
    r"startlanguage|seed|interview ?time|interviewtime|group ?time.*|grouptime.*",
    r"total time|time taken|language|completed|complete|page \d+ time",
)


@dataclass(frozen=True)
class Role:
    """What a column is, before any meaning is looked for.

    Attributes
    ----------
    kind : str
        ``identity``, ``response_id``, ``date``, ``metadata`` or ``question``.
    reason : str
        For identity columns what they hold (``e-mail``...); for dates a rank (``0`` best).
    """

    kind: str
    reason: str = ""


def _full(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern, text) is not None


def role_of(column: Column, layout: str) -> Role:
    """Classify one column of a file in ``layout`` (see :mod:`surveys.importing.layouts`)."""
    names = {plain(column.key), plain(column.text)}
    if column.code:
        names.add(plain(column.code))
    names.discard("")
    if layout == "qualtrics" and column.key.startswith("Q_"):
        return Role("metadata")
    if any(_full(_RESPONSE_ID, n) for n in names) and not _is_collector(names):
        return Role("response_id")
    for pattern, reason in _IDENTITY:
        if any(_full(pattern, n) for n in names):
            return Role("identity", reason)
    for rank, pattern in enumerate(_DATES):
        if any(_full(pattern, n) for n in names):
            return Role("date", str(rank))
    if any(_full(pattern, n) for pattern in _METADATA for n in names):
        return Role("metadata")
    return Role("question")


def _is_collector(names: set[str]) -> bool:
    return any(_full(r"collector ?id|collectorid", n) for n in names)


def is_identity(column: Column, layout: str) -> bool:
    """Whether a column identifies a person (never imported, only the response id hashed)."""
    return role_of(column, layout).kind in ("identity", "response_id")
