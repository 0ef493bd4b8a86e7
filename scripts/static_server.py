"""A static file server on 127.0.0.1 for the duration of a `with` block: used to draw diagrams
on the freshly built site, and by the tests to serve it to Chromium."""
from __future__ import annotations

from contextlib import contextmanager
import functools
import http.server
from pathlib import Path
import threading


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """Yields the base URL, without a trailing slash. The port is free and chosen by the system,
    and known before the folder needs to exist, so a site can be built for its own address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
