"""Render the app icon's SVG source into PNG sizes, a Windows .ico and a macOS .icns.

Usage: ``QT_QPA_PLATFORM=offscreen python packaging/make_icons.py``. Reads
``desktop_app/resources/icons/rapport.svg`` and writes next to it ``rapport-<N>.png`` for
each size in :data:`SIZES`, ``rapport.ico`` and ``rapport.icns``. Run it again after
editing the SVG and commit the results (the bundle build does not need Qt's SVG renderer).

Both containers hold PNG images: ICO entries with PNG data are read by Windows Vista and
later; ICNS ``icp4``/``icp5``/``ic07``... entries are PNG on macOS 10.7 and later, so no
macOS tool (``iconutil``) is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "desktop_app" / "resources" / "icons"
SOURCE = ICONS / "rapport.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element type of each PNG size (Apple's "icns" format, PNG-carrying types).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)  # fmt: skip


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels (transparent background), as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A .ico file holding the PNG images (``ICONDIR`` + one ``ICONDIRENTRY`` each)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A .icns file holding the PNG images under their ICNS element types."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    pngs = {size: render_png(SOURCE, size) for size in SIZES}
    for size, png in pngs.items():
        (ICONS / f"rapport-{size}.png").write_bytes(png)
    (ICONS / "rapport.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "rapport.icns").write_bytes(icns_bytes(pngs))
    print(f"Wrote {len(pngs)} PNG sizes, rapport.ico and rapport.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
