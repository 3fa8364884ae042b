"""The kiosk's look: ``timeline/static/kiosk.css``, plus the few rules that depend on the catalogue, sent once per run.

The attract loop is pure CSS, so an idle kiosk costs the server nothing; its keyframes depend on how many entries
are featured, and each era button's number takes the colour of the chart's tag for that era. Those two parts are
generated here from numbers; everything else is the static file.
"""

from __future__ import annotations

from timeline.figure import BACKGROUND, era_number_color
from timeline.ui.compat import key_selector
from timeline.ui.page_files import page_file

SLIDE_SECONDS = 7  # how long each featured entry stays on the attract screen
FADE_SECONDS = 1.2


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


def kiosk_css(slides: int, eras: int = 0) -> str:
    """The whole stylesheet, for ``compat.add_stylesheet``."""
    return page_file("kiosk.css") + rotation_css(slides) + era_number_css(eras)
