# ruff: noqa: E501  (the table is easier to read one rule a line)
"""Which Kazakh case a glossary term takes, from the Russian words before it.

Kazakh has postpositions and case endings where Russian has prepositions:
«из Казахстана» is «Қазақстаннан», «в рамках ЕАЭС» is «ЕАЭО аясында». Before
machine translation the preposition and the term are replaced together by
the Kazakh phrase, so a model copies it whole.

Translators: to teach the pipeline another preposition, add a row to RULES.
Each row says, for a Russian preposition (one or more words; spelling
variants in one tuple) followed by a term in a Russian case (pymorphy3's
tag: gent, datv, accs, ablt, loct), which Kazakh case the term takes (None:
the nominative) and what word follows it (a postposition such as туралы).
The row's example, a Russian phrase with a glossary term and the Kazakh that
must replace it, is run as a test (tests/test_case_choice.py).

Rows for the same preposition are tried in order: the first whose Russian
case the term can be in wins, and for a term that does not decline (ЕАЭС,
тенге) the first row of its preposition is taken.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.glossary.index import parses


@dataclass(frozen=True)
class Rule:
    russian: tuple[str, ...]  # the preposition and its spelling variants
    russian_case: str  # pymorphy3 case tag of the term after it
    kazakh_case: str | None  # None: the nominative
    after: str  # the word after the term: a postposition, or "" for none
    example: str  # a Russian phrase with a glossary term …
    kazakh: str  # … and the Kazakh phrase that replaces it
    pair: str = ""  # «между X и Y»: the word between two terms, joined by мен/бен/пен


# fmt: off
RULES: tuple[Rule, ...] = (
    #    Russian                 case    Kazakh case      after         example → Kazakh
    Rule(("из", "изо"),          "gent", "ablative",      "",          "из Казахстана", "Қазақстаннан"),
    Rule(("от", "ото"),          "gent", "ablative",      "",          "от ЕАЭС", "ЕАЭО-дан"),
    Rule(("с", "со"),            "ablt", "instrumental",  "",          "с Россией", "Ресеймен"),
    Rule(("с", "со"),            "gent", "ablative",      "",          "с Трансалтайского диалога", "Трансалтай диалогынан"),
    Rule(("в", "во"),            "loct", "locative",      "",          "в Казахстане", "Қазақстанда"),
    Rule(("в", "во"),            "accs", "dative",        "",          "в Казахстан", "Қазақстанға"),
    Rule(("на",),                "loct", "locative",      "",          "на Трансалтайском диалоге", "Трансалтай диалогында"),
    Rule(("на",),                "accs", "dative",        "",          "на Трансалтайский диалог", "Трансалтай диалогына"),
    Rule(("к", "ко"),            "datv", "dative",        "",          "к ЕЭК", "ЕЭК-ке"),
    Rule(("о", "об", "обо"),     "loct", None,            "туралы",    "о Трансалтайском диалоге", "Трансалтай диалогы туралы"),
    Rule(("для",),               "gent", None,            "үшін",      "для Казахстана", "Қазақстан үшін"),
    Rule(("в рамках",),          "gent", None,            "аясында",   "в рамках ЕАЭС", "ЕАЭО аясында"),
    Rule(("между",),             "ablt", None,            "арасында",  "между Казахстаном и Россией", "Қазақстан мен Ресей арасында", pair="и"),
    Rule(("по",),                "datv", None,            "бойынша",   "по Казахстану", "Қазақстан бойынша"),
    Rule(("через",),             "accs", None,            "арқылы",    "через Казахстан", "Қазақстан арқылы"),
    Rule(("до",),                "gent", "dative",        "дейін",     "до Казахстана", "Қазақстанға дейін"),
    Rule(("после",),             "gent", "ablative",      "кейін",     "после Трансалтайского диалога", "Трансалтай диалогынан кейін"),
    Rule(("против",),            "gent", "dative",        "қарсы",     "против России", "Ресейге қарсы"),
    Rule(("внутри",),            "gent", "locative",      "",          "внутри Казахстана", "Қазақстанда"),
    Rule(("со стороны",),        "gent", None,            "тарапынан", "со стороны России", "Ресей тарапынан"),
    Rule(("в отношении",),       "gent", "dative",        "қатысты",   "в отношении России", "Ресейге қатысты"),
    Rule(("в составе",),         "gent", None,            "құрамында", "в составе ЕАЭС", "ЕАЭО құрамында"),
    Rule(("вместе с",),          "ablt", "instrumental",  "бірге",     "вместе с Россией", "Ресеймен бірге"),
    Rule(("при",),               "loct", None,            "жанында",   "при ЕЭК", "ЕЭК жанында"),
    Rule(("перед",),             "ablt", None,            "алдында",   "перед ЕАЭС", "ЕАЭО алдында"),
    Rule(("у",),                 "gent", "genitive",      "",          "у Казахстана", "Қазақстанның"),
    Rule(("благодаря",),         "datv", "genitive",      "арқасында", "благодаря ЕАЭС", "ЕАЭО-ның арқасында"),
    Rule(("в связи с",),         "ablt", "dative",        "байланысты", "в связи с ЕАЭС", "ЕАЭО-ға байланысты"),
    Rule(("наряду с",),          "ablt", "instrumental",  "қатар",     "наряду с Россией", "Ресеймен қатар"),
    Rule(("кроме", "помимо"),    "gent", "ablative",      "басқа",     "кроме России", "Ресейден басқа"),
    Rule(("вне", "за пределами"), "gent", "ablative",     "тыс",       "за пределами Казахстана", "Қазақстаннан тыс"),
    Rule(("вопреки",),           "datv", "dative",        "қарамастан", "вопреки России", "Ресейге қарамастан"),
    Rule(("вокруг",),            "gent", None,            "төңірегінде", "вокруг ЕАЭС", "ЕАЭО төңірегінде"),
    Rule(("в ходе",),            "gent", None,            "барысында", "в ходе Трансалтайского диалога", "Трансалтай диалогы барысында"),
    Rule(("на территории",),     "gent", None,            "аумағында", "на территории Казахстана", "Қазақстан аумағында"),
    Rule(("в пределах",),        "gent", None,            "шегінде",   "в пределах ЕАЭС", "ЕАЭО шегінде"),
    Rule(("от имени",),          "gent", None,            "атынан",    "от имени Казахстана", "Қазақстан атынан"),
    Rule(("по линии",),          "gent", None,            "желісі бойынша", "по линии ЕАЭС", "ЕАЭО желісі бойынша"),
    Rule(("в интересах",),       "gent", "genitive",      "мүддесі үшін", "в интересах Казахстана", "Қазақстанның мүддесі үшін"),
)
# fmt: on

# Words after which «в»/«на» mean "into, onto" (the accusative): a term that
# does not decline cannot show it (вступить в ЕАЭС → ЕАЭО-ға, not ЕАЭО-да;
# перейти на тенге → теңгеге). pymorphy3 lemmas; translators may add more.
TOWARDS = frozenset(
    {
        "вступить", "вступать", "вступление", "войти", "входить", "вхождение", "принять",
        "принимать", "приём", "включить", "включать", "включение", "интеграция", "интегрироваться",
        "прийти", "приходить", "приехать", "приезжать", "поехать", "ехать", "ездить", "прибыть",
        "прибывать", "прилететь", "лететь", "полететь", "отправиться", "отправить", "отправлять",
        "отправка", "направить", "направлять", "направиться", "визит", "поездка", "переезд",
        "переехать", "вернуться", "возвращаться", "возвращение", "экспорт", "экспортировать",
        "импорт", "поставка", "поставлять", "поставить", "ввоз", "ввозить", "вывоз", "вывозить",
        "перевести", "переводить", "перевод", "перейти", "переходить", "переход", "инвестировать",
        "инвестиция", "вложить", "вкладывать", "вложение", "обратиться", "обращаться", "обращение",
        "передать", "передавать", "передача", "заявка", "жалоба", "пригласить", "приглашение",
        "влиять", "повлиять", "влияние", "воздействие", "давление", "надеяться", "рассчитывать",
        "опираться", "ориентироваться", "ответить", "отвечать", "ответ", "реагировать", "реакция",
        "обменять", "менять", "поменять", "конвертировать", "превратиться", "превращаться",
    }
)  # fmt: skip
RUSSIAN_CASES = {
    "nomn": None,
    "gent": "genitive",
    "gen2": "genitive",
    "datv": "dative",
    "accs": "accusative",
    "ablt": "instrumental",
    "loct": "locative",
    "loc2": "locative",
}
_MAIN_CASE = {"gen2": "gent", "loc2": "loct"}
LONGEST = max(len(w.split()) for r in RULES for w in r.russian)


def towards(word: str) -> bool:
    """Whether ``word``, before «в»/«на», asks for motion into (the accusative)."""
    return any(p[0] in TOWARDS for p in parses(word)) if word else False


def main_case(tag: str) -> str:
    """gen2 (из лесу) and loc2 (в лесу) are the genitive and the prepositional."""
    return _MAIN_CASE.get(tag, tag)


def rules_before(words: list[str]) -> list[tuple[Rule, int]]:
    """Rules whose preposition ends ``words`` (lower case, in text order), each
    with how many of the words it takes; longer prepositions first."""
    found = []
    for n in range(LONGEST, 0, -1):
        if len(words) < n:
            continue
        phrase = " ".join(words[-n:])
        found += [(r, n) for r in RULES if phrase in r.russian]
    return found
