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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from surveys.importing.layouts import Column, Layout
from surveys.importing.text import plain
from surveys.personal_data import whole_contact

_LOCAL_NAMES = (
    r"nom( complet| de famille)?|prenom|vor ?name|nach ?name|familienname|name des befragten|"
    r"nombre( completo)?|apellidos?|cognome|nome( completo)?|sobrenome|naam|voornaam|"
    r"achternaam|volledige naam"
)
_LOCAL_EMAILS = (
    r"adresse (de messagerie|e ?mail|electronique)|courriel|e ?mail ?adresse|"
    r"(direccion de )?correo( electronico)?|indirizzo (e ?mail|di posta elettronica)|"
    r"e ?(mail|post) ?adres(s|se)?|"
    r"endereco de e ?mail"
)
_IDENTITY: tuple[tuple[str, str], ...] = (
    (
        r"(recipient |respondent |participant |your |contact )?e ?mail( address)?|"
        r"recipientemail|emailaddress",
        "e-mail",
    ),
    (r"what is your e ?mail( address)?|email address", "e-mail"),
    (
        r"(recipient |respondent |your )?(first |last |full |given |family |middle |sur)?name",
        "name",
    ),
    (r"recipient(first|last)name|firstname|lastname|surname|what is your name", "name"),
    (r"(respondent|employee|staff|staff member|participant|person)( name)?", "name"),
    # the same columns in exports made in French, German, Spanish, Italian, Dutch and
    # Portuguese (Microsoft Forms writes "Nom" and "Adresse de messagerie")
    (_LOCAL_NAMES, "name"),
    (_LOCAL_EMAILS, "e-mail"),
    (r"ip( address)?|ipaddress|ipaddr|ip addr", "IP address"),
    (r"location ?(latitude|longitude)?|latitude|longitude|geo ?location", "location"),
    (r"recipient.*", "recipient field"),
    (r"respondent ?id|collector ?id|collectorid|respondentid", "respondent or collector id"),
    (
        r"custom ?data ?\d*|external ?(data )?reference|externalreference|externaldatareference",
        "custom data",
    ),
    (
        # LimeSurvey heads its token column "Access code" in a full-text export
        r"token|access ?code|participant ?id|user ?id|user ?name|login|"
        r"employee ?(id|number|no)|staff ?id|"
        # a form's question asking for it: "Your employee number", "What is your staff ID?"
        r"(what is |please enter |enter )?your (employee|staff|personnel|payroll|badge|"
        r"works?) ?(id|number|no|code)",
        "personal id",
    ),
    (
        r"(phone|mobile|telephone)( number)?|user ?agent|refurl|referr?(er|ing)( url)?|"
        r"browser.*",
        "contact or device",
    ),
    # a hierarchy column naming each person's manager (Viva Glint's "Manager", Qualtrics
    # EX's "Manager", an HR system's "Reports To"): a person, though not the one who
    # answered ("Manager E-mail" was the writer's e-mail)
    (
        r"(your |who is your |name of your )?(line |direct |reporting )?(manager|supervisor)"
        r"( s)?( full)?( name| e ?mail( address)?| id| number| no)?|(who do you )?reports? to",
        "manager",
    ),
)
_RESPONSE_ID = r"response ?id|responseid|id|respondent ?id|respondentid"
_DATES: tuple[str, ...] = (
    # best first: the moment a response was completed
    r"recorded ?date|recordeddate",
    r"completion ?time|end ?date|enddate|date submitted|submitdate|submitted|timestamp",
    r"marca temporal|horodateur|zeitstempel|tijdstempel|carimbo de data hora|"
    r"sygnatura czasowa|tidstampel|tidsstempel|informazioni cronologiche|idobelyeg|"
    r"casova znacka|aikaleima|отметка времени",
    # Microsoft Forms' completion time in French, German, Spanish, Italian, Dutch, Portuguese
    r"heure de fin|fertigstellungszeit|hora de finalizacion|ora di completamento|"
    r"tijd van voltooien|hora de conclusao",
    r"date last action|datestamp|last modified time",
    r"start ?date|startdate|start time|date started",
    r"heure de debut|startzeit|hora de inicio|ora di inizio|begintijd",
    r"date|day|time|when",
)
_METADATA = (
    r"status|progress|duration.*|finished|distribution ?channel|distributionchannel",
    r"user ?language|userlanguage|response type|last ?page|lastpage|start ?language",
    r"response ?set|responseset",
    r"startlanguage|seed|interview ?time|interviewtime|group ?time.*|grouptime.*",
    r"total time|time taken|language|completed|complete|page \d+ time",
    # Viva Glint's user attributes
    r"time ?zone|timezone|(survey|dashboard) language",
)


