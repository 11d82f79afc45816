"""The user gazetteer file: validation, atomic writes, locking, and the CLI around it."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo.errors import GazetteerEntryError, GazetteerFileError
from geo.gazetteer.user import FILENAME, add_entry, make_entry, read_entries, remove_entry

REPO = Path(__file__).resolve().parent.parent


def test_project_entries_are_valid_and_have_unique_ids():
    entries = read_entries(REPO / "gazetteer")
    ids = [e.place.place_id for e in entries]
    assert len(ids) == len(set(ids))
    watiya = next(e for e in entries if e.place.name == "Al Watiya Air Base")
    assert (watiya.place.lat, watiya.place.lon) == (32.477, 11.899)
    assert watiya.place.kind == "airbase" and watiya.place.country == "LY"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "X", "lat": 91, "lon": 0}, "outside -90..90"),
        ({"name": "X", "lat": -90.5, "lon": 0}, "outside -90..90"),
        ({"name": "X", "lat": 0, "lon": 181}, "outside -180..180"),
        ({"name": "X", "lat": "north", "lon": 0}, "not a number"),
        ({"name": "X", "lat": "nan", "lon": 0}, "outside"),
        ({"name": "  ", "lat": 0, "lon": 0}, "name is empty"),
        ({"name": "X", "lat": 0, "lon": 0, "country": "XX"}, "not an ISO 3166-1"),
        ({"name": "X", "lat": 0, "lon": 0, "kind": "spaceport"}, "kind 'spaceport' is unknown"),
    ],
)
def test_bad_entries_are_refused(kwargs, message):
    name = kwargs.pop("name")
    with pytest.raises(GazetteerEntryError, match=message):
        make_entry(name, kwargs.pop("lat"), kwargs.pop("lon"), **kwargs)


def test_add_then_remove_round_trips(tmp_path):
    added = add_entry(
        tmp_path,
        make_entry(
            "Qasr Bin Ghashir", 32.68, 13.18, kind="town", country="ly", aliases=["Gasr Bin Gashir"]
        ),
    )
    again = add_entry(tmp_path, make_entry("Qasr Bin Ghashir", 32.7, 13.2))
    assert added.place.place_id == "user:qasr-bin-ghashir"
    assert again.place.place_id == "user:qasr-bin-ghashir-2"
    entries = read_entries(tmp_path)
    assert [e.place.country for e in entries] == ["LY", None]
    assert entries[0].aliases == ("Gasr Bin Gashir",)
    remove_entry(tmp_path, "user:qasr-bin-ghashir")
    assert [e.place.place_id for e in read_entries(tmp_path)] == ["user:qasr-bin-ghashir-2"]
    with pytest.raises(GazetteerEntryError, match="no entry with id"):
        remove_entry(tmp_path, "user:nope")


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("id,name,lat,lon\nuser:a,A,95,1\n", ":2: lat"),
        ("id,name,lat,lon\nuser:a,A,1,1\nuser:b,B,1\n", ":3: 3 fields"),
        ("id,name,lat\n", ":1: the header"),
        ("id,name,lat,lon\nuser:a,A,1,1\nuser:a,B,2,2\n", ":3: duplicate id"),
    ],
)
def test_malformed_file_names_file_and_line(tmp_path, body, where):
    (tmp_path / FILENAME).write_text(body)
    with pytest.raises(GazetteerFileError, match=f"places.csv{where}"):
        read_entries(tmp_path)


def _add_one(args):
    folder, i = args
    add_entry(folder, make_entry(f"Place {i}", i, i))


def test_sixteen_concurrent_adds_all_land(tmp_path):
    with multiprocessing.get_context("fork").Pool(16) as pool:
        pool.map(_add_one, [(str(tmp_path), i) for i in range(16)])
    names = sorted(e.place.name for e in read_entries(tmp_path))
    assert names == sorted(f"Place {i}" for i in range(16))


def test_killed_writer_leaves_old_or_new_file_never_half(tmp_path):
    shutil.copy(REPO / "gazetteer" / FILENAME, tmp_path / FILENAME)
    before = (tmp_path / FILENAME).read_text()
    script = textwrap.dedent(
        f"""
        import os, sys
        from geo.gazetteer import user
        real = user.os.replace
        def slow_replace(src, dst):
            sys.stdout.write("ready\\n"); sys.stdout.flush()
            import time; time.sleep(30)
            real(src, dst)
        user.os.replace = slow_replace
        user.add_entry({str(tmp_path)!r}, user.make_entry("Killed", 1, 1))
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (tmp_path / FILENAME).read_text() == before
    read_entries(tmp_path)  # still valid
    # a later add still works
    add_entry(tmp_path, make_entry("After", 2, 2))
    assert read_entries(tmp_path)[-1].place.name == "After"
