"""The menus that lead from the review to any answer: section, then group, then question.

Their screens are the cursor keys "edit", "edit:<section>" and "edit:<section>:g<n>"
(states of the engine, not questions of the form). A group that is an item of a list (an
action, a staff line) can also be deleted from here, and a section's menu adds an item to
its lists (the form's `more.add`), asked in full before the review comes back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dialogs import rules
from dialogs import validation as v
from dialogs.dossier import Dossier
from dialogs.events import (
    NAV_BACK,
    Button,
    Message,
    Outcome,
    error,
    nav_label,
    note,
    progress_line,
)
from dialogs.plan import delete_item, find_question, store
from dialogs.question import Question
from dialogs.spec import Choice
from dialogs.texts import render_macro, shorten

if TYPE_CHECKING:
    from dialogs.engine import Interview

ROOT = "edit"
DELETE = "_del"
_NAVIGATION = "messages/navigation.html.j2"
_SCREENS = "messages/screens.html.j2"


class EditMenu:
    root_key = ROOT

    def __init__(self, engine: Interview) -> None:
        self.engine = engine

    @staticmethod
    def owns(key: str) -> bool:
        return key == ROOT or key.startswith(ROOT + ":")

    @staticmethod
    def section_key(section: str) -> str:
        return f"{ROOT}:{section}"

    @staticmethod
    def parent(key: str) -> str | None:
        """The menu above `key` ("edit:plan" above "edit:plan:g1"), None above the root."""
        return key.rpartition(":")[0] or None if key.startswith(ROOT + ":") else None

    def sections(self, d: Dossier) -> list[str]:
        """The sections that hold answers (welcome and review hold none), in order."""
        present = {q.section for q in self._editable(d)}
        return [s.id for s in self.engine.form.sections if s.id in present]

    def _editable(self, d: Dossier) -> list[Question]:
        return [q for q in self.engine.plan(d) if q.role in ("field", "flag")]

    def _titles(self) -> dict[str, str]:
        return {s.id: s.title for s in self.engine.form.sections}

    def entries(self, d: Dossier) -> tuple[list[Button], Question | None]:
        """The menu's buttons, and the question whose list item "delete" removes."""
        key = d.cursor.key
        titles = self._titles()
        if key == ROOT:
            return [Button(s, titles[s]) for s in self.sections(d)], None
        _, section, *rest = key.split(":")
        in_section = [q for q in self._editable(d) if q.section == section]
        groups = list(dict.fromkeys(q.group for q in in_section))
        if not rest and len(groups) > 1:
            groups_shown = [shorten(g or titles[section]) for g in groups]
            shown = [Button(f"g{i}", g) for i, g in enumerate(groups_shown)]
            return [*shown, *self._adds(d, section)], None
        group = groups[int(rest[0][1:])] if rest else groups[0] if groups else ""
        chosen = [q for q in in_section if q.group == group]
        buttons = [Button(q.key, q.button_label) for q in chosen]
        if not rest:
            buttons += self._adds(d, section)
        item = chosen[0] if chosen and chosen[0].list is not None else None
        if group and item is not None and item.list is not None and item.list.item is not None:
            buttons.append(Button(DELETE, render_macro(_NAVIGATION, "delete_item")))
            return buttons, item
        return buttons, None

    def _adds(self, d: Dossier, section: str) -> list[Button]:
        """« ➕ Ajouter une action à l’orientation 2 »: one per list of the section past its
        first item, whose "add another?" the form names an edit button for."""
        return [
            Button(q.key, render_macro(_NAVIGATION, "add_item", label=q.add_label))
            for q in self.engine.plan(d)
            if q.role == "more" and q.section == section and q.add_label
        ]

    def _add(self, d: Dossier, more: Question, today: dt.date) -> Outcome:
        """A new item of `more`'s list, its first field asked at once (no « another? »
        yes/no: the button said it); its fields asked in turn, then the review. The item is
        the cursor's `filling_item`, as for an item added during « Compléter le dossier »."""
        first = store(more, d, True)
        assert first is not None and more.list is not None
        d.cursor.filling_item = first.rsplit(".", 1)[0]
        rules.derive(self.engine.spec, d)
        self.engine.forget_plan()
        return self.engine.goto(d, first, today, keep_return=True)

    def choose(self, d: Dossier, choice: str, today: dt.date) -> Outcome:
        buttons, item = self.entries(d)
        if choice not in {b.id for b in buttons}:
            return Outcome(d, [note("stale_button"), self.engine.screen(d, today)])
        key = d.cursor.key
        more = find_question(self.engine.plan(d), choice) if key.count(":") == 1 else None
        if more is not None and more.role == "more":
            return self._add(d, more, today)
        if key == ROOT:
            return self.engine.goto(d, self.section_key(choice), today, keep_return=True)
        if choice.startswith("g") and choice[1:].isdigit() and key.count(":") == 1:
            return self.engine.goto(d, f"{key}:{choice}", today, keep_return=True)
        if choice == DELETE:
            prefix = delete_item(item, d) if item is not None else None
            if prefix is None:
                return Outcome(d, [self.engine.screen(d, today)])
            rules.derive(self.engine.spec, d)
            self.engine.forget_plan()
            review = self.engine.goto(d, self.engine.review_key(d), today)
            return Outcome(
                d, [note("item_deleted"), *review.messages], answer=(f"{prefix}.deleted", True)
            )
        # Stopped as not eligible (/eligibilite from the stop screen): the dossier never
        # reached the review; after the answer the interview goes on from there (the next
        # eligibility question, or the stop screen again), as the menu says.
        stopped = self.engine.screen_of_kind(d, "stop") is not None
        return self.engine.goto(d, choice, today, keep_return=not stopped)

    def text(self, d: Dossier, text: str, today: dt.date) -> Outcome:
        buttons, _ = self.entries(d)
        found = v.match_choice(
            text, [Choice(id=f"e{i}", label=b.label) for i, b in enumerate(buttons)]
        )
        if found is None:
            return Outcome(
                d,
                [
                    error("choice", count=len(buttons), channel=self.engine.channel),
                    self.engine.screen(d, today),
                ],
            )
        return self.choose(d, buttons[int(found.id[1:])].id, today)

    def screen(self, d: Dossier) -> Message:
        key = d.cursor.key
        buttons, _ = self.entries(d)
        stopped = self.engine.screen_of_kind(d, "stop") is not None
        html = render_macro(
            _SCREENS,
            "edit_menu",
            level=key.count(":"),
            section=key.split(":")[1:2],
            stopped=stopped,
        )
        detail = render_macro(_NAVIGATION, "edit_detail")
        if key == ROOT:
            # Not a step: the review's own header says which step the interview is at (the
            # question « Compléter le dossier » goes on from), never « Étape 7/7 ».
            review_section = next(
                (q.section for q in self.engine.plan(d) if q.kind == "review"),
                self.engine.form.sections[-1].id,
            )
            title = self._titles()[review_section]
            progress = render_macro(_NAVIGATION, "edit_root", title=title, detail=detail)
        else:  # a section's menu (/eligibilite on a dossier stopped there): its step
            progress = progress_line(self.engine.form, key.split(":")[1], detail)
        return Message(
            html,
            key=key,
            progress=progress,
            buttons=(*buttons, Button(NAV_BACK, nav_label(NAV_BACK), nav=True)),
            input="choice",
        )
