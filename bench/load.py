"""P22: a campaign surge, under the REAL gunicorn with the shipped gunicorn.conf.py, on loopback.

    python bench/load.py [--seconds 60] [--connections 200] [--page-seconds 10] [--workers N]

What it does, in order, all on 127.0.0.1 with free ports, every step bounded in time:
 1. starts gunicorn (shipped config) serving Signpost (`wsgi:app`) and, with the same config, a
    bare Flask app (`bench.load:bare_app`, one route returning a short page);
 2. checks every request in the mix answers as expected (200) before loading anything;
 3. per page type, `--page-seconds` of load at `--connections` (no kill) -> requests/s, and the
    ratio to the bare Flask endpoint measured the same way in the same run; for a mix with POSTs,
    also the ratio to the bare app sent the same methods and bodies (its POST route reads the
    form, as a page must); first, two ceilings
    for the POST pages, served by a third gunicorn (`bench.load:empty_page_app()`): Signpost
    answering a form POST with "ok", and with an empty page in the site's template; then two
    more, outside Flask: the search's and the pathway's own work alone on the same requests
    as their pages, answering "ok" (no page, however it is built, can beat its work alone);
 4. the surge: `--seconds` at `--connections` across home, browse, service pages, search POSTs
    (with adversarial queries: `*?*?*?*`, `[a TO z]`, `field:x`, a 10 kB string) and pathway POSTs,
    with one worker SIGKILLed halfway (a child of the master found through /proc);
 5. prints requests/s, p50/p95/p99 latency, 5xx count, connection errors (connect/read/write/
    timeout as wrk counts them) and whether the master replaced the killed worker.

The load generator is Debian's `wrk` (apt-get install wrk), 2 threads, a Lua script that cycles
through the request mix and counts statuses. The shipped config turns keep-alive off, so wrk opens
a new connection for each request; the kernel completes the handshake at once, so the time a
request waits in the queue for a free worker is inside the measured latency. wrk measures from
writing a request to reading its response on a connection that is free (closed-loop): it does not
correct for coordinated omission, so the tail is a lower bound under overload. The load generator
shares the machine's cores with the server: on a 2-core box both compete, which is why throughput
is reported as a ratio to bare Flask measured the same way.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# --------------------------------------------------------------------------- the bare Flask app

BARE_PAGE = ("<!doctype html><html lang=en><head><meta charset=utf-8><title>Bare</title></head>"
             "<body><h1>Bare Flask</h1><p>A short page.</p></body></html>")

try:
    from flask import Flask, request

    bare_app = Flask("bare")

    @bare_app.get("/")
    def _bare():
        return BARE_PAGE

    @bare_app.post("/")
    def _bare_form():
        # Reads the form, as every POST page must: receiving and parsing a body costs
        # gunicorn and Werkzeug something before any page code runs.
        request.form.get("step")
        return BARE_PAGE
except ImportError:  # pragma: no cover
    bare_app = None


def bare_shaped(requests: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The same methods and bodies, sent to the bare app: its baseline for a mix with POSTs."""
    return [(method, "/", body) for method, _, body in requests]


def empty_page_app():
    """Signpost itself, plus one POST route that reads a form and renders an empty page in the
    site's own template: the most any of our POST pages could reach, since each does at least
    that much (gunicorn: `bench.load:empty_page_app()`)."""
    from flask import render_template, request
    from signpost import create_app

    app = create_app()
    empty = app.jinja_env.from_string('{% extends "base.html" %}{% block content %}{% endblock %}')

    @app.post("/en/bench-ok")
    def _ok():
        request.form.get("step")
        return "ok"

    @app.post("/en/bench-empty")
    def _empty():
        request.form.get("step")
        return render_template(empty)

    app.wsgi_app = WorkAlone(app.wsgi_app, app)
    return app


