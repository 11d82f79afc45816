"""Run the geoparser over a stream of articles: in this process, in worker processes, or on dask.

Articles are read, parsed and passed on in batches, so memory stays flat
whatever the size of the corpus. Whatever the engine and the number of
workers, the results are the same and come back in input order: each batch is
parsed on its own, and batches are put back in order before they are used.

- ``local`` with one worker parses in this process.
- ``local`` with ``N > 1`` workers uses ``N`` processes on this machine; each
  opens the gazetteer index itself, read-only.
- ``dask`` sends batches to a ``dask.distributed`` cluster: a
  ``LocalCluster`` of ``N`` single-threaded workers by default, or an existing
  cluster at ``scheduler``.

A parse that raises is reported (``on_skip``) and the article skipped; a worker
process that dies on an article (a crash in native code, the OOM killer) is
replaced and its batch retried in halves until the article that kills it is
found and skipped; the rest of the run goes on.

Three things can be made from the stream: parsed articles
(:func:`parse_stream`), the ``geo parse`` records (:func:`parse_records`) and
the map's places and events frames (:func:`map_frames`); the last stage holds
only the compact rows of places and events, never the article texts.
:func:`write_geoparquet` streams events into a partitioned GeoParquet dataset.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import itertools
import json
import logging
import multiprocessing
import os
import pickle
import shutil
import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from geo.cache import Dependencies, ResultCache, UserOverlay
from geo.errors import GeoError, OutputError
from geo.gazetteer.normalize import skeleton
from geo.gazetteer.user import UserEntry, read_entries
from geo.model import Article, ParsedArticle
from geo.pipeline import Geoparser, RunSummary, parsed_record

logger = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("local", "dask")
DEFAULT_BATCH_SIZE = 32
"""Articles per batch: small enough to keep memory flat, large enough to amortise transport."""

Mode = Literal["parsed", "records", "frames"]
OnSkip = Callable[[str, str], None]
OnProgress = Callable[[int], None]

#: Test-only fault hook: an article whose text holds the marker in this variable
#: makes the worker fail, as ``GEO_FAULT_MODE`` says (``raise`` or ``exit``).
FAULT_MARKER_ENV = "GEO_FAULT_MARKER"
FAULT_MODE_ENV = "GEO_FAULT_MODE"


class EngineError(GeoError, RuntimeError):
    """The engine options are invalid or the cluster cannot be reached."""


@dataclass(frozen=True)
class EngineOptions:
    """How a run is spread over processes.

    Parameters
    ----------
    workers
        Processes (``local``) or dask workers of the local cluster (``dask``).
    engine
        ``"local"`` or ``"dask"``.
    scheduler
        Address of an existing dask scheduler (``tcp://host:8786``); only with ``dask``.
    batch_size
        Articles per batch.

    Examples
    --------
    >>> EngineOptions(workers=2).engine
    'local'
    >>> EngineOptions(workers=0)
    Traceback (most recent call last):
    ...
    geo.engine.EngineError: --workers must be at least 1, not 0
    """

    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise EngineError(f"--workers must be at least 1, not {self.workers}")
        if self.engine not in ENGINES:
            raise EngineError(f"unknown engine {self.engine!r}; use one of {', '.join(ENGINES)}")
        if self.scheduler and self.engine != "dask":
            raise EngineError("--scheduler needs --engine dask; add --engine dask")
        if self.batch_size < 1:
            raise EngineError(f"--batch-size must be at least 1, not {self.batch_size}")


# --------------------------------------------------------------------------- the work of one batch


@dataclass(frozen=True)
class _ParserConfig:
    """What a worker needs to build its own parser."""

    index_path: str | None
    entries: tuple[UserEntry, ...]
    events: bool


@dataclass
class _Job:
    number: int
    config: _ParserConfig
    mode: Mode
    items: list[tuple[Article, bytes | None]]
    want_blobs: bool


@dataclass
class _Item:
    ok: bool
    reason: str = ""
    blob: bytes | None = None
    deps: Dependencies | None = None
    parsed: tuple[list, list] | None = None
    record: dict | None = None


@dataclass
class _JobResult:
    number: int
    items: list[_Item]
    summary: RunSummary
    place_rows: list[dict] = field(default_factory=list)
    event_rows: list[dict] = field(default_factory=list)
    dtypes: dict[str, dict[str, str]] = field(default_factory=dict)


class _Recorder:
    """Wraps an index's look-ups to note which keys one parse used."""

    def __init__(self, index) -> None:
        self.deps: Dependencies | None = None
        lookup, loose, get = index.lookup, index.lookup_loose, index.get

        def rec_lookup(key: str):
            if self.deps is not None:
                self.deps.keys.add(key)
            return lookup(key)

        def rec_loose(key: str):
            if self.deps is not None:
                self.deps.skeletons.add(skeleton(key))
            return loose(key)

        def rec_get(place_id: str):
            if self.deps is not None:
                self.deps.ids.add(place_id)
            return get(place_id)

        index.lookup, index.lookup_loose, index.get = rec_lookup, rec_loose, rec_get

    def start(self) -> None:
        self.deps = Dependencies()

    def stop(self) -> Dependencies:
        deps, self.deps = self.deps or Dependencies(), None
        return deps


_PARSERS: dict[_ParserConfig, tuple[Geoparser, _Recorder]] = {}


def _parser_for(config: _ParserConfig) -> tuple[Geoparser, _Recorder]:
    """This process's parser for ``config`` (opened once per process)."""
    found = _PARSERS.get(config)
    if found is None:
        from geo.gazetteer.index import GazetteerIndex, ensure_index

        index = GazetteerIndex(ensure_index(config.index_path), config.entries)
        recorder = _Recorder(index)
        found = (Geoparser(None, index=index, events=config.events), recorder)
        _PARSERS.clear()  # one configuration at a time: a changed gazetteer replaces it
        _PARSERS[config] = found
    return found


def _fault_hook(article: Article) -> None:
    """Test-only: fail on articles holding ``$GEO_FAULT_MARKER``."""
    marker = os.environ.get(FAULT_MARKER_ENV)
    if marker and marker in article.text:
        if os.environ.get(FAULT_MODE_ENV) == "exit":
            os._exit(70)
        raise RuntimeError(f"test fault on article {article.id}")


def _dumps(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _loads(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


def _run_job(job: _Job) -> _JobResult:
    """Parse one batch; the unit of work every engine runs."""
    parser, recorder = _parser_for(job.config)
    items: list[_Item] = []
    done: list[ParsedArticle] = []
    summary = RunSummary()
    for article, blob in job.items:
        try:
            new_blob, deps = None, None
            if blob is not None:
                mentions, events = _loads(blob)
            else:
                _fault_hook(article)
                recorder.start()
                try:
                    parsed = parser.parse_article(article)
                finally:
                    deps = recorder.stop()
                mentions, events = parsed.mentions, parsed.events
                if job.want_blobs:
                    new_blob = _dumps((mentions, events))
            parsed = ParsedArticle(article, mentions, events)
            item = _Item(True, blob=new_blob, deps=deps)
            if job.mode == "parsed":
                item.parsed = (mentions, events)
            elif job.mode == "records":
                item.record = parsed_record(parsed)
            summary.add(parsed)
            done.append(parsed)
        except Exception as exc:  # one bad article must not stop the run
            reason = f"the parser failed on it ({type(exc).__name__}: {exc})"
            item = _Item(False, reason=reason[:500])
        items.append(item)
    result = _JobResult(job.number, items, summary)
    if job.mode == "frames" and done:
        result.place_rows, result.event_rows, result.dtypes = _frame_rows(done)
    return result


def _frame_rows(parsed: Sequence[ParsedArticle]) -> tuple[list[dict], list[dict], dict]:
    """The rows of the places and events frames of a batch, and the frames' column types."""
    from geo.export import events_frame, places_frame

    places, events = places_frame(parsed), events_frame(parsed)
    dtypes = {
        "places": {c: str(t) for c, t in places.dtypes.items()},
        "events": {c: str(t) for c, t in events.dtypes.items()},
    }
    return places.to_dict("records"), events.to_dict("records"), dtypes


def _failed(job: _Job, reason: str) -> _JobResult:
    return _JobResult(job.number, [_Item(False, reason=reason)], RunSummary())


# --------------------------------------------------------------------------- executors


class _InProcess:
    """Runs jobs here, one at a time."""

    crash_reason = "crashed the parser"

    def submit(self, job: _Job) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(_run_job(job))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass


class _ProcessPool:
    """Runs jobs in worker processes on this machine."""

    crash_reason = "crashed its worker process"

    def __init__(self, workers: int, config: _ParserConfig):
        self.workers, self.config = workers, config
        self.pool = self._start()

    def _start(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_parser_for,
            initargs=(self.config,),
        )

    def submit(self, job: _Job) -> cf.Future:
        return self.pool.submit(_run_job, job)

    def reset(self) -> None:
        """Replace a pool broken by a dead worker."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Runs jobs on a dask.distributed cluster (a local one unless given an address)."""

    crash_reason = "crashed its dask worker"

    def __init__(self, workers: int, scheduler: str | None):
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask is a dependency
            raise EngineError(
                "--engine dask needs dask.distributed; pip install 'dask[distributed]'"
            ) from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                # a dead worker fails its task at once instead of being retried 3 times
                with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                    self.cluster = LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            where = scheduler or "a local cluster"
            raise EngineError(
                f"cannot reach the dask scheduler at {where} ({exc}); "
                "check the address given to --scheduler"
            ) from None

    def submit(self, job: _Job):
        return self.client.submit(_run_job, job, pure=False)

    def reset(self) -> None:
        pass

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()


# --------------------------------------------------------------------------- the driver


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _config(gazetteer_dir, entries, events: bool, options: EngineOptions) -> _ParserConfig:
    from geo.gazetteer.index import ensure_index

    if entries is None:
        entries = read_entries(gazetteer_dir) if gazetteer_dir is not None else []
    # Build the index once here, not once per worker; a remote cluster uses its own cache.
    index_path = None if options.scheduler else str(ensure_index())
    return _ParserConfig(index_path, tuple(entries), events)


def _run(
    articles: Iterable[Article],
    mode: Mode,
    *,
    gazetteer_dir: str | os.PathLike | None,
    entries: Sequence[UserEntry] | None,
    events: bool,
    options: EngineOptions | None,
    cache: ResultCache | None,
    summary: RunSummary | None,
    on_skip: OnSkip | None,
    on_progress: OnProgress | None,
) -> Iterator[tuple[list[Article], _JobResult]]:
    """Parse batches of ``articles`` and yield them back in order with their results."""
    options = options or EngineOptions()
    config = _config(gazetteer_dir, entries, events, options)
    overlay = UserOverlay(config.entries)
    if options.engine == "dask":
        executor: Any = _Dask(options.workers, options.scheduler)
    elif options.workers > 1:
        executor = _ProcessPool(options.workers, config)
    else:
        executor = _InProcess()
    in_flight = 1 if isinstance(executor, _InProcess) else 2 * options.workers
    logger.debug(
        "engine %s with %d worker(s), batches of %d",
        options.engine,
        options.workers,
        options.batch_size,
    )
    pending: deque[tuple[_Job, Any]] = deque()

    def finish(job: _Job, future) -> Iterator[tuple[list[Article], _JobResult]]:
        try:
            results = [(job, future.result())]
        except Exception as exc:
            logger.warning("batch %d failed (%s); retrying it in parts", job.number, exc)
            executor.reset()
            results = list(_isolate(executor, job))
            # Jobs that died with the old pool run again on the new one.
            for i, (other, fut) in enumerate(pending):
                if fut.done() and fut.exception() is not None:
                    pending[i] = (other, executor.submit(other))
        for part, result in results:
            articles_of_part = [a for a, _ in part.items]
            new = []
            for article, item in zip(articles_of_part, result.items, strict=True):
                if not item.ok:
                    where = article.path or article.id
                    label = where if where == article.id else f"{where} ({article.id})"
                    logger.warning("skipped article %s: %s", label, item.reason)
                    if summary is not None:
                        summary.skipped.append((label, item.reason))
                    if on_skip is not None:
                        on_skip(label, item.reason)
                elif item.blob is not None and item.deps is not None:
                    new.append((article, item.deps, item.blob))
            if cache is not None and new:
                cache.put_many(new, overlay)
            if summary is not None:
                summary.merge(result.summary)
            yield articles_of_part, result
        if on_progress is not None:
            on_progress(len(job.items))

    try:
        for number, batch in enumerate(_batches(articles, options.batch_size)):
            blobs = cache.get_many(batch, overlay) if cache is not None else [None] * len(batch)
            job = _Job(
                number, config, mode, list(zip(batch, blobs, strict=True)), cache is not None
            )
            pending.append((job, executor.submit(job)))
            while len(pending) >= in_flight:
                yield from finish(*pending.popleft())
        while pending:
            yield from finish(*pending.popleft())
    finally:
        executor.close()
        if cache is not None:
            logger.info("result cache: %d reused, %d parsed", cache.hits, cache.misses)


def _isolate(executor, job: _Job) -> Iterator[tuple[_Job, _JobResult]]:
    """Run a failed batch again, alone, halving it until the article that fails is found."""
    try:
        result = executor.submit(job).result()
    except Exception as exc:
        executor.reset()
        if len(job.items) == 1:
            reason = executor.crash_reason
            if (
                not isinstance(exc, cf.process.BrokenProcessPool)
                and "KilledWorker" not in type(exc).__name__
            ):
                reason = f"{reason} ({type(exc).__name__}: {exc})"
            yield job, _failed(job, reason)
            return
        half = len(job.items) // 2
        for items in (job.items[:half], job.items[half:]):
            yield from _isolate(
                executor, _Job(job.number, job.config, job.mode, items, job.want_blobs)
            )
        return
    yield job, result


# --------------------------------------------------------------------------- what a run makes


def parse_stream(
    articles: Iterable[Article],
    *,
    gazetteer_dir: str | os.PathLike | None = "gazetteer",
    entries: Sequence[UserEntry] | None = None,
    events: bool = True,
    options: EngineOptions | None = None,
    cache: ResultCache | None = None,
    summary: RunSummary | None = None,
    on_skip: OnSkip | None = None,
    on_progress: OnProgress | None = None,
) -> Iterator[ParsedArticle]:
    """Parse articles in batches on the chosen engine, yielding them in input order.

    Parameters
    ----------
    articles
        Any iterable; it is consumed batch by batch.
    gazetteer_dir
        Folder of the user's ``places.csv`` (read once, here).
    entries
        The user's entries, instead of reading ``gazetteer_dir``.
    events
        Whether to run the event stage.
    options
        Engine, workers, scheduler and batch size (default: this process).
    cache
        A :class:`~geo.cache.ResultCache` to reuse and store results in.
    summary
        Counts of the run are added to it; skipped articles are listed in it.
    on_skip
        Called as ``on_skip(article, reason)`` for each article that fails.
    on_progress
        Called with the number of articles done after each batch.

    Yields
    ------
    ParsedArticle

    Examples
    --------
    >>> from geo.model import Article
    >>> arts = [Article("a1", "Troops moved to Tripoli, Libya."), Article("a2", "Calm.")]
    >>> parsed = list(parse_stream(arts, events=False))  # doctest: +SKIP
    >>> [p.article.id for p in parsed]  # doctest: +SKIP
    ['a1', 'a2']
    """
    for batch, result in _run(
        articles,
        "parsed",
        gazetteer_dir=gazetteer_dir,
        entries=entries,
        events=events,
        options=options,
        cache=cache,
        summary=summary,
        on_skip=on_skip,
        on_progress=on_progress,
    ):
        for article, item in zip(batch, result.items, strict=True):
            if item.ok and item.parsed is not None:
                mentions, evs = item.parsed
                yield ParsedArticle(article, list(mentions), list(evs))


def parse_records(articles: Iterable[Article], **kwargs: Any) -> Iterator[dict]:
    """The ``geo parse`` object of each article, in input order (see :func:`parse_stream`).

    The keyword arguments are those of :func:`parse_stream`; ``events`` is off
    unless given.

    Examples
    --------
    >>> from geo.model import Article
    >>> records = parse_records([Article("a1", "Fighting near Sirte.")])  # doctest: +SKIP
    >>> next(records)["toponyms"][0]["name"]  # doctest: +SKIP
    'Sirte'
    """
    kwargs.setdefault("events", False)
    for batch, result in _run(articles, "records", **_defaults(kwargs)):
        for _article, item in zip(batch, result.items, strict=True):
            if item.ok and item.record is not None:
                yield item.record


def _defaults(kwargs: dict) -> dict:
    out = {
        "gazetteer_dir": "gazetteer",
        "entries": None,
        "events": True,
        "options": None,
        "cache": None,
        "summary": None,
        "on_skip": None,
        "on_progress": None,
    }
    unknown = set(kwargs) - set(out)
    if unknown:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    out.update(kwargs)
    return out


class FrameAccumulator:
    """Merges the places and events rows of successive batches into the map's two frames.

    The result equals :func:`geo.export.places_frame` and
    :func:`geo.export.events_frame` over all the articles at once, but only the
    rows are kept, not the articles.

    Examples
    --------
    >>> acc = FrameAccumulator()
    >>> acc.add([{"place_id": "x:1", "mentions": [1], "event_ids": ["e1"], "score": 0.5,
    ...           "context_only": False, "n_mentions": 1}], [])
    >>> acc.add([{"place_id": "x:1", "mentions": [2], "event_ids": [], "score": 0.9,
    ...           "context_only": True, "n_mentions": 1}], [])
    >>> row = acc.place_rows()[0]
    >>> row["mentions"], row["n_mentions"], row["score"], row["context_only"]
    ([1, 2], 2, 0.9, False)

    With ``keep``, a place holds at most that many mentions and event ids (the first
    ones); ``n_mentions`` still counts them all. Memory then grows with the number of
    distinct places, not with the corpus (the streaming export writes every mention out).
    """

    _BEST = ("score", "reason", "candidates")

    def __init__(self, keep: int | None = None) -> None:
        self.keep = keep
        self._places: dict[str, dict] = {}
        self._events: list[dict] = []
        self._dtypes: dict[str, dict[str, str]] = {}

    def add(
        self,
        place_rows: Iterable[dict],
        event_rows: Iterable[dict],
        dtypes: dict[str, dict[str, str]] | None = None,
    ) -> None:
        """Merge one batch's rows (in input order); ``dtypes`` are the frames' column types."""
        self._dtypes.update(dtypes or {})
        for row in place_rows:
            old = self._places.get(row["place_id"])
            keep = self.keep
            if old is None:
                row = dict(row)
                row["mentions"] = list(row["mentions"][:keep])
                row["event_ids"] = list(row["event_ids"][:keep])
                row["n_mentions"] = int(row["n_mentions"])
                self._places[row["place_id"]] = row
                continue
            room = len(row["mentions"]) if keep is None else keep - len(old["mentions"])
            old["mentions"].extend(row["mentions"][: max(room, 0)])
            old["n_mentions"] += int(row["n_mentions"])
            if keep is None or len(old["event_ids"]) < keep:
                old["event_ids"].extend(e for e in row["event_ids"] if e not in old["event_ids"])
                if keep is not None:
                    del old["event_ids"][keep:]
            if row["score"] > old["score"]:
                for name in self._BEST:
                    if name in row:
                        old[name] = row[name]
            old["context_only"] = bool(old["context_only"] and row["context_only"])
        self._events.extend(event_rows)

    def place_rows(self) -> list[dict]:
        """The merged place rows, in order of first appearance."""
        return list(self._places.values())

    def frames(self):
        """The places and events GeoDataFrames (EPSG:4326)."""
        from geo.export import events_frame, places_frame

        return (
            _to_frame(self.place_rows(), self._dtypes.get("places"))
            if self._places
            else places_frame([]),
            _to_frame(self._events, self._dtypes.get("events"))
            if self._events
            else events_frame([]),
        )


def _to_frame(rows: list[dict], dtypes: dict[str, str] | None = None):
    """A GeoDataFrame of rows, with the column types the export frames use."""
    import geopandas as gpd

    from geo.export import CRS

    columns = [c for c in rows[0] if c != "geometry"]
    frame = gpd.pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)
    for column, dtype in (dtypes or {}).items():
        if column in frame.columns and dtype not in (
            "object",
            "geometry",
            str(frame[column].dtype),
        ):
            frame[column] = frame[column].astype(dtype)
    geometry = gpd.GeoSeries([r.get("geometry") for r in rows], crs=CRS)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def map_frames(articles: Iterable[Article], **kwargs: Any):
    """The places and events GeoDataFrames of a corpus, streamed batch by batch.

    The keyword arguments are those of :func:`parse_stream`. Only the compact
    rows of places and events are held, never the article texts.

    Returns
    -------
    tuple of geopandas.GeoDataFrame
        ``(places, events)``, as :func:`geo.export.places_frame` and
        :func:`geo.export.events_frame` give for the whole corpus.

    Examples
    --------
    >>> from geo.model import Article
    >>> places, events = map_frames([Article("a1", "Fighting near Sirte.")])  # doctest: +SKIP
    >>> places["name"].tolist()  # doctest: +SKIP
    ['Sirte']
    """
    acc = FrameAccumulator()
    for _batch, result in _run(articles, "frames", **_defaults(kwargs)):
        acc.add(result.place_rows, result.event_rows, result.dtypes)
    return acc.frames()


def write_geoparquet(
    articles: Iterable[Article],
    out_dir: str | os.PathLike,
    *,
    rows_per_file: int = 50_000,
    keep_mentions: int = 50,
    **kwargs: Any,
) -> dict[str, Path]:
    """Write a corpus's events and places as a partitioned GeoParquet dataset, streaming.

    ``out_dir/events/part-00000.parquet, ...`` and ``out_dir/mentions/part-00000.parquet,
    ...`` (one row per place mention: ``place_id``, article, offsets, quote, the place's
    point) are written as batches come in (``rows_per_file`` rows each);
    ``out_dir/places/part-00000.parquet`` holds the merged places at the end, each with
    its first ``keep_mentions`` mentions and event ids and the full ``n_mentions``, so
    memory grows with the number of distinct places, not with the corpus. Nested
    columns (mentions, places, candidates) are JSON text. Everything is written in a temporary folder
    beside ``out_dir`` and renamed into place at the end, so a failed run
    leaves no dataset that looks complete. The keyword arguments are those of
    :func:`parse_stream`.

    Returns
    -------
    dict
        ``{"events": Path, "mentions": Path, "places": Path}``, the three dataset folders.

    Raises
    ------
    OutputError
        ``out_dir`` cannot be written (no permission, disk full).

    Examples
    --------
    >>> from geo.model import Article
    >>> paths = write_geoparquet([Article("a1", "Shelling hit Sirte.")], "out/parquet")  # doctest: +SKIP
    >>> sorted(paths)  # doctest: +SKIP
    ['events', 'mentions', 'places']
    """
    import geopandas as gpd

    out = Path(out_dir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    except OSError as exc:
        raise OutputError(
            f"cannot write {out} ({exc.strerror or exc}); choose another folder or fix its permissions"
        ) from None
    try:
        for name in ("events", "mentions", "places"):
            (staging / name).mkdir()
        acc = FrameAccumulator(keep=keep_mentions)
        buffers: dict[str, list[dict]] = {"events": [], "mentions": []}
        parts = {"events": 0, "mentions": 0}
        dtypes: dict[str, str] = {}

        def flush(name: str, rows: list[dict]) -> None:
            frame = _to_frame(rows, dtypes if name == "events" else None)
            path = staging / name / f"part-{parts[name]:05d}.parquet"
            _json_columns(frame).to_parquet(path, index=False)
            parts[name] += 1

        for _batch, result in _run(articles, "frames", **_defaults(kwargs)):
            acc.add(result.place_rows, [], result.dtypes)
            dtypes = result.dtypes.get("events", dtypes)
            buffers["events"].extend(result.event_rows)
            buffers["mentions"].extend(_mention_rows(result.place_rows))
            for name, rows in buffers.items():
                while len(rows) >= rows_per_file:
                    flush(name, rows[:rows_per_file])
                    del rows[:rows_per_file]
        for name, rows in buffers.items():
            if rows:
                flush(name, rows)
            elif parts[name] == 0:
                from geo.export import events_frame

                empty = events_frame([]) if name == "events" else _empty_mentions()
                _json_columns(gpd.GeoDataFrame(empty)).to_parquet(
                    staging / name / "part-00000.parquet", index=False
                )
        places = acc.frames()[0]
        _json_columns(places).to_parquet(staging / "places" / "part-00000.parquet", index=False)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            f"cannot write {out} ({exc.strerror or exc}); free some space or choose another folder"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {name: out / name for name in ("events", "mentions", "places")}


def _mention_rows(place_rows: Iterable[dict]) -> Iterator[dict]:
    """One row per mention of each place row, with the place's id and point."""
    for row in place_rows:
        for mention in row["mentions"]:
            yield {"place_id": row["place_id"], **mention, "geometry": row.get("geometry")}


def _empty_mentions():
    """The mentions dataset's frame when a corpus has no place mention."""
    import geopandas as gpd

    from geo.export import CRS

    columns = ["place_id", "article_id", "text", "start", "end", "quote", "literal"]
    return gpd.GeoDataFrame(
        gpd.pd.DataFrame(columns=columns), geometry=gpd.GeoSeries([], crs=CRS), crs=CRS
    )


def _json_columns(frame):
    """Turn list and dict cells into JSON text, which every Parquet reader takes."""
    frame = frame.copy()
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        if frame[column].map(lambda v: isinstance(v, (list, tuple, dict))).any():
            frame[column] = frame[column].map(
                lambda v: (
                    json.dumps(v, ensure_ascii=False, default=_plain) if v is not None else None
                )
            )
    return frame


def _plain(value: Any) -> Any:
    """JSON fallback for numpy scalars and the like."""
    item = getattr(value, "item", None)
    return item() if callable(item) else str(value)
