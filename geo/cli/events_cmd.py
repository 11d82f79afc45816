"""``geo eval-events``: score event geolocation on sentences annotated with triggers and places."""

from __future__ import annotations

import json
from pathlib import Path

import click

from geo.cli.options import (
    baseline_option,
    fail_on_regressions,
    gazetteer_option,
    json_scores_option,
)


@click.command("eval-events")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Write one JSON line per sentence with the predicted locations.",
)
@json_scores_option
@baseline_option('a figure ({"f1": ...})')
@gazetteer_option
def eval_events_command(gold, predictions, json_out, baseline, gazetteer_dir):
    """Location precision, recall and F1 of the event stage on GOLD JSON Lines."""
    from geo.evaluate import read_jsonl
    from geo.events.evaluate import check_location_baseline, evaluate_locations
    from geo.events.locator import EventLocator
    from geo.pipeline import Geoparser

    locator = EventLocator(Geoparser(gazetteer_dir, events=False))
    lines = list(read_jsonl(gold))
    scores = evaluate_locations(lines, locator.predict_spans)
    click.echo(
        f"events {scores['events']}  gold locations {scores['gold']}  predicted {scores['predicted']}"
        f"  matched {scores['matched']}\n"
        f"location precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  "
        f"F1 {scores['f1']:.3f}\n"
        f"location-less events left empty {scores['empty_correct']:.3f} (of {scores['empty_events']})  "
        f"exact location set {scores['exact']:.3f}"
    )
    if json_out:
        Path(json_out).write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    if predictions:
        out = Path(predictions)
        with out.open("w", encoding="utf-8") as fh:
            for line in lines:
                record = {"id": line["id"], "events": []}
                for event in line.get("events", []):
                    trig = event["trigger"]
                    spans = locator.predict_spans(line["text"], (trig["start"], trig["end"]))
                    record["events"].append(
                        {
                            "trigger": {"start": trig["start"], "end": trig["end"]},
                            "locations": [
                                {"start": s, "end": e, "text": line["text"][s:e]} for s, e in spans
                            ],
                        }
                    )
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    if baseline:
        try:
            problems = check_location_baseline(scores, json.loads(Path(baseline).read_text()))
        except (ValueError, AttributeError, TypeError) as exc:
            raise click.ClickException(
                f'{baseline}: not an event baseline ({exc}); write it as {{"f1": 0.8, ...}}'
            ) from None
        fail_on_regressions(problems, baseline)
