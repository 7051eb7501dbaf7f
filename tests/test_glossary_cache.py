"""A big glossary costs little: a publish in which glossary.yaml did not change
finds the glossary, its matcher's index and its pages in the publish cache
(pipeline/cache_glossary.py); an edited glossary is read again, a broken one
reported as without a cache; and the lookups that replaced term × page and
term × name loops give what the loops gave."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pipeline import cache_glossary
from pipeline.glossary import index, load, match, names
from pipeline.glossary.model import Glossary, Rendering, RussianForms, Term
from pipeline.site import glossary_pages
from tests.conftest import Cli, count_calls, publish_pages, published


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the glossary was really read, indexed and its pages made."""
    return count_calls(
        monkeypatch,
        [
            ("load", load, "load_glossary"),
            ("index", match, "PatternIndex"),
            ("index", cache_glossary, "PatternIndex"),
            ("page", glossary_pages, "render_glossary"),
        ],
    )


outputs = published


publish = publish_pages


def test_an_unchanged_glossary_is_neither_read_nor_indexed_again(
    project: Path, cli: Cli, calls: Counter[str]
) -> None:
    publish(project, cli)
    publish(project, cli)  # the first rewrote the shipped PO files in its own layout
    first = outputs(project)
    match._SHARED.clear()  # as in a new process: no index left in memory
    calls.clear()
    publish(project, cli)
    assert calls == Counter(), calls
    assert outputs(project) == first
    # The same bytes as a publish that reads, indexes and renders everything.
    shutil.rmtree(project / ".cache")
    match._SHARED.clear()
    publish(project, cli)
    assert calls["load"] == 1 and calls["index"] == 1 and calls["page"] == 3
    assert outputs(project) == first


ADDED = """---
title: Евразийская интеграция
date: 2025-12-01
---

— Как вы оцениваете роль ЕАЭС в торговле между Казахстаном и Россией?

— Роль ЕАЭС растет: в рамках ЕАЭС и ШОС обсуждают новые транспортные коридоры.
"""


