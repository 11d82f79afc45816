"""Tests of geo.evaluate on small hand-made corpora."""

from __future__ import annotations

import itertools
import json
import logging
import math
import random

import pytest

from geo.errors import GeoError
from geo.evaluate import (
    MAX_ERROR_KM,
    EvaluationError,
    Resolution,
    auc_of_errors,
    check_baseline,
    corpus_name,
    evaluate_corpus,
    format_report,
    match_spans,
    predictions_by_id,
    read_jsonl,
    report_to_dict,
)
from geo.geodesy import EARTH_RADIUS_KM, great_circle_km

PARIS = (48.8566, 2.3522)
LONDON = (51.5074, -0.1278)
LYON = (45.7640, 4.8357)
TEXT = "Paris is far from London and Lyon."


def topo(start, end, lat=None, lon=None, kind=None, text=TEXT, **extra):
    """A toponym dict over ``text[start:end]``."""
    return {"start": start, "end": end, "name": text[start:end], "lat": lat, "lon": lon,
            "kind": kind, **extra}  # fmt: skip


def gold_doc(doc_id="gwn-1", source="GeoWebNews", toponyms=None, text=TEXT):
    if toponyms is None:
        toponyms = [
            topo(0, 5, *PARIS, kind="literal:Literal"),
            topo(18, 24, *LONDON, kind="associative:Metonymic"),
            topo(29, 33, *LYON, kind="literal:Literal"),
        ]
    return {"id": doc_id, "source": source, "text": text, "toponyms": toponyms}


def perfect_predictions(docs):
    return {d["id"]: [dict(t) for t in d["toponyms"]] for d in docs}


# ---------------------------------------------------------------- distances


def test_paris_london_distance():
    assert great_circle_km(*PARIS, *LONDON) == pytest.approx(343.5, abs=0.2)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((10.0, 20.0), (10.0, 20.0), 0.0),
        ((0.0, 0.0), (0.0, 180.0), math.pi * EARTH_RADIUS_KM),
        ((90.0, 0.0), (-90.0, 0.0), math.pi * EARTH_RADIUS_KM),
        ((0.0, 179.5), (0.0, -179.5), math.radians(1.0) * EARTH_RADIUS_KM),  # dateline
    ],
)
def test_great_circle_known_values(a, b, expected):
    assert great_circle_km(*a, *b) == pytest.approx(expected, abs=1e-6)
    assert great_circle_km(*b, *a) == pytest.approx(expected, abs=1e-6)


# ---------------------------------------------------------------------- AUC


def test_auc_hand_computed_for_three_errors():
    # sorted log-errors: 0, ln 11, ln 101; trapezoids: (0 + ln11)/2 + (ln11 + ln101)/2
    expected = (math.log(11) + math.log(101) / 2) / (2 * math.log(20039))
    assert auc_of_errors([100.0, 0.0, 10.0]) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("errors", "expected"),
    [
        ([0.0, 0.0, 0.0], 0.0),
        ([MAX_ERROR_KM] * 4, 1.0),
        ([MAX_ERROR_KM], 1.0),
        ([10.0], math.log(11) / math.log(20039)),
        ([0.0, MAX_ERROR_KM], 0.5),
        ([1e9, 1e9], 1.0),  # capped at the maximum error
    ],
)
def test_auc_bounds_and_single_error(errors, expected):
    assert auc_of_errors(errors) == pytest.approx(expected)


def test_auc_of_nothing_is_nan():
    assert math.isnan(auc_of_errors([]))


@pytest.mark.parametrize("bad", [-1.0, math.nan])
def test_auc_rejects_bad_errors(bad):
    with pytest.raises(EvaluationError, match="cannot be scored"):
        auc_of_errors([1.0, bad])


