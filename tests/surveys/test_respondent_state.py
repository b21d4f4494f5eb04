"""Reminders, receipts and drafts: the respondent's local state, without Qt."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from surveys import drafts, receipts
from surveys.reminders import CLOSING, NUDGE, OPENED, ReminderPlan, check_plan, due_notice

DAY = date(2026, 10, 1)


def days(n: int) -> str:
    return (DAY + timedelta(days=n)).isoformat()


@pytest.mark.parametrize(
    ("today", "shown", "expected"),
    [
        (0, set(), OPENED),  # first seen
        (2, {OPENED}, None),  # quiet until day 3
        (3, {OPENED}, NUDGE),
        (5, {OPENED, NUDGE}, None),
        (12, {OPENED, NUDGE}, CLOSING),  # the day before the last day
        (13, {OPENED}, CLOSING),  # off for a week: only the closing reminder
        (13, {OPENED, NUDGE, CLOSING}, None),
        (14, {OPENED}, None),  # closed
    ],
)
def test_due_notice_follows_the_default_plan(today: int, shown: set, expected) -> None:  # noqa: ANN001
    opens, closes = days(0), days(13)
    assert due_notice(ReminderPlan(), opens, closes, DAY + timedelta(days=today), shown) == expected


def test_a_plan_can_switch_reminders_off_and_is_read_leniently() -> None:
    off = ReminderPlan(0, 0)
    assert due_notice(off, days(0), days(13), DAY + timedelta(days=12), {OPENED}) is None
    assert ReminderPlan.from_dict({"after_opening_days": 5}) == ReminderPlan(5, 1)
    assert ReminderPlan.from_dict({"after_opening_days": "5", "before_closing_days": -1}) == (
        ReminderPlan()
    )
    assert ReminderPlan.from_dict(None) == ReminderPlan()
    assert ReminderPlan(3, 1).describe() == "3 days after it opens and the day before it closes"
    with pytest.raises(ValueError, match="--remind-before"):
        check_plan(3, 61)


def test_receipt_codes_are_random_and_typed_forgivingly() -> None:
    code = receipts.new_receipt_code()
    assert len(code) == 14 and code.count("-") == 2
    assert code != receipts.new_receipt_code()
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert receipts.normalise_code(typed) == code
    assert receipts.receipt_hash("w", typed) == receipts.receipt_hash("w", code)
    assert receipts.receipt_hash("w", code) != receipts.receipt_hash("v", code)
    assert receipts.normalise_code("not a code") == ""


def test_the_published_list_hides_codes_and_exact_counts(tmp_path: Path, workspace: Path) -> None:
    from surveys.store import open_workspace
    from surveys.templates import builtin_templates
    from surveys.waves import open_wave, save_survey

    db = open_workspace(workspace)
    with db.atomic():
        survey_id = save_survey(db, builtin_templates()["full-pulse"])
        wave = open_wave(db, "2026-10", survey_id, "2026-10-01", "2026-10-14")
        codes = [receipts.new_receipt_code() for _ in range(3)]
        for code in codes:
            receipts.store_receipt(db, wave.id, receipts.receipt_hash("2026-10", code))
    assert receipts.publish_receipts(db, tmp_path) == 3
    db.close()
    text = (tmp_path / "receipts" / "2026-10.json").read_text()
    assert not any(code in text for code in codes)
    assert len(json.loads(text)["hashes"]) == 20  # padded with decoys
    assert all(receipts.is_received(tmp_path, "2026-10", code) for code in codes)
    assert receipts.is_received(tmp_path, "2026-10", receipts.new_receipt_code()) is False
    assert receipts.find_receipt(tmp_path, codes[1]) == "2026-10"
    assert receipts.is_received(tmp_path, "2026-11", codes[0]) is None  # no list yet


def test_a_draft_is_sealed_bound_to_its_wave_and_dropped_when_damaged() -> None:
    from surveys.paths import user_data_dir

    drafts.save_draft("2026-10", {"pages": {"IT": {"comment": "Slow replies from Priya"}}})
    [path] = (user_data_dir() / "drafts").iterdir()
    assert b"Priya" not in path.read_bytes() and b"2026-10" not in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0
    assert drafts.load_draft("2026-10") == {"pages": {"IT": {"comment": "Slow replies from Priya"}}}
    # Copied under another wave's name, it does not open (the wave is authenticated).
    other = drafts._draft_path("2026-11")
    other.write_bytes(path.read_bytes())
    assert drafts.load_draft("2026-11") is None and not other.exists()
    damaged = bytearray(path.read_bytes())
    damaged[-1] ^= 1
    path.write_bytes(bytes(damaged))
    assert drafts.load_draft("2026-10") is None and not drafts.has_draft("2026-10")


def test_publish_carries_the_reminder_plan_from_the_cli(
    workspace: Path, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    from desktop_app.cli import main
    from surveys.published import read_published
    from tests.desktop_app.conftest import PASSPHRASE

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    share = tmp_path / "share"
    args = ["publish", str(workspace), "--share", str(share), "--wave", "2026-10", "--create"]
    assert main([*args, "--remind-after", "5", "--remind-before", "2"]) == 0
    published = read_published(share / "published" / "2026-10.json")
    assert published.reminders == ReminderPlan(5, 2)
    assert main(args) == 0  # publishing again keeps the wave's plan
    assert read_published(share / "published" / "2026-10.json").reminders == ReminderPlan(5, 2)
    assert main([*args, "--remind-after", "0"]) == 0
    assert read_published(share / "published" / "2026-10.json").reminders == ReminderPlan(0, 2)
    assert main([*args, "--remind-before", "99"]) == 2
