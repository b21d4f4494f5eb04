"""Zip files (the deck, the workbook) that carry the day only, down to their members.

A ``.pptx`` or ``.xlsx`` is a zip archive, and a zip records a time for every member:
Python's :class:`zipfile.ZipFile` takes the moment ``writestr`` is called, or the
temporary file's modification time for ``write``. So a deck or workbook whose file
properties said "midnight" still said, to the second, when HR exported it, and so did the
properties of each chart's workbook inside the deck (XlsxWriter stamps the current time).
:class:`DayZipFile` stamps every member with the day's midnight instead;
:func:`save_deck` saves a deck that way.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

#: The chart workbooks python-pptx embeds in a deck.
EMBEDDED = re.compile(r"^ppt/embeddings/[^/]+\.xlsx$")
#: A time in a document's core properties (``docProps/core.xml``).
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def midnight(day: dt.date) -> tuple[int, int, int, int, int, int]:
    """The zip time of ``day``'s midnight."""
    return (day.year, day.month, day.day, 0, 0, 0)


class DayZipFile(zipfile.ZipFile):
    """A :class:`zipfile.ZipFile` whose members all carry the time :attr:`stamp`."""

    def __init__(self, file, mode: str, day: dt.date, **options) -> None:  # noqa: ANN001
        super().__init__(file, mode, **options)
        self.stamp = midnight(day)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None) -> None:  # noqa: ANN001
        if isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zinfo_or_arcname
            info.date_time = self.stamp
        else:
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
        super().writestr(info, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:  # noqa: ANN001
        info = zipfile.ZipInfo.from_file(filename, arcname)
        info.date_time = self.stamp
        info.compress_type = self.compression if compress_type is None else compress_type
        with open(filename, "rb") as source, self.open(info, "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


def _stamped_core(xml: bytes, day: dt.date) -> bytes:
    """``docProps/core.xml`` with its created and modified times at ``day``'s midnight."""
    moment = f"{day.isoformat()}T00:00:00Z".encode()
    return _CORE_TIME.sub(lambda m: m.group(1) + moment + m.group(2), xml)


def _copy(source: zipfile.ZipFile, target: DayZipFile, day: dt.date) -> None:
    for info in source.infolist():
        data = source.read(info)
        if EMBEDDED.match(info.filename):
            data = restamped_workbook(data, day)
        elif info.filename == "docProps/core.xml":
            data = _stamped_core(data, day)
        copy = zipfile.ZipInfo(info.filename, date_time=target.stamp)
        copy.compress_type, copy.external_attr = info.compress_type, info.external_attr
        target.writestr(copy, data)


def restamped_workbook(data: bytes, day: dt.date) -> bytes:
    """An embedded workbook's bytes with its properties and members at ``day``'s midnight."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        DayZipFile(out, "w", day, compression=zipfile.ZIP_DEFLATED) as target,
    ):
        _copy(source, target, day)
    return out.getvalue()


def save_deck(prs, path: Path, day: dt.date) -> None:
    """Save the python-pptx presentation ``prs`` to ``path`` with every member, and every
    chart workbook's properties and members, at ``day``'s midnight (the deck's own
    properties already are)."""
    saved = io.BytesIO()
    prs.save(saved)
    with (
        zipfile.ZipFile(saved) as source,
        DayZipFile(path, "w", day, compression=zipfile.ZIP_DEFLATED) as target,
    ):
        _copy(source, target, day)
