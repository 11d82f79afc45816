"""Scoring event locations against gold spans (the "Event locations" corpus format).

Each gold line is ``{"text": ..., "events": [{"trigger": {"start", "end"}, "locations":
[{"start", "end"}, ...]}, ...]}``. A predicted span matches a gold span of the same event
when they overlap; matching is one-to-one, largest overlap first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["evaluate_locations", "match_spans"]

Span = tuple[int, int]


def match_spans(gold: Iterable[Span], predicted: Iterable[Span]) -> int:
    """How many predicted spans overlap a distinct gold span (one-to-one).

    Examples
    --------
    >>> match_spans([(0, 5), (10, 15)], [(3, 12)])
    1
    >>> match_spans([(0, 5)], [(0, 2), (2, 5)])
    1
    """
    gold, predicted = list(gold), list(predicted)
    pairs = sorted(
        (
            (min(g[1], p[1]) - max(g[0], p[0]), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if g[0] < p[1] and p[0] < g[1]
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
    return len(used_gold)


def evaluate_locations(
    gold_lines: Iterable[str | Mapping[str, Any]],
    predict: Callable[[str, Span], Iterable[Span]],
) -> dict[str, float]:
    """Location precision, recall and F1 of ``predict`` over gold events.

    Parameters
    ----------
    gold_lines
        JSON lines (strings) or already parsed records.
    predict
        ``predict(text, (trigger_start, trigger_end))`` -> the predicted location spans.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1`` (micro, over location spans), ``empty_correct``
        (share of location-less events predicted empty), ``exact`` (share of events whose
        predicted set matches the gold set one-to-one), and the counts ``events``,
        ``gold``, ``predicted``, ``matched``, ``empty_events``.

    Examples
    --------
    >>> line = {"text": "Rebels attacked Kabul.", "events": [
    ...     {"trigger": {"start": 7, "end": 15}, "locations": [{"start": 16, "end": 21}]}]}
    >>> scores = evaluate_locations([line], lambda text, trigger: [(16, 21)])
    >>> scores["f1"], scores["exact"]
    (1.0, 1.0)
    """
    events = gold_total = pred_total = matched = empty = empty_ok = exact = 0
    for line in gold_lines:
        record = json.loads(line) if isinstance(line, str) else line
        text = record["text"]
        for event in record["events"]:
            trigger = (event["trigger"]["start"], event["trigger"]["end"])
            gold = [(loc["start"], loc["end"]) for loc in event["locations"]]
            predicted = sorted(set(predict(text, trigger)))
            hits = match_spans(gold, predicted)
            events += 1
            gold_total += len(gold)
            pred_total += len(predicted)
            matched += hits
            if not gold:
                empty += 1
                empty_ok += not predicted
            exact += hits == len(gold) == len(predicted)
    precision = matched / pred_total if pred_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "empty_correct": empty_ok / empty if empty else 0.0,
        "exact": exact / events if events else 0.0,
        "events": events,
        "gold": gold_total,
        "predicted": pred_total,
        "matched": matched,
        "empty_events": empty,
    }


#: The figures of :func:`evaluate_locations` a baseline file may hold (all higher-is-better).
BASELINE_METRICS = ("precision", "recall", "f1", "empty_correct", "exact")


def check_location_baseline(
    scores: Mapping[str, float], baseline: Mapping[str, float], tolerance: float = 0.02
) -> list[str]:
    """Messages for every figure of ``scores`` that fell below ``baseline`` by more than ``tolerance``.

    Raises
    ------
    ValueError
        For a baseline figure that :func:`evaluate_locations` does not give.

    Examples
    --------
    >>> check_location_baseline({"f1": 0.80}, {"f1": 0.81})
    []
    >>> check_location_baseline({"f1": 0.70}, {"f1": 0.81})
    ['f1 is 0.700, 0.110 below the baseline 0.810 (tolerance 0.02)']
    """
    messages = []
    for metric, target in baseline.items():
        if metric not in BASELINE_METRICS:
            raise ValueError(
                f"unknown figure {metric!r} in the baseline; use {', '.join(BASELINE_METRICS)}"
            )
        actual = float(scores[metric])
        if actual < float(target) - tolerance:
            messages.append(
                f"{metric} is {actual:.3f}, {float(target) - actual:.3f} below the baseline "
                f"{float(target):.3f} (tolerance {tolerance})"
            )
    return messages
