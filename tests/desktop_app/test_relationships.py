"""The relationships section: heatmap cells, measures, network, and the pair detail."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from desktop_app.models.heatmap_model import BandRole
from surveys.bands import format_index
from tests.desktop_app.hr_helpers import open_window


def _relationships(qtbot, folder):
    window = open_window(qtbot, folder)
    window.show_section("relationships")
    panel = window.panel("relationships")
    assert window.stack.currentWidget() is panel
    return window, panel


def test_heatmap_prints_value_and_n_and_hides_small_groups(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    result = window.context.result
    model = panel.model
    assert model.departments() == ["Sales", "IT", "Marketing", "Operations"]
    sales_it = result.pair("Sales", "IT")
    cell = model.cell_of("Sales", "IT")
    assert cell.data(Qt.DisplayRole) == f"{format_index(sales_it.index)}\nn = {sales_it.n}"
    suppressed = [p for p in result.pairs if p.suppressed]
    assert suppressed, "the demo plants at least one group under k"
    hidden = model.cell_of(suppressed[0].from_dept, suppressed[0].to_dept)
    text = hidden.data(Qt.DisplayRole)
    assert text == f"fewer than {result.min_group}"
    assert str(suppressed[0].n) not in hidden.data(Qt.ToolTipRole).split("fewer than")[0]


def test_dimension_toggle_shows_that_dimension(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    button = panel.findChild(type(panel.measures.buttons()[0]), "measure_timely")
    qtbot.mouseClick(button, Qt.LeftButton)
    timely = window.context.result.pair("Sales", "IT").dimensions["timely"]
    assert panel.model.measure == "timely"
    assert panel.model.cell_of("Sales", "IT").data(Qt.DisplayRole).startswith(format_index(timely))


def test_clicking_a_cell_opens_the_pair_page(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    rect = panel.heatmap.cell_rect("Sales", "IT")
    qtbot.mouseClick(panel.heatmap.viewport(), Qt.LeftButton, pos=rect.center())
    page = window.pair_page
    assert window.stack.currentWidget() is page
    assert page.heading.text() == "Sales → IT"
    assert "index 2.6 (weak)" in page.summary.text()  # 2.57, shown to one decimal
    assert "Hotspot #1" in page.reasons.text()
    # each reason begins with a capital ("down 0.5 since 2026-07" did not)
    reasons = page.reasons.text().splitlines()[1:]
    assert reasons and all(line.startswith("• ") and not line[2].islower() for line in reasons)
    assert any(line.startswith("• Down ") for line in reasons)
    # dimension bars against the organisation, asymmetry against IT → Sales
    labels = [row.label for row in page.dimensions.rows]
    assert "Timeliness" in labels and page.dimensions.rows[1].reference is not None
    # the gap says which way it goes ("a gap of -1.3" left that to the reader)
    assert page.asymmetry.text() == "Sales rates IT 2.6; IT rates Sales 3.9, 1.3 higher."
    both_ways = window.open_pair("Sales", "Marketing")  # 4.0 each way, as shown
    assert both_ways.asymmetry.text() == (
        "Sales rates Marketing 4.0, and Marketing rates Sales the same."
    )
    reverse = window.open_pair("IT", "Sales")
    assert reverse.asymmetry.text() == "IT rates Sales 3.9; Sales rates IT 2.6, 1.3 lower."
    page = window.open_pair("Sales", "IT")
    qtbot.waitUntil(page.cards_complete, timeout=5000)  # the cards are built a few at a time
    # the trend has every wave, and the recorded action is a marker in its wave
    assert page.trend.series.waves[-1] == "2026-10"
    assert page.trend.series.markers == {"2026-10": ["Request intake with agreed response times"]}
    # comments are shown, redacted (the demo plants e-mail addresses and names)
    shown = [card.text.text() for card in page.comment_cards]
    assert shown and not any("@" in text for text in shown)
    assert "Request intake with agreed response times" in page.actions.recorded_list.text()


def test_a_suppressed_pair_shows_no_scores_and_no_comments(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    pair = next(p for p in window.context.result.pairs if p.suppressed)
    panel.open_pair(pair.from_dept, pair.to_dept)
    page = window.pair_page
    assert "Fewer than 5 people answered" in page.summary.text()
    assert page.comment_cards == []
    assert not page.dimensions.isVisibleTo(page)
    assert "hidden" in page.comments_note.text()


def test_network_edge_click_opens_the_pair(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    panel.tabs.setCurrentWidget(panel.network)
    point = panel.network.edge_label_position("Operations", "Sales")
    assert point is not None
    qtbot.mouseClick(panel.network, Qt.LeftButton, pos=point.toPoint())
    assert window.stack.currentWidget() is window.pair_page
    assert window.pair_page.heading.text() == "Operations → Sales"


def test_keyboard_enter_on_a_cell_opens_it(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    panel.heatmap.setFocus()
    panel.heatmap.setCurrentIndex(panel.model.cell_of("Marketing", "IT"))
    qtbot.keyClick(panel.heatmap, Qt.Key_Return)
    assert window.stack.currentWidget() is window.pair_page
    assert window.pair_page.heading.text() == "Marketing → IT"


def test_the_network_follows_the_chosen_measure(qtbot, demo_workspace):
    """With Timeliness chosen, an edge prints what the heatmap cell prints (issue 19.7)."""
    window, panel = _relationships(qtbot, demo_workspace)
    timely = window.context.result.pair("Sales", "IT").dimensions["timely"]
    index = window.context.result.pair("Sales", "IT").index
    assert panel.network.edge_text("Sales", "IT") == format_index(index)
    button = panel.findChild(QToolButton, "measure_timely")
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.mouseClick(
        panel.tabs.tabBar(), Qt.LeftButton, pos=panel.tabs.tabBar().tabRect(1).center()
    )
    assert panel.tabs.currentWidget() is panel.network
    assert panel.network.edge_text("Sales", "IT") == format_index(timely) == "1.8"  # 1.79
    cell = panel.model.cell_of("Sales", "IT")
    assert cell.data(Qt.DisplayRole).split("\n")[0] == panel.network.edge_text("Sales", "IT")
    for pair in window.context.result.pairs:  # colours agree with the heatmap everywhere
        if pair.from_dept != pair.to_dept:
            same = panel.model.cell_of(pair.from_dept, pair.to_dept).data(BandRole)
            assert panel.network._band(pair) == same
    assert "Timeliness: " in panel.network.accessibleDescription()
    caption = panel.caption.text()
    assert "timeliness" in caption and "arrow" in caption
    assert not re.search(r"\b(rows?|columns?|cells?)\b", caption, re.IGNORECASE)
    panel.tabs.setCurrentWidget(panel.heatmap)
    assert "Rows rate columns" in panel.caption.text()
    # a cell prints "n = 19" under its value: the caption says what n is
    assert "n under the value is how many people of Sales rated it" in panel.caption.text()


def test_cells_shown_alike_share_a_band_and_the_palette_colour(qtbot, demo_workspace):
    from desktop_app.models.heatmap_model import BandRole
    from desktop_app.widgets.colours import band_colours
    from surveys.bands import BAND_PALETTE

    window, panel = _relationships(qtbot, demo_workspace)
    result = window.context.result
    bands: dict[str, set[str]] = {}
    for pair in result.pairs:
        if not pair.suppressed:
            cell = panel.model.cell_of(pair.from_dept, pair.to_dept)
            shown = cell.data(Qt.DisplayRole).split("\n")[0]
            bands.setdefault(shown, set()).add(cell.data(BandRole))
    assert bands["4.0"] == {"moderate"}  # the demo has 4.04 (Marketing → Sales) and 4.00
    assert all(len(found) == 1 for found in bands.values()), bands
    fill, _ = band_colours("strong", panel.palette())
    assert fill.name() == BAND_PALETTE["strong"].fill


def test_the_show_buttons_wrap_so_the_window_fits_a_screen_at_150_percent(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    # A 1440 × 900 screen at 150 % is 960 × 600 in the window's own pixels.
    assert window.minimumSizeHint().width() <= 960
    window.resize(960, 640)
    buttons = panel.measures.buttons()
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) > 1)  # on two lines
    container = buttons[0].parentWidget()
    assert all(b.geometry().right() <= container.width() for b in buttons)
    assert all(b.isVisible() for b in buttons)


def test_network_labels_keep_clear_of_each_other_in_a_low_window(qtbot, demo_workspace):
    """At 150 % on a 1440 × 900 screen the network has about 770 × 347 pixels: the labels of
    Sales → IT and IT → Operations covered each other, as did Marketing → Operations ("<5")
    and Operations → IT. A label now moves along its edge to a free place."""
    from itertools import combinations

    from PySide6.QtCore import QRectF

    from desktop_app.widgets.network import NetworkView

    window, _panel = _relationships(qtbot, demo_workspace)
    view = NetworkView()
    qtbot.addWidget(view)
    view.set_result(window.context.result)
    metrics = view.fontMetrics()
    for width, height in ((770, 347), (600, 300), (1100, 600)):
        view.resize(width, height)
        boxes = {}
        for pair in window.context.result.pairs:
            text = view.edge_text(pair.from_dept, pair.to_dept)
            box = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 4)
            box.moveCenter(view.edge_label_position(pair.from_dept, pair.to_dept))
            boxes[pair.from_dept, pair.to_dept] = box
        clashes = [(a, b) for a, b in combinations(boxes, 2) if boxes[a].intersects(boxes[b])]
        assert clashes == [], (width, height)
    # Where nothing is in the way, a label stays a little before the middle of its edge.
    view.resize(1100, 600)
    start, control, end = view._curve(*(view.node_positions()[d] for d in ("Sales", "IT")))
    t = 0.38
    expected_x = (1 - t) ** 2 * start.x() + 2 * t * (1 - t) * control.x() + t**2 * end.x()
    assert abs(view.edge_label_position("Sales", "IT").x() - expected_x) < 0.5


def test_the_network_is_reached_and_used_with_the_keyboard(qtbot, demo_workspace):
    """The network had no keyboard access: Tab passed it by and its labels could only be
    clicked. Now the arrow keys choose a label (a ring shows which) and Enter opens it."""
    window, panel = _relationships(qtbot, demo_workspace)
    panel.tabs.setCurrentWidget(panel.network)
    network = panel.network
    assert network.focusPolicy() & Qt.TabFocus
    assert "choose one with the arrow keys and press Enter" in panel.caption.text()
    network.setFocus()
    qtbot.waitUntil(network.hasFocus)
    pairs = [(p.from_dept, p.to_dept) for p in window.context.result.pairs]
    assert network.current == pairs[0]
    qtbot.keyClick(network, Qt.Key_Right)
    qtbot.keyClick(network, Qt.Key_Right)
    assert network.current == pairs[2]
    assert network.accessibleDescription().startswith(" → ".join(pairs[2]) + ": index ")
    qtbot.keyClick(network, Qt.Key_Left)
    assert network.current == pairs[1]
    qtbot.keyClick(network, Qt.Key_Return)
    assert window.stack.currentWidget() is window.pair_page
    assert window.pair_page.heading.text() == " → ".join(pairs[1])


def test_a_network_label_says_in_words_what_it_shows(qtbot, demo_workspace):
    window, panel = _relationships(qtbot, demo_workspace)
    result = window.context.result
    network = panel.network
    pair = result.pair("Sales", "IT")
    assert network.describe_edge("Sales", "IT") == (
        f"Sales → IT: index {format_index(pair.index)} (weak), from {pair.n} people. "
        "Click, or press Enter, for the pair's page."
    )
    hidden = next(p for p in result.pairs if p.suppressed)
    assert network.describe_edge(hidden.from_dept, hidden.to_dept) == (
        f"{hidden.from_dept} → {hidden.to_dept}: fewer than {result.min_group} people "
        "answered, so nothing is shown."
    )
    panel.tabs.setCurrentWidget(network)
    point = network.edge_label_position("Sales", "IT").toPoint()
    qtbot.mouseMove(network, point)
    qtbot.waitUntil(lambda: network.cursor().shape() == Qt.PointingHandCursor)
