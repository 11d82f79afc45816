"""The `geo` command as a user runs it: outputs, one-line errors, exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def geo(*args: str, cwd: Path = REPO, check: bool | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "geo.cli.main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    if check is True:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def gaz(tmp_path):
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    shutil.copy(REPO / "gazetteer" / "places.csv", folder / "places.csv")
    return folder


def test_quiet_map_prints_nothing_but_writes_the_map(tmp_path):
    proc = geo("-q", "map", str(REPO / "seeds"), "--out", str(tmp_path / "out"), check=True)
    assert proc.stderr == ""
    assert (tmp_path / "out" / "map.html").stat().st_size > 0


def test_map_on_seeds_writes_three_files_and_a_summary(tmp_path):
    proc = geo("map", str(REPO / "seeds"), "--out", str(tmp_path / "out"), check=True)
    for name in ("map.html", "places.geojson", "events.geojson"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert "articles: 3 read, 0 skipped" in proc.stderr
    places = json.loads((tmp_path / "out" / "places.geojson").read_text())
    assert places["type"] == "FeatureCollection"
    ids = {f["properties"]["place_id"] for f in places["features"]}
    assert {"icao:ETAR", "user:al-watiya-air-base", "icao:HLZW", "icao:ORAA"} <= ids
    lon, lat = next(f for f in places["features"] if f["properties"]["place_id"] == "icao:ETAR")[
        "geometry"
    ]["coordinates"]
    assert (round(lat, 1), round(lon, 1)) == (49.4, 7.6)  # RFC 7946: lon, lat


def test_parse_contract(tmp_path):
    proc = geo("parse", str(REPO / "seeds"), check=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"][:3] for r in lines] == ["000", "001", "002"]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (REPO / "seeds").glob("*.txt")}
    for record in lines:
        for t in record["toponyms"]:
            assert texts[record["id"]][t["start"] : t["end"]] == t["name"]
            assert set(t) >= {
                "start",
                "end",
                "name",
                "lat",
                "lon",
                "place_id",
                "kind",
                "country",
                "score",
                "literal",
            }


def test_parse_jsonl_input(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": "Shelling hit Tripoli, Libya."}) + "\n" + "not json\n"
    )
    proc = geo("parse", "--jsonl-input", str(src), check=True)
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert record["id"] == "a1"
    assert [t["country"] for t in record["toponyms"]] == ["LY", "LY"]
    assert "line 2" in proc.stderr


def test_gazetteer_add_then_parse_places_the_new_name(tmp_path, gaz):
    article = tmp_path / "a.txt"
    article.write_text("Fighters gathered at the town of Qestrel Xylomar overnight.")
    before = geo("parse", str(article), "--gazetteer", str(gaz), check=True)
    (t,) = json.loads(before.stdout)["toponyms"]
    assert t["place_id"] is None  # reported as unresolved, not dropped
    geo(
        "gazetteer",
        "add",
        "Qestrel Xylomar",
        "--lat",
        "32.68",
        "--lon",
        "13.18",
        "--kind",
        "town",
        "--country",
        "LY",
        "--gazetteer",
        str(gaz),
        check=True,
    )
    after = geo("parse", str(article), "--gazetteer", str(gaz), check=True)
    (t,) = json.loads(after.stdout)["toponyms"]
    assert (t["place_id"], t["lat"], t["lon"]) == ("user:qestrel-xylomar", 32.68, 13.18)
    found = geo("gazetteer", "search", "Qestrel Xylomar", "--gazetteer", str(gaz), check=True)
    assert "user:qestrel-xylomar" in found.stdout
    geo("gazetteer", "remove", "user:qestrel-xylomar", "--gazetteer", str(gaz), check=True)
    assert "qestrel" not in (gaz / "places.csv").read_text().lower()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lat", "95", "--lon", "1"], "lat '95' is outside -90..90"),
        (["--lat", "1", "--lon", "-200"], "lon '-200' is outside -180..180"),
        (["--lat", "abc", "--lon", "1"], "lat 'abc' is not a number"),
        (["--lat", "1", "--lon", "1", "--country", "ZZ"], "not an ISO 3166-1"),
    ],
)
def test_bad_gazetteer_entries_are_refused_and_change_nothing(gaz, args, message):
    before = (gaz / "places.csv").read_bytes()
    proc = geo("gazetteer", "add", "Somewhere", *args, "--gazetteer", str(gaz))
    assert proc.returncode != 0
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert (gaz / "places.csv").read_bytes() == before


def test_empty_name_is_refused(gaz):
    proc = geo("gazetteer", "add", "", "--lat", "1", "--lon", "1", "--gazetteer", str(gaz))
    assert proc.returncode != 0 and "name is empty" in proc.stderr


def test_sixteen_parallel_cli_adds_are_all_kept(gaz):
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "geo.cli.main",
                "gazetteer",
                "add",
                f"Spot {i}",
                "--lat",
                str(i),
                "--lon",
                str(i),
                "--gazetteer",
                str(gaz),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(16)
    ]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    text = (gaz / "places.csv").read_text()
    assert all(f"Spot {i}," in text for i in range(16))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "no/such/folder"], "does not exist"),
        (["parse", "no/such/file.txt"], "does not exist"),
        (["frobnicate"], "No such command"),
        (["map", "--colour", "red"], "No such option"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(tmp_path, args, message):
    proc = geo(*args, "--out", str(tmp_path)) if args[0] == "map" and len(args) == 2 else geo(*args)
    assert proc.returncode != 0
    assert message in proc.stderr


def test_folder_without_articles_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = geo("map", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert proc.returncode != 0 and "holds no article files" in proc.stderr


def test_empty_binary_latin1_and_bom_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "latin1.txt").write_bytes(
        "Les forces sont entrées à Tripoli, en Libye.".encode("latin-1")
    )
    (folder / "bom.txt").write_bytes("\ufeffMissiles struck Erbil in Iraq.".encode())
    proc = geo("parse", str(folder), check=True)
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == ["bom", "latin1"]
    assert "empty.txt" in proc.stderr and "binary.txt" in proc.stderr


def test_unwritable_output_folder_is_one_line(tmp_path):
    if os.geteuid() == 0:
        out = Path("/proc/geo-out")  # not even root may create a folder here
    else:
        out = tmp_path / "ro"
        out.mkdir()
        out.chmod(0o500)
    proc = geo("map", str(REPO / "seeds"), "--out", str(out))
    assert proc.returncode != 0 and "cannot write to the output folder" in proc.stderr


def test_output_path_that_is_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = geo("map", str(REPO / "seeds"), "--out", str(blocker / "out"))
    assert proc.returncode != 0 and "cannot write to the output folder" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_export_round_trips(tmp_path, fmt):
    import csv as _csv

    import geopandas as gpd

    target = tmp_path / f"events.{fmt}"
    geo("export", str(REPO / "seeds"), "--format", fmt, "-o", str(target), check=True)
    if fmt == "csv":
        with target.open(newline="", encoding="utf-8") as fh:
            rows = list(_csv.DictReader(fh))
        assert rows and {
            "event_id",
            "event_date",
            "time_precision",
            "event_type",
            "actor1",
            "latitude",
            "longitude",
            "geo_precision",
            "notes",
        } <= set(rows[0])
        ramstein = [r for r in rows if r["location"].startswith("Ramstein")]
        assert ramstein and "Zwara Airport" in ramstein[0]["notes"]  # the route, origin first
        return
    frame = gpd.read_file(target, layer="events") if fmt == "gpkg" else gpd.read_file(target)
    assert len(frame) > 10 and frame.crs.to_epsg() == 4326
    if fmt == "gpkg":
        routes = gpd.read_file(target, layer="routes")
        assert set(routes.geometry.geom_type) == {"LineString"}
