"""Curriculum: the topic tree, search, marking topics known, and loading a curriculum file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from planner.domain.curriculum import Curriculum
from planner.domain.model import StudyTask
from planner.domain.wording import percent_text
from planner.paths import default_curriculum_path
from planner.services import plans, tasks
from planner.services.bootstrap import CUSTOM_CURRICULUM_FILENAME
from planner.services.context import AppContext
from planner.ui.backend import Backend
from planner.ui.models.curriculum_tree import TOPIC_ID_ROLE, Column, CurriculumTreeModel
from planner.ui.views import curriculum as curriculum_view
from planner.ui.views.curriculum import CurriculumView


def _view(backend: Backend, data_dir: Path, qtbot: QtBot) -> CurriculumView:
    view = CurriculumView(backend, data_dir)
    qtbot.addWidget(view)
    view.resize(1200, 780)
    view.show()
    with qtbot.waitSignal(backend.runner.busy_changed, check_params_cb=lambda busy: not busy):
        view.reload()
    return view


def _visible_topic_ids(view: CurriculumView) -> list[str]:
    """Topic ids the tree shows, walking the filtered (proxy) model."""
    proxy = view.proxy
    found: list[str] = []
    for group_row in range(proxy.rowCount()):
        group = proxy.index(group_row, 0)
        for row in range(proxy.rowCount(group)):
            found.append(proxy.index(row, 0, group).data(TOPIC_ID_ROLE))
    return found


def _plain(label: QLabel) -> str:
    """What a rich-text label reads as."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def _open_minutes(context: AppContext, topic_id: str) -> int:
    return sum(
        t.minutes for t in tasks.all_tasks(context) if t.topic_id == topic_id and t.status.is_open
    )


def _topic_with_open_tasks(context: AppContext) -> str:
    """A topic the stored plan holds open work for."""
    topic_ids = [t.topic_id for t in tasks.all_tasks(context) if t.status.is_open and t.topic_id]
    assert topic_ids
    return str(topic_ids[0])


