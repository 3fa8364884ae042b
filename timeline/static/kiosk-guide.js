// The kiosk's sound: the audio guide and the volume. The guide speaks clips built by `python -m timeline audio`
// (never the browser's own speech: Chromium on Linux has none). With the guide on, each screen announces itself
// as it appears, and each element that takes focus says its name: the clip named by its data-say attribute
// (config.marks sets them on the page's buttons, and each card's is its entry's title clip). Which clips exist,
// and their files, the page reads from the narration's manifest.json, again at each new visit: a clip the
// manifest lacks is simply not played, and nothing fails without one. Opening an entry
// plays its narration. F1's key help is spoken whether the guide is on or not (the key script calls say).
// The volume applies to every sound the page plays (the guide's and the narration's) and goes back to the
// default each time the attract screen appears: a new visitor starts as the exhibit was set up, with the guide
// off. State lives here, in the page; window.__kioskGuide's toggle, step and say are what the key script and the
// on-screen buttons (data-guide="toggle", data-volume="1" or "-1") call. Installed once per page; a later run only
// updates the settings, marks the buttons and announces the screen when it changed.
(function (config) {
  var g = window.__kioskGuide;
  if (!g) g = window.__kioskGuide = install(config);
  g.config = config;
  config.marks.forEach(function (mark) {  // this run's buttons, each with the clip that names it
    document.querySelectorAll(mark[0]).forEach(function (element, index) {
      var key = mark[1][Math.min(index, mark[1].length - 1)];
      if (key) element.setAttribute("data-say", key);
    });
  });
  document.querySelectorAll('[class*="' + config.cardPrefix + '"] button').forEach(function (button) {
    var card = button.closest('[class*="' + config.cardPrefix + '"]').className.toString()
      .split(/\s+/).find(function (name) { return name.indexOf(config.cardPrefix) === 0; });
    button.setAttribute("data-say", config.titlePrefix + card.slice(config.cardPrefix.length));
  });
  var screen = config.screen + ":" + config.entry;
  if (screen !== g.screenKey) {
    var fresh = config.screen === "attract" && g.screen !== "attract";
    g.screenKey = screen;
    g.screen = config.screen;
    if (fresh) {  // a new visitor: the exhibit's own volume, no guide until one asks for it, the newest clips
      g.on = false;
      g.hush();
      g.setVolume(config.volume);
      g.load();
    } else if (g.on) {
      g.announce();
    }
  }
  g.show();

  function install(first) {
    var player = document.createElement("audio");
    player.id = first.playerId;
    player.preload = "auto";
    document.body.appendChild(player);
    var s = {on: false, volume: first.volume, screen: null, screenKey: null, queue: [], announcedAt: 0, clips: {},
             config: first};
    var opus = player.canPlayType("audio/ogg; codecs=opus");

    function address(key) {
      var clip = s.clips[key];
      if (!clip || !clip.audio) return null;
      var name = (opus && clip.audio.ogg) || clip.audio.mp3 || clip.audio.ogg;
      return name ? s.config.base + name : null;
    }
    s.load = function () {
      fetch(s.config.manifest, {cache: "no-cache"}).then(function (response) {
        return response.ok ? response.json() : {};
      }).then(function (manifest) { s.clips = manifest.prompts || {}; }).catch(function () {});
    };
    function playNext() {
      var next = s.queue.shift();
      if (!next) return;
      player.src = next;
      player.volume = s.volume;
      player.play().catch(function () { s.queue = []; });
    }
    function narration() { return document.querySelector(s.config.narration); }
    s.say = function (key, after) {  // after: wait for what is being said (focus set right after a screen's words)
      var found = address(key);
      if (!found) return;
      if (after && !player.paused && !player.ended) { s.queue.push(found); return; }
      s.queue = [found];
      playNext();
    };
    s.hush = function () { s.queue = []; player.pause(); };
    s.show = function () {
      document.querySelectorAll(s.config.toggle).forEach(function (button) {
        button.setAttribute("aria-pressed", String(s.on));
      });
      document.querySelectorAll(s.config.level).forEach(function (level) {
        level.textContent = Math.round(s.volume * 100) + "%";
      });
      document.querySelectorAll(s.config.step).forEach(function (button) {
        button.disabled = button.dataset.volume === "1" ? s.volume >= 1 : s.volume <= 0;
      });
    };
    s.setVolume = function (value) {
      s.volume = Math.round(Math.min(1, Math.max(0, value)) * 10) / 10;
      document.querySelectorAll("audio, video").forEach(function (media) { media.volume = s.volume; });
      s.show();
    };
    s.announce = function () {
      var listen = narration();
      s.announcedAt = Date.now();
      if (s.screen === "entry" && listen) {  // opening an entry plays its narration
        s.hush();
        listen.volume = s.volume;
        listen.play().catch(function () { s.say(s.config.screenClip); });
      } else {
        s.say(s.config.screenClip);
      }
    };
    s.toggle = function () {
      s.on = !s.on;
      s.show();
      if (!s.on) { s.hush(); return; }
      s.say("label:guide");
      var screenWords = address(s.config.screenClip);
      if (screenWords) s.queue.push(screenWords);
    };
    s.step = function (direction) {
      s.setVolume(s.volume + 0.1 * direction);
      s.say(direction > 0 ? "label:louder" : "label:quieter");
    };

    document.addEventListener("focusin", function (event) {
      if (!s.on) return;
      var named = event.target.closest && event.target.closest("[data-say]");
      if (!named) return;
      var listen = narration();
      if (listen && !listen.paused) return;  // the entry's narration is not cut short by the focus it sets
      s.say(named.dataset.say, Date.now() - s.announcedAt < s.config.settleMs);
    });
    document.addEventListener("play", function (event) {  // every sound at the visitor's volume; one at a time
      if (event.target === player) return;
      event.target.volume = s.volume;
      s.hush();
    }, true);
    player.addEventListener("ended", playNext);
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-guide], [data-volume]");
      if (!button || button.disabled) return;
      if (button.dataset.guide === "toggle") s.toggle();
      else s.step(Number(button.dataset.volume));
    });
    s.load();
    return s;
  }
})(JSON.parse(document.currentScript.dataset.config));
