"""The words of the respondent's notifications and of the tray's status line."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from desktop_app.respondent.source import OpenSurvey


def _tr(text: str) -> str:
    return QCoreApplication.translate("Notices", text)


def for_the_desktop(text: str) -> str:
    """``text`` for a tray notice or tooltip: no ``<`` that could open a tag.

    The desktop shows these as markup (a freedesktop notification's body, Qt's own balloon
    and tooltips guess HTML from a tag), and they carry a survey's title from the share, so
    a ``<`` is shown as the look-alike "‹". Escaping as ``&lt;`` would be shown as written
    where the desktop takes plain text (Windows, macOS, a tooltip without a tag).
    """
    return text.replace("<", "\u2039")


def reminder_notice(kind: str, survey: OpenSurvey, today: date) -> tuple[str, str]:
    """``(title, text)`` of the notice ``kind`` (see :mod:`surveys.reminders`) or "snooze"."""
    from surveys.reminders import CLOSING, NUDGE, OPENED

    answer = _tr("About two minutes; click to answer now.")
    if kind == OPENED:
        return _tr("A Rapport pulse is open"), _tr("{0}: {1}").format(survey.title, answer)
    if kind == CLOSING:
        closes = survey.closes or ""
        if closes == today.isoformat():
            title = _tr("The Rapport pulse closes today")
        elif closes and date.fromisoformat(closes) == date.fromordinal(today.toordinal() + 1):
            title = _tr("The Rapport pulse closes tomorrow")
        else:
            title = _tr("The Rapport pulse closes on {0}").format(closes)
        return title, _tr("{0}: {1}").format(survey.title, answer)
    if kind == NUDGE:
        until = _tr(" It is open until {0}.").format(survey.closes) if survey.closes else ""
        return (
            _tr("Reminder: a Rapport pulse is open"),
            _tr("{0}.{1} {2}").format(survey.title, until, answer),
        )
    return _tr("Reminder: a Rapport pulse is waiting"), _tr("{0}: {1}").format(survey.title, answer)


def ended_notice(title: str, stopped: str) -> tuple[str, str]:
    """Why "Answer now" opens nothing: HR stopped the pulse's answers (at ``stopped``, ISO
    8601) to close it, or (``""``) closed it since Rapport last looked."""
    if not stopped:
        return _tr("The Rapport pulse has closed"), _tr(
            "{0} has closed and takes no more answers."
        ).format(title)
    from desktop_app.respondent.thanks_text import local_time

    return _tr("The Rapport pulse takes no more answers"), _tr(
        "HR stopped taking answers for {0} at {1}, to close it. Answers given before then "
        "are still counted."
    ).format(title, local_time(stopped))


def when_text(moment: datetime, now: datetime) -> str:
    """``16:05``, ``tomorrow at 09:00`` or ``on 2026-10-05 at 09:00``."""
    clock = moment.strftime("%H:%M")
    days = (moment.date() - now.date()).days
    if days <= 0:
        return _tr("at {0}").format(clock)
    if days == 1:
        return _tr("tomorrow at {0}").format(clock)
    return _tr("on {0} at {1}").format(moment.date().isoformat(), clock)


def snoozed_notice(moment: datetime, now: datetime) -> tuple[str, str]:
    """What "Remind me later" answers: when Rapport will ask again."""
    return (
        _tr("Rapport will remind you later"),
        _tr("Rapport will ask again {0}. The survey stays in the tray menu until then.").format(
            when_text(moment, now)
        ),
    )


def delivered_notice(answers: list) -> tuple[str, str]:
    """Answers that waited on this computer (for their random due time, or for the shared
    folder) have reached the shared folder."""
    if len(answers) == 1:
        answer = answers[0]
        text = _tr(
            "Your sealed answers to pulse {0} ({1}), kept on this computer until now, have "
            "been delivered to HR's shared folder. Receipt {2}."
        ).format(answer.wave, answer.day, answer.receipt)
    else:
        waves = ", ".join(sorted({a.wave for a in answers}))
        text = _tr(
            "{0} sealed answers kept on this computer until now have been delivered to HR's "
            "shared folder (pulses {1})."
        ).format(len(answers), waves)
    return _tr("Your answers were delivered"), text


def refused_notice(wave: str, title: str, reason: str) -> tuple[str, str]:
    """HR's app refused this computer's participation ticket for a pulse."""
    return (
        _tr("You cannot answer “{0}” from this computer").format(title),
        _tr(
            "HR's app refused this computer's participation ticket for pulse {0} ({1}), so an "
            "answer from here could not be counted. If you answered from another computer, "
            "nothing more is needed; if this looks wrong, tell HR."
        ).format(wave, reason),
    )


def not_sent_notice(answers: list) -> tuple[str, str]:
    """Answers that waited for a participation ticket that will never come were deleted."""
    from surveys.receipts import REFUSED

    if len(answers) == 1:
        answer = answers[0]
        if answer.not_sent == REFUSED:
            text = _tr(
                "Your answers to pulse {0} ({1}) were not sent: HR's app refused this "
                "computer's participation ticket ({2}). An answer without a ticket cannot be "
                "counted, so they were deleted from this computer. If this looks wrong, tell "
                "HR; you need not say what you answered."
            ).format(answer.wave, answer.day, answer.reason)
        else:
            text = _tr(
                "Your answers to pulse {0} ({1}) were not sent: the pulse closed before your "
                "participation ticket arrived, and a closed pulse takes no more answers. They "
                "were deleted from this computer."
            ).format(answer.wave, answer.day)
    else:
        waves = ", ".join(sorted({a.wave for a in answers}))
        text = _tr(
            "{0} answers (pulses {1}) were not sent: their participation ticket was refused "
            "or the pulse closed before it came. They were deleted from this computer; "
            "“Your answers” in the tray menu says why for each."
        ).format(len(answers), waves)
    return _tr("Your answers were not sent"), text


def status_line(
    problem: str | None, survey: OpenSurvey | None, reminder: str, held: int = 0
) -> str:
    """The tray icon's tooltip: what Rapport knows right now (and how many sealed answers
    wait on this computer to be delivered)."""
    if problem:
        line = _tr("Rapport: {0} Trying again every minute.").format(problem)
    elif survey is None:
        line = _tr("Rapport: no pulse is waiting for you.")
    else:
        closes = _tr(" until {0}").format(survey.closes) if survey.closes else ""
        line = _tr("Rapport: the pulse “{0}” is open{1}.").format(survey.title, closes)
    if reminder:
        line = f"{line} {reminder}"
    if held:
        waits = (
            _tr("A sealed answer waits on this computer to be delivered.")
            if held == 1
            else _tr("{0} sealed answers wait on this computer to be delivered.").format(held)
        )
        line = f"{line} {waits}"
    return line


def quit_question(held: int) -> tuple[str, str]:
    """``(title, text)`` of the question asked when quitting with answers still waiting."""
    title = (
        _tr("Your answers are not delivered yet")
        if held == 1
        else _tr("{0} answers are not delivered yet").format(held)
    )
    text = _tr(
        "Your sealed answers wait on this computer, so that nobody watching the shared "
        "folder can tell when you answered. If you quit now, they are delivered when Rapport "
        "next starts; if that is after the pulse closes, they will not be counted. "
        "Delivering now is quicker, but someone watching the shared folder could then see "
        "when you answered."
    )
    return title, text
