"""The closeness widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import course
from course.journal import default_journal


def test_closeness_map_adds_removes_draws_and_saves_as_it_goes():
    w = course.closeness_map()
    w.name.value = "Sam"
    w.level.value = 8
    w.add.click()
    w.name.value = "Mum"
    w.kind.value = "family"
    w.sharing.value = "me"
    w.level.value = 10
    w.add.click()
    assert [p.name for p in w.result] == ["Sam", "Mum"]
    assert w.name.value == ""
    traces = {t.name: list(t.text) for t in w.figure.data}
    assert traces == {"You": ["you"], "Friend": ["Sam"], "Family": ["Mum"]}
    assert not w.figure.plot_layout.annotations, "the empty-map hint is gone once someone is added"
    assert "Mum (family), closeness 10 of 10" in w.summary.value
    rows = " ".join(
        child.value for row in w.people.children for child in row.children if hasattr(child, "value")
    )
    assert "Mum: family, closeness 10, mostly I open up" in rows, "mid-sentence, the capital I stays"
    # saved as it goes, in a single record for this editing session
    (record,) = default_journal().records("closeness_map")
    assert [p["name"] for p in record.payload["people"]] == ["Sam", "Mum"]
    sent = []
    w.status.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    w.remove("Sam")
    assert [p.name for p in w.result] == ["Mum"]
    assert sent == [{"do": "focus"}], "the focus goes to the words saying Sam is off the map"
    assert "Friend" not in {t.name for t in w.figure.data}
    # reopening shows the map as it was left
    assert [p.name for p in course.closeness_map().result] == ["Mum"]


def test_closeness_map_explains_a_refused_entry():
    w = course.closeness_map()
    w.add.click()
    assert "Give this person a name" in w.status.value
    assert w.result == []
    w.name.value = "<script>x</script>"
    w.add.click()
    assert "&lt;script&gt;" in w.status.value and "<script>" not in w.status.value
