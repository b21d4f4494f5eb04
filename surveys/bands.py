"""How a relationship index is shown: one rounding rule and one band palette everywhere.

(Shares of people are rounded the same way everywhere too: :func:`shown_percent`.)

An index is stored with two decimals and shown with one. Its band is the band of the value
as shown (:func:`shown_index`), so two cells that both read "4.0" always share a band and
a colour — in the app, the deck, the workbook, the CSV files and the analysis JSON.

The palette is the single source of band colours for the app (light and dark), the deck
and the workbook: strong is blue, weak is orange and moderate a pale blue-grey. It never
relies on red against green, and every coloured cell also prints its value, so colour is
never the only cue. Colours are ``#rrggbb`` strings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: Decimals an index is stored with (analysis JSON, result cache).
STORED_DECIMALS = 2
#: Decimals an index is shown with (screens, deck, workbook, CSV).
SHOWN_DECIMALS = 1


def shown_index(value: float | None) -> float | None:
    """The index as people see it: rounded half up to one decimal.

    The value is first taken to the two stored decimals, so that the raw index and the
    stored one always show (and band) the same: 4.049 and 4.05 both show 4.1, 4.04 shows
    4.0.

    Parameters
    ----------
    value : float or None
        An index (or a dimension mean) on the 1–5 scale.

    Returns
    -------
    float or None
        The shown value, ``None`` for ``None``.
    """
    if value is None:
        return None
    stored = Decimal(f"{float(value):.{STORED_DECIMALS}f}")
    return float(stored.quantize(Decimal(1).scaleb(-SHOWN_DECIMALS), rounding=ROUND_HALF_UP))


def format_index(value: float | None, missing: str = "–") -> str:
    """The index as text, one decimal (``missing`` for ``None``)."""
    shown = shown_index(value)
    return missing if shown is None else f"{shown:.{SHOWN_DECIMALS}f}"


def format_signed(value: float, decimals: int = SHOWN_DECIMALS) -> str:
    """``value`` with its sign and ``decimals`` decimals: "+0.3", "-0.25"; a value that
    rounds to zero is "0.0" (never "-0.0" or "+0.00"), so a gap between two equal figures
    reads as no gap.

    Parameters
    ----------
    value : float
        A difference or a score.
    decimals : int
        Decimals shown.

    Returns
    -------
    str
        The text.
    """
    text = f"{value:+.{decimals}f}"
    return text[1:] if float(text) == 0 else text


def shown_change(before: float, after: float) -> str:
    """The change between two indexes as people see them: the difference of the *shown*
    values (3.04 to 3.25 shows 3.0 → 3.3, "+0.3"), with :func:`format_signed`."""
    return format_signed((shown_index(after) or 0.0) - (shown_index(before) or 0.0))


def shown_percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent, halves rounded up (23 of 40 is 58 %), the
    same on screen and in every file; 0 when ``whole`` is 0."""
    return (200 * part + whole) // (2 * whole) if whole else 0


#: The space between a number and its percent sign: no-break, so "58 %" never wraps.
PERCENT_SPACE = "\u00a0"


def _percent_text(whole_percent: int) -> str:
    return f"{whole_percent}{PERCENT_SPACE}%"


def format_percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as the screens and files print it: ``"58 %"`` (a no-break
    space before the sign, :func:`shown_percent`'s rounding)."""
    return _percent_text(shown_percent(part, whole))


def format_share(share: float) -> str:
    """A share from 0 to 1 as the screens print a percentage: ``"35 %"``.

    Parameters
    ----------
    share : float
        The share, 0.35 for 35 %.

    Returns
    -------
    str
        Whole percent, halves rounded up as :func:`shown_percent` does, then a no-break
        space and the sign, like :func:`format_percent`.
    """
    return _percent_text(math.floor(share * 100 + 0.5 + 1e-9))


@dataclass(frozen=True)
class BandColour:
    """The fill of a band's cell and the colour of text drawn on it."""

    fill: str
    text: str


#: Band colours on a light background (the app's light mode, the deck, the workbook).
#: ``"suppressed"`` is a group under the threshold; ``None`` a cell with no value.
BAND_PALETTE: dict[str | None, BandColour] = {
    "strong": BandColour("#2f6fad", "#ffffff"),
    "moderate": BandColour("#c3d3e3", "#1d232a"),
    "weak": BandColour("#f0a048", "#1d232a"),
    "suppressed": BandColour("#e0e0e0", "#3a3a3a"),
    None: BandColour("#f7f7f7", "#6b6b6b"),
}

#: The same bands on a dark background (the app's dark mode): same hues, same order.
BAND_PALETTE_DARK: dict[str | None, BandColour] = {
    "strong": BandColour("#5b9bd8", "#0d1620"),
    "moderate": BandColour("#5d6b7a", "#f2f4f6"),
    "weak": BandColour("#e38b2e", "#14100b"),
    "suppressed": BandColour("#44474a", "#e2e2e2"),
    None: BandColour("#2a2d31", "#a9a9a9"),
}


def band_colour(band: str | None, *, dark: bool = False) -> BandColour:
    """The colours of ``band`` (an unknown band gets the no-value colours)."""
    palette = BAND_PALETTE_DARK if dark else BAND_PALETTE
    return palette.get(band, palette[None])
