"""Limits on curriculum files: size before parsing, duplicate keys with their line, depth."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner.domain import curriculum_file
from planner.domain.curriculum_file import (
    MAX_FILE_BYTES,
    MAX_NESTING,
    CurriculumError,
    load_curriculum,
    parse_curriculum,
)
from planner.paths import default_curriculum_path

BUNDLED = default_curriculum_path().read_text(encoding="utf-8")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no time spent writing it

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(curriculum_file.yaml, "load", never)
    monkeypatch.setattr(curriculum_file.yaml, "parse", never)
    with pytest.raises(CurriculumError, match=r"big.yaml: is larger than the 2 MB"):
        load_curriculum(big)


def test_a_repeated_key_is_refused_with_its_line() -> None:
    lines = BUNDLED.splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("hours:"))
    indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
    lines.insert(number + 1, f"{indent}hours: 499")

    with pytest.raises(CurriculumError) as raised:
        parse_curriculum("\n".join(lines), source="mine.yaml")

    assert str(raised.value) == (
        f"mine.yaml: line {number + 2}: the key 'hours' appears twice in the same mapping"
    )


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 100_000])
def test_nesting_deeper_than_the_limit_is_refused_on_one_line(depth: int) -> None:
    deep = BUNDLED + "\nextra: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(CurriculumError, match=r"deep.yaml: .*line \d+") as raised:
        parse_curriculum(deep, source="deep.yaml")
    assert "\n" not in str(raised.value)
    if depth == MAX_NESTING + 1:
        assert f"nested more than {MAX_NESTING} levels deep" in str(raised.value)


def test_the_bundled_curriculum_is_well_inside_the_limits() -> None:
    assert len(BUNDLED.encode()) < MAX_FILE_BYTES / 10
    depth = max_depth = 0
    for event in yaml.parse(BUNDLED, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            max_depth = max(max_depth, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    assert max_depth < MAX_NESTING
    assert parse_curriculum(BUNDLED).topics
