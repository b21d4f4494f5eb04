"""Render decks through LibreOffice, with and without Calibri-compatible fonts, and check
that every text stays inside its box.

The check works on a *probe* copy of a deck: every text box and table cell gets a text
colour of its own (layout does not depend on colour), shrink-on-overflow is switched off
and any stored font scale is applied to the runs, so that what is checked is the deck's own
layout, not a renderer's shrinking. The probe is converted to PDF; pdfplumber gives each
character's position and colour, so each character is traced back to its box. A text
fails when a character lies outside its box or when a line break falls inside a word.

Also a maintenance command: ``python -m tests.analysis.deck_render docs/deck`` builds the
demo deck and renders it to PNG with Carlito (``docs/deck/slide-NN.png``) and without it
(``docs/deck/fallback/slide-NN.png``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

#: A fontconfig configuration that hides every Calibri-compatible font.
HIDE_CALIBRI = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont>
    <rejectfont>
      <pattern><patelt name="family"><string>Carlito</string></patelt></pattern>
      <pattern><patelt name="family"><string>Calibri</string></patelt></pattern>
    </rejectfont>
  </selectfont>
</fontconfig>
"""
#: How far (points) a character may stick out of its box: glyph boxes are approximate.
TOLERANCE = 1.5
#: A line may end inside a "word" right after one of these (LibreOffice breaks there).
BREAK_AFTER = ("-", "–", "/")
_RED = 7  # the red channel of every probe colour (no colour of the deck uses it)


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def calibri_font(hidden: bool = False, folder: Path | None = None) -> str:
    """The family fontconfig gives for "Calibri" (with Calibri-compatible fonts hidden)."""
    env = dict(os.environ)
    if hidden:
        env["FONTCONFIG_FILE"] = str(_hiding_config(folder or Path(tempfile.mkdtemp())))
    found = subprocess.run(
        ["fc-match", "-f", "%{family}", "Calibri"], env=env, capture_output=True, text=True
    )
    return found.stdout.strip()


def _hiding_config(folder: Path) -> Path:
    path = folder / "hide-calibri.conf"
    path.write_text(HIDE_CALIBRI, encoding="utf-8")
    return path


def render_pdfs(decks: list[Path], folder: Path, *, calibri: bool) -> list[Path]:
    """Convert ``decks`` to PDF in ``folder`` with LibreOffice (one run for all of them).

    Parameters
    ----------
    decks : list of Path
        ``.pptx`` files.
    folder : Path
        Where the PDFs go (and LibreOffice's throw-away profile).
    calibri : bool
        ``False`` hides Carlito and Calibri from fontconfig for this run.
    """
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if not calibri:
        env["FONTCONFIG_FILE"] = str(_hiding_config(folder))
    profile = (folder / "lo-profile").resolve().as_uri()
    command = [soffice() or "soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--norestore", "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run(
        command + [str(d) for d in decks], env=env, capture_output=True, timeout=300, check=True
    )
    return [folder / f"{d.stem}.pdf" for d in decks]


@dataclass
class Box:
    """Where one text (a text box or a table cell) must stay, and what it says."""

    slide: int
    name: str
    colour: tuple[int, int, int]
    rect: tuple[float, float, float, float]  # x0, top, x1, bottom in points
    text: str


def probe_copy(source: Path, target: Path) -> list[Box]:
    """Save a copy of ``source`` with one colour per text, no shrinking; list its texts."""
    from pptx import Presentation

    prs = Presentation(str(source))
    boxes: list[Box] = []
    for number, slide in enumerate(prs.slides):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                rect = _rect(shape.left, shape.top, shape.width, shape.height)
                boxes.append(_mark(shape.text_frame, number, shape.name, rect, len(boxes)))
            if getattr(shape, "has_table", False):
                boxes += _mark_table(shape, number, len(boxes))
    prs.save(str(target))
    return boxes


def _rect(left: int, top: int, width: int, height: int) -> tuple[float, float, float, float]:
    emu = 12700  # per point
    return (left / emu, top / emu, (left + width) / emu, (top + height) / emu)


def _mark_table(shape, number: int, start: int) -> list[Box]:
    boxes = []
    table = shape.table
    top = shape.top
    for i, row in enumerate(table.rows):
        left = shape.left
        for j, column in enumerate(table.columns):
            frame = table.cell(i, j).text_frame
            if frame.text.strip():
                rect = _rect(left, top, column.width, row.height)
                name = f"{shape.name} cell ({i}, {j})"
                boxes.append(_mark(frame, number, name, rect, start + len(boxes)))
            left += column.width
        top += row.height
    return boxes


