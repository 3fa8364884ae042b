"""Building the site on disk: deterministic, drafts nowhere, content-named assets, switched in whole."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import plotly
import pytest

from tests.listen_fixture import narrated_exhibit
from tests.site_fixture import exhibit_copy, load_exhibit
from timeline.catalog import build_catalog, load_catalog
from timeline.narration.manifest import MANIFEST_NAME, Manifest, manifest_bytes, read_manifest
from timeline.reader import read_table
from timeline.settings import DEFAULT_DATA, load_settings
from timeline.site.build import ASSET_DIR, build_site


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def exhibit(tmp_path: Path) -> tuple[Path, Path]:
    return exhibit_copy(tmp_path / "exhibit")


def _build(exhibit: tuple[Path, Path], out: Path, cache: Path, base_url: str = "https://example.org/ex/") -> None:
    catalog, settings = load_exhibit(*exhibit)
    build_site(catalog, settings, exhibit[1], out, cache, base_url)


def test_two_builds_of_the_same_inputs_are_byte_identical(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    _build(exhibit, tmp_path / "one", tmp_path / "cache-one")
    _build(exhibit, tmp_path / "two", tmp_path / "cache-two")  # a cold cache too: nothing depends on the clock
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_the_site_holds_every_page_the_contract_names_and_no_draft(exhibit: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    _build(exhibit, tmp_path / "out", tmp_path / "cache")
    tree = _tree(tmp_path / "out")
    for name in ("index.html", "404.html", "sitemap.xml", "robots.txt", "data/entries.csv", "data/entries.json",
                 "entries/hospital-opens/index.html", "entries/quote-ada/index.html"):
        assert name in tree
    assert "entries/secret-draft/index.html" not in tree
    leaks = [name for name, data in tree.items() if b"secret-draft" in data or b"A draft nobody may see" in data]
    assert leaks == []
    assert b"notes" not in tree["data/entries.csv"].splitlines()[0]


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The site built from the bundled data, every file as it is served (a ``.gz`` twin decompressed)."""
    folder = tmp_path_factory.mktemp("bundled")
    media = DEFAULT_DATA.parent.parent / "media"
    settings = load_settings(DEFAULT_DATA.parent / "exhibit.toml")
    build_site(load_catalog(DEFAULT_DATA, media, settings.category_order()), settings, media, folder / "out",
               folder / "cache", "https://example.org/ex/")
    return {name: gzip.decompress(data) if name.endswith(".gz") else data
            for name, data in _tree(folder / "out").items()}


def test_no_file_of_the_bundled_site_names_a_draft(bundled_site: dict[str, bytes]) -> None:
    with DEFAULT_DATA.open("rb") as fp:
        records = read_table(fp).records
    drafts = [r.cells for r in records if r.cells.get("status", "").strip().lower() == "draft"]
    assert len(drafts) >= 5  # dated and undated events among them
    needles = {needle.encode() for cells in drafts for needle in (cells["id"], cells["title"])}
    leaks = sorted((name, needle.decode()) for name, data in bundled_site.items() for needle in needles
                   if needle in data)
    assert leaks == []


def test_the_bundled_download_passes_the_checker(bundled_site: dict[str, bytes]) -> None:
    download = build_catalog(bundled_site["data/entries.csv"], "entries.csv")
    assert [(p.row, p.column, p.code) for p in download.problems if p.is_error] == []
    assert download.eras and len(download.entries) == bundled_site["data/entries.json"].count(b'"url": ')


