"""How long a sentence a model can read and write, and cutting longer ones.

A Transformer with a table of learned (or precomputed) positions has no
position beyond it: OPUS-MT's Marian models have 512, NLLB and M2M-100 1024.
CTranslate2 stops with an error when a sentence or its translation runs past
the table, and silently cuts any input after ``max_input_length`` tokens. So
the table's size is read from the model itself (``model.bin``; `models
convert` also writes it into metadata.json as ``max_positions``), and a
sentence too long for it is translated in parts cut at a clause or a word.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

# A model without a table (sinusoidal positions computed on the fly, T5's
# relative positions) is held to what CTranslate2 itself reads by default.
UNBOUNDED = 1024
# A translation may be this many tokens longer than twice its source.
SLACK = 16
_CLAUSE_END = (",", ";", ":", ".", "!", "?", "…", ")", "—", "–")
_POSITIONS = "position_encodings/encodings"


def table_positions(model_bin: Path) -> int | None:
    """The rows of the model's smallest position table (encoder or decoder),
    read from CTranslate2's model.bin header without loading the weights;
    None: the model has no table, or the file is not one CTranslate2 wrote."""
    try:
        with model_bin.open("rb") as f:
            return _read_positions(f)
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return None


def _read_positions(f: BinaryIO) -> int | None:
    def number(kind: str) -> int:
        size = struct.calcsize(kind)
        data = f.read(size)
        if len(data) != size:
            raise ValueError("truncated")
        return int(struct.unpack(kind, data)[0])

    def string() -> str:
        return f.read(number("H")).rstrip(b"\0").decode("utf-8")

    if number("I") < 2:  # binary versions 1 and 2 had another layout
        return None
    string()  # the spec's name
    number("I")  # its revision
    rows = []
    for _ in range(number("I")):
        name = string()
        shape = [number("I") for _ in range(number("B"))]
        number("B")  # the type
        f.seek(number("I"), 1)  # the data
        if name.endswith(_POSITIONS) and shape:
            rows.append(shape[0])
    return min(rows) if rows else None


def longest_part(positions: int, source_prefix: int, target_prefix: int) -> int:
    """The most source tokens one translation may have so that the sentence
    (with its language token and end token) and a translation of up to twice
    its length both fit the model's positions."""
    read = positions - source_prefix - 1
    write = (positions - target_prefix - SLACK) // 2
    return max(1, min(read, write))


def decoding_length(positions: int, longest: int, target_prefix: int) -> int:
    """The longest translation (with its forced prefix) asked of the model."""
    return min(positions, 2 * longest + SLACK + target_prefix)


def cut(pieces: list[str], longest: int) -> list[list[str]]:
    """``pieces`` (one sentence's SentencePiece tokens) in parts of at most
    ``longest`` tokens, each cut after the last clause end in its second
    half, else before the last word, else at the limit; nothing is dropped."""
    parts = []
    rest = pieces
    while len(rest) > longest:
        parts.append(rest[: _cut_at(rest, longest)])
        rest = rest[len(parts[-1]) :]
    return [*parts, rest]


def _cut_at(pieces: list[str], longest: int) -> int:
    # A cut at i keeps pieces[:i]; it may fall right after the last piece kept.
    candidates = range(longest, 0, -1)
    clause = (i for i in candidates if i >= longest // 2 and pieces[i - 1].endswith(_CLAUSE_END))
    word = (i for i in candidates if pieces[i].startswith("▁"))
    return next(clause, None) or next(word, None) or longest


def joined(hypotheses: list[list[str]], parts: list[list[str]]) -> list[str]:
    """The translations of a sentence's parts (each part's n-best) as the
    sentence's n-best: the n-th joins each part's n-th, with a space where the
    source had one."""
    joined = []
    for n in range(max(map(len, hypotheses))):
        texts = [h[min(n, len(h) - 1)] for h in hypotheses]
        out = texts[0]
        for text, part in zip(texts[1:], parts[1:], strict=True):
            out += (" " if part[0].startswith("▁") else "") + text
        joined.append(out)
    return joined
