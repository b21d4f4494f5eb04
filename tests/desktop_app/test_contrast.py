"""Text is readable and the keyboard focus can be seen, in the light and the dark palette:
WCAG contrast (4.5:1 for text, 3:1 for the focus ring), measured on the colours the windows
use and on the pixels a focused control draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QStyleFactory,
)

from desktop_app.contrast import all_pairs, contrast_ratio, report
from desktop_app.palette import RapportStyle, dark_palette
from desktop_app.respondent.style import style_sheet


def test_every_text_pair_and_focus_ring_has_enough_contrast() -> None:
    pairs = all_pairs()
    assert {p.palette for p in pairs} == {"light", "dark"} and len(pairs) > 40
    failed = [p for p in pairs if not p.passes]
    assert not failed, report(failed)


def test_the_light_palette_selects_with_readable_text() -> None:
    palette = RapportStyle().standardPalette()  # what both apps get on a light desktop
    selected = contrast_ratio(
        palette.color(QPalette.HighlightedText).name(), palette.color(QPalette.Highlight).name()
    )
    assert selected >= 4.5
    placeholder = palette.color(QPalette.PlaceholderText)
    assert placeholder.alpha() == 255 and contrast_ratio(placeholder.name(), "#ffffff") >= 4.5


@pytest.fixture(params=["light", "dark"])
def palette(request, qapp) -> QPalette:  # noqa: ANN001
    saved = QApplication.palette()
    chosen = dark_palette() if request.param == "dark" else RapportStyle().standardPalette()
    QApplication.setPalette(chosen)
    yield chosen
    QApplication.setPalette(saved)


def _pixels(image: QImage) -> list[str]:
    return [
        image.pixelColor(x, y).name() for y in range(image.height()) for x in range(image.width())
    ]


def _focus_contrast(qtbot, widget, other) -> float:  # noqa: ANN001
    """The strongest contrast between a pixel of ``widget`` unfocused and focused."""
    with qtbot.waitActive(widget.window()):
        widget.window().activateWindow()
    other.setFocus()
    qtbot.waitUntil(lambda: other.hasFocus())
    before = widget.grab().toImage()
    widget.setFocus()
    qtbot.waitUntil(lambda: widget.hasFocus())
    after = widget.grab().toImage()
    assert before.size() == after.size()  # the focus ring does not move anything
    changed = [(a, b) for a, b in zip(_pixels(before), _pixels(after), strict=True) if a != b]
    return max((contrast_ratio(a, b) for a, b in changed), default=1.0)


def _window(qtbot, *widgets) -> QDialog:  # noqa: ANN001
    window = QDialog()
    window.setStyleSheet(style_sheet())
    row = QHBoxLayout(window)
    for widget in widgets:
        row.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_focused_answer_option_shows_a_ring(qtbot, palette: QPalette) -> None:
    option, other = QRadioButton("Agree"), QRadioButton("Disagree")
    window = _window(qtbot, option, other)
    assert window.isVisible()
    assert _focus_contrast(qtbot, option, other) >= 3.0


def test_a_focused_button_differs_from_the_default_one(qtbot, palette: QPalette) -> None:
    style = RapportStyle(focus_ring=True)
    default, other = QPushButton("Next >"), QPushButton("Close")
    for button in (default, other):
        button.setStyle(style)
    window = _window(qtbot, other, default)
    default.setDefault(True)
    assert window.isVisible()
    assert _focus_contrast(qtbot, default, other) >= 3.0


def test_the_respondent_app_draws_the_button_focus_ring() -> None:
    from desktop_app.palette import outline_fusion

    class App:  # a plain Fusion desktop
        chosen: list = []

        def style(self):  # noqa: ANN202
            return QStyleFactory.create("Fusion")

        def setStyle(self, style) -> None:  # noqa: ANN001, N802
            self.chosen.append(style)

    outline_fusion(App())
    assert isinstance(App.chosen[0], RapportStyle) and App.chosen[0].focus_ring


def test_the_hr_window_draws_the_button_focus_ring(qtbot) -> None:
    """HR's dialogs have a default button too (OK beside Cancel): the keyboard focus shows."""
    from desktop_app.app import make_application

    style = make_application().style()
    assert isinstance(style, RapportStyle) and style.focus_ring


def test_contrast_script_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(root / "scripts" / "contrast.py")],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pairs pass" in done.stdout
