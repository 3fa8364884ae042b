"""Who can reach the server: judged from the bound address, and proved on a real server process."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.browser.app_server import App
from timeline.reach import Reach, is_loopback, network_warning, reach_of, unchosen_refusal

NAMES = {"localhost": ("127.0.0.1", "::1"), "curator-pc": ("127.0.1.1",), "office-pc": ("192.168.1.20",),
         "both": ("127.0.0.1", "10.0.0.5")}


def resolve(name: str) -> tuple[str, ...]:
    return NAMES.get(name, ())


@pytest.mark.parametrize(("address", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("curator-pc", True), ("unix:///run/curator.sock", True),
    ("", False), ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("fe80::1%eth0", False),
    ("office-pc", False), ("both", False), ("no-such-host", False),
])
def test_loopback_is_judged_from_the_bound_address(address, loopback):
    assert is_loopback(address, resolve) is loopback


@pytest.mark.parametrize(("address", "given", "reach"), [
    ("127.0.0.1", True, Reach.LOCAL), ("127.0.0.1", False, Reach.LOCAL),
    ("0.0.0.0", True, Reach.NETWORK), ("", True, Reach.NETWORK), ("office-pc", True, Reach.NETWORK),
    ("", False, Reach.UNCHOSEN), ("0.0.0.0", False, Reach.UNCHOSEN),
])
def test_an_address_given_on_purpose_is_warned_about_and_an_unchosen_one_refused(address, given, reach):
    assert reach_of(address, given, resolve) is reach


def test_the_messages_say_where_it_listens_and_how_to_change_it():
    assert "every network interface (port 8501)" in network_warning("0.0.0.0", 8501)
    assert "192.168.1.20 (port 8502)" in network_warning("192.168.1.20", 8502)
    assert "--server.address 127.0.0.1" in network_warning("0.0.0.0", 8501)
    refusal = unchosen_refusal("", 8501)
    assert "every network interface" in refusal and "--server.address 127.0.0.1" in refusal


# --- a real server ---------------------------------------------------------------------------------------------


def _listening(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port``, from the kernel's own tables (Linux)."""
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:] if Path(table).exists() else ():
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, width // 2, 4))  # each 32-bit word is host order
                found.add(socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, words))
    return found


@pytest.fixture
def curator_env() -> dict[str, str]:
    """The environment a curator has: curator mode, and no Streamlit setting of their own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STREAMLIT_", "TIMELINE_"))}
    return {**env, "TIMELINE_MODE": "curator"}


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the kernel's socket tables (Linux)")
def test_curator_mode_started_without_an_address_listens_on_loopback_only(tmp_path, curator_env):
    """The issue's command, started from another folder: the project's config binds 127.0.0.1 all the same."""
    app = App(tmp_path / "server.log", curator_env, flags=("--server.headless", "true"), cwd=tmp_path)
    app.start()
    try:
        assert _listening(app.port) == {"127.0.0.1"}
    finally:
        app.stop()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the kernel's socket tables (Linux)")
def test_an_address_given_on_purpose_is_used(tmp_path, curator_env):
    """Another loopback address stands in for a network one: tests send nothing beyond this computer."""
    app = App(tmp_path / "server.log", {**curator_env, "STREAMLIT_SERVER_ADDRESS": "127.0.0.2"},
              flags=("--server.headless", "true"), host="127.0.0.2")
    app.start()
    try:
        assert _listening(app.port) == {"127.0.0.2"}
    finally:
        app.stop()
