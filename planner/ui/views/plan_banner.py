"""The plan's feasibility banner: what a PlanReport and the learner's pace say, and the frame
that shows it; and what dropping a topic would take out of the plan."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from planner.domain.curriculum import Curriculum
from planner.domain.pace import PaceWarning
from planner.domain.planning import DeadlineReport
from planner.services.pace import PaceForecast
from planner.services.plans import TopicDrop
from planner.ui.formatting import (
    certification_title,
    day_text,
    duration,
    shortfall_options_html,
    topic_titles_html,
)

BannerKind = Literal["warning", "info"]

_LISTED_TOPICS = 4  # topic titles named in the banner before "and N more"
_WARNING_STYLE = (
    "QFrame#planBanner { background: rgba(255, 170, 0, 0.16);"
    " border: 1px solid rgba(214, 130, 0, 0.75); border-radius: 6px; }"
)
_INFO_STYLE = (
    "QFrame#planBanner { background: rgba(46, 157, 79, 0.10);"
    " border: 1px solid rgba(46, 157, 79, 0.55); border-radius: 6px; }"
)


@dataclass(frozen=True)
class BannerMessage:
    """What the banner says (rich text) and whether it warns or informs."""

    kind: BannerKind
    text: str


def describe_plan(curriculum: Curriculum, forecast: PaceForecast) -> BannerMessage:
    """The banner for a plan: the deadlines and topics at risk (by the plan, or by the
    learner's own pace), else when the plan ends."""
    report = forecast.report
    warnings = [_describe_deadline(curriculum, d) for d in report.deadlines if not d.feasible]
    warnings += [_describe_pace(curriculum, w) for w in forecast.warnings]
    if report.unplaceable_topic_ids:
        warnings.append(_describe_unplaceable(curriculum, report.unplaceable_topic_ids))
    if warnings:
        return BannerMessage("warning", "<br>".join(warnings))
    if report.end_date is not None:
        exams = " Every exam deadline fits." if report.deadlines else ""
        return BannerMessage("info", f"Plan ends on <b>{day_text(report.end_date)}</b>.{exams}")
    return BannerMessage("info", "Every task in the plan is done or skipped.")


def _describe_deadline(curriculum: Curriculum, report: DeadlineReport) -> str:
    title = html.escape(certification_title(curriculum, report.certification_id))
    parts = [
        f"<b>{title}</b> (exam on {day_text(report.exam_date)}): "
        f"{duration(report.late_minutes)} of preparation will not be done by "
        f"{day_text(report.due_date)}."
    ]
    options = shortfall_options_html(curriculum, report, lambda day: f"<b>{day_text(day)}</b>")
    parts.append(f"To fit it: {'; or '.join(options)}.")
    return " ".join(parts)


def _describe_pace(curriculum: Curriculum, warning: PaceWarning) -> str:
    title = html.escape(certification_title(curriculum, warning.certification_id))
    pace = warning.pace
    if warning.forecast_date is None:
        ready = f"with no study in the last {pace.days} days it will not be ready"
    else:
        ready = f"at this pace it is ready around <b>{day_text(warning.forecast_date)}</b>"
    return (
        f"<b>{title}</b> (exam on {day_text(warning.exam_date)}): you studied "
        f"{duration(round(pace.done_minutes_per_week))} a week lately, against "
        f"{duration(pace.planned_minutes_per_week)} planned; {ready}, after its due date, "
        f"{day_text(warning.due_date)}. Study closer to your planned time, move the exam, "
        "or drop optional topics."
    )


def describe_topic_drop(curriculum: Curriculum, dropped: TopicDrop) -> str:
    """The question before dropping a topic: what leaves the plan and who loses it."""
    title = html.escape(curriculum.topic(dropped.topic_id).title)
    noun = "session" if dropped.open_tasks == 1 else "sessions"
    lines = [
        f"Drop <b>{title}</b> from your plan? This removes {dropped.open_tasks} open {noun} "
        f"({duration(dropped.open_minutes)}); work you did stays."
    ]
    for certification_id in dropped.needed_by:
        exam = html.escape(certification_title(curriculum, certification_id))
        lines.append(f"<b>{exam}</b> needs it: its exam loses this preparation.")
    if dropped.dependants:
        titles = topic_titles_html(curriculum, dropped.dependants, at_most=_LISTED_TOPICS)
        lines.append(f"Topics that require it stay and count it as met: {titles}.")
    return "<br>".join(lines)


def _describe_unplaceable(curriculum: Curriculum, topic_ids: Sequence[str]) -> str:
    count = len(topic_ids)
    noun = "topic" if count == 1 else "topics"
    titles = topic_titles_html(curriculum, topic_ids, at_most=_LISTED_TOPICS)
    return f"{count} {noun} could not be placed in the plan: {titles}."


class PlanBanner(QFrame):
    """A framed line of rich text over the plan, amber for a warning, green for news.
    Hidden until the first message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAccessibleName("Plan feasibility")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_message(self, message: BannerMessage) -> None:
        self.setProperty("kind", message.kind)
        text = message.text
        if message.kind == "warning":
            self.setStyleSheet(_WARNING_STYLE)
            text = f"<b>⚠ Your plan is at risk.</b><br>{text}"
        else:
            self.setStyleSheet(_INFO_STYLE)
        self.label.setText(text)
        self.show()

    @property
    def kind(self) -> str | None:
        """ "warning", "info", or None while the banner is hidden."""
        if self.isHidden():
            return None
        kind = self.property("kind")
        return kind if isinstance(kind, str) else None
