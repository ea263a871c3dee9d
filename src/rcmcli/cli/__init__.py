"""The command line: the command registry, its two front ends (Typer, the fast path),
the command functions with the single error boundary, and rendering for the terminal.

The only layer that may import Typer or Rich, read argv or the environment's
presentation settings, or print.
"""
