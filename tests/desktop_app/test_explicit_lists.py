"""Subcommands and HR sections are listed explicitly: nothing is found by scanning folders."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import cli

ROOT = Path(__file__).resolve().parents[2]
COMMANDS_DIR = ROOT / "desktop_app" / "commands"


def _stem(module_name: str) -> str:
    return module_name.rsplit(".", 1)[1]


def test_every_command_module_is_listed_once() -> None:
    on_disk = {  # helpers such as textcsv.py and progress_printer.py register nothing
        path.stem
        for path in COMMANDS_DIR.glob("*.py")
        if "def register(subparsers" in path.read_text("utf-8")
    }
    listed = list(cli.COMMANDS.values())  # imported by name when the parser is built
    assert sorted(listed) == sorted(on_disk)


def test_subcommands_are_offered_in_the_listed_order() -> None:
    parser = cli.build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(subparsers.choices) == [
        "open", "init", "demo", "import-csv", "import", "roster", "names", "publish", "ingest",
        "tickets", "close", "schedule", "respond", "analyze", "export", "sentiment",
        "eval-sentiment", "labels", "themes", "survey",
    ]  # fmt: skip
    assert list(subparsers.choices) == list(cli.COMMANDS)
    assert "--self-test" in parser.format_help()


def test_every_panel_module_is_a_section_of_the_window() -> None:
    from desktop_app.main_window import PANELS

    on_disk = {path.stem for path in (ROOT / "desktop_app" / "panels").glob("*_panel.py")}
    assert sorted(_stem(panel.__module__) for panel in PANELS) == sorted(on_disk)
    assert [panel.section for panel in PANELS] == [
        "overview", "relationships", "comments", "themes", "actions", "pulses", "settings",
    ]  # fmt: skip


def test_no_module_is_found_by_scanning_and_commands_never_import_the_cli() -> None:
    for package in ("desktop_app", "analysis", "surveys"):
        for path in (ROOT / package).rglob("*.py"):
            assert "pkgutil" not in path.read_text("utf-8"), path
    for path in COMMANDS_DIR.glob("*.py"):  # cli imports them: no cycle back
        assert "from desktop_app.cli import" not in path.read_text("utf-8"), path
