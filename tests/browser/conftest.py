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


# Records every CSP violation the page meets (init scripts only run with JavaScript on).
CSP_PROBE = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


class Recorder:
    """What a page did: off-site requests, console errors, CSP violations, URLs asked for."""

    def __init__(self):
        self.offsite = []
        self.console_errors = []
        self.urls = []
        self.finished = []      # Playwright Request objects that completed (for page weight)
        self.failed = []        # subresources (CSS, JS, icons) that answered 4xx/5xx


def recorded_page(browser, live_server, exit_url, contexts, javascript=True, block_media=False, viewport=None,
                  **context_args):
    """A page in a new context whose requests are filtered to the site's origin and recorded."""
    exit_host = urlsplit(exit_url).netloc
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport or {"width": 1024, "height": 800},
                                  **context_args)
    contexts.append(context)
    page = context.new_page()
    page.rec = Recorder()
    page.rec.javascript = javascript

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
    if javascript:
        context.add_init_script(CSP_PROBE)
    page.on("requestfinished", lambda request: page.rec.finished.append(request))
    page.on("console", lambda msg: page.rec.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.rec.console_errors.append(str(exc)))
    page.on("response", lambda response: page.rec.failed.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type != "document" else None)
    return page


@pytest.fixture
def make_page(browser, live_server, app):
    contexts = []

    def make(javascript=True, block_media=False, viewport=None, **context_args):
        return recorded_page(browser, live_server, app.config["EXIT_URL"], contexts, javascript, block_media,
                             viewport, **context_args)

    yield make
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------- shared helpers
# (journeys, accessibility and privacy tests use these; page weights are printed at the end)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_WEIGHTS: dict[str, tuple[int, int]] = {}   # "label" -> (bytes, requests)


def axe_violations(page) -> list[str]:
    """axe-core (shipped by axe-playwright-python) at WCAG 2.2 AA: one line per violation."""
    from axe_playwright_python.sync_playwright import Axe
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(Axe().axe_script)
    script = ("async ([tags, selectors]) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
              " resultTypes: ['violations'], selectors: selectors, performanceTimer: false, iframes: false}))"
              ".violations.map(v => ({id: v.id, impact: v.impact,"
              " nodes: v.nodes.slice(0, 3).map(n => (n.target || []).join(' ') + ' :: ' + (n.failureSummary || '')"
              ".replace(/\\s+/g, ' ').slice(0, 160))}))")
    # Selectors are costly on long pages: ask for them only when there is something to report.
    violations = page.evaluate(script, [WCAG_TAGS, False])
    if violations:
        violations = page.evaluate(script, [WCAG_TAGS, True])
    return [f"{v['id']} ({v['impact']}): " + " | ".join(v["nodes"]) for v in violations]


def page_weight(page) -> tuple[int, int]:
    """(sum of response body bytes, number of requests) of what the page loaded so far."""
    total = 0
    for request in page.rec.finished:
        try:
            total += max(0, request.sizes()["responseBodySize"])
        except Exception:
            pass
    return total, len(page.rec.finished)


def record_weight(label: str, page) -> tuple[int, int]:
    weight = page_weight(page)
    label += "" if getattr(page.rec, "javascript", True) else " [JS, images, fonts off]"
    PAGE_WEIGHTS[label] = weight
    return weight


def browser_storage(page) -> dict:
    """Everything a page could have left in the browser (P1)."""
    state = page.evaluate("""async () => {
        const out = {localStorage: -1, sessionStorage: -1, indexedDB: [], caches: [], serviceWorkers: -1};
        try { out.localStorage = localStorage.length; } catch (e) { out.localStorage = 'error ' + e; }
        try { out.sessionStorage = sessionStorage.length; } catch (e) { out.sessionStorage = 'error ' + e; }
        try { out.indexedDB = (await indexedDB.databases()).map(d => d.name); } catch (e) { out.indexedDB = ['error ' + e]; }
        try { out.caches = await caches.keys(); } catch (e) { out.caches = ['error ' + e]; }
        try { out.serviceWorkers = (await navigator.serviceWorker.getRegistrations()).length; }
        catch (e) { out.serviceWorkers = 'error ' + e; }
        return out;
    }""")
    state["cookies"] = page.context.cookies()
    return state


def storage_is_empty(state: dict) -> bool:
    return (state["cookies"] == [] and state["localStorage"] == 0 and state["sessionStorage"] == 0
            and state["indexedDB"] == [] and state["caches"] == [] and state["serviceWorkers"] == 0)


