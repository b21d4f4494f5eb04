"""Publishing a pulse, with what changed since the last one if HR asks: one workflow.

`rapport publish` and the Pulses section of the HR window both call
:func:`publish_pulse`, so they do the same steps in the same order:

1. check the workspace passphrase and the wave's name (and, before analysing, the shared
   folder): a mistyped passphrase or an unreachable share is said at once, before anything
   long runs and before anything is written;
2. with ``share_results``, analyse the wave before the one being published and keep what
   respondents may see of it (:func:`analysis.export.shared_results.shared_results`);
3. open the wave and write it to the shared folder (:func:`surveys.publish.publish_wave`).

Thread contract: it takes the workspace *path*, opens its own connections and never
touches Qt. The HR window runs it in the worker process when it analyses (step 2), and on
the worker thread otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surveys.progress import Progress, no_progress, sub_progress
from surveys.reminders import ReminderPlan

#: The part of the progress bar the analysis of the previous wave fills.
ANALYSIS_SPAN = (0.05, 0.9)


@dataclass(frozen=True)
class PublishReport:
    """What a publish did: the file written, and the results shared with it (if any)."""

    path: Path
    #: The wave whose results the published file carries, or ``None``.
    results_wave: str | None = None
    #: How many department pairs those results list.
    results_pairs: int = 0
    #: True when HR asked to share results (even if no earlier wave had any to share).
    results_requested: bool = False


def publish_pulse(
    folder: str | Path,
    share: str | Path,
    wave: str,
    *,
    passphrase: str,
    template: str | Path | None = None,
    opens: str | None = None,
    closes: str | None = None,
    targets: list[str] | None = None,
    rotation: int = 0,
    share_results: bool = False,
    progress: Progress | None = None,
    reminders: ReminderPlan | None = None,
    create: bool = False,
    tickets: bool = True,
) -> PublishReport:
    """Publish ``wave`` of the workspace ``folder`` into ``share``.

    Parameters
    ----------
    folder, share : path
        The workspace folder and the shared folder.
    wave : str
        The wave to publish (created, or a draft or open wave reopened).
    passphrase : str
        The workspace passphrase (the key pair is created on the first publish).
    template : str, path or None
        A built-in template key or a YAML file; ``None`` for the wave's own survey.
    opens, closes : str or None
        First and last day, ``YYYY-MM-DD`` (default today and 14 days later).
    targets : list of str or None
        The departments asked about; ``None`` for all.
    rotation : int
        Which group of rotating items the wave asks.
    share_results : bool
        Analyse the wave before ``wave`` and put what respondents may see of it into the
        published file.
    progress : Progress, optional
        Reports the check, the analysis, then the publishing; may raise ``Cancelled``.
    reminders : ReminderPlan, optional
        When respondents' apps remind people who have not answered; ``None`` keeps the
        wave's stored plan (or the default).
    create : bool
        Set up ``share`` if it is not a shared folder yet; otherwise such a share is
        refused at once (:func:`surveys.publish_checks.check_share`).
    tickets : bool
        Give the wave ticket keys (one blind-signed ticket per person; see
        :func:`surveys.publish.publish_wave`). ``False`` for a kiosk folder.

    Returns
    -------
    PublishReport

    Raises
    ------
    surveys.errors.RapportError
        A wrong passphrase or wave name (before any analysis), an unusable shared folder,
        template or target; nothing is published.
    """
    from surveys.keys import check_passphrase
    from surveys.publish import publish_wave
    from surveys.publish_checks import check_share
    from surveys.waves import check_wave_name

    report = progress or no_progress
    report(0.0, "Checking the workspace passphrase")
    check_passphrase(folder, passphrase)
    name = check_wave_name(wave)
    results = None
    if share_results:
        from analysis.export.shared_results import shared_results

        check_share(share, create)  # before the long part; publish_wave checks it anyway
        report(ANALYSIS_SPAN[0], "Analysing the previous wave")
        results = shared_results(folder, name, sub_progress(progress, *ANALYSIS_SPAN))
    report(ANALYSIS_SPAN[1] if share_results else 0.5, f"Publishing wave {name}")
    path = publish_wave(
        folder,
        share,
        name,
        template,
        opens,
        closes,
        targets,
        rotation,
        passphrase=passphrase,
        results=results,
        reminders=reminders,
        create=create,
        tickets=tickets,
    )
    return PublishReport(
        Path(path),
        results["wave"] if results else None,
        len(results["pairs"]) if results else 0,
        share_results,
    )
