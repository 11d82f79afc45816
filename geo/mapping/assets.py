"""Offline assets of the map: Leaflet, our own JS and CSS, and country outlines.

Everything is read from installed packages (``xstatic-leaflet``,
``countryinfo``) and from ``geo/mapping/static``, so a map never needs the
network. Results are cached in memory.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from geo.errors import GeoError

logger = logging.getLogger(__name__)

#: Douglas-Peucker tolerance for the basemap outlines, in degrees.
OUTLINE_TOLERANCE = 0.05

OUTLINE_ATTRIBUTION = "Country outlines: countryinfo (MIT)"


def _leaflet_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as xl
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise GeoError(
            "the offline map needs Leaflet from the package 'xstatic-leaflet'; "
            "install it with: pip install xstatic-leaflet"
        ) from exc
    return Path(xl.BASE_DIR)


@functools.cache
def leaflet_js() -> str:
    """Leaflet's minified JS, without its source-map comment.

    Examples
    --------
    >>> "L.map" in leaflet_js() or "window.L" in leaflet_js()
    True
    """
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    return re.sub(r"//# sourceMappingURL=\S+\s*$", "", text)


@functools.cache
def leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as ``data:`` URIs.

    Inlined, ``url(images/...)`` would resolve next to the HTML file and fail.

    Examples
    --------
    >>> "url(images/" in leaflet_css()
    False
    """
    folder = _leaflet_dir()

    def inline(match: re.Match[str]) -> str:
        image = folder / "images" / match.group(1)
        if not image.is_file():  # pragma: no cover - depends on the package
            return "none"
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    text = (folder / "leaflet.css").read_text(encoding="utf-8")
    return re.sub(r"url\(\s*['\"]?images/([\w.-]+)['\"]?\s*\)", inline, text)


@functools.cache
def static_text(name: str) -> str:
    """A file of ``geo/mapping/static``, e.g. ``"geomap.js"``.

    Examples
    --------
    >>> "geoRender" in static_text("geomap.js")
    True
    """
    return resources.files("geo.mapping").joinpath("static", name).read_text(encoding="utf-8")


def _round(coords: Any, digits: int) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), digits) for c in coords]
    return [_round(c, digits) for c in coords]


@functools.cache
def country_outlines() -> dict[str, dict[str, Any]]:
    """Simplified country outlines keyed by ISO 3166-1 alpha-2 code.

    Each value is a GeoJSON geometry (Polygon or MultiPolygon), simplified
    with a tolerance of 0.05 degrees and rounded to 3 decimals, from the
    ``geoJSON`` member of ``countryinfo``'s data files.

    Examples
    --------
    >>> outlines = country_outlines()
    >>> outlines["LY"]["type"]
    'Polygon'
    >>> len(outlines) > 150
    True
    """
    import countryinfo

    folder = Path(os.path.dirname(countryinfo.__file__)) / "data"
    outlines: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            logger.debug("skipping unreadable countryinfo file %s", path)
            continue
        iso2 = ((record.get("ISO") or {}).get("alpha2") or "").upper()
        collection = record.get("geoJSON") or {}
        features = collection.get("features") or []
        if not iso2 or not features:
            continue
        geoms = [shape(f["geometry"]) for f in features if f.get("geometry")]
        if not geoms:
            continue
        geom = geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)
        simple = geom.simplify(OUTLINE_TOLERANCE, preserve_topology=True)
        if simple.is_empty:
            continue
        geojson = dict(mapping(simple))
        geojson["coordinates"] = _round(geojson["coordinates"], 3)
        outlines[iso2] = {"type": geojson["type"], "coordinates": geojson["coordinates"]}
    logger.debug("loaded %d country outlines", len(outlines))
    return outlines
