"""Building blocks of the deck: slides with real titles, fitted text boxes, table cells."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from analysis.export import measure, style

SLIDE_W = 13.333
SLIDE_H = 7.5
MARGIN = 0.6
CONTENT_TOP = 1.35
#: Content ends above the footer.
CONTENT_BOTTOM = 6.95
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_ONLY_LAYOUT = 5


def rgb(colour: str) -> RGBColor:
    """A python-pptx colour from a hex string."""
    return RGBColor.from_string(colour)


def new_slide(prs, title: str, footer: str, logo=None):
    """A slide with a real title placeholder (so outlines and screen readers find it), a
    rule under it and the footer (with the organisation's logo, if any)."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(0.35)
    shape.width, shape.height = Inches(CONTENT_W), Inches(0.8)
    fitted = style.fit([title], CONTENT_W, 0.8, sizes=(style.TITLE_PT, 24, 22, 20), bold=True)
    frame = shape.text_frame
    frame.text = fitted.paragraphs[0] if fitted.paragraphs else title
    apply_fit(frame, fitted, MSO_ANCHOR.MIDDLE)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _style_run(paragraph.runs[0], fitted.size, bold=True, colour=style.NAVY)
    rule = slide.shapes.add_connector(
        1, Inches(MARGIN), Inches(1.17), Inches(SLIDE_W - MARGIN), Inches(1.17)
    )
    rule.line.color.rgb = rgb(style.RULE)
    rule.line.width = Pt(1)
    add_footer(slide, footer, logo)
    return slide


#: The footer's box: its top and height (inches).
FOOTER_Y = SLIDE_H - 0.45
FOOTER_H = 0.35


def add_footer(slide, text: str, logo=None) -> None:
    """The footer line, with the logo (a :class:`analysis.export.branding.Logo`) at its
    right end when there is one."""
    width = CONTENT_W
    if logo is not None:
        w, h = logo.fit(1.6, FOOTER_H - 0.05)
        slide.shapes.add_picture(
            str(logo.path),
            Inches(SLIDE_W - MARGIN - w),
            Inches(FOOTER_Y + (FOOTER_H - h) / 2),
            Inches(w),
            Inches(h),
        ).name = "Footer logo"
        width -= w + 0.2
    add_text(
        slide,
        MARGIN,
        FOOTER_Y,
        width,
        FOOTER_H,
        [text],
        sizes=(style.SMALL_PT,),
        colour=style.MUTED,
        anchor=MSO_ANCHOR.MIDDLE,
    )


def _style_run(
    run, size: float, *, bold: bool = False, colour: str = style.INK, italic: bool = False
) -> None:
    run.font.name = style.FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = rgb(colour)


def apply_fit(frame, fitted: style.Fitted, anchor=MSO_ANCHOR.TOP) -> None:
    """Margins, wrapping, anchoring and shrink-on-overflow of a text frame.

    Every box may shrink its text on overflow (``normAutofit``), so text typed into it
    later in PowerPoint or Impress shrinks instead of spilling out. PowerPoint shows the
    stored font scale until the text is edited, so the scale written is the one measured
    (:attr:`analysis.export.style.Fitted.scale`; usually none).
    """
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(style.INSET_X)
    frame.margin_top = frame.margin_bottom = Inches(style.INSET_Y)
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    autofit = frame._txBody.bodyPr.find(qn("a:normAutofit"))
    if fitted.scale < 1.0:
        autofit.set("fontScale", str(round(fitted.scale * 100000)))


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
    """A text box at (x, y), ``w`` inches wide and at most ``h`` high, whose text is
    measured and sized (if needed shortened, then shrunk) to fit inside it.

    A top-anchored box is only as high as its text needs (so what follows can be placed
    right under it); a box anchored in the middle keeps the height ``h``. Returns the shape.
    """
    prefixed = [f"{bullet}{p}" for p in paragraphs]
    fitted = style.fit(prefixed, w, h, sizes=sizes, gap_pt=gap_pt, bold=bold)
    height = fitted.height if anchor == MSO_ANCHOR.TOP and not fill else h
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(height))
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = rgb(fill)
    frame = box.text_frame
    apply_fit(frame, fitted, anchor)
    for i, line in enumerate(fitted.paragraphs or [""]):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        if i:
            paragraph.space_before = Pt(gap_pt)
        run = paragraph.add_run()
        run.text = line
        _style_run(run, fitted.size, bold=bold, colour=colour, italic=italic)
    return box


