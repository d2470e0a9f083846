"""What a form refers to, made ready once: its paths compiled against the dossier model,
references into the call spec, and `{placeholder}` texts.

References (`help`, `choices: {from: …}`, `limits`, `for_each`, `context`) are dotted
attribute names read from the call spec, or from a variable a `for_each` bound
("criterion.reason.quote"); `name[*]` maps the rest over a list. Placeholders in keys and
labels ("{orientation.id}", "{number}") are attribute look-ups too: no expression is ever
evaluated, and no name starting with "_" can be reached.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from dialogs.dossier import Dossier
from dialogs.form import FieldItem, ForEach, Form, ListGroup
from dialogs.paths import PathTemplate, compile_path, list_item_type
from dialogs.question import ChoiceOption


class FormReferenceError(LookupError):
    """A reference or placeholder that names nothing."""


class _Formatter(string.Formatter):
    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if any(part.startswith("_") for part in field_name.replace("[", ".").split(".")):
            raise FormReferenceError(f"{{{field_name}}}: private names are not allowed")
        return super().get_field(field_name, args, kwargs)

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, int) or key not in kwargs:
            raise FormReferenceError(f"{{{key}}} is not defined here")
        return kwargs[key]


_FORMATTER = _Formatter()


def fill(text: str, variables: Mapping[str, Any]) -> str:
    """`text` with its `{placeholders}` filled from `variables`."""
    if "{" not in text:
        return text
    try:
        return _FORMATTER.vformat(text, (), variables)
    except (AttributeError, KeyError, IndexError, ValueError) as exc:
        raise FormReferenceError(f"{text}: {exc}") from exc


def resolve(ref: str, spec: BaseModel, variables: Mapping[str, Any]) -> Any:
    """The value a reference names (a list when it holds `[*]`)."""
    parts = ref.strip().split(".")
    first, rest = parts[0], parts[1:]
    if first.removesuffix("[*]") in variables:
        value: Any = variables[first.removesuffix("[*]")]
        if first.endswith("[*]"):
            return [_walk(item, rest, ref) for item in value]
        return _walk(value, rest, ref)
    return _walk(spec, parts, ref)


def _walk(value: Any, parts: list[str], ref: str) -> Any:
    for position, part in enumerate(parts):
        name = part.removesuffix("[*]")
        if not name or name.startswith("_"):
            raise FormReferenceError(f"{ref}: {part!r} is not a name")
        if isinstance(value, BaseModel) and name in type(value).model_fields:
            value = getattr(value, name)
        else:
            raise FormReferenceError(f"{ref}: {name!r} does not exist here")
        if part.endswith("[*]"):
            return [_walk(item, parts[position + 1 :], ref) for item in value]
    return value


@dataclass
class CompiledForm:
    """A validated form with its paths compiled (one per form and call)."""

    form: Form
    prompt_templates: dict[str, str]  # prompt macro -> the template defining it

    def prompt_template(self, prompt: str) -> str:
        return self.prompt_templates[prompt]

    _paths: dict[str, PathTemplate] = field(default_factory=dict)
    _choices: dict[str, tuple[ChoiceOption, ...]] = field(default_factory=dict)
    _labels: dict[str, list[ChoiceOption]] = field(default_factory=dict)
    _asked: frozenset[str] | None = None
    #: The planner's questions, kept across plans (`dialogs.plan._Planner._built`).
    built: dict[Any, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    def path(self, text: str) -> PathTemplate:
        template = self._paths.get(text)
        if template is None:
            template = self._paths[text] = compile_path(Dossier, text)
        return template

    def item_type(self, list_path: str) -> Any:
        return list_item_type(self.path(list_path).leaf_type)

    def spec_choices(self, ref: str, spec: BaseModel) -> tuple[ChoiceOption, ...]:
        found = self._choices.get(ref)
        if found is None:
            elements = resolve(ref, spec, {})
            found = self._choices[ref] = tuple(
                ChoiceOption(id=element.id, label=element.label) for element in elements
            )
        return found

    def asked_paths(self) -> frozenset[str]:
        """Every dossier path the form asks, without keys ("plan.actions.title")."""
        if self._asked is None:
            self._asked = frozenset(_paths_of(self.form))
        return self._asked

    def choices_at(self, pattern: str) -> list[ChoiceOption]:
        """The choices of the fields at `pattern`, in the form's order."""
        if not self._labels:
            self._labels = _choices_by_pattern(self.form)
        return list(self._labels.get(pattern, ()))

    def choice_label(self, pattern: str, value: object) -> str | None:
        """The label of the choice stored as `value` by the fields at `pattern` (a path with
        its keys dropped: "budget.other_direct.category"), or None."""
        if not self._labels:
            self._labels = _choices_by_pattern(self.form)
        for choice in self._labels.get(pattern, ()):
            if choice.stored == value or choice.label == value:
                return choice.label
        return None


def pattern_of(path: str) -> str:
    """A path without its [keys]: "plan.actions[{orientation.id}]" -> "plan.actions"."""
    return re.sub(r"\[[^\]]*\]", "", path)


def _paths_of(form: Form) -> list[str]:
    found: list[str] = []

    def walk(items: tuple[FieldItem | ForEach | ListGroup, ...]) -> None:
        for item in items:
            if isinstance(item, ForEach):
                walk(item.items)
            elif isinstance(item, ListGroup):
                found.append(pattern_of(item.list_))
                found.extend(f"{pattern_of(item.list_)}.{f.name}" for f in item.fields)
            elif item.path is not None:
                found.append(pattern_of(item.path))

    for section in form.sections:
        walk(section.items)
    return found


def _choices_by_pattern(form: Form) -> dict[str, list[ChoiceOption]]:
    found: dict[str, list[ChoiceOption]] = {}

    def walk(items: tuple[FieldItem | ForEach | ListGroup, ...]) -> None:
        for item in items:
            if isinstance(item, ForEach):
                walk(item.items)
            elif isinstance(item, ListGroup):
                for group_field in item.fields:
                    if isinstance(group_field.choices, tuple):
                        pattern = f"{pattern_of(item.list_)}.{group_field.name}"
                        found.setdefault(pattern, []).extend(group_field.choices)
            elif item.path is not None and isinstance(item.choices, tuple):
                found.setdefault(pattern_of(item.path), []).extend(item.choices)

    for section in form.sections:
        walk(section.items)
    return found
