"""A credit line that names who asked: "Беседовала Анна Иванова", "Интервью
подготовил А. Петров", "Текст: Анна ИВАНОВА", "Вопросы задавал …".

Outlets print it in the lede or after the interview. Only a line of that
shape is a credit: a sentence that merely contains "беседовал" ("Я беседовал
с министром.") is text. The name is a person's (one to three capitalised
words or initials); what may follow it is where or for whom
(", Алматы", ", «Казинформ»", "(фото автора)").
"""

from __future__ import annotations

import re

from pipeline.source.labels import display

_WORD = r"(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?|[А-ЯЁ]\.)"
NAME = rf"{_WORD}(?:(?<=\.)\s*{_WORD}|\s+{_WORD}){{0,2}}"
# The verb (or noun) of a credit: who "talked", "prepared", "wrote down" the interview.
_VERB = (
    r"(?i:беседовал[аи]?|интервью\s+(?:взял|записал|подготовил)[аи]?"
    r"|вопросы\s+задавал[аи]?|записал[аи]?|подготовил[аи]?)\s*:?"
)
# "Текст: …", "Текст и фото: …", "Автор — …"
_NOUN = r"(?i:текст(?:\s+и\s+фото)?|автор|интервьюер|интервью)\s*(?::|[—–-])"
CREDIT = rf"(?:{_VERB}|{_NOUN})\s*(?P<name>{NAME})"
# After the name: a place, an outlet or a position (", Алматы", ", «Казинформ»",
# ", корреспондент …"), never a clause ("Беседовал Иван Петров, а потом и я.").
_TAIL = (
    r"(?:\s*,\s*(?:[«\"“А-ЯЁA-Z]|(?:специально\s+)?для\s|корреспондент|журналист|обозреватель)"
    r"[^,!?]{0,60}?|\s*\([^()]{1,60}\))?\.?"
)
_LINE = re.compile(rf"{CREDIT}{_TAIL}")
# The credit as the last sentence of a paragraph: "… сто лет назад. Беседовал Иван Петров."
_LAST_SENTENCE = re.compile(rf"(?<=[.!?…»])\s+(?P<credit>{CREDIT}\.?)$")


# Words that open a credit or a caption ("Фото: …", "Текст: …"): what a line
# is, not who speaks, even when they recur at the start of paragraphs.
CREDIT_WORDS = frozenset(
    {"фото", "фотография", "видео", "текст", "автор", "источник", "справка", "иллюстрация"}
    | {"коллаж", "скриншот", "кадр", "инфографика", "подпись"}
)


def _name(match: re.Match[str]) -> str:
    name = re.sub(r"\.(?=[А-ЯЁ])", ". ", match.group("name"))  # "А.Иванова" → "А. Иванова"
    return display(" ".join(name.split()))


def credit_name(text: str) -> str | None:
    """The interviewer a paragraph that is only a credit names, else None."""
    line = _LINE.fullmatch(text.strip())
    return _name(line) if line else None


def credit_sentence(text: str) -> tuple[str, str] | None:
    """A paragraph that ends with a credit: (the name, the credit sentence)."""
    sentence = _LAST_SENTENCE.search(text)
    return (_name(sentence), sentence.group("credit")) if sentence else None
