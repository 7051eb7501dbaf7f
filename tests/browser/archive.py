"""An archive of many interviews, made from a published project's pages.

Translating a thousand interviews would take far longer than a test may: the
published pages of every language are copied instead, each copy with a word
of its own (the same number spelled in each language's letters), so every
interview is a page of its own that search can tell from the others.
"""

from __future__ import annotations

from pathlib import Path

LANGUAGES = ("ru", "kk", "en")
# One syllable per hexadecimal digit; each word ends in a consonant that no
# stemmer takes off.
CYRILLIC = (
    "ба",
    "ве",
    "ги",
    "до",
    "жу",
    "за",
    "ки",
    "ло",
    "му",
    "не",
    "по",
    "ру",
    "си",
    "ту",
    "фа",
    "хе",
)
LATIN = (
    "ba",
    "ve",
    "gi",
    "do",
    "ju",
    "za",
    "ki",
    "lo",
    "mu",
    "ne",
    "po",
    "ru",
    "si",
    "tu",
    "fa",
    "he",
)
SYLLABLES = {"ru": CYRILLIC, "kk": CYRILLIC, "en": LATIN}
HEAD = {"ru": "зорб", "kk": "зорб", "en": "zorb"}
TAIL = {"ru": "ст", "kk": "ст", "en": "st"}


def copy_word(language: str, number: int) -> str:
    """The word that only copy ``number`` has, in ``language``'s letters."""
    digits = f"{number:04x}"
    middle = "".join(SYLLABLES[language][int(d, 16)] for d in digits)
    return HEAD[language] + middle + TAIL[language]


def copy_slug(slug: str, number: int) -> str:
    return f"{slug}-{number:04d}"


def multiply_interviews(root: Path, count: int) -> list[str]:
    """Copy ``root``'s interview pages until it has ``count``; the copies' slugs.

    Copy ``number`` is of the published interviews in turn, its word appended
    as the last paragraph of every language's page.
    """
    folder = {lang: root / "docs" / lang / "interviews" for lang in LANGUAGES}
    slugs = sorted(page.stem for page in folder["ru"].glob("*.md"))
    copies = []
    for number in range(count - len(slugs)):
        slug = slugs[number % len(slugs)]
        for lang in LANGUAGES:
            text = (folder[lang] / f"{slug}.md").read_text(encoding="utf-8")
            text = text.rstrip("\n") + f"\n\n{copy_word(lang, number)}\n"
            (folder[lang] / f"{copy_slug(slug, number)}.md").write_text(text, encoding="utf-8")
        copies.append(copy_slug(slug, number))
    return copies
