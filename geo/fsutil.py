"""Atomic file writes, shared by every writer of user data and outputs.

A file is written to a temporary name in its own folder, flushed to disk and
renamed over the target, so a reader (or a crash) sees the old file or the
complete new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, keep_mode: bool = False) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; when the block succeeds, move it over ``path``.

    The parent folder is created when missing. The temporary file carries the
    target's suffix (drivers such as GDAL choose the format by name). A new
    file gets the umask's mode; with ``keep_mode`` a replaced file keeps its
    own. Any ``OSError`` propagates, and the temporary file is removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp{target.suffix}"
    # os.open with 0o666 lets the umask decide the mode, as for any new file
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        if keep_mode and target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_text(path: str | os.PathLike[str], text: str, *, keep_mode: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_text(target, "hi")
    >>> target.read_text()
    'hi'
    """
    with (
        atomic_path(path, keep_mode=keep_mode) as tmp,
        open(tmp, "w", encoding="utf-8", newline="") as fh,
    ):
        fh.write(text)
