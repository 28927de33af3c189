"""The PDF progress report, read back as a reader would: its text, pages, fonts and pixels."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from planner.domain.model import TaskStatus
from planner.export.options import PaperSize, ReportOptions, paper_for_locale
from planner.services.context import AppContext
from planner.services.exports import export_file, progress_report
from planner.services.progress import progress_snapshot
from planner.services.tasks import all_tasks, log_time
from tests.export.conftest import NOTE, TODAY

POINTS_PER_MM = 72 / 25.4


def _export(context: AppContext, path: Path, **options: object) -> PdfReader:
    export_file(context, path, options=ReportOptions(**options))  # type: ignore[arg-type]
    return PdfReader(path)


def _text(reader: PdfReader) -> str:
    """The report's words, with the tabs and line breaks pypdf puts between them as spaces."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_report_reads_as_the_learners_progress(context: AppContext, tmp_path: Path) -> None:
    reader = _export(context, tmp_path / "report.pdf", learner_name="Ada Lovelace")
    text = _text(reader)

    assert "Study progress report" in text
    assert "Ada Lovelace" in text
    assert "Mid-Level ML Engineer" in text
    assert "Natural Language Processing, Computer Vision" in text
    snapshot = progress_snapshot(context)
    assert snapshot.groups
    for share in (snapshot.overall, *snapshot.groups):
        assert f"{share.title} {share.percent}%" in text
    done = [t for t in all_tasks(context) if t.status is TaskStatus.DONE]
    assert done[0].title in text
    assert done[-1].title in text
    assert "Deep Learning Specialization" in text
    assert "AWS Machine Learning Engineer \u2013 Associate" in text
    assert "01 Jun 2027" in text  # the exam date
    assert "Current streak" in text
    assert "Hours studied per week" in text
    assert NOTE not in text  # notes only when the learner includes them
    assert reader.metadata is not None
    assert reader.metadata.title == "Study progress report"


def test_pages_are_numbered_and_the_task_table_header_repeats(
    context: AppContext, tmp_path: Path
) -> None:
    reader = _export(context, tmp_path / "report.pdf", include_notes=True)
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]

    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert NOTE in " ".join(pages)
    # The completed tasks continue across pages, each under the table's header.
    done = len([t for t in all_tasks(context) if t.status is TaskStatus.DONE])
    assert done > 40
    continued = [page for page in pages[1:] if page.count("Done on Task Group Time spent") == 1]
    assert continued


@pytest.mark.parametrize(
    ("paper", "size_mm"), [(PaperSize.A4, (210, 297)), (PaperSize.LETTER, (215.9, 279.4))]
)
def test_paper_size(
    context: AppContext, tmp_path: Path, paper: PaperSize, size_mm: tuple[float, float]
) -> None:
    reader = _export(context, tmp_path / "report.pdf", paper=paper)

    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(size_mm[0] * POINTS_PER_MM, abs=0.5)
        assert height == pytest.approx(size_mm[1] * POINTS_PER_MM, abs=0.5)


@pytest.mark.parametrize(
    ("locale_name", "paper"),
    [
        ("en_US.UTF-8", PaperSize.LETTER),
        ("fr_CA", PaperSize.LETTER),
        ("en_GB.UTF-8", PaperSize.A4),
        ("de_DE", PaperSize.A4),
        ("C", PaperSize.A4),
        (None, PaperSize.A4),
    ],
)
def test_the_default_paper_follows_the_locale(locale_name: str | None, paper: PaperSize) -> None:
    assert paper_for_locale(locale_name) is paper


def test_every_font_is_embedded(context: AppContext, tmp_path: Path) -> None:
    reader = _export(context, tmp_path / "report.pdf")
    fonts: dict[str, object] = {}
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font

    assert fonts
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()  # type: ignore[index]
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_no_page_is_blank(context: AppContext, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: ./dev.sh test installs poppler-utils"
    path = tmp_path / "report.pdf"
    reader = _export(context, path, include_notes=True)
    subprocess.run([pdftoppm, "-r", "40", "-png", path, tmp_path / "page"], check=True)
    pictures = sorted(tmp_path.glob("page-*.png"))

    assert len(pictures) == len(reader.pages)
    for picture in pictures:
        with Image.open(picture) as image:
            # Above the footer (the page number alone does not make a page).
            body = image.convert("L").crop((0, 0, image.width, int(image.height * 0.9)))
        ink = sum(body.histogram()[:200])  # pixels clearly darker than the paper
        assert ink > 0.002 * body.width * body.height, f"{picture.name} is blank"


def test_the_report_contents(context: AppContext) -> None:
    report = progress_report(context, ReportOptions(learner_name="  Ada  "))

    assert report.learner_name == "Ada"
    assert report.today == TODAY
    assert [line.title for line in report.certifications] == [
        "Deep Learning Specialization",
        "AWS Machine Learning Engineer \u2013 Associate",
    ]
    assert all("prepared" in line.readiness for line in report.certifications)
    assert [line.day for line in report.completed] == sorted(line.day for line in report.completed)
    assert report.upcoming
    assert all(TODAY <= line.day < TODAY + timedelta(days=14) for line in report.upcoming)
    assert report.notes == ()


def test_names_in_other_scripts_and_long_words_in_notes(
    context: AppContext, tmp_path: Path
) -> None:
    task = next(t for t in all_tasks(context) if t.status is TaskStatus.DONE)
    assert task.id is not None
    address = "https://example.org/" + "a-very-long-path-without-spaces/" * 4
    log_time(context, task.id, 30, f"See {address}")

    reader = _export(
        context, tmp_path / "report.pdf", learner_name="Zoë Петрова Ζωή", include_notes=True
    )
    text = _text(reader)

    assert "Zoë Петрова Ζωή" in text
    # The address is broken over lines within its column, every character kept.
    assert address in text.replace(" ", "")
