"""The words of an ingest in the Pulses section: the analysis is asked for only when an
ingest stored answers (it was asked for after an ingest that took nothing new)."""

from __future__ import annotations

from surveys.ingest import IngestReport


def test_an_ingest_that_stored_nothing_new_does_not_ask_for_the_analysis(qapp) -> None:
    from desktop_app.panels.ingest_text import ingest_summary

    text = ingest_summary(IngestReport(duplicates=2))
    assert text == "Took 2 files: 0 new answers, 2 already taken."


def test_stored_and_replaced_answers_ask_for_the_analysis(qapp) -> None:
    from desktop_app.panels.ingest_text import ingest_summary

    assert ingest_summary(IngestReport(stored=1)) == (
        "Took 1 file: 1 new answer. The analysis runs again to include them."
    )
    assert ingest_summary(IngestReport(replaced=1)).endswith(
        "1 replaced an earlier answer. The analysis runs again to include them."
    )


def test_an_empty_inbox_says_when_answers_come(qapp) -> None:
    from desktop_app.panels.ingest_text import ingest_summary

    text = ingest_summary(IngestReport())
    assert text.startswith("The inbox was empty.")
    assert "2 to 20 minutes" in text and "ticket" in text and "Took" not in text
