"""What one import of another tool's export did, in counts and in a few sentences
(:func:`surveys.importing.runner.import_file` returns it)."""

from __future__ import annotations

from dataclasses import dataclass


def _s(n: int) -> str:
    return "" if n == 1 else "s"


@dataclass(frozen=True)
class FileImportReport:
    """What one import did (counts as in :class:`surveys.csv_import.ImportReport`)."""

    layout: str
    responses: int = 0
    submissions_new: int = 0
    submissions_skipped: int = 0
    answers: int = 0
    comments: int = 0
    waves_created: int = 0
    empty_responses: int = 0
    skipped_self: int = 0
    skipped_not_answers: int = 0
    skipped_previews: int = 0
    skipped_spam: int = 0
    #: Totals rows added under the answers (``Total``, ``Average``...).
    skipped_totals: int = 0
    #: The lines of the first totals rows, so that a respondent skipped as one is found.
    total_lines: tuple[int, ...] = ()
    unfinished: int = 0
    no_department: int = 0
    dropped: tuple[str, ...] = ()
    #: Comment exports: questions naming no single department, with their comments.
    unattached: tuple[tuple[str, int], ...] = ()
    #: A responses file's comments a comment export brought before (not added again).
    comments_known: int = 0

    def summary(self) -> str:
        """The report in a few readable sentences."""
        s = _s
        if self.layout == "comments":
            return self._comments_summary()
        text = (
            f"{self.submissions_new:,} new response{s(self.submissions_new)}, "
            f"{self.submissions_skipped:,} already imported; {self.answers:,} "
            f"answer{s(self.answers)} and {self.comments:,} comment{s(self.comments)} added."
        )
        if self.comments_known:
            text += (
                f" {self.comments_known:,} comment{s(self.comments_known)} a comment export "
                "brought before, not added again."
            )
        if self.waves_created:
            text += f" {self.waves_created} new wave{s(self.waves_created)} created."
        if self.unfinished:
            text += (
                f" {self.unfinished:,} of the new responses "
                f"{'was' if self.unfinished == 1 else 'were'} not finished (Finished = False): "
                "the answers given are imported."
            )
        notes = self._skipped()
        if notes:
            text += " Skipped: " + ", ".join(notes) + "."
        if self.dropped:
            text += f" {len(self.dropped)} column{_s(len(self.dropped))} dropped."
        return text

    def _skipped(self) -> list[str]:
        """What a responses file's import skipped, one phrase each."""
        s = _s
        notes = []
        if self.skipped_previews:
            notes.append(
                f"{self.skipped_previews:,} survey preview{s(self.skipped_previews)} or test"
                f"{s(self.skipped_previews)}"
            )
        if self.skipped_spam:
            notes.append(f"{self.skipped_spam:,} response{s(self.skipped_spam)} marked as spam")
        if self.skipped_totals:
            notes.append(self._totals())
        if self.empty_responses:
            notes.append(f"{self.empty_responses:,} empty response{s(self.empty_responses)}")
        if self.no_department:
            notes.append(
                f"{self.no_department:,} response{s(self.no_department)} without a department "
                "(if_missing: skip)"
            )
        if self.skipped_self:
            notes.append(
                f"{self.skipped_self:,} rating{s(self.skipped_self)} of the "
                "respondent's own department"
            )
        if self.skipped_not_answers:
            notes.append(
                f"{self.skipped_not_answers:,} 'not applicable' answer{s(self.skipped_not_answers)}"
            )
        return notes

    def _comments_summary(self) -> str:
        """A comment export's report: one comment per response."""
        s = _s
        text = (
            f"{self.comments:,} new comment{s(self.comments)}, "
            f"{self.submissions_skipped:,} already imported."
        )
        if self.waves_created:
            text += f" {self.waves_created} new wave{s(self.waves_created)} created."
        notes = []
        if self.skipped_self:
            notes.append(
                f"{self.skipped_self:,} comment{s(self.skipped_self)} about the writer's own "
                "department"
            )
        if self.unattached:
            total = sum(count for _, count in self.unattached)
            named = ", ".join(f"{q!r} ({n})" for q, n in self.unattached[:3])
            more = f" and {len(self.unattached) - 3} more" if len(self.unattached) > 3 else ""
            notes.append(
                f"{total:,} comment{s(total)} on questions that name no single department, so "
                f"no pair ({named}{more}); add an 'About' column to import them"
            )
        if self.skipped_totals:
            notes.append(self._totals())
        if self.empty_responses:
            notes.append(f"{self.empty_responses:,} empty row{s(self.empty_responses)}")
        if notes:
            text += " Skipped: " + "; ".join(notes) + "."
        if self.dropped:
            text += f" {len(self.dropped)} column{s(len(self.dropped))} not read."
        return text

    def _totals(self) -> str:
        """``1 totals row (line 14)``: where, so that HR sees it was no respondent's."""
        count = self.skipped_totals
        shown = ", ".join(str(line) for line in self.total_lines)
        more = ", ..." if count > len(self.total_lines) else ""
        where = f" (line{_s(count)} {shown}{more})" if shown else ""
        return f"{count:,} totals row{_s(count)}{where}"
