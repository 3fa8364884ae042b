// The kiosk by keys alone: its keypad sends ordinary keys. Enter or Space on the attract screen enters, as a touch
// does; Tab, Shift+Tab and the arrow keys move between the buttons (Up and Down scroll a story that scrolls), and
// Enter and Space press them (the browser's own); Escape closes an entry; Home starts over; F1 shows or hides the
// key help and says it aloud, which any key or touch closes (and silences); F2 turns the audio guide on or off and
// + and - change the volume (the guide's script, kiosk-guide.js, keeps both). Each action clicks one of the page's own buttons, found by its key class,
// so it is the same Streamlit callback a touch runs. Installed once per page; a later run only updates the
// settings and marks whether "Larger text" is on (aria-pressed).
(function (config) {
  var k = window.__kioskKeys || (window.__kioskKeys = {});
  Object.assign(k, config);
  var larger = document.querySelector(k.larger);
  if (larger) larger.setAttribute("aria-pressed", String(k.largerOn));
  if (k.installed) return;
  k.installed = true;
  var root = document.documentElement;
  var before = null;  // what had focus when the help opened, to return to when it closes
  function click(selector) {
    var button = document.querySelector(selector);
    if (!button || button.disabled) return false;
    button.click();
    return true;
  }
  function shown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  }
  function move(step) {
    var all = Array.prototype.filter.call(document.querySelectorAll(k.focusable), function (element) {
      // a focusable box around buttons (Streamlit's scrolling main area) is a way through, not a stop
      return !element.disabled && shown(element) && !element.querySelector("button");
    });
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    all[at < 0 ? (step > 0 ? 0 : all.length - 1) : (at + step + all.length) % all.length].focus();
  }
  function scrollsItself(target, key) {  // a long story: Up and Down read on, as they would anywhere else
    return (key === "ArrowUp" || key === "ArrowDown") && target.matches && target.matches(k.scrollable)
      && target.scrollHeight > target.clientHeight + 1;
  }
  function help(open) {
    var box = document.getElementById(k.helpId);
    var guide = window.__kioskGuide;
    if (open) {
      before = document.activeElement;
      root.classList.add(k.helpClass);
      if (box) box.focus();
      if (guide) guide.say(k.helpClip);
    } else if (root.classList.contains(k.helpClass)) {
      root.classList.remove(k.helpClass);
      if (guide) guide.hush();
      if (before && before.isConnected) before.focus();
    }
  }
  function sound(key) {  // true when the key was the guide's or the volume's
    var guide = window.__kioskGuide;
    if (!guide || (key !== "F2" && key !== "+" && key !== "-")) return false;
    if (key === "F2") guide.toggle();
    else guide.step(key === "+" ? 1 : -1);
    return true;
  }
  document.addEventListener("pointerdown", function () { help(false); }, {capture: true, passive: true});
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (root.classList.contains(k.helpClass)) {
      help(false);  // any key closes the help, and does nothing else
    } else if (key === "F1") {
      help(true);
    } else if (sound(key)) {
      // done
    } else if (document.querySelector(k.attract)) {
      if (key !== "Enter" && key !== " " && key !== "Home") return;
      click(k.enter);
    } else if (key === "Escape") {
      if (!click(k.back)) return;
    } else if (key === "Home") {
      click(k.reset);
    } else if (key === "ArrowRight" || key === "ArrowDown" || key === "ArrowLeft" || key === "ArrowUp") {
      if (scrollsItself(event.target, key)) return;
      move(key === "ArrowRight" || key === "ArrowDown" ? 1 : -1);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }, true);
})(JSON.parse(document.currentScript.dataset.config));
