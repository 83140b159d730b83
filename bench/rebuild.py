"""P20/P21: kill -9 a data rebuild at random moments; the app must serve exactly the old or new version.

    python bench/rebuild.py [--kills 20] [--seed N]

Builds version A (the real directory.yaml) into a scratch data dir, then starts
`flask --app wsgi directory build --file <B>` (B changes every plain summary and adds one entry)
in a subprocess and SIGKILLs it 0..T ms after start (T = the measured duration of one complete
build). After every kill a fresh `create_app` on that data dir must serve version A or B,
complete: same entries and content as that version's YAML, the same count in the JSON API and on
the browse page, and a search index of the same version — never a mix, never a 500.
Each round builds the version that is NOT being served, so every kill interrupts a real build.

Then the fail-safe: database and index deleted and the YAML broken -> every route answers with
the quick exit, 999 and the National Domestic Abuse Helpline (the data routes with 503), and no
output holds a traceback.

Prints "mixed versions: N of <kills>". The test tests/test_rebuild_atomic.py runs the same code
with fewer kills.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EXTRA_ID = "rebuild-check-extra"
EXTRA_NAME = "Rebuild check extra entry"
B_PREFIX = "Rebuild check B. "
EXTRA_ENTRY = f"""  - id: {EXTRA_ID}
    name: {EXTRA_NAME}
    kind: information
    scope: national
    audience: public
    summary: An entry that exists only in version B of the rebuild check.
    who_for: Anyone.
    genders:
      - any
    area: UK
    access:
      - self-referral
    access_notes: Read this page.
    concerns:
      - domestic-abuse
    how_else: There is no contact; this entry only exists to test rebuilds.
