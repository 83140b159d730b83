"""`flask directory check | build | verify-report`."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from signpost.directory import build as build_mod
from signpost.directory import loader

directory_cli = AppGroup("directory", help="Check, build and review the service directory.")


def _path(option: str | None) -> Path:
    return Path(option) if option else Path(current_app.config["DIRECTORY_PATH"])


@directory_cli.command("check")
@click.option("--file", "file_", type=click.Path(dir_okay=False), default=None,
              help="The directory file (default: DIRECTORY_PATH).")
def check(file_: str | None) -> None:
    """Validate directory.yaml and print every problem (exit 1 if there is any)."""
    path = _path(file_)
    try:
        directory = loader.load_directory(path)
    except loader.DirectoryError as exc:
        for line in exc.errors:
            click.echo(line)
        click.echo(f"{len(exc.errors)} problem(s) found", err=True)
        sys.exit(1)
    contacts = [c for s in directory.services for c in s.contacts]
    hidden = sum(1 for c in contacts if not c.public)
    click.echo(f"{loader.display_name(path)}: OK: {len(directory.services)} entries, "
               f"{len(contacts)} contacts ({hidden} unverified, not shown), "
               f"version {directory.version[:12]}")


@directory_cli.command("build")
@click.option("--file", "file_", type=click.Path(dir_okay=False), default=None,
              help="The directory file (default: DIRECTORY_PATH).")
def build(file_: str | None) -> None:
    """Validate, then write and switch to a new data version (nothing changes on failure)."""
    try:
        result = build_mod.build(directory_path=_path(file_))
    except loader.DirectoryError as exc:
        for line in exc.errors:
            click.echo(line)
        click.echo("Not built: the version being served is unchanged.", err=True)
        sys.exit(1)
    except build_mod.BuildError as exc:
        click.echo(f"Build failed: {exc}", err=True)
        sys.exit(1)
    state = "changed: now serving this version" if result.changed else "unchanged: already serving it"
    click.echo(f"version {result.version} ({result.services} entries) {state}")


def needs_checking(directory: loader.Directory, today: date, days: int) -> list[dict]:
    """Every contact someone should check, with why and where to check it."""
    rows = []
    for service in directory.services:
        for index, contact in enumerate(service.contacts):
            reasons = []
            if contact.confidence == "unverified":
                reasons.append("unverified (not shown to the public)")
            elif contact.confidence == "secondary":
                reasons.append("secondary source only")
            if contact.is_stale(today, days):
                reasons.append(f"last checked {contact.checked or 'never'} (over {days} days)")
            if reasons:
                rows.append({"service": service.id, "name": service.name, "index": index,
                             "kind": contact.kind, "value": contact.value,
                             "reasons": reasons, "source": contact.source,
                             "checked": contact.checked})
        if not service.public_contacts:
            rows.append({"service": service.id, "name": service.name, "index": None,
                         "kind": "-", "value": "-", "reasons": ["no public contact"],
                         "source": service.facts_id and f"directory-facts.yaml: {service.facts_id}" or "-",
                         "checked": ""})
    return rows


@directory_cli.command("verify-report")
@click.option("--days", type=click.IntRange(min=0), default=None,
              help="Flag contacts not checked for this many days (default: STALE_DAYS).")
@click.option("--file", "file_", type=click.Path(dir_okay=False), default=None,
              help="The directory file (default: DIRECTORY_PATH).")
def verify_report(days: int | None, file_: str | None) -> None:
    """List the contacts to check: unverified, secondary-only and stale, with their sources."""
    days = int(current_app.config.get("STALE_DAYS", 365)) if days is None else days
    try:
        directory = loader.load_directory(_path(file_))
    except loader.DirectoryError as exc:
        for line in exc.errors:
            click.echo(line)
        sys.exit(1)
    rows = needs_checking(directory, date.today(), days)
    for row in rows:
        where = f"contacts[{row['index']}]" if row["index"] is not None else "entry"
        click.echo(f"{row['service']} {where} {row['kind']} {row['value']!r}: "
                   f"{'; '.join(row['reasons'])}; check: {row['source']}")
    click.echo(f"{len(rows)} item(s) to check (stale after {days} days)")
