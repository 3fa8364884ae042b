"""Build the static site into a folder, then switch it in whole: a web server never serves half a site.

Everything is written to a sibling folder first (the build before last), then switched in whole (``switch.py``).
Only folders the builder marked as its own are ever replaced or deleted (``target.py``). Derivatives and cards
come from the same content-keyed cache as the app, so an unchanged catalogue rebuilds without decoding an image.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
from PIL import Image

from timeline.catalog import Catalog
from timeline.derivatives import DERIVATIVES, image_for
from timeline.figure import FigureOptions, build_figure, plotly_config
from timeline.listen import Listen, listen_for
from timeline.listing import neighbours
from timeline.media import content_sha256
from timeline.narration.build import AUDIO_DIR_NAME
from timeline.narration.manifest import narration_for, read_manifest
from timeline.render import STATIC
from timeline.schema import Entry
from timeline.settings import Settings
from timeline.site.assets import content_name, gzipped, wants_gzip
from timeline.site.export import entries_csv, entries_json
from timeline.site.pages import (
    EXHIBIT_PREVIEW,
    Assets,
    ImageFiles,
    SiteInput,
    absolute,
    entry_page,
    entry_path,
    index_page,
    not_found_page,
    robots,
    search_index,
    sitemap,
)
from timeline.site.preview_images import preview_images, preview_request
from timeline.site.switch import staging_for, switch_in
from timeline.site.target import MANIFEST, MARKER, ForeignFolder, is_built_site, mark, out_dir_problem, remove_built
from timeline.store import write_atomically

ASSET_DIR = STATIC / "site"  # the site's own script, stylesheet and plotly.js bundle
SHARED_CSS = STATIC / "entries.css"  # the cards and entries, shared with the Streamlit page
PAPER = "#FAF6EE"  # the site's page colour (assets/site.css): the chart is drawn on it
Progress = Callable[[int, int, str], None]
_UMASK = os.umask(0o022)  # read once, at import: os.umask can only be read by setting it
os.umask(_UMASK)
READABLE = 0o444 & ~_UMASK  # who may read a published file: everyone the umask lets read


@dataclass(frozen=True)
class SiteReport:
    out_dir: Path
    entries: int
    images: int  # entries shown with their own picture
    files: int
    bytes: int


def build_site(catalog: Catalog, settings: Settings, media_dir: Path, out_dir: Path, cache_dir: Path,
               base_url: str = "", progress: Progress | None = None, staging: Path | None = None,
               audio_dir: Path | None = None) -> SiteReport:
    """Write the visitors' catalogue as a site into ``staging`` (default: a sibling of ``out_dir``), then switch.

    With a ``staging`` folder of its own (``--watch``), ``out_dir`` becomes a link to it. An ``out_dir`` holding
    files this builder did not make raises ``ForeignFolder`` before anything is written. The narration comes from
    ``audio_dir`` (default: ``cache_dir``'s audio folder, where ``python -m timeline audio`` writes it): entries
    it lists get a Listen control, and their files are copied under ``audio/``.
    """
    if problem := out_dir_problem(out_dir, force=False):
        raise ForeignFolder(problem)
    as_link = staging is not None
    visible = catalog.visible
    staging = staging or staging_for(out_dir)
    base_url = base_url.rstrip("/") + "/" if base_url else ""
    files: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    images = _images(visible.entries, media_dir, cache_dir, copies)
    previews = _preview_images(visible, settings, cache_dir, copies, images)
    pages = {e.id: absolute(base_url, entry_path(e.id)) or entry_path(e.id) for e in visible.entries}
    downloads = (("data/entries.csv", "CSV"), ("data/entries.json", "JSON"))
    files["data/entries.csv"] = entries_csv(visible).encode()
    files["data/entries.json"] = entries_json(visible, settings, pages).encode()
    listens = _listens(visible.entries, audio_dir or cache_dir / AUDIO_DIR_NAME, copies)
    site = SiteInput(visible, settings, _assets(visible, settings, files, copies, narrated=bool(listens)),
                     {i: files_ for i, (files_, _) in images.items()}, previews, base_url, downloads, listens)
    files["index.html"] = index_page(site).encode()
    entries = visible.entries
    for n, entry in enumerate(entries):
        files[f"{entry_path(entry.id)}index.html"] = entry_page(site, entry, *neighbours(entries, n)).encode()
        if progress:
            progress(n + 1, len(entries), entry.id)
    files["404.html"] = not_found_page(site).encode()
    if base_url:  # search engines take a sitemap of absolute addresses only
        files["sitemap.xml"] = sitemap(site).encode()
    files["robots.txt"] = robots(site).encode()
    written, size = _write(staging, files, copies, cache_dir / "gzip")
    switch_in(staging, out_dir, as_link)
    return SiteReport(out_dir, len(entries), len(images), written, size)


def _assets(catalog: Catalog, settings: Settings, files: dict[str, bytes], copies: dict[str, Path],
            narrated: bool) -> Assets:
    named: dict[str, object] = {}
    css = SHARED_CSS.read_bytes() + b"\n" + (ASSET_DIR / "site.css").read_bytes()
    script = (ASSET_DIR / "site.js").read_bytes()
    figure = build_figure(catalog.entries, catalog.eras, settings, FigureOptions(background=PAPER, webgl=False))
    chart = _figure_json(figure)
    named["chart_height"] = int(figure.layout.height or 0)  # the page keeps its room, so nothing moves on drawing
    search = search_index(catalog.entries).encode()
    shared = [("css", "site.css", css), ("script", "site.js", script), ("figure", "figure.json", chart),
              ("search", "search.json", search)]
    if narrated:  # the Listen control's script, only for a site with narration
        shared.append(("listen", "listen.js", (STATIC / "listen.js").read_bytes()))
    for key, name, data in shared:
        named[key] = content_name("assets", name, data)
        files[named[key]] = data
    named["style"] = css.decode("utf-8")
    plotly = _plotly_bundle()
    named["plotly"] = content_name("assets", plotly.name, plotly.read_bytes())
    copies[named["plotly"]] = plotly
    return Assets(**named)  # type: ignore[arg-type]


def _figure_json(figure: go.Figure) -> bytes:
    data = json.loads(figure.to_json())
    # An overview in the page's flow: no mode bar (its buttons would be focusable inside the chart's role="img") and
    # no wheel zoom (the wheel scrolls the page); the list below is the way in by keyboard.
    data["config"] = {**plotly_config(), "displayModeBar": False, "scrollZoom": False}
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


def _plotly_bundle() -> Path:
    """plotly.js's basic bundle (scatter, bar, pie: 0.39 MB compressed, the full one 1.47 MB), vendored at the
    version inside the plotly wheel, which the figure is made for; the figure asks for SVG scatter traces only."""
    return ASSET_DIR / "plotly-basic.min.js"


def _images(entries: tuple[Entry, ...], media_dir: Path, cache_dir: Path,
            copies: dict[str, Path]) -> dict[str, tuple[ImageFiles, Path]]:
    """Entry id -> (its web copies in the site, its largest copy); entries without a usable image are left out."""
    found: dict[str, tuple[ImageFiles, Path]] = {}
    for entry in entries:
        if not entry.image:
            continue
        prepared = [image_for(entry, media_dir, cache_dir, size) for size in DERIVATIVES]
        if any(p.is_placeholder for p in prepared):
            continue  # the checker reports the image; visitors get the designed placeholder
        sized = []
        for p in prepared:
            with Image.open(p.path) as im:
                sized.append((f"media/{p.path.name}", *im.size))
            copies[f"media/{p.path.name}"] = p.path
        sized.sort(key=lambda f: f[1])
        found[entry.id] = (ImageFiles(tuple(sized), prepared[0].alt, entry.image_caption, entry.image_credit),
                           prepared[-1].path)
    return found


def _listens(entries: tuple[Entry, ...], audio_dir: Path, copies: dict[str, Path]) -> dict[str, Listen]:
    """Entry id -> its player, for each entry whose narration is built; its files are copied under ``audio/`` (named
    by the narration's key, so a host may cache them forever)."""
    manifest = read_manifest(audio_dir)
    found: dict[str, Listen] = {}
    for entry in entries:
        listen = listen_for(entry, narration_for(manifest, entry.id), audio_dir, lambda name: f"audio/{name}")
        if listen is None:
            continue
        found[entry.id] = listen
        for name in manifest.entries[entry.id].files:
            copies[f"audio/{name}"] = audio_dir / name
    return found


def _preview_images(catalog: Catalog, settings: Settings, cache_dir: Path, copies: dict[str, Path],
                  images: dict[str, tuple[ImageFiles, Path]]) -> dict[str, str]:
    requests = {EXHIBIT_PREVIEW: preview_request({"kicker": "An online exhibit", "title": settings.title}, "#8C3A1E")}
    for entry in catalog.entries:
        texts = {"kicker": entry.category or "Quotation", "year": entry.date_label, "title": entry.title,
                 "site": settings.title}
        photo = images.get(entry.id)
        requests[entry.id] = preview_request(texts, settings.color_for(entry.category), photo[1] if photo else None,
                                          content_sha256(photo[1]) if photo else "")
    paths = preview_images(list(requests.values()), cache_dir / "previews")
    named = {}
    for key, path in zip(requests, paths, strict=True):
        named[key] = f"previews/{path.name}"
        copies[named[key]] = path
    return named


def _write(staging: Path, files: dict[str, bytes], copies: dict[str, Path], gzip_cache: Path) -> tuple[int, int]:
    """Make ``staging`` hold exactly these files (and a .gz twin of each text file); returns (files, bytes).

    ``staging`` is the build before last (see ``switch_in``), and its manifest says what it holds, so only what
    changed since is written and only what went is deleted: with nothing changed, a build of 5,000 entries
    touches no file at all. Without a manifest it starts empty. Copied files are content-named, so their .gz
    twins are cached under the same name (plotly.js takes a second to compress and rarely changes).
    """
    held = _manifest(staging)
    wanted: dict[str, str] = {}
    count = size = 0
    for path, data in sorted(files.items()):
        for name, body in ((path, data), *(((path + ".gz", gzipped(data)),) if wants_gzip(path, len(data)) else ())):
            wanted[name] = hashlib.sha256(body).hexdigest()
            if held.get(name) != wanted[name]:
                _replace(staging / name, lambda target, body=body: target.write_bytes(body))
            count, size = count + 1, size + len(body)
    for path, source in sorted(copies.items()):
        twins = [(path, source)]
        if wants_gzip(path, source.stat().st_size):
            twins.append((path + ".gz", _gzip_twin(source, gzip_cache)))
        for name, cached in twins:
            wanted[name] = f"copy:{cached.name}:{cached.stat().st_size}"  # cached files are named by content
            if held.get(name) != wanted[name]:
                _replace(staging / name, lambda target, cached=cached: _place(cached, target))
            count, size = count + 1, size + cached.stat().st_size
    gone = sorted(set(held) - set(wanted))
    for name in gone:
        (staging / name).unlink(missing_ok=True)
    if gone:
        _prune_empty_folders(staging)
    (staging / MANIFEST).write_text(json.dumps(wanted, sort_keys=True, indent=0), encoding="utf-8")
    return count, size


def _manifest(staging: Path) -> dict[str, str]:
    """What ``staging`` holds by its manifest; without one it is emptied first, if the builder made it."""
    if is_built_site(staging):
        try:
            held = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            held = None
        if isinstance(held, dict):
            if not (staging / MARKER).is_file():
                mark(staging)  # a folder from before the marker: its manifest says the builder made it
            return held
    remove_built(staging)
    mark(staging)
    return {}


def _replace(target: Path, write: Callable[[Path], None]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # never write through a hard link into the cache
    write(target)


def _gzip_twin(source: Path, gzip_cache: Path) -> Path:
    twin = gzip_cache / (source.name + ".gz")
    if not twin.is_file():
        gzip_cache.mkdir(parents=True, exist_ok=True)
        write_atomically(twin, gzipped(source.read_bytes()), durable=False)
    return twin


def _prune_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir() and not p.is_symlink()), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only an empty one goes


def _place(source: Path, target: Path) -> None:
    """A hard link to the cached file where the disk allows (cached files are named by content and never
    rewritten, so sharing them is safe and costs nothing), else a copy. Either way readable by a web server."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    mode = target.stat().st_mode
    if mode & READABLE != READABLE:
        target.chmod(mode | READABLE)
