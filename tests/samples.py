"""Inputs shared by several test modules."""

# A valid meeting with every required key. Line 2: title, 3: conferences,
# 13: the slot's start, 15: the slot's title.
MINIMAL_MEETING = """\
id: test-meeting
title: Test
conferences: [rcm]
sources:
  - file: 002_1c03c18522c6c0c3.txt
dates: {start: 2021-09-09, end: 2021-09-09}
reference_zone:
  label: GMT-6
  offset: GMT-6
days:
  - date: 2021-09-09
    slots:
      - start: 9:00
        end: 9:30
        title: Opening
"""


def invoke(*args: str):
    """``rcm ARGS`` through the Typer application, in process; an exception other than the
    exit itself fails the test (a traceback is never an answer)."""
    from typer.testing import CliRunner

    from rcmcli.cli.app import app

    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result
