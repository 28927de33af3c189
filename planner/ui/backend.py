"""The window's one way to the use cases: run them off the GUI thread, deliver results on it.

Database operations run one at a time, in order, on a single worker thread, so a tick-off
and its undo can never overtake each other. Each use case opens its own short session;
no widget ever holds one. Results and errors come back through queued signals, so callbacks
always run on the GUI thread and never touch widgets from the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from planner.domain.curriculum import Curriculum
from planner.services.changes import Changes

if TYPE_CHECKING:
    from planner.services.context import AppContext

T = TypeVar("T")
Callback = Callable[[Any], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it."""

    finished = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback or None, exception)


class _Job(QRunnable):
    def __init__(
        self,
        work: Callable[[], Any],
        relay: _Relay,
        on_done: Callback,
        on_error: Callback | None,
    ) -> None:
        super().__init__()
        self._work, self._relay, self._on_done, self._on_error = work, relay, on_done, on_error

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # delivered to the GUI thread, which reports it
            self._relay.failed.emit(self._on_error, error)
        else:
            self._relay.finished.emit(self._on_done, result)


class TaskRunner(QObject):
    """Runs callables one at a time, in order, on a worker thread; callbacks run on the
    GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._relay.failed.connect(self._fail)
        self._pending = 0
        self.unhandled: Callback = _raise

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(work, self._relay, on_done, on_error))

    def wait_until_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until queued work has run (for shutdown and tests)."""
        return self._pool.waitForDone(timeout_ms)

    @property
    def is_busy(self) -> bool:
        return self._pending > 0

    def _settle(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    @Slot(object, object)
    def _deliver(self, on_done: Callback, result: object) -> None:
        self._settle()
        on_done(result)

    @Slot(object, object)
    def _fail(self, on_error: Callback | None, error: Exception) -> None:
        self._settle()
        (on_error or self.unhandled)(error)


def _raise(error: Exception) -> None:
    raise error


class Backend(QObject):
    """Runs use cases against the app context on the worker thread."""

    changed = Signal(object)  # Changes, after every successful mutation
    error = Signal(object)  # an exception no caller handled
    curriculum_changed = Signal(object)  # the new Curriculum

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = TaskRunner(self)
        self.runner.unhandled = self.error.emit

    def query(
        self,
        work: Callable[[AppContext], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run a read-only use case; ``on_done`` gets its result on the GUI thread."""
        context = self.context
        self.runner.run(lambda: work(context), on_done, on_error)

    def mutate(
        self,
        work: Callable[[AppContext], Changes],
        on_done: Callable[[Changes], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run a use case that writes; views hear of it through :attr:`changed`."""
        context = self.context

        def done(changes: Changes) -> None:
            if on_done is not None:
                on_done(changes)
            self.changed.emit(changes)

        self.runner.run(lambda: work(context), done, on_error)

    def wait_until_idle(self, timeout_ms: int = 30_000) -> bool:
        return self.runner.wait_until_idle(timeout_ms)

    def set_curriculum(self, curriculum: Curriculum) -> None:
        """Use another curriculum from now on (after the learner loaded a custom file)."""
        self.context = replace(self.context, curriculum=curriculum)
        self.curriculum_changed.emit(curriculum)
