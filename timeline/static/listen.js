/* Listen: highlights an entry's words as its narration reads them, and drives the large Listen/Pause button.
   One script for the static site's entry pages and the Streamlit pages (templates/listen.html draws the player).

   The contract, in data attributes (all set by the templates, never by curator text):
   - an audio element with data-listen="ID" (and preload="none"): an entry's narration, with a captions track
     whose cues are the sentences read, numbered 1, 2, 3... in order (timeline/narration/captions.py).
   - data-listen-text="ID": the element holding that entry's words; inside it, data-cue="N" marks the words cue N
     reads (the date, the title, each sentence of the story).
   - a button with data-listen-toggle="ID", aria-pressed, data-label-play and data-label-pause: plays and pauses
     that entry's audio (the kiosk's large button); its label and aria-pressed follow the player.
   While cue N is read, its words get the class "listen-now" and aria-current="true"; nothing scrolls smoothly
   (the page scrolls only when the words leave the screen, instantly). Nothing is fetched before play: the captions
   are switched on ("hidden": read by the script, not drawn) at the first play.
   Listeners sit on the document (media events do not bubble, so they are caught on their way down), so an entry
   drawn again by Streamlit needs nothing set up again; the script installs itself once per page.
   No angle brackets before a letter in this file, comments included: Streamlit's st.html drops such a script
   (timeline/ui/compat.py, script_element). */
(() => {
  "use strict";
  if (window.timelineListen) return;
  window.timelineListen = true;
  const NOW = "listen-now";

  const textFor = (audio) => document.querySelector('[data-listen-text="' + CSS.escape(audio.dataset.listen) + '"]');
  const trackOf = (audio) => audio.querySelector("track");

  function clear(audio) {
    const text = textFor(audio);
    if (!text) return;
    text.querySelectorAll("." + NOW).forEach((el) => { el.classList.remove(NOW); el.removeAttribute("aria-current"); });
  }

  function mark(audio) {
    const track = trackOf(audio);
    const text = textFor(audio);
    if (!track || !text) return;
    clear(audio);
    const cues = track.track.activeCues;
    if (!cues || !cues.length) return;
    const words = text.querySelectorAll('[data-cue="' + CSS.escape(cues[cues.length - 1].id) + '"]');
    words.forEach((el) => { el.classList.add(NOW); el.setAttribute("aria-current", "true"); });
    const first = words[0];
    if (first) {
      const box = first.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) first.scrollIntoView({ block: "center", behavior: "instant" });
    }
  }

  function label(audio) {
    document.querySelectorAll('[data-listen-toggle="' + CSS.escape(audio.dataset.listen) + '"]').forEach((button) => {
      const playing = !audio.paused && !audio.ended;
      button.setAttribute("aria-pressed", String(playing));
      button.textContent = playing ? button.dataset.labelPause : button.dataset.labelPlay;
    });
  }

  const narration = (event) => event.target instanceof HTMLMediaElement && event.target.dataset.listen;

  document.addEventListener("play", (event) => {
    if (!narration(event)) return;
    const track = trackOf(event.target);
    if (track && track.track.mode === "disabled") track.track.mode = "hidden";  // loads the captions now
    document.querySelectorAll("audio[data-listen]").forEach((other) => { if (other !== event.target) other.pause(); });
    label(event.target);
  }, true);
  ["pause", "ended", "emptied"].forEach((type) => document.addEventListener(type, (event) => {
    if (!narration(event)) return;
    label(event.target);
    if (type !== "pause") clear(event.target);
  }, true));
  document.addEventListener("cuechange", (event) => {
    const audio = event.target.parentElement;
    if (event.target.tagName === "TRACK" && audio && audio.dataset.listen) mark(audio);
  }, true);

  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-listen-toggle]");
    if (!button) return;
    const audio = document.querySelector('audio[data-listen="' + CSS.escape(button.dataset.listenToggle) + '"]');
    if (!audio) return;
    if (audio.paused || audio.ended) audio.play().catch(() => label(audio));
    else audio.pause();
  });
})();
