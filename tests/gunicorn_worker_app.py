"""The real app plus two routes for the worker tests: which worker answered, and a held request."""
import os
import time
from pathlib import Path

from signpost import create_app

app = create_app()
SIGNALS = Path(os.environ.get("SIGNPOST_TEST_SIGNALS", "."))


@app.get("/test/worker")
def which_worker():
    return str(os.getpid())


@app.get("/test/held")
def held():
    """Keep this worker's thread busy until the test creates the `release` file (30 s at most)."""
    (SIGNALS / f"holding-{os.getpid()}").touch()
    deadline = time.monotonic() + 30
    while not (SIGNALS / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return str(os.getpid())
