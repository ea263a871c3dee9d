"""What rcm writes for other programs: calendars (RFC 5545) and invitations (RFC 5546).

Built from the core's model; must not import ``rcmcli.cli`` (no terminal here) nor the
linter.
"""
