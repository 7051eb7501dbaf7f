"""The site's languages and the words the pipeline itself puts on pages."""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "ru"
TARGETS = ("kk", "en")


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


LABELS = {
    "ru": Labels(
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
    ),
    "kk": Labels(
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
    ),
    "en": Labels(
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
    ),
}
