"""How durations, days, plan reports, task lists and links read in the window."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from planner.domain.curriculum import Curriculum, Resource, Section, Topic
from planner.domain.model import StudyTask, TaskStatus
from planner.domain.planning import DeadlineReport, PlanReport
from planner.domain.wording import day_text as day_text
from planner.domain.wording import duration as duration
from planner.domain.wording import plural as plural
from planner.domain.wording import topic_title as topic_title


def long_date(day: date) -> str:
    """A day in short: Tue 1 Jun 2027."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def tasks_summary(tasks: Sequence[StudyTask]) -> str:
    """How many tasks, the time they plan (skipped ones left out) and the time done."""
    planned = sum(t.minutes for t in tasks if t.status is not TaskStatus.SKIPPED)
    done = sum(t.minutes for t in tasks if t.status is TaskStatus.DONE)
    return f"{plural(len(tasks), 'task')} · {duration(planned)} planned · {duration(done)} done"


def section_title(section: Section) -> str:
    """A curriculum section as a heading: "core-skills" → "Core skills"."""
    return section.value.replace("-", " ").capitalize()


def describe_report(
    report: PlanReport | None, curriculum: Curriculum, *, would: bool = False
) -> str:
    """One or two sentences: when the plan ends and which exams are at risk (nothing
    when a change brought no report). With ``would``, of a plan not made yet."""
    if report is None:
        return ""
    parts = []
    if report.end_date is not None:
        ends = "would end" if would else "now ends"
        parts.append(f"the plan {ends} on {report.end_date:%d %B %Y}.")
    for deadline in report.deadlines:
        if not deadline.feasible:
            parts.append(
                f"{curriculum.certification(deadline.certification_id).title}"
                f"{' would be' if would else ':'} {duration(deadline.late_minutes)} short "
                f"before the exam on {deadline.exam_date:%d %B %Y}."
            )
    if report.unplaceable_topic_ids:
        placed = "would not fit" if would else "could not be placed"
        parts.append(f"{plural(len(report.unplaceable_topic_ids), 'topic')} {placed}.")
    text = " ".join(parts) or "Plan updated."
    return text[0].upper() + text[1:]


def topic_titles_html(
    curriculum: Curriculum, topic_ids: Sequence[str], *, at_most: int | None = None
) -> str:
    """Topic titles for rich text, the list cut after ``at_most`` with "and N more"."""
    shown = topic_ids if at_most is None else topic_ids[:at_most]
    titles = ", ".join(html.escape(topic_title(curriculum, t)) for t in shown)
    more = len(topic_ids) - len(shown)
    return titles + (f" and {more} more" if more > 0 else "")


def certification_title(curriculum: Curriculum, certification_id: str) -> str:
    """The certification's title, or its id when the curriculum does not know it."""
    known = {c.id: c.title for c in curriculum.certifications}
    return known.get(certification_id, certification_id)


def shortfall_options_html(
    curriculum: Curriculum, report: DeadlineReport, day: Callable[[date], str]
) -> list[str]:
    """The ways to make an exam's preparation fit, as the planning engine worked them out."""
    options = []
    if report.earliest_feasible_exam_date is not None:
        options.append(
            f"book the exam on {day(report.earliest_feasible_exam_date)} or later "
            "(the earliest date the preparation can be ready)"
        )
    else:
        options.append("choose a later exam date: the preparation cannot be ready in time")
    if report.extra_minutes_per_study_day:
        options.append(
            f"study {duration(report.extra_minutes_per_study_day)} more on each study day "
            "until then"
        )
    if report.droppable_optional_topic_ids:
        titles = topic_titles_html(curriculum, report.droppable_optional_topic_ids)
        options.append(f"drop optional topics that come first: {titles}")
    return options


def link_html(url: str | None, text: str) -> str:
    """``text`` for rich text, as a link to ``url`` when there is one."""
    escaped = html.escape(text)
    return f'<a href="{html.escape(url)}">{escaped}</a>' if url else escaped


def resource_html(resource: Resource, *, details: bool = False) -> str:
    """A resource's title as a link; with ``details``, then its kind, provider and
    whether it is free."""
    link = link_html(resource.url, resource.title)
    if not details:
        return link
    notes = [resource.kind.value]
    if resource.provider:
        notes.append(html.escape(resource.provider))
    if resource.free:
        notes.append("free")
    return f"{link} <span>({', '.join(notes)})</span>"


def resources_html(
    curriculum: Curriculum, topic: Topic, *, details: bool = False, none: str = "—"
) -> str:
    """A topic's resources for rich text, one a line; ``none`` when it lists none."""
    lines = [resource_html(r, details=details) for r in curriculum.resources_for(topic)]
    return "<br>".join(lines) or none
