"""Tests for geo.articles: files, folders, metadata, datelines, boilerplate, JSON Lines."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from pathlib import Path

import pytest

from geo.articles import (
    blank_boilerplate,
    find_dateline,
    find_title,
    iter_articles,
    iter_jsonl,
    parse_iso_date,
)
from geo.errors import ArticleError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ID_000 = "000_800501e9cd7ae460"
ID_001 = "001_d3e2ec1975bddfb8"
ID_002 = "002_517eb0478e77d970"
TITLES = {
    ID_000: "US secretly moved Russia air defence system from Libya, report reveals",
    ID_001: "Russia raises stakes with 'brazen' military intervention in Libyan conflict",
    ID_002: (
        "US Deploys Patriot System in Iraq to Tackle ‘Another Potential Iranian Attack’ – Report"
    ),
}


class Skips:
    """Collects ``on_skip`` calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, path: str, reason: str) -> None:
        self.calls.append((path, reason))


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {article.id: article for article in iter_articles([SEEDS])}


@pytest.fixture
def bare_seeds(tmp_path: Path) -> dict[str, object]:
    """The seeds without their metadata.csv."""
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path)
    return {article.id: article for article in iter_articles([tmp_path])}


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------
# Seeds and metadata
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_id", "source", "published", "precision", "iso"),
    [
        (ID_000, "Middle East Monitor", dt.date(2021, 1, 28), "day", "2021-01-28"),
        (ID_001, "CNN", dt.date(2020, 6, 1), "month", "2020-06"),
        (ID_002, "Sputnik", dt.date(2020, 3, 1), "month", "2020-03"),
    ],
)
def test_seed_metadata(seeds, article_id, source, published, precision, iso):
    article = seeds[article_id]
    assert article.title == TITLES[article_id]
    assert article.source == source
    assert article.published == published
    assert article.published_precision == precision
    assert article.published_iso == iso
    assert article.url is None
    assert article.path == str(SEEDS / f"{article_id}.txt")


def test_seeds_in_order_and_metadata_csv_is_not_an_article():
    ids = [article.id for article in iter_articles([SEEDS])]
    assert ids == [ID_000, ID_001, ID_002]


@pytest.mark.parametrize("article_id", [ID_000, ID_001, ID_002])
def test_seed_text_keeps_file_length(seeds, article_id):
    decoded = (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")
    assert len(seeds[article_id].text) == len(decoded)


def test_explicit_file_uses_metadata_of_its_folder():
    (article,) = iter_articles([SEEDS / f"{ID_001}.txt"])
    assert (article.source, article.published_iso) == ("CNN", "2020-06")


def test_metadata_in_parent_folder_applies_to_subfolder(tmp_path):
    write(tmp_path, "sub/a.txt", "Some headline about Tripoli\n\nBody.\n")
    write(tmp_path, "metadata.csv", "file,source,published\nsub/a.txt,Reuters,2019\n")
    (article,) = iter_articles([tmp_path])
    assert (article.source, article.published_iso, article.published_precision) == (
        "Reuters",
        "2019",
        "year",
    )


def test_metadata_partial_row_and_missing_row(tmp_path):
    write(tmp_path, "a.txt", "Troops leave Sirte for the east\n\nJan. 5, 2020\n\nBody.\n")
    write(tmp_path, "b.txt", "Ships dock at Misrata port today\n\nBody.\n")
    write(tmp_path, "metadata.csv", "file,title,source\na,,AFP\n")
    a, b = iter_articles([tmp_path])
    # empty cells fall back to the text; a row may name the file by its stem
    assert (a.title, a.source, a.published_iso) == (
        "Troops leave Sirte for the east",
        "AFP",
        "2020-01-05",
    )
    assert (b.title, b.source, b.published) == ("Ships dock at Misrata port today", None, None)


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        ("file,title,published\na.txt,T,2021-13-01\n", "line 2"),
        ("file,title,published\na.txt,T,last week\n", "line 2"),
        ("file,author\na.txt,Me\n", "line 1: unknown column 'author'"),
        ("title,source\nT,S\n", "line 1: no 'file' column"),
        ("file,title\na.txt,One\n\na.txt,Two\n", "line 4"),
        ("file,title\na.txt,One,extra\n", "line 2"),
        ("file,title\n,One\n", "line 2"),
    ],
    ids=[
        "bad-month",
        "junk-date",
        "unknown-column",
        "no-file-column",
        "duplicate",
        "extra-field",
        "empty-file",
    ],
)
def test_malformed_metadata_raises(tmp_path, csv_text, expected):
    write(tmp_path, "a.txt", "Headline about Benghazi today\n")
    write(tmp_path, "metadata.csv", csv_text)
    with pytest.raises(ArticleError, match=r"metadata\.csv") as info:
        next(iter_articles([tmp_path]))
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_explicit_metadata_csv_is_skipped(tmp_path):
    csv_path = write(tmp_path, "metadata.csv", "file,title\n")
    skips = Skips()
    assert list(iter_articles([csv_path], on_skip=skips)) == []
    assert skips.calls == [(str(csv_path), "a metadata file, not an article")]


