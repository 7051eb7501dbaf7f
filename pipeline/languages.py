"""The site's languages: ONE registry, and the words the pipeline puts on pages.

Everything that differs by language is derived from ``REGISTRY``: the glossary
sections an entry must have and their checks, the CSV/TBX columns, the
glossary pages, the page strings, the translation memories and models the
pipeline wants, and the glossary's rules for a term in a sentence (named by
``Language.morphology``, implemented in ``pipeline/glossary/morphology.py``).
Adding a target language is one entry here, its section in every
``glossary.yaml`` entry and its language in ``mkdocs.yml`` (checked at publish).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import overload

import babel


@dataclass(frozen=True)
class Labels:
    name: str  # the language's own name, for the switcher
    home: str
    interviews: str
    source: str
    reviewed_title: str
    reviewed_body: str
    machine_title: str
    machine_body: str  # {count} {total}
    missing_title: str
    missing_body: str  # {count} {total}
    original_link: str
    untranslated: str
    interviewed_by: str = ""  # the byline: "{name}" is the interviewer
    glossary_title: str = ""
    glossary_intro: str = ""
    note: str = ""  # before a term's note on the glossary page
    not_found: tuple[str, str, str] = ("", "", "")  # the 404 page: title, text, link home
    # The glossary page: before the interviews that mention a term, and how many
    # times (by CLDR plural category: one, few, many, other; "{n}" is the count).
    mentioned_in: str = ""
    mentions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1: docs/<code>/, translations/<code>/, the glossary section
    locale: str  # CLDR locale: dates (Babel), og:locale
    alphabet: str  # lower-case letters in collation order (the glossary page's order)
    labels: Labels
    # The language's name on the pages of each language (code → name); a page
    # language not given here gets CLDR's name (Babel), else the own name.
    names: Mapping[str, str] = field(default_factory=dict)
    # The glossary's rules for a term in a sentence: "kazakh" (case endings,
    # a Russian preposition replaced with a postposition), "english" (articles
    # before abbreviations); "" renderings as written.
    morphology: str = ""
    # Put around a term the source quotes («Российская газета»); None: left to
    # the model (English writes no guillemets).
    quotes: tuple[str, str] | None = ("«", "»")
    # Speakers' names: transliterated into Latin letters (iuliia) rather than
    # kept in the Russian spelling.
    transliterate_names: bool = False
    source: bool = False  # the transcripts' language (exactly one)
    # An interview's date on its pages (Babel): a CLDR format name ("long":
    # «11 ноября 2025 г.», «November 11, 2025») or an LDML pattern where the
    # language's written norm differs from CLDR's.
    date_format: str = "long"
    # Search's stemmer: lunr.js's name of the language, whose script
    # lunr.<name>.min.js is lunr-languages' (Material ships them) or ours
    # (docs/assets/javascripts/lunr/min/); "en" is lunr's own English; "" none
    # (words found as written). The site build indexes with it and writes it
    # into search/<code>/index.json, where the search worker reads it.
    search_stemmer: str = ""

    def name_on(self, page: str) -> str:
        """How a page in the language ``page`` names this language."""
        if page in self.names:
            return self.names[page]
        try:
            cldr = babel.Locale.parse(REGISTRY[page].locale).languages.get(self.code)
        except (KeyError, ValueError, babel.UnknownLocaleError):
            cldr = None
        return cldr[:1].upper() + cldr[1:] if cldr else self.labels.name


RUSSIAN = Language(
    code="ru",
    locale="ru_RU",
    alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    labels=Labels(
        name="Русский",
        home="Главная",
        interviews="Интервью",
        source="Источник",
        reviewed_title="",
        reviewed_body="",
        machine_title="",
        machine_body="",
        missing_title="",
        missing_body="",
        original_link="",
        untranslated="",
        interviewed_by="Беседовал(а): {name}",
        glossary_title="Глоссарий",
        glossary_intro="Термины и сокращения, которые переводятся одинаково во всех интервью.",
        note="Примечание",
        not_found=("Страница не найдена", "Такой страницы на сайте нет.", "Перейти на главную"),
        mentioned_in="Упоминается в интервью:",
        mentions={"one": "{n} упоминание", "few": "{n} упоминания", "other": "{n} упоминаний"},
    ),
    names={"ru": "Русский", "kk": "Орысша", "en": "Russian"},
    source=True,
    search_stemmer="ru",
)
KAZAKH = Language(
    code="kk",
    locale="kk_KZ",
    alphabet="аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    labels=Labels(
        name="Қазақша",
        home="Басты бет",
        interviews="Сұхбаттар",
        source="Дереккөз",
        reviewed_title="Тексерілген аударма",
        reviewed_body="Бұл — орыс тіліндегі түпнұсқаның аудармашы тексерген аудармасы.",
        machine_title="Машиналық аударма",
        machine_body="Аудармашы әлі тексермеген машиналық аударма: {count} / {total} сөйлем.",
        missing_title="Аударма толық емес",
        missing_body=(
            "Әлі аударылмаған сөйлемдер орыс тілінде берілген: {count} / {total} сөйлем."
        ),
        original_link="Түпнұсқаны орыс тілінде оқу",
        untranslated="аударылмаған",
        interviewed_by="Сұхбаттасқан: {name}",
        glossary_title="Терминдер сөздігі",
        glossary_intro="Барлық сұхбаттарда бірдей аударылатын терминдер мен қысқартулар.",
        note="Ескертпе",
        not_found=("Бет табылмады", "Сайтта мұндай бет жоқ.", "Басты бетке өту"),
        mentioned_in="Сұхбаттарда аталады:",
        mentions={"other": "{n} рет"},
    ),
    names={"ru": "Казахский", "kk": "Қазақша", "en": "Kazakh"},
    morphology="kazakh",
    # «2025 жылғы 11 қараша», as Kazakh official and news texts write a date;
    # CLDR's long format is «2025 ж. 11 қараша». A no-break space keeps the
    # year with "жылғы".
    date_format="y\u00a0'жылғы' d MMMM",
    search_stemmer="kk",  # ours: lunr-languages has no Kazakh
)
ENGLISH = Language(
    code="en",
    locale="en_US",
    alphabet="abcdefghijklmnopqrstuvwxyz",
    labels=Labels(
        name="English",
        home="Home",
        interviews="Interviews",
        source="Source",
        reviewed_title="Reviewed translation",
        reviewed_body="This is a translator-reviewed translation of the Russian original.",
        machine_title="Machine translation",
        machine_body="Machine-translated and not yet reviewed: {count} of {total} sentences.",
        missing_title="Incomplete translation",
        missing_body="Not yet translated, shown in Russian: {count} of {total} sentences.",
        original_link="Read the original in Russian",
        untranslated="not yet translated",
        interviewed_by="Interviewed by {name}",
        glossary_title="Glossary",
        glossary_intro="Terms and abbreviations rendered the same way in every interview.",
        note="Note",
        not_found=("Page not found", "There is no such page on this site.", "Go to the home page"),
        mentioned_in="Mentioned in interviews:",
        mentions={"one": "{n} mention", "other": "{n} mentions"},
    ),
    names={"ru": "Английский", "kk": "Ағылшынша", "en": "English"},
    morphology="english",
    quotes=None,
    transliterate_names=True,
    search_stemmer="en",
)

# In the site's order: the switcher's, the glossary page's list of renderings.
REGISTRY: dict[str, Language] = {lang.code: lang for lang in (RUSSIAN, KAZAKH, ENGLISH)}
# A term's own notes in glossary.yaml are written in this language: its
# glossary page shows them where the language's rendering has none.
TERM_NOTES = "en"

SOURCE = next(lang.code for lang in REGISTRY.values() if lang.source)


class _Codes(Sequence[str]):
    """Language codes read from the registry whenever used, so that what is
    derived from them follows the registry (a test registers a language)."""

    def __init__(self, targets: bool) -> None:
        self._targets = targets

    def _codes(self) -> tuple[str, ...]:
        return tuple(c for c, lang in REGISTRY.items() if not (self._targets and lang.source))

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._codes()[index]

    def __len__(self) -> int:
        return len(self._codes())

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes())

    def __repr__(self) -> str:
        return repr(self._codes())


class _LabelsView(Mapping[str, Labels]):
    def __getitem__(self, code: str) -> Labels:
        return REGISTRY[code].labels

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTRY)

    def __len__(self) -> int:
        return len(REGISTRY)


CODES: Sequence[str] = _Codes(targets=False)  # the site's languages, the source first
TARGETS: Sequence[str] = _Codes(targets=True)  # the languages translated into
LABELS: Mapping[str, Labels] = _LabelsView()
