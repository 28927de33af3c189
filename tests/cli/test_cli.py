"""The command line, run as a learner would: in a subprocess, against a data folder."""

from __future__ import annotations

import json
import os
import re
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
    # 10 hours spread over Monday to Friday, the default study days, is 2 hours a day.
    assert sum(task["minutes"] for task in tasks) <= 120


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
    assert re.search(r"\d+ h( \d+ min)? short for the exam", text)


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
    assert "in pairs" in refused_init(data_dir, "--cert", "aws-ml-engineer-associate")


def test_an_exam_before_the_plan_starts_is_refused(data_dir: Path) -> None:
    message = refused_init(
        data_dir, "--cert", "aws-ml-engineer-associate", "--exam-date", "2031-02-01"
    )
    assert (
        "the exam date 2031-02-01 for AWS Machine Learning Engineer \u2013 Associate "
        "is before the plan" in message
    )
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


def test_export_in_every_format_and_import_the_json_elsewhere(
    data_dir: Path, tmp_path: Path
) -> None:
    init(
        data_dir, "--cert", "deep-learning-specialization-certificate", "--exam-date", "2031-06-02"
    )
    task = today_json(data_dir)[0]
    run(data_dir, "done", str(task["id"]))
    out = tmp_path / "out"
    out.mkdir()

    pdf = run(data_dir, "export", str(out / "report.pdf"), "--name", "Ada", "--paper", "letter")
    assert pdf.stdout.strip() == f"Exported the progress report to {out / 'report.pdf'}"
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
    run(data_dir, "export", str(out / "plan.ics"))
    assert b"BEGIN:VCALENDAR" in (out / "plan.ics").read_bytes()
    run(data_dir, "export", str(out / "tasks.txt"), "--format", "csv")
    assert (out / "tasks.txt").read_text(encoding="utf-8-sig").startswith("Date,Task,")
    run(data_dir, "export", str(out / "copy.json"))

    elsewhere = tmp_path / "elsewhere"
    imported = run(elsewhere, "import", str(out / "copy.json"))
    assert imported.stdout.startswith("Imported ")
    assert "backed up in" in imported.stdout
    assert today_json(elsewhere) == today_json(data_dir)


def test_a_bad_import_or_export_is_one_clear_line(data_dir: Path, tmp_path: Path) -> None:
    init(data_dir)
    before = today_json(data_dir)
    truncated = tmp_path / "truncated.json"
    run(data_dir, "export", str(truncated))
    truncated.write_bytes(truncated.read_bytes()[:500])

    error = one_line_error(run(data_dir, "import", str(truncated), check=False))
    assert error.startswith("study-planner: error: truncated.json: not a JSON file")
    assert today_json(data_dir) == before
    error = one_line_error(run(data_dir, "export", str(tmp_path / "plan.docx"), check=False))
    assert "plan.docx: cannot tell the format from the extension" in error


def cert_list(data_dir: Path) -> dict[str, dict[str, Any]]:
    entries = json.loads(run(data_dir, "cert", "list", "--json").stdout)
    return {entry["id"]: entry for entry in entries}


def test_cert_commands_follow_a_goal_from_booking_to_a_pass(data_dir: Path) -> None:
    init(data_dir)
    listed = cert_list(data_dir)
    assert listed["azure-ai-engineer"]["status"] == "retired"
    assert "goal" not in listed["aws-ml-engineer-associate"]

    booked = run(
        data_dir, "cert", "book", "aws-ml-engineer-associate",
        "--exam-date", "2031-12-01", "--exam-time", "09:30",
    )  # fmt: skip
    assert "booked, exam 2031-12-01 09:30, 0% ready" in booked.stdout
    assert "Re-planned:" in booked.stdout
    goal = cert_list(data_dir)["aws-ml-engineer-associate"]["goal"]
    assert goal["status"] == "booked"
    assert (goal["exam_date"], goal["exam_time"]) == ("2031-12-01", "09:30")
    assert goal["readiness_percent"] == 0
    assert isinstance(goal["feasible"], bool)

    run(data_dir, "cert", "pass", "aws-ml-engineer-associate", "--date", "2026-12-01",
        "--credential", "AWS-42")  # fmt: skip
    goal = cert_list(data_dir)["aws-ml-engineer-associate"]["goal"]
    assert (goal["status"], goal["passed_on"], goal["expires_on"], goal["credential"]) == (
        "passed",
        "2026-12-01",
        "2029-12-01",
        "AWS-42",
    )
    assert goal["readiness_percent"] is None

    run(data_dir, "cert", "fail", "azure-ai-apps-agents-developer", "--date", "2026-11-30")
    assert cert_list(data_dir)["azure-ai-apps-agents-developer"]["goal"]["status"] == "failed"
    run(data_dir, "cert", "drop", "azure-ai-apps-agents-developer")
    assert cert_list(data_dir)["azure-ai-apps-agents-developer"]["goal"]["status"] == "dropped"
    text = run(data_dir, "cert", "list").stdout
    assert "aws-ml-engineer-associate" in text
    assert "goal: passed, passed 2026-12-01, expires 2029-12-01" in text


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["book", "azure-ai-engineer", "--exam-date", "2031-09-01"], "is retired"),
        (["book", "aws-ml-engineer-associate", "--exam-date", "2031-01-01"], "before the plan"),
        (["pass", "aws-ml-engineer-associate", "--date", "2099-01-01"], "is after today"),
        (["drop", "ibm-ml-professional"], "is not a goal"),
        (["book", "pmp", "--exam-date", "2031-09-01"], "unknown certification 'pmp'"),
    ],
)
def test_refused_cert_commands_write_nothing(
    data_dir: Path, arguments: list[str], expected: str
) -> None:
    init(data_dir)
    before = (cert_list(data_dir), today_json(data_dir))
    result = run(data_dir, "cert", *arguments, check=False)
    assert expected in one_line_error(result)
    assert result.returncode == 1
    assert (cert_list(data_dir), today_json(data_dir)) == before


def test_a_bad_exam_time_is_one_clear_line(data_dir: Path) -> None:
    result = run(data_dir, "cert", "book", "x", "--exam-date", "2031-01-01", "--exam-time", "9h",
                 check=False)  # fmt: skip
    assert "'9h' is not a time of day (HH:MM)" in one_line_error(result)


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
