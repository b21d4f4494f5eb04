"""Eleventh hostile round: one person's copies sent one ingest at a time.

The near-identical check holds copies that arrive in one ingest batch. A colleague who can
drop answers without a ticket (the kiosk's inbox, a wave published without tickets) sends
one copy of a low rating between each of HR's ingests instead: each batch then holds one,
nothing is held, and the pair leans their way. They are not held (an honest kiosk's two
all-fours on two days would stay held at every retry), but ingest now says so: the report
counts them per wave, `rapport ingest` warns (exit 3) and the Pulses section says it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.anomalies import ALIKE_RATINGS_ONLY
from surveys.ingest import ingest
from surveys.keys import seal
from surveys.kiosk import kiosk_folder
from surveys.outbox import deliver
from surveys.published import read_published
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

LOW = ({"IT": {"timely": 1, "overall": 1}}, {"IT": "IT never answers, again."})


def _drop(folder: Path, sub, counter: int = 1, name: str = "") -> None:  # noqa: ANN001
    """What the colleague does: seal with the published key, write into the inbox."""
    sub = replace(sub, counter=counter)
    public = read_published(folder / "published" / f"{sub.wave}.json").public_key
    data = json.dumps(sub.to_dict()).encode()
    data += b" " * (-len(data) % 1024)
    (folder / "inbox" / f"{name or sub.id}.rapport").write_bytes(seal(data, public))


def test_copies_sent_one_ingest_at_a_time_are_counted_for_hr(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)  # without tickets
    fine = submission({"IT": {"timely": 4, "overall": 4}}, {"IT": "Quick replies."})
    deliver(fine, survey, share)
    deliver(submission(*LOW), survey, share)
    first = ingest(workspace, share, PASSPHRASE)
    assert (first.stored, first.repeats) == (2, {})
    for _ in range(3):
        deliver(submission(*LOW), survey, share)
        report = ingest(workspace, share, PASSPHRASE)
        assert report.stored == 1 and not report.quarantined  # stored, not held
        assert report.repeats == {survey.wave: 1}


def test_a_resend_or_a_different_answer_is_not_a_repeat(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    mine = submission(*LOW, token="a" * 64)
    deliver(mine, survey, share)
    assert ingest(workspace, share, PASSPHRASE).stored == 1
    again = submission(LOW[0], {"IT": "IT never answers, again!"}, token="a" * 64)
    deliver(again, survey, share)  # the same person's answer sent again: replaces it
    deliver(submission(LOW[0], {"IT": "IT answers now."}), survey, share)
    deliver(submission({"IT": {"timely": 1}}), survey, share)  # too little to compare
    deliver(submission({"IT": {"timely": 1}}), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert (report.replaced, report.stored, report.repeats) == (1, 3, {})


def test_the_kiosk_inbox_flooded_between_ingests_is_said(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    kiosk = kiosk_folder(workspace)
    _drop(kiosk, submission(*LOW))
    assert main(["ingest", str(workspace)]) == 0
    capsys.readouterr()
    _drop(kiosk, submission(*LOW))
    _drop(kiosk, submission({"IT": {"timely": 5}}))
    assert main(["ingest", str(workspace)]) == 3
    err = capsys.readouterr().err
    assert "Warning: 1 answer stored for wave 2026-10 repeats, word for word" in err
    assert "never answers" not in err and "Sales" not in err  # the content is never quoted


def test_the_pulses_section_says_how_many_answers_repeat(qtbot) -> None:  # noqa: ANN001
    from desktop_app.panels.ingest_text import ingest_summary
    from surveys.ingest import IngestReport

    text = ingest_summary(IngestReport(stored=3, repeats={"2026-10": 2}))
    assert "2 answers stored for wave 2026-10 repeat, word for word" in text


def test_copies_in_later_batches_of_one_ingest_are_counted(workspace, tmp_path) -> None:
    """Stored answers are read once per ingest run and grow as it stores (linear in the
    batches), so copies split over batches of one run are counted as well."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    for _ in range(3):
        deliver(submission(*LOW), survey, share)
    report = ingest(workspace, share, PASSPHRASE, batch_size=1)
    assert (report.stored, report.repeats) == (3, {survey.wave: 2})


