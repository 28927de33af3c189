"""Importing a portable JSON copy: it replaces the learner's data, whole or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.export.portable import PortableDataError, parse_portable
from planner.services.backups import back_up_before_change
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.errors import ServiceError
from planner.store import repositories as repo


class ImportRefusedError(ServiceError):
    """The file was not imported; the stored data is as it was."""


@dataclass(frozen=True)
class ImportResult:
    changes: Changes
    backup: Path | None  # the copy of the data as it was (None: there was no database)
    tasks: int
    goals: int
    reminders: int


def import_data(context: AppContext, source: Path) -> ImportResult:
    """Replace the stored data with ``source``'s, if the whole file is valid: first a
    verified backup of the current data, then one transaction."""
    try:
        data = parse_portable(source.read_bytes(), source.name)
    except PortableDataError as error:
        raise ImportRefusedError(str(error)) from None
    if data.profile is not None and data.profile.curriculum_id != context.curriculum.id:
        raise ImportRefusedError(
            f"{source.name}: made with the curriculum {data.profile.curriculum_id!r}, but "
            f"{context.curriculum.id!r} is in use; load that curriculum first"
        )
    backup = _backup_current_data(context)
    with context.database.unit_of_work() as session:
        repo.replace_all_rows(data.rows(), session=session)
    return ImportResult(
        changes=Changes(plan=True, profile=True, goals=True),
        backup=backup,
        tasks=len(data.study_tasks),
        goals=len(data.certification_goals),
        reminders=len(data.reminders),
    )


def _backup_current_data(context: AppContext) -> Path | None:
    """The one place an import backs up the data it is about to replace."""
    return back_up_before_change(context, "import")
