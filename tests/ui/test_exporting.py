"""The File menu's exports and import, driven as a learner would with the dialogs answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planner.export.options import ExportFormat
from planner.services.context import AppContext
from planner.services.tasks import all_tasks, complete_task
from planner.store import repositories as repo
from planner.ui import exporting
from planner.ui.backend import Backend
from planner.ui.exporting import FileTransfers
from planner.ui.main_window import MainWindow
from planner.ui.ui_settings import UiSettings

pytestmark = pytest.mark.gui


class Answers:
    """What the patched dialogs answer, and what the window asked to open or show."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        self.save_to: Path | None = tmp_path / "out" / "report.pdf"
        self.open_from: Path | None = None
        self.suggested: list[Path] = []
        self.opened: list[Path] = []
        self.errors: list[str] = []
        self.open_it = True
        monkeypatch.setattr(exporting, "ask_save_path", self._save)
        monkeypatch.setattr(exporting, "ask_open_path", lambda *_args: self.open_from)
        monkeypatch.setattr(exporting, "confirm_import", lambda *_args: True)
        monkeypatch.setattr(exporting, "offer_to_open", lambda *_args: self.open_it)
        monkeypatch.setattr(exporting, "open_file", self.opened.append)
        monkeypatch.setattr(
            exporting, "show_error_dialog", lambda _p, _t, message: self.errors.append(message)
        )

    def _save(self, _parent: QWidget, _title: str, suggested: Path, _filter: str) -> Path | None:
        self.suggested.append(suggested)
        return self.save_to


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    (tmp_path / "out").mkdir()
    return Answers(monkeypatch, tmp_path)


@pytest.fixture
def transfers(qtbot: QtBot, backend: Backend, data_dir: Path) -> FileTransfers:
    parent = QWidget()
    qtbot.addWidget(parent)
    return FileTransfers(parent, backend, UiSettings(data_dir))


def _wait(qtbot: QtBot, transfers: FileTransfers) -> None:
    qtbot.waitUntil(lambda: not transfers.busy, timeout=20_000)


def test_ctrl_e_exports_the_pdf_and_offers_to_open_it(
    qtbot: QtBot, transfers: FileTransfers, answers: Answers, data_dir: Path, tmp_path: Path
) -> None:
    action = transfers.export_actions[ExportFormat.PDF]
    assert action.shortcut() == QKeySequence("Ctrl+E")

    action.trigger()
    assert transfers.busy  # the work runs off the GUI thread
    _wait(qtbot, transfers)

    report = tmp_path / "out" / "report.pdf"
    assert report.read_bytes().startswith(b"%PDF-")
    assert answers.opened == [report]
    assert answers.errors == []
    # The next dialog starts in the folder used last, also after a restart.
    transfers.export_actions[ExportFormat.ICS].trigger()
    _wait(qtbot, transfers)
    assert answers.suggested[-1] == tmp_path / "out" / "study-plan.ics"
    assert UiSettings(data_dir).export_folder == tmp_path / "out"


def test_each_format_gets_its_extension(
    qtbot: QtBot, transfers: FileTransfers, answers: Answers, tmp_path: Path
) -> None:
    answers.open_it = False
    for export_format in ExportFormat:
        answers.save_to = tmp_path / "out" / f"plan-{export_format.value}"
        transfers.export_actions[export_format].trigger()
        _wait(qtbot, transfers)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "plan-csv.csv",
        "plan-ics.ics",
        "plan-json.json",
        "plan-pdf.pdf",
    ]
    assert answers.opened == []


def test_import_replaces_the_data_and_views_hear_of_it(
    qtbot: QtBot,
    transfers: FileTransfers,
    answers: Answers,
    backend: Backend,
    context: AppContext,
    tmp_path: Path,
) -> None:
    answers.open_it = False
    answers.save_to = tmp_path / "out" / "copy.json"
    transfers.export_actions[ExportFormat.JSON].trigger()
    _wait(qtbot, transfers)
    with context.database.unit_of_work() as session:
        before = repo.read_all_rows(session=session)
    task = all_tasks(context)[0]
    assert task.id is not None
    complete_task(context, task.id)

    answers.open_from = answers.save_to
    with qtbot.waitSignal(backend.changed, timeout=20_000):
        transfers.import_action.trigger()
    _wait(qtbot, transfers)

    with context.database.unit_of_work() as session:
        assert repo.read_all_rows(session=session) == before
    assert answers.errors == []


def test_a_bad_import_is_reported_and_changes_nothing(
    qtbot: QtBot, transfers: FileTransfers, answers: Answers, context: AppContext, tmp_path: Path
) -> None:
    bad = tmp_path / "out" / "bad.json"
    bad.write_text('{"format": "study-planner", "version": 1}', encoding="utf-8")
    with context.database.unit_of_work() as session:
        before = repo.read_all_rows(session=session)
    answers.open_from = bad

    transfers.import_action.trigger()
    _wait(qtbot, transfers)

    assert len(answers.errors) == 1
    assert answers.errors[0].startswith("bad.json: ")
    with context.database.unit_of_work() as session:
        assert repo.read_all_rows(session=session) == before


def test_the_file_menu_lists_the_exports(
    qtbot: QtBot, transfers: FileTransfers, data_dir: Path
) -> None:
    window = MainWindow(UiSettings(data_dir), data_dir)
    qtbot.addWidget(window)
    window.add_file_actions(transfers.actions())

    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts == [
        "Load Curriculum File…",
        "&Backups…",
        "&Export Progress as PDF…",
        "Export Plan as &Calendar…",
        "Export Tasks as &Spreadsheet…",
        "Export All &Data…",
        "Include Task &Notes in the PDF",
        "&Import Data…",
        "&Quit",
    ]


def test_the_notes_choice_is_remembered(
    qtbot: QtBot, transfers: FileTransfers, backend: Backend, data_dir: Path
) -> None:
    assert transfers.report_options().include_notes is False

    transfers.include_notes_action.setChecked(True)

    assert transfers.report_options().include_notes is True
    parent = QWidget()
    qtbot.addWidget(parent)
    again = FileTransfers(parent, backend, UiSettings(data_dir))
    assert again.include_notes_action.isChecked()
