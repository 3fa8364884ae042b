// Moves keyboard focus to where the visitor's attention now is (config.selector), or with config.reveal only
// scrolls it into view. The target may not be drawn yet: it is looked for every 50 ms for three seconds.
(function (config) {
  var tries = 0;
  function move() {
    var target = document.querySelector(config.selector);
    if (!target) { if (++tries < 60) setTimeout(move, 50); return; }
    if (config.reveal) {  // again once the new chart is drawn, which may change its height
      var show = function () { target.scrollIntoView({block: "nearest"}); };
      [0, 400, 1200].forEach(function (wait) { setTimeout(show, wait); });
      return;
    }
    if (!target.matches("a, button, input, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus();
  }
  setTimeout(move, 0);
})(JSON.parse(document.currentScript.dataset.config));
