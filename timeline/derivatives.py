"""Web-sized copies of archival images, placeholders, and the one call the UI makes (``image_for``).

Visitors never download originals: each image becomes a small JPEG per size in ``DERIVATIVES``, oriented by
EXIF, in sRGB, stripped of metadata, and cached on disk under its content hash, so a replaced original gets a
new file by itself and an unchanged one is never decoded again. An entry without a usable image gets a designed
placeholder instead of a broken image.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from timeline.media import BOMB_ERRORS, DECODE_ERRORS, content_sha256, inspect_cached, open_raster, resolve_image
from timeline.placeholders import PAPER, TO_BE_ADDED, UNAVAILABLE, draw_placeholder, placeholder_identity
from timeline.problems import Finding
from timeline.schema import Entry
from timeline.store import write_atomically


@dataclass(frozen=True)
class Derivative:
    """One published size. ``budget`` is its byte ceiling (thumbnails under 40 KB, display images under 350 KB)."""

    name: str
    long_side: int
    quality: int
    budget: int


DERIVATIVES: dict[str, Derivative] = {d.name: d for d in (
    Derivative("thumbnail", long_side=480, quality=80, budget=40_000),
    Derivative("medium", long_side=960, quality=80, budget=150_000),  # an entry's picture in a phone or half page
    Derivative("display", long_side=1600, quality=82, budget=350_000),
)}
PLACEHOLDER_SIZES = ("thumbnail", "display")  # drawn for the kiosk; the web page and the site draw theirs in HTML
LOWEST_QUALITY = 40  # a busy scan steps down from the size's quality until it fits its budget
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class PreparedImage:
    """What the UI shows for an entry: a derivative or a placeholder, with alt text; ``problem`` says why it is a
    placeholder."""

    path: Path
    is_placeholder: bool
    alt: str
    problem: Finding | None = None


@dataclass(frozen=True)
class MediaReport:
    """Outcome of ``build_all``: derivative files made or found, entries shown as placeholders, image problems, and
    every cached file the entries use (what ``prune`` keeps)."""

    built: int
    reused: int
    placeholders: int
    failures: tuple[tuple[str, int, Finding], ...]
    files: frozenset[Path] = frozenset()


def derivative_name(sha256: str, size: str) -> str:
    return f"{sha256[:16]}-{size}.jpg"


def _placeholder_name(key_sha256: str, size: str) -> str:
    return f"placeholder-{key_sha256[:16]}-{size}.png"


_SIZES = "|".join(DERIVATIVES)
_CACHED_NAME = re.compile(rf"[0-9a-f]{{16}}-(?:{_SIZES})\.jpg|placeholder-[0-9a-f]{{16}}-(?:{_SIZES})\.png")


def _spec(size: str) -> Derivative:
    if size not in DERIVATIVES:
        raise ValueError(f"unknown derivative size {size!r}; use one of {', '.join(DERIVATIVES)}")
    return DERIVATIVES[size]


# --- derivatives ------------------------------------------------------------------------------------------------


def make_derivative(original: Path, size: str, cache_dir: Path) -> Path:
    """The cached derivative of ``original`` (built now if absent). Raises Pillow's errors for a bad image."""
    return _ensure_derivative(original, size, cache_dir)[0]


def _ensure_derivative(original: Path, size: str, cache_dir: Path) -> tuple[Path, bool]:
    spec = _spec(size)
    target = cache_dir / derivative_name(content_sha256(original), size)
    if target.is_file():
        return target, False
    with open_raster(original) as im:
        # JPEG decodes at 1/2, 1/4 or 1/8 scale when asked first: an 80 MP scan then costs a fraction of the memory.
        scale = spec.long_side / max(im.size)
        im.draft(im.mode, (max(1, round(im.width * scale)), max(1, round(im.height * scale))))
        picture = _to_srgb_rgb(ImageOps.exif_transpose(im))
    picture.thumbnail((spec.long_side, spec.long_side), Image.Resampling.LANCZOS)
    _save(target, _encode_within_budget(picture, spec))
    return target, True


def _widen_16bit(im: Image.Image) -> Image.Image:
    # convert("L") clips 16-bit values at 255 (a white picture); scale them instead.
    return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")


# Modes that need a step before colour management: deep greys, palettes, bilevel.
_TO_EIGHT_BIT: dict[str, Callable[[Image.Image], Image.Image]] = {
    **dict.fromkeys(("I;16", "I;16L", "I;16B", "I;16N", "I"), _widen_16bit),
    "P": lambda im: im.convert("RGBA" if "transparency" in im.info else "RGB"),
    "PA": lambda im: im.convert("RGBA"),
    "1": lambda im: im.convert("L"),
    "F": lambda im: im.convert("L"),
}
_ICC_MODES = {"RGB": "RGB", "RGBA": "RGBA", "CMYK": "RGB", "L": "RGB"}  # input mode -> sRGB output mode


