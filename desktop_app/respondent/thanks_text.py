"""What the thank-you page says: where the answers went, and the receipt code."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QWidget

from desktop_app.respondent.source import KIOSK, Outcome


def status_text(widget: QWidget, outcome: Outcome, mode: str) -> str:
    """Where the answers are now, in words that are true for ``outcome`` and ``mode``."""
    if outcome.status == "queued":
        return widget.tr(
            "Your answers are sealed and saved on this computer. The shared folder cannot be "
            "reached right now; they will be sent automatically when it is reachable again, "
            "and Rapport will tell you when they have gone."
        )
    if outcome.status == "held":
        return widget.tr(
            "Your answers are sealed and wait on this computer for a few minutes (at most "
            "{0}); Rapport then delivers them to HR's shared folder from the tray. The wait "
            "is random and on purpose: nobody watching the shared folder can tell when you "
            "answered. If you quit Rapport first, they are delivered when it next starts."
        ).format(hold_limit(widget))
    if outcome.status == "waiting":
        return widget.tr(
            "Your answers are kept encrypted on this computer and wait for your participation "
            "ticket, which HR's app signs when it next runs (usually within minutes; it "
            "proves one answer per person without saying whose). They are sent "
            "automatically once it arrives, and Rapport will tell you when they have gone."
        )
    if outcome.status == "refused":
        return widget.tr(
            "HR's app refused this computer's participation ticket for this pulse ({0}). An "
            "answer without a ticket cannot be counted, so your answers were not sent and not "
            "kept. If this looks wrong, tell HR; you need not say what you answered."
        ).format(outcome.detail)
    if outcome.status == "closed":
        return widget.tr(
            "This pulse closed before your participation ticket arrived, and a closed pulse "
            "takes no more answers. Your answers were not sent and not kept."
        )
    if outcome.status == "stopped":
        return stopped_text(widget, outcome.detail)
    if outcome.status == "stored":
        return widget.tr("Your answers are saved in the workspace on this computer.")
    if mode == KIOSK:
        return widget.tr(
            "Your answers were sealed and left for HR on this computer. Nothing of yours "
            "stays on the screen: press Finish for the next person."
        )
    return widget.tr("Your answers were sealed and delivered to HR's shared folder.")


def stopped_text(widget: QWidget, stopped: str) -> str:
    """Why an answer to a pulse that HR stopped (at ``stopped``, ISO 8601) or closed
    (``""``) before Submit was not sent."""
    if not stopped:
        return widget.tr(
            "This pulse closed before you pressed Submit, and a closed pulse takes no more "
            "answers. Your answers were not sent and not kept."
        )
    return widget.tr(
        "HR stopped taking answers for this pulse at {0}, before you pressed Submit, to close "
        "it. Answers given before then are still counted; yours would arrive too late, so "
        "they were not sent and not kept."
    ).format(local_time(stopped))


def local_time(moment: str) -> str:
    """An ISO 8601 time with its offset as this computer's hour and minute ("14:02")."""
    from datetime import datetime

    from surveys.published import parse_moment

    try:
        return datetime.fromtimestamp(parse_moment(moment)).strftime("%H:%M")
    except (ValueError, OverflowError, OSError):
        return moment


def hold_limit(widget: QWidget) -> str:
    """The longest hold in words ("20 minutes")."""
    from surveys.outbox_hold import HOLD_MAX_S

    return widget.tr("{0} minutes").format(HOLD_MAX_S // 60)


def receipt_html(widget: QWidget, code: str, mode: str) -> str:
    """The receipt code and how to check it, or ``""`` without a receipt."""
    if not code:
        return ""
    if mode == KIOSK:
        how = widget.tr(
            "Note it down if you like: after HR has taken in the answers, type it on this "
            "computer's start screen (Check a receipt) to see that yours arrived. Nobody else "
            "has this code, and HR cannot tell whose it is."
        )
    else:
        how = widget.tr(
            "Rapport shows when HR has received your answers (tray menu: Your answers). "
            "Only you have this code, and HR cannot tell whose it is: keep it to yourself."
        )
    heading = escape(widget.tr("Your receipt"))
    return (
        f"<p>{heading}: <b style='font-size:large; font-family:monospace'>{escape(code)}"
        f"</b></p><p>{escape(how)}</p>"
    )