class WorkAlone:
    """Two more ceilings, outside Flask, templates and even the privacy headers: read the form
    and do a page's own work (the search, or the pathway's state check and engine), answer "ok".
    No way of building a page, however it joins its HTML, can be faster than its work alone."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app, self.app = wsgi_app, app
        self.ready = None

    def _prepare(self):
        if self.ready is None:
            from signpost.views.pathway import _eligibility
            from signpost.views.search import _snapshot, index_dir_for
            with self.app.app_context():
                snapshot = _snapshot()
                self.ready = (index_dir_for(snapshot), _eligibility(snapshot))
        return self.ready

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path not in WORK_ALONE.values():
            return self.wsgi_app(environ, start_response)
        from werkzeug.formparser import parse_form_data
        from pathways.engine import recommend
        from signpost import pathway_forms as pf
        from signpost import search as engine
        index_dir, eligibility = self._prepare()
        form = parse_form_data(environ)[1]
        if path == WORK_ALONE["search work"]:
            engine.search(index_dir, form.get("q", "")[: engine.MAX_RAW_CHARS], locale="en")
        else:
            recommend(pf.read_state(form).facts, eligibility)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]


CEILINGS = {"app ok": "/en/bench-ok", "empty page": "/en/bench-empty"}
WORK_ALONE = {"search work": "/en/bench-search-work", "pathway work": "/en/bench-pathway-work"}

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ADVERSARIAL = ["*?*?*?*", "[a TO z]", "field:x OR name:*", '"unbalanced (quote', "a" * 10_000,
               ("stalk* " * 200).strip()]
PLAIN_QUERIES = ["stalking", "housing", "someone is following me", "forced marriage", "refuge"]


def pathway_bodies() -> dict[str, str]:
    """A middle step and a result step of the questions, as our own pages would send them."""
    from signpost import pathway_forms as pf
    facts = {"danger_now": False, "role": "self", "concerns": ["stalking", "domestic-abuse"], "age": 30}
    seen = ["danger", "role", "concerns", "age"]
    hidden = pf.hidden_fields(facts, seen, [])
    return {
        "answer": urlencode([("seen", ""), ("skipped", ""), ("step", "danger"), ("do", "answer"), ("answer", "no")]),
        "result": urlencode(hidden + [("step", "check"), ("do", "result")]),
    }


def request_mix(service_paths: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """Page type -> [(method, path, body)]."""
    bodies = pathway_bodies()
    return {
        "home": [("GET", "/en/", ""), ("GET", "/pl/", ""), ("GET", "/ar/", "")],
        "browse": [("GET", "/en/services", ""), ("GET", "/pl/services", ""),
                   ("POST", "/en/services", "concerns=stalking&scope=local")],
        "service": [("GET", p, "") for p in service_paths],
        "search": [("POST", "/en/search", urlencode({"q": q})) for q in PLAIN_QUERIES]
                  + [("POST", "/en/search", urlencode({"q": q})) for q in ADVERSARIAL],
        "pathway": [("POST", "/en/questions", bodies["answer"]), ("POST", "/en/questions", bodies["result"]),
                    ("POST", "/pl/questions", bodies["result"])],
    }


# --------------------------------------------------------------------------- processes

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(app: str, port: int, env_extra: dict, log_path: Path) -> subprocess.Popen:
    env = dict(os.environ, SIGNPOST_BIND=f"127.0.0.1:{port}", PYTHONDONTWRITEBYTECODE="1", **env_extra)
    log = open(log_path, "wb")
    return subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), app],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(port: int, proc: subprocess.Popen, path: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited early ({proc.returncode})")
        try:
            status, _ = fetch(port, "GET", path, "")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not become ready in time")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            out.append(int(entry))
    return sorted(out)


def fetch(port: int, method: str, path: str, body: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body.encode() if body else None, headers=FORM if method == "POST" else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------- wrk

LUA = r"""
local reqs = {REQUESTS}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  s2, s3, s4, s5, sother = 0, 0, 0, 0, 0
  idx = (id or 1) * 7 % #reqs
end

function request()
  idx = idx % #reqs + 1
  return reqs[idx]
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  elseif status >= 200 then s2 = s2 + 1
  else sother = sother + 1 end
end

