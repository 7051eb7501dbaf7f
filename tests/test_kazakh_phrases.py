# ruff: noqa: E501  (a sentence and its Kazakh a line)
"""Kazakh phrases around glossary terms: coordinated terms («X и Y» take
their case once, on the last conjunct) and the pivot route (ru→en→kk), where
the Russian preposition still decides the Kazakh case and postposition and
the English preposition the English step put in goes.

The pivot tests run the glossary's real hooks (pipeline/glossary/enforce.py:
what mt/translate.py's loop calls between the steps) on what an English
model makes of the Russian: the English rendering copied, the preposition
translated."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from pipeline.glossary.cases import RULES, Rule
from pipeline.glossary.enforce import Occurrence, TermPolicy
from pipeline.glossary.load import load_glossary
from pipeline.mt.backend import Route, Step
from pipeline.mt.translate import translate
from tests.conftest import ROOT

POLICY = TermPolicy(load_glossary(ROOT / "glossary.yaml"))


def occurrences(russian: str, first_mention: bool) -> list[Occurrence]:
    [found] = POLICY.occurrences([russian])
    return [Occurrence(o.match, first_mention and o.expanded) for o in found]


def direct(russian: str, first_mention: bool = False) -> str:
    """The sentence as a ru→kk model reads it."""
    return POLICY.protect(russian, occurrences(russian, first_mention), "kk")


def pivot(russian: str, english: str, first_mention: bool = False) -> tuple[str, str]:
    """(what the ru→en step reads, what the en→kk step reads when the English
    step translated it as ``english``)."""
    hooks = POLICY.hooks([occurrences(russian, first_mention)])
    return hooks.protect(0, russian, "en"), hooks.swap(0, english, "en", "kk")


# «X и Y»: Kazakh inflects the group once, on its last conjunct; the ones before
# stay bare, the last two joined by мен/бен/пен (by the sound before it).
COORDINATED = [
    ("Торговля между Казахстаном и Россией выросла.", "Торговля Қазақстан мен Ресей арасында выросла."),
    ("Между ЕАЭС и ШОС нет споров.", "ЕАЭО мен ШЫҰ арасында нет споров."),
    ("Между ЕЭК и ШОС нет споров.", "ЕЭК пен ШЫҰ арасында нет споров."),
    ("Для ЕАЭС и ШОС это важно.", "ЕАЭО мен ШЫҰ үшін это важно."),
    ("Компании работают в ЕАЭС и ШОС.", "Компании работают ЕАЭО мен ШЫҰ-да."),
    ("Делегации прибыли из Казахстана и России.", "Делегации прибыли Қазақстан мен Ресейден."),
    ("Цены растут в Казахстане и России.", "Цены растут Қазақстан мен Ресейде."),
    ("Экспорт в Казахстан и Россию вырос.", "Экспорт Қазақстан мен Ресейге вырос."),
    ("Экспорт в ЕАЭС и Россию вырос.", "Экспорт ЕАЭО мен Ресейге вырос."),
    ("Мы поддерживаем Казахстан и Россию.", "Мы поддерживаем Қазақстан мен Ресейді."),
    ("Доклад ЕАЭС и ШОС вышел.", "Доклад ЕАЭО мен ШЫҰ-ның вышел."),
    ("Доклад ЕАЭС, СНГ и ШОС вышел.", "Доклад ЕАЭО, ТМД мен ШЫҰ-ның вышел."),
    ("Говорили о ЕАЭС и ШОС.", "Говорили ЕАЭО мен ШЫҰ туралы."),
    ("Решения в рамках ЕАЭС и СНГ.", "Решения ЕАЭО мен ТМД аясында."),
    ("Наблюдатели от ЕАЭС, ШОС и СНГ.", "Наблюдатели ЕАЭО, ШЫҰ мен ТМД-дан."),
    ("Обратились к ЕЭК и Трансалтайскому диалогу.", "Обратились ЕЭК пен Трансалтай диалогына."),
    # The instrumental: no -мен after the conjunction мен; each keeps -мен, және joins.
    ("Соглашение с Казахстаном и Россией подписано.", "Соглашение Қазақстанмен және Ресеймен подписано."),
    ("Переговоры с ЕЭК, ШОС и СНГ идут.", "Переговоры ЕЭК-пен, ШЫҰ-мен және ТМД-мен идут."),
    # Alternatives: each keeps its case, немесе joins; a postposition once.
    ("Цены в Казахстане или России растут.", "Цены Қазақстанда немесе Ресейде растут."),
    ("Из ЕАЭС, СНГ или ШОС.", "ЕАЭО-дан, ТМД-дан немесе ШЫҰ-дан."),
    ("Для ЕАЭС либо ШОС это важно.", "ЕАЭО немесе ШЫҰ үшін это важно."),
    ("Доклад ЕАЭС или ШОС вышел.", "Доклад ЕАЭО-ның немесе ШЫҰ-ның вышел."),
    # Not one group: two clauses; a subject; a lone «между X» keeps its preposition.
    ("Письмо пришло из Казахстана, и Россия ответила.", "Письмо пришло Қазақстаннан, и Ресей ответила."),
    ("Казахстан и Россия подписали договор.", "Қазақстан и Ресей подписали договор."),
    ("Казахстан и ШОС подписали договор.", "Қазақстан и ШЫҰ подписали договор."),
    ("Между Казахстаном и соседями.", "Между Қазақстан и соседями."),
]  # fmt: skip


@pytest.mark.parametrize(("russian", "kazakh"), COORDINATED, ids=[c[0] for c in COORDINATED])
def test_coordinated_terms_take_their_case_once(russian: str, kazakh: str) -> None:
    assert direct(russian) == kazakh


def test_a_first_mention_in_a_group_is_expanded_and_joined_by_its_name() -> None:
    assert direct("Для ЕАЭС и ШОС это важно.", first_mention=True) == (
        "Еуразиялық экономикалық одақ (ЕАЭО) пен ШЫҰ үшін это важно."
    )


# What an English model makes of each row's example of pipeline/glossary/cases.py.
ENGLISH = {
    "из Казахстана": "from Kazakhstan",
    "от ЕАЭС": "from the EAEU",
    "с Россией": "with Russia",
    "с Трансалтайского диалога": "since the Trans-Altai Dialogue",
    "в Казахстане": "in Kazakhstan",
    "в Казахстан": "to Kazakhstan",
    "на Трансалтайском диалоге": "at the Trans-Altai Dialogue",
    "на Трансалтайский диалог": "to the Trans-Altai Dialogue",
    "к ЕЭК": "to the EEC",
    "о Трансалтайском диалоге": "about the Trans-Altai Dialogue",
    "для Казахстана": "for Kazakhstan",
    "в рамках ЕАЭС": "within the framework of the EAEU",
    "между Казахстаном и Россией": "between Kazakhstan and Russia",
    "по Казахстану": "across Kazakhstan",
    "через Казахстан": "through Kazakhstan",
    "до Казахстана": "up to Kazakhstan",
    "после Трансалтайского диалога": "after the Trans-Altai Dialogue",
    "против России": "against Russia",
    "внутри Казахстана": "inside Kazakhstan",
    "со стороны России": "on the part of Russia",
    "в отношении России": "with regard to Russia",
    "в составе ЕАЭС": "as part of the EAEU",
    "вместе с Россией": "together with Russia",
    "при ЕЭК": "under the EEC",
    "перед ЕАЭС": "before the EAEU",
    "у Казахстана": "Kazakhstan",  # у Казахстана есть … → Kazakhstan has …
    "благодаря ЕАЭС": "thanks to the EAEU",
    "в связи с ЕАЭС": "in connection with the EAEU",
    "наряду с Россией": "along with Russia",
    "кроме России": "besides Russia",
    "за пределами Казахстана": "outside Kazakhstan",
    "вопреки России": "despite Russia",
    "вокруг ЕАЭС": "around the EAEU",
    "в ходе Трансалтайского диалога": "during the Trans-Altai Dialogue",
    "на территории Казахстана": "on the territory of Kazakhstan",
    "в пределах ЕАЭС": "within the EAEU",
    "от имени Казахстана": "on behalf of Kazakhstan",
    "по линии ЕАЭС": "through the EAEU",
    "в интересах Казахстана": "in the interests of Kazakhstan",
}


def test_every_rule_has_an_english_example() -> None:
    assert set(ENGLISH) == {r.example for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.russian[0]}+{r.russian_case}" for r in RULES])
def test_the_russian_preposition_decides_through_the_pivot(rule: Rule) -> None:
    english = ENGLISH[rule.example]
    given, kazakh = pivot(
        f"Эксперты говорили {rule.example} вчера.", f"Experts spoke {english} yesterday."
    )
    assert (
        given.startswith("Эксперты говорили ")
        and given != f"Эксперты говорили {rule.example} вчера."
    )
    assert kazakh == f"Experts spoke {rule.kazakh} yesterday."


@pytest.mark.parametrize(
    ("russian", "english", "kazakh"),
    [
        # A first mention, expanded in both languages; the postposition after the parenthesis.
        (
            "В рамках ЕАЭС обсуждали тарифы.",
            "Within the framework of the Eurasian Economic Union (EAEU), tariffs were discussed.",
            "Еуразиялық экономикалық одақ (ЕАЭО) аясында, tariffs were discussed.",
        ),
        # Groups: the conjunction and the articles go.
        (
            "Для ЕАЭС и ШОС это важно.",
            "For the EAEU and the SCO, this is important.",
            "ЕАЭО мен ШЫҰ үшін, this is important.",
        ),
        ("Цены растут в Казахстане и России.", "Prices are rising in Kazakhstan and Russia.",
         "Prices are rising Қазақстан мен Ресейде."),
        ("Торговля между ЕАЭС и ЕЭК выросла.", "Trade between the EAEU and the EEC grew.",
         "Trade ЕАЭО мен ЕЭК арасында grew."),
        # No preposition: the case from the Russian, the English article dropped.
        ("Доклад ЕАЭС вышел.", "The EAEU report was released.", "ЕАЭО-ның report was released."),
        ("Курс тенге укрепился.", "The tenge exchange rate has strengthened.",
         "Теңге exchange rate has strengthened."),
        # A preposition; a direct object (the Russian verb decides, not the English).
        ("Эксперты из Казахстана.", "Experts from Kazakhstan.", "Experts Қазақстаннан."),
        ("Казахстан поддерживает ЕАЭС.", "Kazakhstan supports the EAEU.", "Қазақстан supports ЕАЭО-ны."),
        # The model left the rendering out: nothing to swap.
        ("В рамках ЕАЭС.", "Within the Union.", "Within the Union."),
    ],
)  # fmt: skip
def test_pivot_phrases(russian: str, english: str, kazakh: str) -> None:
    first = "(EAEU)" in english
    assert pivot(russian, english, first_mention=first)[1] == kazakh


# «в»/«на» + a term that does not decline: the word before the preposition
# tells "into" (the accusative: dative in Kazakh) from "in" (locative).
@pytest.mark.parametrize(
    ("russian", "kazakh"),
    [
        ("Казахстан вступил в ЕАЭС в 2015 году.", "Қазақстан вступил ЕАЭО-ға в 2015 году."),
        ("Вступление в ЕАЭС обсуждали.", "Вступление ЕАЭО-ға обсуждали."),
        ("Армения вошла в ЕАЭС и ШОС.", "Армения вошла ЕАЭО мен ШЫҰ-ға."),
        ("Переход на тенге завершён.", "Переход теңгеге завершён."),
        ("Санкции повлияли на ЕАЭС.", "Санкции повлияли ЕАЭО-ға."),
        ("В ЕАЭС действуют единые правила.", "ЕАЭО-да действуют единые правила."),
        ("Цены в тенге выросли.", "Цены теңгеде выросли."),
        ("Работа в ЕЭК идёт.", "Работа ЕЭК-те идёт."),
    ],
)
def test_into_or_in_for_a_term_that_does_not_decline(russian: str, kazakh: str) -> None:
    assert direct(russian) == kazakh


class PhraseBackend:
    """ru→en by a phrase table (what an English model does to the words around
    a term), en→kk copying: the route a publish takes with no ru→kk model."""

    RU_EN = Step("ru", "en", "phrases ru→en 1")
    EN_KK = Step("en", "kk", "copy en→kk 1")
    PHRASES = (
        ("В рамках ", "Within the framework of the "),
        ("обсуждали тарифы", "tariffs were discussed"),
        ("Делегации прибыли из ", "Delegations arrived from "),
        (" и ", " and "),
        ("Для ", "For the "),
        ("это важно", "this is important"),
    )

    def __init__(self) -> None:
        self.calls = 0

    def route(self, source: str, target: str) -> Route | None:
        return Route((self.RU_EN, self.EN_KK)) if (source, target) == ("ru", "kk") else None

    def translate(
        self, step: Step, sentences: Sequence[str], n_best: int = 1, suppress: Sequence[str] = ()
    ) -> list[list[str]]:
        self.calls += 1
        out = []
        for sentence in sentences:
            for russian, english in self.PHRASES if step == self.RU_EN else ():
                sentence = sentence.replace(russian, english)
            out.append([sentence])
        return out


def test_the_pivot_route_puts_in_the_phrase_the_russian_asked_for() -> None:
    sentences = [
        "В рамках ЕАЭС обсуждали тарифы.",
        "Делегации прибыли из Казахстана и России.",
        "Для ЕАЭС и ШОС это важно.",
    ]
    backend = PhraseBackend()
    route = backend.route("ru", "kk")
    assert route is not None
    outcomes = translate(backend, route, sentences, POLICY.hooks(POLICY.occurrences(sentences)))
    assert [o.text for o in outcomes] == [
        "Еуразиялық экономикалық одақ (ЕАЭО) аясында tariffs were discussed.",
        "Delegations arrived Қазақстан мен Ресейден.",
        "ЕАЭО мен ШЫҰ үшін this is important.",  # ШЫҰ: use abbreviation
    ]
    assert [o.violations for o in outcomes] == [(), (), ()]


@pytest.mark.parametrize(
    ("english", "kazakh"),
    [
        ("The EAEU's report was released.", "ЕАЭО-ның report was released."),
        # («of» stays: the Kazakh step reads "of ЕАЭО-ның" as one genitive)
        ("The report of the EAEU was released.", "The report of ЕАЭО-ның was released."),
        ("The EAEU report was released.", "ЕАЭО-ның report was released."),
    ],
)
def test_an_english_possessive_gives_way_to_the_kazakh_genitive(english: str, kazakh: str) -> None:
    assert pivot("Доклад ЕАЭС вышел.", english)[1] == kazakh


def test_alternatives_through_the_pivot() -> None:
    assert pivot(
        "Цены в Казахстане или России растут.", "Prices in Kazakhstan or Russia are rising."
    )[1] == ("Prices Қазақстанда немесе Ресейде are rising.")
