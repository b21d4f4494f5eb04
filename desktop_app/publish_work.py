"""The work of the HR window's publish job: open a wave and write it to the shared folder.

No Qt here: :func:`publish_to_share` runs in the job runner's worker thread, or, when it
shares results (which runs the analysis engine), in its worker process, so the engine is
never imported into the GUI process. ``rapport publish --share-results`` does the same from
the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surveys.progress import Progress, sub_progress


@dataclass(frozen=True)
class PublishOutcome:
    """What a publish did: the file written, and the results shared with it (if any)."""

    path: Path
    #: The wave whose results the published file carries, or ``None``.
    results_wave: str | None = None
    #: How many department pairs those results list.
    results_pairs: int = 0
    #: True when HR asked to share results (even if no earlier wave had any to share).
    results_requested: bool = False


def publish_to_share(
    folder: str | Path,
    share: str | Path,
    wave: str,
    opens: str | None,
    closes: str | None,
    targets: list[str] | None,
    *,
    passphrase: str,
    share_results: bool = False,
    progress: Progress | None = None,
) -> PublishOutcome:
    """Publish ``wave`` of the workspace ``folder`` into ``share``.

    Parameters
    ----------
    folder, share : path
        The workspace folder and the shared folder.
    wave : str
        The wave to publish (a draft or an open wave; its survey is the wave's own).
    opens, closes : str or None
        First and last day, ``YYYY-MM-DD``.
    targets : list of str or None
        The departments asked about; ``None`` for all.
    passphrase : str
        The workspace passphrase (creates the key pair on the first publish).
    share_results : bool
        Analyse the wave before ``wave`` and put what respondents may see of it into the
        published file (:func:`analysis.export.shared_results.shared_results`).
    progress : Progress, optional
        Reports the analysis, then the publishing.

    Returns
    -------
    PublishOutcome

    Raises
    ------
    surveys.errors.RapportError
        A wrong passphrase, an unusable shared folder or wave; nothing is published.
    """
    from surveys.publish import publish_wave

    report = progress or (lambda fraction, message: None)
    results = None
    if share_results:
        from analysis.export.shared_results import shared_results
        from surveys.keys import ensure_keypair

        report(0.0, "Unlocking the workspace key")
        ensure_keypair(folder, passphrase)  # a wrong passphrase is said before the analysis
        report(0.02, "Analysing the previous wave")
        results = shared_results(folder, wave, sub_progress(progress, 0.02, 0.85))
    report(0.9 if share_results else 0.1, "Unlocking the workspace key")
    path = publish_wave(
        folder, share, wave, None, opens, closes, targets, passphrase=passphrase, results=results
    )
    return PublishOutcome(
        Path(path),
        results["wave"] if results else None,
        len(results["pairs"]) if results else 0,
        share_results,
    )
