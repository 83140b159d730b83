"""Gunicorn's logger with the request data taken out (P2).

Gunicorn writes request lines to its access log and client addresses and raw request text to its
error log (for example `Invalid request from ip=...`). This logger writes no access log at all,
and lets through only messages whose *format string* is on a fixed list of start-up, worker and
shutdown messages; anything else is replaced by a fixed sentence with no request data in it.
"""
from __future__ import annotations

from gunicorn.glogging import Logger

# Format strings (before %-substitution) known to carry only pids, signals, addresses we bind
# and versions -- never anything a client sent.
ALLOWED_FORMATS = frozenset({
    "Starting gunicorn %s",
    "Listening at: %s (%s)",
    "Using worker: %s",
    "Booting worker with pid: %s",
    "Worker exiting (pid: %s)",
    "Handling signal: %s",
    "Shutting down: %s",
    "Worker (pid:%s) was sent SIGKILL! Perhaps out of memory?",
    "Worker (pid:%s) was sent code %s!",
    "Worker (pid:%s) was sent %s!",
    "Worker (pid:%s) exited with code %s",
    "Worker (pid:%s) exited with code %s.",
    "WORKER TIMEOUT (pid:%s)",
    "Reason: %s",
    "Worker failed to boot.",
    "App failed to load.",
    "Unhandled exception in main loop",
    "Parent changed, shutting down: %s",
    "Autorestarting worker after current request.",
    "Control socket listening at %s",
    "Dirty arbiter starting",
    "signpost: %s",
})

WITHHELD = "A request could not be handled; its details are not logged (privacy)."


def _is_allowed(msg) -> bool:
    return isinstance(msg, str) and msg in ALLOWED_FORMATS


class QuietLogger(Logger):
    """No access log; the error log only says what the server itself is doing."""

    def access(self, resp, req, environ, request_time):
        return None

    def _quiet(self, level_method, msg, args, kwargs):
        kwargs.pop("exc_info", None)
        if _is_allowed(msg):
            level_method(msg, *args, **kwargs)
        else:
            level_method(WITHHELD)

    def critical(self, msg, *args, **kwargs):
        self._quiet(self.error_log.critical, msg, args, kwargs)

    def error(self, msg, *args, **kwargs):
        self._quiet(self.error_log.error, msg, args, kwargs)

    def warning(self, msg, *args, **kwargs):
        self._quiet(self.error_log.warning, msg, args, kwargs)

    def info(self, msg, *args, **kwargs):
        self._quiet(self.error_log.info, msg, args, kwargs)

    def debug(self, msg, *args, **kwargs):
        self._quiet(self.error_log.debug, msg, args, kwargs)

    def exception(self, msg, *args, **kwargs):
        # No traceback: exception messages can quote what the client sent.
        self._quiet(self.error_log.error, msg, args, kwargs)

    def log(self, lvl, msg, *args, **kwargs):
        if isinstance(lvl, str):
            import logging
            lvl = logging.getLevelName(lvl.upper())
            if not isinstance(lvl, int):
                lvl = 20
        if _is_allowed(msg):
            self.error_log.log(lvl, msg, *args)
        else:
            self.error_log.log(lvl, WITHHELD)
