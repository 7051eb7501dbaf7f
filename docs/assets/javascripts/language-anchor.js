// The language switcher leads to the same interview in another language; keep
// the question the reader is at (#q3) when switching.
//
// Material's own language handler (on document.body) would replace the link
// with an address it builds from the sitemap, which for these links is the
// translation's address without its trailing slash and anchor; the links
// already lead to the translation, so the click stops here (capture phase),
// before Material sees it, and the browser follows the link.
document.addEventListener(
  "click",
  function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link) return;
    if (link.matches(".md-select__link") && window.location.hash && !link.hash) {
      link.hash = window.location.hash;
    }
    event.stopPropagation();
  },
  true
);

// Material also fetches "sitemap.xml" beside every <link rel="alternate"> on
// every page (as if each were a language's home), for its click handler above
// to look the translation up in: 1.9 MB per language at 1,000 interviews. The
// links here already lead to the page's translations and that handler never
// sees a click on them, so those requests are answered with an empty sitemap
// in the page itself: nothing is fetched, and Material's handler, for any
// other link, does what it does when a page is in no sitemap (follows it).
(function () {
  var EMPTY = "data:application/xml," +
    encodeURIComponent('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>');
  var alternates = Array.prototype.map.call(
    document.querySelectorAll("link[rel=alternate]"),
    function (link) {
      return new URL("sitemap.xml", link.href).href;
    }
  );
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (alternates.indexOf(new URL(url, location.href).href) !== -1) {
      args[1] = EMPTY;
    }
    return open.apply(this, args);
  };
})();
