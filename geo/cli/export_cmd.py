"""``geo export``: the events (and places) of articles as GeoJSON, GeoPackage, CSV or GeoParquet."""

from __future__ import annotations

from pathlib import Path

import click

from geo.cli.options import (
    count_lines,
    engine_options,
    gazetteer_option,
    jsonl_option,
    make_engine_options,
    open_cache,
    paths_argument,
    progress_bar,
)

FORMATS = ("geojson", "gpkg", "csv", "parquet")


@click.command("export")
@paths_argument
@jsonl_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="geojson",
    show_default=True,
    help="geojson: events (RFC 7946); gpkg: events, places and routes layers (GDAL/QGIS); "
    "csv: ACLED-like event columns; parquet: partitioned GeoParquet folder.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=str),
    help="The file to write (a folder for parquet).",
)
@gazetteer_option
@engine_options
def export_command(
    paths, jsonl, fmt, output, gazetteer_dir, workers, engine, scheduler, batch_size, cache
):
    """Export the events of articles (PATHS: files or folders; default seeds/)."""
    from geo.cli.map_cmd import print_summary
    from geo.engine import map_frames, write_geoparquet
    from geo.export import write_csv, write_geojson, write_gpkg
    from geo.pipeline import RunSummary, read_inputs

    if not paths and jsonl is None:
        paths = ("seeds",)
    options = make_engine_options(workers, engine, scheduler, batch_size)
    summary = RunSummary()
    target = Path(output)
    with progress_bar(total=count_lines(jsonl) if not paths else None) as on_progress:
        common = dict(
            gazetteer_dir=gazetteer_dir,
            options=options,
            cache=open_cache(cache),
            summary=summary,
            on_progress=on_progress,
        )
        if fmt == "parquet":
            written = write_geoparquet(read_inputs(paths, jsonl, summary), target, **common)
            print_summary(summary, written)
            return
        places, events = map_frames(read_inputs(paths, jsonl, summary), **common)
    if fmt == "geojson":
        write_geojson(events, target)
    elif fmt == "gpkg":
        write_gpkg(events, places, target)
    else:
        write_csv(events, target)
    print_summary(summary, {fmt: target})
