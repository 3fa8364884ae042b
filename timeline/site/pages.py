"""The static site's pages as pure functions: a catalogue, settings and prepared files in, page texts out.

Nothing here touches the disk, so the whole site is testable as data. Every URL between pages is relative
(``root`` is "" on the timeline and "../../" on an entry page), so the site works under any path of any host;
canonical and ``og:`` URLs are absolute only when the site's own address (``base_url``) is known.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup

from timeline.catalog import Catalog
from timeline.entry_views import CardView, ImageFiles, article_view, card_view, picture
from timeline.figure import figure_alt_text, numbered_eras
from timeline.listen import Listen
from timeline.listing import groups
from timeline.page_meta import PageMeta, PreviewImage, entry_meta, exhibit_meta, plain_text
from timeline.query import LIST_KINDS, Facets, facets_of, haystack
from timeline.render import render
from timeline.richtext import paragraphs
from timeline.schema import Entry
from timeline.settings import Settings

SOCIAL_SIZE = (1200, 630)
EXHIBIT_PREVIEW = ""  # the link-preview image's key of the timeline page itself
KIND_LABELS = {"event": "Events", "quote": "Quotations"}


@dataclass(frozen=True)
class Assets:
    """Paths from the site root of the content-named files every page shares."""

    css: str
    script: str
    plotly: str = ""
    figure: str = ""
    search: str = ""
    chart_height: int = 0  # pixels the overview chart's figure asks for
    style: str = ""  # the stylesheet's text (``css``), inlined in the timeline page
    listen: str = ""  # the Listen control's script (timeline/static/listen.js), on entry pages with narration


@dataclass(frozen=True)
class SiteInput:
    catalog: Catalog  # the visitors' catalogue: published entries only
    settings: Settings
    assets: Assets
    images: Mapping[str, ImageFiles] = field(default_factory=dict)  # entry id -> its web copies
    previews: Mapping[str, str] = field(default_factory=dict)  # entry id (EXHIBIT_PREVIEW: the site) -> image path
    base_url: str = ""  # "https://example.org/exhibit/" when known; always ends with "/"
    downloads: tuple[tuple[str, str], ...] = ()  # (path from the root, label)
    listens: Mapping[str, Listen] = field(default_factory=dict)  # entry id -> its player, paths from the root


def entry_path(entry_id: str) -> str:
    return f"entries/{entry_id}/"


def absolute(base_url: str, path: str) -> str:
    return base_url + path if base_url else ""


def _card(site: SiteInput, entry: Entry, root: str) -> CardView:
    color = site.settings.color_for(entry.category)
    return card_view(entry, site.settings, picture(site.images.get(entry.id), root, color, 480))


def _meta_image(site: SiteInput, key: str, alt: str) -> PreviewImage:
    """The link-preview image drawn for ``key``; only an absolute address is any use to a preview."""
    path = site.previews.get(key, "")
    return PreviewImage(absolute(site.base_url, path), alt, SOCIAL_SIZE) if path and site.base_url else PreviewImage()


def index_page(site: SiteInput) -> str:
    catalog, settings = site.catalog, site.settings
    facets = facets_of(catalog.entries, catalog.categories)
    meta = exhibit_meta(settings, absolute(site.base_url, ""), _meta_image(site, EXHIBIT_PREVIEW, settings.title))
    lead, *rest = paragraphs(settings.introduction) or ("",)
    return render(
        "site/index.html", root="", meta=meta, settings=settings, assets=site.assets, lead=lead,
        about=[*rest, *([settings.sources_policy] if settings.sources_policy else [])],
        groups=groups(catalog.entries, catalog.eras), cards={e.id: _card(site, e, "") for e in catalog.entries},
        entry_path=entry_path, entry_data=entry_data, filters=_filter_choices(facets), total=len(catalog.entries),
        chart_alt=figure_alt_text(catalog.entries, catalog.eras, settings), downloads=site.downloads,
        json_ld=_json_ld_site(site, meta), eras=numbered_eras(catalog.eras), style=inline_style(site.assets.style),
    )


def inline_style(css: str) -> Markup:
    """The site's own stylesheet (never curator text) for a ``<style>`` element, whose text the browser reads as
    is, entities and all: escaping would break selectors such as ``a > b``, so only an end tag must not be there."""
    if "</style" in css.lower():
        raise ValueError("the stylesheet holds '</style', which would end the page's <style> element")
    return Markup(css)  # noqa: S704 - the project's own CSS, checked above


def _filter_choices(facets: Facets) -> dict[str, object]:
    return {"categories": facets.categories, "themes": facets.themes, "people": facets.people,
            "kinds": [(str(k), KIND_LABELS[str(k)]) for k in LIST_KINDS], "year_min": facets.year_min,
            "year_max": facets.year_max}


def entry_data(entry: Entry) -> dict[str, str]:
    """What the timeline's filter script matches on, computed here so the browser only compares."""
    return {"category": entry.category, "kind": str(entry.kind), "themes": json.dumps(entry.themes),
            "people": json.dumps(entry.people), "start": f"{entry.date.start_year:.4f}",
            "end": f"{entry.date.end_year:.4f}"}


