"""rcm: meeting agendas of the RCM and the SACM, in every member capital's time."""

__version__ = "0.1.0"
