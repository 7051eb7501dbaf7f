"""Turn markers at the start of a paragraph: speaker labels and dashes.

A label is accepted on evidence, not on a fixed list: it recurs at the start
of paragraphs, or it has the shape of a person's name (first name and
surname, initials and surname) or of an interview role, or the front matter
names it. Single words pass only if the dictionary does not know them as an
ordinary word ("Например:" opens sentences, "Познер:" opens turns).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

DASH = "—"
_DASH = re.compile(r"[—–‒―-]{1,2}[ \t\u00a0]*(?=[^\s—–‒―-])|[—–‒―-]{1,2}\s*$")
_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
_LOWER = "а-яёәғқңөұүһіa-z"
_WORD = (
    rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]*)*\.?"  # Познер, Корр.
    rf"|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*(?:\.(?=[ \t]*:))?"  # КОРЗУН, ДЕ-ГОЛЛЬ, КОРР.:
    rf"|[{_UPPER}]\.?(?![{_LOWER}])"  # an initial or a one-letter role: С., Р
)
_NAME = re.compile(rf"(?:{_WORD})(?:(?:\s+|(?<=\.))(?:{_WORD})){{0,3}}")
_LABEL = re.compile(
    rf"(?P<label>{_NAME.pattern}(?:[ \t]+\d{{1,2}}(?!\d|:\d))?)"  # "Спикер 2", "Вопрос 3"
    rf"(?P<about>,[ \t]*[{_LOWER}][{_LOWER}\w -]{{0,40}}(?<=\w)"  # ", корреспондент"
    r"|[ \t]*\([^()\n:]{1,80}\))?"  # " (экономист, Алматы)"
    # A time code: "Спикер 1 (00:01:15):", "Анна Ким  00:01:15" (a transcription
    # service's heading, the text on the next line or after it)
    r"(?P<stamp>[ \t]*(?:[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]"
    r"|\d{1,2}:\d{2}:\d{2}(?=\s)|\d{1,2}:\d{2}(?::\d{2})?(?=\s*$)))?"
    # ":", "." or a dash between spaces ("Марина Ковалёва – Сколько…"); nothing
    # after a time code
    r"\s*(?P<sep>:|\.(?=\s|$)|(?<=\s)[—–-]{1,2}(?=[ \t\u00a0]+\S)|(?<=[\d\])])(?=\s|$))"
    r"[ \t\u00a0]*"
)
_OUTLET = re.compile(  # an outlet asks: "«Завтра»:", "МИА «Казинформ»:", "Tengrinews.kz:"
    r"(?P<label>(?:(?:МИА|ИА|РИА|ТК|ТРК|Радио|Газета|Журнал|Телеканал|Агентство|Портал)\s+)?"
    r"[«\"“„][^»\"”“\n]{1,60}[»\"”“]|[A-Za-z][\w-]*(?:\.[a-z]{2,6})+)\s*(?P<sep>[:.])[ \t\u00a0]*"
)
# Words that say what a turn is rather than who speaks.
QUESTION_WORDS = {"вопрос", "в", "корр", "корреспондент", "журналист", "интервьюер", "ведущий"}
QUESTION_WORDS |= {"модератор", "ведущая", "редакция"}
ANSWER_WORDS = {"ответ", "о", "гость", "гостья", "респондент", "собеседник", "собеседница"}
_ROLES = QUESTION_WORDS | ANSWER_WORDS
_NOT_NAMES = {"CONJ", "PREP", "PRCL", "INTJ", "ADVB", "VERB", "INFN", "PRED", "GRND", "NPRO"}
_NOT_NAMES |= {"ADJS", "PRTS", "COMP", "NUMR"}


@dataclass(frozen=True)
class Lead:
    """What a paragraph opens with: a candidate label or a dash."""

    key: str  # DASH, or the label normalised: "с корзун", "«завтра»"
    written: str  # as the transcript writes it: "С. КОРЗУН"
    rest: str  # the paragraph's text after the marker
    strong: bool  # a name or role by its shape alone, even if it occurs once
    outlet: bool = False
    asks: bool = False  # the label says so: "Дарья Ким, корреспондент:"
    after_dash: str | None = None  # "— Имя: …": the text after the dash, if not a label
    dashed: bool = False  # "Имя Фамилия – текст": a name, then a dash instead of a colon


def key_of(label: str) -> str:
    words = re.sub(r"[.\s]+", " ", label).strip().casefold().replace("ё", "е")
    numbered = re.fullmatch(r"(\w+) \d+", words)  # "Вопрос 3:" is "Вопрос:"; "Спикер 2" a voice
    return numbered.group(1) if numbered and numbered.group(1) in _ROLES else words


def surname(key: str) -> str:
    """The last word of a label key ("медет тулегенов" → "тулегенов")."""
    words = key.split()
    return words[-1] if words else key


def candidate(text: str) -> Lead | None:
    """The marker a paragraph's first line opens with, if it has the shape of one."""
    dash = _DASH.match(text)
    body = text[dash.end() :] if dash else text
    found = _label(body)
    if found is not None and dash:
        return replace(found, after_dash=body)
    return found if found is not None else Lead(DASH, DASH, body, True) if dash else None