"""
BROKEN_YAML = "services:\n  - id: [unclosed\n    name: {broken: yes\n  : :\n\t- tab\n"
HELPLINE = "0808 2000 247"
QUICK_EXIT = "data-quick-exit"


# --------------------------------------------------------------------------- versions

@dataclass
class Version:
    label: str
    path: Path
    version: str
    services: tuple
    count: int

    @property
    def public_count(self) -> int:
        return sum(1 for s in self.services if s.audience == "public")

    def key(self):
        return sorted(self.services, key=lambda s: s.id)


def make_versions(work: Path, source: Path | None = None) -> tuple[Version, Version]:
    """Version A = the real directory.yaml; B = every plain summary changed and one entry added."""
    from signpost.directory import loader

    source = source or ROOT / "directory.yaml"
    text_a = source.read_text("utf-8")
    text_b, changed = re.subn(r"(?m)^(    summary: )(?![\"'|>])", r"\g<1>" + B_PREFIX, text_a)
    if changed < 10:
        raise SystemExit("could not make version B: too few plain summaries to change")
    text_b = text_b.rstrip("\n") + "\n" + EXTRA_ENTRY
    out = []
    for label, text in (("A", text_a), ("B", text_b)):
        path = work / f"directory-{label}.yaml"
        path.write_text(text, "utf-8")
        directory = loader.parse_directory(text.encode("utf-8"), label=path.name)
        out.append(Version(label, path, directory.version, tuple(directory.services), len(directory.services)))
    return out[0], out[1]


def build_command(yaml_path: Path, data_dir: Path) -> tuple[list[str], dict]:
    env = dict(os.environ, SIGNPOST_DATA_DIR=str(data_dir), SIGNPOST_DIRECTORY_PATH=str(yaml_path),
               PYTHONDONTWRITEBYTECODE="1")
    return [sys.executable, "-m", "flask", "--app", "wsgi", "directory", "build", "--file", str(yaml_path)], env


def run_build(yaml_path: Path, data_dir: Path) -> tuple[float, subprocess.CompletedProcess]:
    cmd, env = build_command(yaml_path, data_dir)
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    return time.monotonic() - started, done


def killed_build(yaml_path: Path, data_dir: Path, after_s: float) -> str:
    """Start a build and SIGKILL it `after_s` seconds later; say whether it finished first."""
    cmd, env = build_command(yaml_path, data_dir)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + after_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return "finished"
        time.sleep(min(0.005, max(0.0, deadline - time.monotonic())))
    if proc.poll() is not None:
        return "finished"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return "killed"


# --------------------------------------------------------------------------- what is served

@dataclass
class Served:
    version: str | None = None
    label: str | None = None
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.label is not None and not self.problems


def served(data_dir: Path, versions: tuple[Version, ...]) -> Served:
    """Ask a fresh app on `data_dir` what it serves, through its store, pages, API and index."""
    from signpost import create_app
    from signpost.directory.store import current_snapshot

    result = Served()
    app = create_app({"DATA_DIR": str(data_dir), "DIRECTORY_PATH": str(data_dir / "no-such.yaml")})
    client = app.test_client()
    with app.test_request_context("/en/"):
        try:
            snapshot = current_snapshot()
        except Exception as exc:  # DataUnavailable: nothing served at all is a failure here
            result.problems.append(f"no snapshot ({type(exc).__name__})")
            return result
    result.version = snapshot.version
    match = [v for v in versions if v.version == snapshot.version]
    if not match:
        result.problems.append(f"serves an unknown version {snapshot.version[:12]}")
        return result
    expected = match[0]
    result.label = expected.label
    if sorted(snapshot.services, key=lambda s: s.id) != expected.key():
        result.problems.append(f"snapshot of {expected.label} does not hold exactly {expected.label}'s entries")
    # the index must belong to the same version
    index_dir = snapshot.index_dir
    if index_dir is None or Path(index_dir).parent.name != expected.version:
        result.problems.append(f"the search index is missing or from another version ({index_dir})")
    else:
        try:
            from signpost import search
            search.clear_caches()  # a rebuilt version dir may reuse a path this process has cached
            hits = search.search(index_dir, EXTRA_NAME, locale="en", limit=5, budget_ms=20000)
            found = any(getattr(h, "id", None) == EXTRA_ID or EXTRA_ID in repr(h) for h in hits)
            if found != (expected.label == "B"):
                result.problems.append(f"the search index disagrees with version {expected.label} "
                                       f"(extra entry found: {found})")
        except Exception as exc:
            result.problems.append(f"search failed on version {expected.label}: {type(exc).__name__}: {exc}")
    # pages and API, as a visitor meets them
    api = client.get(f"/api/v1/services?per_page=100")
    if api.status_code != 200:
        result.problems.append(f"/api/v1/services answered {api.status_code}")
    elif api.get_json().get("total_items") != expected.public_count:
        result.problems.append(f"the API lists {api.get_json().get('total_items')} entries, "
                               f"version {expected.label} has {expected.public_count} public ones")
    page = client.get("/en/services")
    html = page.get_data(as_text=True)
    if page.status_code != 200:
        result.problems.append(f"/en/services answered {page.status_code}")
    else:
        if (EXTRA_NAME in html) != (expected.label == "B"):
            result.problems.append(f"the browse page disagrees with version {expected.label}")
        if (B_PREFIX in html) != (expected.label == "B"):
            result.problems.append(f"the browse page summaries disagree with version {expected.label}")
    for code in [s.code for s in snapshot.services[:3]]:
        response = client.get(f"/en/s/{code}")
        if response.status_code != 200:
            result.problems.append(f"a service page answered {response.status_code}")
    return result


# --------------------------------------------------------------------------- the kill loop

def kill_rounds(work: Path, kills: int, rng: random.Random, log=print) -> dict:
    a, b = make_versions(work)
    data = work / "data"
    # The first complete build (process start to exit) sets the kill window 0..1.1 x its duration.
    window, done = run_build(a.path, data)
    if done.returncode != 0:
        raise SystemExit(f"the first build failed:\n{done.stdout}\n{done.stderr}")
    log(f"one build takes {window * 1000:.0f} ms; killing at 0..{window * 1100:.0f} ms after start")
    mixed = 0
    outcomes = []
    for i in range(kills):
        now = served(data, (a, b))
        target = b if now.label != "B" else a
        after = rng.uniform(0, window * 1.1)
        state = killed_build(target.path, data, after)
        after_kill = served(data, (a, b))
        if not after_kill.ok:
            mixed += 1
        outcomes.append((after, state, after_kill.label, after_kill.problems))
        log(f"  kill {i + 1:2d} at {after * 1000:6.0f} ms ({state:8s}) building {target.label}: serves "
            f"{after_kill.label or '-'}{'  PROBLEMS: ' + '; '.join(after_kill.problems) if after_kill.problems else ''}")
    # The checker must be able to tell the versions apart: finish a build of the other one.
    final_target = b if served(data, (a, b)).label != "B" else a
    _, done = run_build(final_target.path, data)
    final = served(data, (a, b))
    return {"kills": kills, "mixed": mixed, "outcomes": outcomes, "final": final,
            "final_target": final_target.label, "final_rc": done.returncode,
            "labels": {o[2] for o in outcomes}, "versions": (a, b)}


# --------------------------------------------------------------------------- fail-safe

def route_urls(app) -> list[tuple[str, str]]:
    """(method, url) for every rule, with harmless values for its arguments."""
    values = {"lang": "en", "code": "zz9", "filename": "css/site.css", "service_id": "not-a-uuid"}
    out = []
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for name in rule.arguments:
            url = re.sub(r"<(?:[^:<>]+:)?" + name + ">", values.get(name, "x"), url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((method, url))
    return out


DATA_ROUTES = {"/en/services", "/en/s/zz9", "/en/staff/services", "/api/v1/services",
               "/api/v1/services/not-a-uuid"}


def break_data(data_dir: Path, yaml_path: Path) -> None:
    """Delete every database and index and the version pointer; break the YAML."""
    shutil.rmtree(data_dir / "versions", ignore_errors=True)
    (data_dir / "CURRENT").unlink(missing_ok=True)
    yaml_path.write_text(BROKEN_YAML, "utf-8")


def check_fail_safe_response(method: str, url: str, status: int, body: str) -> list[str]:
    problems = []
    if status >= 500 and status != 503:
        problems.append(f"{method} {url} answered {status}")
    if url in DATA_ROUTES and method == "GET" and status != 503:
        problems.append(f"{method} {url} answered {status}, not 503")
    if "Traceback" in body:
        problems.append(f"{method} {url} shows a traceback")
    if not url.startswith(("/api/", "/static/")) and status != 302:
        for needle in (QUICK_EXIT, "999", HELPLINE):
            if needle not in body:
                problems.append(f"{method} {url} ({status}) lacks {needle!r}")
    return problems


def fail_safe_in_process(work: Path) -> tuple[list[str], str]:
    """Break the data, then ask every route of a fresh app; also run the CLI build on the broken YAML."""
    import io
    import logging

    from signpost import create_app

    a, _ = make_versions(work)
    data = work / "failsafe-data"
    _, done = run_build(a.path, data)
    assert done.returncode == 0, done.stderr
    yaml_path = work / "broken.yaml"
    break_data(data, yaml_path)
    problems = []
    cmd, env = build_command(yaml_path, data)
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    if done.returncode == 0:
        problems.append("the build of a broken YAML exited 0")
    if "Traceback" in output:
        problems.append("the build of a broken YAML printed a traceback")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    app = create_app({"DATA_DIR": str(data), "DIRECTORY_PATH": str(yaml_path)})
    app.logger.addHandler(handler)
    logging.getLogger().addHandler(handler)
    try:
        client = app.test_client()
        for method, url in route_urls(app):
            response = client.open(url, method=method, data={} if method == "POST" else None)
            problems += check_fail_safe_response(method, url, response.status_code,
                                                 response.get_data(as_text=True))
    finally:
        logging.getLogger().removeHandler(handler)
    logged = stream.getvalue()
    if "Traceback" in logged:
        problems.append("the app logged a traceback")
    return problems, output + logged


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"seed {seed}")
    with tempfile.TemporaryDirectory(prefix="signpost-rebuild-") as tmp:
        work = Path(tmp)
        result = kill_rounds(work, args.kills, random.Random(seed))
        final = result["final"]
        print(f"after an uninterrupted build of {result['final_target']}: serves {final.label} "
              f"{'OK' if final.ok and final.label == result['final_target'] else 'PROBLEMS: ' + '; '.join(final.problems)}")
        print(f"versions seen after kills: {sorted(x or '-' for x in result['labels'])}")
        print(f"mixed versions: {result['mixed']} of {result['kills']}")
        problems, _output = fail_safe_in_process(work)
        print(f"fail-safe (data gone, YAML broken): {'OK' if not problems else '; '.join(problems)}")
    return 0 if result["mixed"] == 0 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