def _to_srgb_rgb(im: Image.Image) -> Image.Image:
    """8-bit sRGB RGB without metadata: embedded ICC profiles honoured, transparency laid on paper."""
    im = _TO_EIGHT_BIT.get(im.mode, lambda same: same)(im)
    icc = im.info.get("icc_profile")
    if icc and im.mode in _ICC_MODES:
        # A damaged profile leaves the pixels as they are: still usable, read as if sRGB.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            im = ImageCms.profileToProfile(im, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB,
                                           outputMode=_ICC_MODES[im.mode])
    if "A" in im.mode or "a" in im.mode:
        backdrop = Image.new("RGBA", im.size, PAPER + (255,))
        backdrop.alpha_composite(im.convert("RGBA"))
        im = backdrop
    clean = im.convert("RGB")
    clean.info = {}  # no EXIF, ICC or comments travel to the web copy (Pillow's PNG writer would copy the ICC)
    return clean


def _encode_within_budget(picture: Image.Image, spec: Derivative) -> bytes:
    data = b""
    for quality in range(spec.quality, LOWEST_QUALITY - 1, -10):
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        data = buffer.getvalue()
        if len(data) <= spec.budget:
            break
    return data


def _save(target: Path, data: bytes) -> None:
    """Readers (the web server) see the old file or the whole new one, never half a file; a cached copy lost to a
    power cut is simply made again, so it is not forced to disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data, durable=False)


# --- placeholders ------------------------------------------------------------------------------------------


def make_placeholder(entry: Entry, size: str, cache_dir: Path, reason: Finding | None = None) -> Path:
    """The cached placeholder for ``entry`` at ``size`` (placeholders.py draws it); ``reason`` marks a broken image."""
    width = _spec(size).long_side
    texts = {"date": entry.date_label, "title": entry.title, "description": entry.image_description}
    status = UNAVAILABLE if reason else TO_BE_ADDED
    target = cache_dir / _placeholder_name(placeholder_identity(texts, status, width), size)
    if not target.is_file():
        _save(target, draw_placeholder(texts, status, width))
    return target


# --- what the app and the command line call ---------------------------------------------------------------------


def _checked_original(media_dir: Path, name: str) -> Path | Finding:
    found = resolve_image(media_dir, name)
    if isinstance(found, Finding):
        return found
    inspected = inspect_cached(found)
    return inspected if isinstance(inspected, Finding) else found


def _decode_failure(original: Path, exc: Exception) -> Finding:
    code = "image-too-large" if isinstance(exc, BOMB_ERRORS) else "image-unreadable"
    return Finding(code, f"{original.name} could not be made into a web image ({exc}).", "")


def _prepare(entry: Entry, media_dir: Path, cache_dir: Path,
             sizes: Iterable[str]) -> tuple[dict[str, tuple[Path, bool]], Finding | None]:
    """Each size's (derivative, newly built?) for one entry, or the problem that makes it a placeholder instead."""
    if not entry.image:
        return {}, None
    checked = _checked_original(media_dir, entry.image)
    if isinstance(checked, Finding):
        return {}, checked
    try:
        return {size: _ensure_derivative(checked, size, cache_dir) for size in sizes}, None
    except (*BOMB_ERRORS, *DECODE_ERRORS) as exc:
        return {}, _decode_failure(checked, exc)


def image_for(entry: Entry, media_dir: Path, cache_dir: Path, size: str) -> PreparedImage:
    """The picture to show for ``entry`` at ``size``; a bad image becomes a placeholder, never an exception."""
    made, problem = _prepare(entry, media_dir, cache_dir, (size,))
    if made:
        return PreparedImage(made[size][0], False, entry.image_alt or entry.title)
    what = "image unavailable" if problem else "archival image to be added"
    return PreparedImage(make_placeholder(entry, size, cache_dir, problem), True,
                         f"Placeholder: {what} for {entry.title}", problem)


def build_all(entries: Iterable[Entry], media_dir: Path, cache_dir: Path,
              progress: Callable[[int, int, str], None] | None = None) -> MediaReport:
    """Prepare every size for every entry ahead of visitors (``python -m timeline media``); prints nothing."""
    entries = tuple(entries)
    totals: Counter = Counter()
    failures: list[tuple[str, int, Finding]] = []
    files: set[Path] = set()
    for done, entry in enumerate(entries, 1):
        made, problem = _prepare(entry, media_dir, cache_dir, DERIVATIVES)
        totals.update("built" if built else "reused" for _, built in made.values())
        files.update(path for path, _ in made.values())
        if problem:
            failures.append((entry.id, entry.row, problem))
        if not made:
            totals["placeholders"] += 1
            files.update(make_placeholder(entry, size, cache_dir, problem) for size in PLACEHOLDER_SIZES)
        if progress:
            progress(done, len(entries), entry.id)
    return MediaReport(totals["built"], totals["reused"], totals["placeholders"], tuple(failures), frozenset(files))


def prune(cache_dir: Path, keep: Iterable[Path]) -> int:
    """Delete the cached derivatives and placeholders not in ``keep``; returns how many went.

    Each replaced original or edited entry leaves its old files behind (names are content hashes), so the cache
    only grows. Only files named as this module names them are touched; anything else in the folder stays.
    """
    kept = {path.name for path in keep}
    removed = 0
    for path in sorted(cache_dir.iterdir()) if cache_dir.is_dir() else ():
        if _CACHED_NAME.fullmatch(path.name) and path.name not in kept and not path.is_symlink() and path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
