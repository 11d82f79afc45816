"""Distances on the Earth, one formula for the whole project."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG) used by :func:`great_circle_km`."""


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two WGS84 points (haversine, spherical Earth).

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float
        Decimal degrees.

    Returns
    -------
    float
        Distance in km on a sphere of radius :data:`EARTH_RADIUS_KM`.

    Examples
    --------
    >>> round(great_circle_km(48.8566, 2.3522, 51.5074, -0.1278), 1)  # Paris-London
    343.6
    >>> great_circle_km(10.0, 20.0, 10.0, 20.0)
    0.0
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))
