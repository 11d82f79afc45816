"""Geoparsing metrics: recognition, resolution and end-to-end scores.

The gold corpora are JSON Lines files in the schema of ``shared/eval/README.md``
(one article per line with ``id``, ``source``, ``text`` and ``toponyms``, each
toponym a dict with ``start``, ``end``, ``name``, ``lat``, ``lon``,
``geonameid`` and ``kind``). Predictions map an article id to its predicted
toponyms, each a dict with ``start``, ``end``, ``name``, ``lat`` and ``lon``
(coordinates may be ``None``).

Three families of figures are computed:

* **recognition**: micro precision, recall and F1 of the spans, once with
  exact matching and once with one-to-one overlap matching
  (:func:`match_spans`);
* **resolution**: over the gold toponyms that have coordinates and were
  matched (exactly, and separately by overlap): accuracy within 161 km, the
  median and mean great-circle error, and the AUC of Gritta et al.
  (:func:`auc_of_errors`). A matched prediction without coordinates gets
  :data:`MAX_ERROR_KM`;
* **end to end**: the share of *all* gold toponyms with coordinates that were
  found (overlap match) and placed within 161 km.

Everything is also broken down by the gold ``kind`` and by its group (the part
before the first ``:``, e.g. ``literal``/``associative`` in GeoWebNews, or the
GeoNames feature class before the ``.``, e.g. ``P`` in LGL and TR-News).
Precision is not defined per gold kind, so slices report recall only.

Examples
--------
>>> gold = [{"id": "lgl-1", "source": "LGL", "text": "Paris and Lyon",
...          "toponyms": [{"start": 0, "end": 5, "name": "Paris", "lat": 48.8566,
...                        "lon": 2.3522, "kind": "P.PPLC"}]}]
>>> pred = {"lgl-1": [{"start": 0, "end": 5, "name": "Paris", "lat": 48.86, "lon": 2.35}]}
>>> report = evaluate_corpus(gold, pred)
>>> report.name, report.exact.f1, report.acc161
('lgl', 1.0, 1.0)
"""

from __future__ import annotations

import json
import logging
import math
import re
import statistics
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from geo.errors import GeoError
from geo.geodesy import great_circle_km

logger = logging.getLogger(__name__)

MAX_ERROR_KM = 20039.0
"""The error given to a matched prediction without coordinates (Gritta et al.)."""

ACC_KM = 161.0
"""The radius of accuracy@161 km (100 miles)."""

MatchMode = Literal["exact", "overlap"]

_LOWER_IS_BETTER_KM = ("median_km", "mean_km", "overlap_median_km", "overlap_mean_km")
_LOWER_IS_BETTER = ("auc", "overlap_auc", *_LOWER_IS_BETTER_KM)
_ID_PREFIX_ALIASES = {"gwn": "geowebnews"}


class EvaluationError(GeoError, ValueError):
    """Gold data, predictions or a baseline cannot be scored as given."""


# --------------------------------------------------------------------------
# Elementary metrics
# --------------------------------------------------------------------------


def auc_of_errors(errors_km: Iterable[float]) -> float:
    """Area under the sorted ``log(1 + error_km)`` curve, normalised to [0, 1].

    After Gritta et al.: the errors are sorted, each becomes ``log(1 + e)``,
    the curve is integrated with the trapezoid rule over the indices
    ``0 .. n-1`` and divided by ``log(20039) * (n - 1)``. With one error the
    result is that error's normalised value; with none it is ``nan``. Each
    log-error is capped at ``log(20039)`` so that the penalty
    :data:`MAX_ERROR_KM` scores exactly 1 (no great-circle distance exceeds
    20016 km, so the cap changes nothing else). Lower is better.

    Parameters
    ----------
    errors_km : iterable of float
        Non-negative errors in km.

    Returns
    -------
    float
        0 for a perfect resolver, 1 when every error is 20039 km.

    Raises
    ------
    EvaluationError
        If an error is negative or not a number.

    Examples
    --------
    >>> auc_of_errors([0.0, 0.0])
    0.0
    >>> auc_of_errors([MAX_ERROR_KM] * 3)
    1.0
    >>> auc_of_errors([])
    nan
    """
    ceiling = math.log(MAX_ERROR_KM)
    values = []
    for error in errors_km:
        if not error >= 0:  # also catches nan
            raise EvaluationError(
                f"error {error!r} km cannot be scored; errors must be numbers >= 0"
            )
        values.append(min(math.log1p(error) / ceiling, 1.0))
    values.sort()
    n = len(values)
    if n == 0:
        return math.nan
    if n == 1:
        return values[0]
    area = math.fsum(values) - (values[0] + values[-1]) / 2
    return area / (n - 1)


