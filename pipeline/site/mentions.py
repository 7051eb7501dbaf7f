"""Terms lead to interviews: which interviews mention each glossary term, how often.

Mentions are counted in the Russian text by the glossary check's own matching
(pipeline.plan, with the glossary's matcher: every inflected form, abbreviations as
written; a publish matches each sentence once), so a Kazakh or English reader
who looks up a term finds the same interviews as a Russian one.
"""

from __future__ import annotations

from collections import Counter

from babel import Locale

from pipeline.languages import LABELS, REGISTRY
from pipeline.site.markdown import escape

Mentions = dict[str, Counter[str]]  # term id → interview slug → mentions


def count_text(count: int, language: str) -> str:
    forms = LABELS[language].mentions
    category = Locale.parse(REGISTRY[language].locale).plural_form(count)
    form = forms.get(category) or forms.get("other") or "{n}"
    return form.format(n=count)


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
        lines = [LABELS[language].mentioned_in, "{.glossary-mentions}", ""]
        lines += [
            f"- [{escape(titles[slug])}](interviews/{slug}.md)"
            f" — {escape(count_text(counts[slug], language))}"
            for slug in ranked
        ]
        out[term_id] = [*lines, ""]
    return out
