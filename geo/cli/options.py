"""Options shared by several commands, defined once."""

from __future__ import annotations

import contextlib
import logging
import sys

import click

gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_dir",
    type=click.Path(file_okay=False, path_type=str),
    default="gazetteer",
    show_default=True,
    help="Folder of the user-editable gazetteer (places.csv).",
)

paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=str))

jsonl_option = click.option(
    "--jsonl-input",
    "jsonl",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help='JSON Lines of {"id", "text", ...} articles (streamed).',
)

json_scores_option = click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Also write the figures as JSON.",
)


def baseline_option(what: str):
    """``--baseline FILE``: the recorded figures an evaluation must not fall 0.02 below."""
    return click.option(
        "--baseline",
        type=click.Path(exists=True, dir_okay=False, path_type=str),
        default=None,
        help=f"Fail (exit 1) when {what} falls more than 0.02 below these figures.",
    )


def fail_on_regressions(problems: list[str], baseline: str) -> None:
    """Print each regression against ``baseline`` and exit 1 if there is any."""
    for problem in problems:
        click.echo(f"geo: regression: {problem}", err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} figure(s) fell below {baseline}")


def setup_logging(verbose: int, quiet: bool) -> None:
    """Route library logs to stderr: warnings by default, -v debug, -q errors only."""
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("geo: %(levelname)s: %(message)s"))
    root = logging.getLogger("geo")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    # dask's own logs: only errors unless -v
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose > 1 else logging.ERROR)


# Kept equal to geo.engine.ENGINES and DEFAULT_BATCH_SIZE (a test checks), so that
# `geo --help` does not import the pipeline.
ENGINE_CHOICES = ("local", "dask")
BATCH_SIZE = 32


def engine_options(command):
    """``--workers``, ``--engine``, ``--scheduler``, ``--batch-size`` and ``--cache/--no-cache``.

    Shared by every command that parses a corpus (``geo map``, ``geo parse``,
    and later ``geo export``); the command receives them as one
    ``workers``, ``engine``, ``scheduler``, ``batch_size`` and ``cache``
    keywords; :func:`make_engine_options` and :func:`open_cache` turn them
    into what :mod:`geo.engine` takes.
    """
    decorators = [
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Worker processes (each opens the gazetteer itself).",
        ),
        click.option(
            "--engine",
            type=click.Choice(ENGINE_CHOICES),
            default="local",
            show_default=True,
            help="local: this machine's processes; dask: a dask.distributed cluster.",
        ),
        click.option(
            "--scheduler",
            default=None,
            metavar="ADDRESS",
            help="An existing dask scheduler (tcp://host:8786); default a local cluster.",
        ),
        click.option(
            "--batch-size",
            type=click.IntRange(min=1),
            default=BATCH_SIZE,
            show_default=True,
            help="Articles per batch.",
        ),
        click.option(
            "--cache/--no-cache",
            default=True,
            show_default=True,
            help="Reuse results of unchanged articles (cache in ~/.cache/geo).",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def make_engine_options(workers: int, engine: str, scheduler: str | None, batch_size: int):
    """The :class:`geo.engine.EngineOptions` of the shared options.

    Examples
    --------
    >>> make_engine_options(2, "local", None, 32).workers
    2
    """
    from geo.engine import EngineOptions

    return EngineOptions(workers=workers, engine=engine, scheduler=scheduler, batch_size=batch_size)


def open_cache(enabled: bool):
    """The result cache, or ``None`` with ``--no-cache``."""
    if not enabled:
        return None
    from geo.cache import ResultCache

    return ResultCache()


def quiet_requested() -> bool:
    """Whether ``-q`` was given to ``geo``."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    return bool(root is not None and root.params.get("quiet"))


@contextlib.contextmanager
def progress_bar(total: int | None = None, unit: str = "article"):
    """A progress bar on stderr, or nothing when stderr is not a terminal or with ``-q``.

    Yields a callback taking the number of items just done (or ``None`` when silent).
    """
    stream = sys.stderr
    if quiet_requested() or not stream.isatty():
        yield None
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with (
        tqdm(total=total, unit=unit, file=stream, dynamic_ncols=True, mininterval=0.5) as bar,
        logging_redirect_tqdm(loggers=[logging.getLogger("geo")]),
    ):
        yield bar.update


def count_lines(path: str | None) -> int | None:
    """Lines of a JSON Lines file (for the progress bar's total), or ``None``.

    Examples
    --------
    >>> count_lines(None) is None and count_lines("no/such/file.jsonl") is None
    True
    """
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return None
