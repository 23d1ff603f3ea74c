/* Progressive enhancement: on small screens the navigation collapses behind one menu button.
   Without JavaScript the navigation is simply shown above the content. */
(function () {
  var nav = document.querySelector("[data-sn-menu]");
  if (!nav) return;
  var button = nav.querySelector(".sn-menu-button");
  var groups = nav.querySelector(".sn-sidenav__groups");
  var narrow = window.matchMedia("(max-width: 48rem)");
  document.documentElement.classList.add("sn-js");
  function apply() {
    var collapsed = narrow.matches && button.getAttribute("aria-expanded") !== "true";
    groups.hidden = collapsed;
    button.hidden = !narrow.matches;
  }
  button.addEventListener("click", function () {
    button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
    apply();
  });
  narrow.addEventListener("change", apply);
  apply();
})();
