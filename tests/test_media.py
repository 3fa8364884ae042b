"""Safe image names and safe inspection (timeline/media.py). Images are made with Pillow in tmp_path."""

from __future__ import annotations

import hashlib
import io
import struct
import unicodedata
import zlib
from pathlib import Path

import pytest
from PIL import Image

from timeline import media
from timeline.media import ImageInfo, content_sha256, inspect_image, resolve_image
from timeline.problems import PROBLEM_TYPES, Finding
from timeline.settings import PROJECT_ROOT


def noisy_jpeg(size: tuple[int, int] = (320, 240)) -> bytes:
    """Noise compresses badly, so cutting the file in half always removes real image data."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims width x height pixels: a decompression bomb's calling card."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


@pytest.fixture
def media_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    for name in ("hgp-1937.jpg", "HGP.jpg", "Photo 1 (scan).JPG", "ümlaut.png", ".hidden.jpg", "x.jpg"):
        (folder / name).write_bytes(b"not decoded by resolve_image")
    (folder / "sub").mkdir()
    (tmp_path / "secret.jpg").write_bytes(b"outside")
    return folder


# --- resolve_image ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "why"), [
    ("../x.jpg", "parent folder"),
    ("..", "parent folder"),
    ("a/../x.jpg", "parent folder"),
    ("a/b.jpg", "contains a folder"),
    ("a\\b.jpg", "contains a folder"),
    ("C:\\x.jpg", "drive letter"),
    ("c:x.jpg", "drive letter"),
    ("\\\\srv\\x.jpg", "network path"),
    ("//srv/x.jpg", "network path"),
    ("/etc/passwd", "absolute path"),
    ("\\x.jpg", "absolute path"),
    ("https://x/y.jpg", "URL"),
    ("file:x.jpg", "URL"),
    ("data:image/png;base64,AAAA", "URL"),
    (".hidden.jpg", "hidden"),
    ("", "empty"),
    ("   ", "empty"),
    ("x.jpg\n", "control character"),
    ("my photo:1.jpg", "':'"),
])
def test_unsafe_names_are_refused(media_dir: Path, name: str, why: str) -> None:
    found = resolve_image(media_dir, name)
    assert isinstance(found, Finding)
    assert (found.code, why in found.message, repr(name) in found.message) == ("image-path", True, True)


def test_a_link_out_of_the_media_folder_is_refused(media_dir: Path) -> None:
    (media_dir / "innocent.jpg").symlink_to(media_dir.parent / "secret.jpg")
    (media_dir / "dangling.jpg").symlink_to(media_dir.parent / "nowhere.jpg")
    for name in ("innocent.jpg", "dangling.jpg"):
        found = resolve_image(media_dir, name)
        assert isinstance(found, Finding) and found.code == "image-path" and "outside" in found.message


def test_a_link_within_the_media_folder_is_fine(media_dir: Path) -> None:
    (media_dir / "alias.jpg").symlink_to(media_dir / "x.jpg")
    assert resolve_image(media_dir, "alias.jpg") == (media_dir / "x.jpg").resolve()


def test_a_folder_is_not_an_image(media_dir: Path) -> None:
    found = resolve_image(media_dir, "sub")
    assert isinstance(found, Finding) and found.code == "image-path" and "folder" in found.message


@pytest.mark.parametrize("name", ["hgp-1937.jpg", "HGP.jpg", "Photo 1 (scan).JPG", "ümlaut.png", "x.jpg"])
def test_plain_names_resolve_to_the_file(media_dir: Path, name: str) -> None:
    assert resolve_image(media_dir, name) == (media_dir / name).resolve()


@pytest.mark.parametrize(("typed", "saved"), [("NFC", "NFD"), ("NFD", "NFC")])
def test_accented_names_match_however_the_accent_is_stored(tmp_path: Path, typed: str, saved: str) -> None:
    # A Mac saves "café.jpg" as "cafe" + a combining accent (NFD); the spreadsheet cell holds "é" (NFC).
    folder = tmp_path / "media"
    folder.mkdir()
    (folder / unicodedata.normalize(saved, "café.jpg")).write_bytes(b"x")
    assert resolve_image(folder, unicodedata.normalize(typed, "café.jpg")) == (
        folder / unicodedata.normalize(saved, "café.jpg")).resolve()


@pytest.mark.parametrize(("name", "suggestion"), [
    ("hgp.jpg", "did you mean 'HGP.jpg'?"),          # wrong case: found even on case-insensitive disks
    ("photo 1 (scan).jpg", "did you mean 'Photo 1 (scan).JPG'?"),
    ("hgp-1973.jpg", "did you mean 'hgp-1937.jpg'?"),  # a typo
    ("completely-different.tif", None),
])
def test_missing_files_suggest_a_near_name(media_dir: Path, name: str, suggestion: str | None) -> None:
    found = resolve_image(media_dir, name)
    assert isinstance(found, Finding) and found.code == "image-missing" and repr(name) in found.message
    assert (suggestion in found.message) if suggestion else ("did you mean" not in found.message)


def test_a_missing_media_folder_is_named(tmp_path: Path) -> None:
    found = resolve_image(tmp_path / "no-media", "x.jpg")
    assert isinstance(found, Finding) and found.code == "image-missing" and "no-media" in found.message


# --- inspect_image ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "mode", "suffix"), [("JPEG", "RGB", "jpg"), ("PNG", "RGBA", "png"),
                                                     ("GIF", "P", "gif"), ("WEBP", "RGB", "webp"),
                                                     ("TIFF", "RGB", "tif"), ("BMP", "RGB", "bmp")])
def test_good_images_are_described(tmp_path: Path, fmt: str, mode: str, suffix: str) -> None:
    path = tmp_path / f"good.{suffix}"
    Image.new(mode, (64, 48)).save(path, fmt)
    data = path.read_bytes()
    assert inspect_image(path) == ImageInfo(64, 48, fmt, mode, len(data), hashlib.sha256(data).hexdigest())


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "data", "code", "said"), [
    ("cut.jpg", noisy_jpeg()[:4000], "image-unreadable", "cut off"),
    ("empty.jpg", b"", "image-unreadable", "empty"),
    ("notes.jpg", "Photo to follow — ask the archive\n".encode(), "image-unreadable", "text file"),
    ("noise.jpg", bytes(range(256)) * 8, "image-unreadable", "not an image"),
    ("logo.svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "image-format", "SVG"),
    ("logo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10"/>', "image-format", "SVG"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "image-format", "PDF"),
    ("phone.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image-format", "HEIC"),
    ("layers.psd", b"8BPS\x00\x01" + b"\x00" * 40, "image-format", "Photoshop"),
    ("bomb.png", png_claiming(100_000, 100_000), "image-too-large", "megapixels"),
])
def test_bad_files_are_findings(tmp_path: Path, name: str, data: bytes, code: str, said: str) -> None:
    found = inspect_image(write(tmp_path, name, data))
    assert isinstance(found, Finding) and code in PROBLEM_TYPES
    assert (found.code, said in found.message, name in found.message) == (code, True, True)


def test_a_truncated_jpeg_passes_verify_but_not_inspection(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.jpg", noisy_jpeg()[:4000])
    with Image.open(path) as im:
        im.verify()  # the trap inspection must not fall into
    assert isinstance(inspect_image(path), Finding)


def test_the_bomb_warning_counts_as_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.png"
    Image.new("RGB", (40, 40)).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 1,600 pixels: over the limit, under twice it (a warning)
    found = inspect_image(path)
    assert isinstance(found, Finding) and found.code == "image-too-large"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # only warned: the filter never took
def test_the_bomb_guard_holds_when_another_thread_has_reset_the_warning_filters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.png"
    Image.new("RGB", (40, 40)).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    monkeypatch.setattr(media.warnings, "simplefilter", lambda *args, **kwargs: None)  # the filter never took
    found = inspect_image(path)
    assert isinstance(found, Finding) and found.code == "image-too-large" and "megapixels" in found.message


def test_oversized_files_are_refused_before_decoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.png"
    Image.new("RGB", (40, 40)).save(path)
    monkeypatch.setattr(media, "MAX_FILE_BYTES", 50)
    found = inspect_image(path)
    assert isinstance(found, Finding) and found.code == "image-too-large" and "MB" in found.message


def test_a_vanished_file_is_unreadable(tmp_path: Path) -> None:
    found = inspect_image(tmp_path / "gone.jpg")
    assert isinstance(found, Finding) and found.code == "image-unreadable"


def test_the_content_hash_follows_the_bytes(tmp_path: Path) -> None:
    before, after = noisy_jpeg(), noisy_jpeg((100, 100))
    path = write(tmp_path, "a.jpg", before)
    first = content_sha256(path)
    path.write_bytes(after)
    assert (first, content_sha256(path)) == (hashlib.sha256(before).hexdigest(), hashlib.sha256(after).hexdigest())


def test_inspection_is_remembered_until_the_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(media, "inspect_image", lambda path: calls.append(path) or inspect_image(path))
    path = write(tmp_path, "a.jpg", noisy_jpeg())
    first, again = media.inspect_cached(path), media.inspect_cached(path)
    path.write_bytes(noisy_jpeg()[:4000])
    changed = media.inspect_cached(path)
    assert (isinstance(first, ImageInfo), again == first, len(calls)) == (True, True, 2)
    assert isinstance(changed, Finding) and changed.code == "image-unreadable"


def test_the_shipped_media_folders_readme_is_never_taken_for_an_image() -> None:
    readme = PROJECT_ROOT / "media" / "README.md"
    assert resolve_image(PROJECT_ROOT / "media", "README.md") == readme.resolve()  # a plain file name like any
    found = inspect_image(readme)
    assert isinstance(found, Finding) and found.code == "image-unreadable" and "text file" in found.message
