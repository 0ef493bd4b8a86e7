"""A static file server on 127.0.0.1 for the duration of a `with` block: used to draw diagrams
on the freshly built site, by the tests to serve it to Chromium, and by the benchmark (with
gzip, as any real static host or CDN would serve it)."""
from __future__ import annotations

from contextlib import contextmanager
import functools
import gzip
import http.server
import io
from pathlib import Path
import threading

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    compress = False
    not_found: str | None = None  # a page to answer missing paths with, as static hosts do

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.not_found if self.not_found else None
        if code != 404 or page is None or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        url_path = self.path.split("?")[0]
        if path.name == "index.html" and not url_path.endswith(("/", "index.html")):
            return super().send_head()  # the base class redirects /page to /page/
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(folder: Path, compress: bool = False, not_found: str | None = None):
    """Yields the base URL, without a trailing slash. The port is free and chosen by the system,
    and known before the folder needs to exist, so a site can be built for its own address.
    not_found names a file in the folder to answer any missing path with (status 404)."""
    handler_class = type("Handler", (_QuietHandler,), {"compress": compress, "not_found": not_found})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
