"""The local gazetteer as a geopy geocoder, and name search for the CLI.

:class:`LocalGazetteer` subclasses :class:`geopy.geocoders.base.Geocoder`, so
code written for geopy (``geocode(query, exactly_one=True)`` returning a
:class:`geopy.location.Location`) runs unchanged against the local index, with
no network and no server.
"""

from __future__ import annotations

import os
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer.index import GazetteerIndex, open_index
from geo.gazetteer.normalize import normalize, strip_generic_head
from geo.model import Candidate

DEFAULT_USER_DIR = Path("gazetteer")


def search(index: GazetteerIndex, query: str, limit: int = 10) -> list[Candidate]:
    """Candidates for a place name, best first, scored as the resolver would.

    A trailing head narrows the kinds ("Zuwara airport", "Anbar province");
    without an exact match the Arabic article and transliteration variants
    are tried.

    Examples
    --------
    >>> idx = open_index("gazetteer")  # doctest: +SKIP
    >>> search(idx, "Anbar province")[0].place.place_id  # doctest: +SKIP
    'admin1:IQ.01'
    """
    from geo.resolve import score_candidates
    from geo.toponyms import Span

    key = normalize(query)
    if not key:
        return []
    hits = tuple(h for h in index.lookup(key))
    kinds: frozenset[str] = frozenset()
    head = None
    split = strip_generic_head(key)
    if split is not None:
        name, kinds = split
        facility = index.facility_hits(name, kinds)
        if facility:
            hits, head = facility, key[len(name) :].strip()
    if not hits:
        hits = index.lookup_loose(key)
    span = Span(0, len(query), query, key, hits, kinds, head)
    return score_candidates(span)[:limit]


class LocalGazetteer(Geocoder):
    """A geopy geocoder backed by geo's local gazetteer index.

    Parameters
    ----------
    user_dir
        Folder of the user's ``places.csv`` (default ``gazetteer/``).
    index_path
        A compiled index; by default the cached one, built on first use.

    Examples
    --------
    >>> geocoder = LocalGazetteer()  # doctest: +SKIP
    >>> loc = geocoder.geocode("Ramstein Air Base")  # doctest: +SKIP
    >>> round(loc.latitude, 2), round(loc.longitude, 2)  # doctest: +SKIP
    (49.44, 7.6)
    """

    def __init__(
        self,
        user_dir: str | os.PathLike | None = DEFAULT_USER_DIR,
        index_path: str | os.PathLike | None = None,
        *,
        index: GazetteerIndex | None = None,
    ):
        super().__init__(user_agent="geo-local-gazetteer")
        self.index = index if index is not None else open_index(user_dir, index_path)

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int = 10, **_: object):
        """Look a place name up in the local gazetteer.

        Returns a :class:`geopy.location.Location` (or a list of them when
        ``exactly_one`` is false), or ``None`` when nothing matches.
        """
        found = search(self.index, str(query), limit=1 if exactly_one else limit)
        locations = [
            Location(
                f"{c.place.name}, {c.place.country}" if c.place.country else c.place.name,
                (c.place.lat, c.place.lon),
                {
                    "place_id": c.place.place_id,
                    "kind": c.place.kind,
                    "country": c.place.country,
                    "population": c.place.population,
                    "source": c.place.source,
                    "score": c.score,
                },
            )
            for c in found
        ]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one=True, **kwargs):
        raise NotImplementedError("reverse geocoding is not offered by the local gazetteer")
