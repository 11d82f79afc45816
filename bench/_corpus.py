"""Replicated eval corpora for the benches (read from ``../shared/eval``, never copied here)."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path


def eval_lines(eval_dir: Path, exclude: Collection[str] = ()) -> list[str]:
    """The non-blank JSON lines of every ``*.jsonl`` in ``eval_dir`` (by file name), in order."""
    lines: list[str] = []
    for name in sorted(eval_dir.glob("*.jsonl")):
        if name.name not in exclude:
            with open(name, encoding="utf-8") as handle:
                lines += [line for line in handle if line.strip()]
    return lines


def write_replicated(lines: Sequence[str], size: int, path: Path, id_sep: str) -> None:
    """Write ``size`` articles to ``path``: ``lines`` repeated, copy ``k`` ids ending ``{id_sep}k``."""
    with open(path, "w", encoding="utf-8") as out:
        for n in range(size):
            record = json.loads(lines[n % len(lines)])
            copy = n // len(lines)
            if copy:
                record["id"] = f"{record['id']}{id_sep}{copy}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
