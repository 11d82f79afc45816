"""geo.export: the places and events frames and every file format, read back."""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import LineString, Point

from geo.errors import OutputError
from geo.export import (
    CSV_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    events_frame,
    places_frame,
    primary_place,
    sentence_around,
    write_csv,
    write_geojson,
    write_gpkg,
)

# --------------------------------------------------------------------------- sentence_around


@pytest.mark.parametrize(
    ("text", "surface", "quote"),
    [
        ("One. Two in Sirte. Three.", "Sirte", "Two in Sirte."),
        ("Start in Sirte", "Sirte", "Start in Sirte"),
        ("Title\nFighting hit Sirte today\nNext line.", "Sirte", "Fighting hit Sirte today"),
        ('He said "Go to Sirte!" Then left.', "Sirte", 'He said "Go to Sirte!"'),
        ("Is it Sirte? Yes.", "Sirte", "Is it Sirte?"),
        ("Left 1.5 km from Sirte. Then.", "Sirte", "Left 1.5 km from Sirte."),
    ],
)
def test_sentence_around(text, surface, quote):
    start = text.index(surface)
    s, e = sentence_around(text, start, start + len(surface))
    assert text[s:e] == quote


def test_sentence_around_caps_a_sentence_without_stops():
    text = "x" * 1000 + " Sirte " + "y" * 1000
    start = text.index("Sirte")
    s, e = sentence_around(text, start, start + 5)
    assert s <= start and e >= start + 5
    assert e - s <= 2 * 300 + 5


# --------------------------------------------------------------------------- places_frame


def test_places_frame_columns_and_order(run):
    df = places_frame(run)
    assert list(df.columns) == [*PLACE_COLUMNS, "geometry"]
    assert df.crs.to_epsg() == 4326
    # First appearance: article order, then position in the text; Tarhouna is unresolved.
    assert list(df["name"][:5]) == ["Tripoli", "Washington", "Sirte", "al-Watiya Air Base", "Libya"]
    assert "Tarhouna" not in set(df["name"])
    assert df["place_id"].is_unique


def test_places_frame_row(benign_run):
    df = places_frame(benign_run).set_index("place_id")
    tripoli = df.loc["geonames:2210247"]
    assert tripoli["n_mentions"] == 2
    assert tripoli["score"] == pytest.approx(0.95)  # best mention
    assert tripoli["reason"] == "test: population and context"
    assert tripoli["event_ids"] == ["a1-e1", "a1-e2"]
    assert tripoli.geometry == Point(13.18733, 32.88743)
    assert (tripoli["lat"], tripoli["lon"]) == (32.88743, 13.18733)
    first = tripoli["mentions"][0]
    assert first == {
        "article_id": "a1",
        "text": "Tripoli",
        "start": 19,
        "end": 26,
        "quote": "Clashes erupted in Tripoli on Monday.",
        "literal": True,
    }
    # Runner-ups exclude the chosen place itself.
    assert [c["place_id"] for c in tripoli["candidates"]] == ["geonames:266826"]
    assert set(tripoli["candidates"][0]) == {
        "place_id", "name", "kind", "country", "lat", "lon", "score", "source",
    }  # fmt: skip


def test_places_frame_best_mention_across_articles(benign_run):
    sirte = places_frame(benign_run).set_index("place_id").loc["geonames:2210554"]
    assert sirte["n_mentions"] == 3
    assert sirte["score"] == pytest.approx(0.93)
    assert sirte["event_ids"] == ["a1-e2", "a2-e1"]


@pytest.mark.parametrize(
    ("place_id", "context_only"),
    [
        ("geonames:2210247", False),  # a city
        ("geonames:4140963", True),  # "Washington said": only non-literal mentions
        ("country:LY", True),  # a country
        ("user:al-watiya-air-base", False),
    ],
)
def test_places_frame_context_only(benign_run, place_id, context_only):
    df = places_frame(benign_run).set_index("place_id")
    assert bool(df.loc[place_id, "context_only"]) is context_only


