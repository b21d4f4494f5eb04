"""One rounding rule for an index and its band, and one band palette."""

from __future__ import annotations

import colorsys

import pytest

from surveys.bands import (
    BAND_PALETTE,
    BAND_PALETTE_DARK,
    format_index,
    format_percent,
    format_share,
    format_signed,
    shown_change,
    shown_index,
)
from surveys.model import Bands


@pytest.mark.parametrize(
    ("value", "shown"),
    [(4.04, 4.0), (4.0, 4.0), (4.05, 4.1), (4.049, 4.1), (3.45, 3.5), (3.44, 3.4), (2.57, 2.6)],
)
def test_an_index_is_shown_rounded_half_up_after_the_stored_decimals(value, shown) -> None:
    assert shown_index(value) == shown
    assert format_index(value) == f"{shown:.1f}"


def test_missing_values() -> None:
    assert shown_index(None) is None and format_index(None) == "–"
    assert Bands().band(None) is None


def test_cells_shown_alike_get_the_same_band() -> None:
    bands = Bands(weak_below=3.5, strong_above=4.0)
    assert format_index(4.04) == format_index(4.0) == "4.0"
    assert bands.band(4.04) == bands.band(4.0) == "moderate"  # 4.04 was "strong"
    assert bands.band(4.05) == "strong"  # shown as 4.1
    assert bands.band(3.44) == "weak" and bands.band(3.45) == "moderate"  # 3.4 and 3.5


def test_signed_figures_never_read_minus_zero() -> None:
    assert format_signed(0.25, 2) == "+0.25" and format_signed(-1.26) == "-1.3"
    assert format_signed(-0.004, 2) == "0.00" and format_signed(-0.04) == "0.0"
    assert format_signed(0.0) == "0.0"
    # a change is the difference of what is shown: 3.66 and 4.01 show 3.7 and 4.0
    assert shown_change(3.66, 4.04) == "+0.3"  # the raw difference, 0.38, reads +0.4
    assert shown_change(4.02, 3.98) == "0.0"  # two figures shown alike: no gap


def _lightness(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[1]


def test_strong_is_the_darkest_band_on_paper_and_text_reads_on_every_fill() -> None:
    light = {band: _lightness(c.fill) for band, c in BAND_PALETTE.items() if band}
    assert light["strong"] < light["weak"] < light["moderate"]
    for palette in (BAND_PALETTE, BAND_PALETTE_DARK):
        for colour in palette.values():
            assert abs(_lightness(colour.fill) - _lightness(colour.text)) > 0.4


def test_a_percent_keeps_its_sign_on_the_same_line() -> None:
    assert format_percent(23, 40) == "58\u00a0%"  # halves up, a no-break space
    assert format_percent(0, 0) == "0\u00a0%"


def test_a_share_is_printed_as_a_percent_is() -> None:
    assert format_share(0.575) == "58\u00a0%" == format_percent(23, 40)  # halves up
    assert format_share(0.35) == "35\u00a0%"
    assert format_share(0.0) == "0\u00a0%" and format_share(1.0) == "100\u00a0%"
    assert format_share(0.934) == "93\u00a0%"