# --------------------------------------------------------------------------
# Titles and datelines without metadata
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_id", "published"),
    [(ID_000, dt.date(2021, 1, 28)), (ID_001, None), (ID_002, None)],
)
def test_seeds_without_metadata(bare_seeds, article_id, published):
    article = bare_seeds[article_id]
    assert article.title == TITLES[article_id]
    assert article.source is None
    assert article.published == published
    assert article.published_precision == ("day" if published else None)


def test_seed_000_dateline():
    text = (SEEDS / f"{ID_000}.txt").read_text(encoding="utf-8")
    assert find_dateline(text) == (dt.date(2021, 1, 28), "January 28, 2021 at 4:34 pm")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("January 28, 2021 at 4:34 pm", dt.date(2021, 1, 28)),
        ("28 January 2021", dt.date(2021, 1, 28)),
        ("2021-01-28", dt.date(2021, 1, 28)),
        ("2021-01-28T16:34:00Z", dt.date(2021, 1, 28)),
        ("Jan. 28, 2021", dt.date(2021, 1, 28)),
        ("Sept. 3, 2020", dt.date(2020, 9, 3)),
        ("Published: Thursday 28th January 2021 16:34 GMT", dt.date(2021, 1, 28)),
        ("Updated 3 Sep 2020, 10.15 am", dt.date(2020, 9, 3)),
        ("By Jane Doe | March 3, 2020", dt.date(2020, 3, 3)),
        (
            "Posted Jan. 27, 2023 4:05 pm | Kyle Fenwick, Local Journalism Initiative",
            dt.date(2023, 1, 27),
        ),
        # numbers alone, where one of them can only be the day
        ("Published on 17/09/2022 - 10:41 GMT+2", dt.date(2022, 9, 17)),
        ("Posted 14/10/2022 08:12 – Updated 11:40", dt.date(2022, 10, 14)),
        ("Posted 10/14/2022", dt.date(2022, 10, 14)),
        ("14.10.2022", dt.date(2022, 10, 14)),
        ("Posted: 08.08.2023 14:32 | Society", dt.date(2023, 8, 8)),
        # a day written with a full stop, as in Central European pages
        ("Posted 14. Jun 2022 at 10:42 | Staff writer", dt.date(2022, 6, 14)),
        # a time zone of any letters after the time
        ("Thursday, 30 Nov 2023 6:45 PM MYT", dt.date(2023, 11, 30)),
        ("2024-04-22 10:05 ADT", dt.date(2024, 4, 22)),
        # a print edition's page
        ("Posted on: Wed, Mar 06, 2024 page 2", dt.date(2024, 3, 6)),
        ("Wed, Mar 06, 2024 - Page A12", dt.date(2024, 3, 6)),
    ],
)
def test_find_dateline_formats(line, expected):
    text = f"A headline about Tripoli\n\n{line}\n\nBody text follows here.\n"
    assert find_dateline(text) == (expected, line)


