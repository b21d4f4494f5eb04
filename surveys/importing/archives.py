"""What to say of a zipped file picked where a CSV or TSV was expected.

Survey tools hand their exports over zipped: SurveyMonkey's download and Qualtrics' data
export are ZIP archives holding the CSV (or the .xlsx), and Google Forms' "Download
responses (.csv)" is one too. Rapport reads the file inside, not the archive: the message
names that file so HR knows what to unzip and pick. A workbook (which is a ZIP archive
too) saved with another ending is told apart by its ``xl/workbook.xml``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

_READ = (".csv", ".tsv", ".txt", ".xlsx")


def zipped_message(path: Path, suffix: str) -> str:
    """Why ``path`` (a ZIP archive by its first bytes) is not read, and what to do."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        names = []
    if not names or "xl/workbook.xml" in names:
        return (
            f"{path} is a zipped file (an Excel workbook?) with a {suffix or 'missing'} "
            "ending. Rename it to .xlsx, or export the responses as CSV."
        )
    inside = [n for n in names if PurePosixPath(n).suffix.lower() in _READ]
    listed = ", ".join(f"'{n}'" for n in inside[:3]) + (", ..." if len(inside) > 3 else "")
    what = f"it holds {listed}" if inside else "it holds no CSV, TSV or Excel .xlsx file"
    return (
        f"{path} is a ZIP archive, as survey tools download their exports, and {what}. "
        "Unzip it (Extract All… in Windows Explorer, or double-click it on a Mac) and "
        "import the file it holds."
    )
