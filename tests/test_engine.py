"""Engines, streaming, the result cache and the GeoParquet writer give the same results."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from geo.articles import iter_articles, iter_jsonl
from geo.cache import ResultCache
from geo.engine import (
    ENGINES,
    EngineError,
    EngineOptions,
    map_frames,
    parse_records,
    parse_stream,
    write_geoparquet,
)
from geo.export import events_frame, places_frame
from geo.gazetteer.user import add_entry, make_entry
from geo.pipeline import RunSummary, parsed_record

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval" / "events.dev.jsonl"
pytestmark = pytest.mark.slow


def corpus() -> list:
    """The seeds and, where present, a slice of the events corpus."""
    articles = list(iter_articles([REPO / "seeds"]))
    if EVAL.exists():
        articles += list(itertools.islice(iter_jsonl(EVAL), 45))
    return articles


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    """A private copy of the user gazetteer, safe from concurrent edits."""
    folder = tmp_path_factory.mktemp("gaz")
    shutil.copy(REPO / "gazetteer" / "places.csv", folder / "places.csv")
    return folder


@pytest.fixture(scope="module")
def reference(gaz):
    """Every article parsed at once, in this process: what every engine must give."""
    parsed = list(parse_stream(corpus(), gazetteer_dir=gaz, options=EngineOptions(batch_size=1000)))
    return parsed, places_frame(parsed), events_frame(parsed)


def frames_json(frames) -> tuple[str, str]:
    return frames[0].to_json(), frames[1].to_json()


ENGINE_CASES = [
    pytest.param(EngineOptions(batch_size=5), id="in-process"),
    pytest.param(EngineOptions(workers=2, batch_size=7), id="2-processes"),
    pytest.param(EngineOptions(workers=2, engine="dask", batch_size=9), id="dask"),
]


@pytest.mark.parametrize("options", ENGINE_CASES)
def test_every_engine_gives_the_same_features_ids_and_order(gaz, reference, options):
    parsed, places, events = reference
    summary = RunSummary()
    got = map_frames(corpus(), gazetteer_dir=gaz, options=options, summary=summary)
    assert frames_json(got) == frames_json((places, events))
    assert list(got[1]["event_id"]) == [e.event_id for p in parsed for e in p.events]
    assert summary.articles == len(parsed) and not summary.skipped


def test_parse_records_stream_in_input_order(gaz, reference):
    parsed = reference[0]
    options = EngineOptions(workers=2, batch_size=4)
    records = list(parse_records(corpus(), gazetteer_dir=gaz, options=options, events=True))
    assert records == [parsed_record(p) for p in parsed]


def test_parse_stream_is_lazy_and_batched(gaz):
    taken = []

    def articles():
        for article in corpus():
            taken.append(article.id)
            yield article

    stream = parse_stream(articles(), gazetteer_dir=gaz, options=EngineOptions(batch_size=3))
    first = next(stream)
    assert len(taken) == 3 and first.article.id == taken[0]
    stream.close()


def test_progress_counts_every_article(gaz):
    done = []
    articles = corpus()[:10]
    list(
        parse_stream(
            articles,
            gazetteer_dir=gaz,
            options=EngineOptions(batch_size=4),
            on_progress=done.append,
        )
    )
    assert done == [4, 4, 2]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workers": 0}, "--workers must be at least 1"),
        ({"engine": "spark"}, "unknown engine 'spark'"),
        ({"scheduler": "tcp://x:8786"}, "--scheduler needs --engine dask"),
        ({"batch_size": 0}, "--batch-size must be at least 1"),
    ],
)
def test_bad_engine_options_are_refused(kwargs, message):
    with pytest.raises(EngineError, match=message):
        EngineOptions(**kwargs)


def test_cli_choices_match_the_engine():
    from geo.cli import options
    from geo.engine import DEFAULT_BATCH_SIZE

    assert options.ENGINE_CHOICES == ENGINES and options.BATCH_SIZE == DEFAULT_BATCH_SIZE


# --------------------------------------------------------------------------- the cache


@pytest.fixture
def own_gaz(tmp_path):
    folder = tmp_path / "gaz"
    folder.mkdir()
    shutil.copy(REPO / "gazetteer" / "places.csv", folder / "places.csv")
    return folder


def test_cache_reuses_unchanged_articles_and_redoes_what_an_add_changes(tmp_path, own_gaz):
    from geo.model import Article

    articles = [
        Article("quiet", "Talks went on in Paris, France on Monday."),
        Article("new", "Fighters gathered at Qasr Zorbatiya, near the Iraqi border."),
        Article("other", "Flights left Tripoli, Libya for Ramstein in Germany."),
    ]
    cache = ResultCache(tmp_path / "cache.sqlite")
    first = list(parse_stream(articles, gazetteer_dir=own_gaz, cache=cache))
    assert (cache.hits, cache.misses) == (0, 3)

    again = list(parse_stream(articles, gazetteer_dir=own_gaz, cache=cache))
    assert (cache.hits, cache.misses) == (3, 3)
    assert [parsed_record(p) for p in again] == [parsed_record(p) for p in first]

    add_entry(own_gaz, make_entry("Qasr Zorbatiya", 33.2, 46.1, kind="city", country="IQ"))
    after = list(parse_stream(articles, gazetteer_dir=own_gaz, cache=cache))
    assert (cache.hits, cache.misses) == (5, 4)  # only "new" was parsed again
    fresh = list(parse_stream(articles, gazetteer_dir=own_gaz))
    assert [parsed_record(p) for p in after] == [parsed_record(p) for p in fresh]
    names = [m["place_name"] for m in parsed_record(after[1])["toponyms"]]
    assert "Qasr Zorbatiya" in names
    cache.close()


def test_cache_is_keyed_on_article_content(tmp_path, own_gaz):
    from geo.model import Article

    cache = ResultCache(tmp_path / "cache.sqlite")
    list(
        parse_stream(
            [Article("a", "Fighting near Sirte, Libya.")], gazetteer_dir=own_gaz, cache=cache
        )
    )
    changed = list(
        parse_stream(
            [Article("a", "Fighting near Misrata, Libya.")], gazetteer_dir=own_gaz, cache=cache
        )
    )
    assert cache.hits == 0 and "Misrata" in [m.surface for m in changed[0].mentions]


def test_a_cache_that_cannot_be_written_is_switched_off(tmp_path, own_gaz, caplog):
    from geo.model import Article

    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ResultCache(blocker / "cache.sqlite")
    assert not cache.enabled
    parsed = list(
        parse_stream(
            [Article("a", "Fighting near Sirte, Libya.")], gazetteer_dir=own_gaz, cache=cache
        )
    )
    assert parsed[0].mentions and "result cache" in caplog.text


# --------------------------------------------------------------------------- GeoParquet


def test_write_geoparquet_streams_partitions_that_match_the_frames(tmp_path, gaz, reference):
    import geopandas as gpd

    _, places, events = reference
    paths = write_geoparquet(
        corpus(),
        tmp_path / "ds",
        gazetteer_dir=gaz,
        rows_per_file=10,
        options=EngineOptions(batch_size=6),
    )
    parts = sorted(paths["events"].glob("part-*.parquet"))
    assert len(parts) == -(-len(events) // 10)
    got = gpd.pd.concat([gpd.read_parquet(p) for p in parts], ignore_index=True)
    assert got["event_id"].tolist() == events["event_id"].tolist()
    assert got.crs.to_epsg() == 4326
    assert json.loads(got["places"][0]) == json.loads(json.dumps(events["places"][0]))
    got_places = gpd.read_parquet(paths["places"] / "part-00000.parquet")
    assert got_places["place_id"].tolist() == places["place_id"].tolist()
    assert got_places["n_mentions"].tolist() == places["n_mentions"].tolist()
    mentions = gpd.pd.concat(
        [gpd.read_parquet(p) for p in sorted(paths["mentions"].glob("part-*.parquet"))],
        ignore_index=True,
    )
    assert len(mentions) == places["n_mentions"].sum()
    first = places.iloc[0]
    mine = mentions[mentions["place_id"] == first["place_id"]]
    assert mine["quote"].tolist() == [m["quote"] for m in first["mentions"]]
    assert mine.geometry.iloc[0].equals(first.geometry)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_write_geoparquet_holds_a_bounded_number_of_mentions_per_place(tmp_path, gaz, reference):
    import geopandas as gpd

    _, places, _ = reference
    busiest = places.sort_values("n_mentions").iloc[-1]
    assert busiest["n_mentions"] > 2
    paths = write_geoparquet(corpus(), tmp_path / "ds", gazetteer_dir=gaz, keep_mentions=2)
    got = gpd.read_parquet(paths["places"] / "part-00000.parquet").set_index("place_id")
    row = got.loc[busiest["place_id"]]
    assert len(json.loads(row["mentions"])) == 2
    assert row["n_mentions"] == busiest["n_mentions"]
    assert json.loads(row["mentions"]) == json.loads(json.dumps(busiest["mentions"][:2]))


def test_write_geoparquet_leaves_nothing_complete_looking_on_failure(tmp_path, gaz, monkeypatch):
    import errno

    import geopandas as gpd

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_parquet", full)
    from geo.errors import OutputError

    with pytest.raises(OutputError, match="No space left"):
        write_geoparquet(corpus()[:3], tmp_path / "ds", gazetteer_dir=gaz)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the CLI


def test_cli_map_is_the_same_with_one_or_two_workers(tmp_path, gaz, capsys):
    from geo.cli.main import main

    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / workers
        code = main(
            [
                *("map", str(REPO / "seeds"), "--out", str(out), "--gazetteer", str(gaz)),
                *("--workers", workers, "--no-cache", "--batch-size", "1"),
            ]
        )
        assert code == 0, capsys.readouterr().err
        outputs[workers] = [(out / n).read_bytes() for n in ("places.geojson", "events.geojson")]
    assert outputs["1"] == outputs["2"]


@pytest.mark.parametrize(
    ("tty", "quiet", "shown"), [(True, False, True), (False, False, False), (True, True, False)]
)
def test_progress_bar_only_on_a_terminal_and_not_with_q(
    tmp_path, gaz, capsys, monkeypatch, tty, quiet, shown
):
    import sys

    from geo.cli.main import main

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "text": "Fighting near Sirte."}) + "\n" for i in range(5)
        )
    )
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    args = ["-q"] if quiet else []
    code = main(
        [*args, "parse", "--jsonl-input", str(jsonl), "--gazetteer", str(gaz), "--no-cache"]
    )
    captured = capsys.readouterr()
    assert code == 0 and len(captured.out.splitlines()) == 5
    assert ("5/5" in captured.err) is shown


def test_cache_drops_results_of_another_geo_version(tmp_path, monkeypatch):
    import sqlite3

    import geo.cache
    from geo.cache import Dependencies, UserOverlay
    from geo.model import Article

    path, overlay, article = tmp_path / "r.sqlite", UserOverlay([]), Article("a", "Rain in Oslo.")
    cache = ResultCache(path, index_digest="g1")
    cache.put_many([(article, Dependencies(keys={"oslo"}), b"old")], overlay)
    cache.close()
    other = ResultCache(path, index_digest="g2")  # another gazetteer: kept
    assert other.pruned == 0
    other.put_many([(article, Dependencies(keys={"oslo"}), b"other gazetteer")], overlay)
    other.close()

    monkeypatch.setattr(geo.cache, "code_digest", lambda: "an upgraded geo")
    upgraded = ResultCache(path, index_digest="g1")
    assert upgraded.pruned == 2
    assert upgraded.get_many([article], overlay) == [None]
    upgraded.put_many([(article, Dependencies(keys={"oslo"}), b"new")], overlay)
    upgraded.close()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT blob FROM results").fetchall() == [(b"new",)]


def test_cache_file_of_an_older_format_is_replaced(tmp_path):
    import sqlite3

    from geo.cache import Dependencies, UserOverlay
    from geo.model import Article

    path = tmp_path / "r.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE results (key TEXT PRIMARY KEY, deps TEXT, overlay TEXT, blob)")
        con.execute("INSERT INTO results VALUES ('k', '[[], [], []]', 'x', x'00')")
    cache = ResultCache(path, index_digest="g")
    assert cache.enabled
    article, overlay = Article("a", "Rain in Oslo."), UserOverlay([])
    cache.put_many([(article, Dependencies(keys={"oslo"}), b"result")], overlay)
    assert cache.get_many([article], overlay) == [b"result"]
    cache.close()
