"""Terms lead to interviews: which interviews mention each glossary term, how often.

Mentions are counted in the Russian text by the glossary check's own matching
(pipeline.plan, with the glossary's matcher: every inflected form, abbreviations as
written; a publish matches each sentence once), so a Kazakh or English reader
who looks up a term finds the same interviews as a Russian one.
"""

from __future__ import annotations

from collections import Counter

from babel import Locale

from pipeline.site.markdown import escape

HEADINGS = {
    "ru": "Упоминается в интервью:",
    "kk": "Сұхбаттарда аталады:",
    "en": "Mentioned in interviews:",
}
# The count after each interview, by the language's CLDR plural category.
COUNTS = {
    "ru": {"one": "{n} упоминание", "few": "{n} упоминания", "other": "{n} упоминаний"},
    "kk": {"other": "{n} рет"},
    "en": {"one": "{n} mention", "other": "{n} mentions"},
}

Mentions = dict[str, Counter[str]]  # term id → interview slug → mentions


def count_text(count: int, language: str) -> str:
    forms = COUNTS.get(language, COUNTS["en"])
    category = Locale.parse(language).plural_form(count)
    return forms.get(category, forms["other"]).format(n=count)


def mention_lines(
    mentions: Mentions, titles: dict[str, str], language: str
) -> dict[str, list[str]]:
    """Markdown per term id: the interviews that mention it, most mentions first.

    ``titles`` maps each interview's slug to its title in ``language``; links
    are relative to the language's glossary page.
    """
    out: dict[str, list[str]] = {}
    for term_id, counts in mentions.items():
        ranked = sorted(
            (slug for slug in counts if slug in titles), key=lambda s: (-counts[s], titles[s], s)
        )
        if not ranked:
            continue
        lines = [HEADINGS.get(language, HEADINGS["en"]), "{.glossary-mentions}", ""]
        lines += [
            f"- [{escape(titles[slug])}](interviews/{slug}.md)"
            f" — {escape(count_text(counts[slug], language))}"
            for slug in ranked
        ]
        out[term_id] = [*lines, ""]
    return out
