"""`models convert`: tiny checkpoints of each family, built at test time, become
installed Argos packages that `translate` runs offline.

The checkpoints are random (tests/hfkit.py), so their translations are
nonsense: the tests check the machinery, i.e. the family's language prefixes, the
tokenizer the pipeline runs against the model's vocabulary, the package's
metadata, the install, and `translate` on the installed package. Bad input is
one line, exit 6, and leaves the installed models as they were.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import polib
import pytest
import sentencepiece as spm

from tests.conftest import ROOT, SAMPLE, SAMPLE_SLUG, Cli, sample_corpus, snapshot

try:
    import torch  # noqa: F401
    import transformers  # noqa: F401

    EXTRA = True
except ImportError:
    EXTRA = False

pytestmark = pytest.mark.convert
NO_GLOSSARY = Path(__file__).parent / "cases"


@pytest.fixture(autouse=True)
def converter_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI installs the extra (make setup-convert): there a missing one is a failure."""
    if not EXTRA:
        if os.environ.get("CI") == "true":
            pytest.fail("the converter extra is not installed: run 'make setup-convert'")
        pytest.skip("the converter extra is not installed: run 'make setup-convert'")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # nothing here may reach a network


def russian() -> list[str]:
    return [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]


def translated(language: str) -> list[str]:
    po = polib.pofile(str(ROOT / "translations" / language / f"{SAMPLE_SLUG}.po"))
    return [e.msgstr for e in po if e.msgstr]


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not EXTRA:
        return {}
    from tests import hfkit

    folder = tmp_path_factory.mktemp("checkpoints")
    return {
        "nllb": hfkit.nllb(folder / "nllb", sample_corpus()),
        "m2m100": hfkit.m2m100(folder / "m2m100", sample_corpus()),
        "marian": hfkit.marian(folder / "marian", russian(), translated("kk")),
        "marian-multi": hfkit.marian(
            folder / "marian-multi",
            russian(),
            translated("kk"),
            language_tokens=(">>kaz<<", ">>uzb<<"),
            languages=("ru", "kk", "uz"),
        ),
        "marian-ru-en": hfkit.marian(
            folder / "marian-ru-en", russian(), translated("en"), languages=("ru", "en")
        ),
    }


def metadata(packages: Path) -> dict[str, str]:
    (folder,) = [p for p in packages.iterdir() if not p.name.startswith(".")]
    data: dict[str, str] = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    return data


def package_folder(packages: Path) -> Path:
    (folder,) = [p for p in packages.iterdir() if not p.name.startswith(".")]
    return folder


UNSTATED = "unknown: the checkpoint's model card states none; check it before publishing"


