"""The event lexicon: every shipped row, and errors for bad files."""

from __future__ import annotations

import pytest

from geo.errors import GeoError
from geo.events.lexicon import (
    DEFAULT_LEXICON,
    LexiconError,
    event_type_of,
    find_triggers,
    load_lexicon,
)

TYPES = load_lexicon()
TRIGGERS = [(t.name, w) for t in TYPES for w in t.triggers]
REQUIRED = {
    "capture": ["captured", "seized", "overran", "overrun", "recovered", "fell", "took control"],
    "transfer": [
        "transported",
        "moved",
        "sent",
        "flown",
        "flew",
        "delivered",
        "collected",
        "shipped",
        "arrived",
        "hauling",
        "taken to",
    ],
    "deployment": ["deployed", "stationed", "sending troops"],
    "attack": [
        "launched",
        "hit",
        "struck",
        "attacked",
        "bombed",
        "shelled",
        "strikes",
        "missile attack",
        "shot",
        "stabbed",
    ],
    "killing": ["killed", "assassinated", "assassination", "killing", "gunned down"],
    "retreat": ["retreated", "withdrew", "fled", "withdrawal"],
    "display": ["paraded", "parade", "displayed"],
    "shootdown": ["shot down", "shooting down", "downed"],
    # the event types of wire and local news beyond the military ones
    "explosion": ["exploded", "detonated", "blast", "car bomb"],
    "clash": ["clashed", "clashes", "fighting", "gunfight"],
    "protest": ["protested", "demonstrated", "marched", "rally", "protesters"],
    "arrest": ["arrested", "detained"],
    "robbery": ["robbed", "armed robbery", "carjacking", "burglary"],
    "accident": [
        "crashed",
        "collided",
        "derailed",
        "house fire",
        "drowned",
        "swept away",
        "fire",
        "leaked",
        "spill",
        "rolled over",
        "left the tracks",
        "went missing",
    ],
    "abduction": ["abducted", "kidnapped", "kidnapping", "taken hostage", "hijacked"],
    "rescue": ["rescued", "found alive", "pulled to safety", "winched"],
    "threat": ["lockdown", "locked down", "bomb threat"],
    "disaster": [
        "flooded",
        "flash floods",
        "landslide",
        "tornado",
        "earthquake",
        "burst their banks",
    ],
}