def test_empty_frames_have_columns():
    assert list(places_frame([]).columns) == [*PLACE_COLUMNS, "geometry"]
    assert list(events_frame([]).columns) == [*EVENT_COLUMNS, "geometry"]
    assert events_frame([]).crs.to_epsg() == 4326


# --------------------------------------------------------------------------- events_frame


def test_events_frame_row(benign_run):
    df = events_frame(benign_run).set_index("event_id")
    assert list(df.reset_index().columns) == [*EVENT_COLUMNS, "geometry"]
    e1 = df.loc["a1-e1"]
    assert e1["date"] == "2020-06-01"
    assert e1["date_precision"] == "day"
    assert e1["actors"] == ["GNA", "LNA", "Wagner"]
    assert e1["quote"] == "Clashes erupted in Tripoli on Monday."
    assert e1["article_title"] == "Fighting in Tripoli"
    assert e1["source"] == "Example News"
    assert e1["article_date"] == "2020-06-03"
    assert e1["url"] == "https://example.org/a1"
    assert e1.geometry == Point(13.18733, 32.88743)
    assert e1["places"][0]["place_id"] == "geonames:2210247"
    assert e1["places"][0]["role"] == "site"


def test_movement_is_a_linestring_in_role_order(benign_run):
    e2 = events_frame(benign_run).set_index("event_id").loc["a1-e2"]
    assert [p["role"] for p in e2["places"]] == ["origin", "via", "destination"]
    assert [p["name"] for p in e2["places"]] == ["Sirte", "al-Watiya Air Base", "Tripoli"]
    assert e2.geometry == LineString(
        [(16.58866, 31.20892), (11.8978, 32.4819), (13.18733, 32.88743)]
    )
    assert e2["date"] == "2020-06"
    assert e2["route_id"] == "r1"


def test_unresolved_place_is_kept_without_coordinates(benign_run):
    e3 = events_frame(benign_run).set_index("event_id").loc["a1-e3"]
    assert e3["places"][0]["place_id"] is None
    assert e3["places"][0]["name"] == "Tarhouna"
    assert e3["places"][0]["lat"] is None
    assert e3.geometry is None
    assert e3["date"] == "2020"


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        # a site event prefers a town over the country holding it
        ([("Libya", "site", "country", 27), ("Tripoli", "site", "city", 32)], "Tripoli"),
        ([("Libya", "site", "country", 27), ("Chad", "site", "country", 15)], "Libya"),
        # a movement goes to its last located place
        ([("A", "origin", "city", 1), ("B", "destination", "city", 2)], "B"),
        ([("A", "origin", "city", 1), ("B", "destination", "city", None)], "A"),
        ([("A", "site", "city", None)], None),
    ],
)
def test_primary_place(places, expected):
    dicts = [
        {"name": n, "role": r, "kind": k, "lat": lat, "lon": None if lat is None else 0.0}
        for n, r, k, lat in places
    ]
    chosen = primary_place(dicts)
    assert (chosen and chosen["name"]) == expected


@pytest.mark.parametrize(
    ("maheshwar_lat", "expected"),
    [
        # "in the Narmada at Maheshwar": the river, unresolved, is drawn near the page's town
        # (0.35 degrees, 39 km off); the town the gazetteer knows is where it happened
        (22.18, "Maheshwar"),
        # a namesake 650 km off is a wrong guess; the place drawn near the page's town stays
        (16.0, "Narmada"),
    ],
)
def test_a_resolved_place_close_by_stands_before_one_drawn_near_another(maheshwar_lat, expected):
    narmada = {"name": "Narmada", "role": "site", "kind": "city", "lat": 21.82, "lon": 75.61}
    maheshwar = {"name": "Maheshwar", "role": "site", "kind": "city", "lon": 75.59}
    chosen = primary_place(
        [
            {**narmada, "precision": "near", "near": "Khargone"},
            {**maheshwar, "lat": maheshwar_lat, "precision": "exact"},
        ]
    )
    assert chosen["name"] == expected


