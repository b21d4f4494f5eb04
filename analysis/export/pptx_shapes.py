"""Building blocks of the deck: slides with real titles, fitted text boxes, table cells."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from analysis.export import style

SLIDE_W = 13.333
SLIDE_H = 7.5
MARGIN = 0.6
CONTENT_TOP = 1.35
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_ONLY_LAYOUT = 5


def rgb(colour: str) -> RGBColor:
    """A python-pptx colour from a hex string."""
    return RGBColor.from_string(colour)


def new_slide(prs, title: str, footer: str):
    """A slide with a real title placeholder (so outlines and screen readers find it)."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(0.35)
    shape.width, shape.height = Inches(CONTENT_W), Inches(0.8)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    lines, size = style.fit([title], CONTENT_W, 0.8, sizes=(style.TITLE_PT, 24, 22, 20))
    frame.text = lines[0] if lines else title
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _style_run(paragraph.runs[0], size, bold=True, colour=style.NAVY)
    rule = slide.shapes.add_connector(
        1, Inches(MARGIN), Inches(1.17), Inches(SLIDE_W - MARGIN), Inches(1.17)
    )
    rule.line.color.rgb = rgb(style.RULE)
    rule.line.width = Pt(1)
    add_text(
        slide,
        MARGIN,
        SLIDE_H - 0.45,
        CONTENT_W,
        0.35,
        [footer],
        sizes=(style.SMALL_PT,),
        colour=style.MUTED,
    )
    return slide


def _style_run(
    run, size: float, *, bold: bool = False, colour: str = style.INK, italic: bool = False
) -> None:
    run.font.name = style.FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = rgb(colour)


def add_text(
    slide,
    x: float,
    y: float,
    w: float,
    h: float,
    paragraphs: list[str],
    *,
    sizes: tuple[int, ...] = (18, 16, 14, 13, 12),
    colour: str = style.INK,
    bold: bool = False,
    italic: bool = False,
    bullet: str = "",
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    fill: str | None = None,
    gap_pt: float = 6,
):
    """A text box at (x, y) of w × h inches whose text is sized (and if needed shortened)
    to fit inside it. Returns the shape."""
    prefixed = [f"{bullet}{p}" for p in paragraphs]
    lines, size = style.fit(prefixed, w, h, sizes=sizes, gap_pt=gap_pt)
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = rgb(fill)
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    for i, line in enumerate(lines or [""]):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        if i:
            paragraph.space_before = Pt(gap_pt)
        run = paragraph.add_run()
        run.text = line
        _style_run(run, size, bold=bold, colour=colour, italic=italic)
    return box


def add_heading(slide, x: float, y: float, w: float, text: str, colour: str = style.NAVY):
    """A small bold section heading (0.4 in high)."""
    return add_text(slide, x, y, w, 0.4, [text], sizes=(16, 14, 12), bold=True, colour=colour)


def add_card(
    slide, x: float, y: float, w: float, h: float, fill: str = style.CARD, line: str | None = None
):
    """A flat rounded rectangle used as a card behind text."""
    shape = slide.shapes.add_shape(5, Inches(x), Inches(y), Inches(w), Inches(h))
    shape.adjustments[0] = 0.06
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    if line:
        shape.line.color.rgb = rgb(line)
        shape.line.width = Pt(1)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    shape.text_frame.text = ""
    return shape


def set_cell(
    cell,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    fill: str | None = None,
    colour: str = style.INK,
    align=PP_ALIGN.CENTER,
    italic: bool = False,
) -> None:
    """Fill a table cell with text (one paragraph per line) in the deck's style."""
    frame = cell.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        _style_run(run, size, bold=bold and i == 0, colour=colour, italic=italic)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = rgb(fill)


def set_notes(slide, text: str) -> None:
    """The speaker notes of ``slide``."""
    slide.notes_slide.notes_text_frame.text = text
