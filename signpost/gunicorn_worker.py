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
  someone's on purpose) could hold every thread while others waited;
- closes a connection without waiting on the spot. After an answer the stock worker sends its
  end of the connection and then waits, in the loop that serves everyone, until the client
  closes too (up to 2 s; RFC 9112 9.6): one round trip per request with keep-alive off, and 2 s
  for a client that never closes. Here the socket waits in the poller while the loop goes on.

With keep-alive on, requests on open connections would always go ahead of new visitors in the
kernel's queue, so the thread check is then off (new connections are still parked).

It relies on gunicorn 27's threaded worker (`TConn`, `pending_conns`, `enqueue_req`,
`finish_request`, `set_accept_enabled`, `murder_pending`, and `TConn.close(graceful=True)` being
called only from the main loop), so setup.cfg pins that major version, and
tests/test_gunicorn_worker.py runs it under the real gunicorn.
"""
from __future__ import annotations

import errno
import selectors
import socket
import time
from functools import partial

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

# How long a new connection may stay silent before it is closed (the stock worker's own wait).
WAIT_FOR_REQUEST_SECONDS = 5.0
# How long a closing connection waits for the client to close its end (the stock worker's own),
# and how many may wait at once (a client that never closes cannot use up the worker's files).
LINGER_SECONDS = 2.0
MAX_LINGERING = 256
MAX_DRAIN_BYTES = 65536  # what the stock close reads at most before it closes anyway


class _Conn(TConn):
    """A connection whose graceful close is handed back to the worker's loop."""

    def __init__(self, worker, *args):
        super().__init__(*args)
        self._worker = worker

    def close(self, graceful=False):
        if graceful and not self.cfg.is_ssl:
            self._worker.close_later(self.sock)
        else:
            super().close(graceful)


class FairThreadWorker(ThreadWorker):
    in_hand = 0  # requests given to the thread pool and not finished; touched by the main loop only

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # closing socket -> [when to give up waiting, bytes still allowed to read]; oldest first
        self.lingering: dict = {}

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
        conn = _Conn(self, self.cfg, client_sock, client_addr, listener.getsockname())  # non-blocking
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

    # --- closing without waiting on the spot -------------------------------------------------

    def close_later(self, sock):
        """Send our end now; read until the client closes its end (or LINGER_SECONDS pass, or it
        sends MAX_DRAIN_BYTES more), then close. Reading first means unread request bytes cannot turn the close into a reset that
        could cut off the answer the client is still reading."""
        if len(self.lingering) >= MAX_LINGERING:
            self._close_now(next(iter(self.lingering)))
        try:
            sock.shutdown(socket.SHUT_WR)
            sock.setblocking(False)
            self.poller.register(sock, selectors.EVENT_READ, self._drain)
        except (OSError, ValueError, KeyError):
            util.close(sock)
            return
        self.lingering[sock] = [time.monotonic() + LINGER_SECONDS, MAX_DRAIN_BYTES]

    def _drain(self, sock):
        waiting = self.lingering.get(sock)
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if data and waiting is not None:
            waiting[1] -= len(data)
            if waiting[1] > 0:
                return  # more, or the end, comes with a later event
        self._close_now(sock)  # the client closed, failed, or keeps sending: stop reading

    def _close_now(self, sock):
        self.lingering.pop(sock, None)
        try:
            self.poller.unregister(sock)
        except (KeyError, ValueError, OSError):
            pass
        util.close(sock)

    def murder_pending(self):
        # Called on every turn of the run loop: also give up on clients that have not closed.
        super().murder_pending()
        now = time.monotonic()
        while self.lingering:
            sock = next(iter(self.lingering))
            if self.lingering[sock][0] > now:
                break
            self._close_now(sock)
