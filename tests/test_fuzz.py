"""Fuzz the article reader and the parser: no exception escapes; a bad article is reported
and skipped, and every other one is read."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.articles import iter_articles, iter_jsonl
from geo.engine import EngineOptions, parse_stream
from geo.model import Article
from geo.pipeline import RunSummary

REPO = Path(__file__).resolve().parent.parent
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
MEGABYTE_WORD = "Tripoli" + "x" * 1_000_000

# Raw bytes as they turn up in scraped corpora: any bytes, NULs, UTF-8 and Latin-1 mixed.
mixed_bytes = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(
        st.one_of(
            st.text(max_size=80).map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.text(alphabet=st.characters(max_codepoint=255), max_size=80).map(
                lambda t: t.encode("latin-1")
            ),
            st.sampled_from([b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\r\n", b"\r", b"\n" * 3]),
        ),
        max_size=12,
    ).map(b"".join),
)


@FUZZ
@given(data=mixed_bytes)
@example(data=b"\xfe\xff\x00\x00")  # a UTF-16 mark before zero bytes read as text "\x00"
def test_reader_never_raises_on_any_file(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "article.txt")
        path.write_bytes(data)
        skipped = []
        articles = list(iter_articles([path], on_skip=lambda p, r: skipped.append(r)))
    assert len(articles) + len(skipped) == 1
    for article in articles:
        assert article.text.strip() and "\x00" not in article.text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
json_lines = st.one_of(
    mixed_bytes.map(lambda b: b.replace(b"\n", b" ")),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.builds(
        lambda i, t, p: json.dumps({"id": i, "text": t, "published": p}).encode(),
        st.one_of(st.text(max_size=10), st.integers(), st.none()),
        st.text(max_size=200),
        st.one_of(
            st.none(), st.text(max_size=12), st.sampled_from(["2020", "2020-06", "2021-02-30"])
        ),
    ),
    st.sampled_from([b"[" * 50_000, b"1" * 6000, b'{"id": "x", "text": "\\ud800 lone"}']),
)


@FUZZ
@given(lines=st.lists(json_lines, max_size=8))
@example(lines=[b"\xef\xbb\xbf"])  # a file that is only a byte-order mark holds no line
def test_jsonl_reader_reads_or_reports_every_line(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "in.jsonl")
        path.write_bytes(b"\n".join(lines) + b"\n")
        skipped = []
        articles = list(iter_jsonl(path, on_skip=lambda p, r: skipped.append(r)))
    # a byte-order mark opening the file marks its encoding; it is not part of a line
    content = [
        line.removeprefix(b"\xef\xbb\xbf") if i == 0 else line for i, line in enumerate(lines)
    ]
    assert len(articles) + len(skipped) == sum(1 for line in content if line.strip())
    for article in articles:
        article.text.encode("utf-8")  # no lone surrogates reach the outputs
        article.id.encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"Troops reached Sirte.\x00\x00 more",
        ("Fighting near Tripoli. " * 50_000).encode(),  # a 1.1 MB line
        MEGABYTE_WORD.encode(),
        "Caf\u00e9 in Tripoli.\n".encode() + "Caf\u00e9 in Sirte.\n".encode("latin-1"),
        b"\xff\xfe" + "Tripoli".encode("utf-16-le") + b"\x00\xd8",
    ],
    ids=["nul", "huge-line", "megabyte-word", "mixed-encodings", "broken-utf16"],
)
def test_reader_on_hostile_files(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    skipped = []
    articles = list(iter_articles([path], on_skip=lambda p, r: skipped.append((p, r))))
    assert len(articles) + len(skipped) == 1
    if skipped:
        assert skipped[0][0] == str(path)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    import shutil

    folder = tmp_path_factory.mktemp("gaz")
    shutil.copy(REPO / "gazetteer" / "places.csv", folder / "places.csv")
    return folder


@pytest.mark.slow
@FUZZ
@given(
    texts=st.lists(
        st.one_of(
            st.text(min_size=1, max_size=300),
            st.text(alphabet="AbT al-Sirte Tripoli,.\n'’-", min_size=1, max_size=300),
            st.lists(
                st.sampled_from(["Tripoli", "Al", "al-", "Base", "of", "the", "Ain", "\x00"]),
                min_size=1,
            ).map(" ".join),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_parser_never_lets_an_exception_escape(gaz, texts):
    articles = [Article(f"f{i}", t) for i, t in enumerate(texts)]
    summary = RunSummary()
    parsed = list(parse_stream(articles, gazetteer_dir=gaz, summary=summary))
    assert len(parsed) + len(summary.skipped) == len(articles)
    for p in parsed:
        for m in p.mentions:
            assert p.article.text[m.start : m.end] == m.surface


@pytest.mark.slow
def test_parser_on_a_megabyte_long_word(gaz):
    summary = RunSummary()
    articles = [
        Article("big", MEGABYTE_WORD + " in Libya."),
        Article("ok", "Fighting near Sirte, Libya."),
    ]
    parsed = list(
        parse_stream(articles, gazetteer_dir=gaz, summary=summary, options=EngineOptions())
    )
    assert [p.article.id for p in parsed] + [s[0] for s in summary.skipped] in (
        ["big", "ok"],
        ["ok", "big"],
    )
    assert parsed[-1].article.id == "ok" and parsed[-1].mentions
