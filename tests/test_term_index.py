"""The glossary index (pipeline/glossary/index.py) against the algorithm it
replaced, kept here as the oracle: every form of every term tried in rank order
at every word of a sentence (terms × words).

Sentences are drawn (hypothesis, derandomized: tests/conftest.py) from the
terms' own forms in several cases, forms that share words and lemmas with each
other (a longer form must win over the shorter one inside it), prepositions the
Kazakh case comes from, quotes and words of no term, in both capitalisations.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.glossary.index import WORD, Pattern, PatternIndex, parses
from pipeline.glossary.load import load_glossary
from pipeline.glossary.match import TermMatcher
from pipeline.glossary.model import Glossary, Rendering, RussianForms, Term
from tests.conftest import ROOT

# Terms that overlap the shipped glossary's and each other's words: a form
# inside a longer one, a lower-case form, an abbreviation of two words as
# written (С.Ш.А.), one of hyphenated words, an indeclinable head (тенге).
EXTRA = [
    ("union", RussianForms("экономический союз", None, ("союз двух стран",))),
    ("commission", RussianForms("комиссия")),
    ("big-commission", RussianForms("Новая евразийская комиссия", "НЕК")),
    ("usa", RussianForms("Соединённые Штаты", "С.Ш.А.")),
    ("tenge", RussianForms("курс тенге", None, ("тенге",))),
    ("north-south", RussianForms("Север-Юг")),
    ("gazeta", RussianForms("газета")),
]
SHIPPED = load_glossary(ROOT / "glossary.yaml")
GLOSSARY = Glossary(
    SHIPPED.terms
    + tuple(
        Term(i, "proper-name", ru, {lang: Rendering(i) for lang in ("en", "kk")}) for i, ru in EXTRA
    )
)


class TermsTimesWords:
    """The old matcher: the first pattern, in rank order, matching at word ``i``."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns

    def longest(self, tokens: list[re.Match[str]], i: int) -> Pattern | None:
        return next((p for p in self.patterns if self._matches(p, tokens, i)), None)

    @staticmethod
    def _matches(pattern: Pattern, tokens: list[re.Match[str]], i: int) -> bool:
        if i + len(pattern.words) > len(tokens):
            return False
        words = [t.group() for t in tokens[i : i + len(pattern.words)]]
        if pattern.abbreviation:
            return words[0] == pattern.words[0]
        if pattern.capitalised and not words[0][:1].isupper():
            return False
        return all(
            lemma in {p[0] for p in parses(w)}
            for w, lemma in zip(words, pattern.words, strict=True)
        )


def inflections(form: str) -> list[str]:
    """The form as written and with each word put in each case (pymorphy3)."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    out = [form]
    for case in ("gent", "datv", "accs", "ablt", "loct", "plur"):
        words = []
        for word in form.split():
            inflected = morph.parse(word)[0].inflect({case})
            text = inflected.word if inflected is not None else word
            words.append(text.capitalize() if word[:1].isupper() else text)
        out.append(" ".join(words))
    return out


FORMS = sorted({v for t in GLOSSARY.terms for f, _ in t.ru.forms() for v in inflections(f)})
WORDS = sorted({w for f in FORMS for w in WORD.findall(f)})
PIECES = st.one_of(
    st.sampled_from(FORMS),
    st.sampled_from(FORMS).map(str.lower),
    st.sampled_from(FORMS).map(lambda f: f"«{f}»"),
    st.sampled_from(WORDS),
    st.sampled_from(["из", "в рамках", "между", "и", "в", "с", "о", "для", "поддерживает"]),
    st.sampled_from(["саммит", "курс", "двух", "стран", "—", ",", "ЕАЭС-овский", "сказал"]),
)
SENTENCES = st.lists(PIECES, min_size=1, max_size=14).map(" ".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(SENTENCES)
def test_the_index_finds_what_terms_times_words_found(sentence: str) -> None:
    index = PatternIndex(GLOSSARY)
    oracle = TermsTimesWords(index.patterns)
    tokens = list(WORD.finditer(sentence))
    for i in range(len(tokens)):
        assert index.longest(tokens, i) == oracle.longest(tokens, i), (sentence, i)
    # And whole matches, cases and phrase spans: the matcher with the oracle inside.
    old = TermMatcher(GLOSSARY)
    old._index, old._found = oracle, {}  # type: ignore[assignment]
    assert TermMatcher(GLOSSARY).find(sentence) == old.find(sentence)


def test_the_ranking_is_longest_first_then_the_glossarys_order() -> None:
    patterns = PatternIndex(GLOSSARY).patterns
    lengths = [len(p.words) for p in patterns]
    assert lengths == sorted(lengths, reverse=True)
    sentence = "Новой евразийской комиссии и комиссии"
    found = TermMatcher(GLOSSARY).find(sentence)
    assert [(m.text, m.term.id) for m in found] == [
        ("Новой евразийской комиссии", "big-commission"),
        ("комиссии", "commission"),
    ]


def test_matchers_of_one_glossary_share_the_index_and_the_matches() -> None:
    """A publish finds a sentence's terms once for the machine stage and the check."""
    first, second = TermMatcher(GLOSSARY), TermMatcher(GLOSSARY)
    sentence = "Между Казахстаном и Россией, в рамках ЕАЭС."
    found = first.find(sentence)
    assert second._index is first._index
    assert second._found[sentence] == tuple(found)
    assert second.find(sentence) == found
    found.clear()  # a caller's list is its own
    assert first.find(sentence) != []
