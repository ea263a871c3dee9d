"""Rule Y006 (input-limits): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

import pytest

from rcmcli.core.yamltree import Limits
from rcmcli.lint.config import Config


def test_y006_fails_on_deep_nesting(tmp_path, check, meeting):
    deep = "[" * 70 + "]" * 70  # deeper than the default 64 levels
    check(tmp_path, meeting(extra=f"deep: {deep}"), "Y006", [("Y006", 11)])


@pytest.mark.slow
def test_y006_fails_on_alias_bomb(tmp_path, check):
    # a has 9 items; each next level has 9 aliases of the one before. Counting
    # nodes (a list counts 1 + its items): a 10, b 91, c 820, d 7381, e 66430,
    # f ... With the default limit of 400,000 nodes, in f the 7th alias of e makes
    # 1 + 7 * 66430 = 465,011 > 400,000 (six make 398,581): line 6.
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    check(tmp_path, "\n".join(lines) + "\n", "Y006", [("Y006", 6)])


def test_y006_fails_on_size_limit_from_config(tmp_path, check, meeting):
    cfg = Config(limits=Limits(max_bytes=100))  # the meeting is longer than 100 bytes
    check(tmp_path, meeting(), "Y006", [("Y006", 1)], config=cfg)


def test_y006_passes_ordinary_meeting(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="notes: [{text: {en: a, es: b}}]"), "Y006", [])