def match_spans(
    gold: Sequence[tuple[int, int]],
    pred: Sequence[tuple[int, int]],
    mode: MatchMode = "exact",
) -> list[tuple[int, int]]:
    """Match predicted spans to gold spans one-to-one.

    ``exact`` pairs equal spans. ``overlap`` pairs spans that share at least
    one character; among all one-to-one matchings it picks one with the most
    pairs and, among those, the largest total overlap (an optimal assignment
    per group of mutually overlapping spans, so a greedy choice cannot cost a
    match). The result does not depend on anything but the input order.

    Parameters
    ----------
    gold, pred : sequence of (start, end)
        Character offsets, end exclusive, ``start < end``.
    mode : {"exact", "overlap"}
        How spans must agree.

    Returns
    -------
    list of (int, int)
        ``(gold_index, pred_index)`` pairs, sorted by gold index.

    Raises
    ------
    EvaluationError
        For an unknown mode or an empty or reversed span.

    Examples
    --------
    >>> match_spans([(0, 5), (10, 14)], [(0, 5), (9, 14)], "exact")
    [(0, 0)]
    >>> match_spans([(0, 5), (10, 14)], [(0, 5), (9, 14)], "overlap")
    [(0, 0), (1, 1)]
    >>> match_spans([(0, 10)], [(0, 3), (2, 10)], "overlap")  # the larger overlap wins
    [(0, 1)]
    """
    for side, spans in (("gold", gold), ("predicted", pred)):
        for start, end in spans:
            if not start < end:
                raise EvaluationError(
                    f"{side} span ({start}, {end}) is empty or reversed; "
                    "spans are (start, end) with start < end"
                )
    if mode == "exact":
        return _match_exact(gold, pred)
    if mode == "overlap":
        return _match_overlap(gold, pred)
    raise EvaluationError(f"unknown match mode {mode!r}; use 'exact' or 'overlap'")


