"""A result cache: parse each article once per gazetteer version.

A parse result is stored under a key made of the article (id, text and
metadata), the compiled index's digest and a digest of geo's own code. Beside
it the cache keeps the gazetteer keys the parse looked up, and what the user's
``places.csv`` answered for them. A stored result is reused only while the
user's entries still answer those keys the same way, so after ``geo gazetteer
add Watiya ...`` only the articles that looked up ``watiya`` (or its
transliteration skeleton) are parsed again; the rest come from the cache.

The cache is a SQLite file (``results.sqlite`` in :func:`geo.gazetteer.index.cache_dir`),
written only by the process that drives a run, never by workers. A cache that
cannot be opened or written is switched off with a warning: it never breaks a
run.

Each row records the digest of the code that wrote it. A result of another
version of geo can never be read again (the code digest is part of every key),
so opening the cache deletes such rows: upgrading geo does not leave the old
results behind on disk. Results of other gazetteers are kept, because a user
may switch between gazetteer folders.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.gazetteer.index import cache_dir, record_keys, source_digest
from geo.gazetteer.user import UserEntry
from geo.model import Article

logger = logging.getLogger(__name__)

CACHE_FILE = "results.sqlite"
FORMAT_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
  key TEXT PRIMARY KEY, code TEXT NOT NULL, deps TEXT NOT NULL, overlay TEXT NOT NULL,
  blob BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS results_code ON results (code);
"""
_COLUMNS = ["key", "code", "deps", "overlay", "blob"]


def default_cache_path() -> Path:
    """Where the result cache lives: ``results.sqlite`` beside the gazetteer index.

    Examples
    --------
    >>> default_cache_path().name
    'results.sqlite'
    """
    return cache_dir() / CACHE_FILE


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of geo's code and data files: any change to them invalidates the cache.

    Examples
    --------
    >>> len(code_digest())
    16
    """
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(FORMAT_VERSION.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".txt", ".json"}:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def article_digest(article: Article) -> str:
    """Digest of everything in an article that a parse depends on (not its path).

    Examples
    --------
    >>> from geo.model import Article
    >>> article_digest(Article("a", "Rain in Oslo.")) == article_digest(Article("a", "Rain in Oslo."))
    True
    >>> article_digest(Article("a", "Rain in Oslo.")) == article_digest(Article("b", "Rain in Oslo."))
    False
    """
    h = hashlib.sha256()
    fields = (
        article.id,
        article.title,
        article.source,
        article.url,
        article.published.isoformat() if article.published else None,
        article.published_precision,
    )
    h.update(json.dumps(fields).encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class Dependencies:
    """The gazetteer look-ups one parse made: name keys, skeleton keys and place ids."""

    keys: set[str] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    def to_json(self) -> str:
        """A compact, stable JSON form."""
        return json.dumps([sorted(self.keys), sorted(self.skeletons), sorted(self.ids)])

    @classmethod
    def from_json(cls, text: str) -> Dependencies:
        """Read :meth:`to_json`'s form back."""
        keys, skeletons, ids = json.loads(text)
        return cls(set(keys), set(skeletons), set(ids))


class UserOverlay:
    """What the user's entries answer for each key, to tell which results they change.

    Examples
    --------
    >>> from geo.gazetteer.user import make_entry
    >>> before = UserOverlay([])
    >>> after = UserOverlay([make_entry("Watiya", 32.48, 11.9, kind="airbase", country="LY")])
    >>> deps = Dependencies(keys={"watiya"})
    >>> before.digest(deps) == after.digest(deps)
    False
    >>> before.digest(Dependencies(keys={"tripoli"})) == after.digest(Dependencies(keys={"tripoli"}))
    True
    """

    def __init__(self, entries: Iterable[UserEntry]):
        self._keys: dict[str, list] = defaultdict(list)
        self._skeletons: dict[str, list] = defaultdict(list)
        self._ids: dict[str, list] = {}
        for entry in entries:
            p = entry.place
            record = [p.place_id, p.name, p.lat, p.lon, p.kind, p.country, p.admin1, p.population]
            self._ids[p.place_id] = record
            keys, skeletons = record_keys([(p.name, "name")] + [(a, "alt") for a in entry.aliases])
            for key, (how, variant) in keys.items():
                self._keys[key].append([*record, how, variant])
            for key, how in skeletons.items():
                self._skeletons[key].append([*record, how])

    def digest(self, deps: Dependencies) -> str:
        """Digest of the user entries' answers to the look-ups in ``deps``."""
        answers = [[k, self._keys[k]] for k in sorted(deps.keys) if k in self._keys] + [
            [k, self._skeletons[k]] for k in sorted(deps.skeletons) if k in self._skeletons
        ]
        answers += [[i, self._ids[i]] for i in sorted(deps.ids) if i in self._ids]
        return hashlib.sha256(json.dumps(answers).encode()).hexdigest()[:16]


