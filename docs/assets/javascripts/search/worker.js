// The search worker for one language of the site, in Material for MkDocs'
// worker protocol (setup → ready, query → result), reading the split index
// that pipeline/site/search_index.py writes under search/<lang>/: a query
// downloads the index's shard list, the shards of its words' first letters and
// the sections of the pages it shows, not the whole site's text.
//
// Words become terms as lunr.js made them for Material's own search: trimmer,
// stop words and the language's stemmer, the same JavaScript the index was
// built with. Which stemmer is the index's to say (index.json's "stemmer", from
// the pipeline's language registry): lunr's own English ("en"), lunr-languages'
// or our own ../lunr/min/lunr.<name>.min.js, or none (words as written), so a
// language added to the registry needs nothing here. A query term finds the
// index's terms that begin with it (Material's trailing wildcard), except words
// of one or two letters and what the stemmer's own queryTerms says to meet
// whole (Kazakh's short stems: "ел" must find ел, елдің, елдер, not елші).
"use strict";

var params = new URL(self.location.href).searchParams;
var LANG = params.get("lang");
var SETUP = 0; // Material's SearchMessageType
var READY = 1;
var QUERY = 2;
var RESULT = 3;
var PAGES_SHOWN = 10; // the best pages a result lists: one request each
var EXACT_BELOW = 3; // a query term shorter than this is not a prefix
var ROOT = new URL("../../../search/" + LANG + "/", self.location.href);

var manifest = null; // search/<lang>/index.json
var separator = /[\s\-]+/g;
var shards = new Map(); // file → Promise of its terms
var latest = 0; // the query answered last wins

var lunr = null; // from Material's worker, imported at the end
var language = null; // the stemmer's lunr functions, once index.json is read

function fetchJSON(path) {
  return fetch(new URL(path, ROOT)).then(function (response) {
    if (!response.ok) throw new Error(response.url + ": HTTP " + response.status);
    return response.json();
  });
}

// Every term a word of the text was indexed under (Kazakh: every reading).
var indexed = new Map();
function indexTerms(word) {
  var key = word.toLowerCase();
  if (!indexed.has(key)) {
    var tokens = [new lunr.Token(key, {})];
    [language.trimmer, language.stopWordFilter, language.stemmer].forEach(function (fn) {
      var out = [];
      tokens.forEach(function (token) {
        var r = fn(token, 0, tokens);
        (Array.isArray(r) ? r : [r]).forEach(function (t) {
          if (t !== undefined && t !== null && t.toString() !== "") out.push(t);
        });
      });
      tokens = out;
    });
    indexed.set(key, tokens.map(String));
  }
  return indexed.get(key);
}

// A query word's terms: [{stem, whole}], none for a stop word.
function queryTerms(word) {
  var token = language.trimmer(new lunr.Token(word.toLowerCase(), {}));
  if (!token || token.toString() === "" || !language.stopWordFilter(token)) return [];
  var terms = language.queryTerms
    ? language.queryTerms(token.toString())
    : [{ stem: language.stemmer(token).toString(), whole: false }];
  return terms.map(function (term) {
    return { stem: term.stem, whole: term.whole || term.stem.length < EXACT_BELOW };
  });
}

function matches(term, index) {
  return term.whole ? index === term.stem : index.indexOf(term.stem) === 0;
}

function shardName(prefix) {
  return Array.from(prefix).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
}

// The shards that can hold the index's terms a query term finds.
function shardsOf(term) {
  var found = manifest.shards.filter(function (s) {
    return term.stem.indexOf(s) === 0 || (!term.whole && s.indexOf(term.stem) === 0);
  });
  var home = found.filter(function (s) { return term.stem.indexOf(s) === 0; })
    .sort(function (a, b) { return b.length - a.length; })[0];
  return found.filter(function (s) { return s === home || s.indexOf(term.stem) === 0 && s !== home; });
}

function loadShard(prefix) {
  if (!shards.has(prefix)) shards.set(prefix, fetchJSON("terms/" + shardName(prefix) + ".json"));
  return shards.get(prefix);
}

function idf(postings) {
  var df = postings.length / 2;
  return Math.log(1 + Math.abs((manifest.sections - df + 0.5) / (df + 0.5)));
}

// Scores of the sections that hold a query word: its best term in each.
function scoreWord(terms, loaded) {
  var scores = new Map();
  loaded.forEach(function (shard) {
    Object.keys(shard).forEach(function (index) {
      var term = terms.find(function (t) { return matches(t, index); });
      if (!term) return;
      var postings = shard[index];
      var weight = idf(postings) * (index === term.stem ? 1 : 0.7);
      for (var i = 0, section = 0; i < postings.length; i += 2) {
        section += postings[i];
        var tf = postings[i + 1];
        var score = weight * tf / (tf + 1.2);
        if (!(scores.get(section) >= score)) scores.set(section, score);
      }
    });
  });
  return scores;
}

