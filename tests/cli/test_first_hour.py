"""What a new learner meets first on the command line: pipes, folders, odd input, missed
work and the README's own example."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.cli.arguments import CERTIFICATIONS, build_parser
from planner.domain.clock import system_clock
from planner.domain.curriculum import Curriculum, Level
from planner.domain.model import DEFAULT_STUDY_DAYS, Profile, WeeklyAvailability
from planner.domain.planning_types import MissedPolicy
from planner.services.bootstrap import open_context
from planner.services.plans import create_plan
from tests.cli.test_cli import ROOT, init, one_line_error, run, today_json
from tests.conftest import FakeClock

BUFFERING = [
    pytest.param({"PYTHONUNBUFFERED": "1"}, id="unbuffered"),
    pytest.param({}, id="buffered"),
]


def _environment(extra: dict[str, str]) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"}
    }
    return {**environment, **extra, "QT_QPA_PLATFORM": "offscreen"}


@pytest.mark.parametrize("buffering", BUFFERING)
@pytest.mark.parametrize("command", [["status", "--json"], ["today"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(
    data_dir: Path, command: list[str], buffering: dict[str, str]
) -> None:
    init(data_dir)
    arguments = [sys.executable, "main.py", "--data-dir", str(data_dir), *command]
    with subprocess.Popen(
        arguments,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(buffering),
    ) as reader:
        assert reader.stdout is not None
        assert reader.stderr is not None
        reader.stdout.close()  # gone before the command writes a byte, as `| true` would
        stderr = reader.stderr.read()
        status = reader.wait(timeout=60)
    assert stderr == ""
    assert status in (0, 141)


def test_read_commands_on_a_missing_folder_create_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "path"
    for command in (["today"], ["status"], ["done", "1"], ["undo", "1"], ["replan"]):
        message = one_line_error(run(folder, *command, check=False))
        assert "no study plan yet" in message
        assert "study-planner init" in message
    assert not (tmp_path / "new").exists()


def test_a_data_folder_that_is_a_file_gets_a_sentence(tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    for command in (["today"], ["init", "--level", "mid", "--specialization", "nlp",
                     "--hours-per-week", "8", "--start", "2031-03-03"]):  # fmt: skip
        message = one_line_error(run(file, *command, check=False))
        assert f"the data folder {file} is a file, not a folder" in message
        assert "Errno" not in message
    assert file.read_text() == "mine"


def test_a_start_date_beyond_the_horizon_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    result = run(folder, "init", "--level", "mid", "--specialization", "nlp",
                 "--hours-per-week", "8", "--start", "9999-12-31", check=False)  # fmt: skip
    assert "the start date 9999-12-31 is too far ahead" in one_line_error(result)
    assert not folder.exists()


def test_huge_task_ids_are_named_as_unknown(data_dir: Path) -> None:
    init(data_dir)
    for command, task_id in [("done", str(2**63)), ("undo", str(2**63 - 1)), ("done", "9" * 30)]:
        message = one_line_error(run(data_dir, command, task_id, check=False))
        assert message == f"study-planner: error: no study task with id {task_id}"


def test_undo_of_a_task_not_done_changes_nothing(data_dir: Path) -> None:
    init(data_dir)
    before = today_json(data_dir)
    task = before[0]
    result = run(data_dir, "undo", str(task["id"]), check=False)
    assert result.returncode == 1
    assert "Reopened" not in result.stdout
    assert f"task {task['id']} ({task['title']}) is not done" in one_line_error(result)
    assert today_json(data_dir) == before


@pytest.mark.parametrize("hours", ["0.1", "1e-9"])
def test_a_weekly_time_that_cannot_finish_the_plan_is_refused(tmp_path: Path, hours: str) -> None:
    folder = tmp_path / "data"
    result = run(folder, "init", "--level", "mid", "--specialization", "nlp",
                 "--hours-per-week", hours, "--start", "2031-03-03", check=False)  # fmt: skip
    message = one_line_error(result)
    assert "a week cannot finish the plan within 10 years" in message
    least = re.search(r"give at least (\d+) h(?: (\d+) min)? a week", message)
    assert least is not None, message
    assert not folder.exists()
    # The weekly time named is enough.
    weekly = int(least.group(1)) + int(least.group(2) or 0) / 60
    created = run(folder, "init", "--level", "mid", "--specialization", "nlp",
                  "--hours-per-week", str(weekly), "--start", "2031-03-03")  # fmt: skip
    assert "Not placed" not in created.stdout


def test_a_start_in_the_past_is_said_not_silently_changed(data_dir: Path) -> None:
    asked = date.today() - timedelta(days=10)
    result = run(data_dir, "init", "--level", "mid", "--specialization", "nlp",
                 "--hours-per-week", "8", "--start", asked.isoformat())  # fmt: skip
    assert f"You asked to start on {asked:%A} {asked.day} {asked:%B %Y}" in result.stdout
    assert "so the plan starts today" in result.stdout


def test_init_help_lists_the_certifications_and_study_days_default_to_weekdays(
    curriculum: Curriculum,
) -> None:
    assert set(CERTIFICATIONS) == {c.id for c in curriculum.certifications}
    help_text = subprocess.run(
        [sys.executable, "main.py", "init", "--help"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for certification in CERTIFICATIONS:
        assert f"\n  {certification}\n" in help_text + "\n"
    arguments = build_parser().parse_args(
        ["init", "--level", "mid", "--specialization", "nlp", "--hours-per-week", "5",
         "--start", "2031-03-03"]
    )  # fmt: skip
    assert arguments.study_days == DEFAULT_STUDY_DAYS == (0, 1, 2, 3, 4)


def _plan_made_days_ago(data_dir: Path, curriculum: Curriculum, days: int) -> None:
    """A plan created ``days`` ago and never touched since: its first days are missed."""
    clock = FakeClock()
    start = system_clock().date() - timedelta(days=days)
    clock.set_day(start)
    context = open_context(data_dir, clock, curriculum)
    try:
        profile = Profile(
            level=Level.MID,
            specializations=("nlp",),
            availability=WeeklyAvailability.spread(8, tuple(range(7))),
            start_date=start,
            timezone="UTC",
        )
        create_plan(context, profile)
    finally:
        context.database.close()


def _status(data_dir: Path) -> dict[str, object]:
    status = json.loads(run(data_dir, "status", "--json").stdout)
    assert isinstance(status, dict)
    return status


@pytest.mark.parametrize("policy", [None, *MissedPolicy])
def test_today_shows_missed_work_and_replan_moves_it_losing_nothing(
    data_dir: Path, curriculum: Curriculum, policy: MissedPolicy | None
) -> None:
    _plan_made_days_ago(data_dir, curriculum, days=5)
    before = _status(data_dir)
    missed = before["missed"]
    assert isinstance(missed, dict)
    assert missed["tasks"] > 0
    text = run(data_dir, "today").stdout
    assert f"Missed: {missed['tasks']} tasks" in text
    assert "study-planner replan" in text

    extra = [] if policy is None else ["--policy", policy.value]
    replanned = run(data_dir, "replan", *extra).stdout
    assert f"moved {missed['tasks']} missed tasks" in replanned

    after = _status(data_dir)
    assert after["missed"] == {"tasks": 0, "minutes": 0}
    overall_before, overall_after = before["overall"], after["overall"]
    assert isinstance(overall_before, dict)
    assert isinstance(overall_after, dict)
    assert overall_after["planned_minutes"] == overall_before["planned_minutes"]
    assert "Missed" not in run(data_dir, "today").stdout


def test_replan_offers_each_policy_and_defaults_to_the_windows() -> None:
    replan = build_parser().parse_args(["replan"])
    assert replan.policy == MissedPolicy.SHIFT.value
    for policy in MissedPolicy:
        assert build_parser().parse_args(["replan", "--policy", policy.value]).policy == policy


def _readme_init_command() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n(study-planner init .*?)\n(?!    )", readme, re.DOTALL)
    assert block is not None
    command = block.group(1).replace("\\\n", " ")
    today = date.today()
    command = command.replace('"$(date -I)"', today.isoformat())
    months = re.search(r"\"\$\(date -I -d '\+(\d+) months'\)\"", command)
    assert months is not None
    month = today.month - 1 + int(months.group(1))
    exam = date(today.year + month // 12, month % 12 + 1, min(today.day, 28))
    command = command.replace(months.group(0), exam.isoformat())
    return shlex.split(command)[1:]


def test_the_readme_example_makes_a_plan_that_works(data_dir: Path) -> None:
    created = run(data_dir, *_readme_init_command())
    assert "on track" in created.stdout
    assert "short" not in created.stdout
    assert "Not placed" not in created.stdout
