"""Entries of a name list that are ordinary words or department names, not people.

HR's name list redacts each of its words wherever it stands in a comment. A list holding
"Slow Rude", "Never Helpful" or "Sales" (a joke row, a placeholder, a department typed in
the name column) would turn those words into ``[name]`` in every comment. Which words are
ordinary is known to the analysis (its lexicons and stop words), not to this bottom layer:
the caller passes a :data:`WordCheck` (:func:`analysis.name_list_words.word_entries`), and
the import says what it found and leaves out the entries HR chose
(:func:`surveys.importing.names.import_names`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

Pair = tuple[str, str]


@dataclass(frozen=True)
class WordEntry:
    """One entry of a name list whose words are ordinary words or a department's name."""

    #: The entry as stored: normalised given and family name.
    pair: Pair
    #: Its ordinary words (``("helpful", "never")``).
    words: tuple[str, ...] = ()
    #: The workspace's departments it names (``("Sales",)``).
    departments: tuple[str, ...] = ()
    #: The entry as the file spells it (``McDonald``, ``José``), when it was read from one.
    written: str = ""

    def shown(self) -> str:
        """The entry as the file spells it; else, the stored form being case folded and
        without accents, as a name (``Never Helpful``)."""
        return self.written or " ".join(part for part in self.pair if part).title()

    def why(self) -> str:
        """Which of its words are ordinary, or which department it names."""
        parts = []
        if self.words:
            many = len(self.words) > 1
            parts.append(
                f"{', '.join(self.words)}: {'ordinary words' if many else 'an ordinary word'}"
            )
        if self.departments:
            many = len(self.departments) > 1
            parts.append(
                f"{'departments' if many else 'a department'}: {', '.join(self.departments)}"
            )
        return "; ".join(parts)

    def line(self) -> str:
        """``Never Helpful (helpful, never: ordinary words)``."""
        return f"{self.shown()} ({self.why()})"


def spelled(entries: Iterable[WordEntry], written: Mapping[Pair, str]) -> tuple[WordEntry, ...]:
    """``entries`` shown as ``written`` spells them (the file's own spelling of each pair:
    "Mary McDonald" rather than the title-cased "Mary Mcdonald" of the folded form)."""
    return tuple(
        replace(entry, written=written.get(entry.pair, entry.written)) for entry in entries
    )


#: What finds the word entries of a list: the file's pairs and the workspace's departments.
WordCheck = Callable[[Iterable[Pair], Sequence[str]], tuple[WordEntry, ...]]


def words_text(entries: Sequence[WordEntry], left_out: int, skip_hint: str) -> str:
    """What a names import says of the entries that are words (``left_out`` of them were
    left out); ``skip_hint`` says how to leave out the ones kept (the CLI's flag, the
    dialog's ticks)."""
    if not entries:
        return ""
    listed = "; ".join(entry.line() for entry in entries[:20])
    more = f"; and {len(entries) - 20:,} more" if len(entries) > 20 else ""
    count = len(entries)
    which = "1 entry" if count == 1 else f"{count:,} entries"
    head = (
        f"{which} of the file {'is' if count == 1 else 'are'} an ordinary word or a "
        f"department's name rather than a person's: {listed}{more}. "
    )
    if left_out == count:
        return head + f"{'It was' if count == 1 else 'They were'} left out. "
    kept = count - left_out
    if left_out:
        which_kept = f"Left out: {left_out:,}; the other {kept:,} "
        which_kept += "is kept as a name" if kept == 1 else "are kept as names"
    else:
        which_kept = "It is kept as a name" if kept == 1 else "They are kept as names"
    hint = f"{skip_hint} " if skip_hint else ""
    return (
        f"{head}{which_kept}, so every comment using these words shows [name] in their "
        f"place. {hint}"
    )


def removed_text(removed: Sequence[WordEntry]) -> str:
    """What a names import says of the entries it left out that an earlier import had
    stored: they are taken out of the list, so the comments redacted of them show them
    again. The first 20 are named, as the word entries are, and the rest counted (a list
    of thousands of words would fill Settings' message line)."""
    if not removed:
        return ""
    listed = ", ".join(entry.shown() for entry in removed[:20])
    if len(removed) > 20:
        listed += f" and {len(removed) - 20:,} more"
    it, these = ("it", "this name") if len(removed) == 1 else ("them", "these names")
    return (
        f"Taken out of the list, where an earlier import had stored {it}: {listed}; "
        f"comments show {these} again after the next analysis. "
    )
