"""Render the app's icon from its SVG at the sizes desktops use, as a hicolor icon theme.

Run by the PyInstaller spec at build time: ``python packaging/render_icons.py OUT_DIR``
writes ``OUT_DIR/hicolor/NxN/apps/study-planner.png`` for each size, the SVG itself under
``hicolor/scalable/apps/`` and ``OUT_DIR/study-planner.ico`` (the Windows executable's icon).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "study-planner.svg"
NAME = "study-planner"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZE = 256


def _write_if_changed(target: Path, data: bytes) -> Path:
    """Leave an identical file untouched, so PyInstaller's cached analysis stays valid."""
    if not target.exists() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target


def render_icons(out_dir: Path) -> list[Path]:
    """Write the icon theme into ``out_dir``; return the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")

    def encoded(image: QImage, image_format: str) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, image_format):
            raise SystemExit(f"Qt cannot write {image_format} (is its image format plugin there?)")
        return bytes(buffer.data().data())

    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        png = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        written.append(_write_if_changed(png, encoded(image, "PNG")))
        if size == ICO_SIZE:
            ico = out_dir / f"{NAME}.ico"
            written.append(_write_if_changed(ico, encoded(image, "ICO")))
    scalable = out_dir / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    written.append(_write_if_changed(scalable, SVG.read_bytes()))
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: render_icons.py OUT_DIR")
    render_icons(Path(sys.argv[1]))
