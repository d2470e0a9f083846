"""Typed paths into the dossier: where a form field reads and writes its answer.

A path is written in the form file as `organisation.contact.email`,
`eligibility.answers[{criterion.id}]` or `plan.actions[{orientation.id}]`: attribute names
of the dossier model, and `[...]` keys into its dicts (a `{...}` placeholder is filled when
the interview is planned). Repeated groups add list indices. `compile_path` checks a path
against the pydantic model once, when the form is loaded, and records each step's type, so
reading and writing never guess (and never split a question key on dots).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

StepKind = Literal["attr", "key", "index"]
_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]")


class PathError(ValueError):
    """A path that does not exist on the model, or whose type does not fit."""


@dataclass(frozen=True)
class Step:
    kind: StepKind
    name: str | int
    produces: Any  # the (unwrapped) type of the value this step reaches
    factory: Callable[[], Any] | None  # builds a missing intermediate value, when possible


@dataclass(frozen=True)
class DossierPath:
    """A path with every key known: it reads and writes one value of one dossier."""

    steps: tuple[Step, ...]

    @property
    def leaf_type(self) -> Any:
        return self.steps[-1].produces

    def __str__(self) -> str:
        text = ""
        for step in self.steps:
            if step.kind == "attr":
                text += f".{step.name}" if text else str(step.name)
            else:
                text += f"[{step.name}]"
        return text

    def child(self, index: int, item_type: Any) -> DossierPath:
        """This list path's item `index`."""
        return DossierPath((*self.steps, Step("index", index, item_type, _factory(item_type))))

    def attr(self, name: str) -> DossierPath:
        """A field of the model this path reaches (checked against the model). Made once
        per path and name: the planner asks a repeated group's conditions for the same
        fields of the same items at every answer, and checking a step against the model
        (its type unwrapped) was a fifth of a plan."""
        made: dict[str, DossierPath] | None = self.__dict__.get("_attrs")
        if made is None:
            made = {}
            object.__setattr__(self, "_attrs", made)  # not a field: equality is unchanged
        found = made.get(name)
        if found is None:
            found = made[name] = DossierPath((*self.steps, _attr_step(self.leaf_type, name)))
        return found

    def get(self, root: Any) -> Any:
        value = root
        for step in self.steps:
            if value is None:
                return None
            if step.kind == "attr":
                value = getattr(value, str(step.name))
            elif step.kind == "key":
                value = value.get(step.name)
            else:
                assert isinstance(step.name, int)
                value = value[step.name] if step.name < len(value) else None
        return value

    def set(self, root: Any, value: Any) -> None:
        """Store `value`, creating the dict entries and list items on the way."""
        target = self._container(root)
        last = self.steps[-1]
        if last.kind == "attr":
            setattr(target, str(last.name), value)
        elif last.kind == "key":
            target[last.name] = value
        else:
            assert isinstance(last.name, int)
            _ensure_length(target, last.name + 1, last.factory)
            target[last.name] = value

    def delete(self, root: Any) -> bool:
        """Remove the list item or dict entry this path ends on; False when absent."""
        target = self.parent().get(root)
        last = self.steps[-1]
        if last.kind == "index" and isinstance(target, list):
            assert isinstance(last.name, int)
            if last.name < len(target):
                del target[last.name]
                return True
        if last.kind == "key" and isinstance(target, dict) and last.name in target:
            del target[last.name]
            return True
        return False

    def parent(self) -> DossierPath:
        return DossierPath(self.steps[:-1])

    def _container(self, root: Any) -> Any:
        value = root
        for step in self.steps[:-1]:
            if step.kind == "attr":
                current = getattr(value, str(step.name))
                if current is None:
                    current = _build(step)
                    setattr(value, str(step.name), current)
            elif step.kind == "key":
                current = value.get(step.name)
                if current is None:
                    current = value[step.name] = _build(step)
            else:
                assert isinstance(step.name, int)
                _ensure_length(value, step.name + 1, step.factory)
                current = value[step.name]
            value = current
        return value


@dataclass(frozen=True)
class PathTemplate:
    """A path as the form writes it, keys possibly holding `{...}` placeholders."""

    text: str
    steps: tuple[Step, ...]

    @property
    def leaf_type(self) -> Any:
        return self.steps[-1].produces

    def bind(self, fill: Callable[[str], str]) -> DossierPath:
        """The concrete path, each key's placeholders filled by `fill`."""
        return DossierPath(
            tuple(
                Step(s.kind, fill(s.name), s.produces, s.factory)
                if s.kind == "key" and isinstance(s.name, str) and "{" in s.name
                else s
                for s in self.steps
            )
        )


def compile_path(model: type[BaseModel], text: str) -> PathTemplate:
    """Check `text` against `model`; PathError says which step does not exist."""
    steps: list[Step] = []
    current: Any = model
    position = 0
    text = text.strip()
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            break
        position = match.end()
        name, key = match.groups()
        if name is not None:
            step = _attr_step(current, name)
        else:
            origin = get_origin(current)
            if origin not in (dict, Mapping):
                raise PathError(f"{text}: [{key}] needs a dict, {_describe(current)} is not one")
            value_type = _unwrap(get_args(current)[1])
            step = Step("key", key.strip(), value_type, _factory(value_type))
        steps.append(step)
        current = step.produces
    if position != len(text) or not steps:
        raise PathError(f"{text}: not a path (attribute names and [keys] only)")
    return PathTemplate(text, tuple(steps))


def list_item_type(path_type: Any) -> Any:
    """The item type of a `list[...]` type; PathError otherwise."""
    if get_origin(path_type) is not list:
        raise PathError(f"{_describe(path_type)} is not a list")
    return _unwrap(get_args(path_type)[0])


def accepts(path_type: Any, value_type: Any) -> bool:
    """Whether a value of `value_type` fits a model field of `path_type`."""
    if path_type is Any:
        return True
    if get_origin(path_type) in (Union, types.UnionType):
        return any(accepts(member, value_type) for member in get_args(path_type))
    if get_origin(path_type) is Literal:
        return value_type is str and all(isinstance(a, str) for a in get_args(path_type))
    if get_origin(path_type) is list and get_origin(value_type) is list:
        return accepts(_unwrap(get_args(path_type)[0]), _unwrap(get_args(value_type)[0]))
    if isinstance(path_type, type) and isinstance(value_type, type):
        if value_type is int and path_type is Decimal:
            return False
        return issubclass(value_type, path_type)
    return bool(path_type == value_type)


def _attr_step(current: Any, name: str) -> Step:
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        raise PathError(f".{name}: {_describe(current)} has no fields")
    field = current.model_fields.get(name)
    if field is None:
        raise PathError(f"{current.__name__} has no field {name!r}")
    produced = _unwrap(field.annotation)
    return Step("attr", name, produced, _factory(produced))


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X (the dossier's fields are optional until answered)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return annotation


def _factory(produced: Any) -> Callable[[], Any] | None:
    origin = get_origin(produced)
    if origin is list:
        return list
    if origin is dict:
        return dict
    if isinstance(produced, type) and issubclass(produced, BaseModel):
        return produced
    return None


def _build(step: Step) -> Any:
    if step.factory is None:
        raise PathError(f"cannot create a missing {_describe(step.produces)} at {step.name}")
    return step.factory()


def _ensure_length(items: list[Any], length: int, factory: Callable[[], Any] | None) -> None:
    while len(items) < length:
        if factory is None:
            raise PathError("cannot create a missing list item")
        items.append(factory())


def _describe(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation)
