"""Unhandled errors: logged with their traceback in the data folder, shown in a dialog, and
the app keeps running (every write is a transaction, so nothing is left half done).

Logging never stops the app: when the log file cannot be made (a read-only or full data
folder), messages go to the standard error stream instead."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from planner.services.errors import ServiceError
from planner.store.faults import StoreError

LOG_FILENAME = "study-planner.log"
log = logging.getLogger("planner")


def show_error_dialog(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """Tests patch this to see what the learner would be shown."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    if details:
        box.setDetailedText(details)
    box.exec()


class ErrorReporter:
    """Logs and shows errors. Between :meth:`install` and :meth:`uninstall` it is
    ``sys.excepthook`` and logs to a file in the data folder."""

    def __init__(self, parent: QWidget | None, data_dir: Path) -> None:
        self._parent = parent
        self.log_path = data_dir / "logs" / LOG_FILENAME
        self._handler: logging.Handler | None = None

    def install(self) -> None:
        handler: logging.Handler
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                self.log_path, maxBytes=1_000_000, backupCount=3
            )
        except OSError as error:
            handler = logging.StreamHandler(sys.stderr)
            print(f"study-planner: logging to the terminal: {error}", file=sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        self._handler = handler
        sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        """Put back the default hook and close the log, so no later run writes to it."""
        sys.excepthook = sys.__excepthook__
        if self._handler is not None:
            log.removeHandler(self._handler)
            self._handler.close()
            self._handler = None

    def report(self, error: BaseException) -> None:
        if isinstance(error, ServiceError | StoreError):
            # A learner's mistake or a fault of the disk, not a bug: say what is wrong and
            # what to do, no traceback.
            log.warning("%s", error)
            show_error_dialog(self._parent, "Study Planner", str(error))
            return
        details = "".join(traceback.format_exception(error))
        log.error("Unhandled error\n%s", details)
        show_error_dialog(
            self._parent,
            "Something went wrong",
            f"{error}\n\nNothing was half-saved. The details are in {self.log_path}.",
            details,
        )

    def excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        self.report(error.with_traceback(tb))
