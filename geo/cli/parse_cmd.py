"""``geo parse``: one JSON object per article on stdout."""

from __future__ import annotations

import json
import sys

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
from geo.pipeline import mention_record, parsed_record

__all__ = ["mention_record", "parse_command", "parsed_record"]


@click.command("parse")
@paths_argument
@jsonl_option
@gazetteer_option
@engine_options
def parse_command(paths, jsonl, gazetteer_dir, workers, engine, scheduler, batch_size, cache):
    """Print the toponyms of articles as JSON Lines (PATHS default: seeds/)."""
    from geo.engine import parse_records
    from geo.pipeline import RunSummary, read_inputs

    if not paths and jsonl is None:
        paths = ("seeds",)
    options = make_engine_options(workers, engine, scheduler, batch_size)
    summary = RunSummary()
    out = sys.stdout
    with progress_bar(total=count_lines(jsonl) if not paths else None) as on_progress:
        for record in parse_records(
            read_inputs(paths, jsonl, summary),
            gazetteer_dir=gazetteer_dir,
            events=False,
            options=options,
            cache=open_cache(cache),
            summary=summary,
            on_progress=on_progress,
        ):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    for path, reason in summary.skipped:
        click.echo(f"geo: skipped {path}: {reason}", err=True)
