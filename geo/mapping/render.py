"""Build the offline map: one self-contained HTML file with no network access.

folium supplies the page and the ``L.map``; everything it would load from CDNs
(Leaflet, jQuery, Bootstrap, fonts) is dropped and Leaflet is inlined from
``xstatic-leaflet``. Places, events and routes are embedded as GeoJSON and
drawn by our own ``static/geomap.js`` on one canvas renderer; its popups are
built with ``textContent`` only, so article text is never parsed as HTML.
"""

from __future__ import annotations

import html
import json
import logging
import os
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.errors import GeoError
from geo.export import frame_to_geojson, write_text_atomic
from geo.mapping.assets import (
    OUTLINE_ATTRIBUTION,
    country_outlines,
    leaflet_css,
    leaflet_js,
    static_text,
)
from geo.mapping.layers import event_features, place_draw, route_features
from geo.webpage import GENERATOR

logger = logging.getLogger(__name__)

ATTRIBUTION = (
    '<a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) | ' + OUTLINE_ATTRIBUTION
)

_SCRIPT_ESCAPES = (
    ("&", "\\u0026"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("$", "\\u0024"),
    ("`", "\\u0060"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)

#: The xyzservices provider offered as an optional online layer (off by default).
DEFAULT_ONLINE_TILES = "OpenStreetMap.Mapnik"


def script_json(obj: Any) -> str:
    """Serialise ``obj`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&``, ``$``, backticks, U+2028 and U+2029 are written as
    ``\\uXXXX`` escapes, so ``</script>`` or ``<!--`` in article text cannot end
    the script and ``${...}`` never appears verbatim. The result is valid JSON
    and a valid JavaScript expression.

    Examples
    --------
    >>> script_json({"q": "</script><b>&"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(script_json(["${x}"])) == ["${x}"]
    True
    """
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for char, escape in _SCRIPT_ESCAPES:  # str.replace is C-fast on 100 MB of data
        text = text.replace(char, escape)
    return text


def _inline(tag: str, code: str) -> str:
    if f"</{tag}" in code.lower():  # pragma: no cover - guards our own assets
        raise GeoError(f"asset for an inline <{tag}> contains '</{tag}'; it cannot be inlined")
    return f"<{tag}>\n{code}\n</{tag}>"


class _Raw(Element):
    """A header element whose text is emitted verbatim (no Jinja parsing of it)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


#: The id of the ``<script type="application/json">`` element that holds the map's data.
DATA_ID = "geo-data"


class _GeoLayers(MacroElement):
    """Calls ``geoRender(map, data)`` right after folium creates the map.

    The data sits in a JSON script element: ``JSON.parse`` reads 50 MB several
    times faster than the JS parser reads the same object literal.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}\n"
        "geoRender({{ this._parent.get_name() }}, "
        "JSON.parse(document.getElementById('{{ this.data_id }}').textContent));\n"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "GeoLayers"
        self.data_id = DATA_ID


def online_tiles(name: str | None = DEFAULT_ONLINE_TILES) -> dict[str, Any] | None:
    """The optional online tile layer, from the ``xyzservices`` catalogue.

    The map offers it in its layer control, switched off; no tile is requested
    until the user switches it on. Without ``xyzservices`` (or with
    ``name=None``) there is no online layer and the map is unchanged otherwise.

    Parameters
    ----------
    name : str or None
        An ``xyzservices`` provider name such as ``"OpenStreetMap.Mapnik"``.

    Returns
    -------
    dict or None
        ``{"name", "url", "attribution", "max_zoom"}``.

    Raises
    ------
    geo.errors.GeoError
        When ``xyzservices`` does not know ``name`` or it needs an API key.

    Examples
    --------
    >>> online_tiles()["url"]
    'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
    >>> online_tiles(None) is None
    True
    """
    if name is None:
        return None
    try:
        import xyzservices
    except ImportError:
        logger.debug("xyzservices is not installed: no online tile layer")
        return None
    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError as exc:
        raise GeoError(
            f"unknown tile provider {name!r}; use an xyzservices name such as "
            f"{DEFAULT_ONLINE_TILES!r}"
        ) from exc
    if provider.requires_token():
        raise GeoError(f"tile provider {name!r} needs an API key; choose one that does not")
    return {
        "name": provider.name,
        "url": provider.build_url(),
        "attribution": provider.html_attribution,
        "max_zoom": int(provider.get("max_zoom", 18)),
    }


def map_payload(
    places: gpd.GeoDataFrame,
    events: gpd.GeoDataFrame,
    *,
    title: str = "geo",
    tiles: str | None = DEFAULT_ONLINE_TILES,
) -> dict[str, Any]:
    """The data the map's JS draws: places, events, routes, outlines, texts.

    Place features get one extra property, ``draw`` (see
    :func:`geo.mapping.layers.place_draw`); events are lean features and their
    articles are listed once in ``articles`` (see
    :func:`geo.mapping.layers.event_features`); ``routes`` holds one
    LineString per route (see :func:`geo.mapping.layers.route_features`).

    Examples
    --------
    >>> from geo.export import events_frame, places_frame
    >>> data = map_payload(places_frame([]), events_frame([]), tiles=None)
    >>> sorted(data), data["places"]["features"]
    (['articles', 'attribution', 'countries', 'events', 'places', 'routes', 'tiles', 'title'], [])
    """
    outlines = country_outlines()
    place_fc = frame_to_geojson(places)
    for feature in place_fc["features"]:
        feature["properties"]["draw"] = place_draw(feature["properties"], outlines)
    event_fc, articles = event_features(events)
    return {
        "title": title,
        "attribution": ATTRIBUTION,
        "places": place_fc,
        "events": {"type": "FeatureCollection", "features": event_fc},
        "articles": articles,
        "routes": {"type": "FeatureCollection", "features": route_features(events)},
        "countries": outlines,
        "tiles": online_tiles(tiles),
    }


def build_map(
    places: gpd.GeoDataFrame,
    events: gpd.GeoDataFrame,
    *,
    title: str = "geo",
    tiles: str | None = DEFAULT_ONLINE_TILES,
) -> folium.Map:
    """Build a self-contained, offline Leaflet map of places, events and routes.

    Places are circle markers sized by their number of mentions; countries
    mentioned as context are light outlines, never pins (see
    :func:`geo.mapping.layers.place_draw`). Events are circle markers coloured
    by type, listed in the legend, where each type can be switched off. Routes
    are one polyline each with an arrowhead per leg. Every popup shows where
    its claim comes from: the quoted sentence and the article. The page has a
    time slider with playback (a month-precision event spans its month),
    filters by type, actor and article, a place search, a layer control, a
    fit-to-data button, a scale bar, a fullscreen button and the attribution.
    The basemap is a set of simplified country outlines: no tiles, no network.
    ``tiles`` names an ``xyzservices`` provider offered as an online layer,
    off by default; no request is made unless the user switches it on.

    Everything is drawn on one canvas, so 100,000 events stay responsive;
    above 20,000 events markers are smaller and have no hover tooltip.

    Parameters
    ----------
    places, events : geopandas.GeoDataFrame
        :func:`geo.export.places_frame` and :func:`geo.export.events_frame`
        output.
    title : str
        The page title and legend heading.
    tiles : str or None
        The optional online layer's ``xyzservices`` name; ``None`` for none.

    Returns
    -------
    folium.Map
        Save it with :func:`write_map`; ``m.get_root().render()`` gives the HTML.

    Examples
    --------
    >>> from geo.export import events_frame, places_frame
    >>> m = build_map(places_frame([]), events_frame([]), title="run 1")
    >>> page = m.get_root().render()
    >>> "<title>run 1</title>" in page, "cdn.jsdelivr" in page
    (True, False)
    """
    m = folium.Map(
        tiles=None,
        zoom_start=2,
        min_zoom=1,
        max_zoom=18,
        control_scale=True,
        prefer_canvas=True,
    )
    # Per-instance copies: the class lists point at CDNs and are shared by every map.
    m.default_js = []
    m.default_css = []
    header = m.get_root().header
    header.add_child(_Raw(f"<title>{html.escape(title)}</title>"), name="geo_title")
    # marks the page as geo's own output, so reading a folder never takes it for an article
    header.add_child(_Raw(f'<meta name="generator" content="{GENERATOR}">'), name="geo_generator")
    header.add_child(_Raw(_inline("style", leaflet_css())), name="geo_leaflet_css")
    header.add_child(_Raw(_inline("style", static_text("geomap.css"))), name="geo_css")
    header.add_child(_Raw(_inline("script", leaflet_js())), name="geo_leaflet_js")
    header.add_child(_Raw(_inline("script", static_text("geomap.js"))), name="geo_js")
    payload = script_json(map_payload(places, events, title=title, tiles=tiles))
    header.add_child(
        _Raw(f'<script type="application/json" id="{DATA_ID}">{payload}</script>'),
        name="geo_data",
    )
    _GeoLayers().add_to(m)
    logger.debug(
        "map: %d places, %d events, %d characters of data", len(places), len(events), len(payload)
    )
    return m


def write_map(m: folium.Map, path: str | os.PathLike[str]) -> None:
    """Render ``m`` and write it as one HTML file, atomically.

    Parameters
    ----------
    m : folium.Map
        Usually :func:`build_map` output.
    path : str or PathLike
        The target ``.html`` file.

    Raises
    ------
    geo.errors.OutputError
        When ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from geo.export import events_frame, places_frame
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "map.html"
    >>> write_map(build_map(places_frame([]), events_frame([])), target)
    >>> target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    write_text_atomic(path, m.get_root().render())
