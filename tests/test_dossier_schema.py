"""The JSON Schema shipped in dialogs/dossier.schema.json.

`jsonschema` is not a dependency, so exported dossiers are checked with a deliberately tiny
validator covering the keywords pydantic generates for this model.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest

from dialogs.dossier import FORMAT_VERSION, Dossier
from storage.schema import SCHEMA_PATH, dossier_json_schema, render_dossier_json_schema
from storage.transfer import dossier_to_json

HANDLED = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "default", "type", "properties",
    "required", "additionalProperties", "items", "anyOf", "enum", "const", "minimum", "pattern",
    "format",
}  # fmt: skip
TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """Why `value` does not match `schema` (empty list: it matches)."""
    unknown = set(schema) - HANDLED
    assert not unknown, f"extend the test validator for {unknown} at {path}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, path)
    if "anyOf" in schema:
        options = [errors(value, option, root, path) for option in schema["anyOf"]]
        return [] if any(not found for found in options) else [f"{path}: no anyOf matches"]
    found: list[str] = []
    expected = schema.get("type")
    if expected is not None:
        is_bool = isinstance(value, bool)
        if not isinstance(value, TYPES[expected]) or (is_bool and expected != "boolean"):
            return [f"{path}: expected {expected}, got {value!r}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        found.append(f"{path}: {value} < {schema['minimum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += errors(item, schema["items"], root, f"{path}[{index}]")
    if isinstance(value, dict):
        found += object_errors(value, schema, root, path)
    return found


def object_errors(
    value: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], path: str
) -> list[str]:
    properties: dict[str, Any] = schema.get("properties", {})
    found = [f"{path}: missing {key}" for key in schema.get("required", []) if key not in value]
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if key in properties:
            found += errors(item, properties[key], root, f"{path}.{key}")
        elif extra is False:
            found.append(f"{path}: unexpected {key}")
        elif isinstance(extra, dict):
            found += errors(item, extra, root, f"{path}.{key}")
    return found


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_dossier_json_schema(), (
        "dialogs/dossier.schema.json is stale: run `.venv/bin/python -m storage.schema`"
    )


def test_the_schema_identifies_itself_and_its_format_version() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f":{FORMAT_VERSION}")
    assert str(FORMAT_VERSION) in schema["title"]
    assert schema["type"] == "object"
    assert schema["required"] == ["call_id"]
    assert schema["properties"]["format_version"]["const"] == FORMAT_VERSION
    assert schema["additionalProperties"] is False
    assert schema == dossier_json_schema()


def test_an_exported_dossier_validates_against_the_schema(rich_dossier: Dossier) -> None:
    schema = dossier_json_schema()
    for dossier in (rich_dossier, Dossier(call_id="pdc-axe3-2025")):
        document = json.loads(dossier_to_json(dossier))
        assert errors(document, schema, schema) == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.pop("call_id"), "missing call_id"),
        (lambda d: d.update(format_version=2), "format_version"),
        (lambda d: d.update(colour="blue"), "unexpected colour"),
        (lambda d: d["budget"].update(own_funds="douze"), "own_funds"),
        (lambda d: d["budget"].update(own_funds=-1), "own_funds"),
        (lambda d: d["organisation"].update(network_level="planetary"), "network_level"),
        (lambda d: d["plan"]["actions"]["o1"][0].update(siae_count="3"), "siae_count"),
    ],
)
def test_the_validator_catches_broken_dossiers(
    rich_dossier: Dossier, change: Any, reason: str
) -> None:
    """Guards the guard: the schema test above would be vacuous if nothing could fail."""
    schema = dossier_json_schema()
    document = json.loads(dossier_to_json(rich_dossier))
    change(document)
    assert any(reason in error for error in errors(document, schema, schema))


def test_amounts_are_strings_in_exports_and_keep_their_digits(rich_dossier: Dossier) -> None:
    document = json.loads(dossier_to_json(rich_dossier))
    assert document["budget"]["departement_request"] == "12500.50"
    assert Decimal(document["budget"]["staff"][1]["monthly_cost"]) == Decimal("3125.333")


def test_a_clone_is_equal_and_shares_nothing_that_changes(rich_dossier: Dossier) -> None:
    clone = rich_dossier.clone()
    assert clone == rich_dossier and clone is not rich_dossier
    orientation, actions = next(iter(rich_dossier.plan.actions.items()))
    clone.plan.actions[orientation][0].title = "Autre titre"
    clone.budget.staff.clear()
    clone.skipped.append("budget.staff")
    assert rich_dossier.plan.actions[orientation][0].title == actions[0].title != "Autre titre"
    assert rich_dossier.budget.staff and "budget.staff" not in rich_dossier.skipped
