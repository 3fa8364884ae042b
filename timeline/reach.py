"""Who can reach the server: this computer only, or the network, judged from the address it is bound to.

Curator mode shows drafts and file paths and offers Publish anyway, so it belongs to the curator's computer. The
project's ``.streamlit/config.toml`` binds the loopback address (127.0.0.1); anyone who wants the page on the
network gives an address on purpose (``--server.address``, ``STREAMLIT_SERVER_ADDRESS``), and curator mode then
warns. The Host header a browser sends says nothing about this: a curator who opens ``localhost`` on a server
bound to every interface sees a local name while the whole network can open the page too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import lru_cache

UNIX_SOCKET_PREFIX = "unix://"  # Streamlit's form for a Unix socket, which only this computer can open
_EVERY_INTERFACE = frozenset({"", "0.0.0.0", "::"})  # noqa: S104 - named to be refused, not bound

Resolve = Callable[[str], Sequence[str]]
"""A host name to the addresses it stands for (the addresses a server given that name binds)."""


class Reach(StrEnum):
    LOCAL = "local"  # loopback or a Unix socket: only this computer
    NETWORK = "network"  # an address given on purpose that other computers can reach: curator mode warns
    UNCHOSEN = "unchosen"  # every interface because nothing chose an address: curator mode refuses to show drafts


@lru_cache(maxsize=16)  # asked on every rerun of curator mode; a server's own name does not change while it runs
def resolve_host(name: str) -> tuple[str, ...]:
    try:
        return tuple(str(info[4][0]) for info in socket.getaddrinfo(name, None))
    except (OSError, UnicodeError):  # an unknown name cannot be shown to be loopback
        return ()


def is_loopback(address: str, resolve: Resolve = resolve_host) -> bool:
    """Whether a server bound to ``address`` can be reached from this computer only."""
    if address.startswith(UNIX_SOCKET_PREFIX):
        return True
    host = address.strip().removeprefix("[").removesuffix("]")
    if host in _EVERY_INTERFACE:
        return False
    found = _ip_addresses((host,)) or _ip_addresses(resolve(host))
    return bool(found) and all(ip.is_loopback for ip in found)


def _ip_addresses(texts: Sequence[str]) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, ...]:
    try:
        return tuple(ipaddress.ip_address(text.split("%", 1)[0]) for text in texts)  # "fe80::1%eth0" has a zone
    except ValueError:
        return ()


def reach_of(address: str, given: bool, resolve: Resolve = resolve_host) -> Reach:
    """``given`` is whether anyone chose the address (a flag, the environment, a config file), rather than
    Streamlit's default, which binds every interface."""
    if is_loopback(address, resolve):
        return Reach.LOCAL
    return Reach.NETWORK if given else Reach.UNCHOSEN


def where_listening(address: str, port: int) -> str:
    shown = "every network interface" if address.strip() in _EVERY_INTERFACE else address
    return f"{shown} (port {port})"


def network_warning(address: str, port: int) -> str:
    return (f"Curator mode is open to the network: the server listens on {where_listening(address, port)}, so "
            "anyone who can reach this computer sees drafts and file paths and can press Publish anyway. To keep "
            "it on this computer, start it without --server.address, or with --server.address 127.0.0.1.")


def unchosen_refusal(address: str, port: int) -> str:
    return (f"Curator mode is not shown: the server listens on {where_listening(address, port)} because no "
            "address was chosen (the project's .streamlit/config.toml sets 127.0.0.1; has it been changed?). "
            "Curator mode shows drafts and file paths, so start it again with --server.address 127.0.0.1. To "
            "open it to the network on purpose, give an address instead, e.g. --server.address 0.0.0.0.")