@dataclass(frozen=True)
class Para:
    """One paragraph of a mixed text box: its text and look, and the space above it."""

    text: str
    size: float
    bold: bool = False
    colour: str = style.INK
    space_before: float = 0.0


def paras_height(paras: list[Para], width_in: float) -> float | None:
    """Height in inches a box ``width_in`` wide needs for ``paras`` (margins included);
    ``None`` if a word is wider than the box."""
    inner = (width_in - 2 * style.INSET_X) * 72
    total = 0.0
    for i, para in enumerate(paras):
        height = measure.text_height([para.text], inner, para.size, bold=para.bold)
        if height is None:
            return None
        total += height + (para.space_before if i else 0.0)
    return total / 72 + 2 * style.INSET_Y


def add_paras(slide, x: float, y: float, w: float, paras: list[Para]):
    """A top-anchored text box of paragraphs with their own sizes and colours, as high as
    they need (measure first with :func:`paras_height`). Returns the shape."""
    height = paras_height(paras, w) or 0.5
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(height))
    frame = box.text_frame
    apply_fit(frame, style.Fitted([p.text for p in paras], 0, 1.0, height))
    for i, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        if i:
            paragraph.space_before = Pt(para.space_before)
        run = paragraph.add_run()
        run.text = para.text
        _style_run(run, para.size, bold=para.bold, colour=para.colour)
    return box


def add_heading(slide, x: float, y: float, w: float, text: str, colour: str = style.NAVY):
    """A small bold section heading (at most 0.4 in high)."""
    return add_text(slide, x, y, w, 0.4, [text], sizes=(16, 14, 12), bold=True, colour=colour)


def bottom(shape) -> float:
    """Where ``shape`` ends, in inches from the top of the slide."""
    return Emu(shape.top + shape.height).inches


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


#: A table cell's inner margins (inches).
CELL_INSET_X = 0.06
CELL_INSET_Y = 0.03


def cell_width(texts: list[str], size: float, *, bold: bool = False) -> float:
    """Width in inches a column needs to show each of ``texts`` on one line."""
    widest = max(
        (measure.text_width(t, size, bold=bold, face=f) for t in texts for f in measure.FACES),
        default=0.0,
    )
    return widest / 72 + 2 * CELL_INSET_X + 0.02


def cell_height(lines: list[tuple[str, float, bool]], width_in: float) -> float | None:
    """Height in inches a cell ``width_in`` wide needs for ``lines`` of (text, size, bold),
    one paragraph each; ``None`` if a word is wider than the cell."""
    inner = (width_in - 2 * CELL_INSET_X) * 72
    total = 0.0
    for text, size, bold in lines:
        height = measure.text_height([text], inner, size, bold=bold)
        if height is None:
            return None
        total += height
    return total / 72 + 2 * CELL_INSET_Y


def fitting_name(name: str, width_in: float, size: float, *, bold: bool = True) -> str:
    """``name``, shortened with "…" until each of its words fits a cell ``width_in`` wide.

    A department may be one long word ("Qualitätssicherungsabteilung"), which no cell
    width measured for ordinary names holds.
    """
    shown = name
    while cell_height([(shown, size, bold)], width_in) is None and len(shown) > 2:
        shown = style.shorten(shown, len(shown) - 1)
    return shown


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
    cell.margin_left = cell.margin_right = Inches(CELL_INSET_X)
    cell.margin_top = cell.margin_bottom = Inches(CELL_INSET_Y)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = rgb(fill)


def set_notes(slide, text: str) -> None:
    """The speaker notes of ``slide``."""
    slide.notes_slide.notes_text_frame.text = text