def test_same_place_movement_is_a_point(benign_run):
    ev = benign_run[0].events[1]
    origin = ev.places[2]
    ev.places = (origin, type(origin)(origin.mention, "destination"))
    geom = events_frame(benign_run).set_index("event_id").loc["a1-e2"].geometry
    assert geom == Point(16.58866, 31.20892)


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_round_trip(run, tmp_path):
    places, events = places_frame(run), events_frame(run)
    write_geojson(places, tmp_path / "places.geojson")
    write_geojson(events, tmp_path / "events.geojson")
    pj = json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))
    ej = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert pj["type"] == ej["type"] == "FeatureCollection"
    assert "crs" not in pj and "crs" not in ej
    assert len(pj["features"]) == len(places)
    assert len(ej["features"]) == len(events)
    tripoli = pj["features"][0]
    assert tripoli["geometry"] == {"type": "Point", "coordinates": [13.18733, 32.88743]}
    props = tripoli["properties"]
    for key in ("place_id", "name", "kind", "country", "mentions", "event_ids"):
        assert key in props
    assert isinstance(props["mentions"], list)
    assert {"article_id", "text", "start", "end"} <= set(props["mentions"][0])
    by_id = {f["properties"]["event_id"]: f for f in ej["features"]}
    for key in ("event_id", "article_id", "event_type", "date", "date_precision", "actors",
                "places", "quote", "article_title", "source"):  # fmt: skip
        assert key in by_id["a1-e1"]["properties"]
    assert by_id["a1-e1"]["properties"]["actors"] == ["GNA", "LNA", "Wagner"]
    assert by_id["a1-e2"]["geometry"]["type"] == "LineString"
    assert by_id["a1-e3"]["geometry"] is None
    assert by_id["a1-e3"]["properties"]["places"][0]["lat"] is None
    # Hostile text survives unchanged.
    hostile = [f for f in ej["features"] if f["properties"]["event_id"].startswith("hostile-e1")]
    assert hostile[0]["properties"]["event_id"] == events["event_id"].iloc[4]
    # geopandas reads it back too.
    back = gpd.read_file(tmp_path / "places.geojson")
    assert len(back) == len(places)


def test_geojson_nan_is_null(tmp_path):
    df = gpd.GeoDataFrame(
        {"v": [math.nan, 1.0], "name": ["a", None]},
        geometry=[Point(0, 0), None],
        crs="EPSG:4326",
    )
    write_geojson(df, tmp_path / "x.geojson")
    text = (tmp_path / "x.geojson").read_text()
    assert "NaN" not in text
    features = json.loads(text)["features"]
    assert features[0]["properties"] == {"v": None, "name": "a"}
    assert features[1]["geometry"] is None


def test_geojson_reprojects_to_wgs84(tmp_path):
    df = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(13.18733, 32.88743)], crs="EPSG:4326")
    write_geojson(df.to_crs("EPSG:3857"), tmp_path / "x.geojson")
    coords = json.loads((tmp_path / "x.geojson").read_text())["features"][0]["geometry"]
    assert coords["coordinates"] == pytest.approx([13.18733, 32.88743])


# --------------------------------------------------------------------------- GeoPackage


def test_gpkg_round_trip(run, tmp_path):
    places, events = places_frame(run), events_frame(run)
    path = tmp_path / "run.gpkg"
    write_gpkg(events, places, path)
    assert {name for name, _ in pyogrio.list_layers(path)} == {"events", "places", "routes"}
    ev = gpd.read_file(path, layer="events")
    pl = gpd.read_file(path, layer="places")
    routes = gpd.read_file(path, layer="routes")
    assert len(ev) == len(events) and len(pl) == len(places)
    assert list(ev["event_id"]) == list(events["event_id"])
    assert set(ev.geometry.dropna().geom_type) == {"Point"}
    # The movement sits at its destination; its line is in routes.
    e2 = ev.set_index("event_id").loc["a1-e2"]
    assert (e2.geometry.x, e2.geometry.y) == pytest.approx((13.18733, 32.88743))
    assert len(routes) == int((events.geometry.geom_type == "LineString").sum()) == 2
    assert routes.geometry.iloc[0].equals(events.set_index("event_id").loc["a1-e2"].geometry)
    assert json.loads(pl["mentions"].iloc[0]) == places["mentions"].iloc[0]
    assert json.loads(ev["places"].iloc[1]) == events["places"].iloc[1]
    assert ev.set_index("event_id").loc["a1-e3"].geometry is None


