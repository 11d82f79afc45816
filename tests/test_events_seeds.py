"""The event stage on the three seed articles, against reviewed gold."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from geo.events import extract_events, route_legs
from geo.model import Article, Event, Mention, Place

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "events"
GOLD = json.loads((DATA / "seeds_gold.json").read_text(encoding="utf-8"))
SPEC = json.loads((DATA / "seed_places.json").read_text(encoding="utf-8"))
METONYM_SURFACES = {"Washington", "Moscow", "Tehran", "Kremlin"}


def seed_mentions(article_id: str, text: str) -> list[Mention]:
    """Mentions the way a geoparser would give them: metonyms and demonyms not literal."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []

    def add(start: int, end: int, **kwargs) -> None:
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            found.append(Mention(article_id, start, end, text[start:end], **kwargs))

    for surface, context in SPEC["metonyms"]:
        for m in re.finditer(re.escape(context), text):
            start = m.start() + context.index(surface)
            add(start, start + len(surface), literal=False)
    for demonym in SPEC["demonyms"]:
        for m in re.finditer(rf"(?<![\w-]){re.escape(demonym)}(?!\w)", text):
            add(m.start(), m.end(), literal=False)
    for name in sorted(SPEC["places"], key=len, reverse=True):
        kind, country = SPEC["places"][name]
        place = Place(f"test:{name}", name, 0.0, 0.0, kind, country)
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            add(m.start(), m.end(), place=place)
    return sorted(found, key=lambda m: m.start)


def run_seed(key: str) -> tuple[Article, list[Mention], list[Event]]:
    [path] = (ROOT / "seeds").glob(f"{key}_*.txt")
    text = path.read_text(encoding="utf-8")
    day, precision = GOLD[key]["published"]
    article = Article(
        key, text, published=dt.date.fromisoformat(day), published_precision=precision
    )
    mentions = seed_mentions(key, text)
    return article, mentions, extract_events(article, mentions)


def matches(event: Event, gold: dict) -> bool:
    places = {(p.mention.surface, p.role) for p in event.places}
    return (
        event.event_type == gold["type"]
        and {tuple(p) for p in gold["places"]} <= places
        and event.date_iso == gold["date"]
        and ("actor" not in gold or gold["actor"] in event.actors)
        and (not gold.get("route") or event.route_id is not None)
    )


GOLD_CASES = [(key, i) for key in ("000", "001", "002") for i in range(len(GOLD[key]["events"]))]


@pytest.mark.parametrize(("key", "index"), GOLD_CASES)
def test_seed_gold_event_is_found(key: str, index: int) -> None:
    gold = GOLD[key]["events"][index]
    _, _, events = run_seed(key)
    summary = [
        (e.event_type, e.trigger, e.date_iso, [(p.mention.surface, p.role) for p in e.places])
        for e in events
    ]
    assert any(matches(e, gold) for e in events), summary


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_no_event_sits_on_a_metonym(key: str) -> None:
    _, mentions, events = run_seed(key)
    assert any(not m.literal for m in mentions)
    for event in events:
        for place in event.places:
            assert place.mention.literal, (event.trigger, place.mention.surface)
            assert place.mention.surface not in METONYM_SURFACES


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_ids_are_deterministic_and_quotes_are_sentences(key: str) -> None:
    article, _mentions, events = run_seed(key)
    assert [e.event_id for e in events] == [f"{key}:e{n}" for n in range(1, len(events) + 1)]
    for event in events:
        assert article.text[event.quote_start : event.quote_end] == event.quote
        assert event.quote_start <= event.trigger_start < event.trigger_end <= event.quote_end
        assert article.text[event.trigger_start : event.trigger_end] == event.trigger
    _, _, again = run_seed(key)
    assert [(e.event_id, e.places, e.date) for e in again] == [
        (e.event_id, e.places, e.date) for e in events
    ]


def test_pantsir_route_is_one_ordered_route() -> None:
    article, _, events = run_seed("000")
    routes = route_legs(events, article.text)
    assert len(routes) == 1
    [legs] = routes.values()
    stops = [p.mention.surface for leg in legs for p in leg.places if p.role != "origin"]
    stops = [legs[0].places[0].mention.surface, *stops]
    assert stops == GOLD["000"]["route_order"]


def test_shootdown_is_not_part_of_the_route() -> None:
    _, _, events = run_seed("000")
    [shootdown] = [e for e in events if e.event_type == "shootdown"]
    assert shootdown.route_id is None
