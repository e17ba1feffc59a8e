"""The generic schema reader: each rule accepts what it declares and names file, entry and field
when it refuses. (The shipped data files are checked through their own loaders in test_content*.)"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from course import schema
from course.schema import ContentError, Where, build


@dataclass(frozen=True)
class Part:
    id: str = schema.ident()
    size: int = schema.whole(1, 9)
    owner: str = schema.from_context("parent")


@dataclass(frozen=True)
class Box:
    id: str = schema.ident()
    colour: str = schema.text(colour=True)
    parts: tuple[Part, ...] = schema.entries(Part, "part", minimum=2)
    kind: str = schema.text(one_of="kinds")
    note: str = schema.text(optional=True)


@dataclass(frozen=True)
class Shelf:
    kinds: tuple[Part, ...] = schema.entries(Part, "kind", ids=("a", "b"), known_as="kinds")
    boxes: tuple[Box, ...] = schema.entries(Box, "box")
    words: dict[str, str] = schema.text_map(("yes", "no"))
    weight: float = schema.number(0.5, 2)
    open: bool = schema.yes_no(default=False)


def _shelf(**change):
    raw = {
        "kinds": [{"id": "b", "size": 1}, {"id": "a", "size": 2}],
        "boxes": [
            {
                "id": "x",
                "colour": "#0072B2",
                "kind": "a",
                "parts": [{"id": "p", "size": 3}, {"id": "q", "size": 4}],
            }
        ],
        "words": {"yes": "  Yes,\n please ", "no": "No"},
        "weight": 1,
    }
    raw.update(change)
    return build(Shelf, raw, Where("shelf.yaml"), {})


def test_a_good_file_builds_typed_objects_with_tidy_text_and_context():
    shelf = _shelf()
    assert shelf.words == {"yes": "Yes, please", "no": "No"}
    assert shelf.weight == 1.0 and isinstance(shelf.weight, float)
    assert shelf.open is False
    box = shelf.boxes[0]
    assert box.note == ""
    assert [(p.id, p.owner) for p in box.parts] == [("p", "x"), ("q", "x")]  # each part knows its box


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"boxes": [{"id": "x", "colour": "#0072B2", "kind": "c", "parts": []}]},
            "shelf.yaml, box 1 ('x'), field 'parts': expected at least 2 entries, got 0",
        ),
        (
            {"boxes": [{"id": "x", "colour": "blue", "kind": "a", "parts": []}]},
            "shelf.yaml, box 1 ('x'), field 'colour': expected a colour like '#0072B2', got 'blue'",
        ),
        (
            {"boxes": [{"id": "x", "colour": "#000000", "kind": "c", "parts": [{"id": "p", "size": 1}] * 2}]},
            "shelf.yaml, box 1 ('x'), part 2 ('p'), field 'id': 'p' is used more than once",
        ),
        (
            {
                "boxes": [
                    {
                        "id": "x",
                        "colour": "#000000",
                        "kind": "c",
                        "parts": [{"id": "p", "size": 1}, {"id": "q"}],
                    }
                ]
            },
            "shelf.yaml, box 1 ('x'), part 2 ('q'), field 'size': is missing",
        ),
        (
            {
                "boxes": [
                    {
                        "id": "x",
                        "colour": "#000000",
                        "kind": "c",
                        "parts": [{"id": "p", "size": 1}, {"id": "q", "size": 1}],
                    }
                ]
            },
            "shelf.yaml, box 1 ('x'), field 'kind': expected one of b, a, got 'c'",
        ),
        (
            {"kinds": [{"id": "a", "size": 1}]},
            "shelf.yaml, top level, field 'kinds': expected exactly the ids a, b",
        ),
        ({"words": {"yes": "Yes"}}, "shelf.yaml, words, field 'no': is missing"),
        ({"words": ["yes"]}, "shelf.yaml, top level, field 'words': expected a mapping, got list"),
        ({"weight": True}, "field 'weight': expected a number, got bool True"),
        ({"weight": 3}, "field 'weight': expected a number from 0.5 to 2, got 3"),
        ({"open": "yes"}, "field 'open': expected true or false, got text 'yes'"),
        ({"boxes": ["x"]}, "shelf.yaml, box 1: expected a mapping of fields, got text 'x'"),
    ],
)
def test_every_rule_names_the_file_entry_and_field(change, expected):
    with pytest.raises(ContentError) as err:
        _shelf(**change)
    assert expected in str(err.value)


def test_a_field_without_a_rule_is_a_programming_error_not_a_content_error():
    @dataclass(frozen=True)
    class Loose:
        name: str

    with pytest.raises(TypeError, match=r"Loose.name has no schema rule"):
        build(Loose, {"name": "x"}, Where("x.yaml"), {})


def test_one_section_of_a_file_can_be_read_on_its_own(tmp_path):
    @dataclass(frozen=True)
    class Small:
        n: int = schema.whole(0, 3)

    (tmp_path / "two.yaml").write_text("first:\n  n: 2\nsecond:\n  n: 99\n")
    assert schema.load_section("two.yaml", "first", Small, tmp_path) == Small(2)
    with pytest.raises(
        ContentError, match=r"two.yaml, section 'second', field 'n': expected a number from 0"
    ):
        schema.load_section("two.yaml", "second", Small, tmp_path)
    with pytest.raises(ContentError, match=r"two.yaml, top level, field 'third': is missing"):
        schema.load_section("two.yaml", "third", Small, tmp_path)
