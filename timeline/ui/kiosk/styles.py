"""The kiosk's look: type and targets for arm's length, no Streamlit chrome, a layout per orientation.

One stylesheet, sent once per run as a style-only ``st.html`` (Streamlit puts that in its event container,
where it takes no room). The attract loop is pure CSS, so an idle kiosk costs the server nothing.
Sizes: body text 24 px and up, every target at least 56 px (``TARGET_PX``) both ways.
"""

from __future__ import annotations

from timeline.figure import BACKGROUND, era_number_color

TARGET_PX = 64  # above the 56 px minimum, so borders and rounding never take a target under it
SLIDE_SECONDS = 7  # how long each featured entry stays on the attract screen
FADE_SECONDS = 1.2

_CHROME = """
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stAppToolbar"], [data-testid="stMainMenu"],
[data-testid="stAppDeployButton"], [data-testid="stStatusWidget"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbarActions"],
[data-testid="stDialog"], [role="dialog"], [data-testid="stSkipToContent"], footer, .st-key-kiosk-reset {
  display: none !important; }
"""  # stDialog/role=dialog: the developer-facing "Connection error" modal during a server restart, too

_BASE = """
html { font-size: 24px; }
html, body, .stApp { overscroll-behavior: none; touch-action: pan-x pan-y; -webkit-user-select: none;
  user-select: none; -webkit-touch-callout: none; -webkit-tap-highlight-color: transparent; }
.stApp { background: #FFFFFF; color: #111111; }
.stMainBlockContainer { max-width: 100% !important; padding: 24px 40px 24px !important; }
.stMainBlockContainer [data-testid="stVerticalBlock"] { gap: 14px; }
[data-stale="true"], .stale-element { opacity: 1 !important; transition: none !important; }
img { -webkit-user-drag: none; }
.stApp code { font-family: inherit; font-size: inherit; color: inherit; background: none; padding: 0; }
.stApp button, .stApp [role="button"] { min-height: TARGETpx; min-width: TARGETpx; }
.stButton button, .stButtonGroup button { font-size: 24px; padding: 8px 24px; border-radius: 14px;
  border: 2px solid #143576; color: #143576; background: #FFFFFF; }
.stButton button p, .stButtonGroup button p { font-size: 24px; font-weight: 600; }
.stButton button[kind="primary"], .stButtonGroup button[aria-pressed="true"] { background: #143576;
  color: #FFFFFF; border-color: #143576; }
.stButton button:disabled { border-color: #9A9A9A; color: #5C5C5C; background: #F2F2F2; }
.stButton button:active, .stButtonGroup button:active { transform: scale(0.97); }
[data-testid="stWidgetLabel"] p { font-size: 24px; font-weight: 700; color: #111111; }
.kiosk-heading { font-size: 40px; font-weight: 800; margin: 0; line-height: 1.15; }
"""

_ATTRACT = """
.st-key-attract { position: fixed; inset: 0; z-index: 5; background: #111418; color: #FFFFFF;
  padding: 5vh 5vw 14vh; display: flex; flex-direction: column; gap: 3vh; }
.kiosk-attract-title { font-size: clamp(48px, 3.4vw, 72px); font-weight: 800; line-height: 1.1; margin: 0;
  max-width: 34ch; }
.kiosk-slides { position: relative; flex: 1 1 auto; min-height: 52vh; margin-top: 2vh; overflow: hidden; }
.kiosk-slide { position: absolute; inset: 0; display: grid; grid-template-columns: 3fr 2fr; gap: 4vw;
  align-items: center; opacity: 0; animation: kiosk-rotate var(--cycle) linear infinite both; }
.kiosk-slide img { width: 100%; height: 100%; max-height: 52vh; object-fit: contain; border-radius: 12px; }
.kiosk-slide-text { grid-template-columns: 1fr; align-content: center; }
.kiosk-slide-text .kiosk-slide-title { font-size: clamp(56px, 4vw, 88px); max-width: 32ch; }
.kiosk-slide-text .kiosk-slide-year { font-size: clamp(80px, 7.5vw, 160px); }
.kiosk-slide-category { font-size: clamp(36px, 2.2vw, 48px); font-weight: 700; color: #C9CED6; margin: 0;
  letter-spacing: 0.02em; }
.kiosk-slide-year { font-size: clamp(56px, 5vw, 104px); font-weight: 800; color: #F5C451; margin: 0;
  line-height: 1.1; }
.kiosk-slide-title { font-size: clamp(36px, 2.6vw, 56px); font-weight: 700; line-height: 1.2; margin: 0; }
.st-key-kiosk-enter { position: fixed !important; inset: 0; z-index: 6; }
.st-key-kiosk-enter .stButton, .st-key-kiosk-enter button { width: 100vw !important; height: 100vh !important; }
.st-key-kiosk-enter button { background: transparent !important; border: 0 !important; border-radius: 0;
  color: #FFFFFF !important; display: flex; align-items: flex-end; justify-content: center; padding-bottom: 5vh; }
.st-key-kiosk-enter button p { font-size: 44px !important; font-weight: 800; padding: 16px 48px;
  border-radius: 999px; background: #F5C451; color: #111418; animation: kiosk-pulse 2.4s ease-in-out infinite; }
@keyframes kiosk-pulse { 50% { transform: scale(1.05); } }
@media (orientation: portrait) {
  .kiosk-slide { grid-template-columns: 1fr; grid-template-rows: auto auto; align-content: center; }
  .kiosk-slide img { max-height: 44vh; }
  .kiosk-slides { min-height: 60vh; }
  .kiosk-slide-text .kiosk-slide-title { font-size: 6.4vw; }
  .kiosk-slide-text .kiosk-slide-year { font-size: 12vw; }
  .kiosk-slide-category { font-size: 4vw; }
  .st-key-attract { padding: 6vh 6vw 16vh; }
}
@media (prefers-reduced-motion: reduce) {
  .kiosk-slide { animation-timing-function: step-end; }
  .st-key-kiosk-enter button p { animation: none; }
}
"""

