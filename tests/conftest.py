"""Shared fixtures: a small synthetic run (articles, mentions, events) incl. a hostile article."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.model import Article, Candidate, Event, EventPlace, Mention, ParsedArticle, Place

#: Strings that must never run when shown on the map.
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "${alert(1)}",
    "`alert(1)`",
)
HOSTILE = " ".join(PAYLOADS)

TRIPOLI = Place(
    "geonames:2210247", "Tripoli", 32.88743, 13.18733, "city", "LY", "Tripoli", 1150989, "geonames"
)
TRIPOLI_LB = Place(
    "geonames:266826", "Tripoli", 34.43667, 35.84972, "city", "LB", "North", 229398, "geonames"
)
SIRTE = Place(
    "geonames:2210554", "Sirte", 31.20892, 16.58866, "city", "LY", "Surt", 128123, "geonames"
)
WATIYA = Place(
    "user:al-watiya-air-base",
    "al-Watiya Air Base",
    32.4819,
    11.8978,
    "airbase",
    "LY",
    source="user",
)
LIBYA = Place("country:LY", "Libya", 27.0, 17.0, "country", "LY", None, 6678567, "countryinfo")
WASHINGTON = Place(
    "geonames:4140963", "Washington", 38.89511, -77.03637, "city", "US", "DC", 689545, "geonames"
)
HOSTILE_PLACE = Place(f"user:{HOSTILE}", HOSTILE, 33.5, 36.3, "city", "SY", HOSTILE, 0, HOSTILE)


def _mention(
    article: Article,
    surface: str,
    place: Place | None,
    score: float = 0.9,
    *,
    nth: int = 0,
    literal: bool = True,
    candidates: tuple[Candidate, ...] = (),
) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(surface, start + 1)
    return Mention(
        article.id,
        start,
        start + len(surface),
        surface,
        place,
        score,
        candidates,
        "test: population and context",
        literal,
    )


def _event(
    article: Article,
    event_id: str,
    event_type: str,
    trigger: str,
    quote: str,
    places: tuple[EventPlace, ...],
    **kw,
) -> Event:
    t = article.text.index(trigger)
    q = article.text.index(quote)
    return Event(
        event_id,
        article.id,
        event_type,
        trigger,
        t,
        t + len(trigger),
        quote,
        q,
        q + len(quote),
        places=places,
        **kw,
    )


def build_run() -> list[ParsedArticle]:
    """Two benign articles and one hostile one."""
    a1 = Article(
        "a1",
        "Clashes erupted in Tripoli on Monday. Washington said it was concerned.\n"
        "A convoy moved from Sirte via al-Watiya Air Base to Tripoli. "
        "Shelling was reported near Tarhouna. Libya called for calm.",
        title="Fighting in Tripoli",
        source="Example News",
        url="https://example.org/a1",
        published=dt.date(2020, 6, 3),
        published_precision="day",
        path="seeds/a1.txt",
    )
    tripoli_1 = _mention(
        a1,
        "Tripoli",
        TRIPOLI,
        0.95,
        candidates=(Candidate(TRIPOLI, 0.95, "capital"), Candidate(TRIPOLI_LB, 0.4, "smaller")),
    )
    washington = _mention(a1, "Washington", WASHINGTON, 0.8, literal=False)
    sirte = _mention(a1, "Sirte", SIRTE, 0.9)
    watiya = _mention(a1, "al-Watiya Air Base", WATIYA, 1.0)
    tripoli_2 = _mention(a1, "Tripoli", TRIPOLI, 0.85, nth=1)
    tarhouna = _mention(a1, "Tarhouna", None, 0.0)
    libya = _mention(a1, "Libya", LIBYA, 0.99)
    e1 = _event(
        a1,
        "a1-e1",
        "clash",
        "Clashes",
        "Clashes erupted in Tripoli on Monday.",
        (EventPlace(tripoli_1, "site"),),
        date=dt.date(2020, 6, 1),
        date_precision="day",
        actors=("GNA", "LNA", "Wagner"),
    )
    e2 = _event(
        a1,
        "a1-e2",
        "movement",
        "moved",
        "A convoy moved from Sirte via al-Watiya Air Base to Tripoli.",
        (
            EventPlace(tripoli_2, "destination"),
            EventPlace(watiya, "via"),
            EventPlace(sirte, "origin"),
        ),
        date=dt.date(2020, 6, 1),
        date_precision="month",
        actors=("LNA",),
        route_id="r1",
    )
    e3 = _event(
        a1,
        "a1-e3",
        "shelling",
        "Shelling",
        "Shelling was reported near Tarhouna.",
        (EventPlace(tarhouna, "site"),),
        date=dt.date(2020, 1, 1),
        date_precision="year",
    )
    pa1 = ParsedArticle(
        a1, [tripoli_1, washington, sirte, watiya, tripoli_2, tarhouna, libya], [e1, e2, e3]
    )

    a2 = Article(
        "a2",
        "Sirte was quiet. Aid arrived in Sirte on 5 June.",
        title="Aid reaches Sirte",
        source="Other Wire",
        published=dt.date(2020, 6, 1),
        published_precision="month",
    )
    sirte_a2 = _mention(a2, "Sirte", SIRTE, 0.7)
    sirte_b2 = _mention(a2, "Sirte", SIRTE, 0.93, nth=1)
    e4 = _event(
        a2,
        "a2-e1",
        "aid",
        "arrived",
        "Aid arrived in Sirte on 5 June.",
        (EventPlace(sirte_b2, "site"),),
        date=dt.date(2020, 6, 5),
        date_precision="day",
    )
    pa2 = ParsedArticle(a2, [sirte_a2, sirte_b2], [e4])

    a3 = Article(
        f"hostile{HOSTILE}",
        f"Title {HOSTILE}. Fighters attacked {HOSTILE} at dawn. "
        f"They moved from {HOSTILE} to Tripoli.",
        title=HOSTILE,
        source=HOSTILE,
        url="javascript:alert(1)",
        published=dt.date(2021, 1, 28),
        published_precision="day",
    )
    h1 = _mention(
        a3,
        HOSTILE,
        HOSTILE_PLACE,
        0.9,
        nth=1,
        candidates=(Candidate(HOSTILE_PLACE, 0.9, HOSTILE), Candidate(TRIPOLI_LB, 0.1, HOSTILE)),
    )
    h2 = _mention(a3, HOSTILE, HOSTILE_PLACE, 0.9, nth=2)
    h3 = _mention(a3, "Tripoli", TRIPOLI, 0.9)
    e5 = _event(
        a3,
        f"hostile-e1{HOSTILE}",
        HOSTILE,
        "attacked",
        f"Fighters attacked {HOSTILE} at dawn.",
        (EventPlace(h1, "site"),),
        date=dt.date(2021, 1, 27),
        date_precision="day",
        actors=(HOSTILE, HOSTILE),
    )
    e6 = _event(
        a3,
        f"hostile-e2{HOSTILE}",
        "movement",
        "moved",
        f"They moved from {HOSTILE} to Tripoli.",
        (EventPlace(h2, "origin"), EventPlace(h3, "destination")),
        route_id=HOSTILE,
    )
    pa3 = ParsedArticle(a3, [h1, h2, h3], [e5, e6])
    return [pa1, pa2, pa3]


@pytest.fixture
def payloads() -> tuple[str, ...]:
    """The hostile strings planted in the hostile article."""
    return PAYLOADS


@pytest.fixture
def run() -> list[ParsedArticle]:
    """Benign and hostile articles together."""
    return build_run()


@pytest.fixture
def benign_run() -> list[ParsedArticle]:
    """The two benign articles only."""
    return build_run()[:2]


@pytest.fixture
def hostile_run() -> list[ParsedArticle]:
    """The hostile article only."""
    return build_run()[2:]


# --- the real gazetteer (built once into the cache; about 30 s the first time) ---

REPO = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def gazetteer_index():
    """The full compiled index with the project's curated entries."""
    from geo.gazetteer import open_index

    index = open_index(REPO / "gazetteer")
    yield index
    index.close()


@pytest.fixture(scope="session")
def geoparser(gazetteer_index):
    """A Geoparser on the full gazetteer."""
    from geo.pipeline import Geoparser

    return Geoparser(index=gazetteer_index)


@pytest.fixture(scope="session")
def seeds_run(geoparser):
    """The bundled seeds, parsed once for the session."""
    from geo.pipeline import run

    return run([REPO / "seeds"], parser=geoparser)
