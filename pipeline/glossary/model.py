"""The house terms as values: a Term, its Russian forms and its rendering in
each target language (glossary.yaml is read into these by glossary.load)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from pipeline.languages import SOURCE, TARGETS

KINDS = ("abbreviation", "proper-name", "keep", "person")  # person: a speaker's name
USES = ("first-expanded", "abbreviation", "name")
CASES = ("genitive", "dative", "accusative", "locative", "ablative", "instrumental")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RU_KEYS = {"name", "abbreviation", "variants"}
_TARGET_KEYS = {
    "name",
    "abbreviation",
    "variants",
    "use",
    "forbidden",
    "notes",
    "possessive",
    "endings",
    "reading",
    "declines_as",
}


def sections() -> tuple[str, ...]:
    """The target languages an entry has a section for, in code order (the
    order of the checks, the CSV columns and the TBX language sets)."""
    return tuple(sorted(TARGETS))


def term_keys() -> set[str]:
    return {"id", "kind", SOURCE, *TARGETS, "notes"}


@dataclass(frozen=True)
class RussianForms:
    name: str
    abbreviation: str | None = None
    variants: tuple[str, ...] = ()

    def forms(self) -> list[tuple[str, str]]:
        """(form, what it is): the name, each variant, the abbreviation."""
        out = [(self.name, "name")] + [(v, f"variant:{i}") for i, v in enumerate(self.variants)]
        return out + ([(self.abbreviation, "abbreviation")] if self.abbreviation else [])


@dataclass(frozen=True)
class Rendering:
    name: str
    abbreviation: str | None = None
    variants: tuple[str, ...] = ()
    use: str = "name"
    forbidden: tuple[str, ...] = ()
    notes: str = ""
    # Kazakh: the name is noun + noun and its last word carries the 3rd-person
    # possessive (Кеден одағы → одағына); None: told from the name itself
    possessive: bool | None = None
    endings: tuple[tuple[str, str], ...] = ()  # Kazakh: case → ending of the abbreviation
    reading: str | None = None  # Kazakh: how the abbreviation is read (АҚШ: ақш)
    # Kazakh: the name's last word as it takes endings (Минскі: Минскіде)
    declines_as: str | None = None

    def form_for(self, matched: str) -> str:
        """The rendering of a matched Russian form, before house style and case."""
        if matched.startswith("variant:"):
            index = int(matched.split(":")[1])
            return self.variants[index] if index < len(self.variants) else self.name
        if self.abbreviation and self.use in ("abbreviation", "first-expanded"):
            return self.abbreviation
        return self.name

    def accepted(self) -> tuple[str, ...]:
        """Strings whose presence shows the rendering was used."""
        return tuple(f for f in (self.name, self.abbreviation, *self.variants) if f)


@dataclass(frozen=True)
class Term:
    id: str
    kind: str
    ru: RussianForms
    renderings: dict[str, Rendering]
    notes: str = ""
    line: int = 0

    def __hash__(self) -> int:  # ids are unique within a glossary
        return hash(self.id)

    def fingerprint(self, languages: Iterable[str] | None = None) -> str:
        """Changes whenever the entry's renderings (in ``languages``, default
        all) do: machine output made under another fingerprint is out of date."""
        import hashlib

        wanted = set(self.renderings if languages is None else languages)
        # Notes are left out: editing an explanation changes no translation.
        # Keys left at their defaults add nothing, so adding a key to the
        # format changes no existing entry's fingerprint.
        text = repr(
            (
                self.kind,
                self.ru,
                sorted(
                    (
                        lang,
                        r.name,
                        r.abbreviation,
                        r.variants,
                        r.use,
                        r.forbidden,
                        bool(r.possessive),
                        r.endings,
                        *([("possessive", r.possessive)] if r.possessive is False else []),
                        *([("reading", r.reading)] if r.reading else []),
                        *([("declines_as", r.declines_as)] if r.declines_as else []),
                    )
                    for lang, r in self.renderings.items()
                    if lang in wanted
                ),
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()[:10]

    def holds(self, version: str, language: str) -> bool:
        """Whether a translation into ``language`` recorded under ``version``
        still follows this entry: the fingerprint then, of the languages the
        glossary had then. A language added to the glossary since (a French
        section) leaves Kazakh and English translations as valid as they were."""
        if version == self.fingerprint():
            return True
        others = sorted(set(self.renderings) - {language})
        return any(
            version == self.fingerprint([language, *subset])
            for size in range(len(others) - 1, -1, -1)
            for subset in combinations(others, size)
        )


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    path: Path | None = None
    warnings: tuple[str, ...] = ()  # "file:line:column: what looks wrong", for stderr

    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}
