"""Examples at the end of every command's ``--help``, and the formatter that keeps them.

Each command's ``--help`` ends with a few lines to copy (`rapport demo` makes
``demo-workspace``, so those run as shown after it). Every example is parsed by the real
parser in the tests, so an option renamed here or there cannot leave a wrong one.
"""

from __future__ import annotations

import argparse

#: Examples by command, with its action for commands that have some (``roster import``).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "open": ("rapport open demo-workspace",),
    "init": (
        "rapport init hr-pulse --departments Sales=40,IT=25,Marketing=15,Operations=30 "
        "--organisation Northwind",
    ),
    "demo": ("rapport demo", "rapport demo --workspace /tmp/demo --seed 7"),
    "import-csv": ("rapport import-csv demo-workspace responses.csv",),
    "import": (
        "rapport import demo-workspace forms-export.xlsx",
        "rapport import --suggest-mapping qualtrics.csv --workspace demo-workspace > map.yaml",
        "rapport import demo-workspace qualtrics.csv --mapping map.yaml --wave 2026-11",
    ),
    "roster import": (
        "rapport roster import demo-workspace employees.xlsx --dry-run",
        "rapport roster import demo-workspace headcounts.csv --department-column Team "
        "--headcount-column People",
        'rapport roster import demo-workspace workday.xlsx --sheet "Current staff" --dry-run',
    ),
    "names import": (
        "rapport names import demo-workspace staff.csv",
        "rapport names import demo-workspace adp-export.csv --encoding cp1250",
    ),
    "names clear": ("rapport names clear demo-workspace",),
    "publish": (
        "rapport publish hr-pulse --share /mnt/rapport --wave 2026-11 --create",
        "rapport publish hr-pulse --wave 2026-12 --closes 2026-12-18 --targets IT,Sales",
    ),
    "ingest": ("rapport ingest hr-pulse --share /mnt/rapport --passphrase-file ~/.rapport-pass",),
    "tickets": ("rapport tickets hr-pulse --passphrase-file ~/.rapport-pass",),
    "close": ("rapport close hr-pulse --wave 2026-11",),
    "schedule set": (
        "rapport schedule set hr-pulse --cadence monthly --starts 2027-01-04 --days-open 10",
    ),
    "schedule show": ("rapport schedule show hr-pulse",),
    "schedule run": ("rapport schedule run hr-pulse --passphrase-file ~/.rapport-pass",),
    "schedule pause": ("rapport schedule pause hr-pulse",),
    "schedule resume": ("rapport schedule resume hr-pulse",),
    "respond": ("rapport respond --share /mnt/rapport", "rapport respond --kiosk hr-pulse"),
    "analyze": (
        "rapport analyze demo-workspace",
        "rapport analyze demo-workspace --wave 2026-09 --json analysis.json --quiet",
        "rapport analyze demo-workspace --json - --quiet",
    ),
    "export": (
        "rapport export demo-workspace --pptx findings.pptx --xlsx findings.xlsx",
        "rapport export demo-workspace --csv tables --wave 2026-09 --hotspots 5",
    ),
    "sentiment": ("rapport sentiment comments.csv --column comment --out scored.csv",),
    "eval-sentiment": ("rapport eval-sentiment labelled.xlsx --label-column mood --baseline",),
    "labels suggest": ("rapport labels suggest demo-workspace --count 30 --out to-label.csv",),
    "labels import": (
        "rapport labels import demo-workspace to-label.csv",
        "rapport labels import demo-workspace to-label.txt --encoding utf-16",
    ),
    "labels export": ("rapport labels export demo-workspace --out labels.csv",),
    "themes": ("rapport themes comments.csv --out themes.csv --topics 8",),
    "survey validate": ("rapport survey validate my-pulse.yaml",),
}

#: The end of `rapport --help`: a first session, and what the exit status means.
MAIN_EPILOG = (
    "examples:\n"
    "  rapport demo\n"
    "  rapport analyze demo-workspace\n"
    "  rapport export demo-workspace --pptx findings.pptx\n"
    "  rapport help COMMAND\n"
    "\n"
    "exit status: 0 done; 1 --self-test found a problem, or the reader of the output went "
    "away (rapport analyze ... | head), or a question was answered no (names clear, names "
    "import --skip-words), or a fault in Rapport itself (the message names the log file "
    "with its details); 2 an error or a mistyped command, with what to do "
    "(nothing was half-done); 3 done with a warning (ingest, tickets, close and schedule "
    "run: see their --help); 130 interrupted with Ctrl+C; 129 or 143 stopped by a closed "
    "terminal or kill. Errors, warnings and progress go to standard error."
)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, except that indented lines (examples) are kept as written.

    Paragraphs (separated by an empty line) are wrapped as usual; a line that starts with
    two spaces is printed as is, so a long example stays one line to copy.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        blocks = []
        for paragraph in text.split("\n\n"):
            lines = paragraph.split("\n")
            kept = [line for line in lines if line.startswith("  ")]
            prose = " ".join(line for line in lines if not line.startswith("  "))
            filled = super()._fill_text(prose, width, indent) if prose.strip() else ""
            blocks.append("\n".join([filled, *(indent + line for line in kept)]).strip("\n"))
        return "\n\n".join(blocks)


def add_examples(parser: argparse.ArgumentParser, path: str = "") -> None:
    """Give ``parser`` and every command under it the formatter, and each command its
    examples after its own epilog (``path``: the command's words, e.g. ``roster import``)."""
    parser.formatter_class = HelpFormatter
    examples = EXAMPLES.get(path, ())
    if examples:
        lines = "\n".join(f"  {line}" for line in examples)
        word = "example" if len(examples) == 1 else "examples"
        parser.epilog = "\n\n".join(filter(None, [f"{word}:\n{lines}", parser.epilog]))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                add_examples(sub, f"{path} {name}".strip())
