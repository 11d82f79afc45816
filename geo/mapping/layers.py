"""What the map draws for each place and route, decided in Python so it can be tested.

A place is drawn as a ``pin`` (a circle marker sized by its mentions), a ``ring``
(a hollow dashed circle: a city mentioned only as context, "Washington said"), an
``area`` (a light dashed circle of about a province's size: an admin1 without an
outline), an ``outline`` (its country's outline, lightly highlighted) or not at
all (``None``: a continent, or a country with no outline; never a pin in the
middle of the desert).

Movements become routes: the legs of one ``route_id`` are joined into one
polyline in the order they happened; a movement outside a route is a route of
its own.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Literal

import geopandas as gpd

from geo.export import AREA_KINDS

logger = logging.getLogger(__name__)

Draw = Literal["pin", "ring", "area", "outline"]

#: Kinds shown as their country's outline.
OUTLINE_KINDS = frozenset({"country"})


def place_draw(props: Mapping[str, Any], outlines: Collection[str]) -> Draw | None:
    """How the map draws one place (a ``places_frame`` row).

    Parameters
    ----------
    props : mapping
        The place's properties: ``kind``, ``country`` and ``context_only``.
    outlines : collection of str
        ISO 3166-1 alpha-2 codes that have an outline.

    Returns
    -------
    str or None
        ``"pin"``, ``"ring"``, ``"area"``, ``"outline"``, or ``None`` when the
        place is not drawn.

    Examples
    --------
    >>> place_draw({"kind": "country", "country": "LY", "context_only": True}, {"LY"})
    'outline'
    >>> place_draw({"kind": "continent", "country": None, "context_only": True}, {"LY"}) is None
    True
    >>> place_draw({"kind": "city", "country": "US", "context_only": True}, {"US"})
    'ring'
    >>> place_draw({"kind": "airbase", "country": "DE", "context_only": False}, {"DE"})
    'pin'
    """
    kind = props.get("kind")
    if kind in OUTLINE_KINDS:
        return "outline" if str(props.get("country") or "").upper() in outlines else None
    if kind in AREA_KINDS:
        return "area" if kind == "admin1" else None
    return "ring" if props.get("context_only") else "pin"


def _located(places: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [p for p in places or () if p.get("lat") is not None and p.get("lon") is not None]


def _sort_key(row: Mapping[str, Any], position: int) -> tuple[float, int]:
    leg = row.get("route_leg")
    if leg is None or (isinstance(leg, float) and math.isnan(leg)):
        return (math.inf, position)
    return (float(leg), position)


def route_features(events: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """One GeoJSON LineString feature per route, its legs joined in order.

    Events sharing a ``route_id`` are sorted by ``route_leg`` (the order the
    legs happened) and their located places, in role order, are chained into
    one line; consecutive repeats are dropped. Whole countries, continents and
    admin1 areas are left out of a route that has at least two finer points,
    so a route runs base to base rather than through a country's centre. A
    movement outside any route (a LineString event without ``route_id``) is a
    route of one leg. Routes with fewer than two distinct points are not lines
    and are left out.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        :func:`geo.export.events_frame` output.

    Returns
    -------
    list of dict
        Features with properties ``route_id`` (None for a lone movement),
        ``event_ids`` (in leg order), ``names`` (the places the line passes)
        and ``event_type`` (of its first moving leg).

    Examples
    --------
    >>> import geopandas
    >>> from shapely.geometry import LineString, Point
    >>> def at(name, lon, lat, role, kind="city"):
    ...     return {"name": name, "lon": lon, "lat": lat, "role": role, "kind": kind}
    >>> df = geopandas.GeoDataFrame({
    ...     "event_id": ["e1", "e2"], "event_type": ["transfer", "capture"],
    ...     "route_id": ["r1", "r1"], "route_leg": [1, 0],
    ...     "places": [[at("B", 2, 2, "origin"), at("C", 3, 3, "destination")],
    ...                [at("A", 1, 1, "site")]]},
    ...     geometry=[LineString([(2, 2), (3, 3)]), Point(1, 1)], crs="EPSG:4326")
    >>> (route,) = route_features(df)
    >>> route["properties"]["event_ids"], route["properties"]["names"]
    (['e2', 'e1'], ['A', 'B', 'C'])
    >>> route["geometry"]["coordinates"]
    [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]
    """
    if len(events) == 0:
        return []
    columns = [c for c in ("event_id", "event_type", "route_id", "route_leg", "places")]
    table = events[[c for c in columns if c in events.columns]]
    kinds = events.geometry.geom_type
    chains: dict[str, list[tuple[tuple[float, int], Mapping[str, Any]]]] = {}
    lone: list[Mapping[str, Any]] = []
    for position, (row, kind) in enumerate(zip(table.to_dict("records"), kinds, strict=True)):
        route_id = row.get("route_id")
        if isinstance(route_id, str) and route_id:
            chains.setdefault(route_id, []).append((_sort_key(row, position), row))
        elif kind == "LineString":
            lone.append(row)
    groups: list[tuple[str | None, list[Mapping[str, Any]]]] = [
        (rid, [row for _, row in sorted(legs, key=lambda pair: pair[0])])
        for rid, legs in chains.items()
    ]
    groups += [(None, [row]) for row in lone]
    features = []
    for route_id, legs in groups:
        feature = _route_feature(route_id, legs)
        if feature is not None:
            features.append(feature)
    logger.debug("route_features: %d routes from %d events", len(features), len(events))
    return features


def _route_feature(route_id: str | None, legs: list[Mapping[str, Any]]) -> dict[str, Any] | None:
    stops = [p for row in legs for p in _located(row.get("places") or [])]
    fine = [p for p in stops if p.get("kind") not in AREA_KINDS]
    if len({(float(p["lon"]), float(p["lat"])) for p in fine}) >= 2:
        stops = fine
    coords: list[list[float]] = []
    names: list[str] = []
    for p in stops:
        xy = _xy(p["lon"], p["lat"])
        if not coords or coords[-1] != xy:
            coords.append(xy)
            names.append(str(p.get("name")))
    if len(coords) < 2:
        return None
    moving = [row for row in legs if any(p.get("role") != "site" for p in row.get("places") or [])]
    return {
        "type": "Feature",
        "properties": {
            "route_id": route_id,
            "event_ids": [row["event_id"] for row in legs],
            "names": names,
            "event_type": (moving or legs)[0].get("event_type"),
        },
        "geometry": {"type": "LineString", "coordinates": coords},
    }


def _plain(value: Any) -> Any:
    """A JSON-ready scalar: NaN, NA and NaT become None, numpy scalars Python ones."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):
        value = value.item()
    try:
        if gpd.pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value if isinstance(value, (int, float)) else str(value)


