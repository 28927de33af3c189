"""How a task is named outside the app: its topic, its group, its status."""

from __future__ import annotations

from planner.domain.curriculum import Curriculum
from planner.domain.model import StudyTask, TaskKind, TaskStatus

STATUS_TITLES = {
    TaskStatus.PENDING: "Planned",
    TaskStatus.IN_PROGRESS: "In progress",
    TaskStatus.DONE: "Done",
    TaskStatus.SKIPPED: "Skipped",
}


def topic_title(task: StudyTask, curriculum: Curriculum) -> str:
    """The title of the task's topic; its certification's for exam preparation; "" else."""
    if task.topic_id is not None and curriculum.has_topic(task.topic_id):
        return curriculum.topic(task.topic_id).title
    if task.certification_id is not None:
        return next(
            (c.title for c in curriculum.certifications if c.id == task.certification_id), ""
        )
    return ""


def group_title(task: StudyTask, curriculum: Curriculum) -> str:
    """The curriculum group of the task's topic, or what else the task is."""
    if task.topic_id is not None and curriculum.has_topic(task.topic_id):
        return curriculum.group(curriculum.topic(task.topic_id).group_id).title
    if task.kind is TaskKind.CERT_PREP:
        return "Exam preparation"
    if task.kind is TaskKind.CUSTOM:
        return "Your own task"
    return ""
