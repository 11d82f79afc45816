"""``geo gazetteer add|search|remove``: the user's gazetteer entries."""

from __future__ import annotations

import click

from geo.cli.options import gazetteer_option


@click.group("gazetteer")
def gazetteer() -> None:
    """Search the local gazetteer and add or remove your own entries."""


@gazetteer.command("add")
@click.argument("name")
@click.option("--lat", required=True, help="Latitude, decimal degrees (-90..90).")
@click.option("--lon", required=True, help="Longitude, decimal degrees (-180..180).")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.option(
    "--kind", default="other", show_default=True, help="city, airbase, airport, admin1, region, ..."
)
@click.option("--country", default=None, help="ISO 3166-1 alpha-2 code, e.g. LY.")
@gazetteer_option
def add(name, lat, lon, aliases, kind, country, gazetteer_dir):
    """Add NAME at LAT/LON; the next run uses it."""
    from geo.gazetteer.user import add_entry, make_entry

    entry = make_entry(name, lat, lon, kind=kind, country=country, aliases=aliases)
    stored = add_entry(gazetteer_dir, entry)
    p = stored.place
    click.echo(
        f"added {p.place_id}: {p.name} ({p.lat:.5f}, {p.lon:.5f}) {p.kind} {p.country or ''}".rstrip()
    )


@gazetteer.command("search")
@click.argument("name")
@click.option("--limit", default=10, show_default=True)
@gazetteer_option
def search_command(name, limit, gazetteer_dir):
    """List the candidates for NAME, best first."""
    from geo.gazetteer import open_index, search

    found = search(open_index(gazetteer_dir), name, limit=limit)
    if not found:
        raise click.ClickException(
            f"no place named {name!r}; add it with: geo gazetteer add {name!r} --lat LAT --lon LON"
        )
    click.echo(
        f"{'id':28} {'name':34} {'lat':>9} {'lon':>10} {'kind':9} {'cc':3} {'score':>6} source"
    )
    for c in found:
        p = c.place
        click.echo(
            f"{p.place_id:28} {p.name[:34]:34} {p.lat:9.4f} {p.lon:10.4f} {p.kind:9} "
            f"{p.country or '':3} {c.score:6.3f} {p.source}"
        )


@gazetteer.command("remove")
@click.argument("place_id")
@gazetteer_option
def remove(place_id, gazetteer_dir):
    """Remove your entry PLACE_ID (see the ids with `geo gazetteer search`)."""
    from geo.gazetteer.user import remove_entry

    removed = remove_entry(gazetteer_dir, place_id)
    click.echo(f"removed {removed.place.place_id}: {removed.place.name}")
