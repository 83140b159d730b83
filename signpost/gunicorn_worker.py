"""Gunicorn's threaded worker, made to take a visitor only when it has a thread free.

Gunicorn's workers all watch one listening socket, and whichever is awake first accepts. The
stock threaded worker accepts whenever it can and queues requests inside itself, so in a surge
some workers held twice the connections of others (we measured 25/27/48/50/50 across five) and
the visitors queued in those waited twice as long. This worker:

- stops watching the socket while each of its threads has a request in hand, so a visitor waits
  in the kernel's queue, in arrival order, and is taken by the first worker with a thread free.
  With keep-alive off (gunicorn.conf.py) every request is a new connection, so every request
  waits in that one queue; a worker that dies loses only the requests in its hands;
- gives a new connection a thread only once its request has started to arrive. The stock worker
  lets a thread wait up to 5 s for it, so a few silent connections (a browser's spare one, or
  someone's on purpose) could hold every thread while others waited.

With keep-alive on, requests on open connections would always go ahead of new visitors in the
kernel's queue, so the thread check is then off (new connections are still parked).

It relies on gunicorn 27's threaded worker (`TConn`, `pending_conns`, `enqueue_req`,
`finish_request`, `set_accept_enabled`), so setup.cfg pins that major version, and
tests/test_gunicorn_worker.py runs it under the real gunicorn.
"""
from __future__ import annotations

import errno
import selectors
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

# How long a new connection may stay silent before it is closed (the stock worker's own wait).
WAIT_FOR_REQUEST_SECONDS = 5.0


class FairThreadWorker(ThreadWorker):
    in_hand = 0  # requests given to the thread pool and not finished; touched by the main loop only

    def _thread_free(self) -> bool:
        return self.in_hand < self.cfg.threads or bool(self.cfg.keepalive)

    def accept(self, listener):
        """Accept one connection and park it, without a thread, until its request arrives."""
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                return  # another worker took it first
            raise
        self.nr_conns += 1
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())  # non-blocking
        # Every parked connection waits the same time, so pending_conns stays in timeout order
        # (murder_pending closes the expired ones from the front).
        conn.timeout = time.monotonic() + WAIT_FOR_REQUEST_SECONDS
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ,
                             partial(self.on_pending_socket_readable, conn))

    def enqueue_req(self, conn):
        self.in_hand += 1
        try:
            super().enqueue_req(conn)
        except BaseException:
            self.in_hand -= 1
            raise
        if not self._thread_free():
            super().set_accept_enabled(False)

    def finish_request(self, *args):
        # Called once for every request enqueued, on the main loop, when its thread is done.
        self.in_hand -= 1
        super().finish_request(*args)

    def set_accept_enabled(self, enabled):
        # The run loop asks to accept again on each turn while it is under worker_connections.
        super().set_accept_enabled(enabled and self._thread_free())