def test_a_sentence_is_matched_once_across_publishes(
    project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terms found in each sentence are kept with the glossary: a publish
    in a new process matches only the sentences it has not seen before."""
    matched: list[str] = []
    original = match.TermMatcher._find

    def counting(self: match.TermMatcher, text: str) -> list[match.TermMatch]:
        matched.append(text)
        return original(self, text)

    monkeypatch.setattr(match.TermMatcher, "_find", counting)
    publish(project, cli)
    publish(project, cli)
    first = outputs(project)
    assert matched, "the sample's sentences were matched"
    match._SHARED.clear()  # as in a new process
    matched.clear()
    publish(project, cli)
    assert matched == []
    assert outputs(project) == first

    (project / "transcripts" / "added.txt").write_text(ADDED, encoding="utf-8")
    match._SHARED.clear()
    publish(project, cli)
    assert matched and all(text in ADDED for text in matched), matched  # its own only
    added = outputs(project)
    # The same bytes as a publish that matches every sentence afresh.
    shutil.rmtree(project / ".cache")
    match._SHARED.clear()
    publish(project, cli)
    assert outputs(project) == added


def test_an_edited_glossary_is_read_again(project: Path, cli: Cli, calls: Counter[str]) -> None:
    publish(project, cli)
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    assert "      name: Eurasian Economic Union\n" in text
    glossary.write_text(
        text.replace(
            "      name: Eurasian Economic Union\n", "      name: Eurasian Economic Union Renamed\n"
        ),
        encoding="utf-8",
    )
    calls.clear()
    publish(project, cli)
    assert calls["load"] == 1 and calls["page"] == 3
    page = (project / "docs" / "en" / "glossary.md").read_text(encoding="utf-8")
    assert "Eurasian Economic Union Renamed (EAEU)" in page
    ru_page = (project / "docs" / "ru" / "glossary.md").read_text(encoding="utf-8")
    assert "Eurasian Economic Union Renamed" in ru_page


def test_a_broken_glossary_is_reported_every_time(
    project: Path, cli: Cli, calls: Counter[str]
) -> None:
    publish(project, cli)
    glossary = project / "glossary.yaml"
    good = glossary.read_bytes()
    # The second entry takes the first one's id: an error with its line.
    broken = good.decode().replace("  - id: eec\n", "  - id: eaeu\n", 1)
    glossary.write_text(broken, encoding="utf-8")
    reported = []
    for _ in range(2):
        code, _, err = cli("-C", project, "publish", "--no-site")
        reported.append((code, err))
    shutil.rmtree(project / ".cache")  # and as without a cache at all
    code, _, err = cli("-C", project, "publish", "--no-site")
    reported.append((code, err))
    assert reported[0][0] != 0 and "duplicate id 'eaeu'" in reported[0][1]
    assert re.search(r"glossary\.yaml:\d+:\d+: ", reported[0][1]), reported[0][1]
    assert reported[0] == reported[1] == reported[2]


def test_a_cached_glossary_still_warns(project: Path, cli: Cli) -> None:
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    # A Latin «A» in a Kazakh abbreviation: a warning, not an error.
    glossary.write_text(text.replace("abbreviation: ЕАЭО", "abbreviation: ЕAЭО", 1), "utf-8")
    first = publish(project, cli)
    again = publish(project, cli)
    warning = [line for line in first.splitlines() if "mixes letters" in line]
    assert warning and warning == [line for line in again.splitlines() if "mixes letters" in line]


def _glossary(size: int) -> Glossary:
    """``size`` generated terms, each with an abbreviation, and a few people."""
    terms = []
    for n in range(size):
        letters = "".join("АБВГДЕЖЗИК"[int(d)] for d in f"{n:04d}")
        rendering = Rendering(name=f"Body {n}", abbreviation=f"B{n}X", use="first-expanded")
        terms.append(
            Term(
                id=f"body-{n}",
                kind="abbreviation",
                ru=RussianForms(f"Орган номер {n}", letters),
                renderings={"en": rendering, "kk": rendering},
            )
        )
    people = [
        Term(
            id=f"person-{n}",
            kind="person",
            ru=RussianForms(f"Человек{n} Фамилия", variants=(f"Человек{n}",)),
            renderings={"en": Rendering(name=f"Person {n}"), "kk": Rendering(name=f"Адам {n}")},
        )
        for n in range(3)
    ]
    return Glossary((*terms, *people))


def _every_abbreviation(glossary: Glossary, language: str, text: str) -> list[str]:
    """What ``abbreviations`` gave when it searched a page for every term."""
    lines = []
    for term in glossary.terms:
        name, abbreviation = glossary_pages.forms(term, language)
        if abbreviation and re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", text):
            lines.append(f"*[{abbreviation}]: {name}")
    return lines


def test_a_page_searches_only_the_abbreviations_it_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    glossary = _glossary(2000)
    text = "Органы АААБ и АБВГ, но не ААААБ; B1500X-style, B7X и «B12X»: B12 нет."
    expected = {lang: _every_abbreviation(glossary, lang, text) for lang in ("ru", "en")}
    assert expected["ru"] == ["*[АААБ]: Орган номер 1", "*[АБВГ]: Орган номер 123"]
    assert expected["en"] == ["*[B7X]: Body 7", "*[B12X]: Body 12", "*[B1500X]: Body 1500"]
    searched: list[str] = []
    search = re.search

    def counted(pattern: str, string: str, flags: int = 0) -> Any:
        searched.append(pattern)
        return search(pattern, string, flags)

    monkeypatch.setattr(glossary_pages.re, "search", counted)
    for language in ("ru", "en"):
        searched.clear()
        assert glossary_pages.abbreviations(glossary, language, text) == expected[language]
        # Only the abbreviations whose first word is a word of the page: not 2,000.
        assert len(searched) == len(expected[language]), searched


def test_a_speakers_name_is_looked_up_not_compared_with_every_term(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    glossary = _glossary(500)
    keyed = Counter[str]()
    key_of = names.key_of

    def counted(text: str) -> str:
        keyed[text] += 1
        return key_of(text)

    monkeypatch.setattr(names, "key_of", counted)
    assert names.spell("Человек1", "en", glossary) == ("Person 1", "glossary person person-1")
    assert names.spell("человек2 фамилия", "kk", glossary)[0] == "Адам 2"
    keyed.clear()
    for _ in range(50):
        assert names.spell("Айдар", "kk", glossary) == ("Айдар", names.SAME_SPELLING)
    assert sum(keyed.values()) == 50  # the name itself, once a spelling: no term's forms


def test_the_index_is_shared_by_equal_glossaries(monkeypatch: pytest.MonkeyPatch) -> None:
    glossary = _glossary(20)
    built = index.PatternIndex(glossary)
    match._SHARED.clear()
    monkeypatch.setattr(match, "PatternIndex", None)  # building another would fail
    match.use_index(glossary, built)
    equal = Glossary(tuple(glossary.terms))
    found = match.TermMatcher(equal).find("Он говорил про АААБ и про Орган номер 7.")
    assert [m.term.id for m in found] == ["body-1", "body-7"]


def test_abbreviations_are_indexed_without_reading_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the words of names are read by pymorphy3 (an abbreviation matches as
    written): reading 5,000 unknown abbreviations by analogy was most of the index's time."""
    glossary = _glossary(300)
    read: list[str] = []
    morph = index._morph()

    class Counting:
        def parse(self, word: str) -> Any:
            read.append(word)
            return morph.parse(word)

    index.parses.cache_clear()
    index._lemmas.cache_clear()
    monkeypatch.setattr(index, "_morph", lambda: Counting())
    built = index.PatternIndex(glossary)
    names = {"орган", "номер", "фамилия"} | {f"человек{n}" for n in range(3)}
    assert set(read) == names | {str(n) for n in range(300)}
    assert len(read) == len(set(read))  # each word once
    assert sum(p.abbreviation for p in built.patterns) == 300
    match._SHARED.clear()
    match.use_index(glossary, built)
    found = match.TermMatcher(glossary).find("Про АААБ и про Орган номер 12.")
    assert [m.term.id for m in found] == ["body-1", "body-12"]
    index.parses.cache_clear()
    index._lemmas.cache_clear()
