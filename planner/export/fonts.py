"""The report's TrueType fonts, embedded (as subsets) in every PDF.

DejaVu Sans covers most scripts a learner's name or notes may be written in; Debian's
fonts-dejavu-core puts it in the first folder below. Without it, the Bitstream Vera fonts
that reportlab ships are used (Latin only), so a report is always made.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_DEJAVU_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_VERA_FOLDER = Path(reportlab.__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class FontPair:
    regular: str
    bold: str


def _font_files() -> tuple[Path, Path]:
    for folder in _DEJAVU_FOLDERS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return _VERA_FOLDER / "Vera.ttf", _VERA_FOLDER / "VeraBd.ttf"


@cache
def report_fonts() -> FontPair:
    """Register the report's fonts with reportlab once; their names."""
    regular, bold = _font_files()
    pdfmetrics.registerFont(TTFont("ReportSans", str(regular)))
    pdfmetrics.registerFont(TTFont("ReportSans-Bold", str(bold)))
    pdfmetrics.registerFontFamily(
        "ReportSans",
        normal="ReportSans",
        bold="ReportSans-Bold",
        italic="ReportSans",
        boldItalic="ReportSans-Bold",
    )
    return FontPair("ReportSans", "ReportSans-Bold")