@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type"),
    [
        ("A man was shot in Dayton on Friday.", "shot", "attack"),
        ("A woman was found with stab wounds in Toledo.", "stab wounds", "attack"),
        ("A man was found dead at a home in Frankston North.", "found dead", "killing"),
        ("He had a gunshot wound to the leg.", "gunshot wound", "attack"),
        ("The jet was shot down over Idlib.", "shot down", "shootdown"),
        ("A car bomb exploded in Kabul.", "car bomb", "explosion"),
        ("Thousands marched in Santiago.", "marched", "protest"),
        ("A clerk was robbed at gunpoint in Oshtemo Township.", "robbed", "robbery"),
        ("A family escaped a house fire Sunday morning.", "house fire", "accident"),
        ("He admitted setting fire to a vacant house.", "setting fire", "attack"),
        ("A car was deliberately set on fire.", "set on fire", "attack"),
        # a capitalised trigger inside a name is no trigger; a title-case headline's is
        ("Troopers of the Tennessee Highway Patrol said a car crashed.", "crashed", "accident"),
        ("Man Killed In Shooting On Main Street", "Killed", "killing"),
        # the incidents of local news beyond crime
        (
            "A fire in an HDB flat on Monday was likely caused by a charging scooter.",
            "fire",
            "accident",
        ),
        ("An ammonia leak forced the evacuation of an arena.", "leak", "accident"),
        ("Gunmen abducted six men from a car wash in Culiacan.", "abducted", "abduction"),
        ("He admitted breaking into a bottle shop.", "breaking into", "robbery"),
        ("Police said the break-ins happened early Sunday.", "break-ins", "robbery"),
        ("The suspects ransacked the house.", "ransacked", "robbery"),
        ("A mudflow hit the town on Saturday night.", "mudflow", "disaster"),
        ("Rain caused a debris flow on a mountain creek.", "debris flow", "disaster"),
        ("He punched another man to the ground outside a pub.", "punched", "attack"),
        ("Man remanded over Kilkee bank holiday assault", "assault", "attack"),
        ("Flash floods inundated the estate yesterday.", "Flash floods", "disaster"),
        ("A tornado moved through the area Thursday night.", "tornado", "disaster"),
        ("A building under construction collapsed along Sagamu Road.", "collapsed", "accident"),
        ("The heap of mining waste collapsed into a lake.", "collapsed", "accident"),
        ("One person has been confirmed dead.", "confirmed dead", "killing"),
        ("Five people are feared dead.", "feared dead", "killing"),
        ("A bus plunged into the Trishuli River.", "plunged into", "accident"),
        ("A surfer was bitten by a shark at Lighthouse Beach.", "was bitten", "accident"),
        ("A walker was found alive on Pen y Fan.", "found alive", "rescue"),
        ("Three anglers were rescued off Kilmore Quay.", "rescued", "rescue"),
        ("A middle school in Airdrie is in lockdown.", "lockdown", "threat"),
        ("Iran launched missiles at Erbil.", "launched", "attack"),
        ("A man became trapped in a grain bin.", "became trapped", "accident"),
        ("140 ewes were stolen from a farm near Llanidloes.", "stolen", "robbery"),
        ("A driver was forced out of his SUV at gunpoint.", "at gunpoint", "robbery"),
        ("The man was taken into custody at 9.20pm.", "taken into custody", "arrest"),
        ("A man barricaded himself inside a home.", "barricaded", "threat"),
        ("A climber was hurt after a fall at Mount Arapiles.", "after a fall", "accident"),
        ("She slipped and fell about 20 metres onto a ledge.", "slipped and fell", "accident"),
        ("She fell and hit a snow fence close to a run.", "She fell", "accident"),
        ("He was beaten to death by a mob at the market.", "beaten to death", "killing"),
        ("Several were treated after a crowd surge at the stage.", "crowd surge", "accident"),
        ("The town fell to rebels on Sunday.", "fell", "capture"),
        ("The bus plunged some 150 metres into a ravine.", "plunged", "accident"),
        ("A truck plunged 40 feet off the bridge.", "plunged", "accident"),
        ("A tailings dam at a mine in Barão de Cocais partially breached.", "breached", "accident"),
        ("A water main burst in Leeds.", "burst", "accident"),
        ("Residents blocked the N3 highway with burning tyres.", "blocked", "protest"),
        ("Two men were burned in a methane ignition at the mine.", "methane ignition", "explosion"),
        ("The collapse of a four-storey building trapped nine.", "collapse", "accident"),
        ("The building came crashing down at dawn.", "came crashing down", "accident"),
        ("Their minibus ran into the back of a lorry.", "ran into the back of", "accident"),
        ("A man was pushed onto the subway tracks in Queens.", "pushed onto", "attack"),
        ("A stranger shoved him onto the tracks.", "shoved", "attack"),
        ("A woman was trampled to death by an elephant.", "trampled to death", "killing"),
        ("A herder was gored by a buffalo near the park.", "gored by", "accident"),
        ("A boy was attacked by a crocodile at Binga.", "attacked by a crocodile", "accident"),
        ("The Rincón de la Vieja volcano erupted on Tuesday.", "erupted", "disaster"),
        ("A family made it out of their burning home early Tuesday.", "burning home", "accident"),
        ("The side-by-side rolled down an embankment.", "rolled down", "accident"),
        ("His pickup went over an embankment on Route 2.", "over an embankment", "accident"),
        ("A dairy barn burned to the ground on Sunday.", "burned to the ground", "accident"),
        ("The church was destroyed by fire overnight.", "destroyed by fire", "accident"),
        (
            "He went under while swimming in the Kansas River.",
            "went under while swimming",
            "accident",
        ),
        ("Youths threw petrol bombs at police in Niddrie.", "petrol bombs", "attack"),
        ("A swimmer was bitten on the leg by a shark off Kaanapali.", "was bitten", "accident"),
        ("Heavy rain caused the river to overflow in Apia.", "overflow", "disaster"),
        # a storm's name does not make its word part of an organisation's name
        ("Tropical Cyclone Tane passed close to the town.", "Cyclone", "disaster"),
        ("Hurricane Ian made landfall in Florida.", "Hurricane", "disaster"),
        ("Two men fired several shots at a house in Deurne.", "fired several shots", "attack"),
        ("Shots were fired outside a bar on Main Street.", "Shots were fired", "attack"),
        ("Neighbours heard gunfire in the street.", "gunfire", "attack"),
        (
            "His Golf went out of control on the N17 at Knock Road.",
            "went out of control",
            "accident",
        ),
        ("The driver lost control of the car on a bend.", "lost control of the car", "accident"),
        (
            "His snowmobile went through the ice on Lake Nipissing.",
            "went through the ice",
            "accident",
        ),
        # one blow is an assault; a pedestrian run down is a road crash
        ("He felled a stranger with a single punch on Cavill Ave.", "single punch", "attack"),
        (
            "Jailed for running down a pedestrian in South Lake Tahoe.",
            "running down a pedestrian",
            "accident",
        ),
        # the sea: a surfer in trouble, a body recovered, a boat upside down
        (
            "A man got into difficulty while surfing at Polzeath.",
            "got into difficulty while surfing",
            "accident",
        ),
        ("He was pulled from the water by lifeguards.", "pulled from the water", "accident"),
        ("Their boat flipped crossing the Whakatane River bar.", "boat flipped", "accident"),
        # the bush burns and trucks roll
        ("A bushfire north of Buchan jumped containment lines.", "bushfire", "accident"),
        ("His grain truck rolled on the Great Eastern Highway.", "truck rolled", "accident"),
        ("The semi-trailer left the road on a bend.", "left the road", "accident"),
        ("A section of cliff gave way in Whitby early on Monday.", "gave way", "accident"),
        # a pedestrian hit by a car was in a crash, not an attack
        ("A pedestrian was hit by a car on Main Street.", "hit by a car", "accident"),
        ("A woman was struck by a train near the station.", "struck by a train", "accident"),
        (
            "A driver slammed head-on into a pickup on Highway 99.",
            "slammed head-on into",
            "accident",
        ),
        (
            "A pickup truck drove through the front window of a pharmacy.",
            "drove through the front",
            "accident",
        ),
        # a river over its defences; tyres burning on a road; a road blocked by its number
        ("The River Suir overtopped flood defences in Clonmel.", "overtopped", "disaster"),
        ("Residents burned tyres on the R304 in Kayamandi.", "burned tyres", "protest"),
        ("Residents blocked the R304 in Kayamandi.", "blocked", "protest"),
        # a boy through the ice, a camper rolled by the wind, a farm machine, a ferry berthing
        ("A boy was pulled from icy water in Ballston Spa.", "pulled from icy water", "accident"),
        (
            "A pickup towing a camper rolled on Highway 1 near Swift Current.",
            "rolled on Highway",
            "accident",
        ),
        (
            "His arm was caught in a grain auger near Rosetown.",
            "caught in a grain auger",
            "accident",
        ),
        (
            "A ferry made heavy contact with the pier at Brodick.",
            "made heavy contact with",
            "accident",
        ),
        ("The ferry struck the pier at Brodick.", "struck the pier", "accident"),
        (
            "Heavy rain turned streets into rivers in Ivanjica.",
            "turned streets into rivers",
            "disaster",
        ),
    ],
)
def test_news_triggers_in_context(sentence: str, trigger: str, event_type: str) -> None:
    found = find_triggers(sentence)[0]  # "car bomb exploded": one event, two same-type words
    assert (found.text, found.event_type.name) == (trigger, event_type)


