/* geo: draws places, events and routes from embedded GeoJSON on a Leaflet map.
 *
 * All data comes from article text and is untrusted: popups, tooltips, the
 * legend, the filters and the search results are built with
 * createElement/textContent only, never parsed as HTML.
 *
 * Everything clickable is drawn on one canvas renderer (so hit-testing spans
 * layers and 100k events stay responsive); popups and tooltips are one shared
 * instance each, opened by the layer group's click and hover handlers.
 *
 * geoRender(map, data) exposes window.geoMap: counts, filters and helpers.
 */
(function () {
  "use strict";

  var PALETTE = [
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e",
    "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"
  ];
  var ARROW_PX = 9;
  var LARGE = 20000;          /* above this many events: small markers, no hover tooltips */
  var DAY = 86400000;
  var POPUP = { maxWidth: 380, maxHeight: 320, autoPanPadding: [20, 20] };
  var PIN_MAX_PX = 30;        /* a pin grows with the square root of its mentions, up to this */
  var LIST_PAGE = 50;         /* popup list items built at a time ("show more" adds the next) */
  var CONTEXT_STYLE = { color: "#5b8c3a", weight: 1.5, dashArray: "4 3", fillColor: "#5b8c3a",
    fillOpacity: 0.06 };

  /* ------------------------------------------------------------------ helpers */

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
    if (value === undefined || value === null || value === "") { return null; }
    var row = el("tr");
    row.appendChild(el("th", null, label));
    var cell = el("td");
    if (value instanceof Node) { cell.appendChild(value); } else { cell.textContent = value; }
    row.appendChild(cell);
    table.appendChild(row);
    return cell;
  }

  function section(parent, heading) {
    parent.appendChild(el("div", "geo-section", heading));
    var list = el("ul", "geo-list");
    parent.appendChild(list);
    return list;
  }

  /* Fill a popup list LIST_PAGE items at a time, with a link for the next page: a
   * country mentioned 13,000 times would otherwise freeze the page for seconds. The
   * link stays in the page (hidden at the end): Leaflet would take a click on a
   * detached node for a click on the map and close the popup. */
  function paged(list, items, render) {
    var shown = 0;
    var more = el("li", "geo-more");
    var label = link("", next);
    more.appendChild(label);
    list.appendChild(more);
    function next() {
      var end = Math.min(items.length, shown + LIST_PAGE);
      for (; shown < end; shown += 1) { list.insertBefore(render(items[shown]), more); }
      var left = items.length - shown;
      label.textContent = "show " + Math.min(LIST_PAGE, left) + " more (" + left + " not shown)";
      more.style.display = left > 0 ? "" : "none";
    }
    next();
    return list;
  }

  function link(text, onClick, className) {
    var node = el("span", "geo-link" + (className ? " " + className : ""), text);
    node.addEventListener("click", function (ev) {
      ev.preventDefault();
      onClick();
    });
    return node;
  }

  /* A link only for http(s) addresses; anything else ("javascript:") stays text. */
  function urlNode(url) {
    if (!url) { return null; }
    var parsed;
    try { parsed = new URL(String(url)); } catch (err) { return el("span", null, url); }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      return el("span", null, url);
    }
    var a = el("a", null, url);
    a.href = parsed.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
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

  /* Case- and accent-insensitive form of a name, for the search box. */
  function fold(text) {
    var s = String(text || "").toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  /* The days [start, end) an ISO date covers at its precision: 2020-06 is all of June. */
  function interval(date, precision) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(date || ""));
    if (!m) { return null; }
    var y = +m[1];
    var mo = m[2] ? +m[2] - 1 : 0;
    var d = m[3] ? +m[3] : 1;
    var prec = precision || (m[3] ? "day" : (m[2] ? "month" : "year"));
    var start = Date.UTC(y, mo, d) / DAY;
    var end = start + 1;
    if (prec === "year") { end = Date.UTC(y + 1, 0, 1) / DAY; }
    if (prec === "month") { end = Date.UTC(y, mo + 1, 1) / DAY; }
    return [start, end];
  }

  function dayIso(day) {
    return new Date(day * DAY).toISOString().slice(0, 10);
  }

  /* A polyline with an arrowhead at the middle of every segment, drawn in pixels. */
  var ArrowLine = L.Polyline.extend({
    _updateBounds: function () {
      L.Polyline.prototype._updateBounds.call(this);
      if (this._pxBounds) {
        var p = L.point(ARROW_PX + 2, ARROW_PX + 2);
        this._pxBounds = L.bounds(this._pxBounds.min.subtract(p), this._pxBounds.max.add(p));
      }
    },
    _updatePath: function () {
      var renderer = this._renderer;
      renderer._updatePoly(this);
      if (!renderer._drawing || !renderer._ctx) { return; }
      var ctx = renderer._ctx;
      ctx.globalAlpha = 1;
      ctx.fillStyle = this.options.color;
      this._parts.forEach(function (part) {
        for (var i = 1; i < part.length; i += 1) {
          var a = part[i - 1];
          var b = part[i];
          var dx = b.x - a.x;
          var dy = b.y - a.y;
          var len = Math.sqrt(dx * dx + dy * dy);
          if (len < 1) { continue; }
          var ux = dx / len;
          var uy = dy / len;
          var mx = (a.x + b.x) / 2;
          var my = (a.y + b.y) / 2;
          var s = ARROW_PX;
          ctx.beginPath();
          ctx.moveTo(mx + ux * s, my + uy * s);
          ctx.lineTo(mx - ux * s - uy * s * 0.7, my - uy * s + ux * s * 0.7);
          ctx.lineTo(mx - ux * s + uy * s * 0.7, my - uy * s - ux * s * 0.7);
          ctx.closePath();
          ctx.fill();
        }
      });
    }
  });

  /* ------------------------------------------------------------------ render */

  function geoRender(map, data) {
    var places = (data.places && data.places.features) || [];
    var events = (data.events && data.events.features) || [];
    var routes = (data.routes && data.routes.features) || [];
    var countries = data.countries || {};
    var large = events.length > LARGE;
    var state = {
      map: map,
      large: large,
      placesDrawn: 0,
      placesSkipped: [],
      eventsDrawn: 0,
      eventsShown: 0,
      routesDrawn: 0,
      routesShown: 0,
      arrowsDrawn: 0,
      countriesDrawn: 0,
      placeLayers: {},
      eventLayers: {},
      routeLayers: [],
      ready: false
    };
    window.geoMap = state;

    /* ---- indexes: types, actors, articles ---- */
    var types = [];
    var typeCount = {};
    var actorCount = {};
    var articles = {};
    var articleOrder = [];
    var given = data.articles || {};
    function article(id) {
      var key = String(id);
      if (!Object.prototype.hasOwnProperty.call(articles, key)) {
        var a = Object.prototype.hasOwnProperty.call(given, key) ? given[key] : {};
        articles[key] = { id: key, title: a.title, source: a.source, date: a.date, url: a.url };
        articleOrder.push(key);
      }
      return articles[key];
    }
    events.forEach(function (f) {
      var e = f.properties;
      var t = String(e.event_type);
      if (!Object.prototype.hasOwnProperty.call(typeCount, t)) {
        typeCount[t] = 0;
        types.push(t);
      }
      typeCount[t] += 1;
      (e.actors || []).forEach(function (a) {
        var k = String(a);
        actorCount[k] = (actorCount[k] || 0) + 1;
      });
      article(e.article_id);
    });
    places.forEach(function (f) {
      (f.properties.mentions || []).forEach(function (m) { article(m.article_id); });
    });
    types.sort();
    function colour(type) {
      var i = types.indexOf(String(type));
      return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
    }
    function articleLabel(id) {
      var a = articles[String(id)];
      return a && a.title ? a.title : "article " + id;
    }

    /* ---- basemap: country outlines under everything, not interactive ---- */
    map.createPane("geoCountries");
    map.getPane("geoCountries").style.zIndex = 250;
    var baseRenderer = L.canvas({ pane: "geoCountries", padding: 0.5 });
    var countryFeatures = Object.keys(countries).map(function (iso) {
      return { type: "Feature", properties: { iso2: iso }, geometry: countries[iso] };
    });
    var BASE_STYLE = { color: "#a9b4bd", weight: 0.7, fillColor: "#f7f5f0", fillOpacity: 1 };
    var countriesLayer = L.geoJSON({ type: "FeatureCollection", features: countryFeatures }, {
      renderer: baseRenderer,
      interactive: false,
      style: BASE_STYLE
    });
    state.countriesDrawn = countryFeatures.length;

    var renderer = L.canvas({ padding: 0.5, tolerance: large ? 1 : 3 });
    var popup = L.popup(POPUP);
    var tip = L.tooltip({ direction: "top", offset: [0, -6], opacity: 0.95 });

    function showPopup(latlng, node) {
      popup.setLatLng(latlng).setContent(node).openOn(map);
    }

    /* ---- records ---- */
    var placeRecs = [];
    var placeById = {};
    var eventRecs = [];
    var eventById = {};
    var routeRecs = [];

    /* ---- popups ---- */
    function placePopup(rec) {
      var p = rec.props;
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
      if (!rec.layer) { field(t, "Drawn", "no (no outline for a " + p.kind + ")"); }
      box.appendChild(t);
      var cands = p.candidates || [];
      if (cands.length) {
        var cl = section(box, "Runner-ups");
        cands.forEach(function (c) {
          cl.appendChild(el("li", null, c.name + " (" + [c.kind, c.country].filter(Boolean)
            .join(", ") + ") score " + fmt(c.score, 2) + (c.source ? ", " + c.source : "") +
            (c.place_id ? " [" + c.place_id + "]" : "")));
        });
      }
      var mentions = p.mentions || [];
      var ml = section(box, "Mentions (" + mentions.length + ")");
      paged(ml, mentions, function (m) {
        var li = el("li");
        li.appendChild(quoteNode(m.quote, m.text));
        li.appendChild(el("div", "geo-meta", articleLabel(m.article_id) +
          (m.literal === false ? " (context, not literal)" : "")));
        return li;
      });
      var ids = p.event_ids || [];
      if (ids.length) {
        var evl = section(box, "Events (" + ids.length + ")");
        paged(evl, ids, function (id) {
          var e = eventById[id];
          var li = el("li");
          if (e) {
            li.appendChild(link(e.props.event_type + " " + (e.props.date || "undated"),
              function () { openEvent(e, rec.latlng); }));
          } else {
            li.textContent = id;
          }
          return li;
        });
      }
      return box;
    }

    function eventPopup(rec) {
      var e = rec.props;
      var box = el("div", "geo-popup geo-event");
      var h = el("h3");
      var sw = el("span", "geo-swatch");
      sw.style.background = colour(e.event_type);
      h.appendChild(sw);
      h.appendChild(document.createTextNode(" " + e.event_type));
      box.appendChild(h);
      var t = el("table", "geo-fields");
      field(t, "Date", e.date ? e.date + " (" + (e.date_precision || "?") + ")" : "unknown");
      field(t, "Actors", (e.actors || []).join("; "));
      field(t, "Trigger", e.trigger);
      var art = article(e.article_id);
      field(t, "Article", art.title || e.article_id);
      field(t, "Source", art.source);
      field(t, "Published", art.date);
      field(t, "Link", urlNode(art.url));
      field(t, "Event id", e.event_id);
      if (!rec.layer) { field(t, "Drawn", "no (no located place)"); }
      box.appendChild(t);
      var pl = section(box, "Places");
      (e.places || []).forEach(function (p) {
        var li = el("li");
        var label = p.role + ": " + p.name + (p.place_id ? "" :
          p.near ? " (not in the gazetteer; drawn near " + p.near + ")" : " (unresolved)");
        var target = p.place_id ? placeById[p.place_id] : null;
        if (target) {
          li.appendChild(link(label, function () { openPlace(target); }));
        } else {
          li.textContent = label;
        }
        pl.appendChild(li);
      });
      box.appendChild(quoteNode(e.quote, e.trigger));
      rec.routes.forEach(function (r) {
        box.appendChild(link("Route: " + r.props.names.join(" \u2192 "),
          function () { openRoute(r); }, "geo-meta"));
      });
      var here = [];
      if (rec.layer) {
        /* Found on demand: an index of 100k positions would cost more at load. */
        var at = rec.layer.getLatLng();
        eventRecs.forEach(function (o) {
          if (o !== rec && o.visible && o.onMap && o.layer.getLatLng().equals(at)) {
            here.push(o);
          }
        });
      }
      if (here.length) {
        var hl = section(box, "Also here (" + here.length + ")");
        paged(hl, here, function (o) {
          var li = el("li");
          li.appendChild(link(o.props.event_type + " " + (o.props.date || "undated"),
            function () { openEvent(o); }));
          return li;
        });
      }
      return box;
    }

    function routePopup(rec) {
      var r = rec.props;
      var box = el("div", "geo-popup geo-route");
      box.appendChild(el("h3", null, r.names.join(" \u2192 ")));
      var t = el("table", "geo-fields");
      field(t, "Route id", r.route_id || "(one movement)");
      field(t, "Legs", String(rec.events.length));
      box.appendChild(t);
      var ll = section(box, "Legs, in order");
      paged(ll, rec.events, function (e) {
        var li = el("li");
        var where = (e.props.places || []).map(function (p) { return p.role + " " + p.name; });
        li.appendChild(link(e.props.event_type + " " + (e.props.date || "undated") +
          (where.length ? ": " + where.join(", ") : ""), function () { openEvent(e); }));
        li.appendChild(quoteNode(e.props.quote, e.props.trigger));
        return li;
      });
      return box;
    }

    /* ---- places ---- */
    var outlines = L.featureGroup();
    var pins = L.featureGroup();
    places.forEach(function (f) {
      var p = f.properties;
      var draw = p.draw === undefined ? (p.context_only ? "ring" : "pin") : p.draw;
      var ll = f.geometry ? L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]) : null;
      var rec = { props: p, latlng: ll, layer: null, group: null, onMap: false, keys: null };
      var n = Math.max(1, p.n_mentions || 1);
      var outline = countries[String(p.country || "").toUpperCase()];
      if (draw === "outline" && outline) {
        rec.layer = L.geoJSON(outline, { renderer: renderer, style: CONTEXT_STYLE }).getLayers()[0];
        rec.group = outlines;
      } else if (draw === "area" && ll) {
        rec.layer = L.circle(ll, L.extend({ renderer: renderer, radius: 40000 }, CONTEXT_STYLE));
        rec.group = outlines;
      } else if ((draw === "pin" || draw === "ring") && ll) {
        rec.layer = L.circleMarker(ll, {
          renderer: renderer,
          radius: Math.min(PIN_MAX_PX, 6 + 2.5 * Math.sqrt(n)),
          color: draw === "ring" ? "#5b5b5b" : "#3b3b3b",
          weight: 1.5,
          dashArray: draw === "ring" ? "3 3" : null,
          fillColor: "#ffd24d",
          fillOpacity: draw === "ring" ? 0 : 0.7
        });
        rec.group = pins;
      }
      placeRecs.push(rec);
      placeById[p.place_id] = rec;
      if (!rec.layer) {
        state.placesSkipped.push(p.place_id);
        return;
      }
      rec.layer.geoRec = rec;
      state.placeLayers[p.place_id] = rec.layer;
      state.placesDrawn += 1;
    });
    /* The most mentioned first, so a small pin is drawn (and clicked) over a big neighbour. */
    placeRecs.filter(function (rec) { return rec.layer; }).sort(function (a, b) {
      return (b.props.n_mentions || 0) - (a.props.n_mentions || 0);
    }).forEach(function (rec) {
      rec.group.addLayer(rec.layer);
      rec.onMap = true;
    });

    /* ---- events ---- */
    var eventsGroup = L.featureGroup();
    events.forEach(function (f) {
      var e = f.properties;
      var g = f.geometry;
      var rec = { props: e, span: interval(e.date, e.date_precision), layer: null, routes: [],
        visible: true, onMap: false };
      eventRecs.push(rec);
      eventById[e.event_id] = rec;
      var c = null;
      if (g && g.type === "Point") { c = g.coordinates; }
      if (g && g.type === "LineString") { c = g.coordinates[g.coordinates.length - 1]; }
      if (!c) { return; }
      rec.layer = L.circleMarker([c[1], c[0]], {
        renderer: renderer,
        radius: large ? 3 : 5,
        stroke: !large,
        color: "#fff",
        weight: 1,
        fillColor: colour(e.event_type),
        fillOpacity: large ? 0.8 : 1
      });
      rec.layer.geoRec = rec;
      eventsGroup.addLayer(rec.layer);
      rec.onMap = true;
      state.eventLayers[e.event_id] = rec.layer;
      state.eventsDrawn += 1;
    });

    /* ---- routes: one polyline per route, an arrowhead per leg ---- */
    var routesGroup = L.featureGroup();
    routes.forEach(function (f) {
      var r = f.properties;
      var lls = f.geometry.coordinates.map(function (c) { return L.latLng(c[1], c[0]); });
      var rec = { props: r, layer: null, events: [], onMap: false, visible: true };
      (r.event_ids || []).forEach(function (id) {
        var e = eventById[id];
        if (e) {
          rec.events.push(e);
          e.routes.push(rec);
        }
      });
      rec.layer = new ArrowLine(lls, { renderer: renderer, color: colour(r.event_type),
        weight: 3, opacity: 0.85, noClip: true, smoothFactor: 0 });
      rec.layer.geoRec = rec;
      routesGroup.addLayer(rec.layer);
      rec.onMap = true;
      routeRecs.push(rec);
      state.routeLayers.push(rec.layer);
      state.routesDrawn += 1;
      state.arrowsDrawn += lls.length - 1;
    });

    /* ---- opening things ---- */
    function ensure(group) {
      if (!map.hasLayer(group)) { group.addTo(map); }
    }
    function openPlace(rec, at) {
      if (!rec) { return false; }
      if (rec.layer) { ensure(rec.group); }
      var where = at || (rec.layer && rec.layer.getLatLng ? rec.layer.getLatLng() : null) ||
        rec.latlng || (rec.layer ? rec.layer.getBounds().getCenter() : map.getCenter());
      showPopup(where, placePopup(rec));
      return true;
    }
    function openEvent(rec, fallback) {
      if (!rec) { return false; }
      if (rec.layer) { ensure(eventsGroup); }
      showPopup(rec.layer ? rec.layer.getLatLng() : (fallback || map.getCenter()),
        eventPopup(rec));
      return true;
    }
    function openRoute(rec, at) {
      if (!rec) { return false; }
      ensure(routesGroup);
      var lls = rec.layer.getLatLngs();
      showPopup(at || lls[lls.length - 1], routePopup(rec));
      return true;
    }
    function hoverText(layer) {
      var rec = layer.geoRec;
      if (rec.props.names) { return rec.props.names.join(" \u2192 "); }
      if (rec.props.event_type !== undefined) {
        return rec.props.event_type + (rec.props.date ? " " + rec.props.date : "");
      }
      return rec.props.name;
    }
    function hover(group) {
      group.on("mouseover", function (ev) {
        if (large && group === eventsGroup) { return; }
        var at = ev.layer.getLatLng ? ev.layer.getLatLng() : ev.latlng;
        map.openTooltip(tip.setContent(el("span", null, hoverText(ev.layer))), at);
      });
      group.on("mouseout", function () { map.closeTooltip(tip); });
    }
    pins.on("click", function (ev) { openPlace(ev.layer.geoRec); });
    outlines.on("click", function (ev) { openPlace(ev.layer.geoRec, ev.latlng); });
    eventsGroup.on("click", function (ev) { openEvent(ev.layer.geoRec); });
    routesGroup.on("click", function (ev) { openRoute(ev.layer.geoRec, ev.latlng); });
    [pins, outlines, eventsGroup, routesGroup].forEach(hover);

    /* Set the view first, so 100k markers are projected and drawn once. */
    fit();
    /* Canvas draws (and hit-tests) in the order layers are added: context
     * outlines under routes under place pins under event markers. */
    countriesLayer.addTo(map);
    outlines.addTo(map);
    routesGroup.addTo(map);
    pins.addTo(map);
    eventsGroup.addTo(map);
    map.on("overlayadd overlayremove", function () { restack(); });

    /* ---- filters: event type, actor, article, time window ---- */
    var minDay = null;
    var maxDay = null;
    eventRecs.forEach(function (r) {
      if (!r.span) { return; }
      if (minDay === null || r.span[0] < minDay) { minDay = r.span[0]; }
      if (maxDay === null || r.span[1] - 1 > maxDay) { maxDay = r.span[1] - 1; }
    });
    var filt = { types: {}, actor: "", article: "", from: minDay, to: maxDay, undated: true };
    types.forEach(function (t) { filt.types[t] = true; });
    state.filters = filt;

    function eventVisible(rec) {
      var e = rec.props;
      if (!filt.types[String(e.event_type)]) { return false; }
      if (filt.actor && (e.actors || []).map(String).indexOf(filt.actor) < 0) { return false; }
      if (filt.article && String(e.article_id) !== filt.article) { return false; }
      if (!rec.span) { return filt.undated; }
      return rec.span[0] <= filt.to && rec.span[1] > filt.from;
    }
    function toggle(rec, group, visible) {
      if (!rec.layer) { return false; }
      if (visible && !rec.onMap) {
        group.addLayer(rec.layer);
        rec.onMap = true;
        return true;
      }
      if (!visible && rec.onMap) {
        group.removeLayer(rec.layer);
        rec.onMap = false;
      }
      return false;
    }
    function restack() {
      /* Re-added layers land on top of the canvas: put pins, routes, outlines back under. */
      [pins, routesGroup, outlines].forEach(function (group) {
        if (!map.hasLayer(group)) { return; }
        var layers = group.getLayers();
        for (var i = layers.length - 1; i >= 0; i -= 1) { layers[i].bringToBack(); }
      });
    }
    var onChange = [];
    function apply() {
      var shown = 0;
      var readded = false;
      eventRecs.forEach(function (rec) {
        rec.visible = eventVisible(rec);
        if (rec.visible) { shown += 1; }
        toggle(rec, eventsGroup, rec.visible);
      });
      var routesShown = 0;
      routeRecs.forEach(function (rec) {
        rec.visible = rec.events.some(function (e) { return e.visible; });
        if (rec.visible) { routesShown += 1; }
        readded = toggle(rec, routesGroup, rec.visible) || readded;
      });
      placeRecs.forEach(function (rec) {
        var visible = !filt.article || (rec.props.mentions || []).some(function (m) {
          return String(m.article_id) === filt.article;
        });
        readded = toggle(rec, rec.group, visible) || readded;
      });
      if (readded) { restack(); }
      state.eventsShown = shown;
      state.routesShown = routesShown;
      onChange.forEach(function (fn) { fn(); });
    }
    state.apply = apply;
    state.visibleEventIds = function () {
      return eventRecs.filter(function (r) { return r.visible && r.onMap; })
        .map(function (r) { return r.props.event_id; });
    };

    /* ---- search ---- */
    function search(query) {
      var k = fold(query).trim();
      if (!k) { return []; }
      var hits = [];
      placeRecs.forEach(function (rec) {
        if (!rec.keys) {
          /* Its name and every surface form it was mentioned by, folded once. */
          rec.keys = [fold(rec.props.name)];
          (rec.props.mentions || []).forEach(function (m) {
            var key = fold(m.text);
            if (rec.keys.indexOf(key) < 0) { rec.keys.push(key); }
          });
        }
        var best = -1;
        rec.keys.forEach(function (key) {
          var at = key.indexOf(k);
          if (at < 0) { return; }
          var rank = key === k ? 0 : (at === 0 ? 1 : 2);
          best = best < 0 ? rank : Math.min(best, rank);
        });
        if (best >= 0) { hits.push({ rec: rec, rank: best }); }
      });
      hits.sort(function (a, b) {
        return a.rank - b.rank || (b.rec.props.n_mentions || 0) - (a.rec.props.n_mentions || 0);
      });
      return hits.slice(0, 8).map(function (h) { return h.rec; });
    }
    function goTo(rec) {
      if (rec.layer && rec.layer.getBounds) {
        ensure(rec.group);
        map.fitBounds(rec.layer.getBounds(), { maxZoom: 6, animate: false });
      } else if (rec.latlng) {
        if (rec.layer) { ensure(rec.group); }
        map.setView(rec.latlng, Math.max(map.getZoom(), 7), { animate: false });
      }
      return openPlace(rec);
    }
    state.search = function (query) {
      return search(query).map(function (rec) { return rec.props.name; });
    };

    /* ---- the panel: title, search, legend with type filters, actor and article ---- */
    var panel = L.control({ position: "topright" });
    panel.onAdd = function () {
      var box = el("div", "geo-legend geo-panel");
      box.appendChild(el("div", "geo-legend-title", data.title || "geo"));

      var sbox = el("div", "geo-search");
      var input = el("input");
      input.type = "search";
      input.placeholder = "Search places";
      input.setAttribute("aria-label", "Search places");
      var results = el("ul", "geo-results");
      function showResults(hits) {
        results.textContent = "";
        hits.forEach(function (rec) {
          var p = rec.props;
          var li = el("li", "geo-link geo-result", p.name + " (" +
            [p.kind, p.country].filter(Boolean).join(", ") + ")");
          li.addEventListener("click", function () { goTo(rec); });
          results.appendChild(li);
        });
        if (!hits.length && input.value.trim()) {
          results.appendChild(el("li", "geo-meta", "no place named like that"));
        }
      }
      input.addEventListener("input", function () { showResults(search(input.value)); });
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          var hits = search(input.value);
          showResults(hits);
          if (hits.length) { goTo(hits[0]); }
        }
      });
      sbox.appendChild(input);
      sbox.appendChild(results);
      box.appendChild(sbox);

      if (types.length) {
        box.appendChild(el("div", "geo-section", "Event types"));
        types.forEach(function (t) {
          var row = el("label", "geo-legend-row geo-type");
          var cb = el("input");
          cb.type = "checkbox";
          cb.checked = true;
          cb.addEventListener("change", function () {
            filt.types[t] = cb.checked;
            apply();
          });
          var sw = el("span", "geo-swatch");
          sw.style.background = colour(t);
          row.appendChild(cb);
          row.appendChild(sw);
          row.appendChild(el("span", null, t + " (" + typeCount[t] + ")"));
          box.appendChild(row);
        });
      }

      function selectOf(label, className, allText, entries, onPick) {
        var sel = el("select", className);
        sel.setAttribute("aria-label", label);
        var all = el("option", null, allText);
        all.value = "";
        sel.appendChild(all);
        entries.forEach(function (entry) {
          var opt = el("option", null, entry[1]);
          opt.value = entry[0];
          sel.appendChild(opt);
        });
        sel.addEventListener("change", function () {
          onPick(sel.value);
          apply();
        });
        box.appendChild(sel);
      }
      var actors = Object.keys(actorCount).sort(function (a, b) {
        return actorCount[b] - actorCount[a] || (a < b ? -1 : 1);
      });
      if (actors.length) {
        selectOf("Filter by actor", "geo-actor", "All actors", actors.map(function (a) {
          return [a, a + " (" + actorCount[a] + ")"];
        }), function (v) { filt.actor = v; });
      }
      if (articleOrder.length) {
        selectOf("Filter by article", "geo-article", "All articles",
          articleOrder.map(function (id) {
            var a = articles[id];
            return [id, articleLabel(id) + (a.source ? " (" + a.source + ")" : "")];
          }), function (v) { filt.article = v; });
      }

      var sym = el("div", "geo-symbols");
      var pr = el("div", "geo-legend-row");
      pr.appendChild(el("span", "geo-swatch geo-swatch-place"));
      pr.appendChild(el("span", null, "place (size: mentions)"));
      sym.appendChild(pr);
      var cr = el("div", "geo-legend-row");
      cr.appendChild(el("span", "geo-swatch geo-swatch-context"));
      cr.appendChild(el("span", null, "context only (country, province)"));
      sym.appendChild(cr);
      var rr = el("div", "geo-legend-row");
      rr.appendChild(el("span", "geo-swatch-route", "\u2192"));
      rr.appendChild(el("span", null, "route, in order"));
      sym.appendChild(rr);
      box.appendChild(sym);
      var counts = el("div", "geo-meta geo-counts");
      box.appendChild(counts);
      onChange.push(function () {
        counts.textContent = state.placesDrawn + " places, " + state.eventsShown + " of " +
          eventRecs.length + " events, " + state.routesShown + " routes shown";
      });

      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };

    /* ---- the time slider with playback ---- */
    var slider = L.control({ position: "bottomleft" });
    slider.onAdd = function () {
      var box = el("div", "geo-time");
      var head = el("div", "geo-time-head");
      head.appendChild(el("b", null, "Time"));
      var label = el("span", "geo-time-label");
      head.appendChild(label);
      box.appendChild(head);
      if (minDay === null) {
        label.textContent = " no dated events";
        return box;
      }
      function range(cls, value) {
        var r = el("input", cls);
        r.type = "range";
        r.min = String(minDay);
        r.max = String(maxDay);
        r.step = "1";
        r.value = String(value);
        box.appendChild(r);
        return r;
      }
      var from = range("geo-time-from", minDay);
      var to = range("geo-time-to", maxDay);
      from.setAttribute("aria-label", "From");
      to.setAttribute("aria-label", "To");
      var row = el("div", "geo-time-row");
      var play = el("button", "geo-play", "\u25b6 Play");
      play.type = "button";
      var undated = el("label", "geo-undated");
      var ucb = el("input");
      ucb.type = "checkbox";
      ucb.checked = true;
      undated.appendChild(ucb);
      undated.appendChild(document.createTextNode(" undated events"));
      row.appendChild(play);
      row.appendChild(undated);
      box.appendChild(row);

      function show() {
        from.value = String(filt.from);
        to.value = String(filt.to);
        label.textContent = " " + dayIso(filt.from) + " \u2013 " + dayIso(filt.to);
      }
      function set(a, b) {
        filt.from = Math.max(minDay, Math.min(a, maxDay));
        filt.to = Math.max(filt.from, Math.min(b, maxDay));
        show();
        apply();
      }
      from.addEventListener("input", function () {
        var a = +from.value;
        set(a, Math.max(a, +to.value));
      });
      to.addEventListener("input", function () {
        var b = +to.value;
        set(Math.min(b, +from.value), b);
      });
      ucb.addEventListener("change", function () {
        filt.undated = ucb.checked;
        apply();
      });
      var timer = null;
      function stop() {
        if (timer) { clearInterval(timer); }
        timer = null;
        play.textContent = "\u25b6 Play";
        state.playing = false;
      }
      play.addEventListener("click", function () {
        if (timer) { stop(); return; }
        var span = maxDay - minDay;
        var width = filt.to - filt.from;
        if (width >= span || filt.to >= maxDay) {
          width = Math.min(width, Math.max(0, Math.round(span / 6)));
          set(minDay, minDay + width);
        }
        var step = Math.max(1, Math.round(span / 60));
        play.textContent = "\u275a\u275a Pause";
        state.playing = true;
        timer = setInterval(function () {
          if (filt.to >= maxDay) { stop(); return; }
          set(filt.from + step, filt.to + step);
        }, 300);
      });
      state.setTimeWindow = function (a, b) {
        set(interval(a, "day")[0], interval(b, "day")[0]);
        return [dayIso(filt.from), dayIso(filt.to)];
      };
      show();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };

    /* ---- a fit-to-data and a fullscreen button (no package offers the latter offline) ---- */
    function fit() {
      var bounds = L.latLngBounds([]);
      [pins, eventsGroup, routesGroup].forEach(function (g) {
        g.eachLayer(function (layer) {
          if (layer.getLatLng) {
            bounds.extend(layer.getLatLng());
          } else {
            bounds.extend(layer.getBounds());
          }
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
    }
    function isFullscreen() {
      return L.DomUtil.hasClass(map.getContainer(), "geo-fullscreen");
    }
    function fullscreen(on) {
      var c = map.getContainer();
      if (on === undefined) { on = !isFullscreen(); }
      if (on) {
        L.DomUtil.addClass(c, "geo-fullscreen");
        if (c.requestFullscreen) { c.requestFullscreen().catch(function () { return null; }); }
      } else {
        L.DomUtil.removeClass(c, "geo-fullscreen");
        if (document.fullscreenElement && document.exitFullscreen) {
          document.exitFullscreen().catch(function () { return null; });
        }
      }
      map.invalidateSize({ animate: false });
      return isFullscreen();
    }
    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement && isFullscreen()) { fullscreen(false); }
    });
    var buttons = L.control({ position: "topleft" });
    buttons.onAdd = function () {
      var bar = el("div", "leaflet-bar geo-buttons");
      function button(text, title, cls, onClick) {
        var a = el("a", cls, text);
        a.href = "#";
        a.title = title;
        a.setAttribute("role", "button");
        a.setAttribute("aria-label", title);
        L.DomEvent.on(a, "click", function (ev) {
          L.DomEvent.preventDefault(ev);
          onClick();
        });
        bar.appendChild(a);
      }
      button("\u2922", "Fullscreen", "geo-fullscreen-button", function () { fullscreen(); });
      button("\u2302", "Fit to the data", "geo-fit-button", fit);
      L.DomEvent.disableClickPropagation(bar);
      return bar;
    };
    state.fit = fit;
    state.fullscreen = fullscreen;

    /* ---- layer control, optional online tiles, attribution ---- */
    var overlays = {
      "Places": pins,
      "Context (countries, provinces)": outlines,
      "Events": eventsGroup,
      "Routes": routesGroup,
      "Country outlines (offline basemap)": countriesLayer
    };
    var tiles = null;
    if (data.tiles && data.tiles.url) {
      /* Created but not added: no tile is requested until the user switches it on. */
      tiles = L.tileLayer(data.tiles.url, {
        attribution: data.tiles.attribution,
        maxZoom: data.tiles.max_zoom || 18
      });
      overlays["OpenStreetMap tiles (online)"] = tiles;
      map.on("overlayadd", function (ev) {
        if (ev.layer === tiles) { countriesLayer.setStyle({ fillOpacity: 0 }); }
      });
      map.on("overlayremove", function (ev) {
        if (ev.layer === tiles) { countriesLayer.setStyle({ fillOpacity: 1 }); }
      });
    }
    state.tiles = tiles;
    buttons.addTo(map);
    L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    panel.addTo(map);
    slider.addTo(map);
    if (data.attribution) { map.attributionControl.addAttribution(data.attribution); }

    /* ---- helpers for people and tests ---- */
    state.openPopupFor = function (placeId) { return openPlace(placeById[placeId]); };
    state.openEventPopup = function (eventId) { return openEvent(eventById[eventId]); };
    state.openRoutePopup = function (i) { return openRoute(routeRecs[i]); };

    apply();
    state.ready = true;
    return state;
  }

  window.geoRender = geoRender;
  window.openPopupFor = function (placeId) {
    return window.geoMap ? window.geoMap.openPopupFor(placeId) : false;
  };
}());
