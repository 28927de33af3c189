"""How durations, shares done, days, counts and topics read, the same in the window and on
the command line."""

from __future__ import annotations

from datetime import date

from planner.domain.curriculum import Curriculum


def duration(minutes: int) -> str:
    """Whole minutes as hours and minutes: 45 min, 2 h, 378 h 24 min."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def hours_duration(hours: float) -> str:
    """A figure in hours (such as a shortfall) read as :func:`duration`, to the minute."""
    return duration(round(hours * 60))


def percent_text(done: int, planned: int) -> str:
    """``done`` of ``planned`` as a percentage, never rounded up (100% means all of it):
    one decimal below 10%, whole numbers from 10% on, and never 0% once something is done."""
    if planned <= 0 or done <= 0:
        return "0%"
    if done >= planned:
        return "100%"
    if done * 10 >= planned:
        return f"{done * 100 // planned}%"
    tenths = done * 1000 // planned
    return f"{tenths / 10:.1f}%" if tenths else "<0.1%"


def day_text(day: date) -> str:
    """A day in full: Monday 30 November 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def plural(count: int, word: str) -> str:
    """A count and its noun: 1 day, 3 days."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def topic_title(curriculum: Curriculum, topic_id: str) -> str:
    """The topic's title, or its id when the curriculum does not know it."""
    return curriculum.topic(topic_id).title if curriculum.has_topic(topic_id) else topic_id
