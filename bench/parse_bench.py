"""Speed and memory of ``geo parse`` beside flashgeotext, on the eval texts.

Builds a corpus of at least ``--mb`` megabytes (default 25) from the article
texts of ``../shared/eval/*.jsonl`` (concatenated and repeated, so start-up
does not dominate), then runs, alternating, at least three pairs of:

- geo's whole parse, recognition and resolution, through the same code as
  ``geo parse --no-cache`` (:func:`geo.engine.parse_records`, in this process);
- flashgeotext's ``GeoText().extract(text, span_info=True)`` (recognition only,
  no coordinates).

It prints each run, the median speed ratio (geo over flashgeotext), articles
and megabytes per second for both, and, from a separate child process with the
full gazetteer, geo's peak resident memory (``VmHWM``) and the time from
opening the index to the first article out.

Run from the repository root::

    .venv/bin/python bench/parse_bench.py            # about five minutes here
    .venv/bin/python bench/parse_bench.py --mb 5 --pairs 3   # a quick look

The eval data is read where it lies and never copied into the repository; the
bench skips with a message when the folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"


def read_texts(eval_dir: Path) -> list[str]:
    """The article texts of every ``*.jsonl`` in ``eval_dir``, in file order."""
    texts = []
    for path in sorted(eval_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("text") or ""
                    if text:
                        texts.append(text)
    return texts


def build_corpus(texts: list[str], megabytes: float) -> list[tuple[str, str]]:
    """``(id, text)`` pairs: the texts repeated until they reach ``megabytes`` (UTF-8)."""
    target = megabytes * 1e6
    corpus: list[tuple[str, str]] = []
    size = 0
    round_ = 0
    while size < target:
        for k, text in enumerate(texts):
            corpus.append((f"r{round_}-{k}", text))
            size += len(text.encode("utf-8"))
        round_ += 1
    return corpus


def corpus_bytes(corpus: list[tuple[str, str]]) -> int:
    return sum(len(text.encode("utf-8")) for _, text in corpus)


def articles(corpus: list[tuple[str, str]]) -> Iterator:
    from geo.model import Article

    for article_id, text in corpus:
        yield Article(article_id, text)


def run_geo(corpus: list[tuple[str, str]], gazetteer: str) -> tuple[float, int]:
    """Seconds for geo's whole parse of the corpus, and the toponyms found."""
    from geo.engine import parse_records

    started = time.perf_counter()
    found = 0
    for record in parse_records(articles(corpus), gazetteer_dir=gazetteer, cache=None):
        found += len(record["toponyms"])
    return time.perf_counter() - started, found


def run_flash(corpus: list[tuple[str, str]], geotext) -> tuple[float, int]:
    """Seconds for flashgeotext over the corpus, and the names it found."""
    started = time.perf_counter()
    found = 0
    for _, text in corpus:
        result = geotext.extract(text, span_info=True)
        found += sum(
            len(entry.get("span_info", ())) for group in result.values() for entry in group.values()
        )
    return time.perf_counter() - started, found


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (``VmHWM``, else ``ru_maxrss``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_main(args: argparse.Namespace) -> None:
    """In a fresh process: time to the first article, then peak memory over the corpus."""
    corpus = build_corpus(read_texts(Path(args.eval_dir)), args.mb)
    from geo.gazetteer.index import ensure_index

    ensure_index()  # built beforehand: the clock starts at opening the index
    started = time.perf_counter()
    from geo.engine import parse_records

    first = next(parse_records(articles(corpus[:1]), gazetteer_dir=args.gazetteer, cache=None))
    first_s = time.perf_counter() - started
    seconds, found = run_geo(corpus, args.gazetteer)
    print(
        json.dumps(
            {
                "first_article_s": first_s,
                "first_toponyms": len(first["toponyms"]),
                "seconds": seconds,
                "toponyms": found,
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", default=str(DEFAULT_EVAL), help="folder of the *.jsonl")
    parser.add_argument("--mb", type=float, default=25.0, help="corpus size in MB (default 25)")
    parser.add_argument("--pairs", type=int, default=3, help="geo/flashgeotext pairs (min 3)")
    parser.add_argument("--gazetteer", default=str(REPO / "gazetteer"), help="places.csv folder")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    if not eval_dir.is_dir() or not any(eval_dir.glob("*.jsonl")):
        print(f"parse_bench: skipped, no eval data at {eval_dir} (see issue 3)")
        return 0
    if args.child:
        child_main(args)
        return 0
    try:
        from flashgeotext.geotext import GeoText
    except ImportError:
        print("parse_bench: skipped, flashgeotext is not installed (pip install flashgeotext)")
        return 0
    from geo.gazetteer.index import ensure_index

    ensure_index()
    corpus = build_corpus(read_texts(eval_dir), args.mb)
    size = corpus_bytes(corpus)
    n = len(corpus)
    print(f"corpus: {n} articles, {size / 1e6:.1f} MB (eval texts from {eval_dir}, repeated)")
    loaded = time.perf_counter()
    geotext = GeoText()
    print(f"flashgeotext: GeoText() loaded in {time.perf_counter() - loaded:.1f} s")

    pairs = max(3, args.pairs)
    ratios, geo_s, flash_s = [], [], []
    for k in range(pairs):
        g, g_found = run_geo(corpus, args.gazetteer)
        f, f_found = run_flash(corpus, geotext)
        geo_s.append(g)
        flash_s.append(f)
        ratios.append(f / g)
        print(
            f"pair {k + 1}: geo {size / 1e6 / g:.2f} MB/s ({g_found} toponyms, resolved), "
            f"flashgeotext {size / 1e6 / f:.2f} MB/s ({f_found} names); ratio {f / g:.2f}"
        )

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    command = [sys.executable, __file__, "--child", "--eval-dir", str(eval_dir)]
    command += ["--mb", str(args.mb), "--gazetteer", args.gazetteer]
    child = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    mem = json.loads(child.stdout.strip().splitlines()[-1])

    g_med, f_med = statistics.median(geo_s), statistics.median(flash_s)
    print()
    print(f"median speed ratio geo / flashgeotext: {statistics.median(ratios):.2f} (target >= 2)")
    print(f"geo:          {n / g_med:8.1f} articles/s  {size / 1e6 / g_med:6.2f} MB/s")
    print(f"flashgeotext: {n / f_med:8.1f} articles/s  {size / 1e6 / f_med:6.2f} MB/s")
    print(
        f"geo peak resident memory: {mem['peak_rss_mb']:.0f} MB over {size / 1e6:.0f} MB "
        "with the full gazetteer (target <= 600)"
    )
    print(
        f"geo first article out: {mem['first_article_s']:.2f} s after opening the index "
        "(target well under 1 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