ALL_FOURS = {"IT": dict.fromkeys(("frequent", "timely", "accurate", "respect", "overall"), 4)}


def test_honest_alike_ratings_only_answers_are_no_repeat(workspace, tmp_path) -> None:
    """Honest people often give the same ratings without a comment (all fours; 0-4 % of a
    wave's departments in bench/repeat_false_alarms.py): at a kiosk ingested after each
    answer, the second all-fours made ingest exit 3 for nothing. Ratings only are a repeat
    from the ALIKE_RATINGS_ONLY-th person who gave them."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    assert ALIKE_RATINGS_ONLY == 5
    for _ in range(4):
        deliver(submission(ALL_FOURS), survey, share)
        report = ingest(workspace, share, PASSPHRASE)
        assert (report.stored, report.repeats) == (1, {})
    deliver(submission(ALL_FOURS), survey, share)
    assert ingest(workspace, share, PASSPHRASE).repeats == {survey.wave: 1}


def test_an_answer_replaced_earlier_in_the_run_is_no_ones(workspace, tmp_path) -> None:
    """Someone changed their answer: another person's answer like the one replaced, later
    in the same ingest run, repeats nothing stored (the run's fingerprints forgot it)."""
    share = tmp_path / "share"
    publish(workspace, share)
    _drop(share, submission(*LOW, token="a" * 64))
    assert ingest(workspace, share, PASSPHRASE).stored == 1
    changed = submission(LOW[0], {"IT": "IT answers now."}, token="a" * 64)
    _drop(share, changed, counter=2, name="a")  # taken first: the inbox is read by name
    _drop(share, submission(*LOW, token="b" * 64), name="b")
    report = ingest(workspace, share, PASSPHRASE, batch_size=1)
    assert (report.replaced, report.stored, report.repeats) == (1, 1, {})


def test_a_comment_that_says_nothing_is_compared_as_none(workspace, tmp_path) -> None:
    """Twelfth hostile round: honest people who rate alike and type "n/a" (or "None.",
    "-") are no likelier one person than those who leave the box empty, but such a comment
    made two of them a repeat (exit 3) across ingests and a held pair in one batch."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    fours = {"IT": {"timely": 4, "overall": 4}}
    deliver(submission(fours, {"IT": "N/A"}), survey, share)
    assert ingest(workspace, share, PASSPHRASE).stored == 1
    for text in ("n/a", "None.", "-"):
        deliver(submission(fours, {"IT": text}), survey, share)
        report = ingest(workspace, share, PASSPHRASE)
        assert (report.stored, report.repeats) == (1, {})
    deliver(submission(fours, {"IT": "nothing"}), survey, share)
    deliver(submission(fours, {"IT": "No comment."}), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert (report.stored, report.quarantined, report.repeats) == (2, [], {})
    for text in ("\uff2e\uff0f\uff21", "n/a\u200b"):  # full-width N/A; an invisible space
        deliver(submission(fours, {"IT": text}), survey, share)
        assert ingest(workspace, share, PASSPHRASE).repeats == {}
    deliver(submission(fours, {"IT": "Quick replies."}), survey, share)
    assert ingest(workspace, share, PASSPHRASE).repeats == {}
    deliver(submission(fours, {"IT": "Quick replies!"}), survey, share)  # words still count
    assert ingest(workspace, share, PASSPHRASE).repeats == {survey.wave: 1}


def _disguised_copies_are_copies(workspace, share, survey, disguised: list[str]) -> None:  # noqa: ANN001
    """The four disguised copies of LOW's comment, sent together, are held as copies; the
    plain answer is stored, and a disguised copy sent later is counted as its repeat."""
    for said in disguised:
        deliver(submission(LOW[0], {"IT": said}), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert (report.stored, len(report.quarantined)) == (0, 4)  # held together, as copies
    deliver(submission(*LOW), survey, share)
    assert ingest(workspace, share, PASSPHRASE).stored == 1
    deliver(submission(LOW[0], {"IT": disguised[0]}), survey, share)
    assert ingest(workspace, share, PASSPHRASE).repeats == {survey.wave: 1}


def test_copies_that_differ_only_where_nobody_sees_it_are_copies(workspace, tmp_path) -> None:
    """Twelfth hostile round: a zero-width space (or soft hyphen, word joiner, full-width
    letter) put in another place in each copy looks the same to HR, but passed both the
    near-identical check in one batch and the repeat count across ingests."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    text = LOW[1]["IT"]
    disguised = [
        text[:2] + "\u200b" + text[2:],
        text[:5] + "\u00ad" + text[5:],
        text[:9] + "\u2060" + text[9:],
        "\uff29" + text[1:],  # a full-width I
    ]
    _disguised_copies_are_copies(workspace, share, survey, disguised)


def test_copies_with_look_alike_letters_are_copies(workspace, tmp_path) -> None:
    """Review of the twelfth round: a Cyrillic "е" or "а", a Greek "ο" or "Τ" put in
    another place in each copy looks the same to HR, as an invisible character did, and
    passed both checks; a Russian comment in capitals is still its lower-case copy."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    text = LOW[1]["IT"]  # "IT never answers, again."
    disguised = [
        text.replace("e", "\u0435", 1),  # Cyrillic e
        text.replace("a", "\u0430", 1),  # Cyrillic a
        text.replace("T", "\u03a4", 1),  # Greek capital tau
        text.replace("again", "\u0430g\u0430in"),
    ]
    _disguised_copies_are_copies(workspace, share, survey, disguised)
    russian = "ИТ отвечает на заявки за неделю"
    for said in (russian, russian.upper()):
        deliver(submission(LOW[0], {"IT": said}), survey, share)
    assert len(ingest(workspace, share, PASSPHRASE).quarantined) == 2


def _circled(text: str) -> str:
    """``text`` with its letters circled ("ⓘⓣ"): symbols to str.isalnum, letters in NFKC."""
    return "".join(
        chr(0x24D0 + ord(c) - 97)
        if "a" <= c <= "z"
        else chr(0x24B6 + ord(c) - 65)
        if "A" <= c <= "Z"
        else c
        for c in text
    )


def test_copies_in_circled_or_squared_letters_are_copies(workspace, tmp_path) -> None:
    """Thirteenth hostile round: a comment in circled letters has no letter to the
    non-answer check, so four copies of it with two ratings were compared as no comment at
    all and stored (four plain copies were held)."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    text = LOW[1]["IT"]  # "IT never answers, again."
    disguised = [
        _circled(text),
        _circled(text[:8]) + text[8:],
        "\U0001f138\U0001f143" + text[2:],  # squared I and T
        text[:-6] + _circled("again."),
    ]
    _disguised_copies_are_copies(workspace, share, survey, disguised)


def test_copies_with_armenian_or_small_capital_look_alikes_are_copies(workspace, tmp_path) -> None:
    """Thirteenth hostile round: the look-alikes read as Latin were Cyrillic and Greek only;
    an Armenian "ո" for "n", a small capital "ᴇ" or a phonetic "ɑ" passed both checks."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    text = LOW[1]["IT"]  # "IT never answers, again."
    disguised = [
        text.replace("n", "\u0578", 1),  # Armenian vo
        text.replace("e", "\u1d07", 1),  # Latin small capital E
        text.replace("a", "\u0251", 1),  # Latin alpha
        "\u026a\u1d1b" + text[2:],  # small capitals I and T
    ]
    _disguised_copies_are_copies(workspace, share, survey, disguised)
