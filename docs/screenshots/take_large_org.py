"""Screenshots of a large, sparse organisation (docs/hr-workspace.md, "Relationships"): the
network of 40 departments, where only shown pairs are drawn and the departments are dots.

The workspace is ``bench/large_org.py``'s (40 departments, seeded). Run under an X server
with a window manager, so title bars render as on a desktop::

    Xvfb :97 -screen 0 1440x900x24 -noreset &  DISPLAY=:97 openbox &
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_large_org.py
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_large_org.py --dark --suffix=-dark

Writes ``hr-network-large.png`` (with the suffix). Nothing outside a temporary folder is
touched.
"""

from __future__ import annotations

import sys

from desktop_app.screenshots import ROOT, command_line, save, spin, start, wait_until


def main() -> int:
    run = start(command_line(__doc__))
    sys.path.insert(0, str(ROOT))
    from bench.large_org import build
    from desktop_app.main_window import MainWindow

    folder = build(run.temp / "Contoso Group", 40)
    window = MainWindow()
    window.resize(1360, 840)
    window.show()
    window.open_workspace(str(folder))
    context = window.context
    wait_until(lambda: context.result is not None and not context.runner.running(), 120)
    window.show_section("relationships")
    panel = window.panel("relationships")
    panel.tabs.setCurrentWidget(panel.network)
    spin(0.5)
    save(window, run.path("hr-network-large"), rounds=0)
    run.app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
