"""The curriculum loader accepts a good file whole and rejects a bad one, saying where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.domain.curriculum import Level
from planner.domain.curriculum_file import CurriculumError, load_curriculum


def _minimal() -> dict[str, Any]:
    topic = {
        "group": "basics",
        "description": "A topic.",
        "hours": 2,
        "level": "junior",
        "activity": "study",
    }
    return {
        "schema_version": 1,
        "id": "tiny",
        "title": "Tiny",
        "version": "1",
        "groups": [{"id": "basics", "title": "Basics", "section": "core-skills"}],
        "topics": [
            {"id": "a", "title": "A", **topic},
            {"id": "b", "title": "B", **topic, "prerequisites": ["a"], "resources": ["docs"]},
            {"id": "c", "title": "C", **topic, "prerequisites": ["b"], "level": "mid"},
        ],
        "levels": [
            {"id": level, "title": level.title(), "summary": "S", "focus": ["a"]}
            for level in ("junior", "mid", "senior")
        ],
        "specializations": [{"id": "nlp", "title": "NLP", "description": "Text."}],
        "resources": [
            {"id": "docs", "title": "Docs", "kind": "documentation", "url": "https://example.org"}
        ],
        "certifications": [
            {
                "id": "cert",
                "title": "Cert",
                "provider": "P",
                "description": "D",
                "status": "active",
                "as_of": "2026-11-01",
                "topics": ["c"],
            }
        ],
    }


def _write(tmp_path: Path, data: dict[str, Any] | str) -> Path:
    path = tmp_path / "custom.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def _rejected(tmp_path: Path, data: dict[str, Any] | str) -> str:
    path = _write(tmp_path, data)
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    return message


def test_a_good_file_loads_into_domain_objects(tmp_path: Path) -> None:
    curriculum = load_curriculum(_write(tmp_path, _minimal()))

    assert [t.id for t in curriculum.topics] == ["a", "b", "c"]
    assert curriculum.topic("b").prerequisites == ("a",)
    assert curriculum.resources_for(curriculum.topic("b"))[0].url == "https://example.org"
    assert curriculum.topic("c").levels == (Level.MID, Level.SENIOR)
    assert [t.id for t in curriculum.topics_for(Level.JUNIOR, ["nlp"])] == ["a", "b"]
    assert curriculum.certification("cert").topic_ids == ("c",)


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    message = _rejected(tmp_path, "schema_version: 1\ntopics: [a, b\n")
    assert "is not valid YAML" in message
    assert "line" in message


def test_unknown_field_is_named_with_its_item(tmp_path: Path) -> None:
    data = _minimal()
    data["topics"][1]["hourz"] = 3
    message = _rejected(tmp_path, data)
    assert "topics['b'].hourz" in message
    assert "Extra inputs are not permitted" in message


def test_missing_id_names_the_position_and_field(tmp_path: Path) -> None:
    data = _minimal()
    del data["topics"][2]["id"]
    assert "topics[2].id: Field required" in _rejected(tmp_path, data)


def test_duplicate_id_is_named(tmp_path: Path) -> None:
    data = _minimal()
    data["topics"][2]["id"] = "a"
    data["topics"][2]["prerequisites"] = []
    assert "topics['a'].id: duplicate id 'a'" in _rejected(tmp_path, data)


def test_unknown_prerequisite_is_named(tmp_path: Path) -> None:
    data = _minimal()
    data["topics"][1]["prerequisites"] = ["a", "ghost"]
    assert "topics['b'].prerequisites: unknown topic 'ghost'" in _rejected(tmp_path, data)


def test_prerequisite_cycle_is_shown(tmp_path: Path) -> None:
    data = _minimal()
    data["topics"][0]["prerequisites"] = ["c"]
    message = _rejected(tmp_path, data)
    assert "prerequisite cycle" in message
    for topic_id in ("a", "b", "c"):
        assert topic_id in message.split("prerequisite cycle", 1)[1]


def test_negative_hours_are_refused(tmp_path: Path) -> None:
    data = _minimal()
    data["topics"][0]["hours"] = -4
    message = _rejected(tmp_path, data)
    assert "topics['a'].hours: Input should be greater than 0" in message


def test_unknown_references_from_levels_and_certifications(tmp_path: Path) -> None:
    data = _minimal()
    data["levels"][1]["focus"] = ["nowhere"]
    data["certifications"][0]["topics"] = ["c", "elsewhere"]
    message = _rejected(tmp_path, data)
    assert "levels['mid'].focus: unknown topic 'nowhere'" in message
    assert "certifications['cert'].topics: unknown topic 'elsewhere'" in message


def test_a_missing_career_level_is_named(tmp_path: Path) -> None:
    data = _minimal()
    data["levels"] = data["levels"][:2]
    assert "missing career level(s) senior" in _rejected(tmp_path, data)


def test_a_newer_schema_version_is_refused(tmp_path: Path) -> None:
    data = _minimal()
    data["schema_version"] = 2
    assert "schema_version: Value error, this app reads schema_version 1" in _rejected(
        tmp_path, data
    )


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CurriculumError, match="cannot be read"):
        load_curriculum(tmp_path / "absent.yaml")


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    assert "must be a YAML mapping" in _rejected(tmp_path, "- just\n- a list\n")
