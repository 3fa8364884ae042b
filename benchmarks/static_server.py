"""A plain static file server that sends a file's pre-compressed ``.gz`` twin when the browser accepts gzip.

That is what nginx's ``gzip_static on`` and most CDNs do with the static site's twins, so the phone benchmark
serves the site and TimelineJS3 exactly alike through it: no compression at request time, no cache headers
(every benchmark visit is a cold browser context anyway). Anything without a twin goes out as it is.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _GzipStaticHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real server: no new connection per file

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        twin = self._gzip_twin()
        if twin is None:
            super().do_GET()
            return
        original, compressed = twin
        body = compressed.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(original)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def _gzip_twin(self) -> tuple[Path, Path] | None:
        """(file, its .gz twin) when the client accepts gzip and the twin exists; directories mean index.html."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the base class redirects to the slash-ended address first
            path = path / "index.html"
        compressed = path.with_name(path.name + ".gz")
        return (path, compressed) if path.is_file() and compressed.is_file() else None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's signature)
        """Silent: a benchmark prints figures, not access logs."""


class StaticServer:
    """Serves ``root`` on 127.0.0.1 from a background thread; use as a context manager."""

    def __init__(self, root: Path):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_GzipStaticHandler, directory=str(root)))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