function pageOf(section) {
  var pages = manifest.pages, low = 0, high = pages.length - 1;
  while (low < high) {
    var middle = (low + high + 1) >> 1;
    if (pages[middle] <= section) low = middle; else high = middle - 1;
  }
  return low;
}

function escapeHTML(text) {
  return text.replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
  });
}

// The text with each word found by the query marked, as Material marks it.
function highlight(text, terms) {
  var out = "", last = 0, match;
  separator.lastIndex = 0;
  function word(end) {
    var w = text.slice(last, end);
    if (!w) return;
    var hit = indexTerms(w).some(function (index) {
      return terms.some(function (t) { return matches(t, index); });
    });
    out += hit ? "<mark>" + escapeHTML(w) + "</mark>" : escapeHTML(w);
  }
  while ((match = separator.exec(text)) !== null && match[0]) {
    word(match.index);
    out += escapeHTML(match[0]);
    last = match.index + match[0].length;
  }
  word(text.length);
  return out;
}

async function search(query) {
  var words = query.split(separator).filter(Boolean)
    .map(function (w) { return { word: w, terms: queryTerms(w) }; })
    .filter(function (w) { return w.terms.length; });
  var sections = new Map(); // section → {score, words}
  await Promise.all(words.map(async function (w, n) {
    var prefixes = new Set();
    w.terms.forEach(function (t) { shardsOf(t).forEach(function (s) { prefixes.add(s); }); });
    var loaded = await Promise.all(Array.from(prefixes).map(loadShard));
    scoreWord(w.terms, loaded).forEach(function (score, section) {
      var found = sections.get(section) || { score: 0, words: new Set() };
      found.score += score;
      found.words.add(n);
      sections.set(section, found);
    });
  }));
  var pages = new Map();
  sections.forEach(function (found, section) {
    var number = pageOf(section);
    var page = pages.get(number) || { number: number, score: 0, words: new Set(), sections: new Map() };
    page.score = Math.max(page.score, found.score);
    found.words.forEach(function (n) { page.words.add(n); });
    page.sections.set(section - manifest.pages[number], found.score);
    pages.set(number, page);
  });
  var best = Array.from(pages.values()).sort(function (a, b) {
    return b.words.size - a.words.size || b.score - a.score || a.number - b.number;
  }).slice(0, PAGES_SHOWN);
  var texts = await Promise.all(best.map(function (page) {
    return fetchJSON("pages/" + page.number + ".json");
  }));
  var allTerms = words.reduce(function (all, w) { return all.concat(w.terms); }, []);
  var items = best.map(function (page, i) {
    var terms = {};
    words.forEach(function (w, n) { terms[w.terms[0].stem] = page.words.has(n); });
    function item(offset, score) {
      var s = texts[i][offset];
      return {
        location: s[0], title: highlight(s[1], allTerms), text: highlight(s[2], allTerms),
        score: score, terms: terms
      };
    }
    var shown = Array.from(page.sections.entries())
      .filter(function (e) { return e[0] !== 0; })
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    // The page itself first (Material shows it as the result's heading).
    return [item(0, page.score)].concat(shown.map(function (e) { return item(e[0], e[1]); }));
  });
  return { items: items };
}

// Registered before Material's listener (imported below), which it keeps from
// running: Material's worker is here for lunr.js only.
addEventListener("message", function (event) {
  event.stopImmediatePropagation();
  var message = event.data;
  if (message.type === SETUP) {
    separator = new RegExp(message.data.config.separator, "g");
    manifest = fetchJSON("index.json").then(function (loaded) {
      language = stemmer(loaded.stemmer);
      return loaded;
    });
    manifest.then(function (loaded) {
      manifest = loaded;
      postMessage({ type: READY });
    }, function (error) {
      console.warn("search: " + error.message);
    });
  } else if (message.type === QUERY) {
    var number = ++latest;
    Promise.resolve(manifest).then(function (loaded) {
      manifest = loaded;
      return search(message.data);
    }).then(function (result) {
      if (number === latest) postMessage({ type: RESULT, data: result });
    }, function (error) {
      console.warn("search: " + error.message);
      if (number === latest) postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});

// lunr's functions for the stemmer named ``name``: "en" is lunr's own, "" none.
function stemmer(name) {
  if (!name) { // the words as written (pipeline/site/search_index.py's same rule)
    var same = function (token) { return token; };
    var trimmer = function (token) {
      return token.update(function (s) {
        return s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      });
    };
    return { trimmer: trimmer, stopWordFilter: same, stemmer: same };
  }
  if (name === "en") return lunr;
  if (!lunr[name]) {
    importScripts("../lunr/min/lunr.stemmer.support.min.js", "../lunr/min/lunr." + name + ".min.js");
  }
  return lunr[name];
}

importScripts(params.get("material"));
lunr = self.lunr;
