"""The JSON Schema of a meeting file, generated from the loader's own spec.

``python -m rcmcli.core.schema_json > schema/agenda.schema.json``; a test regenerates
and compares. Editors' YAML language servers use it for completion and checks,
e.g. with a first line ``# yaml-language-server: $schema=../schema/agenda.schema.json``.
The schema cannot express everything the validator checks (times in order,
overlaps, published claims): it is for editing, ``rcm agenda validate`` is for truth.
"""

from __future__ import annotations

import json

from rcmcli.core.loader import MEETING
from rcmcli.core.schema import TextSpec


def generate() -> dict:
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/rcm-tools/rcm/schema/agenda.schema.json",
        "title": "rcm meeting agenda",
    }
    schema.update(MEETING.json())
    schema["$defs"] = {"text": TextSpec.definition(), "line": TextSpec.definition(line=True)}
    # 'sources' is required unless the meeting is a draft (the loader's rule, docs/decisions.md).
    draft = {"properties": {"status": {"const": "draft"}}, "required": ["status"]}
    schema["anyOf"] = [{"required": ["sources"]}, draft]
    return schema


def render() -> str:
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