function done(summary, latency, requests)
  local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, sother = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  io.write(string.format(
    'WRKRESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"s2": %d, "s3": %d, "s4": %d, "s5": %d, "sother": %d}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    t.s2, t.s3, t.s4, t.s5, t.sother))
end
"""


def lua_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def write_lua(requests: list[tuple[str, str, str]], path: Path) -> None:
    items = []
    for method, url, body in requests:
        if method == "POST":
            items.append(f"wrk.format('POST', {lua_string(url)}, "
                         f"{{['Content-Type'] = 'application/x-www-form-urlencoded'}}, {lua_string(body)})")
        else:
            items.append(f"wrk.format('GET', {lua_string(url)})")
    path.write_text(LUA.replace("{REQUESTS}", "{\n  " + ",\n  ".join(items) + "\n}"))


def run_wrk(port: int, requests, seconds: float, connections: int, work: Path, name: str,
            during=None) -> dict:
    script = work / f"{name}.lua"
    write_lua(requests, script)
    cmd = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, int(seconds))}s", "--timeout", "10s",
           "-s", str(script), f"http://127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if during is not None:
        during()
    try:
        out, _ = proc.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    match = re.search(r"WRKRESULT (\{.*\})", out)
    if not match:
        raise SystemExit(f"wrk gave no result for {name}:\n{out}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def describe(result: dict) -> str:
    conn_errors = result["connect"] + result["read"] + result["write"] + result["timeout"]
    return (f"{result['rps']:8.1f} req/s  p50 {result['p50_us'] / 1000:7.1f} ms  p95 {result['p95_us'] / 1000:7.1f} ms"
            f"  p99 {result['p99_us'] / 1000:7.1f} ms  max {result['max_us'] / 1000:7.1f} ms  "
            f"5xx {result['s5']}  4xx {result['s4']}  connection errors {conn_errors} "
            f"(connect {result['connect']}, read {result['read']}, write {result['write']}, "
            f"timeout {result['timeout']})  requests {result['requests']}")


# --------------------------------------------------------------------------- main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="length of the surge with a worker killed")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--page-seconds", type=float, default=10, help="length of each per-page-type run")
    parser.add_argument("--workers", type=int, default=None, help="SIGNPOST_WORKERS (default: the config's)")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    with tempfile.TemporaryDirectory(prefix="signpost-load-") as tmp:
        work = Path(tmp)
        env = {"SIGNPOST_DATA_DIR": str(work / "data")}
        if args.workers:
            env["SIGNPOST_WORKERS"] = str(args.workers)
        site_port, bare_port, ceiling_port = free_port(), free_port(), free_port()
        site = start_gunicorn("wsgi:app", site_port, env, work / "site.log")
        bare = ceiling = None
        try:
            wait_ready(site_port, site, "/en/")
            bare = start_gunicorn("bench.load:bare_app", bare_port, env, work / "bare.log")
            wait_ready(bare_port, bare, "/")
            ceiling = start_gunicorn("bench.load:empty_page_app()", ceiling_port, env, work / "ceiling.log")
            wait_ready(ceiling_port, ceiling, "/en/")
            workers = children(site.pid)
            conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))   # the settings it runs with
            print(f"gunicorn master {site.pid}, workers {workers} "
                  f"({len(workers)} x {conf['threads']} threads, {conf['worker_class']})")

            status, body = fetch(site_port, "GET", "/en/services", "")
            service_paths = sorted(set(re.findall(r'href="(/en/s/[^"]+)"', body.decode())))[:8]
            mix = request_mix(service_paths)
            for kind, reqs in mix.items():
                for method, path, req_body in reqs:
                    status, _ = fetch(site_port, method, path, req_body)
                    if status != 200:
                        raise SystemExit(f"{kind}: {method} {path} answered {status} before any load")
            for kind, path in CEILINGS.items():
                status, _ = fetch(ceiling_port, "POST", path, pathway_bodies()["result"])
                if status != 200:
                    raise SystemExit(f"{kind}: POST {path} answered {status} before any load")
            for kind, path in WORK_ALONE.items():
                for method, _, req_body in mix[kind.split()[0]]:
                    status, _ = fetch(ceiling_port, method, path, req_body)
                    if status != 200:
                        raise SystemExit(f"{kind}: POST {path} answered {status} before any load")
            print(f"request mix checked: {sum(len(r) for r in mix.values())} distinct requests answer 200")

            print(f"\nper page type, {args.page_seconds:.0f} s each at {args.connections} connections:")
            bare_result = run_wrk(bare_port, [("GET", "/", "")], args.page_seconds, args.connections, work, "bare")
            print(f"  {'bare Flask':10s} {describe(bare_result)}")
            form = pathway_bodies()["result"]   # a form as big as the pathway's result step
            for kind, path in CEILINGS.items():
                result = run_wrk(ceiling_port, [("POST", path, form)], args.page_seconds, args.connections,
                                 work, kind.replace(" ", "-"))
                ratio = result["rps"] / bare_result["rps"]
                print(f"  {kind:10s} {describe(result)}  ratio to bare Flask {ratio:.2f}x (a ceiling for POST pages)")
            for kind, path in WORK_ALONE.items():
                page = kind.split()[0]
                reqs = [(method, path, req_body) for method, _, req_body in mix[page]]
                result = run_wrk(ceiling_port, reqs, args.page_seconds, args.connections, work,
                                 kind.replace(" ", "-"))
                ratio = result["rps"] / bare_result["rps"]
                print(f"  {kind:10s} {describe(result)}  ratio to bare Flask {ratio:.2f}x "
                      f"(the {page} page's own work alone, outside Flask: a ceiling for that page)")
            for kind, reqs in mix.items():
                result = run_wrk(site_port, reqs, args.page_seconds, args.connections, work, kind)
                ratio = result["rps"] / bare_result["rps"]
                line = f"  {kind:10s} {describe(result)}  ratio to bare Flask {ratio:.2f}x"
                if any(method == "POST" for method, _, _ in reqs):
                    same = run_wrk(bare_port, bare_shaped(reqs), args.page_seconds, args.connections,
                                   work, f"bare-{kind}")
                    line += (f"; to bare Flask sent the same requests ({same['rps']:.1f} req/s) "
                             f"{result['rps'] / same['rps']:.2f}x")
                print(line)

            surge = [r for reqs in mix.values() for r in reqs]
            surge += mix["home"] * 3 + mix["service"] + mix["browse"]   # most visitors land on pages
            killed = {}

            def kill_one_worker_halfway():
                time.sleep(args.seconds / 2)
                pids = children(site.pid)
                if pids:
                    os.kill(pids[0], signal.SIGKILL)
                    killed["pid"] = pids[0]
                    killed["at"] = args.seconds / 2

            print(f"\nsurge: {args.seconds:.0f} s at {args.connections} connections, "
                  f"{len(surge)} requests in rotation, one worker SIGKILLed at {args.seconds / 2:.0f} s:")
            result = run_wrk(site_port, surge, args.seconds, args.connections, work, "surge",
                             during=kill_one_worker_halfway)
            print(f"  {'surge':10s} {describe(result)}")
            after = children(site.pid)
            print(f"  killed worker {killed.get('pid')}; workers now {after} "
                  f"({'replaced' if killed.get('pid') not in after and len(after) == len(workers) else 'NOT replaced'})")
            print(f"  ratio to bare Flask: {result['rps'] / bare_result['rps']:.2f}x")
            conn_errors = result["connect"] + result["read"] + result["write"] + result["timeout"]
            print(f"\nSUMMARY requests/s {result['rps']:.1f}; p50 {result['p50_us'] / 1000:.1f} ms, "
                  f"p95 {result['p95_us'] / 1000:.1f} ms, p99 {result['p99_us'] / 1000:.1f} ms; "
                  f"5xx {result['s5']}; connection errors {conn_errors}")
        finally:
            for proc in (site, bare, ceiling):
                if proc is not None:
                    stop(proc)
        log = (work / "site.log").read_text("utf-8", "replace")
        tracebacks = log.count("Traceback")
        print(f"gunicorn log: {len(log.splitlines())} lines, {tracebacks} tracebacks; last lines:")
        for line in log.splitlines()[-6:]:
            print("   ", line[:200])
    return 0


if __name__ == "__main__":
    sys.exit(main())