_EXPLORE = """
.stMainBlockContainer:has(.st-key-timeline-chart) { height: 100vh; }
.stMainBlockContainer:has(.st-key-timeline-chart) > [data-testid="stVerticalBlock"] { height: 100%; }
[data-testid="stLayoutWrapper"]:has(> .st-key-timeline-chart) { flex: 1 1 0; min-height: 300px; }
.st-key-timeline-chart { height: 100%; }
.st-key-kiosk-eras, .st-key-kiosk-filters { gap: 16px; }
.st-key-kiosk-eras { flex-wrap: wrap !important; }
.st-key-kiosk-eras > [class*="st-key-kiosk-era-"]:not(.st-key-kiosk-era-0) { flex: 1 1 300px; }
.st-key-kiosk-eras > [class*="st-key-kiosk-era-"] .stButton, .st-key-kiosk-eras button { width: 100%; }
.st-key-kiosk-eras button { min-height: 88px; justify-content: flex-start; }
.st-key-kiosk-eras button p > code:last-child { white-space: nowrap; }
.st-key-kiosk-eras button p { white-space: normal; text-align: left; line-height: 1.2; }
.st-key-kiosk-eras button p > code:first-child:not(:only-child) { display: inline-block; min-width: 1.5em;
  margin-right: 0.3em; padding: 0 0.25em; border: 1px solid #8F8F8F; border-radius: 6px; background: var(--era);
  color: #111111; font-weight: 800; text-align: center; }
.st-key-kiosk-categories [data-testid="stButtonGroup"] { display: flex; align-items: center; gap: 20px; }
.st-key-kiosk-categories [data-testid="stWidgetLabel"] { margin: 0; white-space: nowrap; }
.st-key-filters { gap: 12px; }
.kiosk-under-chart { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline;
  gap: 8px 40px; }
.kiosk-under-chart .chart-key { list-style: none; display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0;
  padding: 0; font-size: 24px; color: #333333; }
.kiosk-under-chart .chart-key li { margin: 0; }
.kiosk-under-chart .key-glyph { color: #4A4A4A; margin-right: 10px; }
.st-key-event-list { flex-wrap: nowrap !important; overflow-x: auto; overflow-y: hidden; gap: 20px;
  scroll-snap-type: x mandatory; padding: 4px 4px 16px; scrollbar-width: thick; }
.st-key-event-list > div { flex: 0 0 auto; width: auto !important; }
[class*="st-key-kiosk-card-"] { position: relative; flex: 0 0 340px !important; width: 340px !important;
  scroll-snap-align: start; background: #F6F3EC; border: 2px solid #D8D1C2; border-radius: 16px; padding: 12px;
  gap: 8px; }
[class*="st-key-kiosk-card-"]:has(button:active) { outline: 4px solid #143576; }
.kiosk-card { height: 270px; overflow: hidden; }
.kiosk-card img { width: 100%; height: 150px; object-fit: cover; border-radius: 10px; display: block; }
.kiosk-card-band { border-top: 14px solid; padding-top: 8px; margin: 0; font-size: 24px; font-weight: 700;
  color: #333333; }
.kiosk-card-year { font-size: 24px; font-weight: 800; color: #7C3B06; margin: 8px 0 2px; }
.kiosk-card-title { font-size: 26px; line-height: 1.25; margin: 0; display: -webkit-box; -webkit-line-clamp: 4;
  -webkit-box-orient: vertical; overflow: hidden; }
[class*="st-key-kiosk-open-"] { position: absolute !important; inset: 0; z-index: 2; }
[class*="st-key-kiosk-open-"] .stButton, [class*="st-key-kiosk-open-"] button { width: 100% !important;
  height: 100% !important; }
[class*="st-key-kiosk-open-"] button { background: transparent !important; border: 0 !important;
  color: transparent !important; }
.kiosk-count { font-size: 24px; color: #333333; margin: 0; }
.st-key-kiosk-pages { align-items: center; gap: 24px; }
.st-key-kiosk-pages button { min-width: 280px; }
@media (orientation: portrait) {
  .st-key-event-list { display: grid !important; grid-auto-flow: column; grid-template-rows: repeat(2, auto);
    grid-auto-columns: 460px; }
  [class*="st-key-kiosk-card-"] { width: 460px !important; }
  .kiosk-card { height: 280px; }
  .st-key-kiosk-categories [data-testid="stButtonGroup"] { display: block; }
  .st-key-kiosk-eras > [class*="st-key-kiosk-era-"]:not(.st-key-kiosk-era-0) { flex-basis: 400px; }
  .kiosk-card-title { font-size: 30px; }
}
"""

