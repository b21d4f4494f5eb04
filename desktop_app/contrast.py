"""Contrast of the main text and background pairs, in the light and the dark palette.

WCAG 2's contrast ratio (relative luminance, sRGB): text needs at least 4.5:1, the keyboard
focus ring and other non-text marks at least 3:1 against what they sit on. The light palette is
:class:`~desktop_app.palette.RapportStyle`'s (Fusion's, with a deeper selection colour). The
pairs are the palette's own (window, fields, buttons, selection, tooltips, links, placeholders), the
respondent windows' style sheet (hints, notes, warnings, errors, the focus tint and ring) and
the band colours of the heatmap and the comment chips. ``scripts/contrast.py`` prints them;
``tests/desktop_app/test_contrast.py`` fails on any pair below its threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

TEXT, MARK = 4.5, 3.0


@dataclass(frozen=True)
class Pair:
    """One foreground on one background, and the ratio it needs."""

    palette: str
    what: str
    foreground: str
    background: str
    needed: float

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)

    @property
    def passes(self) -> bool:
        return self.ratio >= self.needed


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = []
    for value in QColor(colour).getRgbF()[:3]:
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """``(lighter + 0.05) / (darker + 0.05)``, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palettes() -> dict[str, QPalette]:
    """The light palette (Fusion's own, what the apps get on a plain desktop) and Rapport's
    dark one."""
    from desktop_app.palette import RapportStyle, dark_palette

    return {"light": RapportStyle().standardPalette(), "dark": dark_palette()}


def _palette_pairs(name: str, palette: QPalette) -> list[Pair]:
    def c(role: QPalette.ColorRole, over: QPalette.ColorRole | None = None) -> str:
        """The role's colour, blended onto ``over`` where it is translucent (placeholders)."""
        colour = palette.color(QPalette.Active, role)
        if over is not None and colour.alphaF() < 1:
            under, share = palette.color(QPalette.Active, over), colour.alphaF()
            colour = QColor.fromRgbF(
                *(
                    a * share + b * (1 - share)
                    for a, b in zip(colour.getRgbF()[:3], under.getRgbF()[:3], strict=True)
                )
            )
        return colour.name()

    rows = [
        ("window text", QPalette.WindowText, QPalette.Window),
        ("text in a field or list", QPalette.Text, QPalette.Base),
        ("alternate rows", QPalette.Text, QPalette.AlternateBase),
        ("button text", QPalette.ButtonText, QPalette.Button),
        ("selected text", QPalette.HighlightedText, QPalette.Highlight),
        ("tooltip", QPalette.ToolTipText, QPalette.ToolTipBase),
        ("link", QPalette.Link, QPalette.Base),
        ("placeholder in a field", QPalette.PlaceholderText, QPalette.Base),
    ]
    pairs = [Pair(name, what, c(fg, bg), c(bg), TEXT) for what, fg, bg in rows]
    frame = fusion_focus_frame(palette)
    pairs += [
        Pair(name, "focused field's frame on the window", frame, c(QPalette.Window), MARK),
        Pair(name, "focused field's frame on the field", frame, c(QPalette.Base), MARK),
    ]
    return pairs


def fusion_focus_frame(palette: QPalette) -> str:
    """The frame Fusion draws round a focused field or the default button: Highlight
    darkened by a quarter, and no lighter than a value of 160."""
    frame = palette.color(QPalette.Active, QPalette.Highlight).darker(125)
    if frame.value() > 160:
        frame.setHsl(frame.hue(), frame.saturation(), 160)
    return frame.name()


def _respondent_pairs(name: str, palette: QPalette) -> list[Pair]:
    from desktop_app.palette import FOCUS_RING
    from desktop_app.respondent.style import DARK, LIGHT

    tints = DARK if name == "dark" else LIGHT
    text, window = (
        palette.color(QPalette.Active, r).name() for r in (QPalette.WindowText, QPalette.Window)
    )
    button = palette.color(QPalette.Active, QPalette.Button).name()
    return [
        Pair(name, "respondent: step label", tints["muted"], window, TEXT),
        Pair(name, "respondent: hints, Don't know", tints["soft"], window, TEXT),
        Pair(name, "respondent: inline error", tints["error"], window, TEXT),
        Pair(name, "respondent: privacy note", text, tints["note"], TEXT),
        Pair(name, "respondent: privacy warning", text, tints["warn"], TEXT),
        Pair(name, "respondent: focused option", text, tints["focus"], TEXT),
        Pair(name, "focus ring on the window", tints["ring"], window, MARK),
        Pair(name, "focus ring on the focus tint", tints["ring"], tints["focus"], MARK),
        Pair(name, "button focus ring on the window", FOCUS_RING[name], window, MARK),
        Pair(name, "button focus ring on a button", FOCUS_RING[name], button, MARK),
    ]


def _band_pairs(name: str) -> list[Pair]:
    from surveys.bands import BAND_PALETTE, BAND_PALETTE_DARK

    bands = BAND_PALETTE_DARK if name == "dark" else BAND_PALETTE
    return [
        Pair(name, f"heatmap, chips: {band or 'no value'}", colour.text, colour.fill, TEXT)
        for band, colour in bands.items()
    ]


def all_pairs() -> list[Pair]:
    """Every measured pair, light first."""
    pairs: list[Pair] = []
    for name, palette in palettes().items():
        pairs += _palette_pairs(name, palette)
        pairs += _respondent_pairs(name, palette)
        pairs += _band_pairs(name)
    return pairs


def report(pairs: list[Pair]) -> str:
    """A plain table: palette, pair, colours, ratio, needed, ok."""
    lines = [f"{'palette':7} {'pair':40} {'fg':8} {'bg':8} {'ratio':>6} {'needs':>5}"]
    for p in pairs:
        mark = "ok" if p.passes else "FAIL"
        lines.append(
            f"{p.palette:7} {p.what:40} {p.foreground:8} {p.background:8} "
            f"{p.ratio:6.2f} {p.needed:5.1f} {mark}"
        )
    return "\n".join(lines)
