"""The portable JSON copy: a round trip gives back the same rows; anything malformed is
refused, naming what is wrong, with every table's rows left as they were."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import SQLModel

from planner.export.portable import SECTIONS, PortableData
from planner.services.bootstrap import open_context
from planner.services.context import AppContext
from planner.services.exports import export_file
from planner.services.importing import ImportRefusedError, import_data
from planner.services.tasks import all_tasks, complete_task
from planner.store import repositories as repo
from tests.conftest import FakeClock


def _rows(context: AppContext) -> dict[str, list[dict[str, Any]]]:
    with context.database.unit_of_work() as session:
        return repo.read_all_rows(session=session)


@pytest.fixture
def exported(context: AppContext, tmp_path: Path) -> Path:
    path = tmp_path / "copy.json"
    export_file(context, path)
    return path


@pytest.fixture
def fresh_context(tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    """Another data folder, as on a new computer."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    other = open_context(folder, clock)
    yield other
    other.database.close()


def test_the_file_is_versioned_json_of_every_table(context: AppContext, exported: Path) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))

    assert document["format"] == "study-planner"
    assert document["version"] == 1
    assert len(document["study_tasks"]) == len(all_tasks(context))
    assert document["reminders"][0]["delivered_at"].startswith("2026-11-20T08:01:00")
    assert document["profile"]["level"] == "mid"


def test_importing_ones_own_export_gives_back_the_same_data(
    context: AppContext, fresh_context: AppContext, exported: Path
) -> None:
    before = _rows(context)
    assert before["reminder"]
    assert before["study_task"]

    result = import_data(fresh_context, exported)

    assert _rows(fresh_context) == before
    assert (result.tasks, result.goals, result.reminders) == (
        len(before["study_task"]),
        2,
        1,
    )
    # The delivered reminder stays delivered, so it does not fire again.
    with fresh_context.database.unit_of_work() as session:
        assert repo.list_reminders(session=session, undelivered_only=True) == []


def test_an_import_replaces_later_changes_after_a_backup(
    context: AppContext, exported: Path
) -> None:
    before = _rows(context)
    task = next(t for t in all_tasks(context) if t.status.is_open)
    assert task.id is not None
    complete_task(context, task.id)
    assert _rows(context) != before

    result = import_data(context, exported)

    assert _rows(context) == before
    assert result.backup.is_file()
    assert result.backup.parent == context.database.path.parent / "backups"


def test_the_portable_sections_mirror_the_store_tables() -> None:
    """A new column in the store needs a new version of the file format."""
    tables = {t.name: set(t.columns.keys()) for t in SQLModel.metadata.sorted_tables}
    fields = PortableData.model_fields
    for section, table in SECTIONS.items():
        annotation = fields[section].annotation
        record = getattr(annotation, "__args__", (annotation,))[0]
        assert set(record.model_fields) == tables[table], section
    assert set(SECTIONS.values()) == set(tables) - {"alembic_version"}


def _refused(context: AppContext, path: Path, content: bytes) -> str:
    before = _rows(context)
    path.write_bytes(content)
    with pytest.raises(ImportRefusedError) as refusal:
        import_data(context, path)
    assert _rows(context) == before
    message = str(refusal.value)
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ")
    return message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format="other-app"), "not a Study Planner export"),
        (lambda d: d.update(version=2), "version 2 is not one this app reads"),
        (lambda d: d["study_tasks"][3].update(minutes="lots"), r"study_tasks\[3\]\.minutes"),
        (lambda d: d["study_tasks"][0].update(status="half-done"), r"study_tasks\[0\]\.status"),
        (lambda d: d["profile"].pop("level"), r"profile\.level: Field required"),
        (lambda d: d.update(surprise=1), "surprise: Extra inputs are not permitted"),
        (
            lambda d: d["reminders"][0].update(certification_goal_id=99),
            "refers to certification goal 99, which is not in the file",
        ),
        (
            lambda d: d["study_tasks"].append(d["study_tasks"][0]),
            "study_tasks.* repeats the id",
        ),
        (lambda d: d["profile"].update(curriculum_id="other"), "curriculum 'other'"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_fault(
    context: AppContext, exported: Path, tmp_path: Path, change: Any, expected: str
) -> None:
    document = json.loads(exported.read_bytes())
    change(document)

    message = _refused(context, tmp_path / "bad.json", json.dumps(document).encode())

    assert re.search(expected, message), message


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON document that holds a value."""
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


def _wrong_kind(value: Any) -> Any:
    """A value no field accepts in place of ``value``: a list for a scalar or an object,
    text for a list."""
    return "not a list" if isinstance(value, list) else [value]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_malformed_imports_leave_every_table_unchanged(
    context: AppContext, exported: Path, tmp_path: Path, data: st.DataObject
) -> None:
    content = exported.read_bytes()
    document = json.loads(content)
    paths = list(_paths(document))
    kind = data.draw(st.sampled_from(["truncate", "wrong kind", "drop", "garbage"]))
    if kind == "truncate":
        cut = data.draw(st.integers(min_value=0, max_value=len(content) - 2))
        bad = content[:cut]
    elif kind == "garbage":
        bad = data.draw(st.binary(max_size=200))
    else:
        path = data.draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if kind == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = _wrong_kind(parent[path[-1]])
        bad = json.dumps(document).encode()

    _refused(context, tmp_path / "bad.json", bad)
