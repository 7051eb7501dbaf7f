// The language switcher leads to the same interview in another language; keep
// the question the reader is at (#q3) when switching.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (link && window.location.hash && !link.hash) {
    link.hash = window.location.hash;
  }
});
