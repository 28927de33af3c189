"""The report's charts, drawn as vector shapes: sharp at any print resolution."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Literal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from planner.domain.progress import Share

INK = HexColor("#1b1f24")
MUTED = HexColor("#57606a")  # 6.4:1 on white
ACCENT = HexColor("#1f5f99")  # 6.9:1 on white
TRACK = HexColor("#e4e9f0")
GRID = HexColor("#d0d7de")
# The heat map's shades, from no study to the most; the first is an outline-only cell.
HEAT = (
    HexColor("#eef1f4"),
    HexColor("#c4dcf2"),
    HexColor("#86b7e3"),
    HexColor("#3f86c8"),
    HexColor("#1d4f80"),
)
HEAT_MINUTES = (1, 30, 60, 120)  # a day with at least this many minutes takes the next shade


def _text(
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    anchor: Literal["start", "end"] = "start",
    color: Color = INK,
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=color, textAnchor=anchor)


def _drawing(width: float, height: float, font: str) -> Drawing:
    # Without its own initial font a drawing names Helvetica, which is not embedded.
    return Drawing(width, height, initialFontName=font)


def _rect(
    x: float,
    y: float,
    width: float,
    height: float,
    fill: Color,
    stroke: Color | None = None,
    stroke_width: float = 0.3,
) -> Rect:
    # Attributes, not keywords: the reportlab stubs type Rect's keywords wrongly.
    rect = Rect(x, y, width, height)
    rect.fillColor = fill
    rect.strokeColor = stroke
    rect.strokeWidth = stroke_width
    return rect


def progress_bars(shares: Sequence[Share], width: float, font: str, bold: str) -> Drawing:
    """One labelled bar per share, its percentage and hours beside it; the first (overall)
    share in bold."""
    row, bar_height = 20.0, 9.0
    figures = [
        f"{s.percent}%  ·  {s.done_minutes / 60:.1f} of {s.planned_minutes / 60:.1f} h"
        for s in shares
    ]
    label_width = min(
        max((stringWidth(s.title, bold, 9) for s in shares), default=0) + 10, width * 0.45
    )
    figure_width = max((stringWidth(f, bold, 9) for f in figures), default=0) + 10
    bar_width = width - label_width - figure_width
    drawing = _drawing(width, row * len(shares), font)
    for index, (share, figure) in enumerate(zip(shares, figures, strict=True)):
        y = row * (len(shares) - index - 1) + (row - bar_height) / 2
        face = bold if index == 0 else font
        drawing.add(_text(0, y + 1.5, share.title, face, 9))
        drawing.add(_rect(label_width, y, bar_width, bar_height, TRACK))
        if share.fraction > 0:
            filled = bar_width * min(share.fraction, 1.0)
            drawing.add(_rect(label_width, y, filled, bar_height, ACCENT))
        drawing.add(_text(width, y + 1.5, figure, face, 9, anchor="end"))
    return drawing


def _nice_step(top: float) -> float:
    """A round gridline step that splits ``top`` into at most five parts."""
    raw = max(top, 1.0) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return float(next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw))


def weekly_hours_chart(
    weeks: Sequence[tuple[date, float]], width: float, height: float, font: str
) -> Drawing:
    """Hours studied per week as bars, with hour gridlines and the months along the bottom."""
    drawing = _drawing(width, height, font)
    left, bottom, top_pad = 30.0, 16.0, 6.0
    plot_width, plot_height = width - left, height - bottom - top_pad
    highest = max((hours for _, hours in weeks), default=0.0)
    step = _nice_step(highest)
    top = step * max(1, math.ceil(highest / step))
    level = 0.0
    while level <= top + 1e-9:
        y = bottom + plot_height * level / top
        drawing.add(Line(left, y, width, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(_text(left - 4, y - 3, f"{level:g} h", font, 7, anchor="end", color=MUTED))
        level += step
    if not weeks:
        return drawing
    slot = min(plot_width / len(weeks), 36.0)  # a few weeks are not drawn as slabs
    bar = max(slot * 0.7, 0.5)
    previous_month = None
    for index, (monday, hours) in enumerate(weeks):
        x = left + index * slot
        if hours > 0:
            height_of_bar = plot_height * hours / top
            drawing.add(_rect(x + (slot - bar) / 2, bottom, bar, height_of_bar, ACCENT))
        if monday.month != previous_month:
            label = f"{monday:%b}" if previous_month is not None else f"{monday:%b %Y}"
            drawing.add(_text(x, bottom - 11, label, font, 7, color=MUTED))
            previous_month = monday.month
    return drawing


def heat_shade(minutes: int) -> Color:
    return HEAT[sum(1 for threshold in HEAT_MINUTES if minutes >= threshold)]


def study_heatmap(
    start: date, today: date, minutes_by_day: Mapping[date, int], width: float, font: str
) -> Drawing:
    """A column per week from ``start`` (a Monday) to ``today``, a row per weekday, each
    day shaded by the minutes studied; a legend below."""
    weeks = (today - start).days // 7 + 1
    left, legend_height = 26.0, 18.0
    cell = min(12.0, (width - left) / max(weeks, 1))
    gap = cell * 0.18
    drawing = _drawing(width, cell * 7 + legend_height + 10, font)
    grid_top = drawing.height - 10
    for weekday, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")):
        y = grid_top - (weekday + 1) * cell
        drawing.add(_text(0, y + gap + 1, name, font, 6.5, color=MUTED))
    previous_month = None
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        x = left + week * cell
        if monday.month != previous_month:
            drawing.add(_text(x, grid_top + 2, f"{monday:%b}", font, 6.5, color=MUTED))
            previous_month = monday.month
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            if day > today:
                break
            y = grid_top - (weekday + 1) * cell
            shade = heat_shade(minutes_by_day.get(day, 0))
            drawing.add(_rect(x, y + gap, cell - gap, cell - gap, shade, GRID))
    legend_y = 2.0
    drawing.add(_text(left, legend_y + 1, "Less", font, 7, color=MUTED))
    x = left + 22
    for shade in HEAT:
        drawing.add(_rect(x, legend_y, 8, 8, shade, GRID))
        x += 10
    drawing.add(_text(x + 3, legend_y + 1, "More", font, 7, color=MUTED))
    drawing.add(
        _text(
            width,
            legend_y + 1,
            "Shades: none, under 30 min, 30 min, 1 h, 2 h or more",
            font,
            7,
            anchor="end",
            color=MUTED,
        )
    )
    return drawing
