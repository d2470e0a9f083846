"""Reading a YAML data file (a call, a form) so that every error names the file, key and line.

Shared by the call spec (`dialogs.spec`) and the interview form (`dialogs.form`). Dates are
not converted by the YAML reader (an impossible date such as 2025-02-31 would raise inside
PyYAML, with no line): they reach pydantic as text, which reports them like any other
invalid value.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Location = tuple[str | int, ...]
LineIndex = dict[Location, int]
ModelT = TypeVar("ModelT", bound=BaseModel)


class SpecError(Exception):
    """A data file that does not validate; `problems` lists (location, message) pairs, where
    location is "line: key.path"."""

    def __init__(self, path: Path, problems: list[tuple[str, str]]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"{path}:{where}: {message}" for where, message in problems)
        super().__init__(lines)


# libyaml's parser (PyYAML's wheels ship it) reads the form ten times faster than the pure
# Python one: it is on the path to the bot's first getUpdates.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that leaves timestamps as strings (pydantic parses and reports them)."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_index(node: yaml.Node, prefix: Location = ()) -> LineIndex:
    """Map each key path of a YAML document to its 1-based line number."""
    index: LineIndex = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, str(key_node.value))
            index.update(_line_index(value_node, path))
            index[path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            index.update(_line_index(item, (*prefix, i)))
    return index


def line_of(index: LineIndex, loc: Iterable[str | int]) -> int:
    """The line of `loc`, or of its nearest enclosing key that has one."""
    path = tuple(loc)
    while path and path not in index:
        path = path[:-1]
    return index.get(path, 1)


def where(index: LineIndex, loc: Iterable[str | int]) -> str:
    """ "12: orientations.0.id" for a location."""
    loc = tuple(loc)
    key = ".".join(str(part) for part in loc) or "(document)"
    return f"{line_of(index, loc)}: {key}"


def read_yaml(path: Path) -> tuple[dict[str, Any], LineIndex]:
    """The mapping a YAML file holds and its line index; SpecError when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise SpecError(path, [("1", f"cannot read the file: {reason}")]) from exc
    try:
        loader = _TextDatesLoader(text)
        try:
            node = loader.get_single_node()  # parsed once: the data and the line index
            data = None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise SpecError(path, [(str(line), f"invalid YAML: {exc}")]) from exc
    if node is None or not isinstance(data, dict):
        raise SpecError(path, [("1", "the file must hold a mapping (key: value)")])
    return data, _line_index(node)


def validate(
    model: type[ModelT],
    path: Path,
    data: dict[str, Any],
    index: LineIndex,
    context: dict[str, Any] | None = None,
) -> ModelT:
    """`model` validated from `data`; SpecError naming each problem's key and line."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = [(where(index, error["loc"]), error["msg"]) for error in exc.errors()]
        raise SpecError(path, problems) from exc