# ----------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("gold", "pred", "mode", "expected"),
    [
        ([(0, 5), (10, 14)], [(10, 14), (0, 5)], "exact", [(0, 1), (1, 0)]),
        ([(0, 5)], [(0, 6)], "exact", []),
        ([(0, 5)], [(0, 6)], "overlap", [(0, 0)]),
        ([(0, 5)], [(5, 9)], "overlap", []),  # touching is not overlapping
        # one-to-one: a duplicate or a second overlapping prediction counts once
        ([(0, 5)], [(0, 5), (0, 5)], "exact", [(0, 0)]),
        ([(0, 10)], [(0, 4), (5, 10)], "overlap", [(0, 1)]),
        ([(0, 10)], [(0, 3), (2, 10)], "overlap", [(0, 1)]),  # largest overlap wins
        ([(0, 3), (4, 10)], [(0, 10)], "overlap", [(1, 0)]),
        # a greedy "largest overlap first" would match only (0, 0) here
        ([(0, 10), (10, 12)], [(5, 12), (0, 3)], "overlap", [(0, 1), (1, 0)]),
        ([], [(0, 3)], "overlap", []),
        ([(0, 3)], [], "exact", []),
    ],
)
def test_match_spans(gold, pred, mode, expected):
    assert match_spans(gold, pred, mode) == expected


def _best_overlap_matching(gold, pred):
    """Brute force: most pairs, then largest total overlap."""

    def size(g, p):
        return max(0, min(g[1], p[1]) - max(g[0], p[0]))

    best = (0, 0)
    for perm in itertools.permutations(range(len(pred)), min(len(gold), len(pred))):
        sizes = [size(gold[i], pred[j]) for i, j in enumerate(perm)]
        best = max(best, (sum(1 for s in sizes if s), sum(sizes)))
    return best