#: Qualtrics bookkeeping beside the questions: display order (``Q2_DO_1``, ``FL_8_DO``) and
#: timing questions (``Q10_First Click``, ``Q10_Page Submit``, ``Q10_Click Count``).
_QUALTRICS_META = re.compile(
    r"(_DO(_\w+)?$|^FL_\d+_DO$|_(First Click|Last Click|Page Submit|Click Count)$)", re.I
)


#: Microsoft Forms' quiz grading, which a form made as a quiz exports beside the answers:
#: ``Total points``, ``Quiz feedback``, ``Grade posted time``, and after each question its
#: ``Points - <question>`` and ``Feedback - <question>`` (public code reading such
#: workbooks; the English headings only).
_FORMS_QUIZ = ("total points", "quiz feedback", "grade posted time")
_FORMS_GRADED = re.compile(r"(points|feedback) - (.+)", re.I | re.S)
#: Google Forms writes a quiz's ``Score`` (``7 / 10``) after ``Timestamp`` and ``Email
#: Address`` (public code parsing its CSV).
_GOOGLE_SCORE = "score"
_OUT_OF = re.compile(r"\s*\d+([.,]\d+)?\s*/\s*\d+([.,]\d+)?\s*|\s*")
#: A column's distinct answers (:attr:`surveys.importing.profile.ColumnProfile.distinct`).
Values = Callable[[Column], Iterable[str]]


def quiz_grading_columns(layout: Layout, values: Values | None = None) -> dict[int, str]:
    """The columns a form made as a quiz adds, by index, with why they are dropped: a
    Microsoft Forms ``Points - `` or ``Feedback - `` column counts only when the rest of its
    heading is another column's, Google Forms' ``Score`` only among its first three and
    when its ``values`` (the column's distinct answers, if known) are scores out of a
    total (``7 / 10``): a home-made form's question "Score" answered 1 to 5 is answers."""
    if layout.name == "google":
        return {
            column.index: "quiz score (a Google Forms quiz)"
            for column in layout.columns[:3]
            if plain(column.text) == _GOOGLE_SCORE
            and all(_OUT_OF.fullmatch(v) for v in (values(column) if values else ()))
        }
    if layout.name != "forms":
        return {}
    headings = {plain(column.text) for column in layout.columns}
    found = {}
    for column in layout.columns:
        graded = _FORMS_GRADED.fullmatch(column.text.strip())
        if plain(column.text) in _FORMS_QUIZ or (graded and plain(graded.group(2)) in headings):
            found[column.index] = "quiz grading (a Microsoft Forms quiz)"
    return found


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


def roles_of(layout: Layout, values: Values | None = None) -> dict[int, Role]:
    """Each column's :func:`role_of`, by index, a quiz's grading columns as metadata
    (:func:`quiz_grading_columns`, told by ``values`` too)."""
    roles = {column.index: role_of(column, layout.name) for column in layout.columns}
    for index, why in quiz_grading_columns(layout, values).items():
        roles[index] = Role("metadata", why)
    return roles


#: What a form adds to a question it does not require, after :func:`plain`: "Employee number
#: (optional)", "Who is your line manager? (optional)", "Nom (facultatif)".
_OPTIONAL = re.compile(
    r" (optional|not required|voluntary|if you wish|if you like|facultatif|facultative|"
    r"freiwillig|opcional|facoltativo|optioneel|facultatief)$"
)


def role_of(column: Column, layout: str) -> Role:
    """Classify one column of a file in ``layout`` (see :mod:`surveys.importing.layouts`)."""
    names = {plain(column.key), plain(column.text)}
    if column.code:
        names.add(plain(column.code))
    names.discard("")
    if layout == "qualtrics" and (
        column.key.startswith("Q_") or _QUALTRICS_META.search(column.key)
    ):
        return Role("metadata")
    if any(_full(_RESPONSE_ID, n) for n in names) and not _is_collector(names):
        return Role("response_id")
    asked = names | {_OPTIONAL.sub("", n) for n in names}  # "Your name (optional)" too
    for pattern, reason in _IDENTITY:
        if any(_full(pattern, n) for n in asked):
            return Role("identity", reason)
    reason = identity_in_name(column)
    if reason:
        return Role("identity", reason)
    for rank, pattern in enumerate(_DATES):
        if any(_full(pattern, n) for n in names):
            return Role("date", str(rank))
    if any(_full(pattern, n) for pattern in _METADATA for n in names):
        return Role("metadata")
    return Role("question")