_ENTRY = """
.st-key-event-detail { padding-bottom: 120px; }
.st-key-event-detail [data-testid="stHorizontalBlock"]:not(.st-key-kiosk-nav) { gap: 48px; align-items: flex-start; }
.kiosk-entry-image img { width: 100%; max-height: 70vh; object-fit: contain; border-radius: 12px; }
.kiosk-entry-image figcaption { font-size: 24px; color: #333333; margin-top: 8px; }
.kiosk-date { font-size: 32px; font-weight: 800; color: #7C3B06; margin: 0; }
.kiosk-title { font-size: 48px; font-weight: 800; line-height: 1.15; margin: 4px 0 16px; }
.kiosk-story { max-height: calc(100vh - 460px); overflow-y: auto; padding-right: 16px;
  scrollbar-color: #7C7C7C #ECE8DF; }
@supports (animation-timeline: scroll()) {
  .kiosk-story { animation: kiosk-more linear both; animation-timeline: scroll(self); }
}
@keyframes kiosk-more { 0%, 96% { mask-image: linear-gradient(#000 calc(100% - 96px), transparent); }
  100% { mask-image: none; } }
.kiosk-text p, .kiosk-quote p { font-size: 28px; line-height: 1.5; margin: 0 0 16px; }
.kiosk-quote { margin: 0 0 16px; padding-left: 28px; border-left: 8px solid #F5C451; }
.kiosk-quote p { font-size: 34px; font-style: italic; }
.kiosk-quote footer { font-size: 26px; color: #333333; }
.kiosk-note { font-size: 24px; background: #FFF4D6; border-left: 8px solid #B7791F; padding: 12px 16px; }
.kiosk-sources { font-size: 24px; color: #333333; }
.kiosk-sources ul { margin: 4px 0 0; padding-left: 28px; }
.kiosk-qr { display: flex; align-items: center; gap: 24px; margin: 16px 0 0; }
.kiosk-qr svg { shape-rendering: crispEdges; flex: 0 0 auto; }
.kiosk-qr figcaption { font-size: 28px; font-weight: 700; }
.st-key-kiosk-nav { position: fixed; left: 0; right: 0; bottom: 0; z-index: 4; background: #FFFFFF;
  border-top: 2px solid #D8D1C2; padding: 16px 40px; justify-content: space-between; }
.st-key-kiosk-nav button { min-width: 260px; }
@media (orientation: portrait) {
  .st-key-event-detail [data-testid="stHorizontalBlock"]:not(.st-key-kiosk-nav) { flex-direction: column; gap: 24px; }
  .st-key-event-detail [data-testid="stColumn"] { width: 100% !important; flex: 1 1 auto !important; }
  .kiosk-entry-image img { max-height: 30vh; }
  .kiosk-story { max-height: calc(100vh - 1100px); }
}
"""

_PROMPT = """
#kiosk-still { display: none; }
html.kiosk-still #kiosk-still { display: flex; position: fixed; inset: 0; z-index: 1000; align-items: center;
  justify-content: center; background: rgba(17, 20, 24, 0.82); }
#kiosk-still div { background: #FFFFFF; color: #111111; border-radius: 24px; padding: 48px 64px;
  text-align: center; max-width: 80vw; }
#kiosk-still strong { display: block; font-size: 56px; }
#kiosk-still span { display: block; font-size: 32px; margin-top: 16px; }
"""


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
    return "".join(f".st-key-kiosk-era-{n} {{ --era: {era_number_color(n, BACKGROUND)}; }}" for n in range(1, eras + 1))


def kiosk_css(slides: int, eras: int = 0) -> str:
    """The whole stylesheet as one ``<style>`` element."""
    body = "".join((_CHROME, _BASE, _ATTRACT, _EXPLORE, _ENTRY, _PROMPT)).replace("TARGETpx", f"{TARGET_PX}px")
    return f"<style>{body}{rotation_css(slides)}{era_number_css(eras)}</style>"
