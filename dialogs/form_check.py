"""Checks a form against what it names: the dossier model, the prompts, the rules, the call.

Run once when a call is loaded (`dialogs.spec.load_spec`), so that a form with a path the
dossier does not have, a prompt the templates lack, an unknown rule, or a reference into the
call that names nothing, is refused with the file, the key and the line, before anyone is
asked anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from dialogs.dossier import Dossier, IndicatorTarget
from dialogs.field_rules import FIELD_RULES, STOP_RULES
from dialogs.form import Condition, FieldCommon, FieldItem, ForEach, Form, ListGroup, Section
from dialogs.form_refs import FormReferenceError, fill, resolve
from dialogs.paths import PathError, PathTemplate, accepts, compile_path, list_item_type
from dialogs.question import SCREEN_KINDS

Location = tuple[str | int, ...]
Problem = tuple[Location, str]

#: The type of the value each kind of field stores.
KIND_TYPES: dict[str, Any] = {
    "text": str,
    "email": str,
    "phone": str,
    "siret": str,
    "rna": str,
    "choice_or_text": str,
    "choice": str,
    "yesno": bool,
    "multi": list[str],
    "int": int,
    "fte": Decimal,
    "money": Decimal,
    "months": list[str],
    "int_comment": IndicatorTarget,
}
_SAMPLE = {"number": 1, "total": 1, "index": 1, "title": "", "group": "", "count": 1}


class _Checker:
    def __init__(self, form: Form, spec: BaseModel, macros: set[str]) -> None:
        self.form = form
        self.spec = spec
        self.macros = macros
        self.problems: list[Problem] = []
        self.keys: dict[str, Location] = {}
        self.kinds: dict[str, str] = {}  # each field's kind by key, as met in order

    def run(self) -> list[Problem]:
        for s, section in enumerate(self.form.sections):
            loc: Location = ("sections", s)
            self._refs(section.help, {}, (*loc, "help"))
            self._rules(section.rules, (*loc, "rules"))
            self._items(section, section.items, dict(_SAMPLE), (*loc, "items"))
            if section.stop_screen is not None:
                screen = section.stop_screen
                self._prompt(screen.prompt, (*loc, "stop_screen", "prompt"))
                self._refs(screen.help, {}, (*loc, "stop_screen", "help"))
                self._key(screen.key, {}, (*loc, "stop_screen", "key"))
        return self.problems

    def _items(
        self,
        section: Section,
        items: tuple[FieldItem | ForEach | ListGroup, ...],
        variables: dict[str, Any],
        loc: Location,
    ) -> None:
        for i, item in enumerate(items):
            here = (*loc, i)
            if isinstance(item, ForEach):
                self._for_each(section, item, variables, here)
            elif isinstance(item, ListGroup):
                self._list(section, item, variables, here)
            else:
                self._field_item(section, item, variables, here)

    def _for_each(
        self, section: Section, item: ForEach, variables: dict[str, Any], loc: Location
    ) -> None:
        try:
            elements = resolve(item.for_each, self.spec, variables)
        except FormReferenceError as error:
            self.problems.append(((*loc, "for_each"), str(error)))
            return
        if not isinstance(elements, tuple | list):
            self.problems.append(((*loc, "for_each"), f"{item.for_each} is not a list"))
            return
        if item.as_ in _SAMPLE or item.as_ in type(self.spec).model_fields:
            self.problems.append(((*loc, "as"), f"{item.as_!r} is a reserved name"))
        inner = {**variables, item.as_: elements[0] if elements else None}
        self._text(item.detail, inner, (*loc, "detail"))
        if elements:
            self._items(section, item.items, inner, (*loc, "items"))

    def _field_item(
        self, section: Section, item: FieldItem, variables: dict[str, Any], loc: Location
    ) -> None:
        self._key(item.key, variables, (*loc, "key"))
        self._common(section, item, variables, loc)
        self.kinds[item.key] = item.kind
        if item.kind in SCREEN_KINDS:
            if item.path is not None:
                self.problems.append(((*loc, "path"), f"a {item.kind} screen stores no answer"))
            return
        if item.path is None:
            self.problems.append(((*loc, "path"), f"a {item.kind} field needs a path"))
            return
        template = self._path(item.path, (*loc, "path"))
        if template is not None:
            self._fits(item, template.leaf_type, (*loc, "path"))
            for step in template.steps:
                if step.kind == "key":
                    self._text(str(step.name), variables, (*loc, "path"))
        if item.when is not None:
            self._condition(item.when, None, variables, (*loc, "when"))

    def _list(
        self, section: Section, item: ListGroup, variables: dict[str, Any], loc: Location
    ) -> None:
        self._key(f"{item.key}.more", variables, (*loc, "key"))
        self._refs(item.help, variables, (*loc, "help"))
        self._text(item.group, variables, (*loc, "group"))
        self._text(item.detail, variables, (*loc, "detail"))
        self._text(item.more.label, variables, (*loc, "more", "label"))
        self._prompt(item.more.prompt, (*loc, "more", "prompt"))
        template = self._path(item.list_, (*loc, "list"))
        if template is None:
            return
        try:
            item_type = list_item_type(template.leaf_type)
        except PathError as error:
            self.problems.append(((*loc, "list"), f"{item.list_}: {error}"))
            return
        if item.flag is not None:
            flag_loc = (*loc, "flag")
            self._prompt(item.flag.prompt, (*flag_loc, "prompt"))
            self._rules(item.flag.rules, (*flag_loc, "rules"))
            flag_path = self._path(item.flag.path, (*flag_loc, "path"))
            if flag_path is not None and not accepts(flag_path.leaf_type, bool):
                self.problems.append(((*flag_loc, "path"), f"{item.flag.path} is not a yes/no"))
        names = {f.name for f in item.fields}
        if item.title_field is not None and item.title_field not in names:
            self.problems.append(((*loc, "title_field"), f"no field {item.title_field!r}"))
        inner = {**variables, "index": 1, "title": "", "group": ""}
        for f, group_field in enumerate(item.fields):
            here = (*loc, "fields", f)
            self._common(section, group_field, inner, here)
            try:
                path = compile_path(item_type, group_field.name)
            except PathError as error:
                self.problems.append(((*here, "name"), str(error)))
                continue
            self._fits(group_field, path.leaf_type, (*here, "name"))
            if group_field.when is not None:
                self._condition(group_field.when, item_type, inner, (*here, "when"))
            if isinstance(group_field.choices, tuple):
                for c, option in enumerate(group_field.choices):
                    if option.details is not None and option.details not in names:
                        where = (*here, "choices", c, "details")
                        self.problems.append((where, f"no field {option.details!r}"))

    def _common(
        self, section: Section, item: FieldCommon, variables: dict[str, Any], loc: Location
    ) -> None:
        self._text(item.label, variables, (*loc, "label"))
        self._text(item.detail, variables, (*loc, "detail"))
        self._prompt(item.prompt, (*loc, "prompt"))
        if item.example is not None:
            self._prompt(item.example, (*loc, "example"))
        self._refs(item.help, variables, (*loc, "help"))
        self._rules(item.rules, (*loc, "rules"))
        for name, ref in item.context.items():
            self._ref(ref, variables, (*loc, "context", name))
        for name, limit in item.limits.items():
            if name == "ask_below" and item.kind != "money":
                self.problems.append(((*loc, "limits", name), f"a {item.kind} answer is no amount"))
            if name.startswith("usual_") and item.kind not in ("money", "int", "fte"):
                self.problems.append(((*loc, "limits", name), f"a {item.kind} answer is no figure"))
            if name == "min_words" and item.kind != "text":
                self.problems.append(((*loc, "limits", name), f"a {item.kind} answer has no words"))
            if isinstance(limit, str):
                value = self._ref(limit, variables, (*loc, "limits", name))
                if value is not None and not isinstance(value, int | Decimal):
                    self.problems.append(((*loc, "limits", name), f"{limit} is not a number"))
        if item.stop is not None:
            if item.stop not in STOP_RULES:
                self.problems.append(((*loc, "stop"), f"unknown stop rule {item.stop!r}"))
            if section.stop_screen is None:
                self.problems.append(((*loc, "stop"), "the section has no stop_screen"))
        if item.choices is not None and not isinstance(item.choices, tuple):
            found = self._ref(item.choices.from_, variables, (*loc, "choices", "from"))
            if found is not None and not all(
                hasattr(e, "id") and hasattr(e, "label") for e in found
            ):
                self.problems.append(((*loc, "choices"), "each choice needs an id and a label"))
        if item.content != "free" and item.kind not in ("text", "choice_or_text"):
            self.problems.append(((*loc, "content"), f"a {item.kind} answer is not a text"))
        if item.per is not None and item.kind != "money":
            self.problems.append(((*loc, "per"), f"a {item.kind} answer counts no period"))
        if item.loaded_cost and item.kind != "money":
            self.problems.append(((*loc, "loaded_cost"), f"a {item.kind} answer is no cost"))
        if item.unknown_is_zero and item.kind != "int":
            self.problems.append(((*loc, "unknown_is_zero"), f"a {item.kind} answer is no count"))
        if item.part_of is not None:
            self._part_of(item, variables, (*loc, "part_of"))
        needs_choices = item.kind in ("choice", "multi", "choice_or_text")
        if needs_choices and item.choices is None:
            self.problems.append(((*loc, "choices"), f"a {item.kind} field needs choices"))

    def _fits(self, item: FieldCommon, leaf: Any, loc: Location) -> None:
        expected = KIND_TYPES.get(item.kind)
        if expected is None or not accepts(leaf, expected):
            name = getattr(leaf, "__name__", str(leaf))
            self.problems.append((loc, f"a {item.kind} answer does not fit a field of type {name}"))

    def _condition(
        self, condition: Condition, item_type: Any, variables: dict[str, Any], loc: Location
    ) -> None:
        for name, nested in (("all", condition.all), ("any", condition.any)):
            for n, part in enumerate(nested or ()):
                self._condition(part, item_type, variables, (*loc, name, n))
        if condition.not_ is not None:
            self._condition(condition.not_, item_type, variables, (*loc, "not"))
        if condition.field is not None:
            if item_type is None:
                self.problems.append(((*loc, "field"), "`field` is for fields of a list group"))
            else:
                try:
                    compile_path(item_type, condition.field)
                except PathError as error:
                    self.problems.append(((*loc, "field"), str(error)))
        if condition.path is not None:
            self._path(condition.path, (*loc, "path"))

    def _path(self, text: str, loc: Location) -> PathTemplate | None:
        try:
            return compile_path(Dossier, text)
        except PathError as error:
            self.problems.append((loc, f"the dossier has no {text}: {error}"))
            return None

    def _prompt(self, name: str, loc: Location) -> None:
        if name not in self.macros:
            self.problems.append((loc, f"no prompts template has a macro {name!r}"))

    def _rules(self, names: tuple[str, ...], loc: Location) -> None:
        for n, name in enumerate(names):
            if name not in FIELD_RULES:
                self.problems.append(((*loc, n), f"unknown rule {name!r}"))

    def _refs(self, refs: tuple[str, ...], variables: dict[str, Any], loc: Location) -> None:
        for n, ref in enumerate(refs):
            self._ref(ref, variables, (*loc, n))

    def _ref(self, ref: str, variables: Mapping[str, Any], loc: Location) -> Any:
        try:
            return resolve(ref, self.spec, variables)
        except FormReferenceError as error:
            self.problems.append((loc, str(error)))
            return None

    def _text(self, text: str | None, variables: Mapping[str, Any], loc: Location) -> None:
        if text is None or any(v is None for v in variables.values()):
            return
        try:
            fill(text, variables)
        except FormReferenceError as error:
            self.problems.append((loc, str(error)))

    def _key(self, key: str, variables: Mapping[str, Any], loc: Location) -> None:
        self._text(key, variables, loc)
        if key in self.keys:
            self.problems.append((loc, f"the key {key!r} is used twice"))
        self.keys[key] = loc

    def _part_of(self, item: FieldCommon, variables: Mapping[str, Any], loc: Location) -> None:
        """A part is a count of a count asked before it (its key already met)."""
        assert item.part_of is not None
        self._text(item.part_of, variables, loc)
        if item.kind != "int":
            self.problems.append((loc, f"a {item.kind} answer is no count"))
        whole = self.kinds.get(item.part_of)
        if whole is None:
            self.problems.append((loc, f"no count {item.part_of!r} asked before it"))
        elif whole != "int":
            self.problems.append((loc, f"{item.part_of!r} is a {whole} answer, not a count"))


def check_form(form: Form, spec: BaseModel, macros: set[str]) -> list[Problem]:
    """Every problem of `form` (empty when it is sound), each with its location."""
    return _Checker(form, spec, macros).run()
