"""The Themes section's detail (a theme's title, example, sizes per pair and terms) is
always that of the theme selected, in the result shown."""

from __future__ import annotations

from analysis.pipeline import analyse_workspace
from analysis.text import capitalised
from desktop_app.panels.theme_reads import read_theme_detail
from desktop_app.panels.themes_panel import ThemesPanel


def _sizes(panel: ThemesPanel) -> list[tuple[str, str]]:
    rows = range(panel.pairs.rowCount())
    return sorted((panel.pairs.item(r, 0).text(), panel.pairs.item(r, 1).text()) for r in rows)


def test_another_waves_result_shows_the_detail_of_its_own_first_theme(
    open_panel, demo_workspace, demo_result, qtbot
) -> None:
    """With the first theme selected, another wave's analysis refilled the list in place
    and the detail below stayed the previous wave's: its sizes per pair, or another
    theme's title when the first theme was not the same."""
    from surveys.store import open_workspace

    panel = open_panel(ThemesPanel)
    qtbot.waitUntil(lambda: panel.pairs.rowCount() > 0, timeout=10_000)
    db = open_workspace(demo_workspace)
    try:
        waves = [row[0] for row in db.execute("SELECT name FROM waves ORDER BY name")]
    finally:
        db.close()
    other = analyse_workspace(demo_workspace, wave=waves[-2])
    assert other.wave != demo_result.wave and other.themes
    panel.context.result = other
    panel.context.analysis_finished.emit(other)
    selected = panel.selected()
    assert selected is not None and selected in other.themes
    assert panel.themes.item(0, 0).text() == capitalised(selected.name)
    qtbot.waitUntil(lambda: panel.detail_title.text() == selected.name, timeout=10_000)
    sizes, _terms, _key, _refused = read_theme_detail(demo_workspace, other, selected)
    fewer = f"fewer than {other.min_comment_group}"
    expected = sorted((pair, fewer if n is None else str(n)) for pair, n in sizes)
    qtbot.waitUntil(lambda: _sizes(panel) == expected, timeout=10_000)
