"""Derivatives, cached placeholders, image_for, build_all and prune (timeline/derivatives.py).

Images are made in tmp_path.
"""

from __future__ import annotations

import io
import os
import stat
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw

from timeline.dates import HistDate
from timeline.derivatives import (
    DERIVATIVES,
    Derivative,
    MediaReport,
    build_all,
    derivative_name,
    image_for,
    make_derivative,
    make_placeholder,
    prune,
)
from timeline.media import content_sha256
from timeline.placeholders import PAPER
from timeline.problems import Finding
from timeline.schema import Entry, Kind


def entry(id: str = "hgp-opens", image: str = "", title: str = "Homer G. Phillips Hospital opens", row: int = 2,
          description: str = "Photograph of the opening ceremony", **more: str) -> Entry:
    return Entry(id=id, kind=Kind.EVENT, date=HistDate(1937), title=title, row=row, display_date="1937",
                 image=image, image_alt=f"Alt for {id}" if image else "", image_description=description, **more)


def photo_like(size: tuple[int, int]) -> Image.Image:
    """Smooth light and shade plus film grain: compresses like a scanned photograph, not like flat colour."""
    light = Image.radial_gradient("L").resize(size)
    shade = Image.linear_gradient("L").rotate(30).resize(size)
    grain = Image.effect_noise(size, 12)
    scene = Image.merge("RGB", (light, shade, Image.blend(light, shade, 0.5)))
    return Image.blend(scene, Image.merge("RGB", (grain, grain, grain)), 0.15)


def save(image: Image.Image, path: Path, fmt: str, **params: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt, **params)
    return path


