"""The command line: the command registry, its two front ends (Typer, the fast path),
the runtime with the single error boundary, the commands (``cmd_*``) and their views
(``view_*``). docs/architecture.md names every module and the rule of their names.

The only layer that may import Typer or Rich, read argv or the environment's
presentation settings, or print.
"""
