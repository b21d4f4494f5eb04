"""The organisation's logo: checked, kept in the workspace folder, placed on the deck.

HR chooses the logo in Settings. It is checked (a PNG or JPEG image of at most 2 MB and
4,000 pixels a side that Pillow can read), then copied into the workspace folder as
``logo.png`` or ``logo.jpg``, so that it moves with the workspace. The deck puts it on the
title slide and at the end of every footer.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from surveys.errors import RapportError

#: Image formats a logo may have (Pillow's name -> the stored file's suffix).
FORMATS: dict[str, str] = {"PNG": ".png", "JPEG": ".jpg"}
MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
MIN_SIDE = 16
LOGO_STEM = "logo"


class LogoError(RapportError):
    """A logo file was refused; the message says why and what to choose instead."""


@dataclass(frozen=True)
class Logo:
    """A checked logo image and its size in pixels."""

    path: Path
    width_px: int
    height_px: int

    def fit(self, max_w: float, max_h: float) -> tuple[float, float]:
        """Width and height (inches) of the logo scaled into ``max_w`` × ``max_h``,
        keeping its proportions."""
        scale = min(max_w / self.width_px, max_h / self.height_px)
        return self.width_px * scale, self.height_px * scale


def check_logo(path: str | Path) -> Logo:
    """Check that ``path`` is a usable logo.

    Parameters
    ----------
    path : path
        The image file.

    Returns
    -------
    Logo
        The file and its size.

    Raises
    ------
    LogoError
        If the file is missing, too big, not a PNG or JPEG image, damaged, or too small or
        too large in pixels.
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise LogoError(f"{path}: no such file. Choose a PNG or JPEG image.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LogoError(
            f"{path}: the file is {size / 1024 / 1024:.1f} MB; a logo may be at most "
            f"{MAX_BYTES // 1024 // 1024} MB. Save a smaller copy (a few hundred pixels wide "
            "is plenty) and choose that."
        )
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise LogoError(
            f"{path}: not a readable image ({exc.__class__.__name__}). Choose a PNG or JPEG file."
        ) from None
    if kind not in FORMATS:
        raise LogoError(f"{path}: a {kind} image; choose a PNG or JPEG file.")
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
        raise LogoError(
            f"{path}: {width} × {height} pixels; a logo must be {MIN_SIDE} to {MAX_SIDE} "
            "pixels on each side."
        )
    return Logo(path, width, height)


def save_logo(folder: str | Path, source: str | Path) -> Logo:
    """Check ``source`` and store a copy as the workspace's logo (replacing any earlier one).

    Parameters
    ----------
    folder : path
        The workspace folder.
    source : path
        The image HR chose.

    Returns
    -------
    Logo
        The stored copy.

    Raises
    ------
    LogoError
        If the image is refused (:func:`check_logo`); the stored logo is then unchanged.
    """
    checked = check_logo(source)
    folder = Path(folder)
    from PIL import Image

    with Image.open(checked.path) as image:
        suffix = FORMATS[str(image.format)]
    target = folder / f"{LOGO_STEM}{suffix}"
    data = checked.path.read_bytes()
    handle, temp = tempfile.mkstemp(prefix=".logo-", dir=folder)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temp, target)
    for other in FORMATS.values():
        if other != suffix:
            (folder / f"{LOGO_STEM}{other}").unlink(missing_ok=True)
    return Logo(target, checked.width_px, checked.height_px)


def remove_logo(folder: str | Path) -> bool:
    """Remove the workspace's logo; whether there was one."""
    removed = False
    for suffix in FORMATS.values():
        path = Path(folder) / f"{LOGO_STEM}{suffix}"
        if path.exists():
            path.unlink()
            removed = True
    return removed


def workspace_logo(folder: str | Path) -> Logo | None:
    """The workspace's logo, or ``None`` when there is none (or the stored file no longer
    passes :func:`check_logo`, e.g. after it was replaced by hand)."""
    for suffix in FORMATS.values():
        path = Path(folder) / f"{LOGO_STEM}{suffix}"
        if path.is_file():
            try:
                return check_logo(path)
            except LogoError:
                return None
    return None
