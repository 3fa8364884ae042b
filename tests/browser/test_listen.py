"""Listen online in a real Chromium: the static site's entry page and the Streamlit web page's open entry play their
narration (espeak-ng's, on the site fixture), fetch nothing audio before play, light the sentence being read, and
stay axe-clean; without JavaScript the native player still plays."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from browser_pages import VIEWPORTS, describe_violations, goto_app, run_axe, screenshot, wait_for_run
from playwright.sync_api import Browser, Page, expect

from benchmarks.static_server import StaticServer
from tests.listen_fixture import narrated_exhibit
from timeline.narration.manifest import MANIFEST_NAME, Manifest, manifest_bytes, read_manifest
from timeline.narration_urls import AUDIO_DIR
from timeline.site.build import build_site

pytestmark = pytest.mark.browser
SIZES = ("desktop", "phone")
ENTRY = "hospital-opens"
AUDIO_FILE = re.compile(r"\.(ogg|mp3|vtt)(\?|$)")
PLAYING_MS = 15_000


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    return narrated_exhibit(tmp_path_factory.mktemp("listen"))


@pytest.fixture(scope="module")
def site(narrated: tuple, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _, media, audio, catalog, settings = narrated
    out = tmp_path_factory.mktemp("listen-site") / "out"
    build_site(catalog, settings, media, out, out.parent / "cache", audio_dir=audio)
    with StaticServer(out) as server:
        yield server.url


def _watch_audio(page: Page) -> list[str]:
    """Every audio or captions address the page asks for, from now on."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if AUDIO_FILE.search(request.url) else None)
    return asked


def _play(page: Page, scope: str = "") -> None:
    """Press play as a visitor does (a click gives the page the gesture browsers ask for), then wait until the
    narration has played a while and a sentence of the entry is lit."""
    audio = page.locator(f"{scope} audio[data-listen]".strip())
    audio.scroll_into_view_if_needed()
    audio.click()  # the gesture; where it lands on the native controls does not matter
    audio.evaluate("a => a.play()")
    page.wait_for_function("document.querySelector('audio[data-listen]').currentTime > 1.0", timeout=PLAYING_MS)


def _lit(page: Page) -> list[str]:
    return page.eval_on_selector_all(".listen-now[aria-current='true']", "els => els.map(e => e.dataset.cue)")


@pytest.mark.parametrize("size", SIZES)
def test_an_entry_page_plays_and_lights_the_sentence_being_read(browser: Browser, site: str, size: str) -> None:
    context = browser.new_context(**VIEWPORTS[size], locale="en-US")
    page = context.new_page()
    asked = _watch_audio(page)
    page.goto(f"{site}entries/{ENTRY}/")
    page.wait_for_load_state("networkidle")
    audio = page.locator("audio[data-listen]")
    expect(audio).to_have_attribute("preload", "none")
    assert audio.evaluate("a => a.controls")
    types = page.eval_on_selector_all("audio source", "els => els.map(e => e.type)")
    assert types == ["audio/ogg; codecs=opus", "audio/mpeg"]
    screenshot(page, f"listen-site-{size}")
    assert asked == [], f"fetched before play: {asked}"  # nothing audio until the visitor presses play
    _play(page)
    page.wait_for_function("document.querySelector('.prose .listen-now') !== null", timeout=PLAYING_MS)
    lit = _lit(page)
    assert len(set(lit)) == 1 and lit[0].isdigit()
    page.locator(".listen-now").first.scroll_into_view_if_needed()
    screenshot(page, f"listen-site-{size}-reading")
    assert any(url.endswith(".vtt") for url in asked) and any(url.endswith(".ogg") for url in asked)
    context.close()


def test_the_captions_hold_the_entrys_words(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}entries/{ENTRY}/")
    captions = page.request.get(page.locator("audio track").evaluate("t => t.src"))
    assert captions.headers["content-type"].startswith("text/vtt")
    words = captions.text()
    assert "City hospital opens its doors." in words and "The hospital opened with separate wards." in words
    marked = page.eval_on_selector_all(".prose [data-cue]", "els => els.map(e => [e.dataset.cue, e.textContent])")
    cues = dict(re.findall(r"(?m)^(\d+)\n[\d:.]+ --> [\d:.]+\n(.+)$", words))
    assert marked and all(cues[number] == text.strip() for number, text in marked)  # each sentence is its cue
    page.close()