def test_assets_are_named_by_content_and_text_files_have_gzip_twins(exhibit: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    _build(exhibit, tmp_path / "out", tmp_path / "cache")
    tree = _tree(tmp_path / "out")
    assets = [name for name in tree if name.startswith("assets/") and not name.endswith(".gz")]
    assert {name.split(".")[0] for name in assets} == {"assets/site", "assets/figure", "assets/search",
                                                       "assets/plotly-basic"}
    for name in assets + ["index.html", "entries/hospital-opens/index.html"]:
        assert gzip.decompress(tree[name + ".gz"]) == tree[name]
    pictures = [name for name in tree if name.startswith("media/")]
    assert len(pictures) == 3 and all(name.endswith(".jpg") for name in pictures)
    assert all(len(tree[name]) < 40_000 for name in pictures if "thumbnail" in name)


def test_the_timeline_page_holds_the_stylesheet_entry_pages_link(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    _build(exhibit, tmp_path / "out", tmp_path / "cache")
    tree = _tree(tmp_path / "out")
    [css] = [name for name in tree if name.startswith("assets/site.") and name.endswith(".css")]
    assert b"<style>" + tree[css] + b"</style>" in tree["index.html"]
    assert f'<link rel="stylesheet" href="../../{css}">'.encode() in tree["entries/quote-ada/index.html"]


def _plotly_js_version(bundle: Path) -> tuple[str, str]:
    """(flavour, version) from a plotly.js bundle's banner: ("basic - minified", "4.1.1"); ("", ...) the full one."""
    found = re.search(r"plotly\.js (?:\((.+?)\) )?v(\S+)", bundle.read_text(encoding="utf-8")[:300])
    assert found, f"{bundle} has no plotly.js banner"
    return found.group(1) or "", found.group(2)


def test_the_overview_gets_plotlys_basic_bundle_at_the_version_the_figure_is_made_for(exhibit: tuple[Path, Path],
                                                                                       tmp_path: Path) -> None:
    """The vendored bundle (npm plotly.js-basic-dist-min, MIT) must follow the plotly wheel: after an upgrade, run
    `npm pack plotly.js-basic-dist-min@VERSION` and copy its plotly-basic.min.js and LICENSE over the old ones."""
    wheel = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    vendored = ASSET_DIR / "plotly-basic.min.js"
    assert _plotly_js_version(vendored) == ("basic - minified", _plotly_js_version(wheel)[1])
    assert "MIT License" in (ASSET_DIR / "plotly-basic.LICENSE").read_text(encoding="utf-8")
    _build(exhibit, tmp_path / "out", tmp_path / "cache")
    shipped = sorted((tmp_path / "out" / "assets").glob("plotly*.js"))
    assert [p.read_bytes() for p in shipped] == [vendored.read_bytes()]
    assert len((tmp_path / "out" / "assets" / (shipped[0].name + ".gz")).read_bytes()) < 450_000


def test_the_overview_figure_holds_only_svg_scatter_traces_at_any_size(exhibit: tuple[Path, Path], tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The basic bundle has no WebGL traces, so the site's figure never asks for one, however many entries."""
    monkeypatch.setattr("timeline.figure.GL_THRESHOLD", 0)  # the app would draw even the fixture with WebGL now
    _build(exhibit, tmp_path / "out", tmp_path / "cache")
    figure = json.loads(next((tmp_path / "out" / "assets").glob("figure.*.json")).read_bytes())
    assert figure["data"] and {trace["type"] for trace in figure["data"]} == {"scatter"}


def test_the_link_preview_images_are_1200_by_630(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    from PIL import Image

    _build(exhibit, tmp_path / "out", tmp_path / "cache")
    previews = sorted((tmp_path / "out" / "previews").iterdir())
    assert len(previews) == 5  # the exhibit's own and one per published entry
    for preview in previews:
        with Image.open(preview) as im:
            assert im.size == (1200, 630)


def test_a_rebuild_writes_only_what_changed(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    for _ in range(2):  # the second build leaves the first as the next one's staging
        _build(exhibit, tmp_path / "out", tmp_path / "cache")
    staging = tmp_path / ".out.previous"
    stamps = {p: p.stat().st_mtime_ns for p in staging.rglob("*") if p.is_file()}
    csv = exhibit[0]
    csv.write_text(csv.read_text(encoding="utf-8").replace("Ada on the wards", "Ada on the ward"), encoding="utf-8")
    _build(exhibit, tmp_path / "out", tmp_path / "cache")
    out = tmp_path / "out"
    changed = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                     if p.is_file() and stamps.get(staging / p.relative_to(out)) != p.stat().st_mtime_ns)
    assert "entries/quote-ada/index.html" in changed and "index.html" in changed
    assert "entries/nurses-train/index.html" not in changed  # untouched: written two builds ago, still right
    assert not [name for name in changed if name.startswith("assets/plotly")]
    fresh = tmp_path / "fresh"
    _build(exhibit, fresh, tmp_path / "cache")
    assert _tree(out) == _tree(fresh)  # the same site as a build from nothing


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    return narrated_exhibit(tmp_path_factory.mktemp("narrated"))


def test_a_narrated_entry_page_has_its_player_and_the_site_its_files(narrated: tuple, tmp_path: Path) -> None:
    _, media, audio, catalog, settings = narrated
    build_site(catalog, settings, media, tmp_path / "one", tmp_path / "cache", audio_dir=audio)
    build_site(catalog, settings, media, tmp_path / "two", tmp_path / "cache-two", audio_dir=audio)
    one = _tree(tmp_path / "one")
    assert one == _tree(tmp_path / "two")  # byte-identical with narration too
    page = one["entries/hospital-opens/index.html"].decode()
    sources = re.findall(r'<(?:source|track)[^>]* src="\.\./\.\./(audio/[0-9a-f]{16}\.(?:ogg|mp3|vtt))"', page)
    assert [name.rsplit(".", 1)[1] for name in sources] == ["ogg", "mp3", "vtt"]
    assert all(one[name] == (audio / name.split("/")[1]).read_bytes() for name in sources)
    assert '<audio controls aria-labelledby="listen-hospital-opens" preload="none"' in page
    assert re.search(r'<script src="\.\./\.\./assets/listen\.[0-9a-f]{12}\.js" defer>', page)
    assert '<span data-cue="3">The hospital opened with <em>separate</em> wards.</span>' in page
    assert "<audio" not in one["index.html"].decode()


def test_an_entry_without_narration_has_no_player_and_the_site_no_audio(narrated: tuple, tmp_path: Path) -> None:
    _, media, audio, catalog, settings = narrated
    manifest = read_manifest(audio)
    partial = tmp_path / "audio"
    partial.mkdir()
    kept = {k: v for k, v in manifest.entries.items() if k != "quote-ada"}
    for narration in kept.values():
        for name in narration.files:
            shutil.copyfile(audio / name, partial / name)
    (partial / MANIFEST_NAME).write_bytes(manifest_bytes(Manifest(kept)))
    build_site(catalog, settings, media, tmp_path / "out", tmp_path / "cache", audio_dir=partial)
    tree = _tree(tmp_path / "out")
    assert "<audio" not in tree["entries/quote-ada/index.html"].decode()
    assert "data-cue" not in tree["entries/quote-ada/index.html"].decode()
    assert "<audio" in tree["entries/nurses-train/index.html"].decode()
    assert len([name for name in tree if name.startswith("audio/")]) == 3 * len(kept)
    build_site(catalog, settings, media, tmp_path / "none", tmp_path / "cache", audio_dir=tmp_path / "nothing")
    bare = _tree(tmp_path / "none")
    assert not any(name.startswith("audio/") or "listen" in name for name in bare)
    assert not any(b"<audio" in data for name, data in bare.items() if name.endswith(".html"))
