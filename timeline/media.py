"""The one module that reads ``media/``: safe file names and a safe look at each image.

Curators type image names into a spreadsheet, so a name is untrusted input: it
must name a plain file inside the media folder, never a folder path, a URL or a
link that leads out of it. Images are untrusted too: archival scans can be huge,
cut off or not images at all. Both checks return a ``Finding`` (never raise) so
the checker can point at the CSV cell and the app can show a placeholder card.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import os
import re
import struct
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from PIL import Image, UnidentifiedImageError

from timeline.problems import Finding

RASTER_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP")
MAX_FILE_BYTES = 100 * 1024 * 1024
# Pillow raises all of these for damaged files (its own fuzz tests catch the same set).
DECODE_ERRORS: tuple[type[Exception], ...] = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError,
                                              KeyError, TypeError)
BOMB_ERRORS: tuple[type[Exception], ...] = (Image.DecompressionBombWarning, Image.DecompressionBombError)

_DRIVE = re.compile(r"^[A-Za-z]:")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class ImageInfo:
    """What a successful inspection learned; ``sha256`` is the content hash that keys derivatives."""

    width: int
    height: int
    format: str
    mode: str
    bytes: int
    sha256: str


# --- safe names -------------------------------------------------------------------------------------------------

# Each rule: (test on the name, why it is refused). Order matters: the most specific explanation wins.
_NAME_RULES: tuple[tuple[Callable[[str], bool], str], ...] = (
    (lambda n: not n.strip(), "is empty"),
    (lambda n: any(ord(c) < 32 for c in n), "contains a control character (such as a line break)"),
    (lambda n: n.startswith(("\\\\", "//")), "is a network path (\\\\server\\...)"),
    (lambda n: bool(_DRIVE.match(n)), "is a Windows path with a drive letter"),
    (lambda n: bool(_SCHEME.match(n)), "is a web address or URL, not a file name"),
    (lambda n: n.startswith(("/", "\\")), "is an absolute path"),
    (lambda n: ".." in re.split(r"[/\\]", n), "refers to a parent folder ('..')"),
    (lambda n: "/" in n or "\\" in n, "contains a folder ('/' or '\\')"),
    (lambda n: n.startswith("."), "is a hidden file name (it starts with '.')"),
    (lambda n: ":" in n, "contains ':', which file names may not"),
)


def resolve_image(media_dir: Path, name: str) -> Path | Finding:
    """The real path of image ``name`` inside ``media_dir``, or why it cannot be used."""
    for refused, why in _NAME_RULES:
        if refused(name):
            return Finding("image-path", f"The image name {name!r} {why}.", "")
    present = _names_in(media_dir)
    # The name is looked up in the listing (not only with exists()), so it stays case-exact on case-insensitive
    # disks (Windows, macOS), and after NFC normalisation: macOS saves "café.jpg" with a separate accent (NFD)
    # while a spreadsheet cell holds the composed "é" (NFC), and the two are different names on Linux.
    on_disk = present.get(unicodedata.normalize("NFC", name))
    if on_disk is None:
        return Finding("image-missing", _missing_message(media_dir, name, frozenset(present.values())), "")
    real = (media_dir / on_disk).resolve()
    if not real.is_relative_to(media_dir.resolve()):
        return Finding("image-path", f"{name!r} in the media folder is a link to a file outside it ({real}); "
                                     "copy the file itself into the media folder.", "")
    if real.is_dir():
        return Finding("image-path", f"{name!r} is a folder, not an image file.", "")
    if not real.is_file():  # a link to nothing
        return Finding("image-missing", _missing_message(media_dir, name, frozenset(present.values())), "")
    return real


def _names_in(media_dir: Path) -> Mapping[str, str]:
    """The folder's names by their NFC form (see resolve_image)."""
    try:
        return _listing(str(media_dir), media_dir.stat().st_mtime_ns)
    except OSError:
        return MappingProxyType({})


@lru_cache(maxsize=64)
def _listing(folder: str, mtime_ns: int) -> Mapping[str, str]:
    """A folder's names, read again only when an entry is added, removed or renamed (that changes its mtime)."""
    return MappingProxyType({unicodedata.normalize("NFC", e.name): e.name for e in os.scandir(folder)})


def _missing_message(media_dir: Path, name: str, present: frozenset[str]) -> str:
    if not media_dir.is_dir():
        return f"The media folder {media_dir} does not exist, so {name!r} cannot be found."
    same_case = sorted(n for n in present if n.casefold() == name.casefold())
    near = same_case or difflib.get_close_matches(name, sorted(present), n=1, cutoff=0.8)
    advice = f"; did you mean {near[0]!r}? (names are case-sensitive)" if near else ""
    return f"{name!r} is not in the media folder{advice}."


# --- safe inspection --------------------------------------------------------------------------------------------


