"""What to say of a zipped file picked where a CSV or TSV was expected.

Survey tools hand their exports over zipped: SurveyMonkey's download and Qualtrics' data
export are ZIP archives holding the CSV (or the .xlsx), and Google Forms' "Download
responses (.csv)" is one too. Rapport reads the file inside, not the archive: the message
names that file so HR knows what to unzip and pick. A workbook (which is a ZIP archive
too) saved with another ending is told apart by its ``xl/workbook.xml``; an archive that
cannot be opened (a download cut short) or holds no file is said to be so.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

_READ = (".csv", ".tsv", ".txt", ".xlsx")
#: How many of the files inside a message names.
_NAMED = 3


def zipped_message(path: Path, suffix: str) -> str:
    """Why ``path`` (a ZIP archive by its first bytes) is not read, and what to do."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if _a_file(i)]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return (
            f"{path} is a zipped file that cannot be opened: it is damaged or incomplete "
            "(a download cut short?). Download or export the responses again."
        )
    if "xl/workbook.xml" in names:
        return (
            f"{path} is a zipped file (an Excel workbook?) with a {suffix or 'missing'} "
            "ending. Rename it to .xlsx, or export the responses as CSV."
        )
    if not names:
        return (
            f"{path} is an empty ZIP archive: it holds no file. Download or export the "
            "responses again."
        )
    inside = [n for n in names if PurePosixPath(n).suffix.lower() in _READ]
    if not inside:
        return (
            f"{path} is a ZIP archive, as survey tools download their exports, and it holds "
            "no CSV, TSV or Excel .xlsx file. Export the responses again as CSV, TSV or "
            "Excel .xlsx."
        )
    listed = ", ".join(f"'{shown(n)}'" for n in inside[:_NAMED])
    if len(inside) > _NAMED:
        listed += f" and {len(inside) - _NAMED} more"
    which = "the file it holds" if len(inside) == 1 else "the one with the responses"
    return (
        f"{path} is a ZIP archive, as survey tools download their exports, and it holds "
        f"{listed}. Unzip it (Extract All… in Windows Explorer, or double-click it on a "
        f"Mac) and import {which}."
    )


def _a_file(info: zipfile.ZipInfo) -> bool:
    """Whether an entry is a file someone put in the archive: not a folder, nor what a Mac
    adds when it zips (``__MACOSX/._Responses.csv``, ``.DS_Store``)."""
    parts = PurePosixPath(info.filename).parts
    return not info.is_dir() and "__MACOSX" not in parts and not parts[-1].startswith(".")


def shown(name: str) -> str:
    """A name from inside an archive as a message may show it: no ``..`` or leading ``/``
    (unzipping puts the file in the folder it is unzipped to), and no control or
    direction-changing character (a line break, a right-to-left mark) shown raw."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    kept = "/".join(p for p in parts if p not in ("/", ".", ".."))
    return "".join("?" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in kept)
