"""A language's home page: every interview of the archive, newest first."""

from __future__ import annotations

import datetime
import html
from pathlib import PurePosixPath

from pipeline.languages import LABELS
from pipeline.site.markdown import escape
from pipeline.site.mentions import LIST, interview_link
from pipeline.site.meta import time_element
from pipeline.site.pages import Page, yaml_title


def render_index(
    entries: list[tuple[str, datetime.date | None, str]],
    language: str,
    summaries: dict[tuple[str, str], str] | None = None,
    directory_urls: bool = True,
) -> Page:
    """The language's home page: every interview, newest first, with date and lede.

    ``entries`` gives each interview's page name, date and title in this
    language; ``summaries`` gives the lede by (language, slug) (site.news). The
    list is HTML (as the glossary's, site.mentions: thousands of items).
    """
    labels = LABELS[language]
    out = ["---", f"title: {yaml_title(escape(labels.home))}", "---", ""]
    out += [f"# {labels.interviews}", "", LIST]

    def newest_first(entry: tuple[str, datetime.date | None, str]) -> tuple[int, str]:
        slug, date, _ = entry
        return (-date.toordinal() if date else 0, slug)

    for slug, date, title in sorted(entries, key=newest_first):
        item = f'<li><a href="{interview_link(slug, directory_urls)}">{_text(title)}</a>'
        summary = (summaries or {}).get((language, slug))
        details = [time_element(date, language)] if date else []
        details += [_text(summary)] if summary else []
        if details:
            item += f"<br>{' — '.join(details)}"
        out.append(item + "</li>")
    out.append("</ul>")
    return Page(PurePosixPath(language, "index.md"), "\n".join(out) + "\n")


def _text(text: str) -> str:
    return html.escape(text, quote=False)
