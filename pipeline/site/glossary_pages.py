"""The glossary on the site: a page per language, and explanations on hover.

Abbreviations in a page get Markdown ``abbr`` definitions, which Material
turns into tooltips (``content.tooltips``); the glossary page lists every term
in the order of that language's alphabet.
"""

from __future__ import annotations

import re
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
    alphabet = REGISTRY[language].alphabet
    return [
        alphabet.index(c) if c in alphabet else len(alphabet) + ord(c)
        for c in text.lower()
        if c.isalnum()
    ]


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
    """``abbr`` definitions for the abbreviations a page uses: hover explains them."""
    lines = []
    for term in glossary.terms:
        name, abbreviation = forms(term, language)
        if abbreviation and re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", page_text):
            lines.append(f"*[{abbreviation}]: {name}")
    return lines
