"""Scaling bench: `geo map --jsonl-input` from 1k to 100k articles, per engine.

The eval texts in ``../shared/eval/*.jsonl`` are replicated (ids made unique)
to each size in a scratch folder (never in the repository). Each run is a
fresh ``geo -q map ... --no-cache`` process (``geo export --format parquet``
for the streaming configuration); its wall time and the peak
resident memory of its whole process tree (the main process, its workers, a
dask cluster) are measured by polling with psutil. The table is printed and
the curve written as a PNG.

    python bench/scale_bench.py                       # 1k, 3k, 10k, 30k; every configuration
    python bench/scale_bench.py --sizes 1000,100000 --configs w2
    python bench/scale_bench.py --plot-only           # redraw from the last results

Needs the ``bench`` extra (matplotlib, psutil): ``pip install -e .[bench]``.
This is a bench, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import eval_lines, write_replicated

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
CONFIGS = {
    "w1": ("local, 1 worker", ["--workers", "1"]),
    "w2": ("local, 2 workers", ["--workers", "2"]),
    "dask": ("dask, 2 workers", ["--workers", "2", "--engine", "dask"]),
    # the streaming path: events written out as GeoParquet parts as they come
    "stream": ("parquet export, 2 workers", ["--workers", "2"]),
}
MAP_CONFIGS = ("w1", "w2", "dask")


def corpus(size: int, work: Path) -> Path:
    """A JSON Lines file of ``size`` eval articles, replicated with unique ids."""
    path = work / f"eval-{size}.jsonl"
    if path.exists():
        return path
    lines = eval_lines(EVAL)
    if not lines:
        sys.exit(f"no eval corpora in {EVAL}")
    random.Random(0).shuffle(lines)  # every size gets the same mix of corpora
    write_replicated(lines, size, path, "#")
    return path


def tree_rss(proc) -> int:
    """Resident bytes of a process and all its descendants."""
    import psutil

    total = 0
    with contextlib.suppress(psutil.Error):
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
    return total


def command(key: str, jsonl: Path, out: Path, gazetteer: Path) -> list[str]:
    """The ``geo`` command line of one configuration."""
    geo = [sys.executable, "-m", "geo.cli.main", "-q"]
    common = ["--jsonl-input", str(jsonl), "--gazetteer", str(gazetteer), "--no-cache"]
    if key in MAP_CONFIGS:
        return [*geo, "map", *common, "--out", str(out), *CONFIGS[key][1]]
    shutil.rmtree(out, ignore_errors=True)
    return [*geo, "export", *common, "--format", "parquet", "-o", str(out), *CONFIGS[key][1]]


def run_once(cmd: list[str], out: Path) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (bytes) of one ``geo`` run."""
    import psutil

    started = time.perf_counter()
    # run outside the repository so that PYTHONPATH can point at a frozen copy of geo
    child = subprocess.Popen(cmd, cwd=out.parent, stderr=subprocess.PIPE, text=True)
    proc = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(proc))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    err = child.stderr.read() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({child.returncode}): {err.strip()}")
    return seconds, peak


def plot(results: list[dict], png: Path) -> None:
    """Seconds per 1000 articles and peak memory against corpus size, per engine."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(10, 4))
    for key, (label, _) in CONFIGS.items():
        rows = sorted((r for r in results if r["config"] == key), key=lambda r: r["articles"])
        if not rows:
            continue
        sizes = [r["articles"] for r in rows]
        ax_t.plot(sizes, [r["articles_per_s"] for r in rows], marker="o", label=label)
        ax_m.plot(sizes, [r["peak_mb"] for r in rows], marker="o", label=label)
    for ax, title in ((ax_t, "throughput (articles/s)"), (ax_m, "peak memory, all processes (MB)")):
        ax.set_xscale("log")
        ax.set_xlabel("articles")
        ax.set_title(title)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(
        "geo map / geo export --format parquet, --jsonl-input, eval texts replicated (2 vCPU)"
    )
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png, dpi=100)


def table(results: list[dict]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| articles | engine | seconds | articles/s | ms/article | peak MB | KB/article |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(results, key=lambda r: (r["articles"], list(CONFIGS).index(r["config"]))):
        lines.append(
            f"| {r['articles']:,} | {CONFIGS[r['config']][0]} | {r['seconds']:.1f} | "
            f"{r['articles_per_s']:.0f} | {1000 * r['seconds'] / r['articles']:.2f} | "
            f"{r['peak_mb']:.0f} | {1024 * r['peak_mb'] / r['articles']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000,30000")
    parser.add_argument("--configs", default="w1,w2,dask", help=f"from {','.join(CONFIGS)}")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "geo-scale-bench"))
    parser.add_argument("--png", default=str(REPO / "docs" / "scaling.png"))
    parser.add_argument("--gazetteer", default=str(REPO / "gazetteer"))
    parser.add_argument("--plot-only", action="store_true")
    args = parser.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    store = work / "results.json"
    results: list[dict] = json.loads(store.read_text()) if store.exists() else []
    if not args.plot_only:
        for size in [int(s) for s in args.sizes.split(",")]:
            jsonl = corpus(size, work)
            outputs = {}
            for key in args.configs.split(","):
                out = work / f"out-{key}"
                cmd = command(key, jsonl, out, Path(args.gazetteer))
                seconds, peak = run_once(cmd, out)
                if key in MAP_CONFIGS:
                    outputs[key] = [
                        (out / n).read_bytes() for n in ("places.geojson", "events.geojson")
                    ]
                row = {
                    "articles": size,
                    "config": key,
                    "seconds": round(seconds, 2),
                    "articles_per_s": round(size / seconds, 1),
                    "peak_mb": round(peak / 2**20, 1),
                }
                print(json.dumps(row), flush=True)
                results = [r for r in results if (r["articles"], r["config"]) != (size, key)] + [
                    row
                ]
                store.write_text(json.dumps(results, indent=1))
            if outputs:
                same = all(o == next(iter(outputs.values())) for o in outputs.values())
                print(f"{size} articles: places and events identical across map engines: {same}")
    print(table(results))
    plot(results, Path(args.png))
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
