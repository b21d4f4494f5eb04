"""The findings as an editable PowerPoint deck (16:9, native charts and tables, notes).

Slides: title; executive summary; relationship heatmap; one slide per top hotspot; trends
of the hotspot pairs with action markers; themes; participation; method and privacy.
Every slide has speaker notes. The result goes through the anonymity rules again first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from analysis.export import DEFAULT_HOTSPOT_SLIDES, MAX_HOTSPOT_SLIDES
from analysis.export.branding import Logo
from analysis.export.files import atomic_file, check_target
from analysis.export.pptx_appendix import (
    has_participation,
    has_themes,
    has_trends,
    method_slide,
    participation_slide,
    themes_slide,
    trends_slide,
)
from analysis.export.pptx_pair_list import HEATMAP_UP_TO, page_count, pair_list_slide
from analysis.export.pptx_pairs import heatmap_slide, hotspot_slide
from analysis.export.pptx_slides import Deck, summary_slide, title_slide
from analysis.export.safety import exportable
from analysis.export.zip_day import save_deck
from analysis.results import AnalysisResult
from surveys.progress import Progress, sub_progress


def build_deck(
    result: AnalysisResult,
    *,
    hotspots: int = DEFAULT_HOTSPOT_SLIDES,
    day: dt.date | None = None,
    progress: Progress | None = None,
    logo: Logo | None = None,
):
    """Build the deck in memory and return the python-pptx ``Presentation``.

    See :func:`write_deck` for the parameters.
    """
    from pptx import Presentation
    from pptx.util import Inches

    from analysis.export.pptx_shapes import SLIDE_H, SLIDE_W

    report = sub_progress(progress, 0.0, 1.0)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    safe = exportable(result)
    ranked = sorted(safe.hotspots, key=lambda h: h.rank)
    top = ranked[: max(0, min(hotspots, MAX_HOTSPOT_SLIDES))]
    deck = Deck(prs, safe, day or dt.date.today(), safe.bands, ranked, top, logo)
    steps = planned_slides(deck)
    for i, step in enumerate(steps):
        report(i / len(steps), f"Writing slide {i + 1} of {len(steps)}")
        step(deck)
    _properties(prs, safe, deck.day)
    return prs


def planned_slides(deck: Deck) -> list[Callable[[Deck], None]]:
    """The builders of the slides this deck will have, in order (one slide each): slides
    with nothing to show (no trends, themes or participation) are left out."""
    steps: list[Callable[[Deck], None]] = [title_slide, summary_slide]
    if len(deck.result.departments) <= HEATMAP_UP_TO:
        steps.append(heatmap_slide)
    else:  # a matrix of this many departments does not fit a slide
        steps += [partial(pair_list_slide, page=i) for i in range(page_count(deck))]
    steps += [partial(hotspot_slide, h=h, number=i) for i, h in enumerate(deck.top, 1)]
    optional = (
        (trends_slide, has_trends),
        (themes_slide, has_themes),
        (participation_slide, has_participation),
    )
    steps += [build for build, wanted in optional if wanted(deck)]
    return steps + [method_slide]


def _properties(prs, result: AnalysisResult, day: dt.date) -> None:
    props = prs.core_properties
    stamp = dt.datetime.combine(day, dt.time())
    props.title = f"{result.organisation}: relationship pulse {result.wave}"
    props.author = props.last_modified_by = "Rapport"
    props.subject = "Relationships between departments"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1


def write_deck(
    result: AnalysisResult,
    path: str | Path,
    progress: Progress | None = None,
    *,
    hotspots: int = DEFAULT_HOTSPOT_SLIDES,
    day: dt.date | None = None,
    logo: Logo | None = None,
) -> Path:
    """Write the findings of ``result`` as an editable ``.pptx`` deck.

    Parameters
    ----------
    result : AnalysisResult
        The analysis to present (anonymity rules are applied again here); its ``bands``
        draw the legend and the trend chart.
    path : path
        The ``.pptx`` file; an existing one is replaced only once the new deck is complete.
    progress : Progress, optional
        Called with the fraction done and a message; may raise ``Cancelled``.
    hotspots : int
        How many top hotspots get a slide of their own (at most 5).
    day : datetime.date, optional
        The date on the title slide and in the file properties (default: today).
    logo : Logo, optional
        The organisation's logo (:func:`analysis.export.branding.workspace_logo`), shown on
        the title slide and in every footer.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ExportError
        If the path cannot be written.
    """
    target = check_target(path, ".pptx")
    day = day or dt.date.today()
    prs = build_deck(result, hotspots=hotspots, day=day, progress=progress, logo=logo)
    with atomic_file(target) as temp:
        save_deck(prs, temp, day)
    if progress is not None:
        progress(1.0, f"Wrote {target.name}")
    return target
