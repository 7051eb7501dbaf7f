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

// Material also fetches "sitemap.xml" beside every <link rel="alternate">, as if
// each were a language's home; ours are this page's translations and the
// language's feed (type="application/rss+xml"), with no sitemap beside them: a
// 404 (or, before site_url is set, a request to another host) for every one on
// every page. The site's one sitemap answers them.
(function () {
  var config = document.getElementById("__config");
  if (!config) return;
  var sitemap = new URL("sitemap.xml", new URL(JSON.parse(config.textContent).base, location.href));
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
      args[1] = sitemap.href;
    }
    return open.apply(this, args);
  };
})();
