"""The JSON Schema of exported dossiers, generated from the pydantic model.

`dialogs/dossier.schema.json` ships with the project for people writing or checking
dossiers with other tools; a test compares it with the generated one, so it cannot drift
from the model. After changing `dialogs/dossier.py`, regenerate it with:

    .venv/bin/python -m storage.schema
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dialogs.dossier import FORMAT_VERSION, Dossier

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "dialogs" / "dossier.schema.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def dossier_json_schema() -> dict[str, Any]:
    """The schema of what `import` accepts (validation mode: amounts as strings or numbers)."""
    generated = Dossier.model_json_schema()
    generated.pop("title", None)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"urn:aap-bot:dossier:format-version:{FORMAT_VERSION}",
        "title": f"aap-bot dossier (format_version {FORMAT_VERSION})",
        "description": (
            "One application to a call for projects, as written by `aap-bot export`. "
            "See docs/dossier-format.md."
        ),
        **generated,
    }


def render_dossier_json_schema() -> str:
    """The exact text of the shipped file (pydantic's key order, readable diffs)."""
    return json.dumps(dossier_json_schema(), ensure_ascii=False, indent=2) + "\n"


def write_dossier_json_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(render_dossier_json_schema(), encoding="utf-8")


if __name__ == "__main__":
    write_dossier_json_schema()
    print(f"wrote {SCHEMA_PATH}")
