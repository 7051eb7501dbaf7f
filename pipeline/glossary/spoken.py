"""How a word not written in Kazakh letters is read aloud, so that it takes the
Kazakh ending its sound asks for, after a hyphen: numbers (2025-ке [екі мың
жиырма бес], 1990-ға [… тоқсан], 5%-ға [бес пайыз], COVID-19-ға [он тоғыз]),
Latin abbreviations read by their letters' English names (IT-ге [ай-ти],
CNN-нің [си-эн-эн]) or as a word (NATO-ның, OPEC-тің), and Latin names read as
words (Google-ға [гугл], iPhone-ға [айфон], Facebook-та, Twitter-де).

English spelling is only approximated: a name read otherwise says how in its
glossary entry (`reading:`), as an abbreviation does.
"""

from __future__ import annotations

import re

UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
# English letter names as Kazakh speakers say them (IT [ай-ти], BBC [би-би-си]).
LETTER_NAMES = {
    "a": "эй", "b": "би", "c": "си", "d": "ди", "e": "и", "f": "эф", "g": "джи",
    "h": "эйч", "i": "ай", "j": "джей", "k": "кей", "l": "эл", "m": "эм", "n": "эн",
    "o": "оу", "p": "пи", "q": "кью", "r": "ар", "s": "эс", "t": "ти", "u": "ю",
    "v": "ви", "w": "дабл-ю", "x": "экс", "y": "уай", "z": "зет",
}  # fmt: skip
# English spelling → Kazakh letters, the longest spelling first.
_SPELLING = (
    ("sch", "ш"), ("tch", "ч"), ("sh", "ш"), ("ch", "ч"), ("ph", "ф"), ("th", "т"),
    ("wh", "у"), ("tw", "тв"), ("sw", "св"), ("dw", "дв"), ("ck", "к"), ("ng", "ң"),
    ("қu", "кв"), ("kh", "х"), ("zh", "ж"),
    ("oo", "у"), ("ee", "и"), ("ea", "и"), ("ou", "у"), ("ow", "оу"), ("ay", "эй"),
    ("ai", "эй"), ("ey", "эй"), ("ce", "се"), ("ci", "си"), ("cy", "си"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"),
    ("h", "х"), ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("v", "в"), ("w", "у"), ("x", "кс"), ("y", "и"), ("z", "з"),
)  # fmt: skip
_LATIN_VOWELS = set("aeiouy")
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+$")  # 1 000 000
_TRAILING_NUMBER = re.compile(r"\d+$")


def is_foreign(word: str) -> bool:
    """Whether a word ends in something not written in Cyrillic: a digit, %,
    a Latin letter (it then takes its ending after a hyphen)."""
    last = word.rstrip("-")[-1:] if word else ""
    return last.isdigit() or last == "%" or ("a" <= last.lower() <= "z")


def split_last(text: str) -> tuple[str, str]:
    """A name's words before its last, and its last (a number in groups, 1 000
    000, is one word)."""
    grouped = _GROUPED.search(text)
    if grouped and (grouped.start() == 0 or text[grouped.start() - 1] == " "):
        return text[: grouped.start()].rstrip(), grouped.group()
    head, _, last = text.rpartition(" ")
    return head, last


def number(digits: str) -> str:
    """The last word of a number said in Kazakh (2025 → бес, 1990 → тоқсан,
    300 → жүз, 2000 → мың)."""
    n = int(digits)
    if n == 0:
        return UNITS[0]
    if n % 10:
        return UNITS[n % 10]
    if n % 100:
        return TENS[n % 100 // 10]
    if n % 1000:
        return "жүз"
    if n % 10**6:
        return "мың"
    return "миллион" if n % 10**9 else "миллиард"


def spoken(word: str) -> str | None:
    """How the end of ``word`` is read, in Kazakh letters; None for a word
    that ends in a Cyrillic letter (it is read as written)."""
    word = word.rstrip("-")
    if not is_foreign(word):
        return None
    if word.endswith("%"):
        return "пайыз"
    grouped = _GROUPED.search(word) or _TRAILING_NUMBER.search(word)
    if grouped:
        return number(re.sub(r"\D", "", grouped.group()))
    latin = re.findall(r"[A-Za-z]+", word)[-1]
    unspeakable = not set(latin.lower()) & _LATIN_VOWELS  # .kz [кей-зет], PwC's w c
    if unspeakable or (latin.isupper() and not _pronounceable(latin)):
        return "".join(LETTER_NAMES[c] for c in latin.lower())
    return transliterate(latin)


def _pronounceable(acronym: str) -> bool:
    """An upper-case abbreviation read as a word (NATO, OPEC, UNESCO) rather
    than letter by letter (IT, IBM, USA, CNN): four letters or more, with no
    two consonants at its start or end."""
    low = acronym.lower()
    if len(low) < 4 or not set(low) & _LATIN_VOWELS:
        return False
    return bool(set(low[:2]) & _LATIN_VOWELS) and bool(set(low[-2:]) & _LATIN_VOWELS)


def transliterate(latin: str) -> str:
    """A Latin word in Kazakh letters, as English spelling is mostly said: a
    final silent e dropped (iPhone → ифон, Google → гугл, YouTube → йутуб)."""
    low = latin.lower()
    if low.endswith("le") and len(low) > 3 and low[-3] not in _LATIN_VOWELS:
        low = low[:-1]  # Google, Apple: [гугл], [эппл]
    elif low.endswith("e") and len(low) > 2 and set(low[:-1]) & _LATIN_VOWELS:
        low = low[:-1]  # iPhone, YouTube
    if low.startswith("y") and len(low) > 1 and low[1] in _LATIN_VOWELS:
        low = "й" + low[1:]
    # y between consonants is ы, q is қ: Kazakh names in Latin (Halyk, Qazaq)
    low = re.sub(r"(?<=[^aeiouy])y(?=[^aeiouy])", "ы", low).replace("q", "қ")
    out, i = [], 0
    while i < len(low):
        for spelling, sound in _SPELLING:
            if low.startswith(spelling, i):
                out.append(sound)
                i += len(spelling)
                break
        else:
            out.append(low[i])
            i += 1
    return "".join(out)