def test_overlap_matching_is_optimal_on_random_spans():
    rng = random.Random(7)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 4) + rng.randint(0, 4)):
            start = rng.randint(0, 20)
            spans.append((start, start + rng.randint(1, 6)))
        gold, pred = spans[: len(spans) // 2], spans[len(spans) // 2 :]
        pairs = match_spans(gold, pred, "overlap")
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        sizes = [min(gold[i][1], pred[j][1]) - max(gold[i][0], pred[j][0]) for i, j in pairs]
        assert all(s > 0 for s in sizes)
        assert (len(pairs), sum(sizes)) == _best_overlap_matching(gold, pred)
        assert match_spans(gold, pred, "overlap") == pairs  # deterministic


@pytest.mark.parametrize(
    ("gold", "pred", "mode", "message"),
    [
        ([(3, 3)], [], "exact", "empty or reversed"),
        ([], [(5, 2)], "overlap", "predicted span"),
        ([], [], "fuzzy", "unknown match mode"),
    ],
)
def test_match_spans_rejects_bad_input(gold, pred, mode, message):
    with pytest.raises(EvaluationError, match=message):
        match_spans(gold, pred, mode)


# ------------------------------------------------------------------ corpora


def test_perfect_prediction():
    docs = [gold_doc()]
    report = evaluate_corpus(docs, perfect_predictions(docs))
    metrics = report.metrics()
    for name in ("exact_f1", "overlap_f1", "exact_precision", "acc161", "end_to_end_acc161"):
        assert metrics[name] == 1.0
    assert metrics["auc"] == 0.0
    assert metrics["median_km"] == metrics["mean_km"] == 0.0
    assert (report.exact.gold, report.exact.predicted, report.exact.matched) == (3, 3, 3)


def test_no_prediction():
    report = evaluate_corpus([gold_doc()], {})
    assert report.exact.recall == report.overlap.recall == 0.0
    assert report.exact.f1 == 0.0
    assert math.isnan(report.exact.precision)
    assert report.toponyms.resolution_exact.n == 0
    assert math.isnan(report.acc161)
    assert report.toponyms.end_to_end_acc161 == 0.0


def test_overlap_counts_where_exact_does_not():
    # "Paris is" instead of "Paris": found by overlap, missed by exact matching
    docs = [gold_doc(toponyms=[topo(0, 5, *PARIS)])]
    report = evaluate_corpus(docs, {"gwn-1": [topo(0, 8, *PARIS)]})
    assert report.exact.recall == 0.0 and report.overlap.recall == 1.0
    assert report.toponyms.resolution_exact.n == 0
    assert report.toponyms.resolution_overlap.n == 1
    assert report.toponyms.end_to_end_acc161 == 1.0  # end to end uses overlap matching


def test_two_predictions_on_one_gold_count_once():
    docs = [
        gold_doc(text="New York City", toponyms=[topo(0, 13, 40.71, -74.0, text="New York City")])
    ]
    preds = {"gwn-1": [topo(0, 8, 40.71, -74.0), topo(9, 13, 40.71, -74.0)]}
    report = evaluate_corpus(docs, preds)
    assert report.overlap.matched == 1
    assert report.overlap.precision == 0.5
    assert report.toponyms.resolution_overlap.n == 1


def test_prediction_without_coordinates_scores_max_error():
    docs = [gold_doc(toponyms=[topo(0, 5, *PARIS), topo(18, 24, *LONDON)])]
    preds = {"gwn-1": [topo(0, 5), topo(18, 24, *PARIS)]}
    res = evaluate_corpus(docs, preds).toponyms.resolution_exact
    assert (res.n, res.no_coords, res.within_161) == (2, 1, 0)
    assert res.mean_km == pytest.approx((MAX_ERROR_KM + great_circle_km(*PARIS, *LONDON)) / 2)
    assert res.auc == pytest.approx(
        (math.log1p(great_circle_km(*PARIS, *LONDON)) / math.log(20039) + 1) / 2
    )


def test_gold_without_coordinates_is_not_scored_for_resolution():
    docs = [gold_doc(toponyms=[topo(0, 5), topo(18, 24, *LONDON)])]
    report = evaluate_corpus(docs, {"gwn-1": [topo(0, 5, *PARIS), topo(18, 24, *LONDON)]})
    assert report.exact.recall == 1.0
    assert report.toponyms.gold_with_coords == 1
    assert report.toponyms.resolution_exact.n == 1
    assert report.toponyms.end_to_end_acc161 == 1.0


def test_geonames_only_ignores_annotator_coordinates():
    docs = [gold_doc(toponyms=[topo(0, 5, *PARIS, geonameid=2988507), topo(18, 24, *LONDON)])]
    preds = {"gwn-1": [topo(0, 5, *PARIS), topo(18, 24, *PARIS)]}
    assert evaluate_corpus(docs, preds).acc161 == 0.5
    assert evaluate_corpus(docs, preds, geonames_only=True).acc161 == 1.0


def test_accuracy_counts_errors_up_to_161_km():
    # one degree of latitude is 111.2 km; 1.45 degrees is 161.2 km
    docs = [gold_doc(text="A B", toponyms=[topo(0, 1, 0.0, 0.0, text="A"), topo(2, 3, 0.0, 0.0)])]
    preds = {"gwn-1": [topo(0, 1, 1.0, 0.0), topo(2, 3, 1.45, 0.0)]}
    assert evaluate_corpus(docs, preds).acc161 == 0.5
    assert Resolution.from_errors([161.0, 161.001]).within_161 == 1  # 161 km itself counts


def test_breakdown_by_kind_and_group():
    docs = [gold_doc()]
    # Paris right, London (metonymic) missed, Lyon placed in Paris
    preds = {"gwn-1": [topo(0, 5, *PARIS), topo(29, 33, *PARIS)]}
    report = evaluate_corpus(docs, preds)
    assert set(report.by_kind) == {"literal:Literal", "associative:Metonymic"}
    assert set(report.by_group) == {"literal", "associative"}
    literal = report.by_group["literal"]
    assert (literal.gold, literal.matched_exact, literal.recall_exact) == (2, 2, 1.0)
    assert literal.resolution_exact.acc161 == 0.5
    assert literal.end_to_end_acc161 == 0.5
    associative = report.by_kind["associative:Metonymic"]
    assert associative.recall_overlap == 0.0
    assert associative.resolution_exact.n == 0


def test_breakdown_by_feature_class():
    text = "Ohio and Troy"
    docs = [
        gold_doc(
            "lgl-1",
            "LGL",
            text=text,
            toponyms=[
                topo(0, 4, 40.25, -83.0, kind="A.ADM1", text=text),
                topo(9, 13, 42.73, -73.69, kind="P.PPL", text=text),
            ],
        ),
        gold_doc("lgl-2", "LGL", text=text, toponyms=[topo(0, 4, kind=None, text=text)]),
    ]
    report = evaluate_corpus(docs, {"lgl-1": [topo(0, 4, 40.25, -83.0, text=text)]})
    assert report.name == "lgl"
    assert set(report.by_group) == {"A", "P"}
    assert set(report.by_kind) == {"A.ADM1", "P.PPL"}  # no kind: no row
    assert report.by_group["A"].recall_exact == 1.0
    assert report.by_group["P"].recall_exact == 0.0
    assert report.toponyms.gold == 3


def test_kind_without_group_has_no_group_row():
    docs = [gold_doc("geovirus-1", "GeoVirus", toponyms=[topo(0, 5, *PARIS, kind="continent")])]
    report = evaluate_corpus(docs, {})
    assert set(report.by_kind) == {"continent"} and report.by_group == {}


def test_predictions_for_other_corpora_are_ignored():
    docs = [gold_doc(), gold_doc("gwn-2")]
    preds = perfect_predictions(docs[:1]) | {"lgl-9": [topo(0, 5)]}
    report = evaluate_corpus(docs, preds)
    assert report.documents == 2 and report.unmatched_ids == 1
    assert report.exact.predicted == 3 and report.exact.recall == 0.5


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"id": "gwn-1", "source": "GeoWebNews"}, "geowebnews"),
        ({"id": "trnews-1", "source": "TR-News"}, "trnews"),
        ({"id": "wiktor-7"}, "wiktor"),
        ({"id": "gwn-7"}, "geowebnews"),
    ],
)
def test_corpus_name(doc, expected):
    assert corpus_name(doc) == expected


