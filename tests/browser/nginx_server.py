"""nginx started with a configuration from deploy/nginx/ as documented, moved to temporary paths and free ports.

The documented file is loaded as it is; only its addresses, paths and certificate are swapped, and every swap
must find its text, so a test fails when the file and its test drift apart. TLS uses a certificate made for
127.0.0.1 at test time with ``openssl``, which the test's client then trusts.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from app_server import PROJECT_ROOT, free_port

DEPLOY = PROJECT_ROOT / "deploy" / "nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
START_TIMEOUT = 10.0
PUBLIC_LISTEN = {  # as documented -> what the test swaps in (IPv6 may be missing on a test machine: dropped)
    "    listen [::]:80;\n": "",
    "    listen [::]:443 ssl http2;\n": "",
}


def require_nginx() -> str:
    """nginx's path, or the test is skipped with the reason (tests/run.sh installs it, as CI does)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        pytest.skip("nginx is not installed (`apt-get install nginx-light`, as tests/run.sh does), so the "
                    "configurations in deploy/nginx/ cannot be started here")
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed, so no test certificate can be made for the TLS server blocks")
    return found


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1, valid for a day."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def swapped(text: str, swaps: Mapping[str, str]) -> str:
    for old, new in swaps.items():
        assert old in text, f"the documented configuration no longer contains {old!r}: update the test with it"
        text = text.replace(old, new)
    return text


class Nginx:
    """``deploy/nginx/NAME`` served on 127.0.0.1: ``http_port`` for port 80's block, ``https_port`` for 443's."""

    def __init__(self, name: str, workdir: Path, swaps: Mapping[str, str] | None = None) -> None:
        self.binary = require_nginx()
        self.dir = workdir
        self.http_port, self.https_port = free_port(), free_port()
        self.cert, key = self_signed(workdir)
        site = swapped(swapped((DEPLOY / name).read_text(encoding="utf-8"), PUBLIC_LISTEN), {
            "    listen 80;": f"    listen 127.0.0.1:{self.http_port};",
            "    listen 443 ssl http2;": f"    listen 127.0.0.1:{self.https_port} ssl http2;",
            "/etc/letsencrypt/live/exhibit.example.org/fullchain.pem": str(self.cert),
            "/etc/letsencrypt/live/exhibit.example.org/privkey.pem": str(key),
            **(swaps or {}),
        })
        (workdir / "site.conf").write_text(site, encoding="utf-8")
        (workdir / "nginx.conf").write_text(self._main_conf(), encoding="utf-8")
        self._process: subprocess.Popen[bytes] | None = None

    def _main_conf(self) -> str:
        """What /etc/nginx/nginx.conf gives a conf.d file, with every path in the test's folder."""
        temp = "\n".join(f"    {kind}_temp_path {self.dir / kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        user = "user root;\n" if os.geteuid() == 0 else ""  # the test's files are private to the test's user
        return (f"{user}worker_processes 1;\npid {self.dir / 'nginx.pid'};\nerror_log {self.dir / 'error.log'};\n"
                f"events {{ worker_connections 512; }}\n"
                f"http {{\n    include {MIME_TYPES};\n    default_type application/octet-stream;\n"
                f"    access_log off;\n{temp}\n    include {self.dir / 'site.conf'};\n}}\n")

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}/"

    def command(self, *extra: str) -> list[str]:
        return [self.binary, "-e", str(self.dir / "error.log"), "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"),
                *extra]

    def start(self) -> Nginx:
        checked = subprocess.run(self.command("-t"), capture_output=True, text=True)
        assert checked.returncode == 0, f"nginx -t refused the configuration:\n{checked.stderr}"
        self._process = subprocess.Popen(self.command("-g", "daemon off;"), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process.poll() is None, f"nginx exited:\n{self.log}"
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"nginx did not listen on {self.https_port}:\n{self.log}")

    @property
    def log(self) -> str:
        path = self.dir / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(10)
