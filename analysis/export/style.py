"""One look for every export: a calm, colour-blind-safe blue–orange palette and fonts.

Bands never rely on colour alone: every coloured cell also prints its value, and the
palette is a blue–orange diverging scheme that reads the same with the common forms of
colour blindness. Colours are hex strings without ``#`` (as openpyxl wants them).
"""

from __future__ import annotations

import math

NAVY = "1F3A5F"  # titles, headers
INK = "26323F"  # body text
MUTED = "5F6B7A"  # captions, footers
RULE = "D5DCE4"  # thin lines, card borders
PAPER = "FFFFFF"
CARD = "F4F6F9"  # card backgrounds
BLUE = "2F6DB5"  # the organisation, strong relationships
LIGHT_BLUE = "8DB8E8"
ORANGE = "D9782D"  # the pair in focus, weak relationships
LIGHT_ORANGE = "F4A86A"
SAND = "F3EBDD"  # moderate band
GREY = "D9D9D9"  # suppressed cells
HEADER_FILL = NAVY

#: Fill colour of a heatmap cell per band, and the text colour that reads on it.
BAND_FILLS: dict[str, str] = {"weak": LIGHT_ORANGE, "moderate": SAND, "strong": LIGHT_BLUE}

#: Colours of the lines in trend charts (Okabe–Ito, colour-blind safe).
SERIES: tuple[str, ...] = ("D55E00", "0072B2", "009E73", "CC79A7", "E69F00", "56B4E9")

FONT = "Calibri"
TITLE_PT = 28
SMALL_PT = 12  # the smallest text on any slide

#: Average character width of the body font as a share of its size (Calibri and its
#: metric twin Carlito measure ~0.42 on real text; the margin keeps estimates safe).
CHAR_WIDTH = 0.47
LINE_HEIGHT = 1.2

KIND_LABELS: dict[str, str] = {
    "feud": "Feud: both directions weak",
    "one-sided": "One-sided",
    "deteriorating": "Deteriorating",
    "disconnected": "Disconnected",
}


def text_lines(text: str, width_in: float, size_pt: float) -> int:
    """How many lines ``text`` takes when wrapped into a box ``width_in`` inches wide."""
    per_line = max(1, int(width_in * 72 / (size_pt * CHAR_WIDTH)))
    lines = 0
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines += 1
            continue
        current = 0
        count = 1
        for word in words:
            length = len(word)
            if current and current + 1 + length > per_line:
                count += 1
                current = 0
            current = current + (1 if current else 0) + length
            count += max(0, math.ceil(length / per_line) - 1)
        lines += count
    return lines


def text_height(paragraphs: list[str], width_in: float, size_pt: float, gap_pt: float) -> float:
    """Height in inches of ``paragraphs`` wrapped at ``width_in`` with ``gap_pt`` between."""
    lines = sum(text_lines(p, width_in, size_pt) for p in paragraphs)
    gaps = gap_pt * max(0, len(paragraphs) - 1)
    return (lines * size_pt * LINE_HEIGHT + gaps) / 72


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return cut + "…"


def fit(
    paragraphs: list[str],
    width_in: float,
    height_in: float,
    sizes: tuple[int, ...] = (18, 16, 14, 13, 12),
    gap_pt: float = 6,
) -> tuple[list[str], int]:
    """Choose the largest font size at which ``paragraphs`` fit the box; shorten if none does.

    Returns the (possibly shortened) paragraphs and the size in points. Paragraphs are
    shortened from the longest down, then dropped from the end, until they fit at the
    smallest size.
    """
    inner_w, inner_h = width_in - 0.2, height_in - 0.1  # the text frame's margins
    for size in sizes:
        if text_height(paragraphs, inner_w, size, gap_pt) <= inner_h:
            return paragraphs, size
    size = sizes[-1]
    items = list(paragraphs)
    while text_height(items, inner_w, size, gap_pt) > inner_h:
        longest = max(range(len(items)), key=lambda i: len(items[i]))
        if len(items) > 1 and len(items[longest]) <= 60:
            items.pop()
        elif len(items[longest]) > 12:
            items[longest] = shorten(items[longest], int(len(items[longest]) * 0.8))
        else:
            break  # a few words that cannot shrink further: keep them
    return items, size
