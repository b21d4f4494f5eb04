"""The opening slides of the deck: title, executive summary, heatmap and hotspots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analysis.export import style
from analysis.export.branding import Logo
from analysis.export.pptx_shapes import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    add_card,
    add_heading,
    add_text,
    apply_fit,
    bottom,
    new_slide,
    rgb,
    set_notes,
)
from analysis.results import AnalysisResult, Hotspot
from surveys.bands import format_percent
from surveys.model import Bands


@dataclass
class Deck:
    """What every slide builder needs: the presentation, the (safe) result and the day."""

    prs: object
    result: AnalysisResult
    day: dt.date
    bands: Bands
    #: Every hotspot that may be shown, best first (the summary names the first three).
    ranked: list[Hotspot]
    #: The hotspots that get a slide of their own.
    top: list[Hotspot]
    logo: Logo | None = None

    @property
    def footer(self) -> str:
        return f"{self.result.organisation} · relationship pulse {self.result.wave}"

    @property
    def k(self) -> int:
        return self.result.min_group

    @property
    def first_wave(self) -> bool:
        """Whether this is the first pulse (there is nothing earlier to compare with)."""
        return self.result.waves[:1] in ([], [self.result.wave])

    def slide(self, title: str):
        """A new content slide with ``title``, the footer and the logo."""
        return new_slide(self.prs, title, self.footer, self.logo)


def pair_name(h: Hotspot) -> str:
    return f"{h.from_dept} → {h.to_dept}"


def sentence(text: str) -> str:
    """``text`` as a sentence: capital first letter, closing full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def title_slide(deck: Deck) -> None:
    r = deck.result
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    band = slide.shapes.add_shape(1, 0, 0, Inches(0.35), Inches(SLIDE_H))
    band.fill.solid()
    band.fill.fore_color.rgb = rgb(style.NAVY)
    band.line.fill.background()
    if deck.logo is not None:
        w, h = deck.logo.fit(3.0, 1.3)
        picture = slide.shapes.add_picture(
            str(deck.logo.path), Inches(SLIDE_W - 0.8 - w), Inches(0.6), Inches(w), Inches(h)
        )
        picture.name = "Organisation logo"
    when = deck.day.strftime("%d %B %Y").lstrip("0")
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    texts = (
        ([f"Working together: {r.organisation}"], (style.TITLE_PT + 8, 32, 28), style.NAVY, True),
        ([f"Relationship pulse, wave {r.wave}", when], (22, 20, 18), style.MUTED, False),
    )
    for shape, top, height, (lines, sizes, colour, bold) in zip(
        (title, subtitle), (2.1, 3.75), (1.5, 1.4), texts, strict=True
    ):
        shape.left, shape.top = Inches(1.2), Inches(top)
        shape.width, shape.height = Inches(SLIDE_W - 2.4), Inches(height)
        _fill_placeholder(shape, lines, sizes, colour, bold)
    add_text(
        slide,
        1.2,
        6.3,
        SLIDE_W - 2.4,
        0.5,
        [f"Confidential. Groups of fewer than {deck.k} people are never shown."],
        sizes=(14, 12),
        colour=style.MUTED,
    )
    set_notes(
        slide,
        (
            f"This deck summarises how the departments of {r.organisation} see working with each "
            f"other in pulse {r.wave}. It describes relationships between groups, not people: "
            f"no result covers fewer than {deck.k} respondents and comments are anonymised. "
            "Open by saying that the aim is to find where coordination gets stuck and fix it "
            "together, not to find who is to blame."
        ),
    )


