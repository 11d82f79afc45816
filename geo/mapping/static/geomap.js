/* geo: draws places, events and routes from embedded GeoJSON on a Leaflet map.
 *
 * All data comes from article text and is untrusted: popups, tooltips and the
 * legend are built with createElement/textContent only, never parsed as HTML.
 * geoRender(map, data) exposes window.geoMap with counts and helpers.
 */
(function () {
  "use strict";

  var PALETTE = [
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e",
    "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"
  ];
  var ARROW_PX = 9;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function fmt(value, digits) {
    return (typeof value === "number" && isFinite(value)) ? value.toFixed(digits) : "?";
  }

  function field(table, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var row = el("tr");
    row.appendChild(el("th", null, label));
    row.appendChild(el("td", null, value));
    table.appendChild(row);
  }

  function section(parent, heading) {
    parent.appendChild(el("div", "geo-section", heading));
    var list = el("ul", "geo-list");
    parent.appendChild(list);
    return list;
  }

  /* The quote with the mention's surface text marked, as text nodes only. */
  function quoteNode(quote, surface) {
    var q = el("blockquote", "geo-quote");
    quote = String(quote || "");
    var at = surface ? quote.indexOf(surface) : -1;
    if (at < 0) {
      q.textContent = quote;
      return q;
    }
    q.appendChild(document.createTextNode(quote.slice(0, at)));
    q.appendChild(el("mark", null, surface));
    q.appendChild(document.createTextNode(quote.slice(at + surface.length)));
    return q;
  }

  function geoRender(map, data) {
    var state = {
      map: map,
      placesDrawn: 0,
      eventsDrawn: 0,
      routesDrawn: 0,
      arrowsDrawn: 0,
      countriesDrawn: 0,
      placeLayers: {},
      eventLayers: {},
      ready: false
    };
    window.geoMap = state;

    var places = (data.places && data.places.features) || [];
    var events = (data.events && data.events.features) || [];
    var countries = data.countries || {};
    var eventsById = {};
    events.forEach(function (f) { eventsById[f.properties.event_id] = f.properties; });

    var types = [];
    events.forEach(function (f) {
      var t = String(f.properties.event_type);
      if (types.indexOf(t) < 0) { types.push(t); }
    });
    types.sort();
    function colour(type) {
      var i = types.indexOf(String(type));
      return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
    }

    /* ---- basemap: country outlines under everything, not interactive ---- */
    map.createPane("geoCountries");
    map.getPane("geoCountries").style.zIndex = 250;
    var baseRenderer = L.canvas({ pane: "geoCountries", padding: 0.5 });
    var countryFeatures = Object.keys(countries).map(function (iso) {
      return { type: "Feature", properties: { iso2: iso }, geometry: countries[iso] };
    });
    var countriesLayer = L.geoJSON({ type: "FeatureCollection", features: countryFeatures }, {
      renderer: baseRenderer,
      interactive: false,
      style: { color: "#a9b4bd", weight: 0.7, fillColor: "#f7f5f0", fillOpacity: 1 }
    });
    state.countriesDrawn = countryFeatures.length;

    /* One canvas renderer for everything clickable, so hit-testing spans layers. */
    var renderer = L.canvas({ padding: 0.5, tolerance: 3 });

    /* ---- popups ---- */
    function placePopup(p) {
      var box = el("div", "geo-popup geo-place");
      box.appendChild(el("h3", null, p.name));
      var t = el("table", "geo-fields");
      field(t, "Kind", p.kind);
      field(t, "Country", p.country);
      field(t, "Admin1", p.admin1);
      field(t, "Coordinates", fmt(p.lat, 4) + ", " + fmt(p.lon, 4));
      field(t, "Source", p.source);
      field(t, "Place id", p.place_id);
      field(t, "Chosen", p.name + " (score " + fmt(p.score, 2) + ")" +
        (p.reason ? ": " + p.reason : ""));
      box.appendChild(t);
      var cands = p.candidates || [];
      if (cands.length) {
        var cl = section(box, "Runner-ups");
        cands.forEach(function (c) {
          cl.appendChild(el("li", null, c.name + " (" + [c.kind, c.country].filter(Boolean)
            .join(", ") + ") score " + fmt(c.score, 2) + (c.source ? ", " + c.source : "")));
        });
      }
      var mentions = p.mentions || [];
      var ml = section(box, "Mentions (" + mentions.length + ")");
      mentions.forEach(function (m) {
        var li = el("li");
        li.appendChild(quoteNode(m.quote, m.text));
        li.appendChild(el("div", "geo-meta", "article " + m.article_id +
          (m.literal === false ? " (not literal)" : "")));
        ml.appendChild(li);
      });
      var ids = p.event_ids || [];
      if (ids.length) {
        var el_ = section(box, "Events");
        ids.forEach(function (id) {
          var e = eventsById[id];
          var li = el("li", "geo-link", e ? e.event_type + " " + (e.date || "undated") : id);
          li.addEventListener("click", function () { state.openEventPopup(id); });
          el_.appendChild(li);
        });
      }
      return box;
    }

    function eventPopup(e) {
      var box = el("div", "geo-popup geo-event");
      box.appendChild(el("h3", null, e.event_type));
      var t = el("table", "geo-fields");
      field(t, "Date", e.date ? e.date + " (" + (e.date_precision || "?") + ")" : "unknown");
      field(t, "Actors", (e.actors || []).join("; "));
      field(t, "Trigger", e.trigger);
      field(t, "Article", e.article_title || e.article_id);
      field(t, "Source", e.source);
      field(t, "Published", e.article_date);
      field(t, "Event id", e.event_id);
      box.appendChild(t);
      var pl = section(box, "Places");
      (e.places || []).forEach(function (p) {
        pl.appendChild(el("li", null, p.role + ": " + p.name +
          (p.place_id ? "" : " (unresolved)")));
      });
      box.appendChild(quoteNode(e.quote, e.trigger));
      return box;
    }

    function tooltip(text) {
      return function () { return el("span", null, text); };
    }

    /* ---- places ---- */
    var outlines = L.featureGroup();
    var pins = L.featureGroup();
    places.forEach(function (f) {
      var p = f.properties;
      var layer = null;
      var outline = p.context_only ? countries[String(p.country || "").toUpperCase()] : null;
      if (outline) {
        layer = L.geoJSON(outline, {
          renderer: renderer,
          style: { color: "#5b8c3a", weight: 1.5, dashArray: "4 3", fillColor: "#5b8c3a",
            fillOpacity: 0.04 }
        }).getLayers()[0];
        outlines.addLayer(layer);
      } else if (f.geometry) {
        var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var n = Math.max(1, p.n_mentions || 1);
        layer = L.circleMarker(ll, {
          renderer: renderer,
          radius: 6 + 2.5 * Math.sqrt(n),
          color: "#3b3b3b",
          weight: p.context_only ? 1 : 1.5,
          dashArray: p.context_only ? "3 3" : null,
          fillColor: "#ffd24d",
          fillOpacity: p.context_only ? 0.15 : 0.7
        });
        pins.addLayer(layer);
      }
      if (!layer) { return; }
      layer.bindPopup(function () { return placePopup(p); }, { maxWidth: 380, maxHeight: 320 });
      layer.bindTooltip(tooltip(p.name));
      state.placeLayers[p.place_id] = layer;
      state.placesDrawn += 1;
    });
    var placesGroup = L.featureGroup([outlines, pins]);

    /* ---- events and routes ---- */
    var eventsGroup = L.featureGroup();
    var routesGroup = L.featureGroup();
    var arrows = [];
    events.forEach(function (f) {
      var e = f.properties;
      var g = f.geometry;
      if (!g) { return; }
      var popup = function () { return eventPopup(e); };
      var at;
      if (g.type === "LineString") {
        var lls = g.coordinates.map(function (c) { return L.latLng(c[1], c[0]); });
        var line = L.polyline(lls, { renderer: renderer, color: colour(e.event_type), weight: 3,
          opacity: 0.85 });
        line.bindPopup(popup, { maxWidth: 380, maxHeight: 320 });
        routesGroup.addLayer(line);
        for (var i = 1; i < lls.length; i += 1) {
          var head = L.polygon([lls[i], lls[i], lls[i]], { renderer: renderer, interactive: false,
            stroke: false, fillColor: colour(e.event_type), fillOpacity: 1 });
          arrows.push({ layer: head, a: lls[i - 1], b: lls[i] });
          routesGroup.addLayer(head);
        }
        state.routesDrawn += 1;
        at = lls[lls.length - 1];
      } else if (g.type === "Point") {
        at = L.latLng(g.coordinates[1], g.coordinates[0]);
      } else {
        return;
      }
      var marker = L.circleMarker(at, { renderer: renderer, radius: 5, color: "#fff", weight: 1,
        fillColor: colour(e.event_type), fillOpacity: 1 });
      marker.bindPopup(popup, { maxWidth: 380, maxHeight: 320 });
      marker.bindTooltip(tooltip(e.event_type + (e.date ? " " + e.date : "")));
      eventsGroup.addLayer(marker);
      state.eventLayers[e.event_id] = marker;
      state.eventsDrawn += 1;
    });
    state.arrowsDrawn = arrows.length;

    /* An arrowhead: a triangle in screen pixels at the segment midpoint, pointing a -> b. */
    function drawArrows() {
      arrows.forEach(function (arrow) {
        var a = map.latLngToLayerPoint(arrow.a);
        var b = map.latLngToLayerPoint(arrow.b);
        var dx = b.x - a.x;
        var dy = b.y - a.y;
        var len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / len;
        var uy = dy / len;
        var mx = (a.x + b.x) / 2;
        var my = (a.y + b.y) / 2;
        var s = ARROW_PX;
        var pts = [
          L.point(mx + ux * s, my + uy * s),
          L.point(mx - ux * s - uy * s * 0.7, my - uy * s + ux * s * 0.7),
          L.point(mx - ux * s + uy * s * 0.7, my - uy * s - ux * s * 0.7)
        ];
        arrow.layer.setLatLngs(pts.map(function (pt) { return map.layerPointToLatLng(pt); }));
      });
    }

    /* Canvas draws (and hit-tests) in the order layers are added: outlines under
     * routes under place pins under event markers. */
    countriesLayer.addTo(map);
    outlines.addTo(map);
    routesGroup.addTo(map);
    pins.addTo(map);
    placesGroup.addTo(map);
    eventsGroup.addTo(map);

    /* ---- controls ---- */
    L.control.layers(null, {
      "Places": placesGroup,
      "Events": eventsGroup,
      "Routes": routesGroup,
      "Countries": countriesLayer
    }, { collapsed: false }).addTo(map);

    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = el("div", "geo-legend");
      box.appendChild(el("div", "geo-legend-title", data.title || "geo"));
      types.forEach(function (t) {
        var row = el("div", "geo-legend-row");
        var sw = el("span", "geo-swatch");
        sw.style.background = colour(t);
        row.appendChild(sw);
        row.appendChild(el("span", null, t));
        box.appendChild(row);
      });
      var pr = el("div", "geo-legend-row");
      pr.appendChild(el("span", "geo-swatch geo-swatch-place"));
      pr.appendChild(el("span", null, "place (size: mentions)"));
      box.appendChild(pr);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);
    if (data.attribution) { map.attributionControl.addAttribution(data.attribution); }

    /* ---- view ---- */
    var bounds = L.latLngBounds([]);
    [pins, eventsGroup, routesGroup].forEach(function (g) {
      g.eachLayer(function (layer) {
        bounds.extend(layer.getBounds ? layer.getBounds() : layer.getLatLng());
      });
    });
    if (!bounds.isValid()) {
      outlines.eachLayer(function (layer) { bounds.extend(layer.getBounds()); });
    }
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 9, animate: false });
    } else {
      map.setView([20, 0], 2, { animate: false });
    }
    drawArrows();
    map.on("zoomend", drawArrows);

    /* ---- helpers for people and tests ---- */
    function open(layer, group) {
      if (!layer) { return false; }
      if (!map.hasLayer(group)) { group.addTo(map); }
      if (layer.getLatLng) {
        layer.openPopup();
      } else {
        layer.openPopup(layer.getCenter());
      }
      return true;
    }
    state.openPopupFor = function (placeId) {
      return open(state.placeLayers[placeId], placesGroup);
    };
    state.openEventPopup = function (eventId) {
      return open(state.eventLayers[eventId], eventsGroup);
    };
    state.ready = true;
    return state;
  }

  window.geoRender = geoRender;
  window.openPopupFor = function (placeId) {
    return window.geoMap ? window.geoMap.openPopupFor(placeId) : false;
  };
}());
