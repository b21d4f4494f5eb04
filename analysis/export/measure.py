"""Measure the deck's text with real fonts, so that every box is sized to what it holds.

The deck is set in Calibri. Its width is measured with Carlito, which has Calibri's
metrics, and again with DejaVu Sans, the wider font that LibreOffice and most Linux
desktops show when neither Calibri nor Carlito is installed. Both ship with Rapport as
package data (``analysis/data/fonts``, with their licences); a box fits only if its text
fits in both, so a deck opened on a machine without Calibri still keeps every text inside
its box.

Measuring uses Pillow's basic layout (no kerning): the same widths on every machine, and
never narrower than the shaped text LibreOffice and PowerPoint draw. Lines wrap at spaces
only; a word wider than the line would be broken in the middle, which counts as not
fitting.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[1] / "data" / "fonts"
#: Pillow measures at this many pixels per em; widths are then scaled to the point size.
_EM = 1000
#: Height of one line as a share of the font size: Calibri's own line spacing (1.22 em) is
#: the largest of the renderers' (LibreOffice spaces PowerPoint text at 1.2 em).
LINE_HEIGHT = 1.22


@dataclass(frozen=True)
class Face:
    """A font family as two files (regular and bold) in :data:`FONT_DIR`."""

    name: str
    regular: str
    bold: str


#: Calibri's metric twin: the widths people with Calibri (or Carlito) see.
CALIBRI_METRICS = Face("Carlito", "Carlito-Regular.ttf", "Carlito-Bold.ttf")
#: The usual fallback where neither is installed, and about a quarter wider.
FALLBACK = Face("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
#: Every text must fit in each of these.
FACES: tuple[Face, ...] = (CALIBRI_METRICS, FALLBACK)


@lru_cache(maxsize=8)
def _font(file: str):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / file), _EM, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _word_em(word: str, file: str) -> float:
    """Width of ``word`` in em (characters no bundled font has count as a full em)."""
    font = _font(file)
    wide = sum(1 for ch in word if unicodedata.east_asian_width(ch) in "WF")
    if wide:
        word = "".join(ch for ch in word if unicodedata.east_asian_width(ch) not in "WF")
    return (font.getlength(word) if word else 0.0) / _EM + wide


def text_width(text: str, size_pt: float, *, bold: bool = False, face: Face = FALLBACK) -> float:
    """Width of ``text`` on one line, in points.

    Parameters
    ----------
    text : str
        The text (no line breaks).
    size_pt : float
        Font size in points.
    bold : bool
        Whether the bold face is used.
    face : Face
        The font to measure with (default the wider fallback).

    Returns
    -------
    float
        The advance width in points.
    """
    file = face.bold if bold else face.regular
    words = text.split(" ")
    space = _word_em(" ", file)
    return size_pt * (sum(_word_em(w, file) for w in words) + space * (len(words) - 1))


def wrap(
    text: str, width_pt: float, size_pt: float, *, bold: bool = False, face: Face = FALLBACK
) -> list[str] | None:
    """Break one paragraph into lines at most ``width_pt`` wide, at spaces.

    Returns
    -------
    list of str or None
        The lines, or ``None`` when a single word is wider than the line (a renderer
        would break it in the middle of the word).
    """
    file = face.bold if bold else face.regular
    limit = width_pt / size_pt  # in em
    space = _word_em(" ", file)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        width = _word_em(word, file)
        if width > limit:
            return None
        if current and used + space + width > limit:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + width
        current.append(word)
    lines.append(" ".join(current))
    return lines


def line_count(
    paragraphs: list[str], width_pt: float, size_pt: float, *, bold: bool = False
) -> int | None:
    """Lines ``paragraphs`` take in the widest of :data:`FACES`; ``None`` if a word does
    not fit the width."""
    most = 0
    for face in FACES:
        lines = 0
        for paragraph in paragraphs:
            wrapped = wrap(paragraph, width_pt, size_pt, bold=bold, face=face)
            if wrapped is None:
                return None
            lines += len(wrapped)
        most = max(most, lines)
    return most


def text_height(
    paragraphs: list[str],
    width_pt: float,
    size_pt: float,
    *,
    bold: bool = False,
    gap_pt: float = 0.0,
) -> float | None:
    """Height in points of ``paragraphs`` wrapped at ``width_pt`` (widest face), with
    ``gap_pt`` between paragraphs; ``None`` if a word is wider than the line."""
    lines = line_count(paragraphs, width_pt, size_pt, bold=bold)
    if lines is None:
        return None
    return lines * size_pt * LINE_HEIGHT + gap_pt * max(0, len(paragraphs) - 1)


def widest_word(texts: list[str], size_pt: float, *, bold: bool = False) -> float:
    """Width in points of the widest word of ``texts`` in the widest face."""
    words = [w for text in texts for w in text.split()]
    return max(
        (text_width(w, size_pt, bold=bold, face=face) for w in words for face in FACES),
        default=0.0,
    )