def _match_exact(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    free: dict[tuple[int, int], list[int]] = {}
    for j in reversed(range(len(pred))):
        free.setdefault((pred[j][0], pred[j][1]), []).append(j)
    pairs = []
    for i, (start, end) in enumerate(gold):
        waiting = free.get((start, end))
        if waiting:
            pairs.append((i, waiting.pop()))
    return pairs


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match_overlap(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    edges: dict[int, dict[int, int]] = {}
    pred_edges: dict[int, list[int]] = {}
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            size = _overlap(g, p)
            if size:
                edges.setdefault(i, {})[j] = size
                pred_edges.setdefault(j, []).append(i)
    pairs: list[tuple[int, int]] = []
    seen: set[int] = set()
    for root in sorted(edges):
        if root in seen:
            continue
        # Collect the connected group of gold and predicted spans.
        rows, cols, stack = [], set(), [root]
        seen.add(root)
        while stack:
            i = stack.pop()
            rows.append(i)
            for j in edges[i]:
                if j not in cols:
                    cols.add(j)
                    for k in pred_edges[j]:
                        if k not in seen:
                            seen.add(k)
                            stack.append(k)
        rows.sort()
        col_list = sorted(cols)
        if len(rows) == 1 and len(col_list) == 1:
            pairs.append((rows[0], col_list[0]))
            continue
        # Lexicographic objective: number of pairs first, then total overlap.
        big = sum(gold[i][1] - gold[i][0] for i in rows) + 1
        weight = [[big + edges[i][j] if j in edges[i] else 0 for j in col_list] for i in rows]
        for r, c in _max_weight_assignment(weight):
            if weight[r][c]:
                pairs.append((rows[r], col_list[c]))
    pairs.sort()
    return pairs


def _max_weight_assignment(weight: list[list[int]]) -> list[tuple[int, int]]:
    """Row/column pairs of a maximum-weight assignment (Hungarian algorithm)."""
    transposed = len(weight) > len(weight[0])
    if transposed:
        weight = [list(col) for col in zip(*weight, strict=True)]
    n, m = len(weight), len(weight[0])
    cost = [[-w for w in row] for row in weight]
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: 1-based row assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    result = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    if transposed:
        result = [(c, r) for r, c in result]
    return sorted(result)


# --------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------


def _share(part: int, whole: int) -> float:
    return part / whole if whole else math.nan


@dataclass(frozen=True)
class Recognition:
    """Span counts and micro precision, recall and F1 for one matching mode.

    ``precision`` is ``nan`` when nothing was predicted, ``recall`` when there
    is no gold; ``f1`` is ``2 * matched / (gold + predicted)``, so it is 0 when
    either side is empty and the other is not.

    Examples
    --------
    >>> r = Recognition(gold=4, predicted=2, matched=2)
    >>> r.precision, r.recall, round(r.f1, 3)
    (1.0, 0.5, 0.667)
    """

    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        """Matched share of the predictions."""
        return _share(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        """Matched share of the gold spans."""
        return _share(self.matched, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _share(2 * self.matched, self.gold + self.predicted)


@dataclass(frozen=True)
class Resolution:
    """Coordinate errors of matched gold toponyms that have coordinates.

    ``n`` counts the scored toponyms, ``within_161`` those placed within
    :data:`ACC_KM` (inclusive), ``no_coords`` the matched predictions that
    carried no coordinates (scored :data:`MAX_ERROR_KM`). The figures are
    ``nan`` when ``n`` is 0.

    Examples
    --------
    >>> Resolution.from_errors([0.0, 100.0, 20039.0]).acc161
    0.6666666666666666
    """

    n: int
    within_161: int
    no_coords: int
    median_km: float
    mean_km: float
    auc: float

    @property
    def acc161(self) -> float:
        """Share of the scored toponyms placed within 161 km."""
        return _share(self.within_161, self.n)

    @classmethod
    def from_errors(cls, errors_km: Sequence[float], no_coords: int = 0) -> Resolution:
        """Summarise a list of errors in km."""
        if not errors_km:
            return cls(0, 0, no_coords, math.nan, math.nan, math.nan)
        return cls(
            n=len(errors_km),
            within_161=sum(1 for e in errors_km if e <= ACC_KM),
            no_coords=no_coords,
            median_km=statistics.median(errors_km),
            mean_km=statistics.fmean(errors_km),
            auc=auc_of_errors(errors_km),
        )


@dataclass(frozen=True)
class SliceReport:
    """Recall, resolution and end-to-end figures over a set of gold toponyms.

    Used for the whole corpus and for each gold kind or kind group.
    ``end_to_end`` counts the gold toponyms with coordinates that an
    overlapping prediction placed within 161 km; ``end_to_end_acc161`` divides
    it by ``gold_with_coords``.

    Examples
    --------
    >>> s = SliceReport(gold=2, gold_with_coords=2, matched_exact=1, matched_overlap=2,
    ...     resolution_exact=Resolution.from_errors([5.0]),
    ...     resolution_overlap=Resolution.from_errors([5.0, 900.0]), end_to_end=1)
    >>> s.recall_exact, s.recall_overlap, s.end_to_end_acc161
    (0.5, 1.0, 0.5)
    """

    gold: int
    gold_with_coords: int
    matched_exact: int
    matched_overlap: int
    resolution_exact: Resolution
    resolution_overlap: Resolution
    end_to_end: int

    @property
    def recall_exact(self) -> float:
        """Share of the gold toponyms matched exactly."""
        return _share(self.matched_exact, self.gold)

    @property
    def recall_overlap(self) -> float:
        """Share of the gold toponyms matched by overlap."""
        return _share(self.matched_overlap, self.gold)

    @property
    def end_to_end_acc161(self) -> float:
        """Share of gold toponyms with coordinates found and placed within 161 km."""
        return _share(self.end_to_end, self.gold_with_coords)


@dataclass(frozen=True)
class CorpusReport:
    """All figures for one corpus; see :func:`evaluate_corpus`.

    ``toponyms`` holds the recall, resolution and end-to-end figures over all
    gold toponyms; ``by_kind`` and ``by_group`` the same per gold ``kind``
    and per kind group. :meth:`metrics` flattens the headline figures under
    the names :func:`check_baseline` understands.
    """

    name: str
    documents: int
    exact: Recognition
    overlap: Recognition
    toponyms: SliceReport
    by_kind: dict[str, SliceReport] = field(default_factory=dict)
    by_group: dict[str, SliceReport] = field(default_factory=dict)
    unmatched_ids: int = 0

    @property
    def acc161(self) -> float:
        """Accuracy@161 km over the exactly matched gold toponyms with coordinates."""
        return self.toponyms.resolution_exact.acc161

    def metrics(self) -> dict[str, float]:
        """Headline figures by name (the keys a baseline file may use).

        Examples
        --------
        >>> report = evaluate_corpus(
        ...     [{"id": "lgl-1", "text": "Rome", "toponyms": [{"start": 0, "end": 4,
        ...       "name": "Rome", "lat": 41.9, "lon": 12.5}]}], {})
        >>> report.metrics()["exact_recall"], report.metrics()["end_to_end_acc161"]
        (0.0, 0.0)
        """
        res_ex = self.toponyms.resolution_exact
        res_ov = self.toponyms.resolution_overlap
        return {
            "exact_precision": self.exact.precision,
            "exact_recall": self.exact.recall,
            "exact_f1": self.exact.f1,
            "overlap_precision": self.overlap.precision,
            "overlap_recall": self.overlap.recall,
            "overlap_f1": self.overlap.f1,
            "acc161": res_ex.acc161,
            "median_km": res_ex.median_km,
            "mean_km": res_ex.mean_km,
            "auc": res_ex.auc,
            "overlap_acc161": res_ov.acc161,
            "overlap_median_km": res_ov.median_km,
            "overlap_mean_km": res_ov.mean_km,
            "overlap_auc": res_ov.auc,
            "end_to_end_acc161": self.toponyms.end_to_end_acc161,
        }


# --------------------------------------------------------------------------
# Scoring a corpus
# --------------------------------------------------------------------------


def corpus_name(doc: Mapping[str, Any]) -> str:
    """The short corpus name of a gold article, as used in baseline files.

    Taken from ``source`` (lower case, letters and digits only), else from the
    id prefix before the first ``-`` (``gwn`` becomes ``geowebnews``).

    Examples
    --------
    >>> corpus_name({"id": "trnews-12", "source": "TR-News"})
    'trnews'
    >>> corpus_name({"id": "gwn-3"})
    'geowebnews'
    """
    source = doc.get("source")
    if source:
        return _normalise_name(str(source))
    prefix = str(doc.get("id", "")).split("-", 1)[0].lower()
    return _ID_PREFIX_ALIASES.get(prefix, prefix) or "unknown"


def _normalise_name(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


@dataclass
class _Outcome:
    """What happened to one gold toponym."""

    kind: str | None
    has_coords: bool
    exact: bool = False
    overlap: bool = False
    exact_error: float | None = None
    overlap_error: float | None = None
    exact_no_coords: bool = False
    overlap_no_coords: bool = False


def _group_of(kind: str) -> str | None:
    """``literal`` for ``literal:Literal``, ``P`` for ``P.PPL``, else ``None``."""
    for sep in (":", "."):
        if sep in kind:
            return kind.split(sep, 1)[0]
    return None


def _coords(record: Mapping[str, Any], where: str) -> tuple[float, float] | None:
    lat, lon = record.get("lat"), record.get("lon")
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        raise EvaluationError(f"{where} has lat={lat!r}, lon={lon!r}; give both or neither")
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        raise EvaluationError(
            f"{where} has non-numeric coordinates lat={lat!r}, lon={lon!r}; use decimal degrees"
        ) from None
    if not (-90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):
        raise EvaluationError(
            f"{where} has coordinates lat={lat_f}, lon={lon_f} outside the globe; "
            "use WGS84 decimal degrees (lat in [-90, 90], lon in [-180, 180])"
        )
    return lat_f, lon_f


def _span(record: Mapping[str, Any], where: str) -> tuple[int, int]:
    try:
        start, end = record["start"], record["end"]
    except (KeyError, TypeError):
        raise EvaluationError(f"{where} lacks 'start'/'end'; every toponym needs both") from None
    if isinstance(start, bool) or isinstance(end, bool):
        raise EvaluationError(f"{where} has start={start!r}, end={end!r}; use integers")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise EvaluationError(
            f"{where} has span ({start!r}, {end!r}); use integer code-point offsets "
            "with 0 <= start < end"
        )
    return start, end


def _error_km(gold_xy: tuple[float, float], pred: Mapping[str, Any], where: str) -> float | None:
    xy = _coords(pred, where)
    if xy is None:
        return None
    return great_circle_km(gold_xy[0], gold_xy[1], xy[0], xy[1])


def evaluate_corpus(
    gold_docs: Iterable[Mapping[str, Any]],
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    name: str | None = None,
    geonames_only: bool = False,
) -> CorpusReport:
    """Score predicted toponyms against one gold corpus.

    Parameters
    ----------
    gold_docs : iterable of dict
        Gold articles in the schema of ``shared/eval/README.md``.
    predictions : mapping of str to sequence of dict
        Article id to predicted toponyms (``start``, ``end``, ``name``,
        ``lat``, ``lon``; coordinates may be ``None``). Articles without an
        entry count as "nothing predicted"; ids not in the gold are ignored
        (their number is ``unmatched_ids``), so one mapping can hold the
        predictions for several corpora.
    name : str, optional
        Corpus name; default :func:`corpus_name` of the articles (names
        joined with ``+`` if they differ).
    geonames_only : bool
        Score resolution and end to end only on gold toponyms with a
        ``geonameid``, as the GeoWebNews paper does (it leaves out the
        street-level coordinates supplied by the annotators).

    Returns
    -------
    CorpusReport
        Recognition (exact and overlap), resolution over the exactly matched
        and over the overlap-matched gold toponyms with coordinates, the end
        to end share (overlap matching: a found toponym with slightly
        different boundaries still lands on the map), and the per-kind
        breakdowns.

    Raises
    ------
    EvaluationError
        For a duplicate gold id or a malformed toponym (the message names the
        article and the toponym).

    Examples
    --------
    >>> gold = [{"id": "gwn-1", "text": "Paris and Lyon",
    ...          "toponyms": [{"start": 0, "end": 5, "name": "Paris", "lat": 48.86,
    ...                        "lon": 2.35, "kind": "literal:Literal"},
    ...                       {"start": 10, "end": 14, "name": "Lyon", "lat": 45.76,
    ...                        "lon": 4.84, "kind": "literal:Literal"}]}]
    >>> pred = {"gwn-1": [{"start": 0, "end": 5, "name": "Paris", "lat": None, "lon": None}]}
    >>> r = evaluate_corpus(gold, pred)
    >>> r.exact.recall, r.exact.precision, r.toponyms.resolution_exact.mean_km
    (0.5, 1.0, 20039.0)
    >>> r.by_group["literal"].gold
    2
    """
    outcomes: list[_Outcome] = []
    names: set[str] = set()
    seen_ids: set[str] = set()
    n_pred = mismatched_names = 0
    for doc in gold_docs:
        doc_id = str(doc.get("id"))
        if doc_id in seen_ids:
            raise EvaluationError(f"gold article id {doc_id!r} occurs twice; ids must be unique")
        seen_ids.add(doc_id)
        names.add(corpus_name(doc))
        pred = list(predictions.get(doc_id) or ())
        n_pred += len(pred)
        mismatched_names += _check_predictions(doc_id, doc.get("text") or "", pred)
        outcomes += _score_document(doc_id, list(doc.get("toponyms") or ()), pred, geonames_only)
    if mismatched_names:
        logger.warning(
            "%d predicted toponyms have a name that differs from the text at their "
            "offsets; check how the offsets were computed (code points, end exclusive)",
            mismatched_names,
        )
    by_kind: dict[str, list[_Outcome]] = {}
    by_group: dict[str, list[_Outcome]] = {}
    for outcome in outcomes:
        if outcome.kind:
            by_kind.setdefault(outcome.kind, []).append(outcome)
            group = _group_of(outcome.kind)
            if group:
                by_group.setdefault(group, []).append(outcome)
    totals = _summarise(outcomes)
    report = CorpusReport(
        name=name if name is not None else "+".join(sorted(names)) or "empty",
        documents=len(seen_ids),
        exact=Recognition(totals.gold, n_pred, totals.matched_exact),
        overlap=Recognition(totals.gold, n_pred, totals.matched_overlap),
        toponyms=totals,
        by_kind={k: _summarise(v) for k, v in sorted(by_kind.items())},
        by_group={k: _summarise(v) for k, v in sorted(by_group.items())},
        unmatched_ids=len(set(predictions) - seen_ids),
    )
    logger.debug("%s: %r", report.name, report.metrics())
    return report


def _check_predictions(doc_id: str, text: str, pred: Sequence[Mapping[str, Any]]) -> int:
    """Validate one article's predictions; return how many names disagree with the text."""
    mismatches = 0
    for k, t in enumerate(pred):
        where = f"predicted toponym {k} of {doc_id!r}"
        start, end = _span(t, where)
        _coords(t, where)
        surface = text[start:end]
        if text and t.get("name") is not None and surface != t["name"]:
            mismatches += 1
            logger.debug("%s is named %r but the text there is %r", where, t["name"], surface)
    return mismatches


def _score_document(
    doc_id: str,
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    geonames_only: bool,
) -> list[_Outcome]:
    """Match one article's predictions to its gold toponyms and measure the errors."""
    outcomes = []
    gold_xy = []
    for k, t in enumerate(gold):
        xy = _coords(t, f"gold toponym {k} of {doc_id!r}")
        if geonames_only and t.get("geonameid") is None:
            xy = None
        gold_xy.append(xy)
        outcomes.append(_Outcome(kind=t.get("kind"), has_coords=xy is not None))
    gold_spans = [_span(t, f"gold toponym {k} of {doc_id!r}") for k, t in enumerate(gold)]
    pred_spans = [(t["start"], t["end"]) for t in pred]
    for mode in ("exact", "overlap"):
        for i, j in match_spans(gold_spans, pred_spans, mode):
            outcome, xy = outcomes[i], gold_xy[i]
            setattr(outcome, mode, True)
            if xy is None:
                continue
            error = _error_km(xy, pred[j], f"predicted toponym {j} of {doc_id!r}")
            if error is None:
                setattr(outcome, f"{mode}_no_coords", True)
                error = MAX_ERROR_KM
            setattr(outcome, f"{mode}_error", error)
    return outcomes


def _summarise(outcomes: Sequence[_Outcome]) -> SliceReport:
    exact_errors = [o.exact_error for o in outcomes if o.exact_error is not None]
    overlap_errors = [o.overlap_error for o in outcomes if o.overlap_error is not None]
    return SliceReport(
        gold=len(outcomes),
        gold_with_coords=sum(o.has_coords for o in outcomes),
        matched_exact=sum(o.exact for o in outcomes),
        matched_overlap=sum(o.overlap for o in outcomes),
        resolution_exact=Resolution.from_errors(
            exact_errors, no_coords=sum(o.exact_no_coords for o in outcomes)
        ),
        resolution_overlap=Resolution.from_errors(
            overlap_errors, no_coords=sum(o.overlap_no_coords for o in outcomes)
        ),
        end_to_end=sum(1 for e in overlap_errors if e <= ACC_KM),
    )


# --------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSON Lines file, skipping blank lines.

    Raises
    ------
    EvaluationError
        If the file cannot be read or a line is not a JSON object (the
        message names the file and the line).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "gold.jsonl")
    ...     _ = open(p, "w").write('{"id": "a"}\\n\\n{"id": "b"}\\n')
    ...     [doc["id"] for doc in read_jsonl(p)]
    ['a', 'b']
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationError(
                        f"{path}:{number}: not valid JSON ({exc.msg}); write one object per line"
                    ) from None
                if not isinstance(record, dict):
                    raise EvaluationError(
                        f"{path}:{number}: expected a JSON object, got {type(record).__name__}"
                    )
                yield record
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc.strerror or exc}") from None


def predictions_by_id(records: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Turn prediction records ``{"id", "toponyms": [...]}`` into ``{id: toponyms}``.

    Raises
    ------
    EvaluationError
        For a record without an ``id`` or an id given twice.

    Examples
    --------
    >>> predictions_by_id([{"id": "lgl-1", "toponyms": []}, {"id": "lgl-2"}])
    {'lgl-1': [], 'lgl-2': []}
    """
    result: dict[str, list[dict[str, Any]]] = {}
    for number, record in enumerate(records, 1):
        doc_id = record.get("id")
        if doc_id is None:
            raise EvaluationError(f"prediction record {number} has no 'id'; add the article id")
        if doc_id in result:
            raise EvaluationError(f"predictions for {doc_id!r} given twice; merge them")
        result[str(doc_id)] = list(record.get("toponyms") or ())
    return result


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _resolution_dict(res: Resolution) -> dict[str, Any]:
    return {
        "n": res.n,
        "within_161": res.within_161,
        "no_coords": res.no_coords,
        "acc161": _clean(res.acc161),
        "median_km": _clean(res.median_km),
        "mean_km": _clean(res.mean_km),
        "auc": _clean(res.auc),
    }


def _slice_dict(s: SliceReport) -> dict[str, Any]:
    return {
        "gold": s.gold,
        "gold_with_coords": s.gold_with_coords,
        "matched_exact": s.matched_exact,
        "matched_overlap": s.matched_overlap,
        "recall_exact": _clean(s.recall_exact),
        "recall_overlap": _clean(s.recall_overlap),
        "resolution_exact": _resolution_dict(s.resolution_exact),
        "resolution_overlap": _resolution_dict(s.resolution_overlap),
        "end_to_end": s.end_to_end,
        "end_to_end_acc161": _clean(s.end_to_end_acc161),
    }


def report_to_dict(report: CorpusReport) -> dict[str, Any]:
    """A JSON-ready dict of a report (``nan`` becomes ``None``).

    Examples
    --------
    >>> import json
    >>> r = evaluate_corpus([{"id": "wiktor-1", "text": "", "toponyms": []}], {})
    >>> d = report_to_dict(r)
    >>> d["name"], d["exact"]["f1"], json.loads(json.dumps(d)) == d
    ('wiktor', None, True)
    """

    def recognition(r: Recognition) -> dict[str, Any]:
        return {
            "gold": r.gold,
            "predicted": r.predicted,
            "matched": r.matched,
            "precision": _clean(r.precision),
            "recall": _clean(r.recall),
            "f1": _clean(r.f1),
        }

    return {
        "name": report.name,
        "documents": report.documents,
        "unmatched_ids": report.unmatched_ids,
        "exact": recognition(report.exact),
        "overlap": recognition(report.overlap),
        "toponyms": _slice_dict(report.toponyms),
        "metrics": {k: _clean(v) for k, v in report.metrics().items()},
        "by_group": {k: _slice_dict(v) for k, v in report.by_group.items()},
        "by_kind": {k: _slice_dict(v) for k, v in report.by_kind.items()},
    }


def _fmt(value: float, digits: int = 3) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def _km(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[c]) for r in rows)) for c, h in enumerate(header)]
    lines = []
    for row in (header, *rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


_CORPUS_COLUMNS = (
    "corpus docs gold pred P-ex R-ex F1-ex P-ov R-ov F1-ov res-n acc161 med-km mean-km AUC e2e161"
)
_SLICE_COLUMNS = "gold coords R-ex R-ov res-n acc161 med-km mean-km AUC e2e161"


def _slice_cells(s: SliceReport) -> list[str]:
    res = s.resolution_exact
    return [
        str(s.gold),
        str(s.gold_with_coords),
        _fmt(s.recall_exact),
        _fmt(s.recall_overlap),
        str(res.n),
        _fmt(res.acc161),
        _km(res.median_km),
        _km(res.mean_km),
        _fmt(res.auc),
        _fmt(s.end_to_end_acc161),
    ]


def format_report(reports: Sequence[CorpusReport]) -> str:
    """A fixed-width text table: one row per corpus, then each breakdown.

    Columns: ``P/R/F1-ex`` and ``-ov`` are recognition with exact and overlap
    matching; ``res-n``, ``acc161``, ``med-km``, ``mean-km`` and ``AUC`` are
    resolution over exactly matched gold toponyms with coordinates; ``e2e161``
    is the end-to-end share; ``-`` marks an undefined figure.

    Examples
    --------
    >>> gold = [{"id": "gwn-1", "text": "Rome", "toponyms": [{"start": 0, "end": 4,
    ...          "name": "Rome", "lat": 41.9, "lon": 12.5, "kind": "literal:Literal"}]}]
    >>> text = format_report([evaluate_corpus(gold, {})])
    >>> lines = text.splitlines()
    >>> lines[0].split()[:6]
    ['corpus', 'docs', 'gold', 'pred', 'P-ex', 'R-ex']
    >>> lines[1].split()[:6]
    ['geowebnews', '1', '1', '0', '-', '0.000']
    >>> lines[3], lines[5].split()[:3]
    ('geowebnews by group', ['literal', '1', '1'])
    """
    header = _CORPUS_COLUMNS.split()
    rows = []
    for r in reports:
        s = r.toponyms
        res = s.resolution_exact
        rows.append(
            [
                r.name,
                str(r.documents),
                str(r.exact.gold),
                str(r.exact.predicted),
                _fmt(r.exact.precision),
                _fmt(r.exact.recall),
                _fmt(r.exact.f1),
                _fmt(r.overlap.precision),
                _fmt(r.overlap.recall),
                _fmt(r.overlap.f1),
                str(res.n),
                _fmt(res.acc161),
                _km(res.median_km),
                _km(res.mean_km),
                _fmt(res.auc),
                _fmt(s.end_to_end_acc161),
            ]
        )
    lines = _table(header, rows)
    for r in reports:
        for title, slices in (("group", r.by_group), ("kind", r.by_kind)):
            if not slices:
                continue
            ordered = sorted(slices.items(), key=lambda item: (-item[1].gold, item[0]))
            lines += ["", f"{r.name} by {title}"]
            lines += _table(
                [title, *_SLICE_COLUMNS.split()],
                [[key, *_slice_cells(s)] for key, s in ordered],
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------


def check_baseline(
    reports: Sequence[CorpusReport],
    baseline: Mapping[str, Mapping[str, float]],
    tolerance: float = 0.02,
) -> list[str]:
    """Messages for every figure that fell below its baseline by more than ``tolerance``.

    ``baseline`` maps a corpus name (as in :func:`corpus_name`; case and
    punctuation are ignored) to ``{metric: value}``, with the metric names of
    :meth:`CorpusReport.metrics`. For shares and ``auc`` the tolerance is
    absolute; for lower-is-better figures (``auc``, ``*_km``) a regression is
    a rise, and for km figures the tolerance is relative (0.02 allows 2 %
    more km). An undefined figure (``nan``) always counts as fallen. Corpora
    of the baseline that were not evaluated are skipped.

    Raises
    ------
    EvaluationError
        For a metric name the reports do not have.

    Examples
    --------
    >>> gold = [{"id": "lgl-1", "text": "Rome", "toponyms": [{"start": 0, "end": 4,
    ...          "name": "Rome", "lat": 41.9, "lon": 12.5}]}]
    >>> report = evaluate_corpus(gold, {"lgl-1": [{"start": 0, "end": 4, "name": "Rome",
    ...                                            "lat": 41.9, "lon": 12.5}]})
    >>> check_baseline([report], {"LGL": {"exact_f1": 0.9, "acc161": 1.0}})
    []
    >>> check_baseline([report], {"lgl": {"exact_f1": 1.5}})
    ['lgl: exact_f1 is 1.000, 0.500 below the baseline 1.500 (tolerance 0.02)']
    """
    by_name = {_normalise_name(r.name): r for r in reports}
    messages = []
    for corpus, expected in baseline.items():
        report = by_name.get(_normalise_name(corpus))
        if report is None:
            logger.debug("baseline corpus %r was not evaluated; skipped", corpus)
            continue
        actual = report.metrics()
        for metric, target in expected.items():
            if metric not in actual:
                raise EvaluationError(
                    f"baseline for {corpus!r} names unknown metric {metric!r}; "
                    f"use one of {', '.join(actual)}"
                )
            value = actual[metric]
            if math.isnan(value):
                messages.append(
                    f"{report.name}: {metric} is undefined (nothing to score); "
                    f"baseline {target:.3f}"
                )
            elif metric in _LOWER_IS_BETTER_KM:
                if value > target * (1 + tolerance):
                    messages.append(
                        f"{report.name}: {metric} is {value:.1f} km, {value - target:.1f} km "
                        f"above the baseline {target:.1f} km (tolerance {tolerance:.0%})"
                    )
            elif metric in _LOWER_IS_BETTER:
                if value > target + tolerance:
                    messages.append(
                        f"{report.name}: {metric} is {value:.3f}, {value - target:.3f} above "
                        f"the baseline {target:.3f} (tolerance {tolerance:g}; lower is better)"
                    )
            elif value < target - tolerance:
                messages.append(
                    f"{report.name}: {metric} is {value:.3f}, {target - value:.3f} below "
                    f"the baseline {target:.3f} (tolerance {tolerance:g})"
                )
    return messages
