"""Drift tests: generated docs and schema match the code; every command has help."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rcmcli.cli import registry
from rcmcli.cli.app import app
from rcmcli.core.schema_json import render as render_schema
from rcmcli.lint import docs
from rcmcli.lint.rules import REGISTRY, all_rules

ROOT = Path(__file__).resolve().parents[1]


def test_rules_page_is_generated_from_registry():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == docs.render(), (
        "docs/rules.md is stale: run python -m rcmcli.lint.docs > docs/rules.md"
    )


def test_schema_file_is_generated_from_loader():
    assert (ROOT / "schema" / "agenda.schema.json").read_text(encoding="utf-8") == render_schema(), (
        "schema/agenda.schema.json is stale: run python -m rcmcli.core.schema_json > schema/agenda.schema.json"
    )


def _yaml12(value):
    """What a YAML 1.2 language server sees: dates stay strings."""
    if isinstance(value, dict):
        return {k: _yaml12(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml12(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "meetings").glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_meetings_satisfy_the_schema(path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "agenda.schema.json").read_text(encoding="utf-8"))
    data = _yaml12(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_schema_rejects_an_unknown_slot_key():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "agenda.schema.json").read_text(encoding="utf-8"))
    data = _yaml12(yaml.safe_load((ROOT / "data" / "meetings" / "plenary-iii-2022.yaml").read_text(encoding="utf-8")))
    data["days"][0]["slots"][0]["strat"] = "9:00"
    assert any("strat" in e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_every_rule_module_is_documented_with_examples():
    for mod in all_rules():
        doc = mod.__doc__ or ""
        assert "Failing" in doc and "Passing" in doc, mod.__name__
        assert mod.NAME == mod.NAME.lower() and " " not in mod.NAME
        assert mod.SEVERITY in ("error", "warning")
    names = [m.NAME for m in all_rules()]
    assert len(set(names)) == len(names) == len(REGISTRY)


PATHS = [*registry.GROUPS, *registry.BY_PATH]


@pytest.mark.parametrize("cmd", PATHS, ids=lambda c: " ".join(c) or "rcm")
def test_every_command_has_help(cmd):
    """Walks the command registry: every group, command and option has help text."""
    result = CliRunner().invoke(app, [*cmd, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output.strip().splitlines()) > 3
    for opt in getattr(registry.BY_PATH.get(cmd), "options", registry.GLOBALS if cmd == () else ()):
        assert opt.help.strip(), f"{' '.join(cmd)}: {opt.name} has no help"


def test_schema_lets_only_a_draft_leave_out_sources():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "agenda.schema.json").read_text(encoding="utf-8"))
    data = _yaml12(yaml.safe_load((ROOT / "data" / "meetings" / "followup-ii-2021.yaml").read_text(encoding="utf-8")))
    del data["sources"]
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) != []
    data["status"] = "draft"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
