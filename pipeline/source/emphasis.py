"""Italic questions: some outlets set the interviewer's questions in italics
(in Word, OpenDocument or Markdown) and mark nothing else.

Italic is otherwise a note's style (an italic paragraph after the interview is
the trailer), so it marks the questions only on evidence: no label, dash or
bold opens any paragraph; italic stands in at least two places, each followed
by plain text; at least half of those italic runs end with '?'. An italic run
that opens the text without asking is the lede, and one that ends the text is
the trailer. Those italic questions then count as bold ones do.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.source.turns import Paragraph, ends_as_question


def italic_questions(ps: list[Paragraph]) -> list[Paragraph]:
    if any(p.lead is not None or p.bold for p in ps):
        return ps
    runs: list[list[int]] = []
    for i, p in enumerate(ps):
        if p.italic and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        elif p.italic:
            runs.append([i])
    if runs and runs[-1][-1] == len(ps) - 1:
        runs.pop()  # the trailer
    if runs and runs[0][0] == 0 and not ends_as_question(ps[runs[0][-1]].text):
        runs.pop(0)  # the lede
    asking = sum(1 for run in runs if ends_as_question(ps[run[-1]].text))
    if len(runs) < 2 or asking * 2 < len(runs):
        return ps
    questions = {i for run in runs for i in run}
    return [replace(p, bold=True) if i in questions else p for i, p in enumerate(ps)]
