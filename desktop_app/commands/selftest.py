"""`rapport --self-test`: check that this installation of Rapport works, frozen or not.

Meant for IT after an install and for CI after building the bundle. Each check exercises
the real code path (nothing is mocked): the Qt platform plugin loads, the data files are
found, worker processes start, and a throw-away workspace is created, filled from a CSV,
analysed and exported to PowerPoint and Excel. The result is one line per check; a failed
check says what is missing and what to do, and the exit status is 1.

Nothing outside a temporary folder is written: no settings, no user data.

A command module: :func:`register` adds the ``--self-test`` option to the top-level parser
(it takes no workspace, so it is an option rather than a subcommand) and :func:`run` runs it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Qt's platform plugin for the desktop of each operating system.
NATIVE_PLATFORM = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}

#: What Qt's xcb plugin needs on Debian/Ubuntu (the same list as scripts/bootstrap.sh).
XCB_PACKAGES = (
    "libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 "
    "libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 "
    "libxcb-xkb1 libfontconfig1 libdbus-1-3"
)

DEPARTMENTS = ("Sales", "IT", "Marketing", "Operations")
RESPONDENTS_PER_DEPARTMENT = 6
WAVES = ("2026-09", "2026-10")
#: The items each sample respondent rates for each other department (then one comment).
COMMENTS = (
    "They answer our tickets the same day, which helps a lot.",
    "Requests disappear for weeks and nobody tells us why.",
    "The weekly check-in with their lead keeps us on the same page.",
    "They always blame us when a launch slips; it is never their problem.",
    "Sharing the roadmap earlier would let us plan together.",
    "Helpful people, but the approval process is slow and unclear.",
)


class CheckFailed(Exception):
    """A check found something missing; the message says what and what to do."""


@dataclass
class CheckResult:
    """The outcome of one check, as printed."""

    name: str
    ok: bool
    detail: str
    seconds: float = 0.0
    skipped: bool = False

    def line(self) -> str:
        status = "skip" if self.skipped else ("ok" if self.ok else "FAIL")
        return f"  {status:<5} {self.name:<22} {self.detail} ({self.seconds:.1f} s)"


@dataclass
class SelfTest:
    """State shared by the checks of one run: the temporary folder and what was made there."""

    folder: Path
    workspace: Path | None = None
    result: object = None
    notes: list[str] = field(default_factory=list)


def frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def describe_installation() -> str:
    """One line: version, bundle or source install, Python and operating system."""
    import platform

    from surveys import __version__

    where = f"bundle {Path(sys.executable).parent}" if frozen() else "Python install"
    return (
        f"Rapport {__version__} self-test ({where}; Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()})"
    )


# -- checks -------------------------------------------------------------------------------


def check_data(_run: SelfTest) -> str:
    """Templates, taxonomy, playbook, conflict markers and lexicons load from package data."""
    from analysis import conflict, playbook, text, themes
    from analysis.sentiment import lexicon as sentiment_lexicon
    from surveys import demo_text, templates

    found = templates.builtin_templates()
    if not found:
        raise CheckFailed(f"no survey templates in {templates.TEMPLATE_DIR}; reinstall Rapport.")
    taxonomy = themes.default_taxonomy()
    book = playbook.load_playbook()
    markers = conflict.default_markers()
    lexicon = sentiment_lexicon.workplace_lexicon()
    rules = sentiment_lexicon.workplace_rules()
    if not (taxonomy.themes and book.kinds and lexicon and rules and text.stop_words()):
        raise CheckFailed("a data file of the analysis engine is empty; reinstall Rapport.")
    if not sentiment_lexicon.shipped_needs_current():
        raise CheckFailed(
            f"analysis/data/{sentiment_lexicon.WORKPLACE_RULE_NEEDS} is missing or does not "
            "match the workplace rules (the sentiment worker starts slower, and an out-of-date "
            "file can change scores); reinstall Rapport."
        )
    demo_text.phrases()
    return (
        f"{len(found)} templates, {len(taxonomy.themes)} themes, "
        f"{len(book.kinds)} playbook kinds, {len(markers.markers)} conflict markers, "
        f"{len(lexicon)} workplace terms"
    )


def check_vader(_run: SelfTest) -> str:
    """VADER's lexicon is found and scores a plainly positive and a negative comment."""
    from analysis import sentiment
    from analysis.sentiment import lexicon as sentiment_lexicon

    lexicon = sentiment_lexicon.vader_lexicon_text()
    entries = sum(1 for line in lexicon.splitlines() if "\t" in line)
    if entries < 5000:
        raise CheckFailed(
            f"VADER's lexicon has {entries} entries (expected about 7,500): the "
            "vaderSentiment package data (vader_lexicon.txt) is missing or damaged."
        )
    good, bad = sentiment.score_texts(
        ["Great teamwork, thank you for the quick help!", "They ignore us and it is awful."]
    )
    if not (good > 0.3 and bad < -0.3):
        raise CheckFailed(f"sentiment scores look wrong: {good:+.2f} / {bad:+.2f}.")
    return f"{entries:,} entries; scores {good:+.2f} / {bad:+.2f}"


