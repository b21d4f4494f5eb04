"""Collect the HR window's texts with a count and compile their English forms.

    .venv/bin/python scripts/update_translations.py

Runs Qt's ``lupdate`` (plural texts only) over the HR window's modules into
``desktop_app/resources/translations/rapport_en.ts``, keeping the forms already written,
then lists every text that still lacks its English singular and plural: write them in the
``.ts`` file (``<numerusform>1 comment shown.</numerusform>`` then the plural form) and run
this again. When none is missing, ``lrelease`` compiles ``rapport_en.qm``, which the app
loads (:mod:`desktop_app.translations`). Exits with 1 while a form is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "desktop_app"
FOLDER = APP / "resources" / "translations"
TS = FOLDER / "rapport_en.ts"
QM = FOLDER / "rapport_en.qm"
#: The HR window's code; the command line prints its own words and the respondent app
#: loads no translation.
SOURCES = ("*.py", "panels/*.py", "models/*.py", "widgets/*.py", "import_wizard/*.py")


def tool(name: str) -> str:
    """A Qt tool shipped with PySide6 (next to this Python, or on the PATH)."""
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found: install the project's test extras.")
    return found


def source_files() -> list[str]:
    return sorted(str(path) for pattern in SOURCES for path in APP.glob(pattern))


def collect(target: Path) -> None:
    """Write the plural texts of the sources into ``target`` (existing forms are kept)."""
    command = [tool("pyside6-lupdate"), *source_files(), "-pluralonly", "-no-obsolete"]
    command += ["-locations", "none", "-source-language", "en", "-target-language", "en"]
    subprocess.run([*command, "-ts", str(target)], check=True, capture_output=True)


def missing_forms(ts: Path) -> list[str]:
    """``context: source`` of each plural text without two filled English forms."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            forms = [f.text or "" for f in message.iter("numerusform")]
            translation = message.find("translation")
            unfinished = translation is not None and translation.get("type") == "unfinished"
            # The singular may leave the number out ("the first response"); the plural never.
            if unfinished or len(forms) != 2 or not forms[0] or "%n" not in forms[1]:
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def compile_forms(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    collect(TS)
    missing = missing_forms(TS)
    if missing:
        print(f"Write the English forms of these texts in {TS.relative_to(ROOT)}:")
        print("\n".join(f"  {line}" for line in missing))
        return 1
    compile_forms(TS, QM)
    print(f"Wrote {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
