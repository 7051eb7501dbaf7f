"""A sentence longer than a model's positions is translated whole, in parts.

OPUS-MT models have 512 positions, NLLB and M2M-100 1024: CTranslate2 stops
with an error when a sentence or its translation runs past them, and silently
cuts any input after 1024 tokens. The copy models of tests/modelkit.py are
built here with 40 positions, so a sentence of a few clauses is too long for
them; a copy model gives back what it reads, so every word of the long
sentence must come back, in order.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from pathlib import Path

import pytest

from pipeline.mt import limits
from pipeline.mt.argos import installed
from pipeline.mt.install import install_file
from pipeline.mt.local import LocalBackend, step_of
from tests.conftest import SAMPLE, Cli, sample_corpus
from tests.modelkit import ModelShape, PackageSpec, build_model, build_package, train_sentencepiece

SYMBOLS = ["ЕАЭС", "EAEU", "ЕАЭО"]
NO_GLOSSARY = Path(__file__).parent / "cases"
SHORT = ModelShape(max_positions=40)


@pytest.fixture(scope="module")
def tokenizer() -> bytes:
    return train_sentencepiece(sample_corpus(), SYMBOLS)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory, tokenizer: bytes) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("short-models")
    specs = {
        "ru_en": PackageSpec("ru", "en", token_map={"ЕАЭС": "EAEU"}, shape=SHORT),
        "ru_kk_nllb": PackageSpec(
            "ru",
            "kk",
            target_prefix="kaz_Cyrl",
            source_prefix="rus_Cyrl",
            token_map={"ЕАЭС": "ЕАЭО"},
            shape=SHORT,
        ),
    }
    return {
        name: build_package(folder / f"{name}.argosmodel", spec, tokenizer)
        for name, spec in specs.items()
    }


def long_sentence(clauses: int = 12) -> str:
    """Clauses of the sample joined by commas into one sentence (173 words)."""
    text = SAMPLE.read_text(encoding="utf-8").split("---", 2)[2]
    found = [s.strip(" —") for s in re.split(r"[.?!]\s+", text) if 4 < len(s.split()) < 20]
    picked = [s for s in found if "." not in s][:clauses]
    return "Страны ЕАЭС, " + ", ".join(c[0].lower() + c[1:] for c in picked) + " и ЕАЭС."


def install(cli: Cli, package: Path) -> None:
    code, _, err = cli("models", "install", package)
    assert code == 0, err


@pytest.mark.parametrize(
    ("name", "language", "symbol"), [("ru_en", "en", "EAEU"), ("ru_kk_nllb", "kk", "ЕАЭО")]
)
def test_a_sentence_longer_than_the_model_comes_back_whole(
    cli: Cli, packages: dict[str, Path], tmp_path: Path, name: str, language: str, symbol: str
) -> None:
    install(cli, packages[name])
    sentence = long_sentence()
    transcript = tmp_path / "long.txt"
    transcript.write_text(f"— {sentence}\n\n— Да, {sentence}\n", encoding="utf-8")
    code, out, err = cli("-C", NO_GLOSSARY, "translate", transcript, "--to", language)
    assert (code, err) == (0, "")
    _, source, _ = cli("convert", transcript)
    assert out.count(symbol) >= 4

    # Every word, in order: the copy model's output is its input (the tokenizer
    # normalises the ellipsis of a shortened title or heading).
    def words(markdown: str) -> str:
        return re.sub(r"\[[^]]*\]", "", markdown).replace("…", "...")

    assert words(out) == words(source).replace("ЕАЭС", symbol)


def test_parts_fit_the_model_and_keep_every_token(
    packages: dict[str, Path], tokenizer: bytes
) -> None:
    import sentencepiece as spm

    install_file(packages["ru_kk_nllb"])
    (model,) = installed()
    backend = LocalBackend(models=[model])
    processor = spm.SentencePieceProcessor(model_proto=tokenizer)
    pieces = processor.encode(long_sentence(), out_type=str)
    longest = limits.longest_part(40, 1, 1)
    assert len(pieces) > 40 > longest
    parts = limits.cut(pieces, longest)
    assert [p for part in parts for p in part] == pieces
    assert all(1 <= len(part) <= longest for part in parts)
    # Each cut falls after a comma in the part's second half, else before a
    # word, else (one word longer than a part) at the limit.
    for part, after in itertools.pairwise(parts):
        window = [*part, after[0]]
        if any(p.endswith(",") for p in window[longest // 2 - 1 : longest]):
            assert part[-1].endswith(",")
        elif any(p.startswith("▁") for p in window[1:]):
            assert after[0].startswith("▁")
        else:
            assert len(part) == longest
    assert any(part[-1].endswith(",") for part in parts)
    # The n-best of a sentence in parts are whole sentences too.
    hypotheses = backend.translate(step_of(model), [long_sentence()], n_best=3)[0]
    assert 1 <= len(hypotheses) <= 3
    expected = long_sentence().replace("ЕАЭС", "ЕАЭО")
    assert hypotheses[0] == expected


def test_cuts_fall_at_a_clause_then_a_word_then_the_limit() -> None:
    words = ["▁a", "b", "▁c", "d", ",", "▁e", "f", "▁g", "h", "▁i"]
    assert limits.cut(words, 6) == [words[:5], words[5:]]  # after the comma
    no_comma = [w for w in words if w != ","]
    assert limits.cut(no_comma, 6) == [no_comma[:6], no_comma[6:]]  # before ▁g
    one_word = ["▁x"] + ["y"] * 9
    assert limits.cut(one_word, 4) == [one_word[:4], one_word[4:8], one_word[8:]]
    assert limits.cut(words, 20) == [words]
    assert limits.joined([["a b"], ["c"]], [["▁a", "▁b"], ["▁c"]]) == ["a b c"]
    assert limits.joined([["xy"], ["yy"]], [["▁x", "y"], ["y", "y"]]) == ["xyyy"]


def test_the_positions_are_read_from_the_model_or_its_metadata(
    tmp_path: Path, tokenizer: bytes
) -> None:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=tokenizer)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    for positions in (40, 512):
        folder = tmp_path / str(positions)
        folder.mkdir()
        build_model(
            pieces, PackageSpec("ru", "en", shape=ModelShape(max_positions=positions)), folder
        )
        assert limits.table_positions(folder / "model.bin") == positions
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x06\x00\x00\x00not a model")
    assert limits.table_positions(junk) is None
    assert limits.table_positions(tmp_path / "missing.bin") is None
    # The decoding length never runs past the positions, however long the input.
    assert limits.decoding_length(512, 400, 1) == 512
    assert limits.decoding_length(1024, 10, 1) == 2 * 10 + limits.SLACK + 1
    assert limits.longest_part(512, 0, 0) == (512 - limits.SLACK) // 2


def test_metadata_max_positions_is_the_package_s_own_statement(packages: dict[str, Path]) -> None:
    install_file(packages["ru_en"])
    (model,) = installed()
    assert model.max_positions == 0  # unstated: read from model.bin
    metadata = model.path / "metadata.json"
    data = json.loads(metadata.read_text(encoding="utf-8"))
    for stated, read in ((30, 30), ("30", 0), (-1, 0), (True, 0)):
        metadata.write_text(json.dumps({**data, "max_positions": stated}), encoding="utf-8")
        assert installed()[0].max_positions == read


@pytest.mark.convert
def test_a_converted_opus_mt_model_translates_sentences_longer_than_its_positions(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OPUS-MT checkpoint with 48 positions (real ones have 512): `models
    convert` records them, its own check passes, and a sentence of 100+
    tokens is translated (CTranslate2 stopped at position 48 before)."""
    converter_extra()
    from tests import hfkit

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    russian = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    checkpoint = hfkit.marian(
        tmp_path / "opus-mt", russian, sample_corpus(), shape={"max_position_embeddings": 48}
    )
    assert json.loads((checkpoint / "config.json").read_text())["max_position_embeddings"] == 48
    code, _, err = cli("models", "convert", checkpoint, "--to", "kk")
    assert code == 0, err
    (model,) = installed()
    assert json.loads((model.path / "metadata.json").read_text())["max_positions"] == 48
    assert model.max_positions == 48
    transcript = tmp_path / "long.txt"
    transcript.write_text(f"— {long_sentence()}\n\n— Да.\n", encoding="utf-8")
    code, out, err = cli("-C", NO_GLOSSARY, "translate", transcript, "--to", "kk")
    assert (code, err) == (0, "")
    _, source, _ = cli("convert", transcript)
    assert out.count("\n") == source.count("\n") and out.count("{.") == source.count("{.")


def converter_extra() -> None:
    """As tests/test_model_convert.py: CI installs the extra, so there it must be."""
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        message = "the converter extra is not installed: run 'make setup-convert'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
