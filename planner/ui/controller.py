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

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from planner.domain.clock import Clock
from planner.ui.backend import Backend, TaskRunner
from planner.ui.error_reporting import ErrorReporter, show_error_dialog
from planner.ui.main_window import MainWindow, when_painted

if TYPE_CHECKING:
    from planner.domain.model import Profile
    from planner.services.context import AppContext

SELF_TEST_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class _Opened:
    context: AppContext
    profile: Profile | None
    quick_check: str


def _open(data_dir: Path, clock: Clock) -> _Opened:
    from planner.services.bootstrap import open_context
    from planner.services.plans import load_profile

    context = open_context(data_dir, clock)
    return _Opened(context, load_profile(context), context.database.quick_check())


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
        self._asked_exam_results = False

    def start(self) -> None:
        self.reporter.install()
        if self.self_test:
            QTimer.singleShot(SELF_TEST_TIMEOUT_MS, lambda: self._fail("timed out"))
        self._opener.run(lambda: _open(self.data_dir, self.clock), self._opened, self._open_failed)

    def shutdown(self) -> None:
        self._opener.wait_until_idle()
        if self.backend is not None:
            self.backend.wait_until_idle()
            self.backend.context.database.close()
        self.reporter.uninstall()

    # Start-up ----------------------------------------------------------------------------

    def _opened(self, opened: _Opened) -> None:
        self.backend = Backend(opened.context, self)
        self.backend.error.connect(self.reporter.report)
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
        if self.self_test:
            self._fail(str(error))
            return
        show_error_dialog(self.window, "Study Planner cannot open your data", str(error))
        self.exit_code = 1
        QApplication.exit(1)

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
        certifications = CertificationsView(backend)
        # The exam-day question: at start, an exam whose date passed without a result
        # brings the Certifications view forward, where the question waits.
        certifications.results_awaited.connect(self._ask_exam_results)
        pages: dict[str, QWidget] = {
            "today": today,
            "plan": PlanView(backend, timezone),
            "progress": ProgressView(backend),
            "curriculum": curriculum,
            "certifications": certifications,
            "settings": SettingsView(backend, window.settings, self.data_dir),
        }
        window.load_curriculum_requested.connect(curriculum.load_custom_curriculum)
        window.install_pages(pages)
        for page in pages.values():
            page.reload()  # type: ignore[attr-defined]
        backend.changed.connect(lambda _changes: window.statusBar().showMessage("Saved", 2000))
        window.statusBar().showMessage(f"Data folder: {self.data_dir}", 5000)

    def _ask_exam_results(self, count: int) -> None:
        if count and not self._asked_exam_results:
            self.window.show_page("certifications")
            noun = "exam needs its result" if count == 1 else "exams need their results"
            self.window.show_message(f"{count} {noun} recorded: see Certifications.", 10_000)
        self._asked_exam_results = True

    # Self-test ---------------------------------------------------------------------------

    def _self_test_passed(self) -> None:
        print(f"self-test passed: store {self.data_dir} checked, window painted")
        QApplication.exit(0)

    def _fail(self, message: str) -> None:
        if self.exit_code == 0 and QApplication.instance() is not None:
            print(f"study-planner: self-test failed: {message}", file=sys.stderr)
            self.exit_code = 1
            QApplication.exit(1)
