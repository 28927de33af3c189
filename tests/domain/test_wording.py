"""One wording of durations and shares done, for the window and the command line alike."""

from __future__ import annotations

from datetime import date

import pytest

from planner.domain.progress import Share
from planner.domain.wording import day_text, duration, hours_duration, percent_text, plural


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 min"), (45, "45 min"), (60, "1 h"), (69, "1 h 9 min"), (22_704, "378 h 24 min")],
)
def test_durations_read_as_hours_and_minutes(minutes: int, text: str) -> None:
    assert duration(minutes) == text


def test_hours_read_to_the_minute() -> None:
    assert hours_duration(378.4) == "378 h 24 min"
    assert hours_duration(263.7) == "263 h 42 min"


@pytest.mark.parametrize(
    ("done", "planned", "text"),
    [
        (0, 0, "0%"),
        (0, 100, "0%"),
        (395, 100_000, "0.3%"),  # one decimal below 10%, never rounded up
        (1, 100_000, "<0.1%"),  # never 0% once something is done
        (999, 10_000, "9.9%"),
        (1_000, 10_000, "10%"),  # whole numbers from 10% on
        (9_999, 10_000, "99%"),  # 100% only when all is done
        (10_000, 10_000, "100%"),
    ],
)
def test_one_rounding_of_percentages(done: int, planned: int, text: str) -> None:
    assert percent_text(done, planned) == text
    assert Share("k", "K", done, planned).percent_text == text


def test_the_json_percentage_stays_a_whole_number() -> None:
    share = Share("k", "K", 395, 100_000)
    assert share.percent == 0
    assert isinstance(share.percent, int)


def test_days_and_counts() -> None:
    assert day_text(date(2026, 11, 30)) == "Monday 30 November 2026"
    assert plural(1, "task") == "1 task"
    assert plural(3, "task") == "3 tasks"
