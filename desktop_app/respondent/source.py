"""Where the respondent's surveys come from and where the answers go.

Two sources behind one small interface, so the wizard and the tray never care which:

* :class:`TeamSource`: team mode over a shared folder, through :mod:`surveys.transport`
  (:mod:`surveys.published` reads ``SHARE/published/``; :mod:`surveys.outbox` seals into
  ``SHARE/inbox/`` or keeps the file in the local outbox when the share is unreachable).
  Until a submission is sealed this path uses only the standard library: no sqlite-utils
  (which pulls in numpy and pandas when they are installed) and no cryptography, so the
  window opens fast (``tests/desktop_app/test_respondent_startup.py`` keeps it so).
* :class:`~desktop_app.respondent.local_source.LocalSource` (in ``local_source.py``):
  single-machine mode, straight into a workspace on this computer (nothing is sealed: the
  privacy note says so).

Each source says what is wrong with it (:meth:`SurveySource.problem`: a folder that cannot
be reached, a missing workspace), so that an empty list of surveys means "no pulse is open"
only when nothing is wrong.

The transport modules (and the survey model) are imported inside the methods, so importing
this module stays cheap.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from surveys.model import Question
    from surveys.outbox_hold import Hold
    from surveys.published import PublishedSurvey
    from surveys.receipts import AnswerState, LocalAnswer
    from surveys.reminders import ReminderPlan
    from surveys.submission import Submission

MIN_GROUP_DEFAULT = 5

#: How the answers travel, for the privacy note: sealed to a shared folder, sealed at a
#: kiosk, or stored unsealed in a workspace on this computer.
TEAM, KIOSK, LOCAL = "team", "kiosk", "local"


@dataclass(frozen=True)
class OpenSurvey:
    """One open wave as the respondent sees it (questions already rotated for the wave)."""

    wave: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    departments: tuple[str, ...]
    closes: str | None = None
    redaction_names: tuple[str, ...] = ()
    min_group: int = MIN_GROUP_DEFAULT
    opens: str | None = None
    #: How the answers travel (:data:`TEAM`, :data:`KIOSK` or :data:`LOCAL`).
    mode: str = TEAM
    #: When to remind a person who has not answered (``None``: the default plan).
    reminders: ReminderPlan | None = None
    #: Optional results HR shared from the previous wave (see docs/respondent.md).
    results: dict | None = None
    #: The transport's own object, handed back to it when delivering.
    handle: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Outcome:
    """What happened to a submission: ``delivered``, ``queued``, ``waiting`` (for its
    participation ticket), ``stored`` (local), or not sent: ``refused`` (HR's app refused the
    participation ticket; ``detail`` says why), ``closed`` (the wave closed before the
    ticket came) or ``stopped`` (HR stopped the wave's answers, or closed it, before Submit;
    ``detail`` is the time of the stop, ISO 8601).

    ``receipt`` is the receipt code shown to the respondent (``""`` when there is none).
    """

    status: str
    detail: str = ""
    receipt: str = ""


class SurveySource(Protocol):
    """What the wizard and the tray need from a source."""

    def problem(self) -> str | None: ...

    def open_surveys(self) -> list[OpenSurvey]: ...

    def departments(self) -> list[str]: ...

    def token(self, survey: OpenSurvey) -> str | None: ...

    def deliver(self, survey: OpenSurvey, submission: Submission) -> Outcome: ...

    def retry(self, at_once: bool = False) -> int: ...

    def send_waiting(self, at_once: bool = False) -> list[LocalAnswer]: ...

    def next_due_in(self) -> float | None: ...

    def held_count(self) -> int: ...

    def answer_states(self) -> list[AnswerState]: ...

    def unanswered(self) -> list[OpenSurvey]: ...


def open_survey_from_published(published: PublishedSurvey, mode: str = TEAM) -> OpenSurvey:
    """Adapt the transport's :class:`~surveys.published.PublishedSurvey` for the wizard."""
    pool = published.targets if published.targets is not None else published.departments
    return OpenSurvey(
        wave=published.wave,
        title=published.survey.title,
        intro=published.survey.intro,
        questions=published.questions,
        departments=tuple(pool),
        closes=published.closes,
        redaction_names=published.redaction_names,
        min_group=published.min_group_size,
        results=published.results,
        opens=published.opens,
        mode=mode,
        reminders=published.reminders,
        handle=published,
    )