def linear_light_profile() -> bytes:
    """sRGB's primaries with gamma 1.0 instead of 2.4: a real, non-sRGB profile that ImageCms cannot create."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    for i in range(struct.unpack(">I", profile[128:132])[0]):
        sig, offset, _ = struct.unpack(">4sII", profile[132 + 12 * i:144 + 12 * i])
        if sig == b"rTRC":  # a 'para' curve shared by all three channels; its gamma follows the 12-byte header
            profile[offset + 12:offset + 16] = struct.pack(">I", 1 << 16)
    return bytes(profile)


def out(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


@pytest.fixture(scope="module")
def big_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save(photo_like((4000, 3000)), tmp_path_factory.mktemp("originals") / "scan.jpg", "JPEG", quality=92)


# --- derivatives ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("size", "dimensions"), [("thumbnail", (480, 360)), ("display", (1600, 1200))])
def test_a_big_photo_shrinks_within_its_budget(big_photo: Path, tmp_path: Path, size: str,
                                               dimensions: tuple[int, int]) -> None:
    path = make_derivative(big_photo, size, tmp_path)
    image = out(path)
    assert (image.size, image.format, image.mode) == (dimensions, "JPEG", "RGB")
    assert path.stat().st_size < DERIVATIVES[size].budget
    assert image.info.get("progressive") or image.info.get("progression")
    sha = content_sha256(big_photo)
    assert path.name == derivative_name(sha, size) == f"{sha[:16]}-{size}.jpg"


def test_a_busy_image_steps_down_in_quality_to_meet_the_budget(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    grain = Image.effect_noise((480, 360), 50).convert("RGB")
    original = save(grain, tmp_path / "m" / "grain.png", "PNG")
    sizes = {}
    for quality in (80, 50):
        buffer = io.BytesIO()
        grain.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        sizes[quality] = len(buffer.getvalue())
    budget = (sizes[80] + sizes[50]) // 2
    monkeypatch.setitem(DERIVATIVES, "thumbnail", Derivative("thumbnail", 480, 80, budget))
    assert make_derivative(original, "thumbnail", tmp_path / "cache").stat().st_size <= budget < sizes[80]


def test_metadata_is_stripped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010E] = "Private accession note"  # ImageDescription
    original = save(Image.new("RGB", (64, 48), "gray"), tmp_path / "m" / "tagged.jpg", "JPEG", exif=exif.tobytes(),
                    icc_profile=linear_light_profile(), comment=b"scanner comment")
    image = out(make_derivative(original, "thumbnail", tmp_path / "cache"))
    assert not {"exif", "icc_profile", "comment"} & set(image.info)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown rotated 90 degrees clockwise
    original = save(Image.new("RGB", (300, 200), "white"), tmp_path / "m" / "turned.jpg", "JPEG", exif=exif.tobytes())
    assert out(make_derivative(original, "thumbnail", tmp_path / "cache")).size == (200, 300)


def rgba_half_transparent() -> Image.Image:
    image = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((20, 0, 39, 39), fill=(0, 0, 255, 255))
    return image


def animation() -> tuple[Image.Image, dict]:
    return Image.new("RGB", (40, 40), (255, 0, 0)), {"save_all": True, "duration": 100, "loop": 0,
                                                     "append_images": [Image.new("RGB", (40, 40), (0, 255, 0))]}


def sixteen_bit_grey() -> Image.Image:
    return Image.new("I;16", (40, 40), 32768)  # half of 16-bit white: a clipping conversion would give 255


def palette_with_transparency() -> Image.Image:
    image = Image.new("P", (40, 40), 0)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.paste(1, (20, 0, 40, 40))
    image.info["transparency"] = 0
    return image


# (name, image, format, save options, pixel at (5, 5), pixel at (35, 5)); tolerances cover JPEG's rounding
CONVERSIONS = [
    ("cmyk.jpg", Image.new("CMYK", (40, 40), (0, 255, 255, 0)), "JPEG", {}, (255, 0, 0), (255, 0, 0)),
    ("rgba.png", rgba_half_transparent(), "PNG", {}, PAPER, (0, 0, 255)),
    ("la.png", Image.new("LA", (40, 40), (0, 0)), "PNG", {}, PAPER, PAPER),
    ("grey16.png", sixteen_bit_grey(), "PNG", {}, (128, 128, 128), (128, 128, 128)),
    ("palette.gif", palette_with_transparency(), "GIF", {"transparency": 0}, PAPER, (0, 0, 255)),
    ("animated.gif", animation()[0], "GIF", animation()[1], (255, 0, 0), (255, 0, 0)),
    ("bilevel.tif", Image.new("1", (40, 40), 1), "TIFF", {}, (255, 255, 255), (255, 255, 255)),
    ("linear.png", Image.new("RGB", (40, 40), (128, 128, 128)), "PNG", {"icc_profile": linear_light_profile()},
     (188, 188, 188), (188, 188, 188)),
    ("untagged.png", Image.new("RGB", (40, 40), (128, 128, 128)), "PNG", {}, (128, 128, 128), (128, 128, 128)),
]


@pytest.mark.parametrize(("name", "image", "fmt", "options", "left", "right"), CONVERSIONS,
                         ids=[c[0] for c in CONVERSIONS])
def test_every_kind_of_original_becomes_8_bit_srgb(tmp_path: Path, name: str, image: Image.Image, fmt: str,
                                                   options: dict, left: tuple, right: tuple) -> None:
    original = save(image, tmp_path / "m" / name, fmt, **options)
    made = out(make_derivative(original, "thumbnail", tmp_path / "cache"))
    assert (made.mode, made.size) == ("RGB", (40, 40))
    for (x, y), expected in (((5, 5), left), ((35, 5), right)):
        assert all(abs(a - b) <= 12 for a, b in zip(made.getpixel((x, y)), expected, strict=True)), (x, expected)


def test_a_sliver_of_an_image_still_shrinks(tmp_path: Path) -> None:
    original = save(Image.new("RGB", (1, 4000), "black"), tmp_path / "m" / "sliver.jpg", "JPEG")
    assert max(out(make_derivative(original, "display", tmp_path / "cache")).size) == 1600


def test_the_cache_is_reused_and_follows_the_content(tmp_path: Path) -> None:
    original = save(Image.new("RGB", (64, 48), "red"), tmp_path / "m" / "photo.jpg", "JPEG")
    cache = tmp_path / "cache"
    first = make_derivative(original, "display", cache)
    stamp = first.stat().st_mtime_ns
    assert make_derivative(original, "display", cache) == first and first.stat().st_mtime_ns == stamp
    save(Image.new("RGB", (64, 48), "blue"), original, "JPEG")
    second = make_derivative(original, "display", cache)
    assert second != first and out(second).getpixel((5, 5))[2] > 200
    assert sorted(p.name for p in cache.iterdir()) == sorted([first.name, second.name])  # no half-written leftovers


def test_web_copies_and_cards_are_readable_as_the_umask_says(tmp_path: Path) -> None:
    """A proxy or another user serves them: mkstemp's owner-only 0600 would stop that."""
    original = save(Image.new("RGB", (64, 48), "red"), tmp_path / "m" / "photo.jpg", "JPEG")
    previous = os.umask(0o022)
    try:
        made = [make_derivative(original, "thumbnail", tmp_path / "cache"),
                make_placeholder(entry(), "thumbnail", tmp_path / "cache")]
    finally:
        os.umask(previous)
    assert [stat.S_IMODE(path.stat().st_mode) for path in made] == [0o644, 0o644]


def test_an_unknown_size_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="thumbnail, medium, display"):
        make_derivative(tmp_path / "x.jpg", "poster", tmp_path)


# --- placeholders ------------------------------------------------------------------------------------------

