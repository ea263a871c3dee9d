"""Generate docs/rules.md from the registry: ``python -m rcmcli.lint.docs > docs/rules.md``.

A test regenerates it and compares, so the page cannot drift from the rules.
"""

from __future__ import annotations

import inspect

from rcmcli.lint.rules import all_rules

HEADER = """# Validator rules

Generated from the rule registry by `python -m rcmcli.lint.docs > docs/rules.md`;
a test keeps this page in step with the code. Select or ignore rules by code
(`T003`), code prefix (`T`) or name (`overlap`), on the command line (`--select`,
`--ignore`) or in the configuration (`[tool.rcm]` in pyproject.toml, or
`.rcm.toml`); set options under `[tool.rcm.rules.NAME]`. Options marked "from
`[tool.rcm.hours]`" default to the working hours and night every command shares
(`[tool.rcm.hours]`, see `rcmcli.core.settings`); set there, they change the rule,
`agenda times` and `plan` alike. Silence one finding with
a comment on its line, and say why: `# rcm: ignore[P001] the document says so`.

| code | name | severity | options |
| --- | --- | --- | --- |
"""


def _options(mod) -> str:
    shared = getattr(mod, "SHARED", ())
    return ", ".join(f"`{k}` = `{v!r}`" + (" (from `[tool.rcm.hours]`)" if k in shared else "") for k, v in mod.OPTIONS.items()) or "\u2014"


def render() -> str:
    rules = all_rules()
    out = [HEADER]
    out += [f"| {m.CODE} | [{m.NAME}](#{m.CODE.lower()}-{m.NAME}) | {m.SEVERITY} | {_options(m)} |\n" for m in rules]
    for m in rules:
        out.append(f"\n## {m.CODE} {m.NAME}\n\nSeverity: {m.SEVERITY}. Options: {_options(m)}.\n\n")
        out.append(inspect.cleandoc(m.__doc__ or "").strip() + "\n")
    return "".join(out)


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