def csp_violations(page) -> list:
    try:
        return page.evaluate("window.__csp || []")
    except Exception:
        return []


def pytest_terminal_summary(terminalreporter):
    if not PAGE_WEIGHTS:
        return
    terminalreporter.section("page weight (response bodies, as loaded by chromium)")
    for label, (size, count) in sorted(PAGE_WEIGHTS.items()):
        terminalreporter.write_line(f"{label:58s} {size / 1024:8.1f} KB {count:3d} requests")


# --------------------------------------------------------------------------- journeys
# Plain form submissions and links only, so each works the same with JavaScript on or off.

PATHWAY_ANSWERS = {"danger": ["no"], "role": ["self"], "concerns": ["stalking", "domestic-abuse"], "age": "47"}
SEARCH_FOUND = "stalking"
SEARCH_NOTHING = "qzxwv jjkqq"


def visit(page, label, action, weights=True):
    """Run `action` (a navigation), wait for the page, record its weight under `label`."""
    page.rec.finished.clear()
    action()
    page.wait_for_load_state("load")
    if weights:
        record_weight(label, page)


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state("load")


def browse_with_filter(page, base, lang, concern="stalking", on_state=None):
    on_state = on_state or (lambda name: None)
    visit(page, f"{lang} services (browse)", lambda: page.goto(f"{base}/{lang}/services"))
    on_state("services")
    page.check(f"form.directory-filters input[name=concerns][value={concern}]")
    visit(page, f"{lang} services (filter result)", lambda: submit(page, "form.directory-filters button[type=submit]"))
    on_state("services-filtered")


def open_a_service(page, base, lang, on_state=None):
    on_state = on_state or (lambda name: None)
    link = page.locator(f"main a[href^='/{lang}/s/']").first
    href = link.get_attribute("href")
    visit(page, f"{lang} service page", lambda: submit(page, f"main a[href='{href}']"))
    on_state("service")
    return href


def search_for(page, base, lang, query, label, on_state=None):
    on_state = on_state or (lambda name: None)
    if not page.url.endswith(f"/{lang}/search"):
        visit(page, f"{lang} search (form)", lambda: page.goto(f"{base}/{lang}/search"))
        on_state("search-form")
    page.fill("form.search-form input[name=q]", query)
    visit(page, f"{lang} search ({label})", lambda: submit(page, "form.search-form button[type=submit]"))
    on_state(f"search-{label}")


def pathway_step(page) -> str:
    return page.locator("main form input[name=step]").first.get_attribute("value")


def walk_pathway(page, base, lang, answers=None, on_state=None):
    """First question -> answers (skipping what is optional) -> check your answers -> result."""
    answers = answers or PATHWAY_ANSWERS
    on_state = on_state or (lambda name: None)
    visit(page, f"{lang} questions (first)", lambda: page.goto(f"{base}/{lang}/questions"))
    on_state("pathway-first")
    middle_seen = False
    for _ in range(40):
        step = pathway_step(page)
        if step == "check":
            on_state("pathway-check")
            visit(page, f"{lang} questions (result)", lambda: submit(page, "main button[name=do][value=result]"))
            on_state("pathway-result")
            return
        if step == "age" and not middle_seen:
            middle_seen = True
            on_state("pathway-middle")
        wanted = answers.get(step)
        if wanted is None and page.locator("main button[name=do][value=skip]").count():
            visit(page, f"{lang} questions (step)", lambda: submit(page, "main button[name=do][value=skip]"), weights=False)
            continue
        if isinstance(wanted, str):
            page.fill("main input[name=answer]", wanted)
        else:
            for value in wanted or [page.locator("main input[name=answer]").first.get_attribute("value")]:
                page.check(f"main input[name=answer][value='{value}']")
        visit(page, f"{lang} questions (step)", lambda: submit(page, "main button[name=do][value=answer]"), weights=False)
    raise AssertionError(f"the pathway never reached a result (stuck at {pathway_step(page)!r})")


def staff_result_and_summary(page, base, lang, age="34", on_state=None):
    on_state = on_state or (lambda name: None)
    visit(page, f"{lang} staff (form)", lambda: page.goto(f"{base}/{lang}/staff"))
    on_state("staff-form")
    page.check("form.staff-form input[name=concerns][value=domestic-abuse]")
    page.fill("form.staff-form input[name=age]", age)
    visit(page, f"{lang} staff (result)", lambda: submit(page, "form.staff-form button[type=submit]"))
    on_state("staff-result")
    visit(page, f"{lang} staff (print summary)", lambda: submit(page, "form[action$='/staff/summary'] button[type=submit]"))
    on_state("staff-summary")


