"""The kiosk's look: ``timeline/static/kiosk.css``, plus the few rules that depend on the catalogue and the screen,
sent once per run; with "Larger text" on, ``timeline/static/kiosk-large.css`` too.

The attract loop is pure CSS, so an idle kiosk costs the server nothing; its keyframes depend on how many entries
are featured, and each era button's number takes the colour of the chart's tag for that era. Where the reach line
falls on the screen in each orientation and the large story's size come from the ``[kiosk]`` settings
(``timeline.kiosk_reach``). Those parts are generated here from numbers; everything else is the static files.
"""

from __future__ import annotations

from timeline.figure import BACKGROUND, era_number_color
from timeline.kiosk_reach import large_text_px, reach_fraction
from timeline.settings import KioskScreen
from timeline.ui.compat import key_selector
from timeline.ui.page_files import page_file

SLIDE_SECONDS = 7  # how long each featured entry stays on the attract screen
FADE_SECONDS = 1.2
LARGER_STORY_PX = 36  # the story with "Larger text" on, or larger still when the screen's geometry asks for it


def rotation_css(slides: int, slide_seconds: float = SLIDE_SECONDS, fade_seconds: float = FADE_SECONDS) -> str:
    """Keyframes that show each of ``slides`` stacked cards in turn; card i starts ``i * slide_seconds`` in."""
    if slides <= 1:
        return ".kiosk-slide { animation: none; opacity: 1; }"
    cycle = slides * slide_seconds
    share, fade = 100 / slides, 100 * fade_seconds / cycle
    delays = "".join(f".kiosk-slide:nth-child({i + 1}) {{ animation-delay: {i * slide_seconds}s; }}"
                     for i in range(slides))
    return (f".kiosk-slides {{ --cycle: {cycle}s; }}"
            f"@keyframes kiosk-rotate {{ 0% {{ opacity: 0; }} {fade:.2f}% {{ opacity: 1; }} "
            f"{share:.2f}% {{ opacity: 1; }} {share + fade:.2f}% {{ opacity: 0; }} 100% {{ opacity: 0; }} }}"
            + delays)


def era_number_css(eras: int) -> str:
    """Era button ``n`` shows its number in the colour of the chart's tag ``n``, so a button names its band."""
    return "".join(f"{key_selector(f'kiosk-era-{n}')} {{ --era: {era_number_color(n, BACKGROUND)}; }}"
                   for n in range(1, eras + 1))


def reach_css(screen: KioskScreen) -> str:
    """``--kiosk-reach``: how far down the screen (in ``vh``) the reach line lies, for each way the screen hangs."""
    return "".join(f"@media (orientation: {name}) {{ :root {{ --kiosk-reach: "
                   f"{100 * reach_fraction(screen, portrait):.2f}vh; }} }}"
                   for name, portrait in (("portrait", True), ("landscape", False)))


def larger_story_px(screen: KioskScreen) -> int:
    return max(LARGER_STORY_PX, large_text_px(screen))


def larger_css(screen: KioskScreen) -> str:
    return f":root {{ --kiosk-story: {larger_story_px(screen)}px; }}" + page_file("kiosk-large.css")


DEFAULT_SCREEN = KioskScreen()


def kiosk_css(slides: int, eras: int = 0, screen: KioskScreen = DEFAULT_SCREEN, larger: bool = False) -> str:
    """The whole stylesheet, for ``compat.add_stylesheet``."""
    return (page_file("kiosk.css") + rotation_css(slides) + era_number_css(eras) + reach_css(screen)
            + (larger_css(screen) if larger else ""))