def test_without_javascript_the_native_player_plays(browser: Browser, site: str) -> None:
    context = browser.new_context(**VIEWPORTS["desktop"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}entries/{ENTRY}/")
    audio = page.locator("audio[data-listen]")
    audio.click()
    audio.evaluate("a => a.play()")  # Playwright's own world; the page itself runs no script
    for _ in range(PLAYING_MS // 250):
        if audio.evaluate("a => a.currentTime") > 0.5:
            break
        page.wait_for_timeout(250)
    assert audio.evaluate("a => a.currentTime") > 0.5
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_an_entry_page_with_its_player_is_axe_clean(browser: Browser, site: str, size: str) -> None:
    context = browser.new_context(**VIEWPORTS[size], locale="en-US")
    page = context.new_page()
    page.goto(f"{site}entries/{ENTRY}/")
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    _play(page)
    page.wait_for_function("document.querySelector('.listen-now') !== null", timeout=PLAYING_MS)
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    context.close()


@pytest.fixture
def web_narration(narrated: tuple) -> Iterator[None]:
    """The fixture's narration listed in the app's own narration folder (static/derived/audio, which Streamlit
    serves), beside whatever is there; the manifest is put back as it was afterwards. Its files are named by
    content, so leaving them costs nothing but disk."""
    _, _, audio, _, _ = narrated
    AUDIO_DIR.mkdir(parents=True, exist_ok=True)
    manifest_path = AUDIO_DIR / MANIFEST_NAME
    before = manifest_path.read_bytes() if manifest_path.is_file() else None
    ours, theirs = read_manifest(audio), read_manifest(AUDIO_DIR)
    for narration in ours.entries.values():
        for name in narration.files:
            shutil.copyfile(audio / name, AUDIO_DIR / name)
    merged = Manifest({**theirs.entries, **ours.entries}, theirs.prompts)
    manifest_path.write_bytes(manifest_bytes(merged))
    yield
    if before is None:
        manifest_path.unlink()
    else:
        manifest_path.write_bytes(before)


@pytest.mark.parametrize("size", SIZES)
def test_the_web_pages_open_entry_plays_its_narration(browser: Browser, start_app, narrated: tuple,
                                                      web_narration: None, size: str) -> None:
    csv, media, _, _, _ = narrated
    app = start_app(env={"TIMELINE_MODE": "web", "TIMELINE_MEDIA": str(media)}, data=csv)
    context = browser.new_context(**VIEWPORTS[size], locale="en-US")
    page = context.new_page()
    asked = _watch_audio(page)
    goto_app(page, f"{app.url}?event={ENTRY}")
    detail = page.locator(".st-key-event-detail")
    audio = detail.locator("audio[data-listen]")
    expect(audio).to_have_count(1)
    expect(audio).to_have_attribute("preload", "none")
    track = detail.locator("audio track[kind='captions']")
    expect(track).to_have_count(1)
    served = {kind: page.request.get(page.locator(f"audio {kind}").first.evaluate("e => e.src"))
              for kind in ("source", "track")}
    assert served["source"].headers["content-type"] == "audio/ogg"
    part = page.request.get(served["source"].url, headers={"Range": "bytes=0-3"})
    assert part.status == 206 and part.body() == b"OggS"  # a player seeks by asking for ranges
    assert served["track"].headers["content-type"].startswith("text/vtt")
    assert "City hospital opens its doors." in served["track"].text()
    page.wait_for_timeout(500)
    assert asked == [], f"fetched before play: {asked}"
    screenshot(page, f"listen-web-{size}")
    _play(page, ".st-key-event-detail")
    page.wait_for_function("document.querySelector('.st-key-event-detail .prose .listen-now') !== null",
                           timeout=PLAYING_MS)
    page.locator(".listen-now").first.scroll_into_view_if_needed()
    screenshot(page, f"listen-web-{size}-reading")
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    context.close()


def test_an_entry_without_narration_shows_no_player_on_the_web_page(browser: Browser, start_app,
                                                                     narrated: tuple) -> None:
    csv, media, _, _, _ = narrated
    if ENTRY in read_manifest(AUDIO_DIR).entries:
        pytest.skip("this machine's own narration lists the entry")
    app = start_app(env={"TIMELINE_MODE": "web", "TIMELINE_MEDIA": str(media)}, data=csv)
    page = browser.new_page()
    goto_app(page, f"{app.url}?event={ENTRY}")
    wait_for_run(page)
    expect(page.locator(".st-key-event-detail h2").first).to_be_visible()
    assert page.locator(".st-key-event-detail audio").count() == 0
    page.close()
