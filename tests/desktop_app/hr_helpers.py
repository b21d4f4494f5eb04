"""Helpers for the HR window tests: open a window on a workspace and wait for its analysis."""

from __future__ import annotations

from pathlib import Path

ANALYSIS_TIMEOUT_MS = 60_000


def open_window(qtbot, folder: Path):
    """A shown MainWindow on ``folder`` whose first analysis has finished."""
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1300, 850)
    with qtbot.waitActive(window):  # a stored result may be shown before any event loop turn
        window.show()
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS):
        assert window.open_workspace(str(folder))
    return window


def open_pair(qtbot, window, source: str, target: str):
    """``window``'s pair page on ``source`` → ``target``, laid out as before a person can
    click on it: the page is filled before it is shown, so its buttons have a size only
    once the event loop has laid it out."""
    from PySide6.QtWidgets import QPushButton

    window.context.request_pair(source, target)
    page = window.pair_page
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisibleTo(page)]
    qtbot.waitUntil(lambda: all(b.height() > 0 for b in buttons), timeout=5000)
    return page


_PHRASES = (
    "They never answer on time and we escalate to the VP again.",
    "Great support this month, quick and friendly.",
    "The approval process is a bottleneck; requests wait for weeks.",
    "We built our own spreadsheet because their tool is too slow.",
    "Shared planning before the launch helped a lot.",
    "Not our problem, they always say. Blame goes around.",
    "Liaison meetings only happen quarterly, too rare to fix anything.",
    "They respect our work and explain their decisions.",
)


def make_large_workspace(folder: Path, waves: int, per_wave: int, comments: int, seed: int = 3):
    """A workspace with ``waves × per_wave`` submissions rating two departments each.

    Written straight into SQLite (fast); ``comments`` distinct comments in total, none
    analysed yet, so a first analysis does the full work.
    """
    import random

    from surveys.model import DIMENSIONS
    from surveys.store import create_workspace

    rng = random.Random(seed)
    db = create_workspace(
        folder, headcounts={"Sales": 4000, "IT": 2500, "Marketing": 1500, "Operations": 6000}
    )
    conn = db.conn
    ids = [row[0] for row in conn.execute("SELECT id FROM departments ORDER BY id")]
    conn.execute("BEGIN")
    answers, notes = [], []
    for w in range(waves):
        wave_id = conn.execute(
            "INSERT INTO waves (name, status) VALUES (?, 'closed')", [f"2025-{w + 1:02d}"]
        ).lastrowid
        for s in range(per_wave):
            sub, source = f"w{w}-s{s}", rng.choice(ids)
            conn.execute(
                "INSERT INTO submissions (id, wave_id, department_id, day) VALUES (?, ?, ?, ?)",
                [sub, wave_id, source, f"2025-{w + 1:02d}-10"],
            )
            for target in rng.sample([i for i in ids if i != source], 2):
                base = rng.randint(2, 4)
                for item in (*DIMENSIONS, "overall"):
                    value = min(5, max(1, base + rng.choice((-1, 0, 0, 1))))
                    answers.append((sub, wave_id, source, target, item, value))
                if len(notes) < comments and rng.random() < 0.5:
                    text = f"{rng.choice(_PHRASES)} {rng.choice(_PHRASES)} (#{len(notes)})"
                    notes.append((sub, wave_id, source, target, text))
    conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)", answers)
    conn.executemany(
        "INSERT INTO comments (submission_id, wave_id, from_id, to_id, text) "
        "VALUES (?, ?, ?, ?, ?)",
        notes,
    )
    conn.execute("COMMIT")
    db.close()
    return len(answers), len(notes)
