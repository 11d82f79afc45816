"""Outputs: a run's parsed articles as two GeoDataFrames, and the files written from them.

``places_frame`` and ``events_frame`` turn a ``Sequence[ParsedArticle]`` into
GeoDataFrames in EPSG:4326; every writer (GeoJSON, GeoPackage, CSV, and the map
in :mod:`geo.mapping`) starts from those two frames. All writers are atomic: they
write a temporary file next to the target, flush and fsync it, then rename it
over the target, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
from shapely.geometry import LineString, Point, mapping

from geo import fsutil
from geo.errors import OutputError
from geo.geodesy import great_circle_km
from geo.model import ROLES, Event, Mention, ParsedArticle

logger = logging.getLogger(__name__)

CRS = "EPSG:4326"

#: Place kinds that name an area too large for a pin; drawn as an outline.
AREA_KINDS = frozenset({"country", "continent", "admin1"})

PLACE_COLUMNS = [
    "place_id",
    "name",
    "kind",
    "country",
    "admin1",
    "population",
    "source",
    "lat",
    "lon",
    "score",
    "reason",
    "mentions",
    "n_mentions",
    "event_ids",
    "candidates",
    "context_only",
]

EVENT_COLUMNS = [
    "event_id",
    "article_id",
    "event_type",
    "trigger",
    "date",
    "date_precision",
    "actors",
    "places",
    "quote",
    "quote_start",
    "quote_end",
    "article_title",
    "source",
    "article_date",
    "url",
    "route_id",
    "route_leg",
]

CSV_COLUMNS = [
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
]

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_MAX_QUOTE_SIDE = 300


# --------------------------------------------------------------------------- helpers


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Find the sentence holding ``text[start:end]``.

    A sentence ends at ``.``, ``!`` or ``?`` followed by white space (closing
    quotes and brackets stay with it), or at a line break. The span is trimmed of
    white space and reaches at most 300 characters either side of the mention.

    Parameters
    ----------
    text : str
        The article text.
    start, end : int
        The mention's span in ``text``.

    Returns
    -------
    tuple of int
        ``(sentence_start, sentence_end)``, with
        ``sentence_start <= start`` and ``sentence_end >= end``.

    Examples
    --------
    >>> t = "Fighting in Tripoli. Troops left Sirte! Calm now."
    >>> s, e = sentence_around(t, 33, 38)
    >>> t[s:e]
    'Troops left Sirte!'
    >>> sentence_around("no full stop", 3, 7)
    (0, 12)
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lo = max(0, start - _MAX_QUOTE_SIDE)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    hi = min(len(text), end + _MAX_QUOTE_SIDE)
    m = _SENTENCE_END.search(text, end, hi)
    e = hi if m is None else (m.start() if m.group() == "\n" else m.end())
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


def _clean(value: Any) -> Any:
    """Turn numpy scalars, NaN and tuples into plain JSON-ready Python values."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    try:
        if value is gpd.pd.NaT or gpd.pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _is_movement(places: Iterable[Mapping[str, Any]]) -> bool:
    return any(p.get("role") != "site" for p in places)


#: How close a resolved place must lie to an event's place drawn "near" another to stand for
#: the event instead (farther off, the resolved one is more likely a namesake elsewhere).
_REFINES_KM = 60.0


