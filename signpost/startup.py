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


WARM_SECONDS = 5.0   # a worker never spends longer than this warming before it takes visitors


def warm(app, seconds: float = WARM_SECONDS) -> int:
    """Answer a fixed set of the site's own requests in every language, before visitors come.

    The first answer of each kind in a fresh worker pays for compiling templates, opening the
    search index and rendering every service's cards (50-200 ms). Doing that here means the
    first visitor after a start, and the replacement of a worker killed during a surge, do not.
    The requests are made up here (a one-word search, one set of answers): nothing a visitor
    sent, and nothing is logged. Returns how many answered 200; never raises.
    """
    import time
    from urllib.parse import urlencode

    from signpost import pathway_forms as pf
    from signpost.i18n import LOCALES

    facts = {"danger_now": False, "role": "self", "concerns": ["domestic-abuse"], "age": 30}
    answers = pf.hidden_fields(facts, ["danger", "role", "concerns", "age"], [])
    result = urlencode(answers + [("step", "check"), ("do", "result")])
    form = "application/x-www-form-urlencoded"
    deadline = time.monotonic() + seconds
    answered = 0
    try:
        client = app.test_client()
        for locale in LOCALES:
            for method, path, body in (
                    ("GET", "/", ""), ("GET", "/services", ""), ("GET", "/search", ""),
                    ("POST", "/search", urlencode({"q": "help"})),
                    ("POST", "/services", "concerns=domestic-abuse"),
                    ("POST", "/questions", result)):
                if time.monotonic() > deadline:
                    return answered
                response = client.open(f"/{locale.tag}{path}", method=method, data=body,
                                       content_type=form if method == "POST" else None)
                answered += response.status_code == 200
                response.close()
    except Exception:  # warming is only ever a head start
        pass
    return answered
