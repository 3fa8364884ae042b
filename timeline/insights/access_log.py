"""A web server's access log (common or combined format) to counts for the static site, keeping nothing else.

Counted, per day (the log's own date) and entry: views of ``entries/ID/``; arrivals by ``?event=ID`` (shared
links and the Streamlit page's deep links); arrivals from the kiosk's QR codes, whose take-home links carry
``src=qr``. Dropped: anything but a successful GET (200, or 304 for a page the browser already had), known bots
and link-preview fetchers (by user agent, in the combined format), and malformed lines. The address, the user
agent and the referrer are read only to decide this and are never kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit

from timeline.insights.events import ENTRY_MAX
from timeline.links import EVENT_PARAM, QR_SOURCE, SOURCE_PARAM

_QUOTED = r'"((?:[^"\\]|\\.)*)"'
_LINE = re.compile(rf'^\S+ \S+ \S+ \[([^\]]+)\] {_QUOTED} (\d{{3}}) (?:\d+|-)(?: {_QUOTED} {_QUOTED})?\s*$')
_ENTRY_PAGE = re.compile(r"/entries/([^/]+)/(?:index\.html)?$")
COUNTED_STATUSES = frozenset({200, 304})
# Lower-case pieces of user agents that are not a person reading: crawlers, link previews, monitors, scripts.
BOT_AGENTS = (
    "bot", "crawl", "spider", "slurp", "archiver", "facebookexternalhit", "embedly", "preview", "whatsapp",
    "telegram", "discord", "skype", "curl", "wget", "python-", "go-http-client", "java/", "okhttp", "libwww",
    "httpclient", "scrapy", "headlesschrome", "lighthouse", "pingdom", "uptime", "monitor", "feedfetcher",
    "mediapartners", "validator",
)


@dataclass(frozen=True)
class LogLine:
    day: str  # YYYY-MM-DD in the log's own time zone
    method: str
    target: str
    status: int
    agent: str | None  # None in the common format, which has none


@dataclass
class LogReport:
    lines: int = 0
    counted: int = 0
    bots: int = 0
    errors: int = 0  # not a successful GET
    malformed: int = 0
    other: int = 0  # fine, but not an entry (assets, the index without ?event=)
    already_imported: int = 0
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (day, entry, kind) -> count


def parse_line(text: str) -> LogLine | None:
    """One log line, or None when it is not in the common or combined format."""
    match = _LINE.match(text)
    if not match:
        return None
    stamp, request, status, _referer, agent = match.groups()
    try:
        day = datetime.strptime(stamp, "%d/%b/%Y:%H:%M:%S %z").date().isoformat()
    except ValueError:
        return None
    parts = request.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return None
    return LogLine(day, parts[0], parts[1], int(status), agent)


def is_bot(agent: str | None) -> bool:
    """A known crawler or tool; a combined-format line with no user agent at all is no browser either."""
    if agent is None:
        return False
    lowered = agent.lower()
    return lowered in ("", "-") or any(piece in lowered for piece in BOT_AGENTS)


def arrivals(target: str) -> list[tuple[str, str]]:
    """What a request counts as: (entry, "view"), (entry, "event"), and (entry, "qr") for a take-home link."""
    parts = urlsplit(target)
    query = parse_qs(parts.query)
    page = _ENTRY_PAGE.search(parts.path)
    entry = unquote(page.group(1)) if page else (query.get(EVENT_PARAM) or [""])[0]
    if not entry or len(entry) > ENTRY_MAX or any(ch in entry for ch in "/\\\r\n\t"):
        return []
    found = [(entry, "view" if page else "event")]
    if QR_SOURCE in query.get(SOURCE_PARAM, []):
        found.append((entry, "qr"))
    return found


def count_lines(lines: Iterable[str], report: LogReport | None = None) -> LogReport:
    """Count the lines into ``report`` (a new one by default) and return it."""
    report = report or LogReport()
    for text in lines:
        report.lines += 1
        line = parse_line(text)
        if line is None:
            report.malformed += 1
        elif line.method != "GET" or line.status not in COUNTED_STATUSES:
            report.errors += 1
        elif is_bot(line.agent):
            report.bots += 1
        elif found := arrivals(line.target):
            report.counted += 1
            report.counts.update((line.day, entry, kind) for entry, kind in found)
        else:
            report.other += 1
    return report