class ResultCache:
    """Parse results on disk, keyed on article content and gazetteer version.

    Parameters
    ----------
    path
        The SQLite file (default :func:`default_cache_path`).
    index_digest
        The compiled index's digest (default :func:`geo.gazetteer.index.source_digest`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from geo.model import Article
    >>> cache = ResultCache(pathlib.Path(tempfile.mkdtemp()) / "r.sqlite", index_digest="test")
    >>> overlay = UserOverlay([])
    >>> article = Article("a1", "Rain in Oslo.")
    >>> cache.get_many([article], overlay)
    [None]
    >>> cache.put_many([(article, Dependencies(keys={"oslo"}), b"result")], overlay)
    >>> cache.get_many([article], overlay)
    [b'result']
    >>> cache.close()
    """

    def __init__(self, path: str | os.PathLike | None = None, *, index_digest: str | None = None):
        self.path = Path(path) if path is not None else default_cache_path()
        self._code = f"{FORMAT_VERSION}:{code_digest()}"
        self._salt = f"{FORMAT_VERSION}:{index_digest or source_digest()}:{code_digest()}"
        self.pruned = 0
        self._con: sqlite3.Connection | None = None
        self.hits = self.misses = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=30)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            columns = [row[1] for row in con.execute("PRAGMA table_info(results)")]
            if columns and columns != _COLUMNS:  # written by an older format: all dead
                con.execute("DROP TABLE results")
            con.executescript(_SCHEMA)
            with con:
                self.pruned = con.execute(
                    "DELETE FROM results WHERE code != ?", (self._code,)
                ).rowcount
            if self.pruned:
                logger.info("result cache: %d results of another geo version removed", self.pruned)
            self._con = con
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)

    @property
    def enabled(self) -> bool:
        """Whether the cache is in use (it is switched off after an error)."""
        return self._con is not None

    def _disable(self, exc: BaseException) -> None:
        logger.warning(
            "result cache %s switched off (%s); every article is parsed. "
            "Free disk space or use --no-cache",
            self.path,
            exc,
        )
        if self._con is not None:
            with contextlib.suppress(sqlite3.Error):
                self._con.close()
        self._con = None

    def key(self, article: Article) -> str:
        """The cache key of an article for this gazetteer and code version."""
        return hashlib.sha256(f"{self._salt}:{article_digest(article)}".encode()).hexdigest()

    def get_many(self, articles: Sequence[Article], overlay: UserOverlay) -> list[bytes | None]:
        """The stored result of each article, or ``None`` where it must be parsed."""
        found: list[bytes | None] = [None] * len(articles)
        if self._con is None or not articles:
            self.misses += len(articles)
            return found
        keys = [self.key(a) for a in articles]
        try:
            rows: dict[str, tuple[str, str, bytes]] = {}
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, deps, stored, blob in self._con.execute(
                    f"SELECT key, deps, overlay, blob FROM results WHERE key IN ({marks})", chunk
                ):
                    rows[key] = (deps, stored, blob)
        except sqlite3.Error as exc:
            self._disable(exc)
            self.misses += len(articles)
            return found
        for i, key in enumerate(keys):
            row = rows.get(key)
            if row is not None and overlay.digest(Dependencies.from_json(row[0])) == row[1]:
                found[i] = row[2]
        hits = sum(b is not None for b in found)
        self.hits += hits
        self.misses += len(articles) - hits
        return found

    def put_many(
        self, results: Iterable[tuple[Article, Dependencies, bytes]], overlay: UserOverlay
    ) -> None:
        """Store new results with the look-ups they depend on."""
        if self._con is None:
            return
        rows = [
            (self.key(article), self._code, deps.to_json(), overlay.digest(deps), blob)
            for article, deps, blob in results
        ]
        if not rows:
            return
        try:
            with self._con:
                self._con.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?)", rows)
        except sqlite3.Error as exc:
            self._disable(exc)

    def close(self) -> None:
        """Close the database."""
        if self._con is not None:
            with contextlib.suppress(sqlite3.Error):
                self._con.close()
            self._con = None
