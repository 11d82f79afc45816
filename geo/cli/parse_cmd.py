"""``geo parse``: one JSON object per article on stdout."""

from __future__ import annotations

import json

import click

from geo.cli.options import gazetteer_option, jsonl_option, paths_argument
from geo.model import ParsedArticle


def mention_record(m) -> dict:
    """The ``geo parse`` contract for one toponym."""
    p = m.place
    return {
        "start": m.start,
        "end": m.end,
        "name": m.surface,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "place_id": p.place_id if p else None,
        "place_name": p.name if p else None,
        "kind": p.kind if p else None,
        "country": p.country if p else None,
        "score": m.score,
        "literal": m.literal,
    }


def parsed_record(parsed: ParsedArticle) -> dict:
    """The ``geo parse`` contract for one article."""
    return {"id": parsed.article.id, "toponyms": [mention_record(m) for m in parsed.mentions]}


@click.command("parse")
@paths_argument
@jsonl_option
@gazetteer_option
def parse_command(paths, jsonl, gazetteer_dir):
    """Print the toponyms of articles as JSON Lines (PATHS default: seeds/)."""
    from geo.pipeline import Geoparser, RunSummary, read_inputs

    if not paths and jsonl is None:
        paths = ("seeds",)
    parser = Geoparser(gazetteer_dir, events=False)
    summary = RunSummary()
    out = click.get_text_stream("stdout")
    for article in read_inputs(paths, jsonl, summary):
        parsed = parser.parse_article(article)
        summary.add(parsed)
        out.write(json.dumps(parsed_record(parsed), ensure_ascii=False) + "\n")
    for path, reason in summary.skipped:
        click.echo(f"geo: skipped {path}: {reason}", err=True)
