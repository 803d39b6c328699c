"""directive-extract: Vietnamese administrative and Party documents to structured JSON."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"

__all__ = ["__version__", "SCHEMA_VERSION"]
