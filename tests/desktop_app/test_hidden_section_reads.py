"""A hidden section's read is not waited for on the GUI thread; once shown, it is.

Opening a 200,000-answer workspace waited for each hidden section's read in turn (the
Settings section's alone 0.14 s under load), while nobody looked at them.
"""

from __future__ import annotations

import threading

from tests.desktop_app.slow_reads import shown_window


def _slow_settings(monkeypatch, release: threading.Event) -> list[int]:
    """The Settings section's read, answering once ``release`` is set."""
    from desktop_app.panels import settings_panel

    original, calls = settings_panel.read_settings, []

    def read(*args):  # noqa: ANN202
        calls.append(1)
        release.wait(10)
        return original(*args)

    monkeypatch.setattr(settings_panel, "read_settings", read)
    return calls


def test_a_hidden_section_is_not_waited_for_and_is_filled_when_its_read_answers(
    qtbot, demo_workspace, monkeypatch
) -> None:
    release = threading.Event()
    calls = _slow_settings(monkeypatch, release)
    window = shown_window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    panel = window.panel("settings")
    assert not panel.isVisible() and calls == [1]
    assert panel.reads.pending()  # opening went on without it
    release.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=10000)
    qtbot.waitUntil(lambda: panel.organisation.name.text() != "", timeout=10000)


def test_a_section_shown_while_its_read_is_out_waits_for_it_as_before(
    qtbot, demo_workspace, monkeypatch
) -> None:
    """Shown, the section waits for that read as for its own: what HR types next is not
    overwritten by a late answer."""
    release = threading.Event()
    _slow_settings(monkeypatch, release)
    window = shown_window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    panel = window.panel("settings")
    assert panel.reads.pending() and panel.organisation.name.text() == ""
    threading.Timer(0.05, release.set).start()  # answers within the wait
    window.show_section("settings")
    assert not panel.reads.pending()  # taken while showing, not on a later turn
    assert panel.organisation.name.text() != ""