@pytest.mark.parametrize(
    ("name", "pair", "prefixes", "family", "licence"),
    [
        ("nllb", ("ru", "kk"), ("rus_Cyrl", "kaz_Cyrl"), "NLLB-200", "cc-by-nc-4.0"),
        ("nllb", ("ru", "en"), ("rus_Cyrl", "eng_Latn"), "NLLB-200", "cc-by-nc-4.0"),
        ("nllb", ("en", "kk"), ("eng_Latn", "kaz_Cyrl"), "NLLB-200", "cc-by-nc-4.0"),
        ("m2m100", ("ru", "kk"), ("__ru__", "__kk__"), "M2M-100", UNSTATED),
        ("marian", ("ru", "kk"), ("", ""), "OPUS-MT (Marian)", "cc-by-4.0"),
        ("marian-multi", ("ru", "kk"), (">>kaz<<", ""), "OPUS-MT (Marian)", "cc-by-4.0"),
    ],
)
def test_a_checkpoint_becomes_an_installed_package_that_translates(
    cli: Cli,
    checkpoints: dict[str, Path],
    no_installed_models: Path,
    tmp_path: Path,
    name: str,
    pair: tuple[str, str],
    prefixes: tuple[str, str],
    family: str,
    licence: str,
) -> None:
    checkpoint = checkpoints[name]
    code, out, err = cli("models", "convert", checkpoint, "--from", pair[0], "--to", pair[1])
    assert code == 0, err
    lines = err.splitlines()
    assert lines[-1].startswith(f"installed argos {pair[0]}→{pair[1]} 1.0 ({family}) in ")
    assert sum(line.startswith("checked: ") for line in lines) == 2
    meta = metadata(no_installed_models)
    assert (meta["source_prefix"], meta["target_prefix"]) == prefixes
    assert (meta["from_code"], meta["to_code"], meta["package_version"]) == (*pair, "1.0")
    assert meta["family"] == family
    assert meta["source"] == str(checkpoint.resolve())
    assert meta["license"] == licence
    assert meta["quantization"] == "int8"
    assert "ctranslate2 " in meta["converted_with"] and "transformers " in meta["converted_with"]
    folder = package_folder(no_installed_models)
    config = json.loads((folder / "model" / "config.json").read_text())
    assert config["add_source_eos"] is True  # the </s> the model's tokenizer appends
    # The pipeline's tokenizer cuts text into pieces the model knows, and back.
    vocabulary = set(json.loads((folder / "model" / "shared_vocabulary.json").read_text()))
    tokenizer = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    text = russian() if pair[0] == "ru" else translated("en")
    for sentence in text[:20]:
        pieces = tokenizer.encode(sentence, out_type=str)
        assert set(pieces) <= vocabulary, sorted(set(pieces) - vocabulary)
        assert tokenizer.decode(pieces) == " ".join(sentence.split())
    assert all(p in vocabulary for p in " ".join(prefixes).split())
    code, out, _ = cli("models", "list")
    assert code == 0 and f"{pair[0]}\t{pair[1]}\t1.0\t{folder}" in out
    if pair[0] == "ru":
        # The first exchange of the sample (a random model writes the longest
        # output it may: the whole interview would take minutes).
        short = tmp_path / "short.txt"
        body = SAMPLE.read_text(encoding="utf-8").split("\n---\n", 1)[1]  # after the front matter
        exchange = [line for line in body.splitlines() if line][:2]
        short.write_text("\n\n".join(exchange) + "\n", encoding="utf-8")
        code, out, err = cli("-C", NO_GLOSSARY, "translate", short, "--to", pair[1])
        assert (code, err) == (0, ""), err
        assert out.count("\n") > 3


def test_marian_output_pieces_decode_with_the_one_tokenizer_a_package_holds(
    cli: Cli, checkpoints: dict[str, Path], no_installed_models: Path
) -> None:
    """OPUS-MT cuts its input and output with two SentencePiece models; an Argos
    package has one. The output's pieces are added to it, and the input is cut
    exactly as by the model's own source tokenizer."""
    checkpoint = checkpoints["marian"]
    code, _, err = cli("models", "convert", checkpoint, "--to", "kk")
    assert code == 0, err
    merged = spm.SentencePieceProcessor(
        model_file=str(package_folder(no_installed_models) / "sentencepiece.model")
    )
    source = spm.SentencePieceProcessor(model_file=str(checkpoint / "source.spm"))
    target = spm.SentencePieceProcessor(model_file=str(checkpoint / "target.spm"))
    for sentence in russian():
        assert merged.encode(sentence, out_type=str) == source.encode(sentence, out_type=str)
    for sentence in translated("kk"):
        pieces = target.encode(sentence, out_type=str)
        assert merged.decode(pieces) == target.decode(pieces)
    output_only = [
        target.id_to_piece(i)
        for i in range(target.get_piece_size())
        if source.piece_to_id(target.id_to_piece(i)) == source.unk_id()
    ]
    assert len(output_only) > 50  # the two tokenizers differ: the test means something


def test_a_new_conversion_replaces_the_pair_under_a_new_version_and_can_be_kept(
    cli: Cli, checkpoints: dict[str, Path], no_installed_models: Path, tmp_path: Path
) -> None:
    code, _, err = cli("models", "convert", checkpoints["nllb"], "--to", "kk")
    assert code == 0, err
    int8 = (package_folder(no_installed_models) / "model" / "model.bin").stat().st_size
    kept = tmp_path / "nllb-float32.argosmodel"
    code, _, err = cli(
        "models",
        "convert",
        checkpoints["nllb"],
        "--to",
        "kk",
        "--quantization",
        "float32",
        "--save",
        kept,
    )
    assert code == 0, err
    # A new version: the memory tells the new model's translations from the old one's.
    assert "replaced argos ru→kk 1.0" in err and "installed argos ru→kk 2.0" in err
    meta = metadata(no_installed_models)
    assert (meta["package_version"], meta["quantization"]) == ("2.0", "float32")
    float32 = (package_folder(no_installed_models) / "model" / "model.bin").stat().st_size
    assert float32 > 1.5 * int8  # int8 weights: a quarter of the bytes of the linear layers
    with zipfile.ZipFile(kept) as archive:
        assert "translate-ru_kk-2_0/metadata.json" in archive.namelist()
    code, _, err = cli("models", "remove", "ru", "kk")
    assert code == 0, err
    code, _, err = cli("models", "install", kept)
    assert code == 0 and "installed argos ru→kk 2.0" in err, err


