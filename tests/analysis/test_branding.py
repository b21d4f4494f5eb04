"""The organisation's logo: checked (type, size, pixels), stored in the workspace, placed
on the title slide and in every footer of the deck."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from analysis.export import write_deck
from analysis.export.branding import (
    MAX_BYTES,
    LogoError,
    check_logo,
    remove_logo,
    save_logo,
    workspace_logo,
)
from tests.analysis.export_fixtures import analysis_result


def _image(path: Path, size=(400, 120), kind="PNG") -> Path:
    Image.new("RGB", size, "#1f3a5f").save(path, kind)
    return path


def test_png_and_jpeg_are_accepted_and_stored_in_the_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    logo = save_logo(folder, _image(tmp_path / "brand.png"))
    assert logo.path == folder / "logo.png" and (logo.width_px, logo.height_px) == (400, 120)
    assert workspace_logo(folder) == logo
    jpeg = save_logo(folder, _image(tmp_path / "brand.jpeg", kind="JPEG"))
    assert jpeg.path == folder / "logo.jpg" and not (folder / "logo.png").exists()
    assert remove_logo(folder) and workspace_logo(folder) is None
    assert not remove_logo(folder)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: _image(p / "a.gif", kind="GIF"), "a GIF image; choose a PNG or JPEG"),
        (lambda p: (p / "b.png").write_text("not an image") and p / "b.png", "not a readable"),
        (lambda p: _image(p / "c.png", size=(5000, 100)), "5000 × 100 pixels"),
        (lambda p: _image(p / "d.png", size=(10, 10)), "16 to 4000 pixels"),
        (lambda p: p / "missing.png", "no such file"),
    ],
)
def test_bad_logos_are_refused_with_the_reason(tmp_path: Path, make, message: str) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    kept = save_logo(folder, _image(tmp_path / "good.png"))
    with pytest.raises(LogoError, match=message):
        save_logo(folder, make(tmp_path))
    assert workspace_logo(folder) == kept  # the stored logo is unchanged


def test_a_file_over_two_megabytes_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG" + b"\0" * (MAX_BYTES + 1))
    with pytest.raises(LogoError, match="at most 2 MB"):
        check_logo(big)


def test_the_deck_shows_the_logo_on_the_title_slide_and_in_every_footer(tmp_path: Path) -> None:
    logo = check_logo(_image(tmp_path / "brand.png"))
    result = analysis_result()
    write_deck(result, tmp_path / "d.pptx", day=dt.date(2026, 9, 30), logo=logo)
    slides = list(Presentation(str(tmp_path / "d.pptx")).slides)
    pictures = [
        [s.name for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] for slide in slides
    ]
    assert pictures[0] == ["Organisation logo"]
    assert all(names == ["Footer logo"] for names in pictures[1:])
    for slide in slides[1:]:
        footer = [s for s in slide.shapes if s.has_text_frame and "relationship pulse" in s.text]
        assert footer and footer[0].text.startswith(result.organisation)
        picture = next(s for s in slide.shapes if s.name == "Footer logo")
        assert picture.left >= footer[0].left + footer[0].width  # side by side, no overlap
        assert abs(picture.width / picture.height - 400 / 120) < 0.01  # proportions kept
