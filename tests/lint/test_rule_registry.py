"""The rule registry as a whole: every rule is tested, documented and registered."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rcmcli.lint import engine
from rcmcli.lint.config import Config
from rcmcli.lint.rules import REGISTRY, rule


def test_meeting_helper_is_clean_under_every_rule(tmp_path, lint, meeting):
    assert lint(meeting()) == []


RULE_TESTS = Path(__file__).resolve().parent / "rules"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_code_has_a_failing_and_a_passing_test(code):
    """Each rule has its own test file (tests/lint/rules/test_<module>.py, as yamllint's
    tests/rules/) with at least one failing and one passing snippet."""
    path = RULE_TESTS / f"test_{REGISTRY[code]}.py"
    assert path.is_file(), f"no test file {path.name} for {code}"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith(f"test_{code.lower()}_")]
    assert any("fail" in n for n in names), f"no failing test for {code}"
    assert any("pass" in n for n in names), f"no passing test for {code}"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_module_documents_itself(code):
    module = rule(code)
    assert module.CODE == code
    assert module.SEVERITY in ("error", "warning")
    assert "Failing" in (module.__doc__ or "") and "Passing" in module.__doc__


def test_select_with_one_code_runs_only_that_rule():
    assert [s.module.CODE for s in engine.select(Config(), select_cli=["T003"])] == ["T003"]
