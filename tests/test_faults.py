"""Faults: one line and a non-zero exit, never a traceback; nothing partial looks complete;
an article that crashes a worker does not lose the rest of the run."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from geo.cli.main import main
from geo.engine import FAULT_MARKER_ENV, FAULT_MODE_ENV, EngineOptions, map_frames
from geo.model import Article
from geo.pipeline import RunSummary

REPO = Path(__file__).resolve().parent.parent
SEEDS = str(REPO / "seeds")
OUTPUTS = ("map.html", "places.geojson", "events.geojson")
MARKER = "ZZ-CRASH-ME-ZZ"
pytestmark = pytest.mark.slow


def geo(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process; return exit code, stdout and stderr."""
    code = main(["-q", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def gaz(tmp_path):
    folder = tmp_path / "gaz"
    folder.mkdir()
    shutil.copy(REPO / "gazetteer" / "places.csv", folder / "places.csv")
    return folder


def one_line_error(code: int, err: str, needle: str) -> None:
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert needle in lines[0], err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["map", "no/such/folder"], "no/such/folder does not exist"),
        (["parse", "--jsonl-input", "no/such.jsonl"], "no/such.jsonl does not exist"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["map", "--bogus"], "No such option '--bogus'"),
        (["parse", "--workers", "0"], "'--workers': 0 is not in the range"),
        (["map", "--engine", "spark"], "'spark' is not one of 'local', 'dask'"),
        (["parse", "--scheduler", "tcp://x:1"], "--scheduler needs --engine dask"),
    ],
)
def test_bad_invocations_are_one_line(capsys, tmp_path, args, needle):
    if args[0] == "map":
        args = [*args, "--out", str(tmp_path / "out")]
    code, _, err = geo(capsys, *args)
    one_line_error(code, err, needle)


def test_folder_with_no_articles(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = geo(capsys, "parse", str(tmp_path / "empty"))
    one_line_error(code, err, "holds no article files")


def test_output_folder_that_cannot_be_written(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = geo(capsys, "map", SEEDS, "--out", str(blocker / "out"), "--no-cache")
    one_line_error(code, err, "cannot write to the output folder")


def test_full_disk_leaves_the_previous_outputs_whole(capsys, tmp_path, gaz, monkeypatch):
    out = tmp_path / "out"
    code, _, _ = geo(capsys, "map", SEEDS, "--out", str(out), "--gazetteer", str(gaz))
    assert code == 0
    before = {name: (out / name).read_bytes() for name in OUTPUTS}

    real_write = os.write
    calls = {"n": 0}

    def write(fd, data):  # the disk fills up after the first few writes
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(
        os,
        "fsync",
        lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")),
    )
    code, _, err = geo(
        capsys, "map", SEEDS, "--out", str(out), "--gazetteer", str(gaz), "--title", "new"
    )
    one_line_error(code, err, "No space left on device")
    monkeypatch.undo()
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary left


def test_full_disk_on_a_first_run_leaves_no_outputs(capsys, tmp_path, gaz, monkeypatch):
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    out = tmp_path / "out"
    code, _, err = geo(capsys, "map", SEEDS, "--out", str(out), "--gazetteer", str(gaz))
    one_line_error(code, err, "No space left on device")
    assert list(out.iterdir()) == []


# --------------------------------------------------------------------------- crashing workers


def articles_with_a_bad_one() -> list[Article]:
    texts = [
        "Fighting near Sirte, Libya.",
        "Flights left Tripoli for Ramstein in Germany.",
        f"{MARKER} Troops moved to Misrata.",
        "Shelling hit Benghazi on Monday.",
        "Aid arrived in Zawiya, Libya.",
        "Missiles hit Erbil in Iraq.",
    ]
    return [Article(f"a{i}", text) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("mode", "options"),
    [
        ("raise", EngineOptions(batch_size=4)),
        ("raise", EngineOptions(workers=2, batch_size=2)),
        ("exit", EngineOptions(workers=2, batch_size=4)),
        ("exit", EngineOptions(workers=2, engine="dask", batch_size=4)),
    ],
    ids=["raise-in-process", "raise-2-processes", "exit-2-processes", "exit-dask"],
)
def test_an_article_that_crashes_its_worker_loses_nothing_else(monkeypatch, gaz, mode, options):
    monkeypatch.setenv(FAULT_MARKER_ENV, MARKER)
    monkeypatch.setenv(FAULT_MODE_ENV, mode)
    articles = articles_with_a_bad_one()
    summary = RunSummary()
    places, events = map_frames(articles, gazetteer_dir=gaz, options=options, summary=summary)
    monkeypatch.delenv(FAULT_MARKER_ENV)
    good = [a for a in articles if MARKER not in a.text]
    expected = map_frames(good, gazetteer_dir=gaz)
    assert summary.articles == len(good)
    assert [label for label, _ in summary.skipped] == ["a2"]
    assert places.to_json() == expected[0].to_json()
    assert events.to_json() == expected[1].to_json()


def test_cli_reports_the_crashing_article_and_maps_the_rest(capsys, monkeypatch, tmp_path, gaz):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles_with_a_bad_one())
    )
    monkeypatch.setenv(FAULT_MARKER_ENV, MARKER)
    monkeypatch.setenv(FAULT_MODE_ENV, "exit")
    out = tmp_path / "out"
    code = main(
        [
            *("map", "--jsonl-input", str(jsonl), "--out", str(out), "--gazetteer", str(gaz)),
            *("--workers", "2", "--batch-size", "2", "--no-cache"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "skipped" in err and "a2" in err and "crashed its worker process" in err
    assert "articles: 5 read, 1 skipped" in err
    assert all((out / name).stat().st_size > 0 for name in OUTPUTS)
