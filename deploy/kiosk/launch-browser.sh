#!/usr/bin/env bash
# Open the exhibit full screen in Chromium once the local server answers; run by timeline-kiosk-browser.service.
#
# Each start gets a fresh, throw-away profile, so there is never a "restore pages?" prompt, a stale cache or
# a visitor's history. Chromium's managed policy (chromium-policy.json) blocks every other address, downloads,
# printing, file dialogs and developer tools. The kiosk's own page hides Streamlit's chrome and resets itself.
set -euo pipefail

KIOSK_ORIGIN="${KIOSK_ORIGIN:-http://127.0.0.1:8501}"
# embed=true and hide_loading_screen: no Streamlit header and no start-up skeleton.
KIOSK_URL="${KIOSK_URL:-$KIOSK_ORIGIN/?embed=true&embed_options=hide_loading_screen}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-300}"  # seconds; a cold server on a slow disk can take a minute

waited=0
until [ "$(curl -fsS --max-time 2 "$KIOSK_ORIGIN/_stcore/health" 2>/dev/null)" = "ok" ]; do
    if [ "$waited" -ge "$HEALTH_TIMEOUT" ]; then
        echo "launch-browser: $KIOSK_ORIGIN/_stcore/health did not answer in ${HEALTH_TIMEOUT}s" >&2
        exit 1  # systemd starts us again (Restart=always)
    fi
    sleep 1
    waited=$((waited + 1))
done

PROFILE="$(mktemp -d "${TMPDIR:-/tmp}/timeline-kiosk-profile.XXXXXX")"
trap 'rm -rf "$PROFILE"' EXIT

if command -v xset >/dev/null 2>&1 && [ -n "${DISPLAY:-}" ]; then
    xset s off -dpms s noblank || true  # X11 only: never blank the screen (Wayland: see docs/kiosk.md)
fi

# Not exec: the trap must remove the profile when Chromium exits. --autoplay-policy: the audio guide speaks each
# screen as it appears, before any touch.
"$CHROMIUM" \
    --kiosk "$KIOSK_URL" \
    --user-data-dir="$PROFILE" \
    --no-first-run --no-default-browser-check \
    --disable-session-crashed-bubble --hide-crash-restore-bubble --disable-infobars --noerrdialogs \
    --disable-pinch --overscroll-history-navigation=0 \
    --disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,TouchpadOverscrollHistoryNavigation,MediaRouter \
    --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
    --disable-extensions --disable-notifications --disable-translate --password-store=basic \
    --check-for-update-interval=31536000 \
    --autoplay-policy=no-user-gesture-required \
    --touch-events=enabled \
    "$@"
