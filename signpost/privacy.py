"""What keeps a visitor private: security headers, no caching, no sessions, quiet logs.

People may reach this site from a phone an abuser checks, so nothing about a request may be
stored by the browser, a proxy or our own logs (PROMISES.md P1, P2, P4, P5, P7, P8, P18).
"""
from __future__ import annotations

import logging
import os
import sys
import traceback

from flask import Flask, request

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'none'",
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}

HSTS = "max-age=31536000; includeSubDomains"


def where_raised(exc_info) -> str:
    """File and line where an exception was raised, without its message (which may hold input)."""
    _, _, tb = exc_info
    frames = traceback.extract_tb(tb) if tb else []
    if not frames:
        return "unknown place"
    last = frames[-1]
    return f"{os.path.basename(last.filename)}:{last.lineno}"


class QuietFlask(Flask):
    """Flask whose unhandled-error log names the error's type and place, never the request."""

    def log_exception(self, exc_info) -> None:  # Flask's own writes the path and method (P2)
        exc_type = exc_info[0].__name__ if exc_info and exc_info[0] else "Error"
        self.logger.error("Unhandled %s at %s", exc_type, where_raised(exc_info))


def quiet_logging(app: Flask) -> None:
    """Silence every logger that could write request data (P2)."""
    # The werkzeug development server logs each request line.
    logging.getLogger("werkzeug").disabled = True
    app.logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("signpost %(levelname)s %(message)s"))
    app.logger.addHandler(handler)
    app.logger.setLevel(logging.WARNING)
    app.logger.propagate = False


# Headers that would let a browser or proxy keep or revalidate a copy (P5), or fingerprint us.
STRIPPED = frozenset({"cache-control", "expires", "last-modified", "etag", "pragma", "x-powered-by"}
                     | {name.lower() for name in SECURITY_HEADERS})


class PrivacyHeaders:
    """WSGI middleware: every response the app sends, error pages and static files included,
    leaves with exactly the security headers above and nothing that enables caching.

    Done at the WSGI layer rather than in an after_request hook: it covers every response
    the same way, and setting headers one by one through Werkzeug cost as much as rendering
    a cached page.
    """

    def __init__(self, wsgi_app, hsts: bool):
        self.wsgi_app = wsgi_app
        self.extra = list(SECURITY_HEADERS.items()) + ([("Strict-Transport-Security", HSTS)] if hsts else [])

    def __call__(self, environ, start_response):
        def private_start_response(status, headers, exc_info=None):
            kept = [(k, v) for k, v in headers if k.lower() not in STRIPPED]
            return start_response(status, kept + self.extra, exc_info)
        return self.wsgi_app(environ, private_start_response)


def init_app(app: Flask) -> None:
    quiet_logging(app)
    app.wsgi_app = PrivacyHeaders(app.wsgi_app, hsts=bool(app.config.get("HSTS")))

    @app.before_request
    def refuse_oversized_bodies():
        # Every route, not only those that read a form, refuses an oversized body (P13).
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit and request.content_length and request.content_length > limit:
            from werkzeug.exceptions import RequestEntityTooLarge
            raise RequestEntityTooLarge()

    @app.before_request
    def refuse_trace():
        # Flask already answers 405 for undeclared methods; this keeps TRACE refused even if a
        # route is ever declared with methods=None (P18).
        if request.method == "TRACE":
            from werkzeug.exceptions import MethodNotAllowed
            raise MethodNotAllowed()
