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
    from geo.cli.events_cmd import eval_events_command
    from geo.cli.export_cmd import export_command
    from geo.cli.gazetteer_cmd import gazetteer
    from geo.cli.map_cmd import map_command
    from geo.cli.parse_cmd import parse_command

    cli.add_command(map_command)
    cli.add_command(parse_command)
    cli.add_command(gazetteer)
    cli.add_command(eval_command)
    cli.add_command(export_command)
    cli.add_command(eval_events_command)


_register()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    Every failure is one line on stderr and a non-zero exit, never a traceback
    (``-vv`` shows the traceback of an unexpected error).
    """
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        cli.main(args=args, prog_name="geo", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("geo: aborted", err=True)
        return 130
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "geo"
        click.echo(
            f"geo: error: {_one_line(exc.format_message()).rstrip('.')}; see '{where} --help'",
            err=True,
        )
        return exc.exit_code
    except click.ClickException as exc:
        click.echo(f"geo: error: {_one_line(exc.format_message())}", err=True)
        return exc.exit_code
    except GeoError as exc:
        click.echo(f"geo: error: {_one_line(str(exc))}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("geo: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        what = f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
        click.echo(f"geo: error: {_one_line(what)}", err=True)
        return 1
    except Exception as exc:  # a bug: still one line, the traceback only with -vv
        if (
            args.count("-v") + sum(a.count("v") for a in args if a.startswith("-v") and a != "-v")
            > 1
        ):
            raise
        click.echo(
            f"geo: internal error: {type(exc).__name__}: {_one_line(str(exc))}; "
            "rerun with -vv for the traceback and report it",
            err=True,
        )
        return 2
    return 0


def _one_line(message: str) -> str:
    """Fold a message onto one line."""
    return " ".join(message.split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
