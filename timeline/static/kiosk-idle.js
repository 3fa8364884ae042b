// The kiosk's idle timer: only the page knows when the last touch was (pans and zooms on the chart never reach the
// server). On timeout it clicks the hidden reset button, so the reset itself is an ordinary Streamlit callback;
// config.prompt seconds before, it shows "Still exploring?" with a countdown, which any touch or key dismisses.
// Sound or video that is playing (narration a visitor chose to hear) counts as activity, as a touch does; the audio
// guide's own words (config.guideId) do not, and with the guide on the prompt is said aloud as it shows.
// Listeners are installed once per page; a later run only updates the settings. Nothing runs while the attract
// screen is up.
(function (config) {
  var k = window.__kioskIdle || (window.__kioskIdle = {last: Date.now()});
  Object.assign(k, config);
  if (k.installed) return;
  k.installed = true;
  var root = document.documentElement;
  function touched() { k.last = Date.now(); root.classList.remove(k.promptClass); }
  ["pointerdown", "touchstart", "wheel", "keydown"].forEach(function (type) {
    document.addEventListener(type, touched, {capture: true, passive: true});
  });
  function playing() {
    return Array.prototype.some.call(document.querySelectorAll("audio, video"), function (media) {
      return media.id !== k.guideId && !media.paused && !media.ended;
    });
  }
  function tick() {
    if (document.querySelector(k.attract) || playing()) { touched(); return; }
    var left = k.seconds - (Date.now() - k.last) / 1000;
    if (left <= 0) {
      var reset = document.querySelector(k.reset);
      if (reset) reset.click();
      touched();
    } else if (left <= k.prompt) {
      var guide = window.__kioskGuide;
      if (!root.classList.contains(k.promptClass) && guide && guide.on) guide.say(k.promptClip);
      root.classList.add(k.promptClass);
      var count = document.getElementById(k.countId);
      if (count) count.textContent = String(Math.ceil(left));
    } else {
      root.classList.remove(k.promptClass);
    }
  }
  setInterval(tick, k.tickMs);
})(JSON.parse(document.currentScript.dataset.config));
