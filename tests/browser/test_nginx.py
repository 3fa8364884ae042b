"""The nginx configurations docs/online.md includes (deploy/nginx/), started for real and checked by what they promise.

The static site's needs only nginx; the Streamlit one runs in front of a real ``streamlit run serve.py``.
"""

from __future__ import annotations

import gzip
import http.client
import re
import ssl
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import SERVED, App
from nginx_server import Nginx
from test_web import first_event
from websockets.sync.client import connect

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
PAGE = "<!DOCTYPE html><html lang=en><head><title>Timeline</title></head><body>{}</body></html>"
ASSET = "assets/timeline.3f9a1c2e.js"
NARRATION = {"0123456789abcdef.ogg": b"OggS" + bytes(2000), "0123456789abcdef.mp3": b"ID3" + bytes(2000),
             "0123456789abcdef.vtt": b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nWords.\n" * 40}


def client(server: Nginx) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(server.cert))  # verified: the server really speaks TLS


def get(server: Nginx, path: str, *, tls: bool = True, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request as a browser makes it; redirects are returned, not followed."""
    connection = (http.client.HTTPSConnection("127.0.0.1", server.https_port, context=client(server), timeout=30)
                  if tls else http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=30))
    try:
        connection.request("GET", path, headers={"Host": "exhibit.example.org", **headers})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def static_site(tmp_path: Path) -> Iterator[Nginx]:
    """A small site in the builder's layout, with a pre-compressed asset whose .gz says so in its content."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "entries" / "hgp-opens").mkdir(parents=True)
    (site / "index.html").write_text(PAGE.format("<p>An entry on the timeline.</p>" * 100), encoding="utf-8")
    (site / "entries" / "hgp-opens" / "index.html").write_text(PAGE.format("Homer G. Phillips opens"), "utf-8")
    (site / "404.html").write_text(PAGE.format("Not in the exhibit"), encoding="utf-8")
    (site / ASSET).write_text("console.log('on the fly');\n" * 100, encoding="utf-8")
    (site / f"{ASSET}.gz").write_bytes(gzip.compress(b"console.log('pre-compressed');\n" * 100, mtime=0))
    (site / "audio").mkdir()
    for name, data in NARRATION.items():
        (site / "audio" / name).write_bytes(data)
    server = Nginx("static-site.conf", tmp_path, {"root /var/www/timeline;": f"root {site};"}).start()
    yield server
    server.stop()


def test_static_site_pages_are_compressed_and_briefly_cached(static_site):
    status, headers, body = get(static_site, "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert b"An entry on the timeline" in gzip.decompress(body)
    assert headers["cache-control"] == SHORT
    assert headers["strict-transport-security"].startswith("max-age=")
    status, headers, body = get(static_site, "/entries/hgp-opens/")
    assert status == 200 and b"Homer G. Phillips opens" in body and headers["cache-control"] == SHORT


def test_static_site_hashed_assets_are_sent_pre_compressed_and_cached_forever(static_site):
    status, headers, body = get(static_site, f"/{ASSET}", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert b"pre-compressed" in gzip.decompress(body)  # the builder's .gz, not nginx compressing the file
    assert headers["cache-control"] == IMMUTABLE and headers["vary"] == "Accept-Encoding"
    status, headers, body = get(static_site, f"/{ASSET}")
    assert status == 200 and "content-encoding" not in headers and b"on the fly" in body


def test_static_site_sends_narration_typed_cached_forever_and_in_ranges(static_site):
    types = {}
    for name in NARRATION:
        status, headers, body = get(static_site, f"/audio/{name}", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["cache-control"] == IMMUTABLE
        types[name.rsplit(".", 1)[1]] = headers["content-type"].split(";")[0]
    assert types == {"ogg": "audio/ogg", "mp3": "audio/mpeg", "vtt": "text/vtt"}
    status, headers, body = get(static_site, "/audio/0123456789abcdef.ogg", Range="bytes=0-3")
    assert status == 206 and body == b"OggS"  # a player seeks by asking for ranges
    status, headers, _ = get(static_site, "/index.html")
    assert headers["content-type"].startswith("text/html")  # the audio folder's types stay in the audio folder


def test_static_site_answers_missing_pages_with_its_404_and_plain_http_with_a_redirect(static_site):
    status, _, body = get(static_site, "/entries/no-such-entry/")
    assert status == 404 and b"Not in the exhibit" in body
    status, headers, _ = get(static_site, "/entries/hgp-opens/?event=x", tls=False)
    assert status == 301 and headers["location"] == "https://exhibit.example.org/entries/hgp-opens/?event=x"


@pytest.mark.browser
def test_streamlit_behind_nginx_upgrades_the_websocket_and_compresses(tmp_path):
    app = App(tmp_path / "streamlit.log", env={"TIMELINE_MODE": "web"}, script=SERVED).start()
    upstream = f"127.0.0.1:{app.port}"  # both documented replicas: the test runs one process
    server = Nginx("streamlit.conf", tmp_path, {
        "server 127.0.0.1:8501;": f"server {upstream};",
        "server 127.0.0.1:8502;": f"server {upstream};",
        "/var/cache/nginx/timeline": str(tmp_path / "cache"),
    })
    try:
        server.start()
        row = first_event()
        status, headers, body = get(server, f"/?event={urllib.parse.quote(row['id'])}", **{"Accept-Encoding": "gzip"})
        page = gzip.decompress(body).decode("utf-8")
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert f"<title>{row['title'].strip()} · " in page.replace("&#39;", "'")  # the link preview passes through
        script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', page)[1]
        for _ in range(2):  # the second answer comes from nginx's cache
            status, headers, body = get(server, f"/{script}", **{"Accept-Encoding": "gzip"})
            assert status == 200 and headers["content-encoding"] == "gzip" and len(gzip.decompress(body)) > len(body)
        assert headers["cache-control"] == "public, immutable, max-age=31536000"
        assert any(server.dir.joinpath("cache").rglob("*")), "nginx cached nothing"
        with connect(f"wss://127.0.0.1:{server.https_port}/_stcore/stream", ssl=client(server),
                     open_timeout=30) as socket:
            assert socket.response.status_code == 101  # upgraded through the proxy to Streamlit's session
    finally:
        server.stop()
        app.stop()