class TeamSource:
    """Team mode: surveys and answers travel through the shared folder ``share``.

    ``department`` (the respondent's, or a callable returning it as the settings change)
    chooses the ticket key when a wave has one per department. ``hold`` says how long a
    sealed answer waits in the outbox before it is delivered (:mod:`surveys.outbox_hold`):
    ``True``, a random few minutes; a :class:`~surveys.outbox_hold.Hold` with its own clock
    and delays (tests); ``False``, no wait (without a tray nothing could deliver it later).
    """

    def __init__(
        self,
        share: str | Path,
        department: str | Callable[[], str] = "",
        hold: Hold | bool = True,
    ) -> None:
        self.share = Path(share)
        self._department = department
        if hold is True:
            from surveys.outbox_hold import Hold

            hold = Hold()
        #: How long sealed answers wait in the outbox (``None``: they go at once).
        self.hold: Hold | None = hold or None
        #: Whether the last :meth:`problem` was a survey sealed to an unknown key.
        self.key_changed = False
        #: That key, when all the share's surveys carry it (the one the message gave the
        #: code of, and the only one :meth:`trust_new_key` trusts).
        self.new_key: bytes | None = None

    def _now(self) -> float | None:
        """The hold's clock, or ``None`` when answers are not held (all are due)."""
        return None if self.hold is None else self.hold.clock()

    @property
    def department(self) -> str:
        found = self._department() if callable(self._department) else self._department
        return found or ""

    def problem(self) -> str | None:
        """Why the shared folder cannot be read (missing, not mounted), why its surveys
        cannot be trusted (sealed to another key than before, or not signed by HR's
        signing key: :mod:`surveys.key_pins`, :mod:`surveys.survey_signature`), or
        ``None``."""
        from surveys.key_pins import new_key, survey_problem
        from surveys.published import list_delivering_surveys, share_problem

        found = share_problem(self.share)
        self.key_changed, self.new_key = False, None
        if found is None:
            # Stopped surveys too: answers that waited for their ticket are sealed to them.
            surveys = list_delivering_surveys(self.share)
            found = survey_problem(self.share, surveys)
            self.key_changed = found is not None
            keys = [p.public_key for p in surveys]
            self.new_key = new_key(self.share, keys) if self.key_changed else None
        return found

    def key_code(self) -> str:
        """The code of the key the share's open surveys are sealed to ("" without surveys,
        or with surveys sealed to different keys), for the person to compare with HR's."""
        from surveys.key_pins import key_code
        from surveys.published import list_delivering_surveys

        keys = {p.public_key for p in list_delivering_surveys(self.share)}
        return key_code(keys.pop()) if len(keys) == 1 else ""

    def trust_new_key(self) -> None:
        """Trust the key the last :meth:`problem` gave the code of (the respondent has
        confirmed it with HR); a key that replaced it since stays refused.

        Raises
        ------
        OSError
            The respondent's settings folder cannot be written.
        """
        from surveys.key_pins import trust

        if self.new_key is not None:
            trust(self.share, self.new_key)
        self.key_changed, self.new_key = False, None

    def _trusted(self) -> list[PublishedSurvey]:
        """The open surveys of the share; none while one of them, or of the surveys whose
        answers HR stopped, is sealed to an unknown key."""
        from surveys.key_pins import trusted_surveys

        return [p for p in trusted_surveys(self.share) if p.is_open()]

    def open_surveys(self) -> list[OpenSurvey]:
        return [open_survey_from_published(p) for p in self._trusted()]

    def departments(self) -> list[str]:
        names: dict[str, None] = {}
        for published in self._trusted():
            names.update(dict.fromkeys(published.departments))
        return list(names)

    def token(self, survey: OpenSurvey) -> str | None:
        from surveys.outbox import participation_token

        return participation_token(survey.wave)

    def deliver(self, survey: OpenSurvey, submission: Submission) -> Outcome:
        """Seal with a fresh receipt and the ticket, deliver or queue (or keep it until the
        ticket arrives: status ``waiting``), and note it in the person's log.

        The wave's published file is read again first: once HR has stopped its answers (to
        close it early) or closed it, nothing is sealed, kept or logged, and the outcome is
        ``stopped`` (``detail``: the time of the stop, ``""`` when the wave has closed).
        """
        from dataclasses import replace

        from surveys.receipts import LocalAnswer, new_receipt_code, receipt_hash, remember_answer
        from surveys.ticket_wait import deliver_ticketed

        ended = self.no_longer_taken(survey.wave)
        if ended is not None:
            return ended
        code = new_receipt_code()
        sealed = replace(submission, receipt=receipt_hash(submission.wave, code))
        result = deliver_ticketed(sealed, survey.handle, self.share, self.department, self.hold)
        if result.path is None:  # refused or closed: not sent, not kept, no receipt
            from surveys.reminders import mark_shown

            day = submission.day
            note = LocalAnswer(submission.wave, day, "", "", result.status, result.reason)
            with contextlib.suppress(OSError):
                remember_answer(note)
                mark_shown(submission.wave, REFUSED_NOTICE)  # the thank-you page says it
            return Outcome(result.status, detail=result.reason)
        outbox_name = "" if result.delivered else result.path.name
        # If the log cannot be written the answer itself is still safe.
        with contextlib.suppress(OSError):
            remember_answer(LocalAnswer(submission.wave, submission.day, code, outbox_name))
        return Outcome(result.status, receipt=code)

    def no_longer_taken(self, wave: str) -> Outcome | None:
        """``Outcome("stopped")`` when HR has stopped or closed ``wave`` since the survey
        was read; ``None`` while it takes answers, or when the folder cannot be read now
        (the answer is then kept and sent later, as for any unreachable folder). A stop
        in a file HR did not sign (:func:`surveys.key_pins.survey_problem`) is not HR's:
        the answer goes on to the survey read before, which the person answered.

        Raises
        ------
        PublishError
            The wave's file is an earlier one than this app read before
            (:func:`surveys.survey_signature.replayed`), another wave's, or no survey at
            all while the folder answers: HR may have stopped the wave since, so the
            answer is neither sent nor dropped; the person may press Submit again once
            HR's file is back.
        """
        from surveys.key_pins import survey_problem
        from surveys.published import PublishError, read_current, share_problem
        from surveys.survey_signature import replayed

        try:
            current = read_current(self.share, wave)
        except PublishError:
            if share_problem(self.share) is None:
                raise  # the folder answers, and the wave's file there is no survey of HR's
            return None
        if current is None:
            return Outcome("stopped")
        if current.wave != wave:
            raise PublishError(_not_the_wave(self.share, wave))
        older = replayed(self.share, current)
        if older is not None:
            raise PublishError(older)
        if current.stopped is not None and survey_problem(self.share, [current]) is None:
            return Outcome("stopped", detail=current.stopped)
        return None

    def retry(self, at_once: bool = False) -> int:
        """Request and pick up tickets, drop answers whose ticket can never come (refused,
        or the wave closed), release answers that waited for theirs, and deliver the
        outbox's answers that are due (``at_once``: all of them). Nothing is delivered
        while :meth:`problem` says the folder cannot be reached or cannot be trusted."""
        from surveys.outbox import flush_outbox
        from surveys.ticket_wait import refresh_tickets, release_waiting, settle_waiting

        if self.problem() is not None:
            return 0  # the answers keep waiting on this computer
        refresh_tickets(self.share, self.department)
        with contextlib.suppress(OSError):  # the log cannot be written: kept for later
            settle_waiting(self.share)
        release_waiting(self.share, self.hold)
        return flush_outbox(self.share, None if at_once else self._now())

    def next_due_in(self) -> float | None:
        """Seconds until the earliest answer in the outbox is due (0 when one is overdue,
        e.g. the folder could not be reached), or ``None`` when none waits or nothing is
        held."""
        from surveys.outbox import held_names
        from surveys.outbox_hold import next_due

        if self.hold is None:
            return None
        due = next_due(held_names())
        return None if due is None else max(0.0, due - self.hold.clock())

    def held_count(self) -> int:
        """How many sealed answers wait in the outbox (for their due time or the folder)."""
        from surveys.outbox import pending_count

        return pending_count()

    def send_waiting(self, at_once: bool = False) -> list[LocalAnswer]:
        """Retry the outbox (``at_once``: also the answers not due yet: "Deliver now");
        return the logged answers that have just left this computer: delivered, or dropped
        as never to be sent (``not_sent`` says why)."""
        from surveys.outbox import outbox_dir
        from surveys.receipts import forget_outbox_names, local_answers
        from surveys.ticket_wait import waiting_dir

        outbox, held = outbox_dir(), waiting_dir()

        def here(answer: LocalAnswer) -> bool:
            name = answer.outbox_name
            return (outbox / name).exists() or (held / name).exists()

        waiting = [a for a in local_answers() if a.outbox_name]
        if self.retry(at_once) == 0 and all(here(a) for a in waiting):
            return []
        names = {a.outbox_name for a in waiting if not here(a)}
        gone = [a for a in local_answers() if a.outbox_name in names]  # as the log says now
        forget_outbox_names(names)
        return gone

    def answer_states(self) -> list[AnswerState]:
        """What became of each answer sent from this computer (see "Your answers")."""
        from surveys.outbox import outbox_dir
        from surveys.receipts import answer_states

        share = None if self.problem() else self.share
        return answer_states(share, outbox_dir(), self._now())

    def unanswered(self) -> list[OpenSurvey]:
        """Open pulses not answered yet, less those this computer cannot answer (HR's app
        refused its participation ticket: :meth:`refusals_to_tell` says so once)."""
        from surveys.outbox import answered_waves
        from surveys.ticket_client import local_ticket

        answered = answered_waves()
        return [
            s
            for s in self.open_surveys()
            if s.wave not in answered and not _refused(local_ticket(s.wave))
        ]

    def refusals_to_tell(self) -> list[tuple[str, str, str]]:
        """``(wave, title, reason)`` of each open pulse whose ticket HR's app refused, once."""
        from surveys.outbox import answered_waves
        from surveys.reminders import mark_shown, shown_notices
        from surveys.ticket_client import local_ticket

        answered = answered_waves()
        told = []
        for survey in self.open_surveys():
            ticket = local_ticket(survey.wave)
            if not _refused(ticket) or survey.wave in answered:
                continue
            if REFUSED_NOTICE in shown_notices(survey.wave):
                continue
            with contextlib.suppress(OSError):
                mark_shown(survey.wave, REFUSED_NOTICE)
            told.append((survey.wave, survey.title, ticket.refused))
        return told


#: The notice kind remembered once a refused ticket was told (:mod:`surveys.reminders`).
REFUSED_NOTICE = "ticket-refused"


def _refused(ticket) -> bool:  # noqa: ANN001 - surveys.ticket_client.LocalTicket or None
    return ticket is not None and bool(ticket.refused)


def _not_the_wave(share: str | Path, wave: str) -> str:
    return (
        f"The file of the survey {wave} in {share} now holds another survey, so someone may "
        "have changed it. Nothing is sent until this is cleared up: tell HR."
    )
