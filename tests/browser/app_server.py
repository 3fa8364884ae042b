"""A real Streamlit server for browser tests, started the way an operator starts the exhibit.

The server's output goes to a file rather than a pipe, so a chatty server can never block on a full
pipe, and a server that fails to start shows its own error in the test report.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0  # seconds; a cold Streamlit import on 2 busy cores takes 5 to 15
STOP_TIMEOUT = 10.0
LOG_TAIL = 4000  # characters of server output shown when start-up fails
PUBLIC_URL = "https://exhibit.example/timeline/"  # where a museum serving the exhibit would say it is served

STREAMLIT_FLAGS = (
    "--server.headless", "true",
    "--server.address", "127.0.0.1",
    "--browser.gatherUsageStats", "false",
    "--server.fileWatcherType", "none",
)


def free_port() -> int:
    """A port nothing listens on now; the tiny race with other processes is acceptable in tests."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PLAIN = "app.py"  # the quick start: Streamlit's own server
SERVED = "serve.py"  # the same page through st.App with compression and link previews (timeline/ui/server.py)


def settings_with_address(folder: Path) -> Path:
    """The bundled exhibit settings with ``PUBLIC_URL`` set, as a museum that serves the timeline sets them (the
    bundled file has no address: it cannot know one). Pass it as TIMELINE_SETTINGS."""
    bundled = (PROJECT_ROOT / "data" / "exhibit.toml").read_text(encoding="utf-8")
    path = folder / "exhibit.toml"
    path.write_text(re.sub(r"(?m)^public_url = .*$", f'public_url = "{PUBLIC_URL}"', bundled), encoding="utf-8")
    return path


class App:
    """One ``streamlit run SCRIPT`` process (app.py or serve.py) with its own TIMELINE_* environment, on a fixed
    port."""

    def __init__(self, log: Path, env: Mapping[str, str] | None = None, data: Path | None = None,
                 script: str = PLAIN, flags: Sequence[str] = STREAMLIT_FLAGS, cwd: Path = PROJECT_ROOT,
                 host: str = "127.0.0.1"):
        self.port, self.host = free_port(), host  # host: where the flags or environment bind it
        self.script = script
        self.flags, self.cwd = tuple(flags), cwd
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
        self.env = {**inherited, **(env or {})}  # only the test decides the exhibit's configuration
        # Visitor events go beside the server's log, never into data/, unless the test names a database.
        self.env.setdefault("TIMELINE_INSIGHTS", str(log.with_suffix(".insights.sqlite3")))
        if data is not None:
            self.env["TIMELINE_DATA"] = str(data)
        self._log = log
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def pid(self) -> int:
        """The server's process id, for readings of its memory (benchmarks/kiosk_soak.py)."""
        if self._process is None:
            raise RuntimeError("the server is not running: call start() first")
        return self._process.pid

    @property
    def log(self) -> str:
        """Everything the server printed so far (stdout and stderr)."""
        return self._log.read_text(encoding="utf-8", errors="replace")

    def start(self) -> App:
        command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / self.script), "--server.port",
                   str(self.port), *self.flags]
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(command, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                             stdout=log, stderr=subprocess.STDOUT)
        self._wait_healthy()
        return self

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)

    def restart(self) -> App:
        """Stop and start again on the same port, as a service manager would after a crash."""
        self.stop()
        return self.start()

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                self._fail(f"exited with status {self._process.returncode} before answering")
            if _health(self.url) == "ok":
                return
            time.sleep(0.25)
        self.stop()
        self._fail(f"did not answer {self.url}_stcore/health within {START_TIMEOUT:.0f} s")

    def _fail(self, what: str) -> None:
        raise RuntimeError(f"Streamlit server on port {self.port} {what}. Its output:\n{self.log[-LOG_TAIL:]}")


def _health(url: str) -> str:
    try:
        with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as response:
            return response.read().decode("utf-8", errors="replace").strip()
    except (urllib.error.URLError, OSError):
        return ""
