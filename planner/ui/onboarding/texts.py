"""The wizard's words: dates, time zones, certifications and exam deadlines as plain text or
HTML. Nothing here makes a widget."""

from __future__ import annotations

import html
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.domain.curriculum import Certification, CertificationStatus, Curriculum
from planner.domain.model import WeeklyAvailability
from planner.domain.planning import DeadlineReport
from planner.ui.formatting import (
    certification_title,
    duration,
    long_date,
    shortfall_options_html,
)
from planner.ui.models.certification_table import validity_text

_RETIRED_ON = re.compile(r"retired on (\d{4}-\d{2}-\d{2})", re.IGNORECASE)


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


def certification_status_text(certification: Certification) -> str:
    """One line on whether the certification can be taken: active, retired or uncertain.

    It is the table's summary; the facts behind it are listed once, in the details.
    """
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
        return "Uncertain: check that it is still offered before booking"
    months = certification.validity_months
    if months is None:
        return "Active"
    validity = "1 year" if months == 12 else validity_text(certification)
    return f"Active · valid for {validity}"


def _status_notes(certification: Certification) -> list[str]:
    """What the status adds to the facts, so nothing the facts say is said twice."""
    texts = [fact.text.lower() for fact in certification.facts]
    notes = []
    if certification.status is CertificationStatus.RETIRED:
        if not any("retired" in text for text in texts):
            notes.append("It is retired: the exam can no longer be booked.")
        successor = certification.successor
        if successor and not any(_names(text, successor) for text in texts):
            notes.append(f"Its successor is {successor}.")
    elif certification.status is CertificationStatus.UNCERTAIN and not texts:
        notes.append("It may no longer be offered: check before booking.")
    return notes


def _names(text: str, successor: str) -> bool:
    """Whether a fact names the successor, in full or by its exam code in brackets."""
    code = re.search(r"\(([^()]+)\)\s*$", successor)
    return successor.lower() in text or (code is not None and code.group(1).lower() in text)


def certification_details_html(certification: Certification) -> str:
    """The certification's description and what is known about it, each fact once, with how
    sure it is."""
    parts = [
        f"<b>{html.escape(certification.title)}</b> · {html.escape(certification.provider)}",
        f"<br>{html.escape(certification.description)}",
    ]
    parts.extend(f"<br><b>{html.escape(note)}</b>" for note in _status_notes(certification))
    if certification.facts:
        items = "".join(
            f"<li>{html.escape(fact.text)} <i>({fact.confidence.value})</i></li>"
            for fact in dict.fromkeys(certification.facts)
        )
        parts.append(f"<ul style='margin-top:4px; margin-bottom:0'>{items}</ul>")
    elif certification.url:
        parts.append("<br>")
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
    lines = [
        f"{head}<b>{duration(report.late_minutes)} short</b>. {needed} of preparation is needed by "
        f"{long_date(report.due_date)}; {available} of study time is available until then."
    ]
    options = shortfall_options_html(curriculum, report, long_date)
    items = "".join(f"<li>{option}</li>" for option in options)
    lines.append(f"To fit it:<ul style='margin-top:2px; margin-bottom:0'>{items}</ul>")
    return "<br>".join(lines)
