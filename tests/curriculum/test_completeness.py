"""Every item of the roadmap the curriculum is built from exists in the shipped curriculum."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from planner.domain.curriculum import Curriculum, Level, ResourceKind, Section
from planner.domain.graph import find_cycle

ROADMAP = Path(__file__).parent.parent / "data" / "ml-engineering-roadmap.md"
SEED_ITEM_COUNT = 107

# Roadmap section -> the curriculum group section its subsections' topics live in.
TOPIC_SECTIONS = {
    "Core Skills": Section.CORE_SKILLS,
    "Career Path": Section.CAREER_PATH,
    "Interview Topics": Section.INTERVIEW,
    "Tools & Development Environment": Section.TOOLS,
    "Best Practices": Section.BEST_PRACTICES,
    "Common Challenges": Section.CHALLENGES,
}
RESOURCE_KINDS = {
    "Documentation": ResourceKind.DOCUMENTATION,
    "Courses": ResourceKind.COURSE,
    "Practice": ResourceKind.PRACTICE,
}


def roadmap_items() -> list[tuple[str, str | None, str, str | None]]:
    """(section, subsection, title, url) for every list item of the roadmap."""
    items = []
    section: str = ""
    subsection: str | None = None
    for line in ROADMAP.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, subsection = line[3:].strip(), None
        elif line.startswith("### "):
            subsection = line[4:].strip()
        elif line.startswith("- "):
            text = line[2:].strip()
            link = re.fullmatch(r"\[(.+)\]\((.+)\)", text)
            title, url = (link.group(1), link.group(2)) if link else (text, None)
            items.append((section, subsection, title, url))
    return items


def test_the_roadmap_parses_to_all_its_items() -> None:
    assert len(roadmap_items()) == SEED_ITEM_COUNT


@pytest.mark.parametrize(
    ("section", "subsection", "title", "url"),
    roadmap_items(),
    ids=[f"{s}/{sub or ''}/{t}" for s, sub, t, _ in roadmap_items()],
)
def test_roadmap_item_is_in_the_curriculum(
    curriculum: Curriculum, section: str, subsection: str | None, title: str, url: str | None
) -> None:
    if section in TOPIC_SECTIONS:
        groups = [g for g in curriculum.groups if g.section is TOPIC_SECTIONS[section]]
        if subsection is not None:
            groups = [g for g in groups if g.title == subsection]
            assert groups, f"no group titled {subsection!r} in section {section}"
        titles = {t.title for g in groups for t in curriculum.topics_in_group(g.id)}
        assert title in titles
        if section == "Career Path":
            level = next(c for c in curriculum.levels if c.title == subsection)
            focus_titles = {curriculum.topic(t).title for t in level.focus_topic_ids}
            assert title in focus_titles
    elif section == "Learning Resources":
        assert subsection is not None
        matches = [
            r
            for r in curriculum.resources
            if r.title == title and r.kind is RESOURCE_KINDS[subsection]
        ]
        assert len(matches) == 1
        if url is not None:
            assert matches[0].url == url
    elif section == "Specializations":
        assert title in {s.title for s in curriculum.specializations}
    elif section == "Certifications":
        assert title in {c.title for c in curriculum.certifications}
    else:
        pytest.fail(f"roadmap section {section!r} has no place in the curriculum")


def test_ids_are_unique_across_each_kind(curriculum: Curriculum) -> None:
    for items in (
        curriculum.topics,
        curriculum.groups,
        curriculum.resources,
        curriculum.specializations,
        curriculum.certifications,
    ):
        duplicates = [i for i, n in Counter(item.id for item in items).items() if n > 1]
        assert duplicates == []


def test_prerequisite_graph_is_acyclic_and_never_reaches_up_a_level(
    curriculum: Curriculum,
) -> None:
    assert find_cycle({t.id: t.prerequisites for t in curriculum.topics}) is None
    for topic in curriculum.topics:
        for prerequisite in topic.prerequisites:
            assert curriculum.topic(prerequisite).level.rank <= topic.level.rank, (
                f"{topic.id} ({topic.level}) requires {prerequisite} of a higher level"
            )


def test_every_topic_is_described_and_has_resources(curriculum: Curriculum) -> None:
    for topic in curriculum.topics:
        assert len(topic.description) >= 40, topic.id
        assert topic.resource_ids, topic.id
    used = {r for t in curriculum.topics for r in t.resource_ids}
    assert {r.id for r in curriculum.resources} == used


def test_every_level_and_specialization_has_a_plannable_track(curriculum: Curriculum) -> None:
    for level in Level:
        for specialization in curriculum.specializations:
            assert specialization.topic_ids, specialization.id
            planned = {t.id for t in curriculum.topics_for(level, [specialization.id])}
            assert planned & set(specialization.topic_ids), (level, specialization.id)


def test_certifications_follow_the_gathered_facts(curriculum: Curriculum) -> None:
    aws = curriculum.certification("aws-ml-specialty")
    assert aws.status.value == "retired"
    assert aws.validity_months == 36
    assert aws.successor
    azure = curriculum.certification("azure-ai-engineer")
    assert (azure.validity_months, azure.renewal_window_months) == (12, 6)
    assert azure.status.value == "retired"
    assert azure.successor
    assert "AI-103" in azure.successor
    retirement = next(f for f in azure.facts if "2026-06-30" in f.text)
    assert retirement.confidence.value == "likely"
    assert "no Microsoft page" in retirement.source
    for successor_id, validity in (
        ("aws-ml-engineer-associate", 36),
        ("azure-ai-apps-agents-developer", 12),
    ):
        successor = curriculum.certification(successor_id)
        assert successor.status.value == "active"
        assert successor.validity_months == validity
        assert successor.kind.value == "exam"
    courses = {c.id for c in curriculum.certifications if c.is_course}
    assert courses == {"ibm-ml-professional", "deep-learning-specialization-certificate"}
    assert all(curriculum.certification(c).validity_months is None for c in courses)
    tensorflow = curriculum.certification("google-tensorflow-developer")
    assert tensorflow.status.value == "uncertain"
    assert all(fact.confidence.value == "unconfirmed" for fact in tensorflow.facts)
    for certification in curriculum.certifications:
        assert certification.topic_ids
        assert certification.facts, certification.id
