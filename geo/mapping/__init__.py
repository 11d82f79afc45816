"""The offline map: one self-contained Leaflet HTML page of places, events and routes.

Examples
--------
>>> from geo.export import events_frame, places_frame
>>> from geo.mapping import build_map
>>> m = build_map(places_frame([]), events_frame([]))
>>> type(m).__name__
'Map'
"""

from geo.mapping.layers import place_draw, route_features
from geo.mapping.render import build_map, map_payload, online_tiles, script_json, write_map

__all__ = [
    "build_map",
    "map_payload",
    "online_tiles",
    "place_draw",
    "route_features",
    "script_json",
    "write_map",
]