def check_sentiment_model(_run: SelfTest) -> str:
    """The learned model's weights load (package data, no pickle) and score comments."""
    from analysis.sentiment import label_of, score_texts
    from analysis.sentiment.model import MODEL_FILE, read_shipped_model

    start = time.perf_counter()  # read from disk, even if scoring has loaded it already
    try:
        model = read_shipped_model()
    except (OSError, ValueError, KeyError) as exc:
        raise CheckFailed(
            f"the sentiment model's weights (analysis/data/{MODEL_FILE}) are missing or "
            f"damaged ({type(exc).__name__}: {exc}); reinstall Rapport."
        ) from None
    loaded = time.perf_counter() - start
    texts = [
        "A new field in the CRM has been 'in progress' for six weeks.",
        "IT fixed my laptop within the hour, brilliant help.",
    ]
    late, quick = score_texts(texts)
    if label_of(late) != "negative" or label_of(quick) != "positive":
        raise CheckFailed(
            f"the sentiment model scores {late:+.2f} / {quick:+.2f} (expected a negative and a "
            f"positive score): analysis/data/{MODEL_FILE} does not match this version."
        )
    return f"{len(model.terms):,} terms loaded in {loaded:.2f} s; scores {late:+.2f} / {quick:+.2f}"


def _score_in_child(texts: list[str]) -> list[float]:
    """Runs in a worker process started by :func:`check_workers`."""
    from analysis.sentiment import score_texts

    return score_texts(texts)


def check_workers(_run: SelfTest) -> str:
    """A "spawn" worker process starts (large analyses score sentiment in worker processes)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from surveys.spawn import spawn_context

    try:
        with ProcessPoolExecutor(1, mp_context=spawn_context()) as pool:
            scores = pool.submit(_score_in_child, ["Thanks, that was very helpful."]).result(
                timeout=180
            )
    except (BrokenProcessPool, TimeoutError, OSError) as exc:
        raise CheckFailed(
            f"a worker process did not start ({type(exc).__name__}); a frozen build must "
            "call multiprocessing.freeze_support() first (packaging/pyinstaller/"
            "rapport_main.py)."
        ) from None
    if not scores or scores[0] <= 0:
        raise CheckFailed(f"the worker process scored {scores!r}; expected a positive score.")
    return "spawned worker scored a comment"


def check_qt(run: SelfTest) -> str:
    """Qt's platform plugin loads, the native one is present, the SVG app icon renders, and
    the user guide and the English plural forms are found."""
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    folder = plugin_folder(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    available = platform_plugins(folder)
    native = NATIVE_PLATFORM.get(sys.platform)
    notes = [_load_native(folder, available, native)] if native else []
    chosen = choose_platform()
    wanted = [name.split(":")[0] for name in chosen.split(";") if name]
    if QApplication.instance() is None and not any(name in available for name in wanted):
        raise CheckFailed(
            f"Qt platform plugin {chosen!r} is not in {folder} (found: "
            f"{', '.join(sorted(available)) or 'none'}); rebuild or reinstall Rapport."
        )
    from desktop_app.app import icon

    app = QApplication.instance() or QApplication([sys.argv[0] or "rapport"])
    pixmap = icon().pixmap(64, 64)
    if pixmap.isNull():
        raise CheckFailed(
            "the SVG app icon does not render: Qt's SVG icon engine (plugins/iconengines) "
            "or desktop_app/resources/rapport.svg is missing."
        )
    notes += ["icon renders", _check_help_and_wording(app)]
    return f"platform {app.platformName()!r}; " + "; ".join(notes)


def _check_help_and_wording(app) -> str:
    """The user guide and the English plural forms are shipped (package data)."""
    from PySide6.QtCore import QCoreApplication

    from desktop_app.help_dialogs import guide_text
    from desktop_app.translations import install_translations, translations_folder

    try:
        guide = guide_text()
    except OSError as exc:
        raise CheckFailed(
            f"the user guide is missing ({exc}); desktop_app/resources was not shipped."
        ) from None
    if install_translations(app) is None:
        raise CheckFailed(f"rapport_en.qm is not in {translations_folder()}; rebuild Rapport.")
    one = QCoreApplication.translate("CommentsCount", "%n comments shown.", "", 1)
    if one != "1 comment shown.":
        raise CheckFailed(f"the English plural forms do not load (got {one!r}).")
    return f"user guide ({len(guide.split())} words) and plural forms load"


def plugin_folder(reported: str) -> Path:
    """Qt's plugins folder (Qt reports it; tests may point it elsewhere)."""
    return Path(reported)


