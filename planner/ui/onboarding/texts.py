"""The wizard's words: dates, time zones, certifications and exam deadlines as plain text or
HTML. Nothing here makes a widget."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.domain.curriculum import Certification, CertificationStatus, Curriculum
from planner.domain.model import WeeklyAvailability
from planner.domain.planning import DeadlineReport
from planner.ui.formatting import duration
from planner.ui.models.certification_table import validity_text

_RETIRED_ON = re.compile(r"retired on (\d{4}-\d{2}-\d{2})", re.IGNORECASE)


def long_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def is_valid_timezone(name: str) -> bool:
    if not name or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def study_day_count(availability: WeeklyAvailability) -> int:
    return sum(1 for minutes in availability.minutes if minutes)


def study_days_text(count: int) -> str:
    """ "1 study day", "5 study days"."""
    return f"{count} study {'day' if count == 1 else 'days'}"


def topic_title(curriculum: Curriculum, topic_id: str) -> str:
    """The topic's title, or its id when the curriculum does not know it."""
    return curriculum.topic(topic_id).title if curriculum.has_topic(topic_id) else topic_id


def topic_titles_html(curriculum: Curriculum, topic_ids: Iterable[str]) -> str:
    return ", ".join(html.escape(topic_title(curriculum, t)) for t in topic_ids)


def certification_title(curriculum: Curriculum, certification_id: str) -> str:
    """The certification's title, or its id when the curriculum does not know it."""
    known = {c.id: c.title for c in curriculum.certifications}
    return known.get(certification_id, certification_id)


def certification_status_text(certification: Certification) -> str:
    """One line on whether the certification can be taken: active, retired or uncertain."""
    if certification.status is CertificationStatus.RETIRED:
        retired_on = next(
            (m.group(1) for fact in certification.facts if (m := _RETIRED_ON.search(fact.text))),
            None,
        )
        text = f"Retired on {retired_on}" if retired_on else "Retired"
        if certification.successor:
            text += f"; successor: {certification.successor}"
        return text
    if certification.status is CertificationStatus.UNCERTAIN:
        if certification.facts:
            fact = certification.facts[0]
            text = fact.text.rstrip(".")
            return f"Uncertain: {text} ({fact.confidence.value}). Check before booking."
        return "Uncertain: check that it is still offered before booking."
    months = certification.validity_months
    if months is None:
        return "Active"
    validity = "1 year" if months == 12 else validity_text(certification)
    return f"Active · valid for {validity}"


def certification_details_html(certification: Certification) -> str:
    """The certification's description and what is known about it, with how sure it is."""
    parts = [
        f"<b>{html.escape(certification.title)}</b> · {html.escape(certification.provider)}",
        f"<br>{html.escape(certification.description)}",
        f"<br><i>{html.escape(certification_status_text(certification))}</i>",
    ]
    if certification.facts:
        items = "".join(
            f"<li>{html.escape(fact.text)} <i>({fact.confidence.value})</i></li>"
            for fact in certification.facts
        )
        parts.append(f"<ul style='margin-top:4px; margin-bottom:0'>{items}</ul>")
    if certification.url:
        url = html.escape(certification.url)
        parts.append(f'<a href="{url}">{url}</a>')
    parts.append(
        f"<br><small>As known on {certification.as_of.day} {certification.as_of:%B %Y}.</small>"
    )
    return "".join(parts)


def deadline_html(curriculum: Curriculum, report: DeadlineReport) -> str:
    """Whether the preparation for one exam fits, and if not what would make it fit."""
    title = certification_title(curriculum, report.certification_id)
    head = f"<b>{html.escape(title)}</b>, exam on {long_date(report.exam_date)}: "
    needed = duration(report.needed_minutes)
    available = duration(report.available_minutes)
    if report.feasible:
        return (
            f"{head}<b>on track</b>. {needed} of preparation, done by {long_date(report.due_date)}."
        )
    short = f"{report.shortfall_hours:.1f}".removesuffix(".0")
    lines = [
        f"{head}<b>{short} hours short</b>. {needed} of preparation is needed by "
        f"{long_date(report.due_date)}; {available} of study time is available until then."
    ]
    options = []
    if report.earliest_feasible_exam_date is not None:
        options.append(
            f"book the exam on {long_date(report.earliest_feasible_exam_date)} or later "
            "(the earliest date the preparation can be ready)"
        )
    else:
        options.append("choose a later exam date: the preparation cannot be ready in time")
    if report.extra_minutes_per_study_day:
        options.append(
            f"study {report.extra_minutes_per_study_day} more minutes on each study day until then"
        )
    if report.droppable_optional_topic_ids:
        titles = topic_titles_html(curriculum, report.droppable_optional_topic_ids)
        options.append(f"drop optional topics that come first: {titles}")
    items = "".join(f"<li>{option}</li>" for option in options)
    lines.append(f"To fit it:<ul style='margin-top:2px; margin-bottom:0'>{items}</ul>")
    return "<br>".join(lines)
