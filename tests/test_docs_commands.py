"""The commands the docs show are the commands ``rapport`` has, with the options it takes.

Every ``rapport ...`` line of README.md and ``docs/*.md`` (in a code span or a fenced block)
is read against the real parser: its subcommand, its action (``schedule run``, ``labels
import``...) and each ``--option`` must exist. README's command list names every
subcommand. An option renamed in the code then fails here, not in a reader's terminal.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from desktop_app import cli

ROOT = Path(__file__).resolve().parents[1]
COMMAND_LINE = re.compile(r"(?:^|\s|/)rapport((?: +\S+)+)")
OPTION = re.compile(r"(?<![\w-])(--[a-z][\w-]*)")
#: Words that stand for any command or action, not one of them.
PLACEHOLDERS = {"COMMAND", "ACTION", "...", "…"}


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings}


def _command_lines() -> list[tuple[str, str]]:
    """(where, words after `rapport`) for each command line the docs show."""
    found = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        in_code = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                in_code = not in_code
                continue
            spans = [line] if in_code else re.findall(r"`([^`]+)`", line)
            where = f"{page.relative_to(ROOT).as_posix()}:{number}"
            for span in spans:
                # only the command itself, not what a fenced line says about it
                command = re.split(r"\s{2,}|\s#\s", span.strip())[0]
                match = COMMAND_LINE.match(" " + command)
                if match:
                    found.append((where, match.group(1).strip()))
    return found


#: Words ``rapport`` answers before its parser: ``help COMMAND`` is ``COMMAND --help``, and
#: ``version`` is told to use ``--version`` (``desktop_app/cli.py``).
ANSWERED = {"version"}


def _as_parsed(words: list[str]) -> list[str]:
    """``words`` as the parser sees them: ``help`` dropped, and a quoted message
    (``rapport roster import: …``) cut to the command it names."""
    if words[:1] == ["help"]:
        words = words[1:]
    for i, word in enumerate(words[:2]):
        if word.endswith(":"):
            return [*words[:i], word.rstrip(":")]
    return words


def _problem(parser: argparse.ArgumentParser, words: list[str]) -> str | None:
    commands = _subparsers(parser)
    words = _as_parsed(words)
    if words[:1] and words[0] in ANSWERED:
        return None
    first = words[0] if words else ""
    if first.startswith("-") or first in PLACEHOLDERS or not first:
        known = _options(parser)
        unknown = [o for o in OPTION.findall(" ".join(words)) if o not in known]
        return f"rapport has no {unknown[0]}" if unknown else None
    if first not in commands:
        return f"no command {first!r}"
    sub = commands[first]
    actions = _subparsers(sub)
    if actions and len(words) > 1 and not words[1].startswith(("-", "[")):
        names = words[1].split("|")
        missing = [n for n in names if n not in actions and n not in PLACEHOLDERS]
        if missing:
            return f"rapport {first} has no action {missing[0]!r}"
        options = set().union(*(_options(actions[n]) for n in names if n in actions))
    else:
        options = _options(sub)
    unknown = [o for o in OPTION.findall(" ".join(words[1:])) if o not in options]
    return f"rapport {first} has no {unknown[0]}" if unknown else None


def test_every_command_line_in_the_docs_parses() -> None:
    parser = cli.build_parser()
    lines = _command_lines()
    assert len(lines) > 50  # the docs really show commands
    problems = [
        f"{where}: {problem}: rapport {words}"
        for where, words in lines
        if (problem := _problem(parser, words.split()))
    ]
    assert problems == [], "\n".join(problems)


def test_readme_lists_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^rapport ([a-z-]+)", readme, re.M))
    assert set(cli.COMMANDS) - listed == set()


def test_a_wrong_option_or_action_is_found() -> None:
    parser = cli.build_parser()
    assert _problem(parser, ["analyze", "WS", "--jsn", "OUT"]) is not None
    assert _problem(parser, ["schedule", "stop", "WS"]) is not None
    assert _problem(parser, ["schedule", "show|pause|resume", "WS"]) is None
    assert _problem(parser, ["analyze", "WS", "--json", "OUT"]) is None


#: Options every workspace command takes, said once under the list instead of on each line.
SAID_ONCE = {"--help", "--take-over"}


def _readme_entries() -> list[str]:
    """README's command list, one entry per ``rapport ...`` line with its continuation lines."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Command line", 1)[1].split("```")[1]
    entries: list[str] = []
    for line in block.splitlines():
        if line.startswith("rapport"):
            entries.append(line)
        elif entries:
            entries[-1] += "\n" + line
    return entries


def _shown_options(entries: list[str]) -> dict[tuple[str, str], set[str] | None]:
    """The options shown for each (command, action); None where the entry ends in `...`."""
    shown: dict[tuple[str, str], set[str] | None] = {}
    for entry in entries:
        words = entry.split()
        command = words[1] if len(words) > 1 and not words[1].startswith("-") else ""
        named = len(words) > 2 and re.fullmatch(r"[a-z|]+", words[2])
        for action in words[2].split("|") if named else [""]:
            if entry.splitlines()[0].rstrip().split("  ")[0].endswith("..."):
                shown[(command, action)] = None
                continue
            known = shown.setdefault((command, action), set())
            if known is not None:
                known.update(OPTION.findall(entry))
    return shown


def _options_not_shown(parser: argparse.ArgumentParser, entries: list[str]) -> list[str]:
    shown = _shown_options(entries)
    missing = []
    for command, sub in _subparsers(parser).items():
        for action, leaf in (_subparsers(sub) or {"": sub}).items():
            listed = shown.get((command, action), set())
            if listed is None:
                continue
            options = {o for o in _options(leaf) if o.startswith("--")} - SAID_ONCE
            missing += [f"rapport {command} {action}".rstrip() + f" {o}" for o in options - listed]
    return sorted(missing)


def test_readme_command_list_shows_every_option() -> None:
    """An option added to a command (``--encoding`` on every import) is shown in README's
    list too, so a reader of the README learns it exists; an entry ending in ``...`` says
    it shows only some."""
    assert _options_not_shown(cli.build_parser(), _readme_entries()) == []


def test_an_option_missing_from_the_readme_list_is_found() -> None:
    parser = cli.build_parser()
    entries = [e for e in _readme_entries() if not e.startswith("rapport import-csv")]
    entries.append("rapport import-csv WORKSPACE FILE.csv      import responses")
    assert "rapport import-csv --encoding" in _options_not_shown(parser, entries)
    entries[-1] = "rapport import-csv WORKSPACE FILE.csv ...   import responses"
    assert "rapport import-csv --encoding" not in _options_not_shown(parser, entries)
