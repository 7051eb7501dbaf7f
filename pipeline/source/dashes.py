"""Dash turns: which dash paragraphs ask and which answer.

Dash turns alternate question, answer by convention, whether or not a
question ends with '?' (questions may be statements, answers may ask back).
An interviewer sometimes writes one question in two dash paragraphs: a
remark, then the question ("— Вы упомянули муку." / "— Её трудно найти?" /
"— Трудно."). Strict alternation would then take the question for its
answer and every turn after it for the other kind. The whole text decides:
of the ways to read the turns, where a question is one dash paragraph or a
remark that does not ask followed by one that does, the one where questions
ask and answers do not is taken, if it fits the text clearly better (by a
whole turn) than strict alternation; otherwise the turns alternate as before.
"""

from __future__ import annotations

from pipeline.source.document import BlockKind
from pipeline.source.turns import Paragraph, ends_as_question

_JOIN_COST = 0.5  # a question in two paragraphs is less likely than in one
_MARGIN = 1.0  # how much better than strict alternation the reading must fit
_UNANSWERED = 1.0  # a last question without an answer


def dash_kinds(ps: list[Paragraph], dashes: list[int]) -> dict[int, BlockKind]:
    """Question or answer for each dash paragraph (``dashes``: their indexes)."""
    runs = [
        range(d, dashes[n + 1] if n + 1 < len(dashes) else len(ps)) for n, d in enumerate(dashes)
    ]
    asks = [any(ends_as_question(ps[i].text) for i in run) for run in runs]
    # A remark that may open a question in two paragraphs: a dash paragraph
    # alone (nothing unmarked after it) that does not ask, before one that does.
    joins = [
        len(runs[n]) == 1 and not asks[n] and n + 1 < len(asks) and asks[n + 1]
        for n in range(len(asks))
    ]

    # From the last turn back (a long transcript has thousands: no recursion):
    # the best fit from dash turn n on when it is a question / an answer, and
    # where the best reading joins two paragraphs into one question.
    end = len(asks)
    fit: dict[tuple[int, bool], tuple[float, int | None]] = {
        (end, True): (0.0, None),
        (end, False): (-_UNANSWERED, None),
        (end + 1, False): (float("-inf"), None),
    }
    for n in range(end - 1, -1, -1):
        fit[(n, False)] = (fit[(n + 1, True)][0] + (not asks[n]), None)
        single = fit[(n + 1, False)][0] + asks[n]
        double = fit[(n + 2, False)][0] + 1 - _JOIN_COST if joins[n] else float("-inf")
        fit[(n, True)] = (double, n) if double > single else (single, None)
    joined: set[int] = set()
    n, question = 0, True
    while n < end:
        if question and fit[(n, True)][1] is not None:
            joined.add(n)
            n += 2
        else:
            n += 1
        question = not question
    strict = sum(asks[n] if n % 2 == 0 else not asks[n] for n in range(end)) - (
        _UNANSWERED if end % 2 else 0.0
    )
    if fit[(0, True)][0] < strict + _MARGIN:
        joined = set()
    kinds: dict[int, BlockKind] = {}
    question = True
    for n, d in enumerate(dashes):
        if n - 1 in joined:
            kinds[d] = BlockKind.QUESTION  # the question's second paragraph
            continue
        kinds[d] = BlockKind.QUESTION if question else BlockKind.ANSWER
        question = not question
    return kinds