def _raw_curriculum() -> dict[str, Any]:
    raw = yaml.safe_load(default_curriculum_path().read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def _write(raw: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _snapshot(tasks_: list[StudyTask]) -> list[tuple[object, ...]]:
    return sorted((t.id, t.topic_id, t.scheduled_date, t.minutes, t.status.value) for t in tasks_)


# The tree ------------------------------------------------------------------------------


def test_the_tree_model_and_its_filter_pass_the_model_tester(
    backend: Backend, data_dir: Path, qtbot: QtBot, qtmodeltester: Any
) -> None:
    view = _view(backend, data_dir, qtbot)

    qtmodeltester.check(view.model)
    view.search.setText("deploy")
    qtmodeltester.check(view.proxy)


def test_a_bare_model_passes_the_model_tester(curriculum: Curriculum, qtmodeltester: Any) -> None:
    model = CurriculumTreeModel(curriculum)
    model.set_known({curriculum.topics[0].id})
    model.set_progress({curriculum.topics[1].id: (30, 120)})

    qtmodeltester.check(model)


def test_every_topic_appears_once_under_its_group(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    curriculum = context.curriculum

    shown = _visible_topic_ids(view)
    assert sorted(shown) == sorted(t.id for t in curriculum.topics)
    assert len(shown) == len(set(shown)) == 114
    for group_row in range(view.proxy.rowCount()):
        group_index = view.proxy.index(group_row, 0)
        group = next(g for g in curriculum.groups if g.title == group_index.data())
        children = [
            view.proxy.index(row, 0, group_index).data(TOPIC_ID_ROLE)
            for row in range(view.proxy.rowCount(group_index))
        ]
        assert children == [t.id for t in curriculum.topics_in_group(group.id)]


def test_status_column_shows_progress_from_the_stored_plan(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    topic_id = _topic_with_open_tasks(context)
    first = next(t for t in tasks.all_tasks(context) if t.topic_id == topic_id)
    assert first.id is not None
    with qtbot.waitSignal(backend.changed):
        backend.mutate(lambda c: tasks.complete_task(c, first.id))  # type: ignore[arg-type]
    view = _view(backend, data_dir, qtbot)

    planned = sum(t.minutes for t in tasks.all_tasks(context) if t.topic_id == topic_id)
    status = view.model.topic_index(topic_id, Column.STATUS).data()
    # The same rounding as Progress and the command line: 3.5%, not 3%.
    assert status == f"{percent_text(first.minutes, planned)} done"
    # A senior-level topic is not in a junior's plan.
    senior = next(t for t in context.curriculum.topics if t.level.value == "senior")
    assert view.model.topic_index(senior.id, Column.STATUS).data() == "Not planned"
    assert view.model.topic_index(senior.id, Column.LEVEL).data() == "Senior"


def test_search_filters_the_tree(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)

    view.search.setFocus()
    view.search.insert("kubernetes")  # as typed

    shown = _visible_topic_ids(view)
    assert shown
    assert len(shown) < len(context.curriculum.topics)
    for topic_id in shown:
        topic = context.curriculum.topic(topic_id)
        text = f"{topic.title} {topic.id} {topic.description}".lower()
        assert "kubernetes" in text
    # The first match is selected and described.
    assert view.selected_topic_id() == shown[0]
    assert context.curriculum.topic(shown[0]).title in view.detail_title.text()

    view.search.clear()
    assert len(_visible_topic_ids(view)) == len(context.curriculum.topics)


def test_searching_a_group_title_shows_its_whole_group(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)

    view.search.setText("mlops")

    shown = set(_visible_topic_ids(view))
    assert {t.id for t in context.curriculum.topics_in_group("mlops")} <= shown


def test_search_with_no_match_shows_an_empty_tree(
    backend: Backend, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)

    view.search.setText("no such topic anywhere")

    assert view.proxy.rowCount() == 0


# Details -------------------------------------------------------------------------------


def test_details_show_the_topic_with_links(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    curriculum = context.curriculum
    topic = next(
        t
        for t in curriculum.topics
        if t.prerequisites
        and t.resource_ids
        and t.specializations
        and any(t.id in c.topic_ids for c in curriculum.certifications)
    )

    assert view.select_topic(topic.id)

    assert _plain(view.detail_title) == topic.title
    assert f"{topic.hours:g} h" in view.detail_meta.text()
    assert f"{topic.level.value.capitalize()} level" in view.detail_meta.text()
    assert _plain(view.detail_description) == topic.description
    for prerequisite in topic.prerequisites:
        assert curriculum.topic(prerequisite).title in _plain(view.detail_prerequisites)
    for specialization in topic.specializations:
        specialization_title = curriculum.specialization(specialization).title
        assert specialization_title in _plain(view.detail_specializations)
    assert view.detail_resources.openExternalLinks()
    for resource in curriculum.resources_for(topic):
        assert resource.title in _plain(view.detail_resources)
        if resource.url:
            assert f'href="{resource.url}"' in view.detail_resources.text()
    for certification in curriculum.certifications:
        if topic.id in certification.topic_ids:
            assert certification.title in _plain(view.detail_certifications)


def test_a_prerequisite_link_selects_that_topic(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    topic = next(t for t in context.curriculum.topics if t.prerequisites)
    view.select_topic(topic.id)

    view.detail_prerequisites.linkActivated.emit(f"topic:{topic.prerequisites[0]}")

    assert view.selected_topic_id() == topic.prerequisites[0]


# Known topics --------------------------------------------------------------------------


def test_marking_a_topic_known_removes_its_open_tasks_and_unmarking_brings_them_back(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    topic_id = _topic_with_open_tasks(context)
    open_before = _open_minutes(context, topic_id)
    index = view.model.topic_index(topic_id)

    # Ticking the box in the tree asks for the change; the view writes it.
    with qtbot.waitSignal(backend.changed, timeout=10_000):
        assert view.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert view.model.topic_index(topic_id, Column.STATUS).data() == "Known"

    profile = plans.load_profile(context)
    assert profile is not None
    assert topic_id in profile.known_topic_ids
    assert _open_minutes(context, topic_id) == 0

    # Unmark through the details panel's checkbox.
    view.select_topic(topic_id)
    assert view.known_checkbox.isChecked()
    with qtbot.waitSignal(backend.changed, timeout=10_000):
        view.known_checkbox.click()
    qtbot.waitUntil(lambda: view.model.topic_index(topic_id, Column.STATUS).data() != "Known")

    profile = plans.load_profile(context)
    assert profile is not None
    assert topic_id not in profile.known_topic_ids
    assert _open_minutes(context, topic_id) == open_before
    assert view.model.topic_index(topic_id, Column.STATUS).data() == "0% done"


def test_a_failed_write_puts_the_known_box_back(
    backend: Backend,
    context: AppContext,
    data_dir: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = _view(backend, data_dir, qtbot)
    topic_id = _topic_with_open_tasks(context)

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(plans, "set_topic_known", fail)
    errors: list[Exception] = []
    backend.error.connect(errors.append)

    with qtbot.waitSignal(backend.error):
        view.set_known(topic_id, True)
        assert view.model.is_known(topic_id)  # shown at once

    assert not view.model.is_known(topic_id)
    assert [str(e) for e in errors] == ["disk full"]
    profile = plans.load_profile(context)
    assert profile is not None
    assert topic_id not in profile.known_topic_ids


# Curriculum files ----------------------------------------------------------------------


def _duplicate_id(raw: dict[str, Any]) -> tuple[str, str]:
    raw["topics"].append(dict(raw["topics"][0]))
    return "topics['python'].id", "duplicate id 'python'"


def _prerequisite_cycle(raw: dict[str, Any]) -> tuple[str, str]:
    topics = {t["id"]: t for t in raw["topics"]}
    topics["python"]["prerequisites"] = ["git"]
    topics["git"]["prerequisites"] = ["python"]
    return "topics['python'].prerequisites", "prerequisite cycle python -> git -> python"


def _unknown_field(raw: dict[str, Any]) -> tuple[str, str]:
    raw["topics"][1]["hourz"] = 3
    return f"topics[{raw['topics'][1]['id']!r}].hourz", "Extra inputs are not permitted"


@pytest.mark.parametrize("spoil", [_duplicate_id, _prerequisite_cycle, _unknown_field])
def test_a_bad_curriculum_file_is_reported_and_changes_nothing(
    backend: Backend,
    context: AppContext,
    data_dir: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Any,
) -> None:
    view = _view(backend, data_dir, qtbot)
    raw = _raw_curriculum()
    item, field = spoil(raw)
    path = _write(raw, tmp_path / "my-curriculum.yaml")
    monkeypatch.setattr(curriculum_view, "choose_curriculum_file", lambda _parent: path)
    active = backend.context.curriculum
    stored = _snapshot(tasks.all_tasks(context))

    view.load_custom_curriculum()
    qtbot.waitUntil(lambda: not view.error_panel.isHidden())
    assert backend.wait_until_idle()

    message = _plain(view.error_label)
    assert str(path) in message
    assert item in message
    assert field in message
    assert "nothing was changed" in message
    assert backend.context.curriculum is active
    assert not (data_dir / CUSTOM_CURRICULUM_FILENAME).exists()
    assert _snapshot(tasks.all_tasks(context)) == stored
    assert view.load_button.isEnabled()


def test_cancelling_the_file_dialog_does_nothing(
    backend: Backend, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(backend, data_dir, qtbot)
    monkeypatch.setattr(curriculum_view, "choose_curriculum_file", lambda _parent: None)

    view.load_custom_curriculum()

    assert not backend.runner.is_busy
    assert view.error_panel.isHidden()


def test_a_good_curriculum_file_is_applied_and_the_built_in_one_can_come_back(
    backend: Backend,
    context: AppContext,
    data_dir: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = _view(backend, data_dir, qtbot)
    raw = _raw_curriculum()
    python = next(t for t in raw["topics"] if t["id"] == "python")
    assert python["hours"] == 40
    python["hours"] = 55
    raw["version"] = "my-own"
    path = _write(raw, tmp_path / "my-curriculum.yaml")
    monkeypatch.setattr(curriculum_view, "choose_curriculum_file", lambda _parent: path)
    assert not view.builtin_button.isEnabled()

    with qtbot.waitSignal(backend.curriculum_changed, timeout=10_000):
        view.load_custom_curriculum()
    qtbot.waitUntil(lambda: view.load_button.isEnabled(), timeout=10_000)
    assert backend.wait_until_idle()

    assert backend.context.curriculum.topic("python").hours == 55
    assert backend.context.curriculum.version == "my-own"
    assert (data_dir / CUSTOM_CURRICULUM_FILENAME).read_bytes() == path.read_bytes()
    assert view.model.topic_index("python", Column.HOURS).data() == "55"
    assert "my-own" in view.source_label.text()
    assert "your own curriculum file" in view.source_label.text()
    assert "Loaded my-curriculum.yaml" in view.notice_label.text()
    assert view.error_panel.isHidden()
    # The plan was re-planned against the new curriculum.
    python_minutes = sum(t.minutes for t in tasks.all_tasks(context) if t.topic_id == "python")
    assert python_minutes == 55 * 60
    assert view.builtin_button.isEnabled()

    with qtbot.waitSignal(backend.curriculum_changed, timeout=10_000):
        view.builtin_button.click()
    qtbot.waitUntil(lambda: view.load_button.isEnabled(), timeout=10_000)
    assert backend.wait_until_idle()

    assert backend.context.curriculum.topic("python").hours == 40
    assert not (data_dir / CUSTOM_CURRICULUM_FILENAME).exists()
    assert view.model.topic_index("python", Column.HOURS).data() == "40"
    assert not view.builtin_button.isEnabled()


def test_the_selection_is_kept_across_a_curriculum_change(
    backend: Backend, data_dir: Path, qtbot: QtBot, curriculum: Curriculum
) -> None:
    view = _view(backend, data_dir, qtbot)
    view.select_topic("git")

    with qtbot.waitSignal(backend.runner.busy_changed, check_params_cb=lambda busy: not busy):
        backend.set_curriculum(curriculum)

    assert view.selected_topic_id() == "git"
    assert view.tree.currentIndex() != QModelIndex()
