"""Sealed answers wait in the real outbox for a random due time before the real inbox gets them.

The clock and the delays are injected (:class:`surveys.outbox_hold.Hold`): nothing sleeps.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

from surveys import outbox_hold
from surveys.outbox import deliver, flush_outbox, outbox_dir, pending_count
from surveys.outbox_hold import (
    CLOSE_MARGIN_S,
    DUE_FILE,
    HOLD_MAX_S,
    HOLD_MIN_S,
    Hold,
    closing_deadline,
    due_times,
    random_delay,
)
from surveys.paths import user_data_dir
from tests.surveys.transport_helpers import publish, submission

T0 = 1_900_000_000.0


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def delays(*values: float):  # noqa: ANN201 - a delay source
    """A delay source that hands out ``values`` in turn."""
    left = list(values)
    return lambda: left.pop(0)


def inbox(share: Path) -> list[Path]:
    return sorted((share / "inbox").iterdir())


def test_a_held_answer_waits_for_its_due_time_then_reaches_the_inbox(
    workspace: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    published = publish(workspace, share)
    clock = Clock()
    result = deliver(submission({"IT": {"overall": 4}}), published, share, Hold(clock, delays(300)))
    assert result.status == "held" and result.path.parent == outbox_dir()
    assert inbox(share) == [] and pending_count() == 1
    assert due_times() == {result.path.name: T0 + 300}
    assert flush_outbox(share, now=T0 + 299) == 0 and inbox(share) == []
    assert flush_outbox(share, now=T0 + 300) == 1
    assert [p.name for p in inbox(share)] == [result.path.name]
    assert pending_count() == 0 and due_times() == {}  # delivered: its due time is forgotten
    assert (user_data_dir() / DUE_FILE).stat().st_mode & 0o077 == 0


def test_each_answer_has_its_own_due_time_and_a_due_one_takes_the_older_ones(
    workspace: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    published = publish(workspace, share)
    clock = Clock()
    hold = Hold(clock, delays(900, 120, 600))
    first = deliver(submission({"IT": {"overall": 1}}), published, share, hold)
    clock.now = T0 + 10
    second = deliver(submission({"IT": {"overall": 2}}), published, share, hold)
    clock.now = T0 + 20
    third = deliver(submission({"IT": {"overall": 3}}), published, share, hold)
    assert {r.status for r in (first, second, third)} == {"held"}
    assert sorted(due_times().values()) == [T0 + 10 + 120, T0 + 20 + 600, T0 + 900]
    assert flush_outbox(share, now=T0 + 129) == 0
    # The second is due: the first, written earlier, goes with it (the order is kept).
    assert flush_outbox(share, now=T0 + 130) == 2
    assert {p.name for p in inbox(share)} == {first.path.name, second.path.name}
    assert [p.name for p in outbox_dir().iterdir()] == [third.path.name]
    assert flush_outbox(share, now=T0 + 619) == 0
    assert flush_outbox(share, now=T0 + 620) == 1 and pending_count() == 0


def test_the_due_time_is_kept_on_disk_so_a_later_start_delivers_at_once(
    workspace: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    published = publish(workspace, share)
    deliver(submission({"IT": {"overall": 4}}), published, share, Hold(Clock(), delays(600)))
    stored = json.loads((user_data_dir() / DUE_FILE).read_text(encoding="utf-8"))
    assert list(stored.values()) == [T0 + 600]
    # The app was quit; it starts again an hour later with nothing in memory.
    assert flush_outbox(share, now=T0 + 3600) == 1 and len(inbox(share)) == 1


def test_an_answer_is_never_held_past_the_last_day_of_its_wave(
    workspace: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    last_day = date(2030, 3, 14)
    published = publish(workspace, share, closes=last_day.isoformat())
    deadline = closing_deadline(last_day.isoformat())
    midnight = datetime.combine(last_day + timedelta(days=1), datetime.min.time()).timestamp()
    assert deadline == midnight - CLOSE_MARGIN_S
    late_evening = Clock(deadline - 60)  # a 20-minute wait would end after midnight
    result = deliver(
        submission({"IT": {"overall": 4}}), published, share, Hold(late_evening, delays(1200))
    )
    assert result.status == "held" and due_times() == {result.path.name: deadline}
    assert flush_outbox(share, now=deadline) == 1
    # Answered after the deadline (the last minutes of the day): delivered at once.
    after = Clock(deadline + 30)
    result = deliver(submission({"IT": {"overall": 2}}), published, share, Hold(after, delays(600)))
    assert result.status == "delivered" and len(inbox(share)) == 2
    # A wave without a closing day, or an unreadable one, is held for the full delay.
    assert Hold(Clock(), delays(600)).due(None) == T0 + 600
    assert Hold(Clock(), delays(600)).due("someday") == T0 + 600


def test_a_due_answer_waits_while_the_share_cannot_be_reached(
    workspace: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    published = publish(workspace, share)
    result = deliver(
        submission({"IT": {"overall": 4}}), published, share, Hold(Clock(), delays(200))
    )
    away = tmp_path / "share-away"
    share.rename(away)  # the network drive is gone when the answer is due
    assert flush_outbox(share, now=T0 + 500) == 0 and pending_count() == 1
    away.rename(share)
    assert flush_outbox(share, now=T0 + 500) == 1
    assert [p.name for p in inbox(share)] == [result.path.name]


def test_unreachable_at_send_is_queued_not_held(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    published = publish(workspace, share)
    result = deliver(
        submission({"IT": {"overall": 4}}),
        published,
        tmp_path / "nowhere",
        Hold(Clock(), delays(200)),
    )
    assert result.status == "queued"  # the thank-you page says the folder is away


def test_without_a_hold_and_for_an_older_outbox_file_delivery_is_at_once(
    workspace: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    published = publish(workspace, share)
    assert deliver(submission({"IT": {"overall": 4}}), published, share).status == "delivered"
    # A sealed file an older Rapport left in the outbox has no due time: it goes on the next
    # retry, with the held one that is not due yet staying behind.
    held = deliver(submission({"IT": {"overall": 2}}), published, share, Hold(Clock(), delays(900)))
    older = outbox_dir() / "0older.rapport"
    older.write_bytes(held.path.read_bytes())
    os.utime(older, ns=(held.path.stat().st_mtime_ns - 10**9,) * 2)  # written before it
    assert flush_outbox(share, now=T0 + 1) == 1
    assert (share / "inbox" / older.name).exists() and held.path.exists()
    assert flush_outbox(share) == 1 and pending_count() == 0  # "Deliver now": everything


def test_the_random_delay_is_within_the_range_and_unpredictable() -> None:
    drawn = [random_delay() for _ in range(300)]
    assert all(HOLD_MIN_S <= d <= HOLD_MAX_S and d == int(d) for d in drawn)
    assert len(set(drawn)) > 150  # 1,081 possible values: a constant or a short cycle fails
    assert min(drawn) < HOLD_MIN_S + 200 and max(drawn) > HOLD_MAX_S - 200


def test_a_damaged_due_file_delivers_rather_than_holds_for_ever(
    workspace: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    published = publish(workspace, share)
    deliver(submission({"IT": {"overall": 4}}), published, share, Hold(Clock(), delays(900)))
    (user_data_dir() / outbox_hold.DUE_FILE).write_text("{not json", encoding="utf-8")
    assert due_times() == {}
    assert flush_outbox(share, now=T0) == 1  # nothing is lost or stuck


def test_an_answer_released_with_its_ticket_gets_its_own_wait(
    workspace: Path, tmp_path: Path
) -> None:
    from surveys.ingest import ingest
    from surveys.ticket_client import pick_up
    from surveys.ticket_files import REQUESTS
    from surveys.ticket_wait import deliver_ticketed, release_waiting, waiting_names
    from tests.surveys.ticket_helpers import make_world
    from tests.surveys.transport_helpers import PASSPHRASE

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    clock = Clock()
    hold = Hold(clock, delays(500))  # one draw only: the answer waits for its ticket first
    sub = submission({"IT": {"timely": 2, "overall": 2}})
    with world.person("alice"):
        result = deliver_ticketed(sub, survey, world.share, "Sales", hold)
    assert result.status == "waiting"
    request = next((world.share / REQUESTS).iterdir())
    world.owners.by_name[request.name] = "alice"
    assert world.sign().signed == 1
    clock.now = T0 + 3000  # the ticket came later; the wait starts when it is released
    with world.person("alice"):
        pick_up(survey, world.share)
        assert release_waiting(world.share, hold) == [result.path.name]
        assert waiting_names() == set() and pending_count() == 1
        assert due_times() == {result.path.name: T0 + 3500}
        assert flush_outbox(world.share, now=T0 + 3499) == 0
        assert flush_outbox(world.share, now=T0 + 3500) == 1
    assert [p.name for p in (world.share / "inbox").iterdir()] == [result.path.name]
    assert ingest(workspace, world.share, PASSPHRASE).stored == 1