@pytest.mark.parametrize(
    ("line", "head", "expected"),
    [
        (
            "LIMA, Tuesday, March 14, 2023 — A mudslide tore down a ravine in Chosica.",
            "LIMA, Tuesday, March 14, 2023 —",
            dt.date(2023, 3, 14),
        ),
        (
            "KYIV, Ukraine, Jan. 5, 2024 (AP) — Russian drones struck the city overnight.",
            "KYIV, Ukraine, Jan. 5, 2024 (AP) —",
            dt.date(2024, 1, 5),
        ),
        (
            "TAIPEI, Nov. 18, 2022 (CNA) A magnitude 6.1 earthquake struck late Thursday.",
            "TAIPEI, Nov. 18, 2022 (CNA)",
            dt.date(2022, 11, 18),
        ),
        (
            "CAIRO, Ga. (Sept. 12, 2022) — A man died after he was shot late Sunday.",
            "CAIRO, Ga. (Sept. 12, 2022) —",
            dt.date(2022, 9, 12),
        ),
        (
            "HEARST, Ont. — Posted Jan. 12, 2023 at 11:05 a.m.",
            "HEARST, Ont. — Posted Jan. 12, 2023 at 11:05 a.m.",
            dt.date(2023, 1, 12),
        ),
        (
            "ENGELBERG, August 23, 2023 (Keystone-SDA)",
            "ENGELBERG, August 23, 2023 (Keystone-SDA)",
            dt.date(2023, 8, 23),
        ),
        # a story after the dash is no date line
        ("HEARST, Ont. — A man died on Jan. 12, 2023 in a crash.", None, None),
        # a bracket that holds no date leaves none
        ("AUSTIN, Texas (KXAN 36) — A man died.", None, None),
        # a parenthesis is no agency: "(pictured)" ends no dateline
        ("SMITH, aged 45, 2022 (pictured) Was arrested.", None, None),
        # no year: no date ("ZONGULDAK, Turkey, March 9 —" is dated by the page, if at all)
        ("ZONGULDAK, Turkey, March 9 — A blast tore through a mine.", None, None),
        # a date in the story after the town is no dateline
        ("LIMA — Protesters marched on March 14, 2023 - the day after the vote.", None, None),
    ],
)
def test_a_wire_dateline_opening_the_story_dates_it(line, head, expected):
    found = find_dateline(f"Mudslide buries homes\n\n{line}\n")
    assert found == (None if expected is None else (expected, head))


@pytest.mark.parametrize(
    "line",
    [
        "© AFP 2023 / BULENT KILIC",
        "(c) Reuters 2019",
        "Copyright 28 January 2021 Reuters",
        "© January 28, 2021",
        "2020",
        "In 2020",
        "February 30, 2021",
        "10 March",
        "Air missile systems pictured at a military base in Syria, on 26 September 2019.",
        "On 8 January 2020 Iran struck bases",
        "See page 2 for the March 6, 2024 report",
        # day and month could be either way round: no date rather than a wrong one
        "Posted 03/04/2023",
        "Version 1.12.2020",
    ],
    ids=lambda s: s[:30],
)
def test_find_dateline_rejects(line):
    assert find_dateline(f"A headline about Tripoli\n\n{line}\n\nBody text.\n") is None


def test_find_dateline_only_searches_the_top():
    filler = "\n".join(f"Paragraph {i} of the story." for i in range(15))
    assert find_dateline(f"Headline\n{filler}\nJanuary 28, 2021\n") is None
    assert find_dateline(f"Headline\n{filler[:200]}\nJanuary 28, 2021\n") is not None


