"""A question's preamble that does not ask, when only the answers are marked.

Between one answer and the next question, an unmarked paragraph that states
something may go on with the answer or open the question; where nothing marks
it, it goes on with the answer (a round table's answers run over several
paragraphs). What only the interviewer says decides it: the paragraph just
before the question recalls what the person said ("Вы говорили, что …",
"Как вы сказали, …") or addresses one of the people who answer by name
("Олег, вы упомянули уран."). An answer does neither.
"""

from __future__ import annotations

import re

from pipeline.source.turns import Paragraph

# "Вы говорили", "Вы сами сказали", "Как вы заметили", "Вы только что упомянули".
_RECALLS = re.compile(
    r"(?:как\s+)?вы\s+(?:\w+\s+){0,2}?(?:говорил|сказал|упомянул|утвержда|писал|заявил|назвал"
    r"|отметил|заметил|рассказ(?:ал|ыва)|вспомнил|обещал|признал|предлож|привел|привёл)",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"(?P<name>[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?),\s+\S")


def opens_question(p: Paragraph, names: set[str]) -> bool:
    """Whether an unmarked paragraph just before a question is its preamble.
    ``names``: the words of the answering people's labels ("олег", "ким")."""
    if p.lead is not None:
        return False
    address = _ADDRESS.match(p.text)
    if address and all(w.casefold() in names for w in address.group("name").split()):
        return True
    return bool(_RECALLS.match(p.text))
