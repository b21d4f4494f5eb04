"""Screenshots of the HR window's sections on the demo workspace (docs/screenshots/hr-*.png).

Run under an X server with a window manager (the title bars, focus and dialogs then look as on
a desktop), at normal and 150 % scaling (``--dark --suffix=-dark`` for the dark colour scheme):

    Xvfb :98 -noreset -screen 0 1440x900x24 &  DISPLAY=:98 openbox &
    DISPLAY=:98 .venv/bin/python scripts/screenshots_hr.py
    DISPLAY=:98 QT_SCALE_FACTOR=1.5 .venv/bin/python scripts/screenshots_hr.py --suffix -150
    DISPLAY=:98 .venv/bin/python scripts/screenshots_hr.py --dark --suffix=-dark
    DISPLAY=:98 QT_SCALE_FACTOR=1.5 .venv/bin/python scripts/screenshots_hr.py --dark \
        --suffix=-dark-150

Settings go to a temporary folder. The pair's page is a page of the window: it is shot as
the window after a heatmap cell was opened, and again scrolled to its comments. The Comments
section is shot after "Review next" (``hr-review-next``); its other shots, with a search,
come from ``docs/screenshots/take_hr_panels.py``, which owns ``hr-comments``.
"""

from __future__ import annotations

#: (file stem, section id, what to do before the grab)
SHOTS = [
    ("hr-overview", "overview", None),
    ("hr-relationships", "relationships", None),
    ("hr-network", "relationships", "network"),
    ("hr-network-timeliness", "relationships", "network-timely"),
    ("hr-review-next", "comments", "review"),
]


def main() -> int:
    from desktop_app.screenshots import command_line, spin, start, wait_until

    run = start(command_line(__doc__))
    from surveys.demo import build_demo

    build_demo(run.temp / "northwind", seed=0)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea, QToolButton

    from desktop_app.main_window import MainWindow

    app = run.app
    window = MainWindow()
    screen = window.screen().availableGeometry()  # as a person's screen allows
    window.resize(min(1360, screen.width()), min(840, screen.height()))
    window.show()

    runner = window.context.runner

    def grab(_result: object) -> None:
        # ``analysis_finished`` comes before the job itself ends: wait for the status bar's
        # job area (progress bar, Cancel) to hide, or it shows in every shot.
        if runner.running():
            runner.job_finished.connect(grab, Qt.ConnectionType.SingleShotConnection)
            return
        app.processEvents()
        for stem, section, extra in SHOTS:
            window.show_section(section)
            panel = window.panel(section)
            if extra and extra.startswith("network"):
                panel.tabs.setCurrentWidget(panel.network)
                measure = "timely" if extra == "network-timely" else "index"
                panel.findChild(QToolButton, f"measure_{measure}").click()
            if extra == "review":  # the least certain labels first, the first one selected
                panel.review_next()
                # read off the GUI thread: at 150 % the grab came before the rows
                # ("Reading the comments…" over an empty table)
                model = panel.model
                wait_until(lambda: not model.loading and model.rowCount(), 60)  # noqa: B023
            app.processEvents()
            window.grab().save(str(run.path(stem)))
        window.panel("relationships").findChild(QToolButton, "measure_index").click()
        window.panel("relationships").tabs.setCurrentIndex(0)
        window.show_section("relationships")
        window.panel("relationships").open_pair("Sales", "IT")
        while not window.pair_page.cards_complete():  # built a few at a time
            app.processEvents()
        spin()
        window.grab().save(str(run.path("hr-pair")))
        cards = window.pair_page.comment_cards
        scroll = window.pair_page.findChild(QScrollArea)
        scroll.ensureWidgetVisible(cards[-1])
        spin()
        window.grab().save(str(run.path("hr-pair-comments")))
        app.quit()

    window.context.analysis_finished.connect(grab, Qt.ConnectionType.SingleShotConnection)
    window.open_workspace(str(run.temp / "northwind"))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