def test_caption_date_is_not_publication_date(tmp_path):
    text = "Jets arrive at al Jufra base\n\nJets at a base in Syria, on 26 September 2019.\n"
    write(tmp_path, "a.txt", text)
    (article,) = iter_articles([tmp_path])
    assert article.published is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Markdown headline about Iraq\n\nBody.", "Markdown headline about Iraq"),
        (
            "- Sputnik International\nUS Deploys Patriot System in Iraq\n",
            "US Deploys Patriot System in Iraq",
        ),
        ("© AFP 2023 / Some Photographer\nJets over the desert\n", "Jets over the desert"),
        ("January 28, 2021\nJets over the desert\n", "Jets over the desert"),
        ("Short\nIt was a long sentence that ends with a period.\n", None),
        ("", None),
    ],
)
def test_find_title(text, expected):
    assert find_title(text) == expected


# --------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_id", "blanked_lines"),
    [
        (
            ID_000,
            [
                "Creating new perspectives since 2009",
                "READ: Can the EU ever have boots on the ground in Libya?",
                "READ: Is the US using its NATO ally Turkey to counter Russia in Libya?",
            ],
        ),
        (
            ID_002,
            [
                "- Sputnik International",
                "Get the latest news from around the world, live coverage, off-beat stories, "
                "features and analysis.",
                "To participate in the discussion",
                "log in or register",
                "Заголовок открываемого материала",
            ],
        ),
    ],
)
def test_seed_boilerplate_blanked(article_id, blanked_lines):
    original = (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")
    blanked = blank_boilerplate(original)
    assert len(blanked) == len(original)
    removed = []
    for before, after in zip(original.split("\n"), blanked.split("\n"), strict=True):
        if before != after:
            assert after == " " * len(before)
            removed.append(before)
        else:
            assert before == after
    assert removed == blanked_lines


@pytest.mark.parametrize(
    "line",
    [
        "READ: Can the EU ever have boots on the ground in Libya?",
        "Read more: Turkey sends drones to Tripoli",
        "See also: Wagner in Mali",
        "To participate in the discussion",
        "log in or register",
        "Sign up for our daily newsletter",
        "Share this article",
        "Follow us on Twitter and Telegram",
        "Advertisement",
        "Creating new perspectives since 2009",
        "- Sputnik International",
        "  Заголовок открываемого материала  ",
        "مقالات ذات صلة",
    ],
)
def test_boilerplate_lines_blanked(line):
    before = "Troops left Sirte on Monday and drove east along the coast road.\n"
    after = "\nThey reached Ajdabiya by nightfall, officials in Benghazi said."
    assert blank_boilerplate(before + line + after) == before + " " * len(line) + after


@pytest.mark.parametrize(
    "line",
    [
        "Readers in Benghazi said the READ: label was confusing.",
        "He told reporters to read the report before flying to Cairo.",
        "Follow-up talks were held in Ankara on Monday.",
        "Sign language interpreters arrived in Misrata.",
        "They decided to share this article's findings with officials in Moscow.",
        "Advertisements for the rally were posted across Tripoli.",
        "Officials met in Moscow (Москва) on Monday.",
        "US soldiers work on a Patriot missile system - Sputnik International",
        "See also: Franklin Township, New Jersey; Franklin Lakes, New Jersey Franklin is a "
        "borough in Sussex County, New Jersey, United States. As of the 2010 United States "
        "Census, the borough's population was 4,823.",
    ],
    ids=lambda s: s[:30],
)
def test_normal_sentences_untouched(line):
    text = f"Troops left Sirte.\n{line}\nThey went east."
    assert blank_boilerplate(text) == text


def test_non_latin_lines_kept_in_non_latin_article():
    text = "Войска покинули Сирт.\nЗаголовок открываемого материала\nRead: Libya"
    assert blank_boilerplate(text).split("\n")[:2] == text.split("\n")[:2]


def test_blanking_keeps_carriage_returns():
    assert blank_boilerplate("Share this article\r\nBody.") == "                  \r\nBody."


# --------------------------------------------------------------------------
# Encodings, newlines, skipped files
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("\ufeffTroops in Zürich today\n".encode(), "Troops in Zürich today\n"),
        ("Café talks in Genève today\n".encode("latin-1"), "Café talks in Genève today\n"),
        (b"A \x93quoted\x94 headline here\x85\n", "A “quoted” headline here…\n"),
        (b"Not cp1252 \x81 but latin-1 \xe9\n", "Not cp1252 \x81 but latin-1 é\n"),
        (b"Line one of text\r\nLine two\r\n", "Line one of text\nLine two\n"),
        (b"Old Mac line one\rLine two\r", "Old Mac line one\nLine two\n"),
        ("Troops in Zürich today\r\n".encode("utf-16"), "Troops in Zürich today\n"),
    ],
    ids=["utf8-bom", "latin-1", "cp1252-quotes", "latin-1-fallback", "crlf", "cr", "utf16-bom"],
)
def test_encodings_and_newlines(tmp_path, content, expected):
    write(tmp_path, "a.txt", content)
    (article,) = iter_articles([tmp_path])
    assert article.text == expected


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20 + b"some text", "binary file (mostly control bytes)"),
        # found by the fuzz test: a UTF-16 mark before zero bytes
        (b"\xfe\xff\x00\x00", "binary file (contains NUL characters)"),
    ],
    ids=["empty", "whitespace", "nul", "control", "utf16-nul"],
)
def test_bad_files_skipped(tmp_path, caplog, content, reason):
    bad = write(tmp_path, "a_bad.txt", content)
    write(tmp_path, "b_good.txt", "A good headline about Sirte\n")
    skips = Skips()
    with caplog.at_level(logging.WARNING, logger="geo.articles"):
        ids = [article.id for article in iter_articles([tmp_path], on_skip=skips)]
    assert ids == ["b_good"]
    assert skips.calls == [(str(bad), reason)]
    assert reason in caplog.text