def _label(body: str) -> Lead | None:
    m = _OUTLET.match(body)
    if m:
        rest = body[m.end() :]
        return Lead(key_of(m.group("label")), m.group("label"), rest, False, outlet=True)
    m = _LABEL.match(body)
    if m and m.group("sep") == "" and not m.group("stamp"):
        return None  # "Глава 2" alone on its line is a heading; "Анна Ким 00:01:15" a label
    if m and m.group("sep") == "." and not body[m.end() :].strip():
        return None  # "Ответ." alone is a sentence; only "Ответ:" may stand on its own line
    if m and m.group("sep") not in (":", ".", ""):
        return _dashed(m.group("label"), body[m.end() :]) if not m.group("about") else None
    label = m.group("label") if m else ""
    one_word = label.isupper() and len(label) > 2 and " " not in label and "." not in label
    if one_word and key_of(label) not in QUESTION_WORDS | ANSWER_WORDS and not person_word(label):
        # "ЗАВТРА." or "ПОЛДЕНЬ:": a word in capitals that names no person is an outlet
        return Lead(key_of(label), label, body[m.end() :] if m else "", False, outlet=True)
    if m and m.group("about") and m.group("sep") in (":", "") and _name_like(label, ":"):
        # "Арман Сеитов, инженер:": the person, and what they are
        about = key_of(m.group("about").strip(", "))
        asks = bool(set(about.split()) & QUESTION_WORDS)
        written = label + m.group("about")
        # "Москва, как всегда:" is one word and a sentence; "Дарья Дмитриевна,
        # скажите:" addresses someone (a patronymic last): both need to recur.
        strong = len(label.split()) > 1 and not _patronymic(label.split()[-1])
        return Lead(key_of(label), written, body[m.end() :], strong, asks=asks)
    if m and not m.group("about") and _name_like(label, m.group("sep") or ":"):
        key = key_of(label)
        words = label.replace(".", ". ").split()
        strong = key in QUESTION_WORDS | ANSWER_WORDS or (
            m.group("sep") in (":", "")
            and len(words) >= 2
            and any(len(w) > 2 for w in words)
            and not _patronymic(words[-1])
        )
        return Lead(key, label, body[m.end() :], strong)
    return None


def _dashed(label: str, rest: str) -> Lead | None:
    """ "Марина Ковалёва – Сколько…": only a person's name (or initials) can be a
    label before a dash ("Москва – столица" is a sentence); never strong alone."""
    words = label.replace(".", ". ").split()
    person = all(len(w.rstrip(".")) <= 1 or person_word(w.rstrip(".")) for w in words)
    if not person and key_of(label) not in _ROLES:  # "Вопрос – …", "Корр. – …" are roles
        return None
    if any(len(w) == 1 for w in words) or (label.isupper() and len(words) == 1):
        return None  # "А – …", "ГЛАВНОЕ – …": a letter or a word in capitals
    return Lead(key_of(label), label, rest, False, dashed=True)


