"""The kiosk's survey source: team-mode transport into a kiosk folder, one person at a time.

Like :class:`~desktop_app.respondent.source.TeamSource`, but every person gets a fresh
random participation token (nobody's answer can replace anyone else's), every open pulse
stays open for the next person, and nothing about anyone is remembered: no answer log, no
draft, no participation secret. Answers are sealed to the workspace's key into the kiosk
folder's inbox, which HR's ingest takes with the passphrase (:mod:`surveys.kiosk`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.respondent.source import KIOSK, OpenSurvey, Outcome

if TYPE_CHECKING:
    from surveys.submission import Submission


class KioskSource:
    """Surveys and sealed answers in the kiosk folder ``folder``.

    ``mix`` is called whenever answers have reached the inbox, to write them all again
    (:func:`surveys.kiosk.mix_inbox`); by default it mixes at once, here. The kiosk window
    hands it to its worker thread (:class:`~desktop_app.respondent.kiosk_mixer.InboxMixer`).
    """

    def __init__(self, folder: str | Path, mix: Callable[[], object] | None = None) -> None:
        self.folder = Path(folder)
        self.mix: Callable[[], object] = mix or self.mix_now
        #: Names of the sealed files this kiosk put in the inbox that may still wait there:
        #: under its own account it may not list a folder HR set up (``1733``), and
        #: :func:`surveys.kiosk.mix_inbox` finds them by name. Names only, in no order,
        #: in memory only; the mixing round keeps it up to date.
        self.waiting: set[str] = set()

    def mix_now(self) -> int:
        """Write the answers waiting in the inbox again, in a random order, now."""
        from surveys.kiosk import mix_inbox

        return mix_inbox(self.folder, self.waiting)

    def look(self) -> tuple[str | None, list[OpenSurvey]]:
        """Why the kiosk folder cannot be used (or ``None``) and the pulses it can take
        answers for, from one reading of the published pulses (the start screen's refresh
        read and checked every one of them twice: once for the problem, once for the list).
        """
        from surveys.published import share_problem

        if share_problem(self.folder) is not None:
            return (
                f"The kiosk folder {self.folder} is not ready: HR publishes a wave to it with "
                "`rapport publish WORKSPACE --wave NAME --kiosk`.",
                [],
            )
        published = _read_open(self.folder)
        if isinstance(published, str):
            return published, []
        return _ticketed_problem(published, self.folder), _takes_answers(published)

    def problem(self) -> str | None:
        """Why the kiosk folder cannot be used, or ``None``."""
        return self.look()[0]

    def open_surveys(self) -> list[OpenSurvey]:
        """The open pulses a kiosk can take answers for: those without participation tickets
        (ingest would set a kiosk's answers to a ticketed wave aside); none while one of them
        does not carry HR's signature."""
        published = _read_open(self.folder)
        return [] if isinstance(published, str) else _takes_answers(published)

    def unanswered(self) -> list[OpenSurvey]:
        """Every open pulse: the next person has not answered it yet."""
        return self.open_surveys()

    def departments(self) -> list[str]:
        names: dict[str, None] = {}
        for survey in self.open_surveys():
            names.update(dict.fromkeys(survey.departments))
        return list(names)

    def token(self, survey: OpenSurvey) -> str:
        """A fresh random token for this one person."""
        from surveys.kiosk import kiosk_token

        return kiosk_token()

    def deliver(self, survey: OpenSurvey, submission: Submission) -> Outcome:
        """Seal with a fresh receipt into the kiosk inbox (or the outbox until it can)."""
        from dataclasses import replace

        from surveys.outbox import deliver
        from surveys.receipts import new_receipt_code, receipt_hash

        code = new_receipt_code()
        # Each person has a fresh token, so nobody's answer can follow another's: counter 1,
        # and the kiosk keeps no count of answers (surveys.outbox.next_counter would).
        sealed = replace(submission, receipt=receipt_hash(submission.wave, code), counter=1)
        result = deliver(sealed, survey.handle, self.folder)
        if result.status == "delivered":
            self.waiting.add(Path(result.path).name)
            self.mix()  # the inbox must not tell who came when
        return Outcome(result.status, receipt=code)

    def retry(self) -> int:
        from surveys.outbox import flush_outbox, outbox_dir, recover_outbox

        recover_outbox()  # a crash's temporary file gets its name before names are taken
        queued = {path.name for path in outbox_dir().glob("*")}
        sent = flush_outbox(self.folder)
        if sent:  # answers that waited for the folder arrive in the order they were given
            self.waiting.update(n for n in queued if not (outbox_dir() / n).exists())
            self.mix()
        return sent

    def send_waiting(self) -> list:
        self.retry()
        return []  # the kiosk keeps no log of anyone's answers

    def answer_states(self) -> list:
        return []

    def check_receipt(self, code: str) -> str | None:
        """The wave whose received list holds ``code``, or ``None``."""
        from surveys.receipts import find_receipt

        return find_receipt(self.folder, code)


def _read_open(folder: Path) -> list | str:
    """The open pulses of the kiosk folder, or why none may be answered.

    The files of stopped waves are checked too: a stop the kiosk read is what tells an
    earlier file of the wave, put back afterwards, from HR's current one
    (:func:`surveys.survey_signature.replayed`).
    """
    from surveys.published import list_delivering_surveys

    published = list_delivering_surveys(folder)
    untrusted = _signature_problem(folder, published)
    if untrusted is not None:
        return untrusted
    return [p for p in published if p.is_open()]


def _signature_problem(folder: Path, published: list) -> str | None:
    """Why the kiosk must refuse the folder's pulses: one is sealed to another key than the
    one this kiosk remembers for the folder (:func:`_key_problem`), does not carry HR's
    signature, or is signed by another key than the one remembered
    (:func:`surveys.survey_signature.signature_problem`); ``None`` when all may be answered.
    """
    from surveys.key_pins import misfiled
    from surveys.survey_signature import signature_problem

    return (
        _key_problem(folder, published)
        or misfiled(folder, published)
        or signature_problem(folder, published)
    )


def _key_problem(folder: Path, published: list) -> str | None:
    """What to say when a pulse is sealed to another key than the one remembered for the
    kiosk folder (:func:`surveys.key_pins.key_change`), as a respondent's app does.

    Without it, a colleague who may write to ``published/`` could put a survey of their own
    workspace there, signed with its own signing key: the signature check alone would pin
    the new pair and seal every person's answers to the colleague's key.
    """
    from surveys.key_pins import key_change, key_code

    keys = [p.public_key for p in published]
    if key_change(folder, keys) is None:
        return None
    codes = {key_code(k) for k in keys}
    code = codes.pop() if len(codes) == 1 else "?"
    return QCoreApplication.translate(
        "KioskSource",
        "A pulse in {0} is sealed to a different key than the pulses this computer took "
        "answers for before, so someone may have replaced it. No answer is taken here until "
        "HR has cleared this up.\n\nFor HR: if you started a new workspace and its key code "
        "is {1}, run `rapport respond --kiosk {0} --trust-new-key` under this computer's "
        "kiosk account.",
    ).format(Path(folder).absolute(), code)


def _takes_answers(published: list) -> list[OpenSurvey]:
    """The published pulses a kiosk can take answers for (no participation tickets)."""
    from desktop_app.respondent.source import open_survey_from_published

    return [open_survey_from_published(p, KIOSK) for p in published if not p.ticket_keys]


def _ticketed_problem(published: list, folder: Path) -> str | None:
    """What to tell the person when every open pulse asks for a participation ticket."""
    ticketed = [p for p in published if p.ticket_keys]
    if not ticketed or len(ticketed) < len(published):
        return None
    # First what the person at the kiosk can do, then what HR can (seen when setting up).
    return QCoreApplication.translate(
        "KioskSource",
        "The pulse “{0}” counts each person with a participation ticket from their own "
        "computer, so answers given at this shared computer would not count. Please "
        "answer it in Rapport on your own computer.\n\nFor HR: this kiosk reads {1}; "
        "publish a pulse for it with `rapport publish WORKSPACE --wave NAME --kiosk`.",
    ).format(ticketed[0].survey.title, folder)
