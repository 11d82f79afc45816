"""Options shared by several commands, defined once."""

from __future__ import annotations

import logging

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


def setup_logging(verbose: int, quiet: bool) -> None:
    """Route library logs to stderr: warnings by default, -v debug, -q errors only."""
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("geo: %(levelname)s: %(message)s"))
    root = logging.getLogger("geo")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