def switch_language(page, tag):
    """Open the language menu and pick a language, as a person would."""
    page.click("details.language-menu summary")
    submit(page, f"details.language-menu a[hreflang={tag}]")


# --------------------------------------------------------------------------- one crawl, many checks
# Each language is crawled once per session (every page type, the result pages reached through the
# real forms); at every state axe, reflow, CSP, console and external-link checks run, and the
# accessibility and privacy tests assert on what they need. This keeps the suite CI-sized.

CRAWL_PAGES = ["", "safety", "privacy", "accessibility", "emergency", "translations", "staff/services",
               "no-such-page"]
CRAWL_EXTRA = ["questions/map"]          # crawled for CSP/console/links, not audited by axe (long)
REFLOW = [(320, 640, "320 px"), (640, 400, "200% zoom")]
DESKTOP = {"width": 1024, "height": 800}


def new_findings() -> dict:
    return {"axe": [], "reflow": [], "csp": [], "links": [], "console": [], "offsite": [], "states": []}


def audit_state(page, lang, state, findings, axe=True):
    """Run every in-page check on the current state and add what is wrong to `findings`."""
    findings["states"].append(state)
    where = f"{lang} {state}"
    if axe:
        findings["axe"] += [f"{where}: {line}" for line in axe_violations(page)]
    for width, height, name in REFLOW:
        page.set_viewport_size({"width": width, "height": height})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide = page.evaluate("""(w) => Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > w + 1 || e.getBoundingClientRect().left < -1)
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""", width)
            findings["reflow"].append(f"{where} at {name}: the page is {scroll} px wide ({', '.join(wide)})")
    page.set_viewport_size(DESKTOP)
    findings["csp"] += [f"{where}: {v}" for v in csp_violations(page)]
    external = page.evaluate("""(origin) => Array.from(document.querySelectorAll('a[href]'))
        .filter(a => /^https?:/.test(a.href) && !a.href.startsWith(origin + '/'))
        .filter(a => !/\\bnoreferrer\\b/.test(a.rel) || !/\\bnoopener\\b/.test(a.rel))
        .map(a => a.href)""", page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2])
    findings["links"] += [f"{where}: external link without noreferrer noopener: {h}" for h in external]


def page_404(message: str) -> bool:
    return "the server responded with a status of 404" in message


def crawl_language(page, base, lang) -> dict:
    findings = new_findings()

    def audit(state, axe=True):
        before = len(page.rec.console_errors)
        audit_state(page, lang, state, findings, axe)
        errors = page.rec.console_errors[before:]
        page.rec.console_errors[before:] = []
        findings["console"] += [f"{lang} {state}: {e}" for e in errors if not page_404(e)]

    for path in CRAWL_PAGES + CRAWL_EXTRA:
        page.goto(f"{base}/{lang}/{path}")
        page.wait_for_load_state("load")
        audit(f"/{path}", axe=path not in CRAWL_EXTRA)
    browse_with_filter(page, base, lang, "domestic-abuse", on_state=audit)
    open_a_service(page, base, lang, on_state=audit)
    search_for(page, base, lang, SEARCH_FOUND, "result", on_state=audit)
    search_for(page, base, lang, SEARCH_NOTHING, "no result", on_state=audit)
    walk_pathway(page, base, lang, on_state=audit)
    staff_result_and_summary(page, base, lang, on_state=audit)
    findings["console"] += [f"{lang}: {e}" for e in page.rec.console_errors if not page_404(e)]
    # chromium logs a page's own 404 status as a failed load (the 404 page itself); a missing
    # subresource would show up here instead
    findings["console"] += [f"{lang}: subresource failed: {f}" for f in page.rec.failed]
    findings["offsite"] = list(page.rec.offsite)
    return findings


@pytest.fixture(scope="session")
def crawl(browser, live_server, app):
    """crawl(lang) -> findings of the one crawl of that language (run on first use)."""
    done, contexts = {}, []

    def run(lang):
        if lang not in done:
            page = recorded_page(browser, live_server, app.config["EXIT_URL"], contexts, javascript=True)
            done[lang] = crawl_language(page, live_server, lang)
            page.context.close()
        return done[lang]

    yield run
    for context in contexts:
        try:
            context.close()
        except Exception:
            pass
