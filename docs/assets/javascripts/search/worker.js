// The search worker for one language of the site: Material for MkDocs' own
// worker (imported at the end) given that language's pages and rules.
//
// mkdocs-static-i18n merges every language into one search index with one
// configuration (lang ru + en, no stemming): the Kazakh site's search returned
// Russian and English pages, and Kazakh words were cut by no Kazakh rule. Here
// the setup message keeps the pages of this page's language (?lang=; the others
// are under /<lang>/, named in ?sections=) and that language's lunr pipeline:
// trimmer, stop words and stemmer, Kazakh from ../lunr/min/lunr.kk.min.js.
//
// Material ends every search term with a wildcard, and lunr runs no pipeline
// on wildcard terms: the index would hold stems and the query whole words
// ("казахстана*" misses the stem "казахстан"). So the query's words are stemmed
// here, as the index's are, and the wildcard then finds every longer form.
"use strict";

var params = new URL(self.location.href).searchParams;
var LANG = params.get("lang");
var DEFAULT = params.get("default");
var SECTIONS = (params.get("sections") || "").split(",").filter(Boolean);
var SETUP = 0; // Material's SearchMessageType
var QUERY = 2;

function languageOf(location) {
  for (var i = 0; i < SECTIONS.length; i++) {
    if (location.indexOf(SECTIONS[i] + "/") === 0) return SECTIONS[i];
  }
  return DEFAULT;
}

function stemmerOf(lunr) {
  return LANG === "en" ? lunr.stemmer : lunr[LANG].stemmer;
}

// Words only: operators, quotes and field names (title:) are left as they are,
// and so are words marked + or -, which Material sends through lunr's own
// search pipeline (which stems them) with no wildcard.
var WORD = /(?<![\p{L}\p{N}]|(?:^|\s)[+-])[\p{L}\p{N}]+(?![\p{L}\p{N}:])/gu;

// Kazakh gives each word every reading of its stem (komissiya-sy, ariptes-i),
// and a short stem as an exact term ("^1" keeps Material from adding the
// wildcard): "ел" must find ел, елдің, елге, not елші.
function stemQuery(query) {
  var lunr = self.lunr;
  var stem = stemmerOf(lunr);
  var kazakh = LANG === "kk" && self.lunrKazakh;
  return query.replace(WORD, function (word) {
    if (kazakh) {
      return kazakh.queryTerms(word).map(function (term) {
        return term.whole ? term.stem + "^1" : term.stem;
      }).join(" ");
    }
    return stem(new lunr.Token(word.toLowerCase(), {})).toString();
  });
}

// Registered before Material's listener, so it runs first, on the same message.
addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    var data = message.data;
    data.docs = data.docs.filter(function (doc) {
      return languageOf(doc.location) === LANG;
    });
    data.config.lang = [LANG];
    data.config.pipeline = ["trimmer", "stopWordFilter", "stemmer"];
  } else if (message.type === QUERY) {
    message.data = stemQuery(message.data);
  }
});

importScripts(params.get("material"));