@pytest.mark.parametrize(
    "sentence",
    [
        "The country plunged into chaos after the vote.",
        "The coronavirus lockdown in Wuhan ended in April.",
        "The Kilmore Quay lifeboat was launched at 7.15pm.",
        "Police launched an appeal for witnesses.",
        "A man is fighting for his life in hospital.",
        "The climber fell several metres while leading a route.",
        "Exports fell by 5 percent last year.",
        # a capitalised trigger opening a name inside a sentence: a lakeshore park
        "Emergency services were called to Fell Foot park.",
        "He was carrying an assault rifle and ammunition.",
        "Shares plunged 5 percent on Monday.",
        # control of a town or of a budget is lost in no crash
        "Government forces lost control of the town in May.",
        "The senate blocked the bill on Monday.",
        "The situation was brought under control on Wednesday night.",
        "Prosecutors brought charges against him in Athens.",
        "Hamas breached the ceasefire in Rafah.",
        "The crowd burst into applause in the square.",
        "The collapse of the talks angered Kyiv.",
        # a rescue's recovery is no place taken or given up
        "Rescuers pulled out the bodies of two residents.",
        "Two more bodies were pulled out of debris.",
        "Divers recovered the body of a boy from the lake.",
        # what falls as weather or as a thing is no town taken
        "More than 200mm of rain fell on Upolu in 24 hours.",
        "A tree fell on a house in Luganville.",
        "The ban has bitten hard into profits in Lagos.",
        # what overflows is no flood unless it is water
        "Hospitals are overflowing with patients in Lagos.",
        "An overflow crowd watched in Suva.",
        "The Cyclone Warning Centre in Nadi said so.",
        # what gives way is no collapse unless it is built or ground
        "Her anger gave way to grief in Dundalk.",
    ],
)
def test_words_that_are_no_incident_in_context(sentence: str) -> None:
    assert find_triggers(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A mudflow that hit the town of Mailuu-Suu destroyed two houses.",
        "The earthquake struck the region at dawn.",
        "A blast which has hit the port killed four.",
        "The thunderstorm moved across the Western Downs from the southwest and hit Dalby.",
    ],
)
def test_what_a_hazard_hit_is_the_hazard_not_an_attack(sentence: str) -> None:
    found = find_triggers(sentence)
    assert len({t.event_type.name for t in found[:2]}) == 1, found


