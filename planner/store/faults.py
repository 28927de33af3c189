"""What can go wrong with the database file, each as an error whose message is one sentence.

SQLite and the operating system report faults as codes ("database is locked", "disk I/O
error", ENOSPC...). :func:`translated_faults` turns them into the errors below, which name
the folder and say what the learner can do; nothing in them is raw SQL.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26
_SQLITE_PERM = 3
_NEARLY_FULL_BYTES = 1024 * 1024


class StoreError(RuntimeError):
    """The database cannot be opened or written; nothing stored was changed."""


class NewerSchemaError(StoreError):
    pass


class DatabaseBusyError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Another program is using the study data in {path.parent}, so nothing was "
            "changed; try again in a moment."
        )


class DiskFullError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The disk holding {path.parent} is full, so nothing was changed; "
            "free some space and try again."
        )


class ReadOnlyError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The data folder {path.parent} cannot be written to (it is read-only or "
            "belongs to another user), so nothing was changed; make it writable and try again."
        )


class DamagedDatabaseError(StoreError):
    """The database file is damaged; it was neither read nor written."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"The study data in {path} is damaged ({detail}); it was left untouched.")
        self.path = path
        self.detail = detail


def sqlite_fault(path: Path, error: sqlite3.Error) -> StoreError | None:
    """The store error an SQLite error means, or None when it is not a fault of the file."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return DatabaseBusyError(path)
    if primary == _SQLITE_FULL or "disk is full" in text:
        return DiskFullError(path)
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text:
        return ReadOnlyError(path)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return DamagedDatabaseError(path, str(error))
    if primary == _SQLITE_CANTOPEN and (fault := os_fault(path, _probe_folder(path.parent))):
        return fault
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and _nearly_full(path.parent):
        # SQLite reports a full disk met while growing its journal as an I/O error.
        return DiskFullError(path)
    if primary == _SQLITE_CANTOPEN:
        return StoreError(f"The study data in {path} cannot be opened ({error}).")
    if primary == _SQLITE_IOERR:
        return StoreError(
            f"The disk holding {path.parent} reported an error, so nothing was changed; "
            "check the disk and try again."
        )
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def os_fault(path: Path, error: OSError | None) -> StoreError | None:
    if error is None:
        return None
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return DiskFullError(path)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(path)
    return None


def _probe_folder(folder: Path) -> OSError | None:
    """Why a file cannot be created in ``folder``, if it cannot."""
    probe = folder / ".study-planner-write-probe"
    try:
        probe.touch()
        probe.unlink()
    except OSError as error:
        return error
    return None


@contextmanager
def translated_faults(path: Path) -> Iterator[None]:
    """Re-raise SQLite and file-system faults about the database at ``path`` as store
    errors with a sentence; anything else passes through unchanged."""
    # Imported here: the window imports these errors before it may import SQLAlchemy.
    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except DBAPIError as error:
        original = error.orig
        fault = sqlite_fault(path, original) if isinstance(original, sqlite3.Error) else None
        if fault is None:
            raise
        raise fault from error
    except sqlite3.Error as error:
        fault = sqlite_fault(path, error)
        if fault is None:
            raise
        raise fault from error
    except OSError as error:
        fault = os_fault(path, error)
        if fault is None:
            raise
        raise fault from error