def primary_place(places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Pick the located place that stands for an event on a map or in a table.

    A movement is placed at its last located place in role order (its
    destination when known). Any other event is placed at its first located
    place smaller than a district (admin2), else at its first located place
    that is not a whole country, continent or admin1, else at its first
    located place: "Western Downs" and "Dalby" put a hailstorm at Dalby. A
    place only placed near another (``precision`` "near") gives way to a place
    of the same step that the gazetteer resolved within :data:`_REFINES_KM` km
    of it.

    Parameters
    ----------
    places : sequence of dict
        An ``events_frame`` row's ``places``: dicts with at least ``role``,
        ``lat``, ``lon`` and optionally ``kind``, in role order.

    Returns
    -------
    dict or None
        The chosen place, or ``None`` when no place has coordinates.

    Examples
    --------
    >>> libya = {"name": "Libya", "role": "site", "kind": "country", "lat": 27, "lon": 17}
    >>> tripoli = {"name": "Tripoli", "role": "site", "kind": "city", "lat": 32.9, "lon": 13.2}
    >>> primary_place([libya, tripoli])["name"]
    'Tripoli'
    >>> downs = {"name": "Western Downs", "role": "site", "kind": "admin2", "lat": -27, "lon": 150}
    >>> primary_place([downs, dict(tripoli, name="Dalby")])["name"]
    'Dalby'
    >>> primary_place([{"name": "Sirte", "role": "site", "lat": None, "lon": None}]) is None
    True
    """
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    if _is_movement(places):
        return located[-1]
    # the first of the finest: below a district, then a district, then anything wider
    ranks = [2 if p.get("kind") in AREA_KINDS else int(p.get("kind") == "admin2") for p in located]
    finest = min(ranks)
    equals = [p for p, rank in zip(located, ranks, strict=True) if rank == finest]
    best = equals[0]
    if best.get("precision") != "near":
        return best
    # a place only drawn near another gives way to an equal the gazetteer knows close by ("in
    # the Narmada at Maheshwar"); one far off is more likely a namesake
    return next(
        (
            p
            for p in equals
            if p.get("precision") != "near"
            and great_circle_km(p["lat"], p["lon"], best["lat"], best["lon"]) <= _REFINES_KM
        ),
        best,
    )


def _role_sorted(event: Event) -> list[Any]:
    order = {role: i for i, role in enumerate(ROLES)}
    return sorted(event.places, key=lambda ep: (order.get(ep.role, len(order)), ep.mention.start))


def _event_geometry(places: Sequence[Mapping[str, Any]]) -> Point | LineString | None:
    coords: list[tuple[float, float]] = []
    for p in places:
        if p.get("lat") is None or p.get("lon") is None:
            continue
        xy = (float(p["lon"]), float(p["lat"]))
        if not coords or coords[-1] != xy:
            coords.append(xy)
    if not coords:
        return None
    if _is_movement(places) and len(set(coords)) > 1:
        return LineString(coords)
    chosen = primary_place(places)
    assert chosen is not None  # coords is not empty
    return Point(float(chosen["lon"]), float(chosen["lat"]))


def _frame(rows: list[dict[str, Any]], columns: list[str], geometry: list[Any]) -> gpd.GeoDataFrame:
    frame = gpd.pd.DataFrame(rows, columns=columns)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


# --------------------------------------------------------------------------- frames


def places_frame(parsed: Sequence[ParsedArticle]) -> gpd.GeoDataFrame:
    """One row per distinct resolved place, in order of first appearance.

    Unresolved mentions (``place is None``) are not places and are left out.
    The row of a place carries its best mention's score, reason and runner-up
    candidates, every mention with the sentence around it, and the events that
    use it. ``context_only`` is true when every mention is non-literal or the
    place is a country, continent or admin1: such places are drawn as outlines.

    Parameters
    ----------
    parsed : sequence of ParsedArticle
        A run's result.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``place_id, name, kind, country, admin1, population, source,
        lat, lon, score, reason, mentions, n_mentions, event_ids, candidates,
        context_only`` and a Point ``geometry``, CRS EPSG:4326.

    Examples
    --------
    >>> from geo.model import Article, Mention, ParsedArticle, Place
    >>> tripoli = Place("geonames:2210247", "Tripoli", 32.89, 13.19, "city", "LY")
    >>> text = "Clashes in Tripoli. More later."
    >>> pa = ParsedArticle(Article("a1", text), [Mention("a1", 11, 18, "Tripoli", tripoli, 0.9)])
    >>> df = places_frame([pa])
    >>> df[["place_id", "n_mentions", "context_only"]].values.tolist()
    [['geonames:2210247', 1, False]]
    >>> df.loc[0, "mentions"][0]["quote"]
    'Clashes in Tripoli.'
    """
    rows: dict[str, dict[str, Any]] = {}
    best: dict[str, Mention] = {}
    all_literal: dict[str, bool] = {}
    for pa in parsed:
        text = pa.article.text
        for m in sorted(pa.mentions, key=lambda m: (m.start, m.end)):
            if m.place is None:
                continue
            place = m.place
            s, e = sentence_around(text, m.start, m.end)
            entry = {
                "article_id": m.article_id,
                "text": m.surface,
                "start": m.start,
                "end": m.end,
                "quote": text[s:e],
                "literal": m.literal,
            }
            row = rows.get(place.place_id)
            if row is None:
                row = rows[place.place_id] = {
                    "place_id": place.place_id,
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country,
                    "admin1": place.admin1,
                    "population": int(place.population),
                    "source": place.source,
                    "lat": float(place.lat),
                    "lon": float(place.lon),
                    "mentions": [],
                    "event_ids": [],
                }
                all_literal[place.place_id] = False
            row["mentions"].append(entry)
            all_literal[place.place_id] = all_literal[place.place_id] or m.literal
            if place.place_id not in best or m.score > best[place.place_id].score:
                best[place.place_id] = m
        for ev in pa.events:
            for ep in ev.places:
                pid = ep.mention.place.place_id if ep.mention.place is not None else None
                if pid in rows and ev.event_id not in rows[pid]["event_ids"]:
                    rows[pid]["event_ids"].append(ev.event_id)
    geometry = []
    for pid, row in rows.items():
        m = best[pid]
        row["score"] = float(m.score)
        row["reason"] = m.reason
        row["n_mentions"] = len(row["mentions"])
        row["candidates"] = [
            {
                "place_id": c.place.place_id,
                "name": c.place.name,
                "kind": c.place.kind,
                "country": c.place.country,
                "lat": float(c.place.lat),
                "lon": float(c.place.lon),
                "score": float(c.score),
                "source": c.place.source,
            }
            for c in m.candidates
            if c.place.place_id != pid
        ]
        row["context_only"] = row["kind"] in AREA_KINDS or not all_literal[pid]
        geometry.append(Point(row["lon"], row["lat"]))
    logger.debug("places_frame: %d places from %d articles", len(rows), len(parsed))
    return _frame(list(rows.values()), PLACE_COLUMNS, geometry)


def events_frame(parsed: Sequence[ParsedArticle]) -> gpd.GeoDataFrame:
    """One row per event, with its places in role order and its geometry.

    ``places`` lists ``{place_id, name, role, lat, lon, kind, country, admin1,
    text}`` in the order origin, via, site, destination (ties by position in
    the text); a mention without a place keeps ``place_id`` None and no
    coordinates. The geometry is a LineString through the located places of a
    movement, else a Point (see :func:`primary_place`), or None when no place
    is located.

    Parameters
    ----------
    parsed : sequence of ParsedArticle
        A run's result.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``event_id, article_id, event_type, trigger, date,
        date_precision, actors, places, quote, quote_start, quote_end,
        article_title, source, article_date, url, route_id, route_leg`` and
        ``geometry``, CRS EPSG:4326. ``route_leg`` is the event's position
        (0, 1, ...) in the order its route happened (see
        :func:`geo.events.route_legs`), or None outside a route.

    Examples
    --------
    >>> from geo.model import Article, Event, EventPlace, Mention, ParsedArticle, Place
    >>> def at(name, lat, lon, start):
    ...     place = Place("x:" + name, name, lat, lon, "city")
    ...     return Mention("a1", start, start + len(name), name, place)
    >>> ev = Event("e1", "a1", "transfer", "moved", 0, 5, "moved from A to B", 0, 17,
    ...            places=(EventPlace(at("B", 2.0, 2.0, 16), "destination"),
    ...                    EventPlace(at("A", 1.0, 1.0, 11), "origin")))
    >>> df = events_frame([ParsedArticle(Article("a1", "moved from A to B"), events=[ev])])
    >>> [p["role"] for p in df.loc[0, "places"]], df.geometry[0].wkt
    (['origin', 'destination'], 'LINESTRING (1 1, 2 2)')
    """
    from geo.events import route_legs

    rows: list[dict[str, Any]] = []
    geometry = []
    for pa in parsed:
        art = pa.article
        legs = {
            id(ev): i
            for chain in route_legs(pa.events, art.text).values()
            for i, ev in enumerate(chain)
        }
        for ev in pa.events:
            places = []
            for ep in _role_sorted(ev):
                own = ep.mention.place
                p = ep.located  # an unresolved place is drawn at its anchor, if it has one
                places.append(
                    {
                        "place_id": own.place_id if own else None,
                        "name": own.name if own else ep.mention.surface,
                        "role": ep.role,
                        "lat": float(p.lat) if p else None,
                        "lon": float(p.lon) if p else None,
                        "kind": p.kind if p else None,
                        "country": p.country if p else None,
                        "admin1": p.admin1 if p else None,
                        "text": ep.mention.surface,
                        "precision": ep.precision,
                        "near": p.name if p is not None and own is None else None,
                    }
                )
            rows.append(
                {
                    "event_id": ev.event_id,
                    "article_id": ev.article_id,
                    "event_type": ev.event_type,
                    "trigger": ev.trigger,
                    "date": ev.date_iso,
                    "date_precision": ev.date_precision,
                    "actors": list(ev.actors),
                    "places": places,
                    "quote": ev.quote,
                    "quote_start": ev.quote_start,
                    "quote_end": ev.quote_end,
                    "article_title": art.title,
                    "source": art.source,
                    "article_date": art.published_iso,
                    "url": art.url,
                    "route_id": ev.route_id,
                    "route_leg": legs.get(id(ev)),
                }
            )
            geometry.append(_event_geometry(places))
    logger.debug("events_frame: %d events from %d articles", len(rows), len(parsed))
    frame = _frame(rows, EVENT_COLUMNS, geometry)
    frame["route_leg"] = frame["route_leg"].astype("Int64")  # not float with NaN
    return frame


# --------------------------------------------------------------------------- atomic writing


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success move it over ``path``.

    The parent folder is created when missing. The temporary file is flushed
    to disk (fsync) before it replaces the target, and removed on failure.

    Parameters
    ----------
    path : str or PathLike
        The file to (re)write.

    Yields
    ------
    pathlib.Path
        Where to write; it has the target's suffix so drivers that look at the
        name (GDAL) pick the right format.

    Raises
    ------
    geo.errors.OutputError
        When the folder cannot be created or the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    target = Path(path)
    fix = "choose a writable folder with --out or fix its permissions"
    try:
        with fsutil.atomic_path(target) as tmp:
            yield tmp
    except OSError as exc:
        raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}; {fix}") from exc
    logger.debug("wrote %s", target)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_text_atomic(target, "hi")
    >>> target.read_text()
    'hi'
    """
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


# --------------------------------------------------------------------------- writers


def frame_to_geojson(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """Convert a frame to an RFC 7946 FeatureCollection (a plain dict).

    Coordinates are lon/lat, there is no ``crs`` member, list and dict columns
    stay JSON arrays and objects, NaN becomes ``null``.

    Examples
    --------
    >>> import geopandas
    >>> from shapely.geometry import Point
    >>> df = geopandas.GeoDataFrame({"name": ["A"], "tags": [["x"]], "v": [float("nan")]},
    ...                             geometry=[Point(13.2, 32.9)], crs="EPSG:4326")
    >>> fc = frame_to_geojson(df)
    >>> fc["features"][0]["properties"], fc["features"][0]["geometry"]["coordinates"]
    ({'name': 'A', 'tags': ['x'], 'v': None}, [13.2, 32.9])
    """
    if gdf.crs is not None and not gdf.crs.equals(CRS):
        gdf = gdf.to_crs(CRS)
    geom_col = gdf.geometry.name
    columns = [c for c in gdf.columns if c != geom_col]
    features = []
    for row, geom in zip(
        gdf[columns].itertuples(index=False, name=None), gdf.geometry, strict=True
    ):
        features.append(
            {
                "type": "Feature",
                "properties": {c: _clean(v) for c, v in zip(columns, row, strict=True)},
                "geometry": None if geom is None or geom.is_empty else _clean(mapping(geom)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(gdf: gpd.GeoDataFrame, path: str | os.PathLike[str]) -> None:
    """Write a frame as an RFC 7946 GeoJSON FeatureCollection, atomically.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        ``places_frame`` or ``events_frame`` output (any frame works).
    path : str or PathLike
        The target file.

    Raises
    ------
    geo.errors.OutputError
        When ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "places.geojson"
    >>> write_geojson(places_frame([]), target)
    >>> json.loads(target.read_text())
    {'type': 'FeatureCollection', 'features': []}
    """
    text = json.dumps(frame_to_geojson(gdf), ensure_ascii=False, allow_nan=False)
    write_text_atomic(path, text + "\n")


def _json_columns(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gdf.copy()
    geom_col = out.geometry.name
    for col in out.columns:
        if col == geom_col or out[col].dtype != object:
            continue
        if out[col].map(lambda v: isinstance(v, (list, tuple, dict, np.ndarray))).any():
            out[col] = out[col].map(
                lambda v: (
                    None
                    if v is None
                    else json.dumps(_clean(v), ensure_ascii=False, allow_nan=False)
                )
            )
    return out


def _routes(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    is_line = events.geometry.geom_type == "LineString"
    routes = events.loc[is_line, ["event_id", "article_id", "event_type", "date", "route_id"]]
    return gpd.GeoDataFrame(
        routes.reset_index(drop=True),
        geometry=events.geometry[is_line].reset_index(drop=True),
        crs=CRS,
    )


def _as_points(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = events.copy()
    points = []
    for places, geom in zip(out["places"], out.geometry, strict=True):
        if geom is not None and geom.geom_type == "LineString":
            chosen = primary_place(places)
            geom = Point(chosen["lon"], chosen["lat"]) if chosen else None
        points.append(geom)
    return out.set_geometry(gpd.GeoSeries(points, index=out.index, crs=CRS))


def write_gpkg(
    events: gpd.GeoDataFrame, places: gpd.GeoDataFrame, path: str | os.PathLike[str]
) -> None:
    """Write a GeoPackage with layers ``events``, ``places`` and ``routes``, atomically.

    GeoPackage layers hold one geometry type, so the ``events`` layer has a
    Point per event (a movement at its destination, as in the CSV) and the
    ``routes`` layer the LineString of each movement. List and dict columns
    are stored as JSON strings.

    Parameters
    ----------
    events, places : geopandas.GeoDataFrame
        ``events_frame`` and ``places_frame`` output.
    path : str or PathLike
        The target ``.gpkg`` file; it is replaced as a whole.

    Raises
    ------
    geo.errors.OutputError
        When ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, pyogrio
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "run.gpkg"
    >>> write_gpkg(events_frame([]), places_frame([]), target)
    >>> sorted(name for name, _ in pyogrio.list_layers(target))
    ['events', 'places', 'routes']
    """
    layers = [
        ("events", _json_columns(_as_points(events)), "Point"),
        ("places", _json_columns(places), "Point"),
        ("routes", _routes(events), "LineString"),
    ]
    with atomic_path(path) as tmp:
        tmp.unlink()  # GDAL refuses to open the empty placeholder as a GeoPackage
        for layer, frame, geometry_type in layers:
            try:
                frame.to_file(
                    tmp,
                    layer=layer,
                    driver="GPKG",
                    engine="pyogrio",
                    geometry_type=geometry_type,
                )
            except Exception as exc:  # GDAL raises its own error classes
                if isinstance(exc, OSError):
                    raise
                raise OutputError(
                    f"cannot write layer {layer!r} to {str(path)!r}: {exc}; "
                    "check free disk space and that the folder is writable"
                ) from exc


#: ACLED's geo_precision codes: 1 the place itself, 2 near it or part of a region, 3 a
#: larger region (province, country).
_CSV_PRECISION = {"exact": 1, "near": 2, "region": 3, "country": 3}


def _csv_text(value: Any) -> str:
    """A text cell that spreadsheet programs will not run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def _csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    places = row["places"] or []
    actors = list(row["actors"] or [])
    chosen = primary_place(places)
    notes = []
    if _is_movement(places):
        notes.append("route: " + " -> ".join(str(p["name"]) for p in places))
    if len(actors) > 2:
        notes.append("other actors: " + "; ".join(actors[2:]))
    if row["quote"]:
        notes.append(str(row["quote"]))
    precision = None
    if chosen is not None:
        precision = _CSV_PRECISION[chosen["precision"]]
    return {
        "event_id": _csv_text(row["event_id"]),
        "event_date": row["date"] or "",
        "time_precision": row["date_precision"] or "",
        "event_type": _csv_text(row["event_type"]),
        "actor1": _csv_text(actors[0] if actors else None),
        "actor2": _csv_text(actors[1] if len(actors) > 1 else None),
        "country": _csv_text(chosen.get("country") if chosen else None),
        "admin1": _csv_text(chosen.get("admin1") if chosen else None),
        "location": _csv_text(chosen.get("name") if chosen else None),
        "latitude": "" if chosen is None else f"{float(chosen['lat']):.6f}",
        "longitude": "" if chosen is None else f"{float(chosen['lon']):.6f}",
        "geo_precision": "" if precision is None else precision,
        "source": _csv_text(row["source"]),
        "notes": _csv_text(" | ".join(notes)),
    }


def write_csv(events: gpd.GeoDataFrame, path: str | os.PathLike[str]) -> None:
    """Write events as an ACLED-like CSV table, atomically.

    Columns: ``event_id, event_date, time_precision, event_type, actor1,
    actor2, country, admin1, location, latitude, longitude, geo_precision,
    source, notes``. ``event_date`` is ISO 8601 at ``time_precision`` (``day``,
    ``month`` or ``year``); ``geo_precision`` follows ACLED: 1 for a town or a
    site, 2 for a place not in the gazetteer drawn near the town that contains it, 3 for
    a region, a country or an admin1. A movement gets its destination's point
    and its route ``"A -> B -> C"`` in ``notes``. Text cells that start like a
    spreadsheet formula are prefixed with ``'``.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        ``events_frame`` output.
    path : str or PathLike
        The target file.

    Raises
    ------
    geo.errors.OutputError
        When ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
    >>> write_csv(events_frame([]), target)
    >>> target.read_text().split(",")[:3]
    ['event_id', 'event_date', 'time_precision']
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    table = events.drop(columns=events.geometry.name)
    for row in table.to_dict("records"):
        # pandas stores missing text as NaN: make every missing value None first.
        writer.writerow(_csv_row({key: _clean(value) for key, value in row.items()}))
    write_text_atomic(path, buf.getvalue())


__all__: list[str] = [
    "AREA_KINDS",
    "CSV_COLUMNS",
    "EVENT_COLUMNS",
    "PLACE_COLUMNS",
    "atomic_path",
    "events_frame",
    "frame_to_geojson",
    "places_frame",
    "primary_place",
    "sentence_around",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_text_atomic",
]
