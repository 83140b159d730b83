"""Signpost: anonymous signposting for people in Thurrock affected by abuse."""
from __future__ import annotations

from importlib import import_module

from signpost import config as _config
from signpost.privacy import QuietFlask

# One blueprint per user task (signpost/views/<name>.py). HTML blueprints live under the
# locale prefix; a module's optional `api_bp` is mounted under /api/v1.
VIEW_MODULES = ("pages", "directory", "search", "pathway", "staff", "translations", "api", "errors")


def create_app(test_config: dict | None = None) -> QuietFlask:
    """Build the app: config, privacy, languages, data, views. Nothing slow happens here."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    app = QuietFlask(
        __name__,
        static_folder=str(root / "static"),
        template_folder=str(root / "templates"),
        instance_path=str(root / "instance"),
    )
    app.config.update(_config.load(test_config))
    # "//safety" must be a 404, not a redirect that echoes odd paths back (P14).
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False

    from signpost import i18n, privacy, render_cache
    render_cache.init_app(app)   # inside the privacy headers: cached pages get them too
    privacy.init_app(app)
    i18n.init_app(app)
    from signpost import templating
    templating.init_app(app)
    app.jinja_env.autoescape = True

    from signpost import directory
    directory.init_app(app)

    for name in VIEW_MODULES:
        module = import_module(f"signpost.views.{name}")
        bp = getattr(module, "bp", None)
        if bp is not None:
            app.register_blueprint(bp, url_prefix=bp.url_prefix or "/<lang>")
        api_bp = getattr(module, "api_bp", None)
        if api_bp is not None:
            app.register_blueprint(api_bp, url_prefix="/api/v1")
        if hasattr(module, "init_app"):
            module.init_app(app)

    from signpost import cli
    cli.init_app(app)
    return app
