"""The glossary on the site: a page per language, and explanations on hover.

Abbreviations in a page get Markdown ``abbr`` definitions, which Material
turns into tooltips (``content.tooltips``); the glossary page lists every term
in the order of that language's alphabet.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import PurePosixPath

from pipeline.glossary.model import Glossary, Term
from pipeline.languages import LABELS, REGISTRY, SOURCE, TERM_NOTES
from pipeline.site.markdown import escape


def glossary_path(language: str) -> PurePosixPath:
    return PurePosixPath(language, "glossary.md")


def forms(term: Term, language: str) -> tuple[str, str | None]:
    if language == SOURCE:
        return term.ru.name, term.ru.abbreviation
    r = term.renderings[language]
    return r.name, r.abbreviation


def sort_key(text: str, language: str) -> list[int]:
    """Collation by the language's alphabet (Kazakh ә after а, not after я)."""
    places = _places(language)
    beyond = len(places)
    return [places.get(c, beyond + ord(c)) for c in text.lower() if c.isalnum()]


@cache
def _places(language: str) -> dict[str, int]:
    """Each letter's place in the alphabet (the first, should one repeat)."""
    alphabet = REGISTRY[language].alphabet
    return {c: alphabet.index(c) for c in alphabet}


def render_glossary(
    glossary: Glossary, language: str, mentions: dict[str, list[str]] | None = None
) -> str:
    """The glossary page; ``mentions`` are each term's interviews (site.mentions)."""
    labels = LABELS[language]
    title = labels.glossary_title
    out = ["---", f'title: "{title}"', "---", "", f"# {title}", "", labels.glossary_intro, ""]
    for term in sorted(glossary.terms, key=lambda t: sort_key(forms(t, language)[0], language)):
        name, abbreviation = forms(term, language)
        heading = f"{name} ({abbreviation})" if abbreviation else name
        out += [f"## {escape(heading)} {{#{term.id} .glossary-term}}", ""]
        for other in REGISTRY.values():
            if other.code != language:
                n, a = forms(term, other.code)
                name = other.name_on(language)
                out.append(f"- {name}: {escape(n)}" + (f" ({escape(a)})" if a else ""))
        out.append("")
        out += (mentions or {}).get(term.id, [])
        note = term.renderings[language].notes if language != SOURCE else ""
        if language == TERM_NOTES and not note:
            note = term.notes
        if note:
            out += [f"{labels.note}: {escape(note)}", "{.glossary-note}", ""]
    return "\n".join(out)


def abbreviations(glossary: Glossary, language: str, page_text: str) -> list[str]:
    """``abbr`` definitions for the abbreviations a page uses: hover explains them.

    Only the abbreviations whose first word is a word of the page are searched
    for (an abbreviation stands alone, so its first word is one of the page's
    words), not every term of the glossary on every page."""
    index = _abbreviations(glossary, language)
    candidates = [*index.get("", ())]
    for word in set(_WORD.findall(page_text)):
        candidates += index.get(word, ())
    lines = []
    for _, abbreviation, name in sorted(candidates):  # in the glossary's order
        if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", page_text):
            lines.append(f"*[{abbreviation}]: {name}")
    return lines


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _abbreviations(glossary: Glossary, language: str) -> dict[str, list[tuple[int, str, str]]]:
    """(place in the glossary, abbreviation, name) under the abbreviation's first
    word; under "" those that start with no word character."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    for place, term in enumerate(glossary.terms):
        name, abbreviation = forms(term, language)
        if abbreviation:
            first = _WORD.match(abbreviation)
            out.setdefault(first.group() if first else "", []).append((place, abbreviation, name))
    return out
