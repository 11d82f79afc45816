"""Train the event-location selector (``geo/events/data/locator_model.json``).

Reads the event-location corpus (Halterman 2019, ``events.dev.jsonl``) where it lies, proposes
the place mentions of every sentence as :class:`geo.events.locator.EventLocator` does, reads
them for every event with :func:`geo.events.roles.read_mentions`, and labels each (event,
mention) pair by whether the mention overlaps a gold location of the event.

The model has two stages of histogram gradient-boosted trees: the first scores each pair on
its own features (:func:`geo.events.selector.pair_features`); the second reads the same
features plus what the first stage said about all of the event's mentions
(:func:`geo.events.selector.stack_features`). The second stage learns from first-stage
probabilities of sentences the first stage did not see (an inner 5-fold split), as it will
meet them on new text. Then:

1. **5-fold cross-validation by sentence**: train both stages on four fifths, score the
   held-out fifth with the project's own :func:`geo.events.evaluate.evaluate_locations`; the
   two decision thresholds are those that maximise the pooled out-of-fold F1. This is the
   honest figure.
2. **The shipped model**: both stages trained on all of it with those thresholds, written as
   JSON (feature names, trees, thresholds) that :mod:`geo.events.selector` scores with numpy.

Needs scikit-learn at training time only::

    .venv/bin/pip install scikit-learn
    .venv/bin/python bench/train_event_locator.py            # about 25 minutes here
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
from collections.abc import Callable, Sequence
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


def _fit(x, y, seed: int, n_estimators: int, leaves: int, learning_rate: float):
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=n_estimators,
        max_leaf_nodes=leaves,
        learning_rate=learning_rate,
        min_samples_leaf=10,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=seed,
    )
    model.fit(x, y)
    return model


def _to_selector(model, names: list[str], **kwargs):
    """The fitted model as a :class:`geo.events.selector.Selector`, unused features dropped.

    A leaf's value already carries the learning rate, so the selector's is 1.
    """
    from geo.events.selector import Selector, Tree

    nodes = [predictor[0].nodes for predictor in model._predictors]
    used = sorted({int(n["feature_idx"]) for tree in nodes for n in tree if not n["is_leaf"]})
    column = {old: new for new, old in enumerate(used)}
    trees = []
    for tree in nodes:
        feature, threshold, left, right, value = [], [], [], [], []
        for node in tree:
            leaf = bool(node["is_leaf"])
            feature.append(-1 if leaf else column[int(node["feature_idx"])])
            threshold.append(0.0 if leaf else float(node["num_threshold"]))
            left.append(-1 if leaf else int(node["left"]))
            right.append(-1 if leaf else int(node["right"]))
            value.append(round(float(node["value"]), 6) if leaf else 0.0)
        trees.append(
            Tree(tuple(feature), tuple(threshold), tuple(left), tuple(right), tuple(value))
        )
    init = float(model._baseline_prediction.ravel()[0])
    return Selector([names[i] for i in used], trees, init=init, learning_rate=1.0, **kwargs)


def _split(events: list[dict], probs) -> list[list[float]]:
    """Flat per-pair probabilities cut back into one list per event."""
    out, k = [], 0
    for event in events:
        n = len(event["labels"])
        out.append([float(v) for v in probs[k : k + n]])
        k += n
    return out


def _stacked(events: list[dict], probs: list[list[float]]) -> list[dict]:
    """``events`` with each pair's features extended by the first stage's view of its event."""
    from geo.events.selector import stack_features

    out = []
    for event, p in zip(events, probs, strict=True):
        rows = [{**f, **g} for f, g in zip(event["features"], stack_features(p), strict=True)]
        out.append({**event, "features": rows})
    return out


def _with_stack(names: list[str]) -> list[str]:
    from geo.events.selector import STACK_FEATURES

    return names + list(STACK_FEATURES)


def _fold_of(records: Sequence[int], folds: int, seed: int) -> dict[int, int]:
    """A fold number per sentence (record index): ``records`` shuffled with ``seed``, dealt out."""
    order = list(records)
    random.Random(seed).shuffle(order)
    return {r: i % folds for i, r in enumerate(order)}


def _out_of_fold(
    events: list[dict],
    fold_of: dict[int, int],
    folds: int,
    fit_predict: Callable[[list[dict], list[dict]], list[list[float]]],
    verbose: bool = False,
) -> list[list[float]]:
    """Per event, the probabilities of a model that did not see its sentence.

    ``fit_predict(train, held)`` trains on ``train`` and returns one probability list per
    event of ``held``; ``verbose`` prints a line as each fold is done.
    """
    oof: list[list[float]] = [[] for _ in events]
    for fold in range(folds):
        train = [e for e in events if fold_of[e["record"]] != fold]
        held = [i for i, e in enumerate(events) if fold_of[e["record"]] == fold]
        for i, p in zip(held, fit_predict(train, [events[i] for i in held]), strict=True):
            oof[i] = p
        if verbose:
            print(f"  fold {fold} trained", flush=True)
    return oof


def train_two_stage(events: list[dict], names: list[str], args) -> tuple:
    """First stage on ``events``; the second on the first's out-of-fold probabilities.

    The second stage must learn from probabilities like those it will see on new text,
    so each training event's first-stage probabilities come from a model that did not
    see its sentence (``args.folds``-fold, by sentence). Returns both fitted models.
    """

    def fit_first(train: list[dict]):
        return _fit(*_matrix(train, names), args.seed, args.trees, args.leaves, args.learning_rate)

    def first_stage(train: list[dict], held: list[dict]) -> list[list[float]]:
        return _split(held, fit_first(train).predict_proba(_matrix(held, names)[0])[:, 1])

    inner = _fold_of(sorted({e["record"] for e in events}), args.folds, args.seed + 1)
    oof = _out_of_fold(events, inner, args.folds, first_stage)
    first = fit_first(events)
    x, y = _matrix(_stacked(events, oof), _with_stack(names))
    second = _fit(x, y, args.seed, args.stack_trees, args.stack_leaves, args.learning_rate)
    return first, second


def predict_two_stage(first, second, events: list[dict], names: list[str]) -> list[list[float]]:
    """Per event, the second stage's probabilities of its pairs."""
    if not events:
        return []
    p1 = _split(events, first.predict_proba(_matrix(events, names)[0])[:, 1])
    x, _ = _matrix(_stacked(events, p1), _with_stack(names))
    return _split(events, second.predict_proba(x)[:, 1])


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


