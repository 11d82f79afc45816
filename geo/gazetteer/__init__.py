"""The local gazetteer: packaged sources, a compiled index, the user's entries.

Examples
--------
>>> from geo.gazetteer import LocalGazetteer  # doctest: +SKIP
>>> LocalGazetteer().geocode("Zuwara airport").raw["place_id"]  # doctest: +SKIP
'icao:HLZW'
"""

from geo.gazetteer.geocoder import LocalGazetteer, search
from geo.gazetteer.index import GazetteerIndex, Hit, ensure_index, open_index
from geo.gazetteer.user import add_entry, make_entry, read_entries, remove_entry

__all__ = [
    "GazetteerIndex",
    "Hit",
    "LocalGazetteer",
    "add_entry",
    "ensure_index",
    "make_entry",
    "open_index",
    "read_entries",
    "remove_entry",
    "search",
]
