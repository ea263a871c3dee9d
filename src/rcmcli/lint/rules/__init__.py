"""The rule registry: code -> module name. Explicit, so an unknown code is an error.

Codes: Y syntax and types, C text, T time, S lengths, P published claims, F fairness,
R roles, L languages, X suppressions. A code never changes meaning once released.
"""

from __future__ import annotations

import importlib
from types import ModuleType

REGISTRY: dict[str, str] = {
    "Y001": "yaml_syntax",
    "Y002": "duplicate_key",
    "Y003": "unknown_key",
    "Y004": "missing_key",
    "Y005": "wrong_type",
    "Y006": "input_limits",
    "Y007": "encoding",
    "Y008": "forbidden_tag",
    "Y009": "bad_zone",
    "Y010": "control_character",
    "C001": "line_break",
    "T001": "bad_time",
    "T002": "end_not_after_start",
    "T003": "overlap",
    "T004": "undeclared_midnight",
    "T005": "gap",
    "T006": "day_outside_dates",
    "T007": "weekday_mismatch",
    "T008": "dst_trap",
    "S001": "session_length",
    "S002": "meeting_length",
    "P001": "published_time",
    "P002": "published_offset",
    "P003": "etc_zone_sign",
    "F001": "night_slot",
    "F002": "outside_hours",
    "R001": "unknown_lead",
    "R002": "lead_balance",
    "R003": "session_numbering",
    "L001": "missing_language",
    "X001": "suppression_reason",
    "X002": "suppression_code",
}


def rule(code: str) -> ModuleType:
    module = importlib.import_module(f"rcmcli.lint.rules.{REGISTRY[code]}")
    assert module.CODE == code, f"{module.__name__} declares {module.CODE}, registered as {code}"
    return module


def all_rules() -> list[ModuleType]:
    return [rule(code) for code in REGISTRY]
