"""The agenda linter: rules in a registry, problems as values, formats as functions."""