def test_report_name_can_be_given_or_mixed():
    docs = [gold_doc(), gold_doc("lgl-1", "LGL")]
    assert evaluate_corpus(docs, {}).name == "geowebnews+lgl"
    assert evaluate_corpus(docs, {}, name="mine").name == "mine"


@pytest.mark.parametrize(
    ("prediction", "message"),
    [
        ({"end": 5, "lat": None, "lon": None}, "lacks 'start'/'end'"),
        ({"start": 5, "end": 2}, "0 <= start < end"),
        ({"start": "0", "end": 5}, "integer"),
        ({"start": 0, "end": 5, "lat": 91.0, "lon": 0.0}, "outside the globe"),
        ({"start": 0, "end": 5, "lat": 48.0, "lon": None}, "give both or neither"),
        ({"start": 0, "end": 5, "lat": "north", "lon": 2.0}, "non-numeric"),
    ],
)
def test_bad_predictions_name_the_article(prediction, message):
    with pytest.raises(EvaluationError, match=message) as info:
        evaluate_corpus([gold_doc()], {"gwn-1": [prediction]})
    assert "predicted toponym 0 of 'gwn-1'" in str(info.value)
    assert isinstance(info.value, GeoError) and isinstance(info.value, ValueError)


def test_duplicate_gold_ids_are_rejected():
    with pytest.raises(EvaluationError, match="occurs twice"):
        evaluate_corpus([gold_doc(), gold_doc()], {})


