"""The one error hierarchy of geo.

Every error the library raises on purpose derives from :class:`GeoError`, and
also from the builtin it resembles, so callers can catch either. Messages name
the bad value and say how to fix it; the CLI prints them as one line.
"""

from __future__ import annotations


class GeoError(Exception):
    """Root of every error geo raises on purpose."""


class ArticleError(GeoError, OSError):
    """An article or a folder of articles cannot be read."""


class GazetteerError(GeoError):
    """The gazetteer (its sources, its index or the user's file) is unusable."""


class GazetteerEntryError(GazetteerError, ValueError):
    """A gazetteer entry is invalid (bad coordinate, empty name, unknown country)."""


class GazetteerFileError(GazetteerError, ValueError):
    """The user's gazetteer file is malformed; the message names file and line."""


class OutputError(GeoError, OSError):
    """An output file or folder cannot be written."""