def _mark(frame, number: int, name: str, rect, index: int) -> Box:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.oxml.ns import qn

    colour = (_RED, (index + 1) // 256, (index + 1) % 256)
    autofit = frame._txBody.bodyPr.find(qn("a:normAutofit"))
    scale = int(autofit.get("fontScale", "100000")) / 100000 if autofit is not None else 1.0
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor(*colour)
            if scale < 1 and run.font.size is not None:
                run.font.size = int(run.font.size * scale)
    if autofit is not None:
        frame.auto_size = MSO_AUTO_SIZE.NONE
    return Box(number, name, colour, rect, frame.text)


def problems(pdf: Path, boxes: list[Box], label: str) -> list[str]:
    """Every text of ``boxes`` that leaves its box or breaks inside a word in ``pdf``."""
    import pdfplumber

    found: list[str] = []
    with pdfplumber.open(str(pdf)) as document:
        pages = list(document.pages)
        by_slide: dict[int, list[Box]] = defaultdict(list)
        for box in boxes:
            by_slide[box.slide].append(box)
        for number, slide_boxes in by_slide.items():
            page = pages[number]
            chars = _chars_by_colour(page)
            for box in slide_boxes:
                where = f"{label}, slide {number + 1}, {box.name} ({_short(box.text)!r})"
                issues = _box_problems(box, chars.get(box.colour, []))
                if not _inside(box.rect, (0, 0, page.width, page.height)):
                    issues.insert(0, "the box reaches beyond the slide")
                found += [f"{where}: {p}" for p in issues]
    return found


def _chars_by_colour(page) -> dict[tuple[int, int, int], list[dict]]:
    chars: dict[tuple[int, int, int], list[dict]] = defaultdict(list)
    for char in page.chars:
        colour = char.get("non_stroking_color")
        if isinstance(colour, tuple | list) and len(colour) == 3 and char["text"].strip():
            chars[tuple(round(c * 255) for c in colour)].append(char)
    return chars


def _inside(rect, outer) -> bool:
    x0, top, x1, bottom = rect
    return (
        x0 >= outer[0] - TOLERANCE
        and top >= outer[1] - TOLERANCE
        and x1 <= outer[2] + TOLERANCE
        and bottom <= outer[3] + TOLERANCE
    )


def _box_problems(box: Box, chars: list[dict]) -> list[str]:
    if not chars:
        return ["its text does not appear in the rendering"]
    x0, top, x1, bottom = box.rect
    out = []
    worst = max(
        max(x0 - c["x0"], c["x1"] - x1, top - c["top"], c["bottom"] - bottom) for c in chars
    )
    if worst > TOLERANCE:
        out.append(f"text runs {worst:.1f} pt outside its box")
    broken = _broken_words(box.text, chars)
    if broken:
        out.append(f"words broken across lines: {broken}")
    return out


def _broken_words(text: str, chars: list[dict]) -> list[str]:
    """Line ends that fall inside a word of ``text`` (after hyphens and slashes allowed)."""
    lines = _lines(chars)
    rendered = "".join(lines)
    expected = _squash(text)
    if rendered != expected:
        return []  # glyph substitution changed the text; positions alone are checked
    ends = set()
    position = 0
    for word in text.split():
        position += len(_squash(word))
        ends.add(position)
    broken = []
    position = 0
    for line in lines[:-1]:
        position += len(line)
        if position not in ends and not rendered[position - 1].endswith(BREAK_AFTER):
            broken.append(
                f"{rendered[max(0, position - 12) : position]}|{rendered[position:][:12]}"
            )
    return broken


def _lines(chars: list[dict]) -> list[str]:
    """The characters as lines (by baseline), each without spaces."""
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"], 0), c["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - char["bottom"]) < char["size"] * 0.3:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [_squash("".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))) for row in rows]


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def pdf_fonts(pdf: Path) -> set[str]:
    """The font names used for text in ``pdf`` (subset prefixes removed)."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return {c["fontname"].split("+")[-1] for page in document.pages for c in page.chars}


def render_pngs(pdf: Path, folder: Path, dpi: int = 60) -> list[Path]:
    """Each page of ``pdf`` as ``slide-NN.png`` in ``folder`` (pypdfium2, no poppler)."""
    import pypdfium2

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    document = pypdfium2.PdfDocument(str(pdf))
    for number, page in enumerate(document, start=1):
        image = page.render(scale=dpi / 72).to_pil()
        path = folder / f"slide-{number:02d}.png"
        image.save(path, optimize=True)
        written.append(path)
    document.close()
    return written


def _render_docs(target: Path) -> None:  # pragma: no cover - a maintenance command
    """Build the demo, export its deck and render it with and without Carlito."""
    import datetime as dt

    from analysis.export.run import export_workspace
    from surveys.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        build_demo(folder)
        deck = Path(tmp) / "demo.pptx"
        export_workspace(folder, pptx=deck, day=dt.date(2026, 11, 2))
        for calibri, out in ((True, target), (False, target / "fallback")):
            for old in out.glob("slide-*.png"):
                old.unlink()
            (pdf,) = render_pdfs([deck], Path(tmp) / f"pdf-{calibri}", calibri=calibri)
            for path in render_pngs(pdf, out):
                print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    _render_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/deck"))
