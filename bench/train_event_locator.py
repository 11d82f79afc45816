"""Train the event-location selector (``geo/events/data/locator_model.json``).

Reads the event-location corpus (Halterman 2019, ``events.dev.jsonl``) where it lies, proposes
the place mentions of every sentence as :class:`geo.events.locator.EventLocator` does, reads
them for every event with :func:`geo.events.roles.read_mentions`, and labels each (event,
mention) pair by whether the mention overlaps a gold location of the event. Then:

1. **5-fold cross-validation by sentence**: train on four fifths, score the held-out fifth
   with the project's own :func:`geo.events.evaluate.evaluate_locations`; the decision
   threshold is the one that maximises the pooled out-of-fold F1. This is the honest figure.
2. **The shipped model**: trained on all of it with that threshold, written as JSON (feature
   names, trees, threshold) that :mod:`geo.events.selector` scores with the standard library.

Needs scikit-learn at training time only::

    .venv/bin/pip install scikit-learn
    .venv/bin/python bench/train_event_locator.py            # about two minutes here
    .venv/bin/python bench/train_event_locator.py --no-write # figures only

The eval data is read where it lies and never copied into the repository; the script skips
with a message when it is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "events.dev.jsonl"
DEFAULT_OUT = REPO / "geo" / "events" / "data" / "locator_model.json"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def build_pairs(records: list[dict], gazetteer_dir: str | None = None) -> list[dict]:
    """One item per event: its readings' features, labels and spans, with its record index."""
    from geo.events.lexicon import event_type_of
    from geo.events.locator import EventLocator
    from geo.events.roles import read_mentions
    from geo.events.selector import LEGS, NEVER, pair_features
    from geo.pipeline import Geoparser

    locator = EventLocator(Geoparser(gazetteer_dir, events=False), selector=None)
    events = []
    for index, record in enumerate(records):
        text = record["text"]
        mentions, sources = locator._proposals(text)
        for event in record["events"]:
            trigger = (event["trigger"]["start"], event["trigger"]["end"])
            gold = [(g["start"], g["end"]) for g in event["locations"]]
            etype = event_type_of(text[trigger[0] : trigger[1]])
            readings = [
                r
                for r in read_mentions(text, trigger, mentions, event_type=etype)
                if r.rule not in NEVER
            ]
            features = pair_features(text, trigger, readings, event_type=etype, sources=sources)
            spans = [(r.mention.start, r.mention.end) for r in readings]
            labels = [int(any(_overlaps(s, g) for g in gold)) for s in spans]
            events.append(
                {
                    "record": index,
                    "trigger": trigger,
                    "features": features,
                    "labels": labels,
                    "spans": spans,
                    # a movement's legs read by the rules are kept whatever the model says
                    "legs": [r.role in LEGS for r in readings],
                }
            )
    return events


def _matrix(events: list[dict], names: list[str]):
    import numpy as np

    column = {n: i for i, n in enumerate(names)}
    rows = [f for e in events for f in e["features"]]
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    for i, f in enumerate(rows):
        for name, value in f.items():
            j = column.get(name)
            if j is not None:
                x[i, j] = value
    y = np.array([label for e in events for label in e["labels"]], dtype=np.int64)
    return x, y


def _fit(x, y, seed: int, n_estimators: int, depth: int, learning_rate: float):
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=n_estimators,
        max_depth=depth,
        learning_rate=learning_rate,
        subsample=0.8,
        min_samples_leaf=10,
        random_state=seed,
    )
    model.fit(x, y)
    return model


def _to_selector(model, names: list[str], threshold: float, threshold_others: float):
    """The fitted model as a :class:`geo.events.selector.Selector`, unused features dropped."""
    import math

    from geo.events.selector import Selector, Tree

    estimators = model.estimators_[:, 0]
    used = sorted({int(f) for e in estimators for f in e.tree_.feature if f >= 0})
    column = {old: new for new, old in enumerate(used)}
    prior = model.init_.class_prior_[1]
    trees = []
    for estimator in estimators:
        t = estimator.tree_
        trees.append(
            Tree(
                tuple(column[int(f)] if f >= 0 else -1 for f in t.feature),
                tuple(
                    float(v) if f >= 0 else 0.0 for f, v in zip(t.feature, t.threshold, strict=True)
                ),
                tuple(int(v) for v in t.children_left),
                tuple(int(v) for v in t.children_right),
                tuple(round(float(v), 5) for v in t.value[:, 0, 0]),
            )
        )
    return Selector(
        [names[i] for i in used],
        trees,
        init=math.log(prior / (1 - prior)),
        learning_rate=model.learning_rate,
        threshold=threshold,
        threshold_others=threshold_others,
    )


