// Glossary abbreviations explain themselves on hover (Material's tooltips for
// <abbr title>). On a phone there is no hover: make each one focusable, so a
// tap focuses it and shows the same explanation.
document$.subscribe(function () {
  document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
    abbr.setAttribute("tabindex", "0");
  });
});