def test_cards_are_cached_by_what_they_show(tmp_path: Path) -> None:
    first = make_placeholder(entry(), "thumbnail", tmp_path)
    assert make_placeholder(entry(id="other-id", row=9), "thumbnail", tmp_path) == first
    broken = make_placeholder(entry(), "thumbnail", tmp_path, Finding("image-missing", "gone", ""))
    retitled = make_placeholder(entry(title="Another title"), "thumbnail", tmp_path)
    display = make_placeholder(entry(), "display", tmp_path)
    assert len({first, broken, retitled, display}) == 4
    assert first.stat().st_size < DERIVATIVES["thumbnail"].budget


# --- image_for and build_all ------------------------------------------------------------------------------------

@pytest.fixture
def media_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    save(photo_like((900, 600)), folder / "good.jpg", "JPEG")
    (folder / "cut.jpg").write_bytes((folder / "good.jpg").read_bytes()[:3000])
    (folder / "logo.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    return folder


def test_image_for_a_good_image_is_its_derivative(media_dir: Path, tmp_path: Path) -> None:
    prepared = image_for(entry(image="good.jpg"), media_dir, tmp_path / "cache", "thumbnail")
    assert (prepared.is_placeholder, prepared.alt, prepared.problem, out(prepared.path).size) == (
        False, "Alt for hgp-opens", None, (480, 320))


def test_image_for_an_entry_without_image_is_a_card(media_dir: Path, tmp_path: Path) -> None:
    prepared = image_for(entry(), media_dir, tmp_path / "cache", "display")
    assert (prepared.is_placeholder, prepared.alt, prepared.problem) == (
        True, "Placeholder: archival image to be added for Homer G. Phillips Hospital opens", None)


@pytest.mark.parametrize(("name", "code"), [("missing.jpg", "image-missing"), ("cut.jpg", "image-unreadable"),
                                            ("logo.svg", "image-format"), ("../media/good.jpg", "image-path"),
                                            ("https://example.org/a.jpg", "image-path")])
def test_image_for_a_bad_image_is_a_card_never_an_error(media_dir: Path, tmp_path: Path, name: str,
                                                        code: str) -> None:
    prepared = image_for(entry(image=name), media_dir, tmp_path / "cache", "thumbnail")
    assert (prepared.is_placeholder, prepared.problem.code if prepared.problem else None) == (True, code)
    assert prepared.alt.startswith("Placeholder: image unavailable for ")
    assert prepared.path != image_for(entry(), media_dir, tmp_path / "cache", "thumbnail").path


def test_build_all_prepares_everything_and_reports(media_dir: Path, tmp_path: Path) -> None:
    entries = [entry("good", "good.jpg"), entry("none"), entry("gone", "missing.jpg", row=4),
               entry("cut", "cut.jpg", row=5), entry("same", "good.jpg", row=6)]
    calls: list[tuple[int, int, str]] = []
    report = build_all(entries, media_dir, tmp_path / "cache", lambda *call: calls.append(call))
    flat = [(entry_id, row, finding.code) for entry_id, row, finding in report.failures]
    assert (report.built, report.reused, report.placeholders) == (3, 3, 3)
    assert flat == [("gone", 4, "image-missing"), ("cut", 5, "image-unreadable")]
    assert calls == [(i, 5, e.id) for i, e in enumerate(entries, 1)]
    assert len(list((tmp_path / "cache").iterdir())) == 3 + 2 * 2  # three derivatives, two sizes of two placeholders
    assert report.files == frozenset((tmp_path / "cache").iterdir())
    assert build_all(entries, media_dir, tmp_path / "cache") == MediaReport(0, 6, 3, report.failures, report.files)


def test_prune_deletes_only_our_files_that_no_entry_uses(media_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = build_all([entry("good", "good.jpg"), entry("none"), entry("renamed", title="Old title")],
                       media_dir, cache)
    after = build_all([entry("good", "good.jpg"), entry("none"), entry("renamed", title="New title")],
                      media_dir, cache)
    stale = before.files - after.files  # the old title's two placeholders
    foreign = [cache / "README.txt", cache / ".0123.part", cache / "0123456789abcdef-poster.jpg"]
    for path in foreign:
        path.write_text("not the cache's", encoding="utf-8")
    (cache / "placeholder-0123456789abcdef-display.png").symlink_to(media_dir / "good.jpg")
    assert len(stale) == 2
    assert prune(cache, after.files) == 2
    assert set(cache.iterdir()) == after.files | set(foreign) | {cache / "placeholder-0123456789abcdef-display.png"}
    assert (media_dir / "good.jpg").is_file()  # a link is never followed, so nothing outside the cache goes
    assert prune(cache, after.files) == 0
    assert prune(tmp_path / "no-cache-yet", after.files) == 0
