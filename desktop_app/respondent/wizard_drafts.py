"""The survey wizard's draft: unfinished answers kept, sealed, when the window closes.

A mixin of :class:`desktop_app.respondent.wizard.SurveyWizard`. The draft is saved on
every page change and when the window closes, restored when the survey opens again (after
the window is shown: reading it loads ``cryptography``, which the first paint must not
wait for), and deleted once the answers are submitted or the person starts over. Storage
and encryption are :mod:`surveys.drafts`. A kiosk keeps no draft.
"""

from __future__ import annotations

import datetime as _dt

from surveys.errors import RapportError

DRAFT_FORMAT = 1


class DraftKeeper:
    """Save, restore and discard the wizard's draft (mixed into the wizard)."""

    keep_drafts = True
    _draft_restored = False

    def draft_data(self) -> dict:
        """What a draft keeps: the chosen departments and each one's answers and comment."""
        pages = {}
        for page in self._chosen_pages():
            pages[page.target] = {"choices": page.choices(), "comment": page.comment_text()}
        return {
            "format": DRAFT_FORMAT,
            "saved": _dt.date.today().isoformat(),
            "chosen": self._chosen(),
            "pages": pages,
        }

    def _has_answers(self) -> bool:
        return any(p.choices() or p.comment_text() for p in self._chosen_pages())

    def save_draft(self) -> bool:
        """Keep the unsent answers as the draft; returns True if a draft was written."""
        if not self.keep_drafts or self.submission is not None:
            return False
        from surveys.drafts import discard_draft, has_draft, save_draft

        try:
            if not self._has_answers():
                if has_draft(self.survey.wave) and self._draft_restored:
                    discard_draft(self.survey.wave)  # everything was unticked on purpose
                return False
            save_draft(self.survey.wave, self.draft_data())
        except (OSError, RapportError):
            return False  # the answers are still on screen; nothing else to do
        return True

    def restore_draft(self) -> bool:
        """Put a kept draft back (once); returns True if one was restored."""
        if not self.keep_drafts or self._draft_restored:
            return False
        self._draft_restored = True
        from surveys.drafts import has_draft, load_draft

        if not has_draft(self.survey.wave):
            return False
        data = load_draft(self.survey.wave)
        if not data or data.get("format") != DRAFT_FORMAT:
            return False
        chosen = [n for n in data.get("chosen", []) if isinstance(n, str)]
        self.departments_page.set_chosen(chosen)  # builds the department pages
        pages = data.get("pages") if isinstance(data.get("pages"), dict) else {}
        for name, page in self.department_pages.items():
            kept = pages.get(name)
            if isinstance(kept, dict) and isinstance(kept.get("choices"), dict):
                page.restore(kept["choices"], kept.get("comment", ""))
        self.intro.show_draft_note(str(data.get("saved", "")))
        return True

    def start_over(self) -> None:
        """Forget the restored answers and the draft (and what the review and the thank-you
        page showed: a kiosk keeps nothing of one person for the next)."""
        from surveys.drafts import discard_draft

        if self.current_page() is not self.intro:
            self._go(self.intro)
        for page in self.department_pages.values():
            page.restore({}, "")
            for row in page.rows:
                row.set_value(None)
        if self._departments_page is not None:
            self._departments_page.set_chosen([])
        for shown in (self._review, self._thanks):
            if shown is not None:
                shown.forget()
        discard_draft(self.survey.wave)
        self.intro.hide_draft_note()

    def discard_draft_after_submit(self) -> None:
        if self.keep_drafts:
            from surveys.drafts import discard_draft

            discard_draft(self.survey.wave)