def _score(records: list[dict], events: list[dict], probs: list[list[float]], decide):
    """evaluate_locations over the records of ``events``; ``decide(probs)`` keeps pairs.

    As :meth:`geo.events.selector.Selector.select` does, the legs of a movement that the
    rules read are kept whatever ``decide`` says.

    Predictions depend only on the text and the trigger, so they are looked up by both.
    """
    from geo.events.evaluate import evaluate_locations

    predicted: dict[tuple[str, tuple[int, int]], list[tuple[int, int]]] = {}
    for event, p in zip(events, probs, strict=True):
        keep = [k or leg for k, leg in zip(decide(p), event["legs"], strict=True)]
        spans = [s for s, k in zip(event["spans"], keep, strict=True) if k]
        predicted[records[event["record"]]["text"], event["trigger"]] = spans
    wanted = sorted({e["record"] for e in events})
    return evaluate_locations(
        [records[i] for i in wanted], lambda text, trigger: predicted[text, trigger]
    )


def _decider(threshold: float, threshold_others: float):
    from geo.events.selector import Selector

    return Selector(
        [], [], init=0.0, learning_rate=1.0, threshold=threshold, threshold_others=threshold_others
    ).decide


def _fmt(s: dict) -> str:
    return (
        f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
        f"empty_correct {s['empty_correct']:.3f}  exact {s['exact']:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--gazetteer-dir", default=str(REPO / "gazetteer"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--trees", type=int, default=250)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--learning-rate", type=float, default=0.06)
    parser.add_argument(
        "--min-count", type=int, default=30, help="drop features seen in fewer pairs"
    )
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--no-write", action="store_true", help="report figures only")
    parser.add_argument(
        "--dump", type=Path, default=None, help="write the out-of-fold pairs here (JSON Lines)"
    )
    args = parser.parse_args(argv)

    if not args.gold.is_file():
        print(f"skipped: {args.gold} not found (the event-location corpus is not here)")
        return 0
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("skipped: scikit-learn is needed to train (pip install scikit-learn)")
        return 0

    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    events = build_pairs(records, args.gazetteer_dir)
    counts = Counter(name for e in events for f in e["features"] for name in f)
    names = sorted(name for name, n in counts.items() if n >= args.min_count)
    print(f"{len(records)} sentences, {len(events)} events, {len(names)} features")

    order = list(range(len(records)))
    random.Random(args.seed).shuffle(order)
    fold_of = {r: i % args.folds for i, r in enumerate(order)}
    oof: list[list[float]] = [[] for _ in events]
    for fold in range(args.folds):
        train = [e for e in events if fold_of[e["record"]] != fold]
        held = [i for i, e in enumerate(events) if fold_of[e["record"]] == fold]
        x, y = _matrix(train, names)
        model = _fit(x, y, args.seed, args.trees, args.depth, args.learning_rate)
        xh, _ = _matrix([events[i] for i in held], names)
        p = model.predict_proba(xh)[:, 1] if len(xh) else []
        k = 0
        for i in held:
            n = len(events[i]["labels"])
            oof[i] = [float(v) for v in p[k : k + n]]
            k += n
    grid = [(a / 100, b / 100) for a in range(20, 62, 3) for b in range(30, 82, 4) if b >= a]
    best = max(grid, key=lambda ab: _score(records, events, oof, _decider(*ab))["f1"])
    decide = _decider(*best)
    cv = _score(records, events, oof, decide)
    print(f"{args.folds}-fold cross-validated (thresholds {best[0]:.2f}/{best[1]:.2f}): {_fmt(cv)}")
    for fold in range(args.folds):
        sub = [e for e in events if fold_of[e["record"]] == fold]
        probs = [oof[i] for i, e in enumerate(events) if fold_of[e["record"]] == fold]
        print(f"  fold {fold}: {_fmt(_score(records, sub, probs, decide))}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for event, p in zip(events, oof, strict=True):
                text = records[event["record"]]["text"]
                gold = [
                    (g["start"], g["end"])
                    for e in records[event["record"]]["events"]
                    if (e["trigger"]["start"], e["trigger"]["end"]) == event["trigger"]
                    for g in e["locations"]
                ]
                item = {"text": text, "trigger": event["trigger"], "gold": gold, "pairs": []}
                for span, label, q, f in zip(
                    event["spans"], event["labels"], p, event["features"], strict=True
                ):
                    item["pairs"].append(
                        {"span": span, "label": label, "p": round(q, 3), "features": f}
                    )
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")

    x, y = _matrix(events, names)
    model = _fit(x, y, args.seed, args.trees, args.depth, args.learning_rate)
    selector = _to_selector(model, names, *best)
    full = [[selector.probability(f) for f in e["features"]] for e in events]
    shipped = _score(records, events, full, selector.decide)
    print(f"shipped model on the whole dev half: {_fmt(shipped)}")
    print(f"{len(selector.features)} of {len(names)} features used by the trees")
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        data = selector.to_dict()
        args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
