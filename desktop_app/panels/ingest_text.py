"""What an ingest of the Pulses section did, in words (:func:`ingest_summary`).

An empty inbox says why nothing came yet and what happens next: a new analyst's first
ingest, minutes after the first answers were given, read "Took 0 files: 0 new answers.
Run the analysis to include them." An ingest that stored answers has the window analyse
again (:attr:`WorkspaceContext.analysis_wanted`), as an import does.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop_app.widgets.figures import grouped_count


class IngestWords(QObject):
    """The texts (with a count: Qt's tools file them under this class's name)."""

    def empty(self) -> str:
        return self.tr(
            "The inbox was empty. Respondents' apps send each answer 2 to 20 minutes after "
            "it is given (so its time points to nobody), once its ticket request is signed; "
            "every ingest signs the waiting requests first."
        )

    def counts(self, report) -> str:  # noqa: ANN001 - surveys.ingest.IngestReport
        quarantined = len(report.quarantined)
        parts = [grouped_count(self.tr("%n new answers", "", report.stored), report.stored)]
        for count, phrase in (
            (report.replaced, self.tr("%n replaced an earlier answer", "", report.replaced)),
            (report.duplicates, self.tr("%n already taken", "", report.duplicates)),
            (report.superseded, self.tr("%n older than a stored answer", "", report.superseded)),
            (report.late, self.tr("%n too late (their wave had closed)", "", report.late)),
            (quarantined, self.tr("%n quarantined", "", quarantined)),
        ):
            if count:
                parts.append(grouped_count(phrase, count))
        took = grouped_count(self.tr("Took %n files:", "", report.files), report.files)
        message = f"{took} {', '.join(parts)}."
        if report.stored or report.replaced:
            message += " " + self.tr("The analysis runs again to include them.")
        return message

    def repeats(self, wave: str, count: int) -> str:
        return grouped_count(
            self.tr(
                "%n answers stored for wave %1 repeat, word for word, an answer stored before "
                "from the same department: one person may have sent them one ingest at a time "
                "(at the kiosk, or without tickets). Check the department's headcount before "
                "closing the wave.",
                "",
                count,
            ),
            count,
        ).replace("%1", wave)


def ingest_summary(report) -> str:  # noqa: ANN001 - surveys.ingest.IngestReport
    """The outcome of an ingest in words: each count that is not zero, as a phrase."""
    words = IngestWords()
    message = words.empty() if report.files == 0 else words.counts(report)
    for wave, count in sorted(getattr(report, "repeats", {}).items()):
        message += " " + words.repeats(wave, count)
    return message
