"""Command-line tools: `flask directory ...` and `flask i18n ...`."""
from __future__ import annotations

from importlib import import_module


def init_app(app) -> None:
    """Register each command group that exists (each lives beside the code it drives)."""
    for module_name, attr in (("signpost.directory.commands", "directory_cli"),
                              ("signpost.i18n_commands", "i18n_cli")):
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        app.cli.add_command(getattr(module, attr))
