"""Kazakh case endings for glossary renderings: vowel harmony and consonant rules.

Words take the ending chosen by their last vowel (back or front) and last
sound; abbreviations take it after a hyphen, chosen by how they are read
aloud (ЕАЭО [е-а-э-о] → ЕАЭО-ның, ЕЭК [е-эк] → ЕЭК-тің, ШЫҰ [шы-ұ] → ШЫҰ-ның).
"""

from __future__ import annotations

BACK = set("аоұыяёю")
FRONT = set("әөүіеэ")
NEUTRAL = set("иу")
VOWELS = BACK | FRONT | NEUTRAL
VOICELESS = set("кқпстфхцчшщ") | set("бвгд")  # final б в г д devoice in loans
SONORANT_NASAL = set("мнң")
SONORANT_OTHER = set("лрйу")
VOICED_SIBILANT = set("жз")

CASES = ("genitive", "dative", "accusative", "locative", "ablative", "instrumental")

# (back, front) endings by case and by the class of the last sound
_ENDINGS: dict[str, dict[str, tuple[str, str]]] = {
    "genitive": {
        "vowel": ("ның", "нің"),
        "nasal": ("ның", "нің"),
        "sonorant": ("дың", "дің"),
        "sibilant": ("дың", "дің"),
        "voiceless": ("тың", "тің"),
    },
    "dative": {
        "vowel": ("ға", "ге"),
        "nasal": ("ға", "ге"),
        "sonorant": ("ға", "ге"),
        "sibilant": ("ға", "ге"),
        "voiceless": ("қа", "ке"),
    },
    "accusative": {
        "vowel": ("ны", "ні"),
        "nasal": ("ды", "ді"),
        "sonorant": ("ды", "ді"),
        "sibilant": ("ды", "ді"),
        "voiceless": ("ты", "ті"),
    },
    "locative": {
        "vowel": ("да", "де"),
        "nasal": ("да", "де"),
        "sonorant": ("да", "де"),
        "sibilant": ("да", "де"),
        "voiceless": ("та", "те"),
    },
    "ablative": {
        "vowel": ("дан", "ден"),
        "nasal": ("нан", "нен"),
        "sonorant": ("дан", "ден"),
        "sibilant": ("дан", "ден"),
        "voiceless": ("тан", "тен"),
    },
    "instrumental": {
        "vowel": ("мен", "мен"),
        "nasal": ("мен", "мен"),
        "sonorant": ("мен", "мен"),
        "sibilant": ("бен", "бен"),
        "voiceless": ("пен", "пен"),
    },
}
# After a 3rd-person possessive (одағы, комиссиясы) an n is inserted.
_AFTER_POSSESSIVE = {
    "genitive": ("ның", "нің"),
    "dative": ("на", "не"),
    "accusative": ("н", "н"),
    "locative": ("нда", "нде"),
    "ablative": ("нан", "нен"),
    "instrumental": ("мен", "мен"),
}
_SOFTEN = {"к": "г", "қ": "ғ", "п": "б"}


def is_back(sounds: str) -> bool:
    """Harmony of a word: its last back or front vowel (и, у look further back)."""
    for c in reversed(sounds.lower()):
        if c in BACK:
            return True
        if c in FRONT:
            return False
    return True


def _sound_class(last: str) -> str:
    last = last.lower()
    if last in VOWELS - {"у"}:
        return "vowel"
    if last in SONORANT_NASAL:
        return "nasal"
    if last in SONORANT_OTHER:
        return "sonorant"
    if last in VOICED_SIBILANT:
        return "sibilant"
    return "voiceless"


def reading(abbreviation: str) -> str:
    """How an abbreviation is read: a consonant letter with no vowel before it
    is read with ы (ТМД → тымыды); one after a vowel closes its syllable (ЕЭК → еэк)."""
    out = []
    previous_vowel = False
    for letter in abbreviation.lower():
        if letter in VOWELS:
            out.append(letter)
            previous_vowel = True
        elif letter.isalpha():
            out.append(letter if previous_vowel else letter + "ы")
            previous_vowel = False
    return "".join(out)


def ending(sounds: str, case: str) -> str:
    """The case ending for a word that sounds like ``sounds``."""
    back = is_back(sounds)
    endings = _ENDINGS[case][_sound_class(sounds[-1])]
    return endings[0] if back else endings[1]


def possessive(word: str) -> str:
    """The 3rd-person possessive: одақ → одағы, комиссия → комиссиясы, ұйым → ұйымы."""
    back = is_back(word)
    last = word[-1].lower()
    if last in VOWELS - {"у"}:
        return word + ("сы" if back else "сі")
    stem = word[:-1] + _SOFTEN.get(last, last) if last in _SOFTEN else word
    return stem + ("ы" if back else "і")


def decline(
    text: str,
    case: str | None,
    abbreviation: bool = False,
    use_possessive: bool = False,
    overrides: dict[str, str] | None = None,
) -> str:
    """``text`` in ``case`` (None: nominative). Multi-word names decline their last word."""
    if case is None:
        return text
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}")
    if abbreviation:
        suffix = (overrides or {}).get(case) or ending(reading(text), case)
        return f"{text}-{suffix.lstrip('-')}"
    head, _, last = text.rpartition(" ")
    if use_possessive:
        stem = possessive(last)
        word = stem + _AFTER_POSSESSIVE[case][0 if is_back(stem) else 1]
    else:
        word = last + ending(last, case)
    return f"{head} {word}" if head else word
