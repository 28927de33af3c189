"""The command line: the window by default, or one command for scripts and terminals."""

from __future__ import annotations

import argparse
from datetime import date, time
from typing import NoReturn

from planner import __version__
from planner.domain.curriculum import Level
from planner.domain.model import DEFAULT_MAX_SESSION_MINUTES, DEFAULT_STUDY_DAYS, WEEKDAYS
from planner.domain.planning_types import DEFAULT_MISSED_POLICY, MissedPolicy
from planner.export.options import ExportFormat, PaperSize

LEVELS = tuple(level.value for level in Level)
SPECIALIZATIONS = (
    "computer-vision",
    "nlp",
    "reinforcement-learning",
    "time-series",
    "recommendation-systems",
    "anomaly-detection",
)
# The bundled curriculum's certifications, for --help (a curriculum of the learner's own
# may name others; the use cases check each id against the curriculum in use).
CERTIFICATIONS = (
    "google-tensorflow-developer",
    "aws-ml-specialty",
    "azure-ai-engineer",
    "aws-ml-engineer-associate",
    "azure-ai-apps-agents-developer",
    "ibm-ml-professional",
    "deep-learning-specialization-certificate",
)
WEEKDAY_NAMES = tuple(day[:3].lower() for day in WEEKDAYS)
EXPORT_FORMATS = tuple(f.value for f in ExportFormat)
PAPER_SIZES = tuple(p.value for p in PaperSize)


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so an error that
    quotes the learner's input stays on one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class OneLineParser(argparse.ArgumentParser):
    """Reports a usage error on one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def clock_time(text: str) -> time:
    try:
        if len(text) != 5:
            raise ValueError(text)
        return time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time of day (HH:MM)") from None


def task_id(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a task id (a positive whole number)")
    return int(text)


def hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of hours more than 0 and at most 100"
        )
    return value


def minutes(text: str) -> int:
    if not text.isdigit() or not 15 <= int(text) <= 480:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes from 15 to 480")
    return int(text)


def weekdays(text: str) -> tuple[int, ...]:
    names = [name.strip().lower()[:3] for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in WEEKDAY_NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of weekdays like mon,wed,sat")
    return tuple(sorted({WEEKDAY_NAMES.index(name) for name in names}))


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="study-planner",
        description="A dated study plan for learning Machine Learning Engineering. "
        "Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="where the learner's data is kept")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the store, check it, show the window once and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    init = commands.add_parser(
        "init",
        help="create the learner's profile and study plan",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="certification ids for --cert:\n"
        + "\n".join(f"  {certification}" for certification in CERTIFICATIONS),
    )
    init.add_argument("--level", choices=LEVELS, required=True)
    init.add_argument(
        "--specialization",
        choices=SPECIALIZATIONS,
        action="append",
        required=True,
        help="repeat for several",
    )
    init.add_argument("--hours-per-week", type=hours, required=True, metavar="N")
    init.add_argument("--start", type=iso_date, required=True, metavar="YYYY-MM-DD")
    init.add_argument(
        "--study-days",
        type=weekdays,
        default=DEFAULT_STUDY_DAYS,
        metavar="DAYS",
        help="weekdays the hours are spread over, e.g. mon,tue,thu,sat (default: "
        f"{','.join(WEEKDAY_NAMES[d] for d in DEFAULT_STUDY_DAYS)})",
    )
    init.add_argument(
        "--max-session",
        type=minutes,
        default=DEFAULT_MAX_SESSION_MINUTES,
        metavar="MIN",
        help=f"longest single study session (default {DEFAULT_MAX_SESSION_MINUTES})",
    )
    init.add_argument("--timezone", help="IANA time zone (default: this computer's)")
    init.add_argument(
        "--known",
        action="append",
        default=[],
        metavar="TOPIC_ID",
        help="a topic already known, left out of the plan; repeatable",
    )
    init.add_argument(
        "--no-interview-prep", action="store_true", help="leave interview practice out of the plan"
    )
    init.add_argument(
        "--cert",
        action="append",
        default=[],
        metavar="ID",
        help="a certification goal (ids below); pair each with --exam-date",
    )
    init.add_argument(
        "--exam-date", action="append", default=[], type=iso_date, metavar="YYYY-MM-DD"
    )

    today = commands.add_parser("today", help="list a day's tasks")
    today.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    today.add_argument("--json", action="store_true", help="print a JSON array")

    done = commands.add_parser("done", help="tick a task off")
    done.add_argument("task_id", type=task_id, metavar="TASK_ID")
    undo = commands.add_parser("undo", help="take a tick back")
    undo.add_argument("task_id", type=task_id, metavar="TASK_ID")
    skip = commands.add_parser(
        "skip", help="skip a task: its work moves to later days, the plan's total stays"
    )
    skip.add_argument("task_id", type=task_id, metavar="TASK_ID")
    drop = commands.add_parser(
        "drop-topic",
        help="take a topic out of the plan on purpose, saying what that removes",
    )
    drop.add_argument("topic_id", metavar="TOPIC_ID")
    drop.add_argument(
        "--yes", action="store_true", help="drop it; without this, only say what it would remove"
    )

    status = commands.add_parser("status", help="progress and the plan's feasibility")
    status.add_argument("--json", action="store_true", help="print a JSON object")

    export = commands.add_parser(
        "export",
        help="write the progress report (pdf), the plan (ics, csv) or all data (json)",
    )
    export.add_argument("file", metavar="FILE")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="default: from the file's extension",
    )
    export.add_argument("--name", default="", help="the learner's name on the PDF report")
    export.add_argument(
        "--paper", choices=PAPER_SIZES, help="the PDF's paper (default: from the locale)"
    )
    export.add_argument(
        "--include-notes", action="store_true", help="put the task notes in the PDF report"
    )
    import_ = commands.add_parser(
        "import", help="replace all data with a JSON export (the current data is backed up)"
    )
    import_.add_argument("file", metavar="FILE")
    replan = commands.add_parser(
        "replan", help="move unfinished work from earlier days forward, from today on"
    )
    replan.add_argument(
        "--policy",
        choices=tuple(policy.value for policy in MissedPolicy),
        default=DEFAULT_MISSED_POLICY.value,
        help="shift: keep the plan's order; fit: exam preparation first "
        f"(default: {DEFAULT_MISSED_POLICY.value}, as the window's first choice)",
    )

    backup = commands.add_parser("backup", help="back the study data up now")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    restore = commands.add_parser(
        "restore", help="replace the study data with a backup (the current state is kept)"
    )
    restore.add_argument("file", metavar="FILE", help="a backup file, or its name in backups/")
    _add_cert_commands(commands)
    return parser


def _add_cert_commands(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    cert = commands.add_parser("cert", help="certification goals: list, book, pass, fail, drop")
    actions = cert.add_subparsers(
        dest="cert_command", metavar="ACTION", parser_class=OneLineParser, required=True
    )
    listing = actions.add_parser("list", help="every certification and your goal for it")
    listing.add_argument("--json", action="store_true", help="print a JSON array")

    book = actions.add_parser("book", help="book or move an exam (a course: its target date)")
    book.add_argument("certification_id", metavar="ID")
    book.add_argument("--exam-date", type=iso_date, required=True, metavar="YYYY-MM-DD")
    book.add_argument("--exam-time", type=clock_time, metavar="HH:MM")

    passed = actions.add_parser("pass", help="record a pass")
    passed.add_argument("certification_id", metavar="ID")
    passed.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD")
    passed.add_argument("--credential", default="", metavar="TEXT", help="credential id or link")

    failed = actions.add_parser("fail", help="record a failed exam")
    failed.add_argument("certification_id", metavar="ID")
    failed.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD")
    failed.add_argument("--retake", type=iso_date, metavar="YYYY-MM-DD", help="retake date")

    drop = actions.add_parser("drop", help="stop working towards a certification")
    drop.add_argument("certification_id", metavar="ID")
