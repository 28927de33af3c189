"""The progress report as a PDF: selectable text in embedded fonts, vector charts, tables
that continue across pages under a repeated header, and "Page n of m" on every page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from planner.export.charts import ACCENT, GRID, INK, MUTED, progress_bars, study_heatmap
from planner.export.charts import weekly_hours_chart as hours_chart
from planner.export.fonts import FontPair, report_fonts
from planner.export.options import PaperSize
from planner.export.report import CertificationLine, ProgressReport, TaskLine

PAGE_SIZES = {PaperSize.A4: A4, PaperSize.LETTER: LETTER}
MARGIN = 18 * mm
HEADER_FILL = HexColor("#e8eef5")
STRIPE = HexColor("#f6f8fa")
BODY_SIZE, BODY_LEADING = 8.5, 11.0
CELL_PADDING = 3.0
TABLE_START_HEIGHT = 110.0  # a heading and the first few rows of a table


def _day(day: date | None) -> str:
    return f"{day:%d %b %Y}" if day is not None else "—"


def _minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


class _Styles:
    def __init__(self, fonts: FontPair) -> None:
        self.fonts = fonts
        self.title = ParagraphStyle(
            "title", fontName=fonts.bold, fontSize=22, leading=27, textColor=INK
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=fonts.regular, fontSize=11, leading=15, textColor=MUTED
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=fonts.bold,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=6,
        )
        self.body = ParagraphStyle(
            "body", fontName=fonts.regular, fontSize=9, leading=12.5, textColor=INK
        )
        self.muted = ParagraphStyle("muted", parent=self.body, textColor=MUTED)


class _NumberedCanvas(Canvas):
    """Holds each page until the last is known, then stamps "Page n of m" on every page."""

    footer_left = ""
    footer_font = "Helvetica"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own, not in its stubs

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        width, _height = self._pagesize  # type: ignore[attr-defined]
        y = MARGIN / 2
        left, right = MARGIN + 6, width - MARGIN - 6  # in line with the frame's content
        self.saveState()
        self.setStrokeColor(GRID)
        self.setLineWidth(0.5)
        self.line(left, y + 10, right, y + 10)
        self.setFont(self.footer_font, 7.5)
        self.setFillColor(MUTED)
        self.drawString(left, y, self.footer_left)
        self.drawRightString(right, y, f"Page {number} of {total}")
        self.restoreState()


def _canvas_maker(footer: str, font: str) -> type[Canvas]:
    return type("_ReportCanvas", (_NumberedCanvas,), {"footer_left": footer, "footer_font": font})


class _Table:
    """A plain-text table whose cells wrap to their column; row heights are computed here
    from the wrapped lines, which keeps a thousand-row table fast."""

    def __init__(self, fonts: FontPair, widths: Sequence[float], right: Sequence[int] = ()):
        self.fonts = fonts
        self.widths = widths
        self.right = right

    def _wrap(self, text: str, width: float, font: str) -> list[str]:
        room = width - 2 * CELL_PADDING
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            for line in simpleSplit(paragraph, font, BODY_SIZE, room) or [""]:
                lines.extend(_break_long(line, font, room))
        return lines

    def build(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> LongTable:
        cells: list[list[str]] = []
        heights: list[float] = []
        for index, row in enumerate([header, *rows]):
            font = self.fonts.bold if index == 0 else self.fonts.regular
            wrapped = [
                self._wrap(text, width, font) for text, width in zip(row, self.widths, strict=True)
            ]
            cells.append(["\n".join(lines) for lines in wrapped])
            lines = max(len(lines) for lines in wrapped)
            heights.append(lines * BODY_LEADING + 2 * CELL_PADDING + 1)
        table = LongTable(cells, colWidths=list(self.widths), rowHeights=heights, repeatRows=1)
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, BODY_SIZE, BODY_LEADING),
            ("FONT", (0, 0), (-1, 0), self.fonts.bold, BODY_SIZE, BODY_LEADING),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, STRIPE]),
        ]
        commands.extend(("ALIGN", (column, 0), (column, -1), "RIGHT") for column in self.right)
        table.setStyle(TableStyle(commands))
        return table


def _break_long(line: str, font: str, room: float) -> list[str]:
    """``line`` cut into pieces that fit ``room``: a word longer than a column (a web
    address in a note, say) is broken between characters."""
    pieces: list[str] = []
    while stringWidth(line, font, BODY_SIZE) > room and len(line) > 1:
        cut = len(line) - 1
        while cut > 1 and stringWidth(line[:cut], font, BODY_SIZE) > room:
            cut -= 1
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


class _ReportBuilder:
    def __init__(self, report: ProgressReport, width: float) -> None:
        self.report = report
        self.width = width
        self.fonts = report_fonts()
        self.styles = _Styles(self.fonts)

    def story(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [*self._title_block()]
        story.append(self._section("Progress", [self._progress()]))
        story.append(
            self._section(
                "Hours studied per week",
                [
                    hours_chart(report.weekly_hours, self.width, 120, self.fonts.regular),
                    Spacer(1, 4),
                    Paragraph(f"{report.total_hours:.1f} hours studied in all.", self.styles.muted),
                ],
            )
        )
        story.append(self._section("Study days", self._study_days()))
        story += self._table_section("Certifications", self._certifications())
        story += self._table_section(
            "The next two weeks", self._tasks(report.upcoming, "Planned for", "Minutes")
        )
        story += self._table_section(
            "Completed tasks",
            self._tasks(report.completed, "Done on", "Time spent", empty="None yet."),
        )
        if report.notes:
            story += self._table_section("Notes", self._notes(report.notes))
        return story

    def _heading(self, text: str) -> Paragraph:
        return Paragraph(text, self.styles.heading)

    def _section(self, title: str, content: Sequence[Flowable]) -> KeepTogether:
        """A heading and a chart, kept on one page."""
        return KeepTogether([self._heading(title), *content])

    def _table_section(self, title: str, table: Flowable) -> list[Flowable]:
        """A heading and a table that may run on over pages: a new page first unless the
        heading and the table's first rows fit on this one."""
        return [CondPageBreak(TABLE_START_HEIGHT), self._heading(title), table]

    def _title_block(self) -> list[Flowable]:
        report = self.report
        styles = self.styles
        name = report.learner_name.strip()
        subtitle = f"{name} · {report.level}" if name else report.level
        facts = [
            ("Career level", report.level),
            ("Specializations", ", ".join(report.specializations) or "—"),
            ("Plan started", _day(report.plan_start)),
            (
                "Expected end",
                _day(report.plan_end) if report.plan_end else "Nothing left to study",
            ),
            ("Report date", _day(report.today)),
        ]
        if name:
            facts.insert(0, ("Learner", name))
        table = LongTable(
            [[label, Paragraph(_escape(value), styles.body)] for label, value in facts],
            colWidths=[self.width * 0.25, self.width * 0.75],
        )
        table.setStyle(
            TableStyle(
                [
                    # Every cell names a font, or the table names Helvetica (not embedded).
                    ("FONT", (0, 0), (-1, -1), self.fonts.regular, 9.5, 13),
                    ("FONT", (0, 0), (0, -1), self.fonts.bold, 9.5, 13),
                    ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return [
            Paragraph("Study progress report", styles.title),
            Paragraph(_escape(subtitle), styles.subtitle),
            Spacer(1, 10),
            table,
        ]

    def _progress(self) -> Flowable:
        shares = (self.report.overall, *self.report.groups)
        return progress_bars(shares, self.width, self.fonts.regular, self.fonts.bold)

    def _study_days(self) -> list[Flowable]:
        report = self.report
        streaks = report.streaks
        studied = len([m for m in report.minutes_by_day.values() if m])
        summary = (
            f"Current streak: <b>{streaks.current} days</b>   ·   "
            f"Longest streak: <b>{streaks.longest} days</b>   ·   "
            f"{studied} study days since {report.heatmap_start:%d %b %Y}"
        )
        return [
            Paragraph(summary, self.styles.body),
            Spacer(1, 8),
            study_heatmap(
                report.heatmap_start,
                report.today,
                report.minutes_by_day,
                self.width,
                self.fonts.regular,
            ),
        ]

    def _certifications(self) -> Flowable:
        lines = self.report.certifications
        if not lines:
            return Paragraph("No certification goals.", self.styles.muted)
        w = self.width
        table = _Table(self.fonts, [w * 0.30, w * 0.10, w * 0.13, w * 0.13, w * 0.13, w * 0.21])
        return table.build(
            ["Certification", "Status", "Exam", "Passed", "Expires", "Readiness"],
            [_certification_row(line) for line in lines],
        )

    def _tasks(
        self,
        lines: Sequence[TaskLine],
        date_title: str,
        minutes_title: str,
        empty: str = "Nothing planned.",
    ) -> Flowable:
        if not lines:
            return Paragraph(empty, self.styles.muted)
        w = self.width
        # The group column as wide as its longest name (within reason), the task the rest.
        longest = max(stringWidth(t.group, self.fonts.regular, BODY_SIZE) for t in lines)
        group = min(longest + 2 * CELL_PADDING + 2, w * 0.36)
        date_width, minutes_width = w * 0.14, w * 0.13
        widths = [date_width, w - date_width - group - minutes_width, group, minutes_width]
        table = _Table(self.fonts, widths, right=[3])
        return table.build(
            [date_title, "Task", "Group", minutes_title],
            [[_day(t.day), t.title, t.group, _minutes(t.minutes)] for t in lines],
        )

    def _notes(self, lines: Sequence[TaskLine]) -> Flowable:
        w = self.width
        table = _Table(self.fonts, [w * 0.15, w * 0.35, w * 0.50])
        return table.build(
            ["Date", "Task", "Notes"], [[_day(t.day), t.title, t.notes] for t in lines]
        )


def _certification_row(line: CertificationLine) -> list[str]:
    return [
        line.title,
        line.status,
        _day(line.exam_date),
        _day(line.passed_on),
        _day(line.expires_on),
        line.readiness or "—",
    ]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_report_pdf(report: ProgressReport, paper: PaperSize, target: Path | BinaryIO) -> None:
    """Lay out ``report`` on ``paper`` and write the PDF to ``target``."""
    page_size = PAGE_SIZES[paper]
    fonts = report_fonts()
    document = SimpleDocTemplate(
        target if not isinstance(target, Path) else str(target),
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title="Study progress report",
        author=report.learner_name,
        subject=f"Study progress as of {report.today.isoformat()}",
        creator="Study Planner",
        # Start in the report's own font, so no font that is not embedded is named.
        initialFontName=fonts.regular,
    )
    # Platypus frames keep 6 points of padding on each side.
    builder = _ReportBuilder(report, document.width - 12)
    who = f"{report.learner_name} · " if report.learner_name.strip() else ""
    footer = f"Study progress report · {who}{_day(report.today)}"
    document.build(builder.story(), canvasmaker=_canvas_maker(footer, fonts.regular))
