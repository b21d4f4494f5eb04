"""The overview: participation against headcount, hotspot cards, what changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop_app.widgets.hanging_list import shown_text
from tests.desktop_app.hr_helpers import open_window


def test_overview_shows_participation_hotspots_and_changes(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("overview")
    rows = {row.label: row.text for row in panel.participation.rows}
    assert rows == {
        "Sales": "23 of 40 (58 %)",
        "IT": "15 of 25 (60 %)",
        "Marketing": "9 of 15 (60 %)",
        "Operations": "33 of 60 (55 %)",
    }
    assert "80 of 140 people answered" in panel.headline.text()
    cards = panel.hotspot_box.findChildren(QPushButton)
    assert len(cards) == 4
    first_reasons = shown_text(panel.findChild(QLabel, "hotspotReasons1"))
    assert "Sales rates IT 2.6 on the relationship index" in first_reasons
    # every reason is a line of its own that begins with a capital ("down 0.5 …" would
    # begin lower case among "Sales rates IT …" lines); the analysis keeps its wording.
    # What makes the pair deteriorating comes second, among the four shown.
    assert first_reasons.splitlines()[1].startswith("• Down 0.5 since 2026-07")
    assert all(not line[2:3].islower() for line in first_reasons.splitlines())
    assert panel.changes_heading.text() == "What changed since 2026-09"
    # every line under that heading is measured from 2026-09: the trend since 2026-07 is
    # listed apart, under a heading of its own
    assert "2026-07" not in shown_text(panel.changes)
    assert panel.earlier_heading.isVisibleTo(panel)
    assert panel.earlier_heading.text() == "Improved since an earlier wave"
    assert shown_text(panel.earlier_changes).startswith(
        "▲ Sales → Marketing improved from 3.0 to 4.0 since 2026-07"
    )
    # the change is that of the figures shown ("+0.4" stood beside 3.7 → 4.0)
    assert "▼ Operations → IT: 3.9 → 3.6 (-0.3)" in shown_text(panel.changes)
    # a pair whose significant improvement is given since the last wave is not listed twice
    # ("Marketing → Sales improved from 3.7 to 4.0 since 2026-09", then "3.7 → 4.0 (+0.3)")
    assert shown_text(panel.changes).count("Marketing → Sales") == 1


def _ink_left(widget, body) -> int:
    """Where the first drawn pixel of ``widget`` is, in ``body``'s coordinates."""
    image = widget.grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() - 1)
    columns = (
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != background for y in range(image.height()))
    )
    return widget.mapTo(body, widget.rect().topLeft()).x() + next(columns)


