"""A typed Python SDK for the Heymarket Contacts API (v1 and v2)."""

__version__ = "0.1.0"

__all__ = ["__version__"]