@pytest.fixture(scope="module")
def working_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.modelkit import PackageSpec, build_package, train_sentencepiece

    folder = tmp_path_factory.mktemp("working")
    return build_package(
        folder / "ru_kk.argosmodel", PackageSpec("ru", "kk"), train_sentencepiece(sample_corpus())
    )


def broken(kind: str, checkpoints: dict[str, Path], tmp: Path) -> tuple[list[str], str]:
    """The arguments of a conversion that must fail, and what its line says."""
    nllb = checkpoints["nllb"]
    if kind == "no such folder":
        return [str(tmp / "missing"), "--to", "kk"], "no such checkpoint folder"
    if kind == "not a checkpoint":
        (tmp / "empty").mkdir()
        return [str(tmp / "empty"), "--to", "kk"], "not a Hugging Face checkpoint: no config.json"
    if kind == "unknown architecture":
        shutil.copytree(nllb, tmp / "bert")
        (tmp / "bert" / "config.json").write_text('{"model_type": "bert"}')
        return [str(tmp / "bert"), "--to", "kk"], "a 'bert' model is not a translation model"
    if kind == "no tokenizer":
        shutil.copytree(nllb, tmp / "nllb")
        (tmp / "nllb" / "sentencepiece.bpe.model").unlink()
        return [str(tmp / "nllb"), "--to", "kk"], "no sentencepiece.bpe.model"
    if kind == "another model's tokenizer":
        from tests import hfkit

        shutil.copytree(nllb, tmp / "nllb")
        other = hfkit.train(sample_corpus(), "unigram", vocab_size=3000)
        (tmp / "nllb" / "sentencepiece.bpe.model").write_bytes(other)
        return [str(tmp / "nllb"), "--to", "kk"], "the tokenizer does not belong to this model"
    if kind == "a language the card does not list":
        return (
            [str(checkpoints["marian-ru-en"]), "--to", "kk"],
            "this OPUS-MT (Marian) model does not translate Russian into Kazakh",
        )
    if kind == "a target without its language token":
        return (
            [str(checkpoints["marian-multi"]), "--to", "en"],
            "this OPUS-MT (Marian) model does not translate Russian into English",
        )
    if kind == "a hub name, offline":
        return (
            ["facebook/nllb-200-distilled-600M", "--to", "kk"],
            "cannot download facebook/nllb-200-distilled-600M from the Hugging Face Hub",
        )
    assert kind == "a pair the pipeline does not use"
    return [str(nllb), "--from", "en", "--to", "en"], "the pipeline uses en→kk, ru→en, ru→kk"


@pytest.mark.parametrize(
    "kind",
    [
        "no such folder",
        "not a checkpoint",
        "unknown architecture",
        "no tokenizer",
        "another model's tokenizer",
        "a language the card does not list",
        "a target without its language token",
        "a hub name, offline",
        "a pair the pipeline does not use",
    ],
)
def test_a_checkpoint_that_cannot_be_converted_is_one_line_and_changes_nothing(
    cli: Cli,
    checkpoints: dict[str, Path],
    working_package: Path,
    no_installed_models: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    code, _, err = cli("models", "install", working_package)
    assert code == 0, err
    before = snapshot(no_installed_models)
    arguments, expected = broken(kind, checkpoints, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))  # where the conversion builds
    code, out, err = cli("models", "convert", *arguments)
    assert (code, out) == (6, "")
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and expected in err, err
    assert snapshot(no_installed_models) == before
    assert not list(work.iterdir())


def test_without_the_extra_convert_says_how_to_install_it(
    cli: Cli,
    checkpoints: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    no_installed_models: Path,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "transformers", None)
    code, out, err = cli("models", "convert", checkpoints["nllb"], "--to", "kk")
    assert (code, out) == (6, "")
    assert err == "error: the converter is an optional extra: run 'make setup-convert'\n"
    assert not list(no_installed_models.iterdir())
