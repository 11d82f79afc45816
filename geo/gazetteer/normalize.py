"""Name normalisation for gazetteer keys and text spans.

Three levels, from strict to loose, each a key in the index:

``normalize``
    case, diacritics, apostrophes and punctuation: ``"Az-Zāwiyah"`` -> ``"az zawiyah"``.
``strip_article``
    drops a leading Arabic article (al-, el-, as-, az-, ...): ``"az zawiyah"`` -> ``"zawiyah"``.
``skeleton``
    common transliteration variants folded together (ou/u, final -ah/-a, doubled letters, kh/k,
    q/k, ee/i ...): ``"tarhouna"`` and ``"tarhuna"`` share ``"tarhuna"``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ARABIC_ARTICLES",
    "FACILITY_HEADS",
    "JOINED_ARTICLES",
    "is_latin",
    "key_variants",
    "normalize",
    "skeleton",
    "strip_article",
    "strip_generic_head",
]

#: Leading article forms of transliterated Arabic names, as separate tokens.
ARABIC_ARTICLES = frozenset({"al", "el", "as", "az", "ad", "ar", "ash", "an", "at", "ath", "adh"})
#: Forms of the article that come only joined to a name by a hyphen: "Deir ez-Zor",
#: "Salah ed-Din", "Dar ul-Aman".
JOINED_ARTICLES = frozenset({"ez", "es", "esh", "ed", "et", "er", "en", "ul"})

#: Generic heads that name a facility or a division after its proper name, longest first,
#: mapped to the kinds of place they point at.
FACILITY_HEADS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (head, frozenset(kinds))
    for head, kinds in (
        ("international airport", {"airport", "airbase"}),
        ("air force base", {"airbase"}),
        ("military airport", {"airbase", "airport"}),
        ("air base", {"airbase", "airport"}),
        ("airbase", {"airbase", "airport"}),
        ("airfield", {"airbase", "airport"}),
        ("air field", {"airbase", "airport"}),
        ("airport", {"airport", "airbase"}),
        ("airstrip", {"airport", "airbase"}),
        ("base", {"airbase", "airport"}),
        # a Nigerian or Australian local government area: "Fagge Local Government Area"
        ("local government area", {"admin2"}),
        ("lga", {"admin2"}),
        ("governorate", {"admin1"}),
        ("province", {"admin1"}),
        ("region", {"admin1"}),
        ("state", {"admin1"}),
        ("district", {"admin1"}),
    )
)

_APOSTROPHES = "'’‘`ʼʻ´"
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize(name: str) -> str:
    """Fold case, diacritics, apostrophes and punctuation into a lookup key.

    Examples
    --------
    >>> normalize("Az-Zāwiyah")
    'az zawiyah'
    >>> normalize("  Ma'rib ")
    'marib'
    >>> normalize("U.S.")
    'u s'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for apostrophe in _APOSTROPHES:
        stripped = stripped.replace(apostrophe, "")
    stripped = stripped.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("đ", "d")
    folded = _PUNCT.sub(" ", stripped.casefold())
    return _SPACES.sub(" ", folded).strip()


def strip_article(key: str) -> str:
    """Drop a leading Arabic article token from a normalised key.

    Examples
    --------
    >>> strip_article("al watiya")
    'watiya'
    >>> strip_article("el")
    'el'
    """
    head, _, rest = key.partition(" ")
    if head in ARABIC_ARTICLES and rest:
        return rest
    return key


_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ou", "u"),
        (r"oo", "u"),
        (r"ee", "i"),
        (r"ah\b", "a"),
        # the feminine ending written -eh, -ah or -a: "Qatraneh", "Qatranah", "Qatrana"
        (r"eh\b", "a"),
        (r"kh", "k"),
        (r"q", "k"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"(?<=[bcdfgjklmnprstvz])u(?=w)", ""),
        (r"y\b", "i"),
        (r"([a-z])\1", r"\1"),
        # every article form ("ath" and "adh" are "at" and "ad" by now)
        (r"\b(?:" + "|".join(sorted(ARABIC_ARTICLES | JOINED_ARTICLES)) + ") ", ""),
        (r" ", ""),
    )
)


def skeleton(key: str) -> str:
    """Fold common transliteration variants of a normalised key together.

    Used as a loose fallback key: two names with the same skeleton are
    probably spellings of one name.

    Examples
    --------
    >>> skeleton("tarhouna") == skeleton("tarhuna")
    True
    >>> skeleton("zuwarah") == skeleton("zuwara")
    True
    >>> skeleton("al watiya") == skeleton("watiya")
    True
    >>> skeleton("zwara") == skeleton("zuwara")
    True
    >>> skeleton("salah ed din") == skeleton("salah ad din")
    True
    >>> skeleton("qatraneh") == skeleton("qatrana")
    True
    """
    out = key
    for pattern, replacement in _SKELETON_RULES:
        out = pattern.sub(replacement, out)
    return out


def strip_generic_head(key: str) -> tuple[str, frozenset[str]] | None:
    """Split a trailing facility or division head off a normalised key.

    Returns the remaining name and the kinds the head points at, or ``None``
    when the key has no such head (or is only the head).

    Examples
    --------
    >>> name, kinds = strip_generic_head("ramstein air base")
    >>> name, sorted(kinds)
    ('ramstein', ['airbase', 'airport'])
    >>> strip_generic_head("anbar province")[0]
    'anbar'
    >>> strip_generic_head("tripoli") is None
    True
    """
    for head, kinds in FACILITY_HEADS:
        if key.endswith(" " + head):
            rest = key[: -len(head) - 1].strip()
            if rest:
                return rest, kinds
    return None


def key_variants(name: str) -> list[tuple[str, str]]:
    """All lookup keys of a name, each with how it was derived.

    Examples
    --------
    >>> key_variants("Al Watiya")
    [('al watiya', 'name'), ('watiya', 'article'), ('watiya', 'skeleton')]
    """
    key = normalize(name)
    if not key:
        return []
    out = [(key, "name")]
    bare = strip_article(key)
    if bare != key:
        out.append((bare, "article"))
    out.append((skeleton(key), "skeleton"))
    return out


_LATIN_OK = re.compile(r"^[\sA-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’‘`ʼʻ´.,()\-/&]+$")


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (diacritics allowed).

    Examples
    --------
    >>> is_latin("Zāwiyah"), is_latin("Сольдеу")
    (True, False)
    """
    return bool(_LATIN_OK.match(name))