def platform_plugins(folder: Path) -> set[str]:
    """Names of the platform plugins in ``folder/platforms`` (``libqxcb.so`` -> ``xcb``)."""
    names = set()
    for path in (folder / "platforms").glob("*"):
        stem = path.name.split(".")[0]
        names.add(stem.removeprefix("lib").removeprefix("q"))
    return names


def _load_native(folder: Path, available: set[str], native: str) -> str:
    """Load the desktop's own platform plugin library: this checks its system libraries."""
    from PySide6.QtCore import QPluginLoader

    if native not in available:
        raise CheckFailed(
            f"Qt's {native!r} platform plugin is missing from {folder / 'platforms'}; the app "
            "cannot open a window on this desktop. Rebuild or reinstall Rapport."
        )
    path = next(p for p in (folder / "platforms").glob("*") if native in p.name)
    loader = QPluginLoader(str(path))
    if not loader.load():
        hint = f" On Debian/Ubuntu: apt-get install {XCB_PACKAGES}." if native == "xcb" else ""
        raise CheckFailed(f"Qt's {native!r} plugin does not load: {loader.errorString()}.{hint}")
    return f"{native!r} plugin loads"


def choose_platform() -> str:
    """QT_QPA_PLATFORM, or ``offscreen`` on Linux without a display (set for this run)."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not chosen and sys.platform.startswith("linux") and headless:
        chosen = os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return chosen or NATIVE_PLATFORM.get(sys.platform, "")


def write_sample_csv(path: Path, seed: int = 7) -> int:
    """A small response CSV: six respondents per department and wave; returns its rows."""
    import csv
    import random

    from surveys.csv_source import HEADER
    from surveys.model import DIMENSIONS

    rated_items = (*DIMENSIONS, "overall")
    rng = random.Random(seed)
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for wave in WAVES:
            for dept in DEPARTMENTS:
                for person in range(RESPONDENTS_PER_DEPARTMENT):
                    sid = f"selftest-{wave}-{dept}-{person}"
                    for target in (d for d in DEPARTMENTS if d != dept):
                        for item in rated_items:
                            writer.writerow([sid, wave, dept, target, item, rng.randint(1, 5)])
                        writer.writerow([sid, wave, dept, target, "comment", rng.choice(COMMENTS)])
                        rows += len(rated_items) + 1
    return rows


def check_workspace(run: SelfTest) -> str:
    """A workspace is created, a response CSV imported, and the workspace opened again."""
    from surveys.csv_import import import_csv
    from surveys.store import create_workspace, open_workspace

    run.workspace = run.folder / "workspace"
    create_workspace(run.workspace, list(DEPARTMENTS)).close()
    sample = run.folder / "responses.csv"
    rows = write_sample_csv(sample)
    import_csv(run.workspace, sample)
    db = open_workspace(run.workspace)
    try:
        answers = db.table("answers").count
    finally:
        db.close()
    if answers == 0:
        raise CheckFailed("the CSV import wrote no answers.")
    return f"imported {rows} CSV rows ({answers} answers)"


def check_analysis(run: SelfTest) -> str:
    """The analysis engine runs on the workspace (sentiment, themes, topics, matrix)."""
    from analysis.pipeline import analyse_workspace

    run.result = result = analyse_workspace(run.workspace)
    shown = [p for p in result.pairs if not p.suppressed]
    if not shown:
        raise CheckFailed("the analysis found no department pair to show.")
    return f"wave {result.wave}: {len(shown)} pairs, {len(result.hotspots)} hotspots"


def check_export(run: SelfTest) -> str:
    """The PowerPoint deck and the Excel workbook are written and read back."""
    import openpyxl
    from pptx import Presentation

    from analysis.export.pptx import write_deck
    from analysis.export.tables import write_xlsx

    deck = write_deck(run.result, run.folder / "selftest.pptx")
    slides = len(Presentation(str(deck)).slides)
    book = write_xlsx(run.result, run.folder / "selftest.xlsx")
    sheets = len(openpyxl.load_workbook(book, read_only=True).sheetnames)
    if slides == 0 or sheets == 0:
        raise CheckFailed(f"the exports are empty ({slides} slides, {sheets} sheets).")
    return f"deck of {slides} slides, workbook of {sheets} sheets"


def check_workbook_reader(_run: SelfTest) -> str:
    """openpyxl reads imported workbooks with defusedxml (entity and DTD tricks refused)."""
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        raise CheckFailed(
            "openpyxl runs without defusedxml, so XML entities in an imported workbook would "
            "be expanded; install the defusedxml package (a dependency of Rapport)."
        )
    return "imported workbooks are read with defusedxml"


Check = Callable[[SelfTest], str]

#: (name, check, names of checks it needs) in the order they run.
CHECKS: list[tuple[str, Check, tuple[str, ...]]] = [
    ("data files", check_data, ()),
    ("workbook reader", check_workbook_reader, ()),
    ("VADER lexicon", check_vader, ()),
    ("sentiment model", check_sentiment_model, ()),
    ("Qt platform", check_qt, ()),
    ("worker processes", check_workers, ()),
    ("workspace + CSV import", check_workspace, ()),
    ("analysis", check_analysis, ("workspace + CSV import",)),
    ("export pptx + xlsx", check_export, ("analysis",)),
]


def run_checks(report: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Run every check in a temporary folder; ``report`` sees each result as it comes."""
    import tempfile

    results: list[CheckResult] = []
    failed: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="rapport-selftest-") as folder:
        run = SelfTest(Path(folder))
        for name, check, needs in CHECKS:
            result = _run_one(name, check, needs, failed, run)
            if not result.ok:
                failed.add(name)
            results.append(result)
            if report:
                report(result)
    return results


