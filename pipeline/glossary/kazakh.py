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

from pipeline.glossary.spoken import is_foreign, split_last, spoken

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

# Final clusters no Kazakh word ends in: a loan takes і before its ending, and
# is front (Минск → Минскіде, Минскіге; факт → фактіге, фактісі; акт → актілер).
LINKED = ("ск", "цк", "кт", "пт", "фт")
# Final clusters that make a loan front (банк → банкке, парк → паркке, полк →
# полкке, хирург → хирургке, Санкт-Петербург → Петербургте); not қк (ҰҚК-тың).
FRONT_CLUSTERS = ("нк", "рк", "лк", "ск", "мк", "рг")
# A loan's final п stays before a vowel (принцип → принципі, тип → типі, окоп →
# окопы) where a Kazakh word's softens (мектеп → мектебі): a loan has letters,
# or an о/ө after the first syllable, no Kazakh word has.
LOAN_LETTERS = set("иэёюяфвцчщ")

PATRONYMIC = ("ұлы", "қызы")  # Құнанбайұлы, Жұмабайқызы: ұлы, қызы are possessives
CASES = ("genitive", "dative", "accusative", "locative", "ablative", "instrumental")

# (back, front) endings by case and by the class of the last sound
_CLASSES = ("vowel", "nasal", "sonorant", "sibilant", "voiceless")
# fmt: off
_TABLE = {  #        vowel       м н ң       л р й у     ж з         voiceless
    "genitive":     ("ның нің", "ның нің", "дың дің", "дың дің", "тың тің"),
    "dative":       ("ға ге",   "ға ге",   "ға ге",   "ға ге",   "қа ке"),
    "accusative":   ("ны ні",   "ды ді",   "ды ді",   "ды ді",   "ты ті"),
    "locative":     ("да де",   "да де",   "да де",   "да де",   "та те"),
    "ablative":     ("дан ден", "нан нен", "дан ден", "дан ден", "тан тен"),
    "instrumental": ("мен мен", "мен мен", "мен мен", "бен бен", "пен пен"),
}
# fmt: on
_ENDINGS: dict[str, dict[str, tuple[str, str]]] = {
    case: {c: (e.split()[0], e.split()[1]) for c, e in zip(_CLASSES, row, strict=True)}
    for case, row in _TABLE.items()
}
# After a 3rd-person possessive (одағы, комиссиясы) an n is inserted.
_AFTER_POSSESSIVE = {
    c: (e.split()[0], e.split()[-1])
    for c, e in zip(CASES, ("ның нің", "на не", "н", "нда нде", "нан нен", "мен"), strict=True)
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
    final к after a consonant (банк → банкке, Ұлттық банкі) or рг (хирургке)
    makes a loan front; a final soft sign, see ``_soft_sign_back``. A word in
    digits or Latin letters is read first (2025 [… бес], Google [гугл]).
    """
    word = (spoken(sounds) or sounds).lower().rstrip("-")
    if word.endswith("ь"):
        return _soft_sign_back(word)
    if word.endswith(FRONT_CLUSTERS):
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


def _soft_sign_back(word: str) -> bool:
    """A loan ending in a soft sign is front when it has one syllable (Тверьге)
    or a consonant before its last (рубльге, Кремльге, ансамбльге); otherwise
    its last vowel decides, и and у read soft before it (фестивальға, Казаньға;
    лагерьге, Беларуське): the orthographic dictionary's rule."""
    letters = word.rstrip("ьъ")
    vowels = [c for c in letters if c in VOWELS]
    if len(vowels) <= 1 or (len(letters) > 1 and letters[-2] not in VOWELS):
        return False
    return vowels[-1] in BACK


def _merged(stem: str, suffix: str) -> str:
    """After a loan's final ст a т-ending loses its т, as print writes
    журналистің, журналисте, журналистер (ст + т: Бресте, but Брестке)."""
    return suffix[1:] if stem.lower().endswith("ст") and suffix[:1] == "т" else suffix


def linking(word: str) -> str:
    """The vowel a loan ending in a cluster Kazakh does not end a word in
    takes before an ending (Минск → Минскі-де, Гданьск → Гданьскі-де)."""
    return "і" if word.lower().replace("ь", "").endswith(LINKED) else ""


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
    vowel the letters are read as one word (АҚШ → ақш, ЕЭК → еэк, НАТО), but
    a syllable closes on two consonants at most (ЕҚДБ → еқдбы). A Latin one
    by its letters' English names or as a word (IT → айти, NATO)."""
    if is_foreign(abbreviation):
        return spoken(abbreviation) or abbreviation
    out = []
    seen_vowel, run = False, 0  # run: consonants closing the syllable so far
    for letter in abbreviation.lower():
        if letter in VOWELS:
            out.append(letter)
            seen_vowel, run = True, 0
        elif letter.isalpha():
            closes = seen_vowel and run < 2
            out.append(letter if closes else letter + "ы")
            run = run + 1 if closes else 0
    return "".join(out)


def ending(sounds: str, case: str) -> str:
    """The case ending for a word that sounds like ``sounds``."""
    sounds = spoken(sounds) or sounds
    endings = _ENDINGS[case][_sound_class(sounds)]
    return endings[0] if is_back(sounds) else endings[1]


def possessive(word: str) -> str:
    """The 3rd-person possessive: одақ → одағы, комиссия → комиссиясы, ұйым →
    ұйымы, факт → фактісі, рубль → рублі (always front after a soft sign)."""
    if word.endswith("ь"):
        return word[:-1] + "і"
    word += linking(word)
    back = is_back(word)
    if _sound_class(word) == "vowel":
        return word + ("сы" if back else "сі")
    last = word[-1].lower()
    # одақ → одағы between vowels; банк → банкі after a consonant; принципі
    soft = last in _SOFTEN and len(word) > 1 and word[-2].lower() in VOWELS
    soft = soft and not (last == "п" and _loan(word))
    stem = word[:-1] + _SOFTEN[last] if soft else word
    return stem + ("ы" if back else "і")


def _loan(word: str) -> bool:
    w = word.lower()
    later = w[next((i for i, c in enumerate(w) if c in VOWELS), len(w)) + 1 :]
    return bool(set(w) & LOAN_LETTERS) or bool(set(later) & set("оө")) or w[-1:] == w[-2:-1]


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
    """A noun + noun name whose last word carries the possessive (Кеден одағы),
    or a surname in -ұлы/-қызы, "son/daughter of" (Абай Құнанбайұлына)."""
    words = name.split()
    if len(words) >= 2 and has_possessive(words[-1]):
        return True
    last = words[-1] if words else ""
    return last[:1].isupper() and len(last) > 5 and last.lower().endswith(PATRONYMIC)


def decline(
    text: str,
    case: str | None,
    abbreviation: bool = False,
    possessive_head: bool | None = None,
    overrides: dict[str, str] | None = None,
    read_as: str | None = None,
    declines_as: str | None = None,
) -> str:
    """``text`` in ``case`` (None: nominative). Multi-word names decline their last word.

    ``possessive_head``: None detects a noun + noun name from its last word;
    True declares one (the possessive is added when the last word lacks it);
    False declines the last word plainly. ``read_as`` is how an abbreviation,
    or a name in Latin letters, is read when the rule gets it wrong;
    ``overrides`` maps cases to endings; ``declines_as`` is the last word as
    it takes endings (Минскі: Минскіде; Минск: Минскте, no linking vowel).
    """
    if case is None:
        return text
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}")
    given = (overrides or {}).get(case)
    if abbreviation:
        return f"{text}-{(given or ending(read_as or reading(text), case)).lstrip('-')}"
    head, last = split_last(text)
    compound = is_compound(text) if possessive_head is None else possessive_head
    if is_foreign(last):  # COVID-19-ға, Google-ға, 2025-ке: after a hyphen
        word = f"{last}-{(given or ending(read_as or last, case)).lstrip('-')}"
    elif compound:
        stem = last if has_possessive(last) else possessive(last)
        word = stem + (given or _AFTER_POSSESSIVE[case][0 if is_back(stem) else 1])
    else:
        if declines_as and declines_as.lower().startswith(last.lower()):
            word = declines_as + (given or ending(declines_as, case))
        else:  # a given ending is all that follows the word as written (те: Минскте)
            stem = last + ("" if given else linking(last))
            word = stem + (given or _merged(stem, ending(stem, case)))
    return f"{head} {word}" if head else word
