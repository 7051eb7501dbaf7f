"""Kazakh case endings for glossary renderings: vowel harmony and consonant rules.

Words take the ending chosen by their last vowel (back or front) and last
sound; abbreviations take it after a hyphen, chosen by how they are read
aloud (ЕАЭО [е-а-э-о] → ЕАЭО-ның, ЕЭК [е-эк] → ЕЭК-тің, АҚШ [ақш] → АҚШ-тың,
ТМД [ты-мы-ды] → ТМД-ның). A name whose last word already carries the
3rd-person possessive (Шанхай ынтымақтастық ұйымы) takes the n-forms
(ұйымына, ұйымында); a name headed by adjectives takes plain endings
(Еуразиялық экономикалық одақ → одаққа).
"""

from __future__ import annotations

BACK = set("аоұыяё")
FRONT = set("әөүіеэ")
NEUTRAL = set("иую")  # и [ый/ій], у [ұw/үw], ю [йұw]: harmony comes from the vowel before
VOWELS = BACK | FRONT | NEUTRAL
VOICELESS = set("кқпстфхцчшщ") | set("бвгд")  # final б в г д devoice in loans
SONORANT_NASAL = set("мнң")
# и ends in [й] and у, ю in [w]: they take the д/т endings (бидің, судың)
SONORANT_OTHER = set("лрйиую")
VOICED_SIBILANT = set("жз")
SIGNS = set("ьъ")
# Words of one syllable whose и is the back [ый]: ми → миға (би [бій] → биге).
BACK_I_WORDS = {"ми", "қи"}

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
_AGENT = ("шы", "ші")  # хатшы, басшы: a noun of its own, not a possessive


def is_back(sounds: str) -> bool:
    """Harmony of a word: its last back or front vowel, with и, у, ю read as
    they sound there.

    A final и, or an и in the last syllable, is [ій]: front (би → биге,
    такси → таксиге, тариф → тарифке, Путин → Путинге), but for a few (ми →
    миға). A у or ю after a vowel is [w] and a final у follows the vowel before
    it (тау → тауға, Мәскеу → Мәскеуге, келу → келуге); in a loan's closed
    syllable it is [ұ], back (ресурс → ресурсқа, институт → институтқа). A
    final soft sign (рубль → рубльге) or a final к after a consonant (банк →
    банкке, Ұлттық банкі) makes a loan front.
    """
    word = sounds.lower().rstrip("-")
    if word.endswith("ь") or (len(word) > 1 and word[-1] == "к" and word[-2] not in VOWELS):
        return False
    for i in range(len(word) - 1, -1, -1):
        c = word[i]
        if c in BACK:
            return True
        if c in FRONT:
            return False
        if c == "и" and not any(v in VOWELS for v in word[i + 1 :]):
            return word in BACK_I_WORDS
        if c in "ую" and i > 0 and word[i - 1] in VOWELS:
            continue  # [w]: тау, Мәскеу
        if c in "ую" and i + 1 < len(word):
            return True  # a closed syllable: ресурс, минут, Вильнюс
    return True  # су, ту


def _sound_class(word: str) -> str:
    letters = word.lower().rstrip("".join(SIGNS))
    last = letters[-1] if letters else "а"
    if last in SONORANT_OTHER:
        return "sonorant"
    if last in VOWELS:
        return "vowel"
    if last in SONORANT_NASAL:
        return "nasal"
    if last in VOICED_SIBILANT:
        return "sibilant"
    return "voiceless"


def reading(abbreviation: str) -> str:
    """How an abbreviation is read. Until its first vowel letter each consonant
    letter is a syllable of its own with ы (ТМД → тымыды, ЖОО → жыоо); after a
    vowel the letters are read as one word (АҚШ → ақш, ЕЭК → еэк, НАТО)."""
    out = []
    seen_vowel = False
    for letter in abbreviation.lower():
        if letter in VOWELS:
            out.append(letter)
            seen_vowel = True
        elif letter.isalpha():
            out.append(letter if seen_vowel else letter + "ы")
    return "".join(out)


def ending(sounds: str, case: str) -> str:
    """The case ending for a word that sounds like ``sounds``."""
    endings = _ENDINGS[case][_sound_class(sounds)]
    return endings[0] if is_back(sounds) else endings[1]


def possessive(word: str) -> str:
    """The 3rd-person possessive: одақ → одағы, комиссия → комиссиясы, ұйым → ұйымы."""
    back = is_back(word)
    if _sound_class(word) == "vowel":
        return word + ("сы" if back else "сі")
    last = word[-1].lower()
    # одақ → одағы between vowels; банк → банкі after a consonant
    soft = last in _SOFTEN and len(word) > 1 and word[-2].lower() in VOWELS
    stem = word[:-1] + _SOFTEN[last] if soft else word
    return stem + ("ы" if back else "і")


def has_possessive(word: str) -> bool:
    """Whether a word ends in the 3rd-person possessive: ұйымы, диалогы,
    Федерациясы, Достастығы (not хатшы, a noun in -шы of its own)."""
    w = word.lower()
    if len(w) < 3 or w[-1] not in "ыі" or w.endswith(_AGENT):
        return False
    before = w[-2]
    if before == "с" and w[-3] in VOWELS:
        return True  # Федерация-сы, Республика-сы
    return before not in VOWELS and before not in SIGNS


def is_compound(name: str) -> bool:
    """A noun + noun name whose last word carries the possessive (Кеден одағы)."""
    words = name.split()
    return len(words) >= 2 and has_possessive(words[-1])


def decline(
    text: str,
    case: str | None,
    abbreviation: bool = False,
    possessive_head: bool | None = None,
    overrides: dict[str, str] | None = None,
    read_as: str | None = None,
) -> str:
    """``text`` in ``case`` (None: nominative). Multi-word names decline their last word.

    ``possessive_head``: None detects a noun + noun name from its last word;
    True declares one (the possessive is added when the last word lacks it);
    False declines the last word plainly. ``read_as`` is how an abbreviation is
    read when the rule gets it wrong; ``overrides`` maps cases to endings.
    """
    if case is None:
        return text
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}")
    if abbreviation:
        suffix = (overrides or {}).get(case) or ending(read_as or reading(text), case)
        return f"{text}-{suffix.lstrip('-')}"
    head, _, last = text.rpartition(" ")
    compound = is_compound(text) if possessive_head is None else possessive_head
    if compound:
        stem = last if has_possessive(last) else possessive(last)
        word = stem + _AFTER_POSSESSIVE[case][0 if is_back(stem) else 1]
    else:
        word = last + ending(last, case)
    return f"{head} {word}" if head else word