def test_what_changed_lines_up_with_the_headings_and_uses_one_marker_scheme(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("overview")
    qtbot.waitUntil(lambda: panel.changes.isVisible() and bool(shown_text(panel.changes)))
    body = panel.changes.parentWidget()
    heading = panel.changes_heading
    lefts = [_ink_left(w, body) for w in (heading, panel.changes, panel.headline)]
    assert max(lefts) - min(lefts) <= 2, lefts  # the list stood 5 pixels left of its heading
    lines = shown_text(panel.changes).splitlines()
    assert len(lines) >= 3 and all(line[:2] in ("▲ ", "▼ ") for line in lines), lines
    improved = [line for line in lines if "improved from" in line]
    assert improved and all(line.startswith("▲ ") for line in improved)


def test_hotspot_card_opens_the_pair(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("overview")
    button = panel.findChild(QPushButton, "openHotspot2")
    qtbot.mouseClick(button, Qt.LeftButton)
    assert window.stack.currentWidget() is window.pair_page
    assert window.pair_page.heading.text() == "Operations → Sales"
    qtbot.keyClick(window, Qt.Key_Left, Qt.AltModifier)  # back to the overview
    assert window.stack.currentWidget() is panel


def test_first_wave_has_nothing_to_compare(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("overview")
    with qtbot.waitSignal(window.context.analysis_finished, timeout=60_000):
        window.context.select_wave("2026-05")
    assert shown_text(panel.changes) == "This is the first wave; nothing to compare yet."
    buttons = panel.hotspot_box.findChildren(QPushButton)
    assert len(buttons) == min(4, len(window.context.result.hotspots))  # old cards are gone


def test_a_new_workspace_says_how_answers_come_in(qtbot, tmp_path):
    from desktop_app.main_window import MainWindow
    from tests.surveys.importing.helpers import new_workspace

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(str(new_workspace(tmp_path / "ws")))
    headline = window.panel("overview").headline.text()
    assert headline.startswith("No answers yet.")  # not "press F5": there is nothing to run
    assert "File › Import responses… (Ctrl+I)" in headline
    # Each heading says what comes under it, not "No hotspot" (which would read as good
    # news); bare headings over nothing looked unfinished.
    overview = window.panel("overview")
    hotspots = overview.findChild(QLabel, "noHotspots").text()
    assert hotspots == "The pairs to look at first appear here once answers are in."
    assert overview.changes.text() == "Changes between waves are shown from the second wave on."


def test_a_wave_where_every_pair_is_too_small_does_not_say_no_hotspot(qtbot, tmp_path):
    from surveys.importing import import_file, load_mapping
    from tests.surveys.importing.helpers import fixture, new_workspace

    folder = new_workspace(tmp_path / "ws")  # 11 Qualtrics answers over four departments
    import_file(folder, fixture("qualtrics.csv"), load_mapping(fixture("qualtrics.map.yaml")))
    window = open_window(qtbot, folder)
    panel = window.panel("overview")
    assert "pairs hidden (fewer than 5 answers, or none)" in panel.headline.text()
    text = panel.findChild(QLabel, "noHotspots").text()
    assert text == "No pair can be assessed yet: each has fewer than 5 answers."


def test_participation_says_what_will_come_while_there_is_nothing(qtbot, tmp_path, demo_workspace):
    """A new workspace's Overview showed the heading "Participation against headcount" with
    nothing under it, where the other headings say what will come."""
    from desktop_app.main_window import MainWindow
    from surveys.store import create_workspace

    create_workspace(tmp_path / "new", headcounts={"Sales": 40, "IT": 25}).close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(str(tmp_path / "new"))
    overview = window.panel("overview")
    qtbot.waitUntil(overview.participation_note.isVisible)
    assert overview.participation_note.text() == (
        "Each department's answers against its headcount appear here once answers are in."
    )
    assert not overview.participation.isVisible()  # no blank band under it
    assert overview.wave_picker.combo.shown_text() == "No results yet"  # not a blank box
    analysed = open_window(qtbot, demo_workspace).panel("overview")
    assert not analysed.participation_note.isVisible() and analysed.participation.isVisible()


def test_a_wrapped_reason_goes_on_under_its_text_not_under_the_bullet(qtbot, demo_workspace):
    """At 1024 × 768 "• Sales rates IT 2.6 on the relationship index (weak;" wrapped to
    "organisation 3.4)" at the bullet's edge, where it read as a reason of its own."""
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument

    window = open_window(qtbot, demo_workspace)
    window.resize(1024, 768)
    panel = window.panel("overview")
    label = panel.findChild(QLabel, "hotspotReasons1")
    qtbot.waitUntil(lambda: label.width() < 420)
    if GuiQt.mightBeRichText(label.text()):  # markup drawn as such, never shown as tags
        assert label.textFormat() == Qt.RichText
    document = QTextDocument()
    document.setDefaultFont(label.font())
    if GuiQt.mightBeRichText(label.text()):
        document.setHtml(label.text())
    else:
        document.setPlainText(label.text())
    document.setDocumentMargin(0)
    document.setTextWidth(label.width())
    document.size()  # lays the text out
    block = document.firstBlock()
    layout = block.layout()
    assert layout.lineCount() >= 2, "the first reason wraps at this width"
    bullet_right = label.fontMetrics().horizontalAdvance("• ")
    assert layout.lineAt(1).x() >= bullet_right - 1
    assert layout.lineAt(0).x() < 1  # the bullet itself at the edge


def test_a_hotspot_kind_is_explained_in_words(qtbot, demo_workspace):
    """ "Kind: feud", "one-sided", "deteriorating" name rules HR has not read."""
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("overview")
    tips = {
        panel.findChild(QLabel, f"hotspotKind{rank}").text(): panel.findChild(
            QLabel, f"hotspotKind{rank}"
        ).toolTip()
        for rank in (1, 2, 3)
    }
    assert tips["Kind: deteriorating"].startswith("Deteriorating: the index fell clearly")
    assert tips["Kind: one-sided"] == (
        "One-sided: this department rates the other weak, while the other rates it clearly better."
    )
    assert tips["Kind: feud"] == "Feud: both departments rate each other weak."
    window.panel("relationships").open_pair("Sales", "IT")
    assert window.pair_page.reasons.toolTip().startswith("Deteriorating:")


def test_a_published_wave_without_answers_is_not_told_to_publish(qtbot, tmp_path):
    """HR published its first pulse: the Overview said "publish a pulse in Pulses", the
    status bar "publish a wave" and the wave box "No waves yet", as if nothing had been done.
    Each now also says how the answers come in (Pulses › Ingest inbox…)."""
    from desktop_app.main_window import MainWindow
    from surveys.publish import publish_wave
    from surveys.store import create_workspace

    folder = tmp_path / "ws"
    create_workspace(folder, headcounts={"Sales": 40, "IT": 25}).close()
    dates = {"opens": "2026-12-01", "closes": "2026-12-20"}
    publish_wave(folder, tmp_path / "share", "2026-12", "full-pulse", **dates,
                 passphrase="a passphrase for the tests", create=True)  # fmt: skip
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(str(folder))
    overview = window.panel("overview")
    qtbot.waitUntil(lambda: overview.headline.text().startswith("No answers yet."))
    assert "bring in its answers with Ingest inbox…" in overview.headline.text()
    assert "ingest its answers (Pulses)" in window.analysis_label.text()
    relationships = window.panel("relationships")
    assert "ingest its answers (Pulses)" in relationships.caption.text()
    assert "ingest its answers in Pulses" in window.panel("themes").status.text()
    assert overview.wave_picker.combo.shown_text() == "No results yet"


def test_participation_bars_keep_their_figures_near_on_a_wide_screen(qtbot, demo_workspace):
    """At 2560 pixels wide the bars ran across the whole screen, each figure some 2,000
    pixels from its department's name; on a laptop window the chart still fills the page."""
    from desktop_app.panels.overview_panel import MAX_CHART_CHARS

    window = open_window(qtbot, demo_workspace)
    chart = window.panel("overview").participation
    window.resize(1360, 840)
    qtbot.waitUntil(lambda: chart.width() > 0)
    qtbot.waitUntil(lambda: chart.width() >= chart.parentWidget().width() - 40)  # all of it
    window.resize(2560, 1400)
    qtbot.waitUntil(lambda: window.width() == 2560)
    limit = MAX_CHART_CHARS * chart.fontMetrics().averageCharWidth()
    qtbot.waitUntil(lambda: chart.width() == limit)
    assert chart.width() < chart.parentWidget().width() * 0.7


def test_hotspot_cards_stay_side_by_side_on_a_wide_screen(qtbot, demo_workspace):
    """The cards' two columns split the whole width: at 2560 pixels the second card began
    some 1,200 pixels from the first's short lines; they keep to the bars' width."""
    window = open_window(qtbot, demo_workspace)
    overview = window.panel("overview")
    cards, chart = overview.hotspot_box, overview.participation
    window.resize(1360, 840)
    qtbot.waitUntil(lambda: cards.width() >= cards.parentWidget().width() - 40)  # all of it
    window.resize(2560, 1400)
    qtbot.waitUntil(lambda: window.width() == 2560)
    qtbot.waitUntil(lambda: chart.width() < chart.parentWidget().width() * 0.7)
    assert cards.width() <= chart.width()


def test_departments_without_a_headcount_say_where_to_enter_it(qtbot, demo_workspace):
    """An organisation imported from another tool has no headcounts: the Overview showed
    empty bars and "(headcount unknown)" on every row, and nothing said where to put them."""
    from surveys.departments import set_headcount
    from surveys.store import open_workspace

    db = open_workspace(demo_workspace)
    try:
        set_headcount(db, "Sales", None)
        set_headcount(db, "IT", None)
    finally:
        db.close()
    panel = open_window(qtbot, demo_workspace).panel("overview")
    rows = {row.label: row.text for row in panel.participation.rows}
    assert rows["Sales"] == "23 answered (headcount unknown)"
    assert rows["Marketing"] == "9 of 15 (60 %)"
    assert panel.participation_note.isVisible() and panel.participation.isVisible()
    assert panel.participation_note.text() == (
        "2 departments have no headcount, so their participation rate cannot be shown: "
        "enter the headcounts in Settings, under Departments and headcounts."
    )


def test_a_headcount_of_0_is_not_said_to_be_missing(qtbot, demo_workspace):
    """Settings takes 0 as a headcount; the Overview counted it as "no headcount" and sent
    HR to enter one in a cell that showed 0."""
    from surveys.departments import set_headcount
    from surveys.store import open_workspace

    db = open_workspace(demo_workspace)
    try:
        set_headcount(db, "Sales", 0)
        set_headcount(db, "IT", None)
    finally:
        db.close()
    panel = open_window(qtbot, demo_workspace).panel("overview")
    rows = {row.label: row.text for row in panel.participation.rows}
    assert rows["Sales"] == "23 answered (headcount 0)"
    assert rows["IT"].endswith("answered (headcount unknown)")
    assert panel.participation_note.text() == (
        "1 department has no headcount, so its participation rate cannot be shown: enter "
        "the headcount in Settings, under Departments and headcounts. 1 department has a "
        "headcount of 0, so its participation rate cannot be shown: correct it in Settings, "
        "under Departments and headcounts."
    )