def test_unreadable_file_skipped(tmp_path, monkeypatch):
    bad = write(tmp_path, "a.txt", "A headline about Derna\n")
    write(tmp_path, "b.txt", "A headline about Tobruk\n")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    skips = Skips()
    assert [a.id for a in iter_articles([tmp_path], on_skip=skips)] == ["b"]
    assert skips.calls == [(str(bad), "unreadable (Permission denied)")]


def test_skip_without_callback_only_logs(tmp_path, caplog):
    write(tmp_path, "a.txt", b"")
    with caplog.at_level(logging.WARNING, logger="geo.articles"):
        assert list(iter_articles([tmp_path])) == []
    assert "empty file" in caplog.text


# --------------------------------------------------------------------------
# Paths and folders
# --------------------------------------------------------------------------


def test_missing_path_raises(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(ArticleError, match="does not exist; give an article file") as info:
        next(iter_articles([missing]))
    assert str(missing) in str(info.value)
    assert isinstance(info.value, OSError)


@pytest.mark.parametrize(
    "files",
    [{}, {".hidden.txt": "Hidden", "notes.json": "{}", ".git/a.txt": "Hidden"}],
    ids=["empty", "no-articles"],
)
def test_folder_without_articles_raises(tmp_path, files):
    for name, content in files.items():
        write(tmp_path, name, content)
    with pytest.raises(ArticleError, match="holds no article files") as info:
        next(iter_articles([tmp_path]))
    assert str(tmp_path) in str(info.value)


def test_errors_raised_before_any_article(tmp_path):
    write(tmp_path, "a.txt", "A headline about Sabha\n")
    articles = iter_articles([tmp_path, tmp_path / "missing"])
    with pytest.raises(ArticleError):
        next(articles)


def test_folder_recursive_sorted_and_filtered(tmp_path):
    for name in ["b.txt", "a/z.md", "a/c.TXT", "c.json", ".hidden.txt", ".cache/x.txt", "a0.txt"]:
        write(tmp_path, name, f"Headline for {name} here\n")
    ids = [article.id for article in iter_articles([tmp_path])]
    assert ids == ["c", "z", "a0", "b"]
    assert ids == [article.id for article in iter_articles([tmp_path])]


def test_explicit_file_of_other_extension_is_read(tmp_path):
    path = write(tmp_path, "story.log", "Jets over Sirte tonight\n")
    (article,) = iter_articles([path])
    assert (article.id, article.text) == ("story", "Jets over Sirte tonight\n")


def test_file_given_twice_read_once(tmp_path):
    path = write(tmp_path, "a.txt", "Jets over Sirte tonight\n")
    assert [a.id for a in iter_articles([path, tmp_path])] == ["a"]


# --------------------------------------------------------------------------
# JSON Lines
# --------------------------------------------------------------------------


def test_iter_jsonl(tmp_path):
    records = [
        {"id": "a", "text": "READ: Troops in Sirte.\r\nMore.", "source": "GeoVirus"},
        "not json at all",
        {"id": "b"},
        {"text": "No id here."},
        [1, 2],
        {"id": "c", "text": "Rain in Oslo.", "published": "yesterday"},
        {"id": 7, "text": "Snow in Bergen.", "published": "2020-06", "title": "Snow", "url": "u"},
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path = write(tmp_path, "a.jsonl", "\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n")
    skips = Skips()
    a, b = iter_jsonl(path, on_skip=skips)
    # the text is used exactly as given: no blanking, no newline changes
    assert (a.id, a.text, a.source, a.published) == ("a", records[0]["text"], "GeoVirus", None)
    assert (b.id, b.title, b.url, b.published, b.published_precision) == (
        "7",
        "Snow",
        "u",
        dt.date(2020, 6, 1),
        "month",
    )
    assert [reason.split(":")[0] for _, reason in skips.calls] == [
        "line 2",
        "line 4",
        "line 5",
        "line 6",
        "line 7",
    ]
    assert {path for path, _ in skips.calls} == {str(path)}
    assert "not valid JSON" in skips.calls[0][1]
    assert "'text'" in skips.calls[1][1]
    assert "'id'" in skips.calls[2][1]


def test_iter_jsonl_dates_a_whole_page_by_its_dateline_unless_the_record_does(tmp_path):
    page = "WAVE 3 News\nPublished: Feb. 14, 2020 at 9:31 PM EST\nLOUISVILLE, Ky. - A man died."
    records = [
        {"id": "undated", "text": page},
        {"id": "dated", "text": page, "published": "2020-02-15"},
        {"id": "no dateline", "text": "A man died on Friday."},
    ]
    path = write(tmp_path, "a.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    undated, dated, bare = iter_jsonl(path)
    assert (undated.published, undated.published_precision) == (dt.date(2020, 2, 14), "day")
    assert undated.text == page  # dating it leaves the text as given
    assert dated.published == dt.date(2020, 2, 15)  # the record's own date wins
    assert bare.published is None


def test_iter_jsonl_bom(tmp_path):
    path = write(tmp_path, "a.jsonl", b'\xef\xbb\xbf{"id": "a", "text": "Rain."}\n')
    assert [a.id for a in iter_jsonl(path)] == ["a"]


@pytest.mark.parametrize("name", ["missing.jsonl", "."])
def test_iter_jsonl_unopenable_raises(tmp_path, name):
    with pytest.raises(ArticleError, match=r"JSON Lines|cannot be opened"):
        next(iter_jsonl(tmp_path / name))


# --------------------------------------------------------------------------
# ISO dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020", (dt.date(2020, 1, 1), "year")),
        ("2020-06", (dt.date(2020, 6, 1), "month")),
        ("2021-01-28", (dt.date(2021, 1, 28), "day")),
        (" 2021-01-28T16:34:00+02:00 ", (dt.date(2021, 1, 28), "day")),
    ],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize(
    "value", ["", "junk", "2020-6", "2021-02-30", "2020-13", "28/01/2021", "20201"]
)
def test_parse_iso_date_rejects(value):
    with pytest.raises(ValueError, match=r"is not an ISO 8601 date|is not a real date"):
        parse_iso_date(value)
