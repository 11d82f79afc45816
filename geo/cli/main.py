"""The ``geo`` command: a thin shell over the library.

Library errors (:class:`geo.errors.GeoError`) become one-line messages with a
non-zero exit here, and only here; nothing else in the package prints.
"""

from __future__ import annotations

import sys

import click

from geo.cli.options import setup_logging
from geo.errors import GeoError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Debug logs (why each place was chosen).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.version_option(package_name="geo")
def cli(verbose: int, quiet: bool) -> None:
    """Turn news articles into a map of the places and events they describe."""
    setup_logging(verbose, quiet)


def _register() -> None:
    from geo.cli.eval_cmd import eval_command
    from geo.cli.gazetteer_cmd import gazetteer
    from geo.cli.map_cmd import map_command
    from geo.cli.parse_cmd import parse_command

    cli.add_command(map_command)
    cli.add_command(parse_command)
    cli.add_command(gazetteer)
    cli.add_command(eval_command)


_register()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    try:
        cli.main(args=argv, prog_name="geo", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("geo: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except GeoError as exc:
        click.echo(f"geo: error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("geo: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        click.echo(
            f"geo: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True
        )
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
