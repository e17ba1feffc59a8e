"""Module 1's closeness map."""

from __future__ import annotations

import ipywidgets as W

from .. import closeness
from ..charts import closeness as charts
from ..journal import Journal
from . import base
from .base import live_figure, redraw
from .controls import Button, RangeInput, Select, TextBox


class ClosenessMapWidget(base.Panel):
    """Name people, say how close you feel and whether sharing goes both ways; see the map."""

    KIND = "closeness_map"
    MODULE = "01_what_is_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = closeness.settings()
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: list[closeness.Person] = (
            closeness.people_from_payload(saved[-1].payload, self.settings) if saved else []
        )
        self._record_id: int | None = None
        self.name = TextBox("Name, nickname or initials", max_width="24em")
        self.kind = Select("Who they are to you", [(k.label, k.id) for k in self.settings.kinds])
        self.level = RangeInput(
            label="How close do you feel to them?",
            value=5,
            low_label="distant",
            high_label="very close",
        )
        self.sharing = Select("Opening up", [(c.label, c.id) for c in self.settings.sharing])
        self.add = base.button("Add to my map", self._add, "primary")
        self.status = base.status_line()
        self.people = W.VBox()
        self.figure = live_figure(charts.closeness_figure(self.result, self.settings))
        self.summary = base.html()
        self.binder = base.binder_export(self.journal)
        intro = base.html(
            "<p>Add the people who matter in your life, in any role. Initials or nicknames are "
            f"fine. The map holds up to {self.settings.max_people} people and stays in your "
            "private journal; it is saved as you go.</p>"
        )
        self._refresh(save=False)
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                self.name,
                self.kind,
                self.level,
                self.sharing,
                self.add,
                self.status,
                self.people,
                self.figure,
                self.summary,
                *([self.binder] if self.binder else []),
            ]
        )

    def _add(self, _: Button | None = None) -> None:
        try:
            person = closeness.make_person(
                self.name.value, self.kind.value, self.level.value, self.sharing.value, self.settings
            )
            self.result = closeness.add_person(self.result, person, self.settings)
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        self.name.value = ""
        self.status.value = base.status("ok", f"{base.esc(person.name)} is on your map.")
        self._refresh()

    def remove(self, name: str) -> None:
        self.result = [p for p in self.result if p.name != name]
        self.status.value = base.status("ok", f"{base.esc(name)} is off your map.")
        self._refresh()
        # The button the learner pressed is gone: say what happened where they are.
        self.status.focus()

    def _refresh(self, save: bool = True) -> None:
        if save:
            base.save_session_record(self, {"people": [p.to_dict() for p in self.result]})
        rows = []
        for p in self.result:
            # Mid-sentence, only the first letter drops: "mostly I open up", never "mostly i open up".
            sharing = base.uncapital(self.settings.sharing_choice(p.sharing).label)
            label = base.html(
                f"{base.esc(p.name)}: {base.esc(self.settings.kind(p.kind).label.lower())}, "
                f"closeness {p.closeness}, {base.esc(sharing)}",
                layout=W.Layout(width="auto"),
            )
            remove = base.button(f"Remove {p.name}", lambda _, n=p.name: self.remove(n))
            rows.append(W.HBox([remove, label], layout=W.Layout(align_items="center")))
        self.people.children = rows
        redraw(self.figure, charts.closeness_figure(self.result, self.settings))
        text = base.esc(closeness.summary(self.result, self.settings)).replace("\n", "<br>")
        self.summary.value = f"<p><b>In words:</b><br>{text}</p>"
