"""The opening slides of the deck: title, executive summary, heatmap and hotspots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from analysis.export import style
from analysis.export.pptx_shapes import (
    CONTENT_TOP,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    add_card,
    add_heading,
    add_text,
    new_slide,
    rgb,
    set_notes,
)
from analysis.results import AnalysisResult, Hotspot
from surveys.model import Bands


@dataclass
class Deck:
    """What every slide builder needs: the presentation, the (safe) result and the day."""

    prs: object
    result: AnalysisResult
    day: dt.date
    bands: Bands
    top: list[Hotspot]

    @property
    def footer(self) -> str:
        return f"{self.result.organisation} · relationship pulse {self.result.wave}"

    @property
    def k(self) -> int:
        return self.result.min_group


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
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    for shape, top, height in ((title, 2.1, 1.5), (subtitle, 3.75, 1.4)):
        shape.left, shape.top = Inches(1.2), Inches(top)
        shape.width, shape.height = Inches(SLIDE_W - 2.4), Inches(height)
    _fill_placeholder(
        title, [f"Working together: {r.organisation}"], style.TITLE_PT + 8, style.NAVY, bold=True
    )
    when = deck.day.strftime("%d %B %Y").lstrip("0")
    _fill_placeholder(subtitle, [f"Relationship pulse, wave {r.wave}", when], 22, style.MUTED)
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


def _fill_placeholder(shape, lines: list[str], size: int, colour: str, bold: bool = False):
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
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
        return f"{submitted}", f"responses from {len(r.participation)} departments"
    return f"{submitted / heads:.0%}", f"{submitted} of {heads} staff responded"


def summary_slide(deck: Deck) -> None:
    r = deck.result
    slide = new_slide(deck.prs, "Executive summary", deck.footer)
    add_heading(slide, MARGIN, CONTENT_TOP, 7.6, "Where to look first")
    top3 = deck.top[:3]
    for i, h in enumerate(top3):
        y = CONTENT_TOP + 0.5 + i * 1.6
        add_card(slide, MARGIN, y, 7.6, 1.45)
        add_text(
            slide,
            MARGIN + 0.1,
            y + 0.12,
            0.6,
            0.6,
            [str(i + 1)],
            sizes=(28,),
            bold=True,
            colour=style.ORANGE,
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
    if not top3:
        add_text(
            slide,
            MARGIN,
            CONTENT_TOP + 0.5,
            7.6,
            1.0,
            ["No pair stands out as a hotspot in this wave."],
            sizes=(18, 16),
        )
    rate, detail = participation_line(r)
    x = 8.8
    add_card(slide, x, CONTENT_TOP, SLIDE_W - MARGIN - x, 1.9)
    add_heading(slide, x + 0.2, CONTENT_TOP + 0.1, 3.5, "Participation")
    add_text(
        slide,
        x + 0.2,
        CONTENT_TOP + 0.5,
        3.5,
        0.8,
        [rate],
        sizes=(40,),
        bold=True,
        colour=style.BLUE,
    )
    add_text(slide, x + 0.2, CONTENT_TOP + 1.3, 3.5, 0.5, [detail], sizes=(14, 12))
    add_heading(slide, x, CONTENT_TOP + 2.1, 3.9, "What improved")
    improved = r.improvements or ["No pair improved significantly since the last pulse."]
    add_text(
        slide,
        x,
        CONTENT_TOP + 2.5,
        SLIDE_W - MARGIN - x,
        3.0,
        [sentence(t) for t in improved[:4]],
        bullet="▲ ",
        sizes=(16, 14, 13, 12),
    )
    set_notes(
        slide,
        (
            "The three pairs listed first are where coordination is weakest or slipping, each "
            "with the main reason in one sentence. Present them as shared problems of two "
            "groups: ask what gets in the way of working together, not who is at fault. "
            f"Participation: {detail} ({rate}). Close on what improved, so that progress made "
            "after earlier pulses is recognised."
        ),
    )
