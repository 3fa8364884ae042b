// One tap on a chart marker, or a plain click on an entry's link in the list, opens the entry in place, on the web
// page and the kiosk alike.
//
// On touch screens Streamlit's own selection lags one tap behind, but Plotly's click event names the right point.
// So this script writes the tapped entry's id into the address (config.param) and dispatches the event on which
// Streamlit adopts the address and reruns the page (config.rerunEvent), as it does for Back and Forward: the page
// does not reload and the visitor's other parameters stay. With config.push the address is a new history entry
// (Back closes the entry again); without it the current entry is replaced (the kiosk keeps no history to go back
// through). With config.touchOnly a mouse click is left to Streamlit's selection. The chart's selector and the
// event names are Streamlit's and Plotly's: they come in the config, from timeline/ui/compat.py.
//
// With config.links, a left click (or Enter) with no modifier key on a link it selects goes the same way, to the
// entry its address names; any other click (a new tab, a new window) is left to the browser.
(function (config) {
  var installed = window.__chartTap || (window.__chartTap = {});
  if (installed[config.param]) return;  // listeners once per page, whatever the reruns
  installed[config.param] = true;
  var validId = new RegExp(config.idPattern);
  var pointer = "mouse";
  // Open entry `id` in place; false when it is not an entry id (nothing happens then).
  function go(id) {
    if (typeof id !== "string" || !validId.test(id)) return false;
    var url = new URL(window.location.href);
    url.searchParams.set(config.param, id);
    if (config.push) {
      if (url.href === window.location.href) return true;  // its entry is open already: no second step for Back
      window.history.pushState({}, "", url.toString());
    } else {
      window.history.replaceState(window.history.state, "", url.toString());
    }
    window.dispatchEvent(new PopStateEvent(config.rerunEvent, {state: window.history.state}));
    return true;
  }
  function open(event) {
    var point = event && event.points && event.points[0];
    if (config.touchOnly && pointer !== "touch") return;
    go(point && point.customdata && point.customdata[0]);
  }
  // Listen on the chart before Plotly handles this touch, exactly once: a chart drawn anew (Plotly drops its
  // listeners then) or a moment ago has none, one that kept ours must not get a second.
  document.addEventListener("pointerdown", function (e) {
    pointer = e.pointerType;
    document.querySelectorAll(config.chart).forEach(function (plot) {
      if (typeof plot.on !== "function") return;
      plot.removeListener(config.clickEvent, open);
      plot.on(config.clickEvent, open);
    });
  }, {capture: true, passive: true});
  if (!config.links) return;
  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var link = e.target instanceof Element ? e.target.closest(config.links) : null;
    if (link && go(new URL(link.href).searchParams.get(config.param))) e.preventDefault();
  });
})(JSON.parse(document.currentScript.dataset.config));