#: Parts of a short field name (embedded data, hidden fields: ``ManagerEmail``,
#: ``manager_email``, ``displayName``) that identify a person wherever they appear in it.
_IDENTITY_PARTS: tuple[tuple[str, str], ...] = (
    ("email", "e-mail"),
    ("ipaddr", "IP address"),
    ("latitude", "location"),
    ("longitude", "location"),
    ("displayname", "name"),
    ("firstname", "name"),
    ("lastname", "name"),
    ("fullname", "name"),
    ("givenname", "name"),
    ("surname", "name"),
    ("username", "personal id"),
    ("userid", "personal id"),
    ("principalname", "personal id"),
    ("employeeid", "personal id"),
    ("phone", "contact or device"),
)
#: Parts that are also everyday words of questions ("Phone support", "Email response
#: time"): a name holding one is an identity field only when the rest of it is made of
#: these words (``ManagerEmail``, ``mobile_phone``, ``RecipientEmail``, ``Phone number``).
_CONTACT_PARTS = frozenset({"email", "phone"})
_CONTACT_AFFIXES = re.compile(
    r"(?:e|account|tele|manager|work|mobile|home|cell|office|business|personal|primary|secondary|other|"
    r"contact|recipient|respondent|participant|user|employee|staff|my|your|number|no|nr|"
    r"address|addr|"
    r"\d)*"
)


def identity_in_name(column: Column) -> str:
    """What a short field name says it holds (``e-mail``...), or ``""``.

    Only names of up to three words are read this way: a question such as "Do they answer
    your e-mails in time?" is a question, not an e-mail column; nor is a short one such as
    "Phone support" or "Email response time" (see :data:`_CONTACT_PARTS`).
    """
    for name in (column.key, column.code):
        if not name or len(plain(name).split()) > 3:
            continue
        compact = re.sub(r"[^a-z0-9]", "", name.casefold())
        for part, reason in _IDENTITY_PARTS:
            if part not in compact:
                continue
            rest = compact.replace(part, "", 1)
            if part not in _CONTACT_PARTS or _CONTACT_AFFIXES.fullmatch(rest):
                return reason
    return ""


def identity_in_values(values: list[str]) -> str:
    """What a column's answers show it holds (e-mail or IP addresses), or ``""``."""
    filled = [v.strip() for v in values if v.strip()]
    if not filled:
        return ""
    kinds = [whole_contact(v) for v in filled]
    for kind, reason in (("e-mail address", "e-mail"), ("IP address", "IP address")):
        if kinds.count(kind) * 2 >= len(filled):
            return reason
    return ""


#: A heading that says who sent the response: a hand-made sheet's "Submitted by", a
#: SharePoint list's "Created By".
_SENDER = re.compile(r"(submitted|completed|filled( in| out)?|entered|created|modified|sent) by")


def sender_in_values(heading: str, values: list[str], is_department) -> str:
    """``who sent it`` when ``heading`` says its column names who sent each response and
    its answers are not all departments (a team's sheet may say "Completed by: Sales"; a
    mapping may use such a column, as it may not an identity column by its name), or ``""``.
    """
    filled = [v.strip() for v in values if v.strip()]
    if not filled or not _SENDER.fullmatch(plain(heading)):
        return ""
    return "" if all(is_department(v) for v in filled) else "who sent it"


def identity_of_answer(text: str) -> str:
    """``e-mail`` or ``IP address`` when a whole answer is one (not a comment), else ``""``."""
    return whole_contact(text)


def _is_collector(names: set[str]) -> bool:
    return any(_full(r"collector ?id|collectorid", n) for n in names)


def is_identity(column: Column, layout: str) -> bool:
    """Whether a column identifies a person (never imported, only the response id hashed)."""
    return role_of(column, layout).kind in ("identity", "response_id")