def entry_page(site: SiteInput, entry: Entry, previous: Entry | None, following: Entry | None) -> str:
    root = "../../"
    catalog, settings = site.catalog, site.settings
    color = settings.color_for(entry.category)
    article = article_view(entry, settings, catalog.by_id, picture(site.images.get(entry.id), root, color, 960),
                           _rooted(site.listens.get(entry.id), root))
    related = [catalog.by_id[i] for i in entry.related if i in catalog.by_id and catalog.by_id[i].kind in LIST_KINDS]
    meta = entry_meta(entry, settings, absolute(site.base_url, entry_path(entry.id)),
                      _meta_image(site, entry.id, f"{entry.title} · {settings.title}"))
    return render(
        "site/entry.html", root=root, meta=meta, settings=settings, assets=site.assets, article=article,
        related=[(_card(site, e, root), root + entry_path(e.id)) for e in related],
        previous=previous, following=following, entry_path=entry_path,
        share_url=meta.url, json_ld=_json_ld_entry(site, entry, meta),
    )


def _rooted(listen: Listen | None, root: str) -> Listen | None:
    """The player with its files' paths from the page (``root``) rather than from the site's root."""
    if listen is None:
        return None
    return replace(listen, sources=tuple((root + src, kind) for src, kind in listen.sources),
                   captions=root + listen.captions if listen.captions else "")


def not_found_page(site: SiteInput) -> str:
    """Served for any missing path at any depth: home is the site's address when known, else relative to the
    missing address (the part before ``/entries/``, else its folder), so it works under any sub-path."""
    meta = PageMeta(title=f"Page not found · {site.settings.title}", description="This page is not in the exhibit.",
                    site_name=site.settings.title, og_type="website")
    return render("site/404.html", meta=meta, settings=site.settings, home=site.base_url or "./",
                  css=_read_inline_css())


def _read_inline_css() -> str:
    """The 404 page carries its few rules inline: at an unknown depth, a relative stylesheet link would break."""
    return "body{font:1.1rem/1.6 Georgia,serif;background:#FAF6EE;color:#221C16;margin:0;padding:3rem 1.5rem}" \
           "main{max-width:40rem;margin:auto}a{color:#8C3A1E}"


def sitemap(site: SiteInput) -> str:
    """The pages by their absolute addresses: only a site whose address is known has one."""
    urls = [site.base_url, *(absolute(site.base_url, entry_path(e.id)) for e in site.catalog.entries)]
    body = "".join(f"  <url><loc>{xml_escape(u)}</loc></url>\n" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{body}</urlset>\n")


def robots(site: SiteInput) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site.base_url:
        lines.append(f"Sitemap: {site.base_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def search_index(entries: Sequence[Entry]) -> str:
    """Each entry's folded search text (query.haystack's normalisation, done once here), for the search box."""
    return json.dumps({e.id: haystack(e) for e in entries}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def _json_ld_site(site: SiteInput, meta: PageMeta) -> str:
    data = {"@context": "https://schema.org", "@type": "WebSite", "name": meta.site_name,
            "description": meta.description, **({"url": meta.url} if meta.url else {})}
    return _json_script(data)


def _json_ld_entry(site: SiteInput, entry: Entry, meta: PageMeta) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org", "@type": "Article", "headline": entry.title,
        "description": meta.description, "temporalCoverage": entry.date.to_edtf(),
        "isPartOf": {"@type": "WebSite", "name": site.settings.title,
                     **({"url": site.base_url} if site.base_url else {})},
        "articleBody": plain_text(entry.text),
    }
    if entry.people:
        data["about"] = [{"@type": "Person", "name": p} for p in entry.people]
    if entry.place:
        data["contentLocation"] = {"@type": "Place", "name": entry.place}
    if meta.url:
        data["url"] = meta.url
    if meta.image:
        data["image"] = meta.image
    if entry.sources:
        data["citation"] = list(entry.sources)
    return _json_script(data)


def _json_script(data: dict[str, object]) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped, so no text closes it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
