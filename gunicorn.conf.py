"""Gunicorn settings for Signpost: quiet, private, and ready for a surge.

Never add `accesslog`, `logconfig`, `logconfig_dict`, `syslog` or `capture_output` here:
each of them can write request lines or client addresses somewhere (PROMISES.md P2).
"""
import multiprocessing
import os

import gunicorn.http.wsgi

# The Server header names no product or version (P18).
gunicorn.http.wsgi.SERVER = "signpost"

bind = os.environ.get("SIGNPOST_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SIGNPOST_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("SIGNPOST_WORKER_CLASS", "signpost.gunicorn_worker.FairThreadWorker")
threads = int(os.environ.get("SIGNPOST_THREADS", "4"))  # CPU-bound pages: fewer threads, shorter tail
# At most this many open connections per worker: the requests in its threads' hands plus
# connections still sending their request (a slow client is parked without holding a thread).
worker_connections = int(os.environ.get("SIGNPOST_WORKER_CONNECTIONS", "50"))
timeout = 30
graceful_timeout = 10
# No keep-alive: every request is a new connection that waits in the kernel's one queue, in
# arrival order, until a worker has a thread free (signpost/gunicorn_worker.py). With keep-alive,
# each surge connection stays with the worker that first took it and waits behind that worker's
# other visitors (bench/load.py surge: p99 ~300 ms, not ~180 ms). Behind a proxy this is what
# nginx does by default; a browser talking to gunicorn directly opens a connection per request.
keepalive = 0
backlog = 2048

# Logging: no access log; error log to stderr through the logger that strips request data.
accesslog = None
errorlog = "-"
loglevel = "info"
logger_class = "signpost.gunicorn_logging.QuietLogger"
capture_output = False
disable_redirect_access_to_syslog = True
syslog = False

# Small request limits: nothing on this site needs long URLs or many headers.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

proc_name = "signpost"


def on_starting(server):
    """Compile the catalogs and build the directory once, in the master, before workers start.

    A failed build leaves the last good data serving (P19, P20); the site still starts, and
    with no good data at all every page answers 503 with the helplines (P21).
    """
    from signpost.startup import prepare
    for line in prepare():
        server.log.info("signpost: %s", line)


def post_worker_init(worker):
    """Warm this worker (templates, search tables, every service's cards, in every language)
    before it takes its first visitor, so a restarted worker is not slow in a surge."""
    from signpost.startup import warm
    warm(worker.wsgi)
