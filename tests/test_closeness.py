"""The closeness map's logic: validation, placement on the rings, and the map in words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import closeness
from course.closeness import Person, add_person, make_person, placements, summary

S = closeness.settings()


def test_make_person_normalises_the_name():
    p = make_person("  Aunt   May ", "family", 9, "both", S)
    assert p == Person("Aunt May", "family", 9, "both")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "friend", 5, "both"), "Give this person a name"),
        ((None, "friend", 5, "both"), "Give this person a name"),
        (("x" * 41, "friend", 5, "both"), "40 characters or fewer"),
        (("Sam", "pet", 5, "both"), "Unknown relationship kind 'pet'"),
        (("Sam", "friend", 11, "both"), "from 0 to 10, got 11"),
        (("Sam", "friend", 5.0, "both"), "whole number from 0 to 10, got 5.0"),
        (("Sam", "friend", True, "both"), "whole number"),
        (("Sam", "friend", 5, "always"), "Unknown sharing choice 'always'"),
    ],
)
def test_bad_people_are_refused_with_a_reason(args, message):
    with pytest.raises(ValueError, match=message):
        make_person(*args, S)


def test_names_are_unique_and_the_map_has_a_limit():
    people = add_person([], make_person("Sam", "friend", 5, "both", S), S)
    with pytest.raises(ValueError, match="Sam is already on your map"):
        add_person(people, make_person("sam", "family", 2, "me", S), S)
    for i in range(S.max_people - 1):
        people = add_person(people, make_person(f"P{i}", "other", 3, "both", S), S)
    with pytest.raises(ValueError, match=f"up to {S.max_people} people"):
        add_person(people, make_person("One more", "other", 3, "both", S), S)


def test_placement_puts_the_closest_nearest_the_centre_grouped_by_kind():
    people = [
        make_person("Far friend", "friend", 0, "both", S),
        make_person("Mum", "family", 10, "both", S),
        make_person("Near friend", "friend", 9, "both", S),
    ]
    placed = placements(people, S)
    radius = {p.name: r for p, r, _ in placed}
    assert radius == {"Mum": 0.5, "Near friend": 1.5, "Far friend": 10.5}
    assert [p.name for p, _, _ in placed] == ["Near friend", "Far friend", "Mum"]
    assert [t for _, _, t in placed] == [0, 120, 240]
    assert placements([], S) == []


@given(st.lists(st.integers(0, 10), min_size=1, max_size=12))
def test_every_radius_stays_on_the_chart(levels):
    people = [Person(f"p{i}", "friend", c, "both") for i, c in enumerate(levels)]
    for p, r, theta in placements(people, S):
        assert 0.5 <= r <= 10.5
        assert r == 10.5 - p.closeness
        assert 0 <= theta < 360


def test_summary_describes_everyone_and_notices_one_way_sharing():
    people = [
        make_person("Sam", "friend", 8, "both", S),
        make_person("Jo", "family", 9, "me", S),
        make_person("Lee", "colleague", 4, "them", S),
    ]
    text = summary(people, S)
    lines = text.splitlines()
    assert lines[0] == "3 people on your map, closest first:"
    assert lines[1] == "- Jo (family), closeness 9 of 10, you open up more than they do."
    assert "- Lee (colleague or classmate), closeness 4 of 10, they open up more than you do." in lines
    assert "mostly goes one way with Jo and Lee" in text
    assert summary([], S).startswith("Your map is empty")


def test_saved_maps_reload_and_skip_entries_that_no_longer_fit():
    payload = {
        "people": [
            {"name": "Sam", "kind": "friend", "closeness": 8, "sharing": "both"},
            {"name": "Old", "kind": "removed-kind", "closeness": 3, "sharing": "both"},
            "not even a mapping",
        ]
    }
    assert closeness.people_from_payload(payload, S) == [Person("Sam", "friend", 8, "both")]
