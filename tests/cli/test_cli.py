"""The command line, run as a learner would: in a subprocess, against a data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
START = "2031-03-03"  # a Monday far enough ahead that "today" never passes it in a test run


def run(
    data_dir: Path, *arguments: str, entry: tuple[str, ...] = ("main.py",), check: bool = True
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, *entry, "--data-dir", str(data_dir), *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def init_arguments(level: str, hours_per_week: str, *extra: str) -> list[str]:
    """An ``init`` command for the NLP track, starting on START."""
    return [
        "init",
        "--level", level,
        "--specialization", "nlp",
        "--hours-per-week", hours_per_week,
        "--start", START,
        *extra,
    ]  # fmt: skip


def init(data_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(data_dir, *init_arguments("junior", "10", "--timezone", "Europe/Berlin", *extra))


def refused_init(data_dir: Path, *extra: str, level: str = "mid", hours_per_week: str = "8") -> str:
    """The one-line error of an ``init`` that is refused."""
    return one_line_error(
        run(data_dir, *init_arguments(level, hours_per_week, *extra), check=False)
    )


def today_json(data_dir: Path, day: str = START) -> list[dict[str, Any]]:
    result = run(data_dir, "today", "--date", day, "--json")
    tasks = json.loads(result.stdout)
    assert isinstance(tasks, list)
    return tasks


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_init_then_today_lists_the_first_days_tasks(data_dir: Path) -> None:
    created = init(data_dir)
    assert "Created a plan of" in created.stdout

    tasks = today_json(data_dir)

    assert tasks
    assert {"id", "title", "minutes", "status", "date", "topic_id"} <= set(tasks[0])
    assert all(task["date"] == START and task["status"] == "pending" for task in tasks)
    # 10 hours spread over 7 days is 86 minutes a day at most.
    assert sum(task["minutes"] for task in tasks) <= 86


def test_done_and_undo_tick_a_task_off_and_back(data_dir: Path) -> None:
    init(data_dir)
    task = today_json(data_dir)[0]

    assert "Done:" in run(data_dir, "done", str(task["id"])).stdout
    assert today_json(data_dir)[0]["status"] == "done"
    status = json.loads(run(data_dir, "status", "--json").stdout)
    assert status["overall"]["done_minutes"] == task["minutes"]

    assert "Reopened:" in run(data_dir, "undo", str(task["id"])).stdout
    assert today_json(data_dir)[0]["status"] == "pending"


def test_status_reports_progress_groups_and_feasibility(data_dir: Path) -> None:
    init(
        data_dir, "--cert", "deep-learning-specialization-certificate", "--exam-date", "2031-04-01"
    )

    status = json.loads(run(data_dir, "status", "--json").stdout)

    assert status["overall"]["percent"] == 0
    assert status["groups"]
    (deadline,) = status["feasibility"]["deadlines"]
    assert deadline["certification_id"] == "deep-learning-specialization-certificate"
    assert deadline["feasible"] is False  # four weeks at 10 h/week is not enough
    assert deadline["shortfall_hours"] > 0
    text = run(data_dir, "status").stdout
    assert "Overall: 0% done" in text
    assert "hours short" in text


def test_the_installed_command_and_the_module_enter_the_same_root(data_dir: Path) -> None:
    init(data_dir)
    script = Path(sys.executable).with_name("study-planner")
    installed = subprocess.run(
        [str(script), "--data-dir", str(data_dir), "today", "--date", START, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    module = run(data_dir, "today", "--date", START, "--json", entry=("-m", "planner"))
    assert json.loads(installed.stdout) == json.loads(module.stdout) == today_json(data_dir)


def test_the_data_folder_can_come_from_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    environment = {**os.environ, "STUDY_PLANNER_DATA_DIR": str(folder)}
    subprocess.run(
        [sys.executable, "main.py", "init", "--level", "senior", "--specialization",
         "computer-vision", "--hours-per-week", "6", "--start", START, "--timezone", "UTC"],
        cwd=ROOT, env=environment, check=True, capture_output=True,
    )  # fmt: skip
    assert (folder / "planner.sqlite3").exists()


def test_no_profile_yet_is_one_clear_line_and_writes_nothing(data_dir: Path) -> None:
    for command in (["today"], ["status"], ["done", "1"]):
        message = one_line_error(run(data_dir, *command, check=False))
        assert "no study plan yet" in message
    assert not (data_dir / "planner.sqlite3").exists()


def test_unknown_task_id_is_named(data_dir: Path) -> None:
    init(data_dir)
    message = one_line_error(run(data_dir, "done", "99999", check=False))
    assert "no study task with id 99999" in message


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["today", "--date", "2031-02-30"], "'2031-02-30' is not a date"),
        (["done", "first"], "'first' is not a task id"),
        (["init", "--level", "guru"], "invalid choice: 'guru'"),
    ],
)
def test_bad_arguments_are_one_clear_line(
    data_dir: Path, arguments: list[str], expected: str
) -> None:
    result = run(data_dir, *arguments, check=False)
    assert expected in one_line_error(result)
    assert result.returncode == 2


def test_init_with_an_unknown_certification_writes_nothing(data_dir: Path) -> None:
    message = refused_init(data_dir, "--cert", "pmp", "--exam-date", "2031-06-01")
    assert "unknown certification 'pmp'" in message
    assert not (data_dir / "planner.sqlite3").exists()


def test_a_second_init_is_refused_and_keeps_the_plan(data_dir: Path) -> None:
    init(data_dir)
    before = today_json(data_dir)
    assert "already exists" in refused_init(data_dir, level="senior", hours_per_week="20")
    assert today_json(data_dir) == before


def test_certifications_and_exam_dates_come_in_pairs(data_dir: Path) -> None:
    assert "in pairs" in refused_init(data_dir, "--cert", "azure-ai-engineer")


def test_an_exam_before_the_plan_starts_is_refused(data_dir: Path) -> None:
    message = refused_init(data_dir, "--cert", "azure-ai-engineer", "--exam-date", "2031-02-01")
    assert "the exam date 2031-02-01 for Microsoft Azure AI Engineer is before the plan" in message
    assert not (data_dir / "planner.sqlite3").exists()


def test_a_retired_certification_has_no_exam_to_plan_for(data_dir: Path) -> None:
    message = refused_init(data_dir, "--cert", "aws-ml-specialty", "--exam-date", "2031-09-01")
    assert "AWS Machine Learning Specialty (aws-ml-specialty) is retired" in message
    assert "successor" in message


def test_zero_hours_a_week_is_refused_with_a_consistent_message(data_dir: Path) -> None:
    message = refused_init(data_dir, hours_per_week="0")
    assert "'0' is not a number of hours more than 0 and at most 100" in message


def test_ticking_off_twice_says_it_was_already_done(data_dir: Path) -> None:
    init(data_dir)
    task_id = str(today_json(data_dir)[0]["id"])
    run(data_dir, "done", task_id)
    assert run(data_dir, "done", task_id).stdout.startswith("Already done:")


def test_a_reader_that_stops_early_gets_no_error(data_dir: Path) -> None:
    init(data_dir)
    command = [sys.executable, "main.py", "--data-dir", str(data_dir), "status", "--json"]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as reader:
        assert reader.stdout is not None
        assert reader.stderr is not None
        reader.stdout.close()  # gone before the command writes a byte, as `| head -0` would
        stderr = reader.stderr.read()
        reader.wait(timeout=60)
    assert stderr == ""


def test_skip_moves_the_work_later_and_keeps_the_plan_total(data_dir: Path) -> None:
    init(data_dir)
    task = today_json(data_dir)[0]
    before = json.loads(run(data_dir, "status", "--json").stdout)["overall"]["planned_minutes"]

    skipped = run(data_dir, "skip", str(task["id"])).stdout

    # The series gains a session for the skipped work, so its numbers change.
    assert f"Skipped: {task['title'].split(' (')[0]} (1/" in skipped
    assert "moves to later days" in skipped
    assert today_json(data_dir)[0]["status"] == "skipped"
    after = json.loads(run(data_dir, "status", "--json").stdout)["overall"]["planned_minutes"]
    assert after == before
    again = run(data_dir, "skip", str(task["id"]), check=False)
    assert "only open tasks can be skipped" in one_line_error(again)


def test_drop_topic_says_what_it_removes_and_drops_only_when_told(data_dir: Path) -> None:
    init(data_dir)
    topic_id = today_json(data_dir)[0]["topic_id"]
    planned = json.loads(run(data_dir, "status", "--json").stdout)["overall"]["planned_minutes"]

    preview = run(data_dir, "drop-topic", topic_id).stdout

    assert preview.startswith("Dropping ")
    assert "Run again with --yes" in preview
    assert json.loads(run(data_dir, "status", "--json").stdout)["overall"]["planned_minutes"] == (
        planned
    )
    dropped = run(data_dir, "drop-topic", topic_id, "--yes").stdout
    assert dropped.startswith("Dropped ")
    assert all(task["topic_id"] != topic_id for task in today_json(data_dir))
    after = json.loads(run(data_dir, "status", "--json").stdout)["overall"]["planned_minutes"]
    assert after < planned
    unknown = run(data_dir, "drop-topic", "no-such-topic", check=False)
    assert one_line_error(unknown) == "study-planner: error: unknown topic 'no-such-topic'"
