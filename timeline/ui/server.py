"""The web page served right: Streamlit's ASGI app (``st.App``) with compression and link previews.

Streamlit sends its JavaScript uncompressed on purpose (it expects a compressing proxy in front): the page's
first view is about 7.4 MB, 4.7 MB of it the Plotly chunk. Gzip here brings it under 3 MB when nothing in front
compresses; behind nginx (docs/online.md) the proxy's compression is used instead and this passes through.

Link previews and search engines run no JavaScript, so they read only the HTML the server sends, which
Streamlit titles "Streamlit". The route for ``/`` sends Streamlit's own ``index.html`` with the title,
description, canonical address and ``og:``/twitter tags of the ``?event=`` entry (or the exhibit's) in its head;
the page then starts exactly as before. Started by ``serve.py`` (``streamlit run serve.py``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from PIL import Image
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Route

from timeline.derivatives import image_for
from timeline.image_urls import CACHE_DIR, static_url
from timeline.links import EVENT_PARAM, entry_url, exhibit_address
from timeline.page_meta import PageMeta, PreviewImage, entry_meta, exhibit_meta, inject_head, linked_entry
from timeline.publishing import current_environment, exhibit_settings, published_snapshot
from timeline.schema import Entry
from timeline.settings import Settings
from timeline.ui.compat import front_end_dir

# Level 6 packs the Plotly chunk within 0.3 % of level 9 (Starlette's default) in three quarters of the CPU time;
# large bodies are compressed on a worker thread, so the event loop keeps serving sessions meanwhile.
COMPRESS_LEVEL = 6
COMPRESS_MIN_BYTES = 1024  # below this the gzip header costs more than it saves
PREVIEW_SIZE = "display"  # 1600 px on the long side: above the 1200 px link previews ask for


@cache
def app_shell() -> str:
    """Streamlit's ``index.html``, read once: it only changes when Streamlit is upgraded, which restarts us."""
    return (front_end_dir() / "index.html").read_text(encoding="utf-8")


def preview_meta(entry: Entry | None, settings: Settings, media_dir: Path) -> PageMeta:
    """The head for one link: the entry's own, with its image when it has one and the site's address is known."""
    site = exhibit_address(settings.public_url)
    if entry is None:
        return exhibit_meta(settings, url=site)
    url = entry_url(site, entry.id) or ""
    picture = image_for(entry, media_dir, CACHE_DIR, PREVIEW_SIZE) if site and entry.image else None
    if picture is None or picture.is_placeholder:  # a card saying "image to be added" is no preview
        return entry_meta(entry, settings, url=url)
    with Image.open(picture.path) as im:  # reads the header only
        size = im.size
    return entry_meta(entry, settings, url, PreviewImage(urljoin(site, static_url(picture.path)), picture.alt, size))


def index(request: Request) -> HTMLResponse:
    """``/``: Streamlit's page with the linked entry's head. A sync endpoint, so Starlette runs it on a thread."""
    env = current_environment()
    settings = exhibit_settings(env)
    published = published_snapshot(env, settings).current.visible  # never a draft, whatever the mode
    entry = linked_entry(request.query_params.getlist(EVENT_PARAM), published.by_id)
    page = inject_head(app_shell(), preview_meta(entry, settings, env.media))
    return HTMLResponse(page, headers={"Cache-Control": "no-cache"})  # as Streamlit sends it: always revalidated


ROUTES: tuple[BaseRoute, ...] = (Route("/", index, methods=["GET", "HEAD"]),)
MIDDLEWARE: tuple[Middleware, ...] = (
    Middleware(GZipMiddleware, minimum_size=COMPRESS_MIN_BYTES, compresslevel=COMPRESS_LEVEL),
)
