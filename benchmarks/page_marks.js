// Installed before the page's own scripts (Playwright add_init_script), so times are the page's own:
// performance.now() counts from the start of the navigation, with no test harness polling in between.
// watch(name, test) runs test() in every animation frame and stamps marks[name] in the first frame where it
// holds: that frame paints the change. (A MutationObserver alone would miss layout shifts, which mutate nothing.)
// The click listener stamps the visitor's last click on the same clock.
(() => {
  const marks = {};
  let lastClick = null;
  document.addEventListener("click", () => { lastClick = performance.now(); }, true);
  const watch = (name, test) => {
    delete marks[name];
    const frame = () => {
      if (test()) marks[name] = performance.now();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  // drawn: laid out with a size somewhere on the page; onScreen: drawn and inside the first screen.
  const boxes = (selector) => Array.from(document.querySelectorAll(selector), (el) => el.getBoundingClientRect())
    .filter((box) => box.width > 0 && box.height > 0);
  const drawn = (selector) => boxes(selector).length > 0;
  const onScreen = (selector) => boxes(selector).some((box) => box.top < innerHeight && box.bottom > 0);
  const text = (selector) => document.querySelector(selector)?.textContent;
  // The text of ``selector`` differs from now, and ``settled`` (the app's idle marker) is on the page.
  const watchChange = (name, selector, settled) => {
    const before = text(selector);
    watch(name, () => text(selector) !== before && document.querySelector(settled) !== null);
  };
  window.__bench = {marks, watch, watchChange, drawn, onScreen, lastClick: () => lastClick};
})();
