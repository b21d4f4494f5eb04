"""The deck rendered by LibreOffice, with and without Calibri-compatible fonts: no text may
leave its box or be broken inside a word (see ``tests/analysis/deck_render.py``).

Three decks are rendered: the demo (with an organisation logo), the export fixture with
very long texts, and eight departments with long names. CI installs LibreOffice and
Carlito (``scripts/bootstrap.sh --test``) and sets ``RAPPORT_REQUIRE_LIBREOFFICE=1``, which
turns a missing LibreOffice or font into a failure instead of a skip.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path

import pytest

from analysis.export import write_deck
from analysis.results import AnalysisResult, Hotspot, PairResult, Participation
from surveys.model import DIMENSIONS, Bands
from tests.analysis import deck_render
from tests.analysis.export_fixtures import analysis_result

DAY = dt.date(2026, 11, 2)
REQUIRED = os.environ.get("RAPPORT_REQUIRE_LIBREOFFICE") == "1"
CALIBRI_LIKE = ("Carlito", "Calibri")
LONG_NAMES = [
    "Research and Development",
    "Customer Success",
    "Finance",
    "Human Resources",
    "Manufacturing",
    "Quality Assurance",
    "Procurement",
    "Legal",
]

pytestmark = pytest.mark.slow


def _need(ok: bool, reason: str) -> None:
    if not ok:
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)


def broken_lines() -> AnalysisResult:
    """The export fixture whose quotes are comments written on many lines (sixth hostile
    round: one respondent's forty line breaks ran a quote 290 pt out of its card)."""
    result = analysis_result()
    for hotspot in result.hotspots:
        hotspot.quotes = ["Slow" + "\n" * 40 + "replies from them", "Three things:\n- slow\n- late"]
    result.themes = result.themes[:2]  # a short chart, with the examples' cards under it
    for theme in result.themes:
        theme.example = "Late" + "\n\n" * 20 + "again,\u2028every week"
    return result


def long_texts() -> AnalysisResult:
    """The export fixture with every text made long."""
    result = analysis_result()
    result.organisation = "Northwind Diagnostics and Laboratory Services International"
    top = result.hotspots[0]
    top.reasons = [f"Reason {i}: " + "escalation goes over their heads " * 8 for i in range(5)]
    top.actions = ["Agree on a shared intake and publish what changes " * 4] * 3
    top.themes = ["responsiveness", "process and approvals", "blame and accountability"] * 2
    top.quotes = ["Three weeks for a report change, again, and nobody tells us why. " * 4] * 2
    result.improvements = [
        "IT → Operations rose from 3.9 to 4.2 after the liaison meetings began " * 2
    ] * 4
    result.method = {key: text * 3 for key, text in result.method.items()}
    return result


def rated_pairs(names: list[str]) -> list[PairResult]:
    """Every pair of ``names`` rated, made-up figures; one pair in eleven hidden."""
    bands = Bands()
    pairs = []
    for i, (src, dst) in enumerate(itertools.permutations(names, 2)):
        index = round(2.6 + (i * 37 % 23) / 10, 2)
        suppressed = i % 11 == 3
        pairs.append(
            PairResult(
                "2026-10",
                src,
                dst,
                3 if suppressed else 12 + i % 30,
                suppressed,
                {} if suppressed else {d: index for d in DIMENSIONS},
                overall=None if suppressed else index,
                index=None if suppressed else index,
                band=None if suppressed else bands.band(index),
            )
        )
    return pairs


def many_departments() -> AnalysisResult:
    """Eight departments with long names, every pair rated."""
    pairs = rated_pairs(LONG_NAMES)
    weak = sorted((p for p in pairs if p.index is not None), key=lambda p: p.index)[:2]
    hotspots = [
        Hotspot(p.from_dept, p.to_dept, "2026-10", rank, "one-sided", 0.8, reasons=["weak"])
        for rank, p in enumerate(weak, start=1)
    ]
    return AnalysisResult(
        organisation="Contoso Manufacturing",
        wave="2026-10",
        waves=["2026-10"],
        departments=LONG_NAMES,
        min_group=5,
        min_comment_group=5,
        pairs=pairs,
        organisation_index=3.5,
        hotspots=hotspots,
        participation=[
            Participation(d, 120, 80 + i, (80 + i) / 120) for i, d in enumerate(LONG_NAMES)
        ],
        suppressed_pairs=sum(p.suppressed for p in pairs),
    )


def _logo(folder: Path) -> Path:
    from PIL import Image, ImageDraw

    path = folder / "logo.png"
    image = Image.new("RGB", (600, 200), "#1f3a5f")
    ImageDraw.Draw(image).rectangle((40, 40, 160, 160), fill="#f0a048")
    image.save(path)
    return path


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three decks as .pptx files."""
    from analysis.export.branding import save_logo
    from analysis.export.run import export_workspace
    from surveys.demo import build_demo

    tmp = tmp_path_factory.mktemp("render")
    folder = tmp / "demo"
    build_demo(folder)
    save_logo(folder, _logo(tmp))
    export_workspace(folder, pptx=tmp / "demo.pptx", day=DAY)
    write_deck(long_texts(), tmp / "long.pptx", day=DAY, hotspots=3)
    write_deck(many_departments(), tmp / "eight.pptx", day=DAY)
    write_deck(broken_lines(), tmp / "breaks.pptx", day=DAY, hotspots=3)
    write_deck(_forty(tmp), tmp / "forty.pptx", day=DAY)
    names = ("demo", "long", "eight", "breaks", "forty")
    return {name: tmp / f"{name}.pptx" for name in names}


def _forty(tmp: Path) -> AnalysisResult:
    """A large sparse organisation (``bench/large_org.py``): its matrix of 40 columns broke
    every name a letter a line, and its 40 participation rows ran off the slide."""
    from analysis.pipeline import analyse_workspace
    from bench.large_org import build

    return analyse_workspace(build(tmp / "forty", 40))


@pytest.fixture(scope="module")
def probes(decks: dict[str, Path]) -> dict[str, tuple[Path, list]]:
    out = {}
    for name, path in decks.items():
        target = path.with_name(f"{name}-probe.pptx")
        out[name] = (target, deck_render.probe_copy(path, target))
    return out


@pytest.fixture(scope="module", params=[True, False], ids=["with-carlito", "without-carlito"])
def rendered(request, probes, tmp_path_factory) -> tuple[bool, dict[str, Path]]:
    """The probes as PDF, with or without Calibri-compatible fonts."""
    calibri = request.param
    _need(
        deck_render.soffice() is not None,
        "LibreOffice is not installed (apt-get install libreoffice-impress "
        "fonts-crosextra-carlito; scripts/bootstrap.sh --test does it as root)",
    )
    folder = tmp_path_factory.mktemp("pdf")
    font = deck_render.calibri_font(hidden=not calibri, folder=folder)
    if calibri:
        _need(
            font in CALIBRI_LIKE,
            f"no Calibri-compatible font (fc-match gives {font!r}): "
            "apt-get install fonts-crosextra-carlito",
        )
    else:
        assert font not in CALIBRI_LIKE, "fontconfig did not hide Carlito"
    names = list(probes)
    pdfs = deck_render.render_pdfs([probes[n][0] for n in names], folder, calibri=calibri)
    return calibri, dict(zip(names, pdfs, strict=True))


def test_the_fonts_are_the_ones_asked_for(rendered) -> None:
    calibri, pdfs = rendered
    fonts = deck_render.pdf_fonts(pdfs["demo"])
    assert any(f.startswith(CALIBRI_LIKE) for f in fonts) == calibri, fonts


@pytest.mark.parametrize("name", ["demo", "long", "eight", "breaks", "forty"])
def test_no_text_leaves_its_box_or_breaks_a_word(rendered, probes, name: str) -> None:
    calibri, pdfs = rendered
    label = f"{name} deck {'with' if calibri else 'without'} Carlito"
    found = deck_render.problems(pdfs[name], probes[name][1], label)
    assert not found, "\n".join(found)


def test_the_check_catches_overflow_and_broken_words(tmp_path: Path) -> None:
    """The checker itself: a box too small for its text and a cell too narrow for a word."""
    _need(deck_render.soffice() is not None, "LibreOffice is not installed")
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(0.4))
    box.text_frame.word_wrap = True
    box.text_frame.text = "A sentence far too long for this small box, it spills below. " * 2
    table = slide.shapes.add_table(1, 1, Inches(1), Inches(3), Inches(0.6), Inches(0.4)).table
    table.cell(0, 0).text = "Headcount"
    for frame in (box.text_frame, table.cell(0, 0).text_frame):
        frame.paragraphs[0].runs[0].font.size = Pt(18)
    prs.save(str(tmp_path / "bad.pptx"))
    boxes = deck_render.probe_copy(tmp_path / "bad.pptx", tmp_path / "bad-probe.pptx")
    (pdf,) = deck_render.render_pdfs([tmp_path / "bad-probe.pptx"], tmp_path, calibri=False)
    found = deck_render.problems(pdf, boxes, "bad")
    assert any("outside its box" in p and "TextBox" in p for p in found), found
    assert any("words broken" in p and "Headcount" in p for p in found), found
