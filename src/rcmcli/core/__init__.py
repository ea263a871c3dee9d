"""The pure core: model, YAML reading, schema, loading, zones, local times, catalog, roster.

Data in, data out: no module here prints, reads the terminal or imports Typer, Rich,
or anything of ``rcmcli.lint``, ``rcmcli.export`` or ``rcmcli.cli``.
"""