def _fill_placeholder(
    shape, lines: list[str], sizes: tuple[int, ...], colour: str, bold: bool = False
) -> None:
    width, height = Emu(shape.width).inches, Emu(shape.height).inches
    fitted = style.fit(lines, width, height, sizes=sizes, gap_pt=0, bold=bold)
    frame = shape.text_frame
    frame.clear()
    apply_fit(frame, fitted, MSO_ANCHOR.TOP)
    for i, line in enumerate(fitted.paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_before = Pt(0)
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(fitted.size)
        run.font.bold = bold
        run.font.name = style.FONT
        run.font.color.rgb = rgb(colour)


def hotspot_sentence(h: Hotspot, departments: list[str]) -> str:
    """One sentence about a hotspot: the pair, its kind and its first reason."""
    kind = style.KIND_LABELS.get(h.kind, h.kind).split(":")[0].lower()
    reason = (h.reasons[0] if h.reasons else "it ranks high on the combined score").strip()
    names = {d.lower(): d for d in departments}
    first, _, rest = reason.partition(" ")
    if first.lower() in names:  # keep a department's own spelling ("IT", not "iT")
        reason = f"{names[first.lower()]} {rest}".strip()
    elif not first.isupper():
        reason = reason[0].lower() + reason[1:]
    return sentence(f"{pair_name(h)} ({kind}): {reason}")


def participation_line(r: AnalysisResult) -> tuple[str, str]:
    submitted = sum(p.submitted for p in r.participation)
    heads = sum(p.headcount or 0 for p in r.participation if p.headcount)
    if not heads:
        return f"{submitted:,}", f"people answered in {len(r.participation)} departments"
    # "answered", as the app's Overview says it ("1,234 of 2,000 people answered")
    return format_percent(submitted, heads), f"{submitted:,} of {heads:,} people answered"


#: What the summary says about change in the first pulse, and when nothing improved.
FIRST_WAVE = (
    "This is the first pulse, so there is nothing to compare with yet: it sets the baseline "
    "that the next pulses are measured against."
)
NOTHING_IMPROVED = "No pair improved significantly since the last pulse."


def summary_slide(deck: Deck) -> None:
    r = deck.result
    slide = deck.slide("Executive summary")
    heading = add_heading(slide, MARGIN, CONTENT_TOP, 7.6, "Where to look first")
    top3 = deck.ranked[:3]
    y = bottom(heading) + 0.1
    for i, h in enumerate(top3):
        add_card(slide, MARGIN, y, 7.6, 1.45)
        add_text(
            slide,
            MARGIN + 0.1,
            y + 0.1,
            0.6,
            1.25,
            [str(i + 1)],
            sizes=(28,),
            bold=True,
            colour=style.ORANGE,
            anchor=MSO_ANCHOR.MIDDLE,  # level with the sentence, which is centred too
        )
        add_text(
            slide,
            MARGIN + 0.7,
            y + 0.1,
            6.8,
            1.25,
            [hotspot_sentence(h, r.departments)],
            sizes=(18, 16, 14, 13, 12),
            anchor=MSO_ANCHOR.MIDDLE,
        )
        y += 1.6
    if not top3:
        add_text(
            slide,
            MARGIN,
            y,
            7.6,
            1.0,
            ["No pair stands out as a hotspot in this wave."],
            sizes=(18, 16),
        )
    rate, detail = participation_line(r)
    _participation_card(slide, rate, detail)
    _improvements(slide, deck)
    closing = (
        "This is the first pulse: it sets the baseline later pulses are compared with."
        if deck.first_wave
        else "Close on what improved, so that progress made after earlier pulses is recognised."
    )
    set_notes(
        slide,
        (
            "The three pairs listed first are where coordination is weakest or slipping, each "
            "with the main reason in one sentence. Present them as shared problems of two "
            "groups: ask what gets in the way of working together, not who is at fault. "
            f"Participation: {detail} ({rate}). {closing}"
        ),
    )


SIDE_X = 8.8
SIDE_W = SLIDE_W - MARGIN - SIDE_X


def _participation_card(slide, rate: str, detail: str) -> None:
    add_card(slide, SIDE_X, CONTENT_TOP, SIDE_W, 1.9)
    inner = SIDE_W - 0.4
    heading = add_heading(slide, SIDE_X + 0.2, CONTENT_TOP + 0.1, inner, "Participation")
    figure = add_text(
        slide,
        SIDE_X + 0.2,
        bottom(heading),
        inner,
        0.85,
        [rate],
        sizes=(40, 36, 32),
        bold=True,
        colour=style.BLUE,
    )
    room = CONTENT_TOP + 1.85 - bottom(figure)
    add_text(slide, SIDE_X + 0.2, bottom(figure), inner, room, [detail], sizes=(14, 12))


def _improvements(slide, deck: Deck) -> None:
    top = CONTENT_TOP + 2.1
    heading = add_heading(slide, SIDE_X, top, SIDE_W, "What improved")
    if deck.first_wave:
        lines, bullet = [FIRST_WAVE], ""
    elif deck.result.improvements:
        lines, bullet = [sentence(t) for t in deck.result.improvements[:4]], "▲ "
    else:
        lines, bullet = [NOTHING_IMPROVED], ""
    room = CONTENT_BOTTOM - bottom(heading)
    add_text(
        slide, SIDE_X, bottom(heading), SIDE_W, room, lines, bullet=bullet, sizes=(16, 14, 13, 12)
    )
