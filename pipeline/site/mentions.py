"""Terms lead to interviews: which interviews mention each glossary term, how often.

Mentions are counted in the Russian text by the glossary check's own matching
(pipeline.plan, with the glossary's matcher: every inflected form, abbreviations as
written; a publish matches each sentence once), so a Kazakh or English reader
who looks up a term finds the same interviews as a Russian one.
"""

from __future__ import annotations

import functools
import html
from collections import Counter

from babel import Locale

from pipeline.languages import LABELS, REGISTRY

Mentions = dict[str, Counter[str]]  # term id → interview slug → mentions
# Opens a list of interviews, closed by "</ul>" alone on a line: the site's
# hook (overrides/hooks/lists.py) gives each to Python-Markdown as it is.
LIST = '<ul class="interviews">'


def interview_link(slug: str, directory_urls: bool) -> str:
    """An interview's address relative to its language's home page."""
    return f"interviews/{slug}/" if directory_urls else f"interviews/{slug}.html"


@functools.cache
def count_text(count: int, language: str) -> str:
    forms = LABELS[language].mentions
    category = Locale.parse(REGISTRY[language].locale).plural_form(count)
    form = forms.get(category) or forms.get("other") or "{n}"
    return form.format(n=count)


def mention_lines(
    mentions: Mentions, titles: dict[str, str], language: str, directory_urls: bool = True
) -> dict[str, list[str]]:
    """Markdown per term id: the interviews that mention it, most mentions first.

    ``titles`` maps each interview's slug to its title in ``language``; links
    are relative to the language's glossary page (``directory_urls``: MkDocs'
    setting, which makes it a folder). The list, which names every interview
    of the archive, is HTML: Python-Markdown would parse each of its thousands
    of items, on each publish that adds an interview.
    """
    folder = "../" if directory_urls else ""
    out: dict[str, list[str]] = {}
    for term_id, counts in mentions.items():
        ranked = sorted(
            (slug for slug in counts if slug in titles), key=lambda s: (-counts[s], titles[s], s)
        )
        if not ranked:
            continue
        lines = [
            LABELS[language].mentioned_in,
            "{.glossary-mentions}",
            "",
            '<ul class="interviews">',
        ]
        lines += [
            f'<li><a href="{folder}{interview_link(slug, directory_urls)}">'
            f"{html.escape(titles[slug], quote=False)}</a>"
            f" — {html.escape(count_text(counts[slug], language), quote=False)}</li>"
            for slug in ranked
        ]
        out[term_id] = [*lines, "</ul>", ""]
    return out
