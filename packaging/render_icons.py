"""Render the app's icon from its SVG at the sizes desktops use, as a hicolor icon theme.

Run by the PyInstaller spec at build time: ``python packaging/render_icons.py OUT_DIR``
writes ``OUT_DIR/hicolor/NxN/apps/study-planner.png`` for each size, the SVG itself under
``hicolor/scalable/apps/`` and ``OUT_DIR/study-planner.ico`` (the Windows executable's icon).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "study-planner.svg"
NAME = "study-planner"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZE = 256


def render_icons(out_dir: Path) -> list[Path]:
    """Write the icon theme into ``out_dir``; return the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"{target}: could not be written")
        written.append(target)
        if size == ICO_SIZE:
            ico = out_dir / f"{NAME}.ico"
            if not image.save(str(ico), "ICO"):
                raise SystemExit(f"{ico}: could not be written (is Qt's ico plugin there?)")
            written.append(ico)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    written.append(scalable)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: render_icons.py OUT_DIR")
    render_icons(Path(sys.argv[1]))
