"""Structured data: a schema.org NewsArticle (JSON-LD) per interview and language.

Search engines and news aggregators read it from the page's head
(``overrides/main.html`` writes it with Jinja's ``tojson``, which escapes
``<``, ``>`` and ``&``, so no text of a transcript can close the script).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import polib

from pipeline.languages import SOURCE
from pipeline.memory.store import SegmentTranslation, Status
from pipeline.site.meta import LANGUAGES, Preview, SiteInfo, iso

MACHINE = {"@type": "SoftwareApplication", "name": "Argos Translate"}
# creativeWorkStatus of a translation: who made the text a reader sees.
REVIEWED, MACHINE_MADE, INCOMPLETE = "reviewed translation", "machine translation", "incomplete"
_TEMPLATE_TRANSLATOR = "FULL NAME"


@dataclass(frozen=True)
class Credits:
    """The people of an interview, as the page in this language spells them."""

    interviewers: tuple[str, ...]
    interviewees: tuple[str, ...]


@dataclass(frozen=True)
class TranslationCredit:
    status: str  # REVIEWED, MACHINE_MADE or INCOMPLETE
    machine: bool  # some sentences are machine output not yet reviewed
    reviewed: bool  # some sentences are a translator's
    translator: str | None  # the PO file's Last-Translator


def translation_credit(
    translations: dict[str, SegmentTranslation],
    po: polib.POFile | None,
    names: frozenset[str] = frozenset(),
) -> TranslationCredit:
    """Who made the page's text; ``names`` (speakers' ids) are spelled, not translated."""
    counts = Counter(t.status for i, t in translations.items() if i not in names)
    machine = bool(counts[Status.MACHINE] or counts[Status.STALE])
    status = INCOMPLETE if counts[Status.MISSING] else MACHINE_MADE if machine else REVIEWED
    return TranslationCredit(status, machine, bool(counts[Status.REVIEWED]), _last_translator(po))


def _last_translator(po: polib.POFile | None) -> str | None:
    """The PO header's Last-Translator, without the e-mail address (never published)."""
    value = po.metadata.get("Last-Translator", "") if po is not None else ""
    name = " ".join(re.sub(r"<[^>]*>", "", value).split())
    return name if name and _TEMPLATE_TRANSLATOR not in name else None


def news_article(
    preview: Preview,
    site: SiteInfo,
    credits: Credits,
    source_url: str | None,
    translation: TranslationCredit | None = None,
) -> dict[str, object]:
    """The NewsArticle; ``translation`` says who translated, on a translation."""
    publisher = _publisher(site, preview.language)
    url = site.absolute(site.interview_path(preview.language, preview.slug))
    article: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle"}
    if url:
        article |= {"@id": url, "url": url, "mainEntityOfPage": url}
    article |= {"headline": preview.title, "inLanguage": preview.language}
    if preview.description:
        article["description"] = preview.description
    if preview.published:
        article["datePublished"] = preview.published.isoformat()
    if preview.modified:
        article["dateModified"] = iso(preview.modified)
    people = [_person(n) for n in credits.interviewers]
    article["author"] = people or [publisher]
    if credits.interviewees:
        article["contributor"] = [_person(n) for n in credits.interviewees]
    article["publisher"] = publisher
    image = site.absolute(preview.image) if preview.image else None
    if image:
        article["image"] = image
    if source_url:
        article["isBasedOn"] = source_url
    if translation is None:
        others = [site.absolute(site.interview_path(lang, preview.slug)) for lang in LANGUAGES]
        works = [{"@id": u} for u in others[1:] if u]
        if works:
            article["workTranslation"] = works
        return article
    original = site.absolute(site.interview_path(SOURCE, preview.slug))
    if original:
        article["translationOfWork"] = {"@id": original}
    translators: list[dict[str, str]] = []
    if translation.reviewed:
        name = translation.translator
        translators.append(_person(name) if name else publisher)
    if translation.machine:
        translators.append(MACHINE)
    if translators:
        article["translator"] = translators
    article["creativeWorkStatus"] = translation.status
    return article


def _person(name: str) -> dict[str, str]:
    return {"@type": "Person", "name": name}


def _publisher(site: SiteInfo, language: str) -> dict[str, str]:
    publisher = {
        "@type": "Organization",
        "name": site.publisher.get("name") or site.names[language],
    }
    url = site.publisher.get("url") or site.url
    if url:
        publisher["url"] = url
    return publisher
