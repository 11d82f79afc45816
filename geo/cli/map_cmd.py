"""``geo map``: read articles, write map.html, places.geojson and events.geojson."""

from __future__ import annotations

import os
import tempfile
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
from geo.errors import OutputError


def check_writable(out_dir: str) -> Path:
    """Create ``out_dir`` if needed and prove it can be written, before any work."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".geo-write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(
            f"cannot write to the output folder {out_dir} ({exc.strerror or exc}); "
            "choose another with --out DIR or fix its permissions"
        ) from None
    return out


def print_summary(summary, paths: dict | None = None) -> None:
    """The run's counts on stderr, with what to add to the gazetteer (nothing with ``-q``)."""
    context = click.get_current_context(silent=True)
    if context is not None and context.find_root().params.get("quiet"):
        return
    for path, reason in summary.skipped:
        click.echo(f"geo: skipped {path}: {reason}", err=True)
    click.echo(
        f"articles: {summary.articles} read, {len(summary.skipped)} skipped; "
        f"toponyms: {summary.toponyms} found, {summary.resolved} resolved, "
        f"{sum(summary.unresolved.values())} unresolved; events: {summary.events}",
        err=True,
    )
    if summary.unresolved:
        names = ", ".join(f"{n} ({c})" for n, c in summary.unresolved.most_common(20))
        click.echo(f"unresolved (add with `geo gazetteer add`): {names}", err=True)
    for name, path in (paths or {}).items():
        click.echo(f"wrote {name}: {path}", err=True)


@click.command("map")
@paths_argument
@jsonl_option
@click.option("--out", "out_dir", default="output", show_default=True, help="Output folder.")
@click.option("--title", default="geo", show_default=True, help="Title of the map page.")
@gazetteer_option
@engine_options
def map_command(
    paths, jsonl, out_dir, title, gazetteer_dir, workers, engine, scheduler, batch_size, cache
):
    """Map the places and events of articles (PATHS: files or folders; default seeds/)."""
    from geo.engine import map_frames
    from geo.pipeline import RunSummary, read_inputs, write_frames

    if not paths and jsonl is None:
        paths = ("seeds",)
    options = make_engine_options(workers, engine, scheduler, batch_size)
    check_writable(out_dir)
    summary = RunSummary()
    with progress_bar(total=count_lines(jsonl) if not paths else None) as on_progress:
        places, events = map_frames(
            read_inputs(paths, jsonl, summary),
            gazetteer_dir=gazetteer_dir,
            options=options,
            cache=open_cache(cache),
            summary=summary,
            on_progress=on_progress,
        )
    written = write_frames(places, events, out_dir, title=title)
    print_summary(summary, written)
