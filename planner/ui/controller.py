"""Brings the window to life: opens the learner's data off the GUI thread, then shows
onboarding on a first run or the views on later runs.

The store, SQLAlchemy and the views are imported only after the first window is on
screen, so it appears as fast as a bare Qt window.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from planner.domain.clock import Clock
from planner.ui.backend import Backend, TaskRunner
from planner.ui.error_reporting import ErrorReporter, log, show_error_dialog
from planner.ui.main_window import MainWindow, when_painted

if TYPE_CHECKING:
    from planner.domain.curriculum_file import CurriculumError
    from planner.domain.model import Profile
    from planner.services.backups import Recovery
    from planner.services.context import AppContext
    from planner.store.faults import DamagedDatabaseError

SELF_TEST_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class _Opened:
    context: AppContext
    profile: Profile | None
    quick_check: str
    curriculum_error: CurriculumError | None  # the learner's own file, when it failed


def _open(data_dir: Path, clock: Clock) -> _Opened:
    """Open the learner's data. A damaged curriculum file of their own never locks them
    out: the built-in curriculum is used and the fault is shown in the Curriculum view."""
    from planner.domain.curriculum_file import CurriculumError, load_curriculum
    from planner.paths import default_curriculum_path
    from planner.services.bootstrap import load_active_curriculum, open_context
    from planner.services.plans import load_profile

    curriculum_error = None
    try:
        curriculum = load_active_curriculum(data_dir)
    except CurriculumError as error:
        curriculum_error = error
        curriculum = load_curriculum(default_curriculum_path())
    context = open_context(data_dir, clock, curriculum)
    return _Opened(context, load_profile(context), context.database.quick_check(), curriculum_error)


class WindowController(QObject):
    def __init__(
        self, window: MainWindow, data_dir: Path, clock: Clock, *, self_test: bool = False
    ) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.clock = clock
        self.self_test = self_test
        self.backend: Backend | None = None
        self.exit_code = 0
        self._opener = TaskRunner(self)
        self.reporter = ErrorReporter(window, data_dir)
        self._curriculum_error: CurriculumError | None = None
        self._recovering = False
        window.backups_requested.connect(self.show_backups)

    def start(self) -> None:
        self.reporter.install()
        if self.self_test:
            QTimer.singleShot(SELF_TEST_TIMEOUT_MS, lambda: self._fail("timed out"))
        self._open()

    def _open(self) -> None:
        self._opener.run(lambda: _open(self.data_dir, self.clock), self._opened, self._open_failed)

    def shutdown(self) -> None:
        self._opener.wait_until_idle()
        if self.backend is not None:
            self.backend.wait_until_idle()
            self.backend.context.database.close()
        self.reporter.uninstall()

    # Start-up ----------------------------------------------------------------------------

    def _opened(self, opened: _Opened) -> None:
        self._curriculum_error = opened.curriculum_error
        if self.backend is not None:
            self._reopened(opened)
            return
        self.backend = Backend(opened.context, self)
        self.backend.error.connect(self._backend_failed)
        if self.self_test:
            if opened.quick_check != "ok":
                self._fail(f"database check failed: {opened.quick_check}")
                return
            if opened.profile is not None:
                self._install_views(opened.profile.timezone)
            when_painted(self.window, self._self_test_passed)
            self.window.update()
            return
        if opened.profile is None:
            self._start_onboarding()
        else:
            self._install_views(opened.profile.timezone)

    def _open_failed(self, error: Exception) -> None:
        from planner.store.faults import DamagedDatabaseError

        if self.self_test:
            self._fail(str(error))
            return
        if isinstance(error, DamagedDatabaseError):
            self._set_damaged_file_aside(error)
            return
        self._give_up(error)

    def _give_up(self, error: Exception) -> None:
        show_error_dialog(self.window, "Study Planner cannot open your data", str(error))
        self.exit_code = 1
        QApplication.exit(1)

    # Recovery from a damaged data file ---------------------------------------------------

    def _backend_failed(self, error: Exception) -> None:
        """A use case failed. Damage found while the window is open takes the learner to
        the same recovery as damage found at start-up; anything else is reported."""
        from planner.store.faults import DamagedDatabaseError

        backend = self.backend
        if not isinstance(error, DamagedDatabaseError) or backend is None:
            self.reporter.report(error)
            return
        if self._recovering:
            return
        self._recovering = True
        backend.wait_until_idle()
        backend.context.database.close()
        self._set_damaged_file_aside(error)

    def _reopened(self, opened: _Opened) -> None:
        """The data was restored (or started afresh) while the views were up: they go on
        with the new database and refresh everything."""
        from planner.services.changes import Changes

        assert self.backend is not None
        self._recovering = False
        self.backend.context = opened.context
        if opened.profile is None:
            self._start_onboarding()
            return
        self.backend.changed.emit(Changes(plan=True, profile=True, goals=True))
        self.window.statusBar().showMessage("Your data is back.", 5000)

    def _set_damaged_file_aside(self, error: DamagedDatabaseError) -> None:
        from planner.services.backups import set_damaged_file_aside

        self.window.statusBar().showMessage("Your data file is damaged: setting it aside…")
        self._opener.run(
            lambda: set_damaged_file_aside(self.data_dir, self.clock()),
            lambda recovery: self._offer_recovery(recovery, error.detail),
            self._give_up,
        )

    def _offer_recovery(self, recovery: Recovery, detail: str) -> None:
        from planner.services.backups import restore
        from planner.ui import backups_dialog
        from planner.ui.backups_dialog import RecoveryChoice

        choice = backups_dialog.ask_recovery(self.window, recovery, detail)
        backup = recovery.newest_backup
        if choice is RecoveryChoice.RESTORE and backup is not None:
            self.window.statusBar().showMessage("Restoring the backup…")
            self._opener.run(
                lambda: restore(self.data_dir, backup.path, self.clock()),
                lambda _result: self._open(),
                self._give_up,
            )
        elif choice is RecoveryChoice.START_AFRESH:
            self._open()
        else:
            self.exit_code = 1
            QApplication.exit(1)

    def show_backups(self) -> None:
        from planner.ui.backups_dialog import BackupsDialog

        if self.backend is None:
            return
        dialog = BackupsDialog(self.backend, self.data_dir, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _daily_backup(self) -> None:
        """Once the window is usable: a backup when the newest is more than a day old."""
        from planner.services.backups import back_up_if_due

        assert self.backend is not None
        self.backend.query(back_up_if_due, self._backed_up, self._backup_failed)

    def _backed_up(self, made: Path | None) -> None:
        if made is not None:
            log.info("daily backup: %s", made)

    def _backup_failed(self, error: Exception) -> None:
        log.warning("the daily backup failed: %s", error)
        self.window.statusBar().showMessage(f"The daily backup failed: {error}", 10_000)

    def _start_onboarding(self) -> None:
        import tzlocal

        from planner.ui.onboarding import OnboardingWizard

        assert self.backend is not None
        wizard = OnboardingWizard(self.backend, tzlocal.get_localzone_name(), self.window)
        wizard.plan_created.connect(self._onboarded)
        wizard.rejected.connect(self.window.close)
        self.window.statusBar().showMessage("Welcome! Let's build your study plan.")
        wizard.open()

    def _onboarded(self) -> None:
        from planner.services.plans import load_profile

        assert self.backend is not None
        self.backend.query(load_profile, self._install_views_for)

    def _install_views_for(self, profile: Profile | None) -> None:
        if profile is not None:
            self._install_views(profile.timezone)

    def _install_views(self, timezone: str) -> None:
        from planner.ui.views.certifications import CertificationsView
        from planner.ui.views.curriculum import CurriculumView
        from planner.ui.views.plan import PlanView
        from planner.ui.views.progress import ProgressView
        from planner.ui.views.settings import SettingsView
        from planner.ui.views.today import TodayView

        backend = self.backend
        assert backend is not None
        window = self.window
        today = TodayView(backend, window.undo_stack, timezone)
        curriculum = CurriculumView(backend, self.data_dir)
        pages: dict[str, QWidget] = {
            "today": today,
            "plan": PlanView(backend, timezone),
            "progress": ProgressView(backend),
            "curriculum": curriculum,
            "certifications": CertificationsView(backend),
            "settings": SettingsView(backend, window.settings, self.data_dir),
        }
        window.load_curriculum_requested.connect(curriculum.load_custom_curriculum)
        window.install_pages(pages)
        for page in pages.values():
            page.reload()  # type: ignore[attr-defined]
        backend.changed.connect(lambda _changes: window.statusBar().showMessage("Saved", 2000))
        window.statusBar().showMessage(f"Data folder: {self.data_dir}", 5000)
        if self._curriculum_error is not None:
            curriculum.show_builtin_fallback(self._curriculum_error)
            window.show_page("curriculum")
        if backend.context.database.read_only:
            self._show_read_only()
        else:
            self._daily_backup()

    def _show_read_only(self) -> None:
        """The folder cannot be written to: say so for as long as the window is open."""
        notice = QLabel(
            f"Read-only: {self.data_dir} cannot be written to, so changes are not saved. "
            "Make it writable and restart Study Planner."
        )
        notice.setObjectName("readOnlyNotice")
        notice.setAccessibleName("Read-only data folder")
        self.window.statusBar().addPermanentWidget(notice)

    # Self-test ---------------------------------------------------------------------------

    def _self_test_passed(self) -> None:
        print(f"self-test passed: store {self.data_dir} checked, window painted")
        QApplication.exit(0)

    def _fail(self, message: str) -> None:
        if self.exit_code == 0 and QApplication.instance() is not None:
            print(f"study-planner: self-test failed: {message}", file=sys.stderr)
            self.exit_code = 1
            QApplication.exit(1)
