"""Fuzzed command lines and curriculum files: a sentence for every refusal, never a
traceback, and the learner's database byte for byte as it was."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner.app import main
from planner.domain.curriculum_file import CurriculumError
from planner.paths import default_curriculum_path
from planner.services.curricula import install_custom_curriculum
from planner.store.engine import database_path
from tests.conftest import FIXED_NOW
from tests.store.safety_helpers import digest

COMMANDS = ["init", "today", "done", "undo", "status", "backup", "restore"]
WORDS = [
    *COMMANDS,
    "--json", "--date", "--list", "--level", "junior", "mid", "senior", "--specialization",
    "nlp", "--hours-per-week", "8", "0", "-1", "1e308", "nan", "--start", "2026-12-01",
    "9999-12-31", "0001-01-01", "1", "2", "99999999999999999999", "--cert", "aws-ml-specialty",
    "--exam-date", "--known", "python", "--timezone", "Mars/Olympus", "Europe/Berlin",
    "--study-days", "mon,xyz", "mon", "--max-session", "14", "481", "--no-interview-prep",
    "planner.sqlite3", "../../etc/passwd", "", " ", "--", "-x", "\x00", "é", "🙂",
]  # fmt: skip
# Options that leave the test's data folder or open the window are not fuzzed here.
_AVOID = ("--d", "--se", "-h", "--h", "--v")


def _safe(token: str) -> bool:
    return not token.startswith(_AVOID)


tokens = st.one_of(st.sampled_from(WORDS), st.text(max_size=24)).filter(_safe)
first = st.one_of(
    st.sampled_from(COMMANDS), st.text(min_size=1, max_size=12).filter(lambda t: t[0] != "-")
)


def _state(folder: Path) -> tuple[str, str]:
    wal = database_path(folder).with_name("planner.sqlite3-wal")
    return digest(database_path(folder)), digest(wal) if wal.exists() else ""


@contextlib.contextmanager
def _copy(planned: Path) -> Iterator[Path]:
    base = Path(tempfile.mkdtemp())
    try:
        folder = base / "data"
        shutil.copytree(planned, folder)
        yield folder
    finally:
        shutil.rmtree(base, ignore_errors=True)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=first, rest=st.lists(tokens, max_size=8))
@example(command="done", rest=["99999999999999999999"])
@example(command="today", rest=["--date", "9999-12-31"])
@example(command="restore", rest=["planner.sqlite3"])
@example(command="undo", rest=["1\n2"])
def test_any_command_line_gets_a_sentence_and_refusals_change_nothing(
    planned: Path, command: str, rest: list[str]
) -> None:
    with _copy(planned) as folder:
        before = _state(folder)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--data-dir", str(folder), command, *rest])
            except SystemExit as exit_:  # argparse's own refusals and --help
                code = exit_.code if isinstance(exit_.code, int) else 1
        if code != 0:
            assert len(err.getvalue().strip().splitlines()) == 1, err.getvalue()
            assert "Traceback" not in err.getvalue()
            assert _state(folder) == before


BUNDLED = default_curriculum_path().read_text(encoding="utf-8")
LINES = BUNDLED.splitlines(keepends=True)


@st.composite
def damaged_curricula(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "repeat", "insert", "nest", "swap"]))
        if kind == "drop":
            del lines[where]
        elif kind == "repeat":
            lines.insert(where, lines[where])
        elif kind == "insert":
            lines.insert(where, draw(st.text(max_size=40)) + "\n")
        elif kind == "nest":
            depth = draw(st.integers(1, 3000))
            lines.insert(where, "deep: " + "[" * depth + "]" * depth + "\n")
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
    return "".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=damaged_curricula())
def test_any_curriculum_file_is_taken_whole_or_refused_with_nothing_changed(
    planned: Path, text: str
) -> None:
    with _copy(planned) as folder:
        source = folder.parent / "mine.yaml"
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        before = _state(folder)
        refusal = None
        try:
            install_custom_curriculum(source, folder, now=FIXED_NOW)
        except CurriculumError as error:
            refusal = str(error)
        if refusal is not None:
            assert refusal.startswith(str(source))
            assert _state(folder) == before
            assert not (folder / "curriculum.yaml").exists()
            assert not (folder / "backups").exists()
