"""``geo eval``: score the geoparser on annotated corpora."""

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


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@json_scores_option
@baseline_option("a corpus")
@gazetteer_option
def eval_command(gold, json_out, baseline, gazetteer_dir):
    """Run the geoparser on GOLD JSON Lines files and print the scores per corpus."""
    from geo.articles import iter_jsonl
    from geo.evaluate import (
        check_baseline,
        corpus_name,
        evaluate_corpus,
        format_report,
        read_jsonl,
        report_to_dict,
    )
    from geo.pipeline import Geoparser, mention_record

    parser = Geoparser(gazetteer_dir, events=False)
    reports = []
    for path in gold:
        docs = list(read_jsonl(path))
        predictions = {}
        for article in iter_jsonl(path):
            parsed = parser.parse_article(article)
            # scored exactly as ``geo parse`` prints them
            predictions[article.id] = [mention_record(m) for m in parsed.mentions]
        name = corpus_name(docs[0]) if docs else Path(path).stem
        reports.append(evaluate_corpus(docs, predictions, name=name))
    click.echo(format_report(reports))
    if json_out:
        Path(json_out).write_text(json.dumps([report_to_dict(r) for r in reports], indent=2))
    if baseline:
        fail_on_regressions(
            check_baseline(reports, json.loads(Path(baseline).read_text())), baseline
        )