#: Decimals kept in the map's coordinates (about a metre).
DIGITS = 5


def _xy(x: float, y: float) -> list[float]:
    return [round(float(x), DIGITS), round(float(y), DIGITS)]


def _geometry(geom: Any) -> dict[str, Any] | None:
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "Point":
        return {"type": "Point", "coordinates": _xy(geom.x, geom.y)}
    if geom.geom_type == "LineString":
        return {"type": "LineString", "coordinates": [_xy(x, y) for x, y in geom.coords]}
    return {"type": geom.geom_type, "coordinates": None}  # pragma: no cover - not produced


def event_features(
    events: gpd.GeoDataFrame,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The events as lean GeoJSON features for the map, and their articles once each.

    The map needs less than ``events.geojson`` holds: each event keeps
    ``event_id, article_id, event_type, trigger, date, date_precision, actors,
    places`` (``place_id, name, role``) and ``quote``; the article's title,
    source, date and URL are given once per article instead of once per event.
    At 100,000 events this halves the page.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        :func:`geo.export.events_frame` output.

    Returns
    -------
    features : list of dict
        GeoJSON features (Point, LineString or null geometry).
    articles : dict
        ``{article_id: {"title", "source", "date", "url"}}``.

    Examples
    --------
    >>> import geopandas
    >>> from shapely.geometry import Point
    >>> df = geopandas.GeoDataFrame({
    ...     "event_id": ["e1"], "article_id": ["a1"], "event_type": ["attack"],
    ...     "trigger": ["hit"], "date": ["2020-06"], "date_precision": ["month"],
    ...     "actors": [["LNA"]], "quote": ["They hit Sirte."],
    ...     "places": [[{"place_id": "x:1", "name": "Sirte", "role": "site", "lat": 31.2}]],
    ...     "article_title": ["T"], "source": ["S"], "article_date": [None], "url": [None]},
    ...     geometry=[Point(16.6, 31.2)], crs="EPSG:4326")
    >>> (f,), articles = event_features(df)
    >>> f["properties"]["places"], f["geometry"]["type"], articles["a1"]["title"]
    ([{'place_id': 'x:1', 'name': 'Sirte', 'role': 'site'}], 'Point', 'T')
    """
    features: list[dict[str, Any]] = []
    articles: dict[str, dict[str, Any]] = {}
    if len(events) == 0:
        return features, articles
    cols = {c: events[c].tolist() for c in events.columns if c != events.geometry.name}
    for i, geom in enumerate(events.geometry):
        article_id = _plain(cols["article_id"][i])
        key = str(article_id)
        if key not in articles:
            articles[key] = {
                "title": _plain(cols["article_title"][i]),
                "source": _plain(cols["source"][i]),
                "date": _plain(cols["article_date"][i]),
                "url": _plain(cols["url"][i]),
            }
        places = cols["places"][i]
        actors = cols["actors"][i]
        props = {
            "event_id": _plain(cols["event_id"][i]),
            "article_id": article_id,
            "event_type": _plain(cols["event_type"][i]),
            "trigger": _plain(cols["trigger"][i]),
            "date": _plain(cols["date"][i]),
            "date_precision": _plain(cols["date_precision"][i]),
            "actors": [_plain(a) for a in actors] if isinstance(actors, (list, tuple)) else [],
            "places": [
                _event_place(p) for p in (places if isinstance(places, (list, tuple)) else [])
            ],
            "quote": _plain(cols["quote"][i]),
        }
        features.append({"type": "Feature", "properties": props, "geometry": _geometry(geom)})
    return features, articles


def _event_place(p: Mapping[str, Any]) -> dict[str, Any]:
    """What a popup needs of an event's place; ``near`` only for one drawn at its anchor."""
    out = {
        "place_id": _plain(p.get("place_id")),
        "name": _plain(p.get("name")),
        "role": _plain(p.get("role")),
    }
    near = _plain(p.get("near"))
    if near:
        out["near"] = near
    return out


__all__ = ["OUTLINE_KINDS", "event_features", "place_draw", "route_features"]
