"""The site's search index, split so that a reader downloads only what a query needs.

Material's search plugin writes every page's text into one
``search/search_index.json``, which every reader who searches downloads whole
(11.7 MB at 100 interviews). After the build, and before the new site replaces
the served one, this step turns that file into, per language:

- ``search/<lang>/index.json``: the shard names and where each page's sections
  start (a few kilobytes per thousand interviews);
- ``search/<lang>/terms/<shard>.json``: the postings of the terms that begin
  with the shard's letters (two, or more where two letters hold too many);
- ``search/<lang>/pages/<n>.json``: one page's sections, to show as results.

The terms are the words as lunr.js indexes them, through the same JavaScript
(lunr's stemmers, lunr-languages' Russian and our Kazakh stemmer, run here in
QuickJS), so the worker (docs/assets/javascripts/search/worker.js) finds what
Material's lunr search found, with the same stemmers on the query.
``search_index.json`` keeps Material's configuration and no documents.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from pipeline.languages import CODES, REGISTRY

LANGUAGES = CODES  # the registry's: the default first, the others under /<lang>/
TITLE_WEIGHT = 10  # a word in a section's title counts as this many in its text
SHARD_BYTES = 48_000  # a shard larger than this splits by one more letter
TEXT_CHARS = 1500  # a result shows at most this much of a section
_TAG = re.compile(r"<[^>]+>")
_ASSETS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts" / "lunr" / "min"


@dataclass
class Section:
    location: str
    title: str
    text: str  # plain text


@dataclass
class LanguageIndex:
    sections: list[Section] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)  # first section of each page
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def language_of(location: str) -> str:
    head = location.split("/", 1)[0]
    return head if head in LANGUAGES[1:] and "/" in location else LANGUAGES[0]


def plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _stemmers() -> Callable[[str, str], str]:
    """lunr.js with the languages' pipelines, as the browser runs them:
    ``indexTerms(stemmer, JSON list of words)`` → JSON list of each word's terms,
    ``stemmer`` the registry's ``search_stemmer`` of the words' language.

    lunr.js is MkDocs' copy (Material bundles the same version into its
    worker), the languages Material's lunr-languages and our Kazakh.
    """
    import material  # type: ignore[import-untyped]
    import quickjs  # type: ignore[import-untyped]
    from mkdocs.contrib import search

    context = quickjs.Context()
    context.eval("var self = globalThis; var console = {warn: function () {}};")
    context.eval((Path(search.__file__).parent / "templates/search/lunr.js").read_text())
    languages = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min"
    context.eval((languages / "lunr.stemmer.support.min.js").read_text())
    for name in sorted({REGISTRY[code].search_stemmer for code in LANGUAGES} - {"", "en"}):
        script = f"lunr.{name}.min.js"  # the registry's stemmers: ours, else Material's
        context.eval(
            next(p for p in (_ASSETS / script, languages / script) if p.is_file()).read_text()
        )
    context.eval(
        """function indexTerms(stemmer, words) {
          var l = stemmer === "en" ? lunr : lunr[stemmer];
          if (!l) {  // no stemmer: the words as written (the worker's same rule)
            var same = function (t) { return t; };
            var trimmer = function (t) {
              return t.update(function (s) {
                return s.replace(/^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$/gu, "");
              });
            };
            l = {trimmer: trimmer, stopWordFilter: same, stemmer: same};
          }
          var fns = [l.trimmer, l.stopWordFilter, l.stemmer];
          return JSON.stringify(JSON.parse(words).map(function (word) {
            var tokens = [new lunr.Token(word, {})];
            fns.forEach(function (fn) {
              var out = [];
              tokens.forEach(function (t) {
                var r = fn(t, 0, tokens);
                if (r === undefined || r === null || r === "") return;
                (Array.isArray(r) ? r : [r]).forEach(function (x) {
                  if (x !== undefined && x !== null && x.toString() !== "") out.push(x);
                });
              });
              tokens = out;
            });
            return tokens.map(String);
          }));
        }"""
    )
    return cast(Callable[[str, str], str], context.get("indexTerms"))


def build_indexes(docs: Iterable[dict[str, str]], separator: str) -> dict[str, LanguageIndex]:
    split = re.compile(separator)
    indexes = {lang: LanguageIndex() for lang in LANGUAGES}
    # Per language, per section: the words of its title and of its text, counted.
    counts: dict[str, list[tuple[Counter[str], Counter[str]]]] = defaultdict(list)
    for doc in docs:
        lang = language_of(doc["location"])
        index = indexes[lang]
        title, text = plain(doc.get("title", "")), plain(doc.get("text", ""))
        if "#" not in doc["location"]:
            index.page_starts.append(len(index.sections))
        elif not index.page_starts:
            index.page_starts.append(0)
        index.sections.append(Section(doc["location"], title, text[:TEXT_CHARS]))
        title_words, text_words = (
            Counter(w for w in split.split(part.lower()) if w) for part in (title, text)
        )
        counts[lang].append((title_words, text_words))
    index_terms = _stemmers()
    for lang, sections in counts.items():
        vocabulary = sorted({w for pair in sections for part in pair for w in part})
        terms = json.loads(index_terms(REGISTRY[lang].search_stemmer, json.dumps(vocabulary)))
        stems = dict(zip(vocabulary, terms, strict=True))
        postings: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for number, pair in enumerate(sections):
            for words, weight in zip(pair, (TITLE_WEIGHT, 1), strict=True):
                for word, count in words.items():
                    for term in stems[word]:
                        postings[term][number] += count * weight
        indexes[lang].postings = {
            term: sorted(found.items()) for term, found in sorted(postings.items())
        }
    return indexes


def shard_name(prefix: str) -> str:
    """A file name for a prefix of any script: its code points in hex."""
    return "-".join(f"{ord(c):x}" for c in prefix)


def _postings_json(postings: list[tuple[int, int]]) -> list[int]:
    """[section, weight, ...], each section as the gap from the one before."""
    flat: list[int] = []
    previous = 0
    for section, weight in postings:
        flat += [section - previous, weight]
        previous = section
    return flat


Shard = dict[str, list[int]]  # term → its postings as written


def shards(postings: dict[str, list[tuple[int, int]]], length: int = 2) -> dict[str, Shard]:
    """Terms grouped by their first ``length`` letters, more where a group is large."""
    groups: dict[str, Shard] = defaultdict(dict)
    for term, found in postings.items():
        groups[term[:length]][term] = _postings_json(found)
    result: dict[str, Shard] = {}
    for prefix, terms in groups.items():
        size = len(json.dumps(terms, ensure_ascii=False).encode())
        longer = {t: postings[t] for t in terms if len(t) > length}
        if size > SHARD_BYTES and len(longer) > 1 and len(prefix) == length:
            result[prefix] = {t: p for t, p in terms.items() if len(t) <= length}
            result.update(shards(longer, length + 1))
        else:
            result[prefix] = terms
    return result


def _write(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")


def write_search_index(site: Path) -> None:
    """Split ``site``'s search/search_index.json into the files described above."""
    source = site / "search" / "search_index.json"
    if not source.is_file():  # no search plugin
        return
    data = json.loads(source.read_text(encoding="utf-8"))
    by_language: dict[str, list[dict[str, str]]] = defaultdict(list)
    for doc in data.pop("docs"):
        by_language[language_of(doc["location"])].append(doc)
    for lang in LANGUAGES:
        # One language at a time: the words counted in each section are the
        # largest thing here (hundreds of megabytes at 1,000 interviews).
        index = build_indexes(by_language.pop(lang, []), data["config"]["separator"])[lang]
        folder = site / "search" / lang
        shutil.rmtree(folder, ignore_errors=True)
        by_shard = shards(index.postings)
        ends = [*index.page_starts[1:], len(index.sections)]
        for number, (start, end) in enumerate(zip(index.page_starts, ends, strict=True)):
            page = [[s.location, s.title, s.text] for s in index.sections[start:end]]
            _write(folder / "pages" / f"{number}.json", page)
        for prefix, terms in by_shard.items():
            _write(folder / "terms" / f"{shard_name(prefix)}.json", terms)
        _write(
            folder / "index.json",
            {
                "shards": sorted(by_shard),
                "pages": index.page_starts,
                "sections": len(index.sections),
                "stemmer": REGISTRY[lang].search_stemmer,  # the worker's
            },
        )
    _write(source, {"config": data["config"], "docs": []})