def _name_like(label: str, sep: str) -> bool:
    words = label.replace(".", ". ").split()
    role = len(key_of(label)) > 1 and key_of(label) in QUESTION_WORDS | ANSWER_WORDS
    if sep == "." and not role and not any(len(w) >= 2 and w.isupper() for w in words):
        # "Да. Конечно" is a sentence; "Дарья ОСИНИНА." and "ЗАВТРА." are labels
        return False
    if len(words) > 1 and any(
        len(w.rstrip(".")) == 1 and not w.endswith(".") and not w.isdigit() for w in words
    ):
        return False  # "В Москве:": a one-letter word in a name is an initial, with a dot
    return all(len(w.rstrip(".")) <= 1 or _not_a_common_word(w.rstrip(".")) for w in words)


@lru_cache(maxsize=4096)
def _not_a_common_word(word: str) -> bool:
    if word.isupper() and len(word) > 1:
        word = word.capitalize()
    if not re.search(r"[а-яё]", word, re.IGNORECASE):
        return True
    parse = _morph().parse(word.lower())
    if not _morph().word_is_known(word.lower()):
        return True
    tags = [p.tag for p in parse]
    if any(
        {"Name", "Surn", "Patr", "Abbr", "Init"} & set(str(t).replace(" ", ",").split(","))
        for t in tags
    ):
        return True
    return tags[0].POS not in _NOT_NAMES


@lru_cache(maxsize=4096)
def _patronymic(word: str) -> bool:
    """Name and patronymic is how one addresses a person, not how a label names them."""
    return "Patr" in str(_morph().parse(word.lower())[0].tag)


@lru_cache(maxsize=4096)
def person_word(word: str) -> bool:
    """A surname or first name as the dictionary knows them, or a word it does not know."""
    word = word.lower()
    if not _morph().word_is_known(word):
        return True
    return any(
        {"Name", "Surn", "Patr"} & set(str(p.tag).replace(" ", ",").split(","))
        for p in _morph().parse(word)
    )


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def accepted(leads: Iterable[Lead | None], known: Iterable[str]) -> dict[str, str]:
    """Label key → speaker key, for the labels the whole text gives evidence for.

    A surname alone ("Тюлегенов") is the same speaker as the full label that
    ends with it ("Медет Тюлегенов"), and so are initials with that surname.
    """
    every = [lead for lead in leads if lead is not None]
    found = [lead for lead in every if lead.key != DASH]
    counts = Counter(lead.key for lead in found)
    known_keys = {key_of(k) for k in known} - {""}
    # A name before a dash is a label when two voices speak that way, each more
    # than once (one name recurring before a dash is a subject: "Путин – …"),
    # and turns do not open with dashes (then "Токаев – …" opens a sentence).
    dashed = {lead.key for lead in found if lead.dashed and counts[lead.key] >= 2}
    dash_turns = len(every) - len(found)
    if len({surname(k) for k in dashed}) < 2 or dash_turns >= sum(counts[k] for k in dashed):
        found = [lead for lead in found if not lead.dashed or lead.key in known_keys]
    known_surnames = {surname(k) for k in known_keys}
    keys = {
        lead.key
        for lead in found
        if counts[lead.key] >= 2
        or lead.strong
        or lead.key in known_keys
        or surname(lead.key) in known_surnames
    }
    # A surname alone is a label when a full label ends with it, and a full
    # label is one when its surname alone recurs ("Анна Ли —" once, then "Ли —").
    surnames = {surname(k) for k in keys if len(k.split()) > 1}
    keys |= {lead.key for lead in found if lead.key in surnames or surname(lead.key) in keys}
    full = sorted(keys | known_keys, key=lambda k: (-len(k.split()), k))
    speaker = {}
    for key in keys:
        last = surname(key)
        same = [k for k in full if surname(k) == last and len(last) > 1 and last not in _ROLES]
        speaker[key] = same[0] if same else key
    return speaker


def display(written: str, outlet: bool = False) -> str:
    """A label as a name to print: capitals of a newspaper's style become title case."""
    if outlet:  # "«Завтра»"; "МИА «Казинформ»" and "Tengrinews.kz" as written
        inner = written.strip('«»"“”„')
        return written if re.search(r"[«»\"“”„]|\.\w", inner) else f"«{inner}»"
    words = []
    for word in written.split():
        if len(word) > 1 and word.isupper() and "." not in word:
            word = "-".join(part.capitalize() for part in word.split("-"))
        words.append(word)
    return " ".join(words)
