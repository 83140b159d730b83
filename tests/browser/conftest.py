"""Browser fixtures: the real app on loopback, driven by Debian's chromium through Playwright.

Every page gets a route handler that lets through only the site's own origin and answers the
quick-exit destination with a stub page (there is no network here); anything else is recorded
as an off-site request (P3) and aborted.
"""
from __future__ import annotations

import shutil
import threading
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
EXIT_STUB = "<!doctype html><html lang=en><head><title>Weather</title></head><body><h1>Weather</h1></body></html>"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(app):
    from werkzeug.serving import make_server
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which("chromium") and not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run `apt-get install chromium` (bash .ci/test does this).")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Recorder:
    """What a page did: off-site requests, console errors, CSP violations, URLs asked for."""

    def __init__(self):
        self.offsite = []
        self.console_errors = []
        self.urls = []


@pytest.fixture
def make_page(browser, live_server, app):
    contexts = []
    exit_host = urlsplit(app.config["EXIT_URL"]).netloc

    def make(javascript=True, block_media=False, viewport=None, **context_args):
        context = browser.new_context(java_script_enabled=javascript, viewport=viewport or {"width": 1024, "height": 800},
                                      **context_args)
        contexts.append(context)
        page = context.new_page()
        page.rec = Recorder()

        def route(route):
            url = route.request.url
            page.rec.urls.append(url)
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin == live_server:
                if block_media and route.request.resource_type in {"image", "font", "media"}:
                    return route.abort()
                return route.continue_()
            if parts.netloc == exit_host:
                return route.fulfill(status=200, content_type="text/html", body=EXIT_STUB)
            page.rec.offsite.append(url)
            return route.abort()

        context.route("**/*", route)
        page.on("console", lambda msg: page.rec.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: page.rec.console_errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()
