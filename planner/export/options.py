"""What the learner chooses about an export: the format, and for the PDF report its paper,
name and whether their notes go in."""

from __future__ import annotations

import locale
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

# Territories that print on US Letter; everywhere else uses A4.
_LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"})


class PaperSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"


def paper_for_locale(locale_name: str | None) -> PaperSize:
    """Letter for a locale of a territory that prints on it (``en_US``, ``fr_CA``...),
    else A4."""
    if not locale_name:
        return PaperSize.A4
    territory = locale_name.split(".")[0].replace("-", "_").partition("_")[2].upper()
    return PaperSize.LETTER if territory in _LETTER_TERRITORIES else PaperSize.A4


def default_paper_size() -> PaperSize:
    """The paper of this computer's locale."""
    return paper_for_locale(locale.getlocale(locale.LC_CTYPE)[0])


class ExportFormat(StrEnum):
    PDF = "pdf"
    ICS = "ics"
    CSV = "csv"
    JSON = "json"

    @classmethod
    def of_path(cls, path: Path) -> ExportFormat:
        """The format a file name asks for by its extension."""
        suffix = path.suffix.lower().lstrip(".")
        try:
            return cls(suffix)
        except ValueError:
            known = ", ".join(f".{f.value}" for f in cls)
            raise ValueError(
                f"{path.name}: cannot tell the format from the extension (use {known}, "
                "or give --format)"
            ) from None


@dataclass(frozen=True)
class ReportOptions:
    """The PDF report's settings: who it is for, its paper, whether notes are included."""

    learner_name: str = ""
    paper: PaperSize = field(default_factory=default_paper_size)
    include_notes: bool = False
