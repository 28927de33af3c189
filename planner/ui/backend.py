"""The window's one way to the use cases: run them off the GUI thread, deliver results on it.

Database operations run one at a time, in order, on a single worker thread, so a tick-off
and its undo can never overtake each other. Each use case opens its own short session;
no widget ever holds one. Results and errors come back through queued signals, so callbacks
always run on the GUI thread and never touch widgets from the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from planner.domain.curriculum import Curriculum
    from planner.services.changes import Changes
    from planner.services.context import AppContext

T = TypeVar("T")
Callback = Callable[[Any], None]


@dataclass
class _Outcome:
    on_done: Callback
    on_error: Callback | None
    result: object = None
    error: Exception | None = None


class _Relay(QObject):
    """Lives on the GUI thread. Outcomes travel in a thread-safe queue and the signal
    carries no Python object, so no Python value crosses threads through PySide."""

    ready = Signal()


class TaskRunner(QObject):
    """Runs callables one at a time, in order, on a worker thread; callbacks run on the
    GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._outbox: SimpleQueue[_Outcome] = SimpleQueue()
        self._relay = _Relay(self)
        self._relay.ready.connect(self._deliver)
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
        outcome = _Outcome(on_done, on_error)
        # A plain callable, not a QRunnable subclass: PySide's ownership hand-over of
        # Python QRunnables to the pool crashes at interpreter exit.
        self._pool.start(lambda: self._execute(work, outcome))

    def _execute(self, work: Callable[[], Any], outcome: _Outcome) -> None:
        """Runs on the worker thread."""
        try:
            outcome.result = work()
        except Exception as error:  # delivered to the GUI thread, which reports it
            outcome.error = error
        self._outbox.put(outcome)
        self._relay.ready.emit()

    def wait_until_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until queued work has run (for shutdown and tests)."""
        return self._pool.waitForDone(timeout_ms)

    @property
    def is_busy(self) -> bool:
        return self._pending > 0

    @Slot()
    def _deliver(self) -> None:
        while not self._outbox.empty():
            outcome = self._outbox.get()
            self._pending -= 1
            if self._pending == 0:
                self.busy_changed.emit(False)
            if _receiver_deleted(outcome.on_done):
                continue  # the view that asked was closed while the work ran
            if outcome.error is None:
                outcome.on_done(outcome.result)
            else:
                (outcome.on_error or self.unhandled)(outcome.error)


def _receiver_deleted(callback: Callable[..., Any]) -> bool:
    receiver = getattr(callback, "__self__", None)
    return isinstance(receiver, QObject) and not shiboken6.isValid(receiver)


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