@pytest.mark.parametrize("event_type", TYPES, ids=lambda t: t.name)
def test_every_row_is_complete(event_type) -> None:
    assert event_type.definition.strip()
    assert event_type.acled.strip() and event_type.cameo.strip()
    assert event_type.kind in ("movement", "static")
    assert len(set(event_type.triggers)) == len(event_type.triggers)


def test_triggers_are_unique_across_types() -> None:
    words = [w for _, w in TRIGGERS]
    assert len(words) == len(set(words))


@pytest.mark.parametrize(("name", "word"), TRIGGERS)
def test_every_trigger_matches_itself(name: str, word: str) -> None:
    sentence = f"Officials said it {word} there."
    if word in ("collapsed", "collapses", "caved in", "gave way", "gives way", "giving way"):
        sentence = f"Officials said the building then {word} there."
    elif word in ("breached", "breaches", "breach", "burst", "bursts"):
        sentence = f"Officials said the dam then {word} there."
    elif word.startswith("overflow"):
        sentence = f"Officials said the river then {word} there."
    elif word in ("blocked", "blocking"):
        sentence = f"Officials said it {word} the main road there."
    elif word == "collapse":
        sentence = "Officials said the collapse of the building came there."
    elif word in ("plunged", "plunges"):
        sentence = f"Officials said it {word} 40 metres into a ravine there."
    [match] = find_triggers(sentence)
    assert (match.event_type.name, match.text) == (name, word)
    assert sentence[match.start : match.end] == word


@pytest.mark.parametrize(("name", "words"), REQUIRED.items())
def test_required_vocabulary(name: str, words: list[str]) -> None:
    for word in words:
        assert event_type_of(word).name == name, word


@pytest.mark.parametrize(
    "sentence",
    [
        "Fire crews were called to the scene.",
        "The Fire Department said nobody was hurt.",
        "Crews from Mid and West Wales Fire and Rescue Service attended.",
        "Fire & Rescue NSW crews came.",
        "The convoy came under fire near the border.",
        "Troops returned fire.",
        "Iran said it would fire more missiles.",
        "Flood defences held in the town.",
        "Talks collapsed on Monday.",
    ],
)
def test_fire_or_a_collapse_that_is_no_incident(sentence: str) -> None:
    assert [m.text for m in find_triggers(sentence)] == []


def test_adjectival_participle_is_not_an_event() -> None:
    assert [m.text for m in find_triggers("It moved a captured system.")] == ["moved"]


def test_destination_triggers() -> None:
    [match] = find_triggers("Jets arrived in Libya.")
    assert match.site_role == "destination"


HEADER = "event_type,kind,object_role,definition,acled,cameo,triggers\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x,static,,Def,a,c,hit|hit\n", "already belongs"),
        ("x,sideways,,Def,a,c,hit\n", "kind"),
        ("x,static,,,a,c,hit\n", "no definition"),
        ("x,static,,Def,a,c,hit||run\n", "empty trigger"),
        ("x,static,,Def,a,c,hit@somewhere\n", "unknown suffix"),
        ("x,static,upward,Def,a,c,hit\n", "object_role"),
    ],
)
def test_bad_rows(tmp_path, body: str, message: str) -> None:
    path = tmp_path / "lexicon.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon(path)
    assert "line 2" in str(info.value)
    assert isinstance(info.value, GeoError) and isinstance(info.value, ValueError)


def test_missing_column_and_missing_file(tmp_path) -> None:
    path = tmp_path / "lexicon.csv"
    path.write_text("event_type,kind\nx,static\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="lacks column"):
        load_lexicon(path)
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "nope.csv")


def test_custom_lexicon_is_used(tmp_path) -> None:
    path = tmp_path / "lexicon.csv"
    path.write_text(
        HEADER + "protest,static,,People protest.,Protests,14,rallied\n", encoding="utf-8"
    )
    types = load_lexicon(path)
    assert [m.event_type.name for m in find_triggers("They rallied and killed.", types)] == [
        "protest"
    ]
    assert DEFAULT_LEXICON.exists()


def test_the_tree_pattern_finds_what_a_list_longest_first_finds() -> None:
    # the trigger pattern is a tree of letters for speed; it must match exactly what the
    # plain alternation of every phrase, longest first, matches
    import json
    import re
    from pathlib import Path

    from geo.events.lexicon import _pattern

    words = sorted({w for _, w in TRIGGERS}, key=lambda w: (-len(w), w))
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    plain = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    tree, _ = _pattern(TYPES)
    pages = Path(__file__).parent / "data" / "events" / "local_news.jsonl"
    texts = [json.loads(line)["text"] for line in pages.open(encoding="utf-8")][:150]
    for word in words:  # each phrase spaced oddly, run on, cut short
        texts += ["x " + word.upper().replace(" ", " \n ") + " y", word + "s", word[:-1]]
    for text in texts:
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