def test_gpkg_replaces_an_existing_file(benign_run, tmp_path):
    path = tmp_path / "run.gpkg"
    write_gpkg(events_frame(benign_run), places_frame(benign_run), path)
    write_gpkg(events_frame([]), places_frame([]), path)
    assert len(gpd.read_file(path, layer="places")) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["run.gpkg"]


# --------------------------------------------------------------------------- CSV


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_round_trip(run, tmp_path):
    events = events_frame(run)
    path = tmp_path / "events.csv"
    write_csv(events, path)
    rows = _read_csv(path)
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(events)
    by_id = {r["event_id"]: r for r in rows}
    e1 = by_id["a1-e1"]
    assert e1["event_date"] == "2020-06-01"
    assert e1["time_precision"] == "day"
    assert (e1["actor1"], e1["actor2"]) == ("GNA", "LNA")
    assert "other actors: Wagner" in e1["notes"]
    assert (e1["country"], e1["admin1"], e1["location"]) == ("LY", "Tripoli", "Tripoli")
    assert (float(e1["latitude"]), float(e1["longitude"])) == pytest.approx((32.88743, 13.18733))
    assert e1["geo_precision"] == "1"
    assert e1["source"] == "Example News"
    e2 = by_id["a1-e2"]
    assert e2["location"] == "Tripoli"  # the destination
    assert "route: Sirte -> al-Watiya Air Base -> Tripoli" in e2["notes"]
    e3 = by_id["a1-e3"]
    assert e3["latitude"] == e3["longitude"] == e3["location"] == ""
    undated = by_id[events["event_id"].iloc[-1]]
    assert undated["event_date"] == undated["time_precision"] == ""
    assert all(value != "nan" for row in rows for value in row.values())


def test_csv_neutralises_formulas(benign_run, tmp_path):
    benign_run[0].events[0].actors = ("=HYPERLINK(1)", "+1")
    write_csv(events_frame(benign_run), tmp_path / "e.csv")
    row = _read_csv(tmp_path / "e.csv")[0]
    assert (row["actor1"], row["actor2"]) == ("'=HYPERLINK(1)", "'+1")


def test_csv_country_event_has_area_precision(benign_run, tmp_path):
    libya = next(m for m in benign_run[0].mentions if m.surface == "Libya")
    ev = benign_run[0].events[0]
    ev.places = (type(ev.places[0])(libya, "site"),)
    write_csv(events_frame(benign_run), tmp_path / "e.csv")
    assert _read_csv(tmp_path / "e.csv")[0]["geo_precision"] == "3"


# --------------------------------------------------------------------------- atomic writes and errors


def _writers():
    places, events = places_frame([]), events_frame([])
    return {
        "geojson": lambda p: write_geojson(places, p),
        "gpkg": lambda p: write_gpkg(events, places, p),
        "csv": lambda p: write_csv(events, p),
    }


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_unwritable_target_raises_output_error(tmp_path, fmt):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    target = blocker / f"out.{fmt}"
    with pytest.raises(OutputError, match="not-a-folder") as info:
        _writers()[fmt](target)
    assert "writable" in str(info.value)
    assert isinstance(info.value, OSError)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_writers_are_atomic(tmp_path, fmt, monkeypatch):
    target = tmp_path / f"out.{fmt}"
    target.write_text("old")
    replaced = []
    real_replace = os.replace

    def spy(src, dst):
        replaced.append((Path(src).parent, Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    _writers()[fmt](target)
    assert replaced == [(tmp_path, target)]  # a temporary file in the same folder, renamed
    assert target.read_bytes() != b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "events.csv"
    target.write_text("old")

    def boom(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match=r"events\.csv"):
        write_csv(events_frame([]), target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_written_files_get_normal_permissions(tmp_path):
    target = tmp_path / "events.csv"
    old = os.umask(0o022)
    try:
        write_csv(events_frame([]), target)
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
