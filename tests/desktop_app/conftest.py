"""Qt fixtures: QSettings lives under tmp_path, never in a real user's config."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def english_forms(qapp):  # noqa: ANN001, ANN201 (pytest-qt fixture)
    """The HR window's English singular and plural forms, as the app loads them."""
    from desktop_app.translations import install_translations

    translator = install_translations(qapp)
    assert translator is not None, "desktop_app/resources/translations/rapport_en.qm is missing"
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def cycles_on_gui_thread(qapp):  # noqa: ANN001, ANN201 (pytest-qt fixture)
    """Cycles are collected on the GUI thread only, as in the app
    (desktop_app/gui_collector.py), and the test's widgets are freed before the next test
    starts threads (:func:`pytest_runtest_protocol` below); tests outside this folder keep
    Python's automatic collection."""
    import gc

    from desktop_app.gui_collector import collect_on_gui_thread

    collect_on_gui_thread(qapp)
    gc.disable()
    yield  # collected once pytest lets go of the fixtures' values (below)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):  # noqa: ANN201
    """After each test here (its teardown done and ``item.funcargs`` let go by pytest),
    collect its cycles, then freeze what is left.

    What is left is held by something that outlives the test (modules, caches, session
    fixtures): frozen, it is not walked again, so the next test's collection looks at that
    test's own objects. Walking all of it took 0.4 s per test after one file of HR tests,
    over 2 s late in a full run (docs/architecture.md, "Running the tests"). Frozen in the
    fixture's teardown, while pytest still held the fixtures' values, a window, context
    or timer they hold in a cycle was never collected and its timers kept firing in the
    tests that followed (tests/desktop_app/test_gc_between_tests.py).
    """
    import gc

    yield
    gc.collect()
    gc.freeze()
    gc.enable()


@pytest.fixture(autouse=True)
def quit_without_asking(monkeypatch):  # noqa: ANN001, ANN201
    """A window closed at a test's end (pytest-qt, before the fixtures' teardown sets the
    ``gate`` of a write left hung) does not ask about that write in a modal box
    (desktop_app/widgets/quit_while_saving.py; its tests put the real question back)."""
    from desktop_app.widgets import quit_while_saving

    monkeypatch.setattr(quit_while_saving, "waiting_writes", lambda: [])


@pytest.fixture(autouse=True)
def patient_reads(monkeypatch):
    """The window waits for its quick reads a fraction of a second before going on without
    them (desktop_app/bounded_read.py); a test machine under load is no hung share, and
    the tests that read the window right after opening must not find it half-open.
    tests/desktop_app/test_hung_share.py sets the product's waits again."""
    from desktop_app import bounded_read

    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 30.0)
    monkeypatch.setattr(bounded_read, "LIST_WAIT_SECONDS", 30.0)


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp):  # noqa: ANN001, ANN201 (pytest-qt fixture)
    """Point QSettings (INI format, user and system scope) at a temporary folder."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path / "qsettings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    for scope in (QSettings.UserScope, QSettings.SystemScope):
        QSettings.setPath(QSettings.IniFormat, scope, str(folder))
    QCoreApplication.setOrganizationName("Rapport")
    QCoreApplication.setApplicationName("Rapport")
    return folder


PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def share(tmp_path: Path, workspace: Path) -> Path:
    """A shared folder with wave 2026-10 of the full pulse published from ``workspace``.

    As in real use, this computer's respondent app has already asked for its participation
    ticket when it first noticed the wave, HR's app has signed it and the app picked it up,
    so an answer goes out at once.
    """
    from surveys.publish import publish_wave, read_published
    from surveys.ticket_client import pick_up, request_ticket
    from surveys.tickets import sign_pending

    folder = tmp_path / "share"
    path = publish_wave(
        workspace, folder, "2026-10", "full-pulse", passphrase=PASSPHRASE, create=True
    )
    survey = read_published(path)
    request_ticket(survey, folder, "Sales")
    assert sign_pending(workspace, folder, PASSPHRASE).signed == 1
    assert pick_up(survey, folder).signature
    return folder


# -- HR window (issue 5): one analysed demo workspace per session, copied per test --------


@pytest.fixture(scope="session")
def analysed_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace (seed 0), built and analysed once; its comment cache is filled."""
    from analysis.pipeline import analyse_workspace
    from surveys.demo import build_demo

    folder = tmp_path_factory.mktemp("hr-demo") / "northwind"
    build_demo(folder, seed=0)
    analyse_workspace(folder)
    return folder


@pytest.fixture
def demo_workspace(analysed_demo: Path, tmp_path: Path) -> Path:
    """A private copy of the analysed demo workspace (tests may write to it)."""
    import shutil

    folder = tmp_path / "northwind"
    shutil.copytree(analysed_demo, folder)
    return folder


# -- HR workspace panels (issue 5 part B) ---------------------------------------------------


@pytest.fixture(scope="session")
def demo_result(analysed_demo: Path):  # noqa: ANN201
    """The analysis result of the demo's latest wave (computed once)."""
    from analysis.pipeline import analyse_workspace

    return analyse_workspace(analysed_demo)


@pytest.fixture
def open_panel(demo_workspace: Path, demo_result, qtbot):  # noqa: ANN001, ANN201
    """``open_panel(PanelClass)``: the panel on a WorkspaceContext of the demo copy, shown,
    after the workspace was opened and the (latest wave's) analysis result announced."""
    from desktop_app.context import WorkspaceContext

    contexts = []
    # The main window holds its sections; qtbot only a weak reference: a panel a test no
    # longer names, in a reference cycle, was collected mid-test with its dialogs.
    panels = []

    def make(panel_class):  # noqa: ANN001, ANN202
        context = WorkspaceContext()
        contexts.append(context)
        panel = panel_class(context)
        panels.append(panel)
        qtbot.addWidget(panel)
        panel.resize(1100, 700)
        panel.show()
        context.open(demo_workspace)
        context.result = demo_result
        context.analysis_finished.emit(demo_result)
        return panel

    yield make
    for context in contexts:
        context.shutdown()


@pytest.fixture
def gate():  # noqa: ANN201
    """An Event a "hung" read waits for (tests/desktop_app/slow_reads.py); set at the end,
    so that no thread stays blocked behind the test."""
    import threading

    released = threading.Event()
    yield released
    released.set()


@pytest.fixture
def product_wait(monkeypatch):  # noqa: ANN201
    """The wait the product ships, set once a test's window has opened."""
    from desktop_app import bounded_read

    return lambda: monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