def cross_validate(
    records: list[dict], events: list[dict], names: list[str], args
) -> tuple[float, float]:
    """Print the cross-validated figures; return the thresholds that maximise pooled F1."""

    def both_stages(train: list[dict], held: list[dict]) -> list[list[float]]:
        return predict_two_stage(*train_two_stage(train, names, args), held, names)

    fold_of = _fold_of(range(len(records)), args.folds, args.seed)
    oof = _out_of_fold(events, fold_of, args.folds, both_stages, verbose=True)
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

    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--gazetteer-dir", default=str(REPO / "gazetteer"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--trees", type=int, default=400, help="first-stage trees")
    parser.add_argument("--leaves", type=int, default=31, help="leaves per first-stage tree")
    parser.add_argument("--stack-trees", type=int, default=200, help="second-stage trees")
    parser.add_argument("--stack-leaves", type=int, default=15, help="leaves per second-stage tree")
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument(
        "--min-count", type=int, default=20, help="drop features seen in fewer pairs"
    )
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--no-write", action="store_true", help="report figures only")
    parser.add_argument(
        "--thresholds",
        type=float,
        nargs=2,
        metavar=("BEST", "OTHERS"),
        help="skip cross-validation and ship with these thresholds (from an earlier run)",
    )
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

    if args.thresholds:
        best = tuple(args.thresholds)
        print(f"thresholds {best[0]:.2f}/{best[1]:.2f} as given: no cross-validation")
    else:
        best = cross_validate(records, events, names, args)

    first, second = train_two_stage(events, names, args)
    stage2 = _to_selector(second, _with_stack(names))
    selector = _to_selector(first, names, threshold=best[0], threshold_others=best[1], stack=stage2)
    full = [selector.probabilities(e["features"]) for e in events]
    fitted = predict_two_stage(first, second, events, names)
    pairs = [(a, b) for p, q in zip(full, fitted, strict=True) for a, b in zip(p, q, strict=True)]
    drift = max((abs(a - b) for a, b in pairs), default=0.0)
    if drift > 1e-4:  # leaf values are written to six decimals
        print(f"error: the exported model differs from the fitted one by {drift:.2g}")
        return 1
    print(f"exported model matches the fitted one on every pair (largest difference {drift:.1g})")
    shipped = _score(records, events, full, selector.decide)
    print(f"shipped model on the whole dev half: {_fmt(shipped)}")
    print(
        f"{len(selector.features)} of {len(names)} features used by the first stage, "
        f"{len(stage2.features)} by the second"
    )
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        data = selector.to_dict()
        args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
