/* Small screens (progressive enhancement; everything works without it):
   - filter disclosures (details[data-sn-fold-narrow], open in the HTML) start folded on a narrow screen;
   - a table that is wider than its wrapper (.sn-table-wrap) becomes a labelled, keyboard-scrollable region
     named after its caption, so it scrolls on its own instead of the page. */
(function () {
  var narrow = window.matchMedia("(max-width: 48rem)");
  if (narrow.matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-sn-fold-narrow]"), function (d) {
      d.open = false;
    });
  }
  var serial = 0;
  function label(wrap) {
    if (wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.hasAttribute("role")) return;
    var caption = wrap.querySelector("caption");
    if (caption) {
      if (!caption.id) caption.id = "sn-table-caption-" + (++serial);
      wrap.setAttribute("aria-labelledby", caption.id);
    } else {
      wrap.setAttribute("aria-label", document.documentElement.lang === "nl" ? "Tabel" : "Table");
    }
    wrap.setAttribute("role", "region");
    wrap.setAttribute("tabindex", "0");
  }
  function all() { Array.prototype.forEach.call(document.querySelectorAll(".sn-table-wrap"), label); }
  all();
  window.addEventListener("resize", all);
})();
