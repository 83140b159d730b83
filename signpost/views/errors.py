"""Error pages that always show the quick exit, 999 and the helpline, even with no data (P13, P21)."""
from __future__ import annotations

from flask import Blueprint, Flask, render_template, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from signpost import emergency
from signpost.directory import DataUnavailable

bp = None  # no routes of its own: it only handles errors

HANDLED = (400, 404, 405, 413, 414, 431, 500, 503)


def _fallback_page(status: int, exit_url: str) -> str:
    """A page with no template, translation or data behind it: the last line of help."""
    return (
        "<!doctype html><html lang=\"en\" dir=\"ltr\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Signpost</title></head><body>"
        f"<a href=\"{escape(exit_url)}\" data-quick-exit rel=\"noreferrer noopener\">Exit this page</a>"
        f"<h1>Sorry, something went wrong ({status})</h1>"
        f"<p>If you are in danger now, call <a href=\"tel:999\">{emergency.EMERGENCY_NUMBER}</a>.</p>"
        f"<p>{emergency.DA_HELPLINE_NAME}, free, 24 hours: "
        f"<a href=\"{emergency.tel_href(emergency.DA_HELPLINE_NUMBER)}\">{emergency.DA_HELPLINE_NUMBER}</a></p>"
        "</body></html>"
    )


def render_error(status: int):
    try:
        body = render_template("errors/error.html", status=status)
    except Exception:
        from flask import current_app
        current_app.logger.error("Error page template failed; served the fallback page")
        body = _fallback_page(status, _exit_url())
    response = (body, status)
    return response


def _exit_url() -> str:
    from flask import current_app
    return current_app.config.get("EXIT_URL", "https://www.bbc.co.uk/weather")


def wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        if status not in HANDLED:
            status = 400 if 400 <= status < 500 else 500
        if wants_json():
            response = app.json.response({"errors": [exc.name]})
            response.status_code = status
        else:
            body, status = render_error(status)
            response = app.response_class(body, status=status, mimetype="text/html")
        if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(DataUnavailable)
    def data_unavailable(exc):
        if wants_json():
            response = app.json.response({"errors": ["The directory is not available right now."]})
            response.status_code = 503
            return response
        body, status = render_error(503)
        return app.response_class(body, status=503, mimetype="text/html")

    @app.errorhandler(Exception)
    def unhandled(exc):
        # log_exception has already written the type and place (never the request).
        if isinstance(exc, HTTPException):
            return http_error(exc)
        app.log_exception((type(exc), exc, exc.__traceback__))
        return http_error(InternalServerError())
