"""Links to the exhibit and to one entry, built by one rule wherever a link leaves the page.

The web page's share link, the kiosk's QR code and the ``og:url``/canonical address of a link preview are the
same link, so a visitor who scans, copies or shares an entry reaches the same address, and a search engine sees
one address per entry.

The rule: an entry's link is the exhibit's address plus ``?event=ID``. The exhibit's address is the public URL's
scheme, host and path. Its query and fragment are dropped. A parameter set on the public URL is meant for one
place, such as ``?embed=true`` for an iframe or a campaign tag for the kiosk. Carried into every link, it would
show a phone the embedded page without its frame, count every shared link as that campaign, and give search
engines a second address for each entry. The exhibit reads no parameter but its own, so dropping the others
loses nothing. A fragment points into the page the link came from; it never survives.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

EVENT_PARAM = "event"  # the web mode's deep-link parameter: ?event=ID opens that entry
SOURCE_PARAM, QR_SOURCE = "src", "qr"  # marks the kiosk's take-home links, so visitor insights count QR arrivals


def exhibit_address(public_url: str) -> str:
    """The exhibit's address (scheme, host and path; "/" for an empty path), or "" when ``public_url`` is not an
    http(s) address: a phone cannot open anything else, and a link preview needs an absolute address."""
    parts = urlsplit(public_url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", "", ""))


def entry_url(public_url: str, entry_id: str) -> str | None:
    """The link that opens ``entry_id``: the exhibit's address plus ``?event=ID``; None without an address."""
    address = exhibit_address(public_url)
    if not address or not entry_id:
        return None
    return f"{address}?{urlencode({EVENT_PARAM: entry_id})}"


def take_home_url(public_url: str, entry_id: str) -> str | None:
    """The kiosk's QR code link: the entry's link plus ``src=qr``, so the visits it brings count as QR arrivals
    in the visitor insights. Shared and canonical links stay without it: it names a place, not the entry."""
    url = entry_url(public_url, entry_id)
    return None if url is None else f"{url}&{urlencode({SOURCE_PARAM: QR_SOURCE})}"
