"""`rapport survey validate FILE.yaml`: check a survey template before it is used."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "survey",
        help="work with survey templates (validate)",
        description="Work with survey templates (YAML files like surveys/templates/*.yaml).",
    )
    actions = parser.add_subparsers(dest="survey_command", metavar="ACTION", required=True)
    validate = actions.add_parser(
        "validate",
        help="check a template and list every problem with its line",
        description="Check a survey template. Prints 'OK: <title> (N questions)' or every "
        "problem as FILE:LINE: field: message and exits with status 2.",
    )
    validate.add_argument("file", metavar="FILE.yaml", help="the template to check")
    validate.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import counted
    from surveys.templates import TemplateError, load_template

    try:
        template = load_template(args.file)
    except TemplateError as exc:
        count = len(exc.problems)
        print(
            f"{args.file}: {counted(count, 'problem')}; fix "
            f"{'it' if count == 1 else 'them'} and validate again:",
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return 2
    count = len(template.questions)
    rotation = ""
    if template.rotation:
        rotation = f", rotating {len(template.rotation)} groups"
    print(f"OK: {template.title} ({count} question{'s' if count != 1 else ''}{rotation})")
    return 0
