"""One look for every export: a calm, colour-blind-safe blue–orange palette and fonts.

Bands never rely on colour alone: every coloured cell also prints its value, and the band
colours are the app's (:data:`surveys.bands.BAND_PALETTE`), so a strong pair is the same
blue on screen, in the deck and in the workbook. Colours are hex strings without ``#`` (as
openpyxl and python-pptx want them).

Text is fitted to its box by measuring it (:mod:`analysis.export.measure`): the largest
size of a ladder at which it fits both in Calibri's metrics and in the wider fallback font,
then, if none does, the text is shortened with "…", and only then shrunk
(:attr:`Fitted.scale`, written as the box's shrink-on-overflow font scale).
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.export import measure
from surveys.bands import band_colour

NAVY = "1F3A5F"  # titles, headers
INK = "26323F"  # body text
MUTED = "5F6B7A"  # captions, footers
RULE = "D5DCE4"  # thin lines, card borders
PAPER = "FFFFFF"
CARD = "F4F6F9"  # card backgrounds
BLUE = "2F6DB5"  # the organisation
ORANGE = "D9782D"  # the pair in focus
HEADER_FILL = NAVY


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def band_fill(band: str | None) -> str:
    """Fill colour of a cell of ``band`` (``"suppressed"`` and ``None`` allowed)."""
    return _hex(band_colour(band).fill)


def band_text(band: str | None) -> str:
    """Colour of text drawn on a cell of ``band``."""
    return _hex(band_colour(band).text)


#: Colours of the lines in trend charts (Okabe–Ito, colour-blind safe).
SERIES: tuple[str, ...] = ("D55E00", "0072B2", "009E73", "CC79A7", "E69F00", "56B4E9")

#: The deck's font: on every Windows and Mac machine with Office, and LibreOffice shows its
#: metric twin Carlito. Text is measured so that it also fits the wider fallback.
FONT = "Calibri"
TITLE_PT = 28
SMALL_PT = 12  # the smallest text size on any slide
#: A text box's inner margins (inches), set on every box so that measuring matches.
INSET_X = 0.1
INSET_Y = 0.05
#: Shrinking (the box's font scale) goes no further than this.
MIN_SCALE = 0.5

KIND_LABELS: dict[str, str] = {
    "feud": "Feud: both directions weak",
    "one-sided": "One-sided",
    "deteriorating": "Deteriorating",
    "disconnected": "Disconnected",
}


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return cut + "…"


def quoted(text: str) -> str:
    """A comment as a card shows it: in curly quotes, as one flowing text. The line breaks
    its writer typed go (PowerPoint draws each one, while the card is measured as one
    paragraph: a comment of forty line breaks ran 290 pt out of its card)."""
    return f"\u201c{' '.join(text.split())}\u201d"


@dataclass(frozen=True)
class Fitted:
    """Text fitted to a box: the paragraphs (maybe shortened), the size and the shrink."""

    paragraphs: list[str]
    size: int
    #: The font scale on top of ``size`` (1.0: none); written as ``normAutofit fontScale``.
    scale: float
    #: Height in inches the text needs, the box's margins included.
    height: float


def needed_height(
    paragraphs: list[str],
    width_in: float,
    size: float,
    *,
    bold: bool = False,
    gap_pt: float = 6,
) -> float | None:
    """Height in inches a box ``width_in`` wide needs for ``paragraphs`` (margins included);
    ``None`` if a word is wider than the box."""
    inner = (width_in - 2 * INSET_X) * 72
    height = measure.text_height(paragraphs, inner, size, bold=bold, gap_pt=gap_pt)
    return None if height is None else height / 72 + 2 * INSET_Y


def fit(
    paragraphs: list[str],
    width_in: float,
    height_in: float,
    sizes: tuple[int, ...] = (18, 16, 14, 13, 12),
    gap_pt: float = 6,
    *,
    bold: bool = False,
) -> Fitted:
    """Fit ``paragraphs`` into a box of ``width_in`` × ``height_in`` inches.

    The largest of ``sizes`` at which the text fits (in every measured font) wins. If none
    does, paragraphs are shortened at the smallest size, from the longest down, then
    dropped from the end; if even that fails (a single word too wide), the text is shrunk
    by a font scale down to :data:`MIN_SCALE`.
    """

    def height(items: list[str], size: float) -> float | None:
        return needed_height(items, width_in, size, bold=bold, gap_pt=gap_pt)

    def fits(items: list[str], size: float) -> bool:
        needed = height(items, size)
        return needed is not None and needed <= height_in + 1e-9

    for size in sizes:
        if fits(paragraphs, size):
            return Fitted(list(paragraphs), size, 1.0, height(paragraphs, size) or 0.0)
    size = sizes[-1]
    items = list(paragraphs)
    if height(items, size) is not None:  # every word fits a line: shorten the text
        items = _shortened(items, lambda candidate: fits(candidate, size))
    scale = 1.0
    while not fits(items, size * scale) and scale > MIN_SCALE:
        scale = round(scale - 0.025, 3)
    if not fits(items, size * scale):
        items = _shortened(items, lambda candidate: fits(candidate, size * scale))
    needed = height(items, size * scale)
    return Fitted(items, size, scale, min(height_in, needed) if needed else height_in)


def common_size(
    texts: list[list[str]],
    width_in: float,
    height_in: float,
    sizes: tuple[int, ...],
    *,
    bold: bool = False,
) -> int:
    """The one size at which each of ``texts`` (paragraphs of boxes set side by side, as
    quote cards are) fits a ``width_in`` × ``height_in`` box: the smallest of the sizes
    :func:`fit` gives them one by one, so that no card looks set in another style."""
    return min(fit(text, width_in, height_in, sizes, bold=bold).size for text in texts)


def _shortened(items: list[str], fits) -> list[str]:
    """Shorten the longest paragraph, or drop the last short one, until ``fits``."""
    while items and not fits(items):
        longest = max(range(len(items)), key=lambda i: len(items[i]))
        if len(items) > 1 and len(items[longest]) <= 60:
            items.pop()
        elif len(items[longest]) > 12:
            shorter = shorten(items[longest], int(len(items[longest]) * 0.8))
            if shorter == items[longest]:
                break
            items[longest] = shorter
        else:
            break  # a few words that cannot shrink further: the font scale must do it
    return items