def _run_one(name: str, check: Check, needs: tuple, failed: set[str], run: SelfTest):
    blocked = [need for need in needs if need in failed]
    if blocked:
        return CheckResult(name, False, f"not run: needs {', '.join(blocked)}", skipped=True)
    start = time.perf_counter()
    try:
        detail, ok = check(run), True
    except CheckFailed as exc:
        detail, ok = str(exc), False
    except Exception as exc:  # noqa: BLE001 - reported as a failed check, never a traceback
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return CheckResult(name, ok, detail, time.perf_counter() - start)


def register(parser: argparse.ArgumentParser) -> None:
    """Add ``--self-test`` to the top-level `rapport` parser."""
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (Qt, data files, a throw-away workspace analysed and "
        "exported) and exit: 0 if it works, 1 with what is missing",
    )


def run(_args: argparse.Namespace | None = None) -> int:
    """Run the self-test, print one line per check and a summary; 0 if all passed."""
    start = time.perf_counter()
    print(describe_installation(), flush=True)
    results = run_checks(lambda result: print(result.line(), flush=True))
    bad = [r for r in results if not r.ok]
    took = time.perf_counter() - start
    if bad:
        print(f"{len(bad)} of {len(results)} checks failed ({took:.1f} s): "
              f"{', '.join(r.name for r in bad)}.")  # fmt: skip
        return 1
    print(f"All {len(results)} checks passed in {took:.1f} s.")
    return 0
