"""The phone benchmark's file server sends a file's .gz twin to a browser that accepts gzip, as gzip_static does."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from benchmarks.static_server import StaticServer

PAGE = b"<!doctype html><title>Entries</title>" + b"<p>an entry</p>" * 50


@pytest.fixture
def server(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_bytes(PAGE)
    (tmp_path / "site" / "index.html.gz").write_bytes(gzip.compress(PAGE, mtime=0))
    (tmp_path / "site" / "plain.css").write_bytes(b"body { margin: 0 }")
    with StaticServer(tmp_path) as running:
        yield running


def fetch(url: str, **headers: str) -> tuple[dict[str, str], bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return dict(response.headers), response.read()


def test_a_client_that_accepts_gzip_gets_the_twin(server):
    headers, body = fetch(server.url + "site/index.html", **{"Accept-Encoding": "gzip, deflate, br"})
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "text/html"
    assert int(headers["Content-Length"]) == len(body) < len(PAGE)
    assert gzip.decompress(body) == PAGE


def test_a_folder_sends_its_index_twin(server):
    headers, body = fetch(server.url + "site/", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == PAGE


@pytest.mark.parametrize("path", ["site/index.html", "site/"])
def test_a_client_without_gzip_gets_the_file_as_it_is(server, path):
    headers, body = fetch(server.url + path)
    assert "Content-Encoding" not in headers
    assert body == PAGE


def test_a_file_without_a_twin_goes_out_as_it_is(server):
    headers, body = fetch(server.url + "site/plain.css", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in headers
    assert body == b"body { margin: 0 }"
