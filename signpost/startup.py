"""What runs once before the site serves: compile translations, build the directory."""
from __future__ import annotations


def prepare(settings: dict | None = None) -> list[str]:
    """Compile catalogs and build the current directory; return plain status lines (no data)."""
    from signpost import config

    settings = settings or config.load()
    lines: list[str] = []
    try:
        from signpost.i18n_commands import compile_catalogs
        compile_catalogs(settings["TRANSLATIONS_DIR"])
        lines.append("translations compiled")
    except ImportError:
        lines.append("translations: no compiler available")
    except Exception as exc:  # a broken catalog must not stop the site: English still works
        lines.append(f"translations not compiled ({type(exc).__name__})")
    try:
        from signpost.directory import build
        result = build.build(directory_path=settings["DIRECTORY_PATH"], data_dir=settings["DATA_DIR"],
                             database_url=settings.get("DATABASE_URL") or None)
        lines.append(f"directory version {result.version[:12]} ({'built' if result.changed else 'unchanged'})")
    except ImportError:
        lines.append("directory: no builder available")
    except Exception as exc:
        lines.append(f"directory build refused ({type(exc).__name__}); serving the last good data")
    return lines