def test_names_that_disagree_with_offsets_are_logged(caplog):
    bad = topo(0, 5, *PARIS) | {"name": "Lyon"}
    with caplog.at_level(logging.WARNING, logger="geo.evaluate"):
        evaluate_corpus([gold_doc()], {"gwn-1": [bad]})
    assert "1 predicted toponyms have a name that differs" in caplog.text


# ------------------------------------------------------------------- output


def test_format_report_has_corpus_rows_and_breakdowns():
    docs = [gold_doc()]
    lgl = [gold_doc("lgl-1", "LGL", toponyms=[topo(0, 5, *PARIS, kind="P.PPLC")])]
    text = format_report(
        [evaluate_corpus(docs, perfect_predictions(docs)), evaluate_corpus(lgl, {})]
    )
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["corpus", "docs", "gold"]
    assert lines[1].split()[:7] == ["geowebnews", "1", "3", "3", "1.000", "1.000", "1.000"]
    assert lines[2].split()[:5] == ["lgl", "1", "1", "0", "-"]  # undefined precision
    for title in ("geowebnews by group", "geowebnews by kind", "lgl by group", "lgl by kind"):
        assert title in lines
    widths = {len(line) for line in lines[:3]}
    assert len(widths) == 1  # fixed width


def test_report_to_dict_is_strict_json():
    report = evaluate_corpus([gold_doc()], {})
    data = report_to_dict(report)
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["exact"]["precision"] is None
    assert data["exact"]["recall"] == 0.0
    assert data["by_group"]["literal"]["gold"] == 2
    assert data["metrics"]["exact_f1"] == 0.0


# ---------------------------------------------------------------- baselines


@pytest.fixture
def half_right():
    """A GeoWebNews report with exact F1 0.8 (2 of 3 found) and acc161 0.5."""
    docs = [gold_doc()]
    preds = {"gwn-1": [topo(0, 5, *PARIS), topo(29, 33, *PARIS)]}
    return evaluate_corpus(docs, preds)


@pytest.mark.parametrize(
    ("baseline", "flagged"),
    [
        ({"geowebnews": {"exact_f1": 0.81, "acc161": 0.51}}, []),  # within tolerance
        ({"geowebnews": {"exact_f1": 0.85}}, ["exact_f1"]),
        ({"GeoWebNews": {"acc161": 0.9, "exact_precision": 1.0}}, ["acc161"]),
        ({"geowebnews": {"auc": 0.1}}, ["auc"]),  # lower is better: a rise is a drop
        ({"geowebnews": {"mean_km": 100.0}}, ["mean_km"]),
        ({"lgl": {"exact_f1": 0.99}}, []),  # corpus not evaluated
    ],
)
def test_check_baseline(half_right, baseline, flagged):
    messages = check_baseline([half_right], baseline)
    assert [m.split()[1] for m in messages] == flagged
    assert all(m.startswith("geowebnews: ") for m in messages)


def test_check_baseline_flags_undefined_figures():
    report = evaluate_corpus([gold_doc()], {})
    (message,) = check_baseline([report], {"geowebnews": {"acc161": 0.9}})
    assert "undefined" in message


def test_check_baseline_rejects_unknown_metric(half_right):
    with pytest.raises(EvaluationError, match="unknown metric 'f2'"):
        check_baseline([half_right], {"geowebnews": {"f2": 0.5}})


# -------------------------------------------------------------------- files


def test_read_jsonl_names_the_bad_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"gold\.jsonl:2: not valid JSON"):
        list(read_jsonl(path))


def test_read_jsonl_missing_file(tmp_path):
    with pytest.raises(EvaluationError, match="cannot read"):
        list(read_jsonl(tmp_path / "nope.jsonl"))


def test_predictions_by_id_rejects_duplicates():
    with pytest.raises(EvaluationError, match="given twice"):
        predictions_by_id([{"id": "a", "toponyms": []}, {"id": "a", "toponyms": []}])