@contextmanager
def open_raster(path: Path) -> Iterator[Image.Image]:
    """Open ``path`` with only raster decoders and the decompression-bomb guard as an error.

    The guard (``Image.MAX_IMAGE_PIXELS``) is never switched off: Pillow only warns between 1x and 2x the limit,
    so the warning is promoted to an error here. Warning filters are process-wide and not thread-safe (sessions and
    the refresh worker open images at once, and one thread leaving ``catch_warnings`` undoes another's filter), so
    the size the header claims is also checked here, before any pixel is decoded.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path, formats=list(RASTER_FORMATS)) as im:
            _refuse_bomb(im)
            yield im


def _refuse_bomb(im: Image.Image) -> None:
    limit = Image.MAX_IMAGE_PIXELS
    pixels = im.width * im.height
    if limit and pixels > limit:  # worded as Pillow words it, which _pixels_said reads
        raise Image.DecompressionBombError(f"Image size ({pixels} pixels) exceeds limit of {limit} pixels, "
                                           "could be decompression bomb DOS attack.")


def inspect_image(path: Path) -> ImageInfo | Finding:
    """Fully decode ``path`` (``verify()`` passes a cut-off JPEG; ``load()`` does not) and describe it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Finding("image-unreadable", f"{path.name} could not be read ({exc.strerror}).", "")
    if size == 0:
        return Finding("image-unreadable", f"{path.name} is empty (0 bytes); the copy probably failed.", "")
    if size > MAX_FILE_BYTES:
        return Finding("image-too-large", f"{path.name} is {size / 2**20:,.0f} MB; the limit is "
                                          f"{MAX_FILE_BYTES // 2**20} MB per image.", "")
    try:
        with open_raster(path) as im:
            im.load()
            info = ImageInfo(im.width, im.height, im.format or "", im.mode, size, content_sha256(path))
    except BOMB_ERRORS as exc:
        return Finding("image-too-large", f"{path.name} {_pixels_said(exc)}, too many to process safely.", "")
    except UnidentifiedImageError:
        return _unidentified(path)
    except DECODE_ERRORS as exc:
        return Finding("image-unreadable", f"{path.name} is damaged or cut off and cannot be decoded ({exc}).", "")
    return info


def _pixels_said(exc: Exception) -> str:
    found = re.search(r"\((\d+) pixels\)", str(exc))
    limit = f"the limit is {Image.MAX_IMAGE_PIXELS / 1e6:,.0f}" if Image.MAX_IMAGE_PIXELS else "over the limit"
    return f"has {int(found[1]) / 1e6:,.1f} megapixels ({limit})" if found else "has too many pixels"


# First bytes of files that are not one of RASTER_FORMATS, to name what the curator supplied.
_SIGNATURES: tuple[tuple[Callable[[bytes], bool], str], ...] = (
    (lambda h: b"<svg" in h.lower() or h.lstrip().startswith(b"<?xml"), "an SVG drawing"),
    (lambda h: h.startswith(b"%PDF"), "a PDF document"),
    (lambda h: h.startswith(b"%!PS"), "a PostScript file"),
    (lambda h: h.startswith(b"8BPS"), "a Photoshop (PSD) file"),
    (lambda h: h[4:12] in (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1"), "a HEIC photo"),
    (lambda h: h[4:12] in (b"ftypavif", b"ftypavis"), "an AVIF image"),
    (lambda h: h.startswith(b"\x00\x00\x00\x0cjP  ") or h.startswith(b"\xff\x4f\xff\x51"), "a JPEG 2000 image"),
)


def _unidentified(path: Path) -> Finding:
    with path.open("rb") as f:
        head = f.read(1024)
    for matches, what in _SIGNATURES:
        if matches(head):
            return Finding("image-format", f"{path.name} is {what}, not a JPEG, PNG, GIF, WebP, TIFF or BMP image.",
                           "")
    if b"\x00" not in head and _is_text(head):
        return Finding("image-unreadable", f"{path.name} is a text file, not an image.", "")
    return Finding("image-unreadable", f"{path.name} is not an image the exhibit can read "
                                       "(it is not JPEG, PNG, GIF, WebP, TIFF or BMP).", "")


def _is_text(head: bytes) -> bool:
    try:  # incremental, so a character cut at the end of the sample does not count against it
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def inspect_cached(path: Path) -> ImageInfo | Finding:
    """``inspect_image``, decoded again only when the file's size, mtime or inode changes (the app asks per rerun)."""
    try:
        st = path.stat()
    except OSError:
        return inspect_image(path)  # vanished: inspection words the problem
    return _inspected(str(path), st.st_size, st.st_mtime_ns, st.st_ino)


@lru_cache(maxsize=4096)
def _inspected(path: str, size: int, mtime_ns: int, inode: int) -> ImageInfo | Finding:
    return inspect_image(Path(path))


# --- content hash -----------------------------------------------------------------------------------------------


def content_sha256(path: Path) -> str:
    """Hex SHA-256 of the file's bytes; remembered per (path, size, mtime) so reruns do not rehash scans."""
    st = path.stat()
    return _sha256_of(str(path), st.st_size, st.st_mtime_ns, st.st_ino)


@lru_cache(maxsize=4096)
def _sha256_of(path: str, size: int, mtime_ns: int, inode: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
